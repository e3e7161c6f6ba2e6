//! Every command line the robustness tests run on a team file: each
//! command in each of its formats and views. The terminal-safety tests run
//! all of them on hostile files and paths, the output-safety tests with a
//! full or closed standard output, and the property tests on random
//! organisations, checking that the same input always gives the same bytes.
//!
//! A new command adds its lines to [`RUNS`] and is covered by all of them.

use std::ffi::OsString;

/// Stands for the team file.
pub const FILE: &str = "{file}";
/// Stands for a second team file, for commands that compare two.
pub const OTHER: &str = "{other}";
/// Stands for an id declared in the team file.
pub const ID: &str = "{id}";

/// Every command line, with [`FILE`], [`OTHER`] and [`ID`] to fill in.
pub const RUNS: &[&[&str]] = &[
    &["check", FILE],
    &["check", FILE, "--format", "json"],
    &["check", FILE, "--format", "github"],
    &["check", FILE, "--format", "sarif"],
    &["check", FILE, "--deny", "warnings"],
    &["map", FILE],
    &["map", FILE, "--format", "json"],
    &["map", FILE, "--chain-limit", "1"],
    &["map", FILE, ID],
    &["map", FILE, ID, "--format", "json"],
    &["map", FILE, ID, "--upstream", "--depth", "1"],
    &["map", FILE, ID, "--upstream", "--format", "json"],
    &["stats", FILE],
    &["stats", FILE, "--format", "json", "--top", "0"],
    &["graph", FILE],
    &["graph", FILE, "--format", "mermaid"],
    &["graph", FILE, "--format", "json"],
    &["graph", FILE, "--collapse", "roles", "--group-by", "role"],
    &["graph", FILE, "--collapse", "teams", "--format", "json"],
    &["graph", FILE, "--focus", ID, "--format", "mermaid"],
    &["graph", FILE, "--focus", ID, "--upstream", "--depth", "1"],
    &["diff", OTHER, FILE],
    &["diff", OTHER, FILE, "--format", "json"],
    &["diff", FILE, OTHER, "--format", "markdown"],
    &["diff", FILE, "--without", ID],
    &["diff", FILE, "--without", ID, "--format", "json"],
    &["diff", FILE, "--without", ID, "--format", "markdown"],
    &["diff", FILE, "--without", ID, "--fail-on", "lost-chain"],
    // Commands that read no team file print the same for any.
    &["init", "-"],
    &["schema"],
    &["completions", "bash"],
    &["man", "map"],
];

/// What a run writes to standard output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Text for a terminal.
    Text,
    /// One JSON document.
    Json,
    /// Graphviz DOT.
    Dot,
}

/// The shape of what `run` writes.
pub fn shape(run: &[&str]) -> Shape {
    let format = run
        .iter()
        .position(|&a| a == "--format")
        .and_then(|i| run.get(i + 1).copied());
    match (run.first().copied(), format) {
        (_, Some("json" | "sarif")) | (Some("schema"), _) => Shape::Json,
        (Some("graph"), None | Some("dot")) => Shape::Dot,
        _ => Shape::Text,
    }
}

/// `run` with its placeholders filled in.
pub fn fill(run: &[&str], file: &OsString, other: &OsString, id: &str) -> Vec<OsString> {
    run.iter()
        .map(|&a| match a {
            FILE => file.clone(),
            OTHER => other.clone(),
            ID => id.into(),
            _ => a.into(),
        })
        .collect()
}

/// Whether `run` reads a team file.
pub fn reads_file(run: &[&str]) -> bool {
    run.contains(&FILE)
}
