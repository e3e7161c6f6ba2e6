//! The JSON report: `{"findings": [...], "summary": {"errors", "warnings"}}`.
//!
//! Each finding has `code`, `severity`, `message`, `file`, `line` and
//! `column` (1-based, columns in characters; both `null` for a finding
//! about the whole organisation), `help` (or `null`) and `ids`, the ids it
//! is about. Strings are kept exact: JSON escapes what it must.
//!
//! With a baseline, each finding also has `baseline` (`known` or `new`),
//! the report has `stale` (the baseline's entries that matched nothing, as
//! they were written there), and the summary counts `known` and `stale`;
//! `errors` and `warnings` then count the new findings only.

use std::io::{self, Write};

use compact_str::CompactString;
use serde::Serialize;

use super::{Place, State, View};
use crate::check::baseline::Entry;
use crate::finding::{Code, Finding, Severity};
use crate::source::Sources;

#[derive(Serialize)]
struct Report<'a> {
    findings: Vec<FindingJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stale: Option<&'a [Entry]>,
    summary: SummaryJson,
}

#[derive(Serialize)]
struct SummaryJson {
    errors: usize,
    warnings: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    known: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stale: Option<usize>,
}

/// One finding as JSON; `chain diff` writes its findings in this shape too.
#[derive(Serialize)]
pub(crate) struct FindingJson<'a> {
    code: Code,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    help: Option<&'a str>,
    ids: &'a [CompactString],
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'static str>,
}

impl<'a> FindingJson<'a> {
    /// `f`, placed in the files of `sources`.
    pub(crate) fn new(f: &'a Finding, sources: &'a Sources) -> Self {
        let place = Place::of(f, sources);
        let start = place.range.map(|(start, _)| start);
        FindingJson {
            code: f.code,
            severity: f.severity,
            message: &f.message,
            file: place.path,
            line: start.map(|s| s.line),
            column: start.map(|s| s.column),
            help: f.help.as_deref(),
            ids: &f.ids,
            baseline: None,
        }
    }
}

/// Writes the report as one line of JSON.
pub fn write(out: &mut dyn Write, view: &View<'_>) -> io::Result<()> {
    let summary = view.summary();
    let report = Report {
        findings: view
            .findings
            .iter()
            .map(|(f, state)| FindingJson {
                baseline: state.map(State::as_str),
                ..FindingJson::new(f, view.sources)
            })
            .collect(),
        stale: view.baseline.then_some(view.stale),
        summary: SummaryJson {
            errors: summary.errors,
            warnings: summary.warnings,
            known: view.baseline.then(|| view.known()),
            stale: view.baseline.then_some(view.stale.len()),
        },
    };
    crate::json::to_writer(&mut *out, &report)?;
    writeln!(out)
}
