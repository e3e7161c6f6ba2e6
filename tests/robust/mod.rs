//! Robustness (issue 6): whatever a team file or a command line holds,
//! chain answers with a result or a clear error and never damages what the
//! user had. See docs/RELIABILITY.md.
//!
//! [`commands::RUNS`] lists every command line these tests run on a team
//! file; a new command adds its lines there.

mod commands;
mod corpus;
mod limits;
mod output;
mod props;
mod terminal;
