//! chain: make the chains of internal customers in a team visible and checkable.
//!
//! A team file declares people, the roles they hold, external customers and
//! who hands work to whom. Data flows one way:
//!
//! ```text
//! file --load--> Org --graph--> CustomerGraph --walk--> map / check / export --> writer
//! ```
//!
//! The library never prints: commands write to the writers they are given,
//! and errors come back as [`Error`] for `main` to render.

#![deny(clippy::print_stdout, clippy::print_stderr)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod atomic;
pub mod card;
pub mod check;
pub mod cli;
mod cmd;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod export;
pub mod finding;
pub mod graph;
pub mod import;
pub mod interrupt;
pub mod json;
pub mod load;
pub mod map;
pub mod markup;
pub mod model;
pub mod page;
pub mod roster;
pub mod schema;
pub mod source;
pub mod spreadsheet;
pub mod starter;
pub mod stats;
pub mod suggest;
pub mod text;
pub mod walk;
pub mod workflow;

pub use cmd::{Exit, Output, run};
pub use error::Error;
