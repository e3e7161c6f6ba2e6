//! Writing the findings of `chain check`: one module per format, all
//! reading the same sorted findings.
//!
//! - `text`: rustc-style diagnostics and a summary line, for people;
//! - `json`: one JSON document, for scripts;
//! - `github`: GitHub Actions workflow commands, which show each finding
//!   on the pull request's diff;
//! - `sarif`: SARIF 2.1.0, for code scanning.

mod github;
pub(crate) mod json;
mod sarif;
mod text;

use std::io::{self, Write};

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::source::{FileId, LineCol, Sources, Span};

/// How to write the findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Diagnostics for people, with ANSI styles when `styled`.
    Text {
        /// Whether to emit ANSI styles.
        styled: bool,
    },
    /// One JSON document.
    Json,
    /// GitHub Actions workflow commands.
    Github,
    /// A SARIF 2.1.0 log.
    Sarif,
}

/// How many findings of each reported severity there are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Error-level findings: any of them fails the run.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
}

impl Summary {
    /// Counts `findings` (allowed ones are not counted).
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut summary = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Allow => {}
            }
        }
        summary
    }
}

/// Writes `findings` (in report order) in `format`.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    findings: &[Finding],
    sources: &Sources,
) -> io::Result<()> {
    let shown: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity != Severity::Allow)
        .collect();
    match format {
        Format::Text { styled } => text::write(out, &shown, sources, styled),
        Format::Json => json::write(out, &shown, sources),
        Format::Github => github::write(out, &shown, sources),
        Format::Sarif => sarif::write(out, &shown, sources),
    }
}

/// Where a finding is, as the formats that name file, line and column say
/// it. A finding about the whole organisation (no span) is placed in the
/// team file given, with no line.
pub(crate) struct Place<'a> {
    /// The file, as given on the command line or in an include.
    pub(crate) path: &'a str,
    /// Where the span starts, and where it ends (one past its last character).
    pub(crate) range: Option<(LineCol, LineCol)>,
}

impl<'a> Place<'a> {
    /// Where `f` is, in the files of `sources`.
    pub(crate) fn of(f: &Finding, sources: &'a Sources) -> Self {
        let Some(span) = f.span else {
            return Place {
                path: sources.path(FileId(0)),
                range: None,
            };
        };
        let end = Span::new(span.file, span.end()..span.end());
        Place {
            path: sources.path(span.file),
            range: Some((sources.line_col(span), sources.line_col(end))),
        }
    }
}
