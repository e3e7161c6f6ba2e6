//! Robustness: whatever a team file or a command line holds,
//! chain answers with a result or a clear error and never damages what the
//! user had. See docs/RELIABILITY.md. Safety against a hostile team file in
//! a pull request's CI (`confined`, `inert`, `written`, with the
//! `hostile` scene they share): see docs/SECURITY.md.
//!
//! [`commands::RUNS`] lists every command line these tests run on a team
//! file; a new command adds its lines there.

mod commands;
mod confined;
mod corpus;
mod hostile;
mod inert;
mod limits;
mod output;
mod props;
mod terminal;
mod written;
