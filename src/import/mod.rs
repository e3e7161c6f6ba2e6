//! `chain import`: a draft team file from a roster ([`draft()`]), or the
//! people on a roster who are missing from a team file added to it
//! ([`merge()`]).
//!
//! Both write TOML text, never a parsed-and-reprinted document: a merge
//! appends to the file as it is, so every comment, handoff and layout
//! written by hand stays byte for byte.

mod draft;
mod merge;
mod roles;
mod toml_text;

pub use draft::{Draft, draft};
pub use merge::{Merged, merge};
