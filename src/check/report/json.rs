//! The JSON report: `{"findings": [...], "summary": {"errors", "warnings"}}`.
//!
//! Each finding has `code`, `severity`, `message`, `file`, `line` and
//! `column` (1-based, columns in characters; both `null` for a finding
//! about the whole organisation), `help` (or `null`) and `ids`, the ids it
//! is about. Strings are kept exact: JSON escapes what it must.

use std::io::{self, Write};

use compact_str::CompactString;
use serde::Serialize;

use super::{Place, Summary};
use crate::finding::{Code, Finding, Severity};
use crate::source::Sources;

#[derive(Serialize)]
struct Report<'a> {
    findings: Vec<FindingJson<'a>>,
    summary: Summary,
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
        }
    }
}

/// Writes the report as one line of JSON.
pub fn write(out: &mut dyn Write, findings: &[&Finding], sources: &Sources) -> io::Result<()> {
    let report = Report {
        findings: findings
            .iter()
            .map(|f| FindingJson::new(f, sources))
            .collect(),
        summary: Summary::of(findings.iter().copied()),
    };
    crate::json::to_writer(&mut *out, &report)?;
    writeln!(out)
}
