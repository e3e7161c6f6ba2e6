//! The text report: each finding rustc-style (through the shared
//! [`DiagnosticRenderer`], with the source lines it points at), then a
//! summary line. With a baseline, known findings are only counted, and the
//! stale entries are listed before the summary.

use std::io::{self, Write};

use anstyle::AnsiColor;

use super::{Summary, View};
use crate::check::baseline::Entry;
use crate::diagnostic::DiagnosticRenderer;
use crate::finding::Finding;
use crate::source::FileId;
use crate::text::escape;

/// Writes the diagnostics, a blank line after each, and the summary.
pub fn write(out: &mut dyn Write, view: &View<'_>, styled: bool) -> io::Result<()> {
    let sources = view.sources;
    let findings: Vec<&Finding> = view.new_findings().collect();
    let renderer = DiagnosticRenderer::new(sources, styled);
    let mut buffer = Vec::new();
    for f in findings {
        buffer.clear();
        renderer.write_finding(f, &mut buffer);
        buffer.extend_from_slice(b"\n\n");
        out.write_all(&buffer)?;
    }
    write_stale(out, view.stale)?;
    let path = escape(sources.path(FileId(0)));
    let new = if view.baseline { "new " } else { "" };
    let (mut line, color) = match view.summary() {
        Summary {
            errors: 0,
            warnings: 0,
        } => (
            format!("{path}: no {new}errors or warnings"),
            AnsiColor::Green,
        ),
        Summary { errors, warnings } => (
            format!(
                "{path}: {}, {}",
                count(errors, &format!("{new}error")),
                count(warnings, "warning")
            ),
            if errors > 0 {
                AnsiColor::Red
            } else {
                AnsiColor::Yellow
            },
        ),
    };
    if view.baseline {
        line.push_str(&format!(
            "; {} known (in the baseline), {} stale",
            view.known(),
            entries(view.stale.len())
        ));
    }
    if styled {
        let style = color.on_default().bold();
        writeln!(out, "{style}{line}{style:#}")
    } else {
        writeln!(out, "{line}")
    }
}

/// The baseline's entries that no longer occur, one line each.
fn write_stale(out: &mut dyn Write, stale: &[Entry]) -> io::Result<()> {
    if stale.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{} no longer found: take {} out of the baseline, or write it anew with `--write-baseline`",
        entries(stale.len()),
        if stale.len() == 1 { "it" } else { "them" }
    )?;
    for e in stale {
        let was = match (&e.line, &e.message) {
            (Some(line), Some(message)) => format!(" (line {line}: {message})"),
            (None, Some(message)) => format!(" ({message})"),
            _ => String::new(),
        };
        writeln!(out, "  stale  {}{}", escape(&e.describe()), escape(&was))?;
    }
    writeln!(out)
}

/// "1 baseline entry", "2 baseline entries".
fn entries(n: usize) -> String {
    let s = if n == 1 { "entry" } else { "entries" };
    format!("{n} baseline {s}")
}

/// "1 error", "2 errors".
fn count(n: usize, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{n} {what}{s}")
}
