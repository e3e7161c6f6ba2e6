//! Writing the findings of `chain check`: one module per format, all
//! reading the same sorted findings.
//!
//! - `text`: rustc-style diagnostics and a summary line, for people;
//! - `json`: one JSON document, for scripts;
//! - `github`: GitHub Actions workflow commands, which show each finding
//!   on the pull request's diff;
//! - `sarif`: SARIF 2.1.0, for code scanning;
//! - `junit`: JUnit XML, for the CI servers that show test results;
//! - `gitlab`: GitLab Code Quality JSON, for merge requests.
//!
//! With a baseline ([`crate::check::baseline`]), the findings it has are
//! known: the formats people read (text, GitHub, GitLab) leave them out
//! and count them, JUnit marks them skipped, and JSON and SARIF keep them
//! with their state. Stale entries are listed by every format that has a
//! place for them.

mod github;
mod gitlab;
pub(crate) mod json;
mod junit;
mod sarif;
mod text;

use std::io::{self, Write};

use serde::Serialize;

use super::baseline::{Compared, Entry};
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
    /// A JUnit XML report.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
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
    write_compared(out, format, findings, sources, None)
}

/// Writes `findings` (in report order) in `format`, each known or new as
/// `baseline` says when one is given (see the module's documentation).
pub fn write_compared(
    out: &mut dyn Write,
    format: Format,
    findings: &[Finding],
    sources: &Sources,
    baseline: Option<&Compared>,
) -> io::Result<()> {
    let view = View::new(findings, sources, baseline);
    match format {
        Format::Text { styled } => text::write(out, &view, styled),
        Format::Json => json::write(out, &view),
        Format::Github => github::write(out, &view),
        Format::Sarif => sarif::write(out, &view),
        Format::Junit => junit::write(out, &view),
        Format::Gitlab => gitlab::write(out, &view),
    }
}

/// Whether a finding is in the baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    /// Not in the baseline: it fails the run as usual.
    New,
    /// In the baseline: reported as known, never failing.
    Known,
}

impl State {
    /// The name in JSON.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            State::New => "new",
            State::Known => "known",
        }
    }
}

/// What every format writes from: the findings reported (allowed ones
/// left out), each with its state when there is a baseline, and the
/// baseline's stale entries.
pub(crate) struct View<'a> {
    /// The findings, in report order.
    pub(crate) findings: Vec<(&'a Finding, Option<State>)>,
    /// The baseline's entries that matched nothing (empty without one).
    pub(crate) stale: &'a [Entry],
    /// Whether a baseline was given.
    pub(crate) baseline: bool,
    /// The files the findings are in.
    pub(crate) sources: &'a Sources,
}

impl<'a> View<'a> {
    fn new(findings: &'a [Finding], sources: &'a Sources, compared: Option<&'a Compared>) -> Self {
        let state = |i: usize| {
            compared.map(|c| match c.known.get(i) {
                Some(true) => State::Known,
                _ => State::New,
            })
        };
        View {
            findings: findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.severity != Severity::Allow)
                .map(|(i, f)| (f, state(i)))
                .collect(),
            stale: compared.map_or(&[], |c| c.stale.as_slice()),
            baseline: compared.is_some(),
            sources,
        }
    }

    /// The findings that are not known: what fails the run.
    pub(crate) fn new_findings(&self) -> impl Iterator<Item = &'a Finding> + '_ {
        self.findings
            .iter()
            .filter(|(_, s)| *s != Some(State::Known))
            .map(|(f, _)| *f)
    }

    /// How many findings are known.
    pub(crate) fn known(&self) -> usize {
        self.findings
            .iter()
            .filter(|(_, s)| *s == Some(State::Known))
            .count()
    }

    /// The counts of the findings that are not known.
    pub(crate) fn summary(&self) -> Summary {
        Summary::of(self.new_findings())
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
