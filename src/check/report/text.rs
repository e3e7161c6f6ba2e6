//! The text report: each finding rustc-style (through the shared
//! [`DiagnosticRenderer`], with the source lines it points at), then a
//! summary line.

use std::io::{self, Write};

use anstyle::AnsiColor;

use super::Summary;
use crate::diagnostic::DiagnosticRenderer;
use crate::finding::Finding;
use crate::source::{FileId, Sources};
use crate::text::escape;

/// Writes the diagnostics, a blank line after each, and the summary.
pub fn write(
    out: &mut dyn Write,
    findings: &[&Finding],
    sources: &Sources,
    styled: bool,
) -> io::Result<()> {
    let renderer = DiagnosticRenderer::new(sources, styled);
    let mut buffer = Vec::new();
    for f in findings {
        buffer.clear();
        renderer.write_finding(f, &mut buffer);
        buffer.extend_from_slice(b"\n\n");
        out.write_all(&buffer)?;
    }
    let path = escape(sources.path(FileId(0)));
    let (line, color) = match Summary::of(findings.iter().copied()) {
        Summary {
            errors: 0,
            warnings: 0,
        } => (format!("{path}: no errors or warnings"), AnsiColor::Green),
        Summary { errors, warnings } => (
            format!(
                "{path}: {}, {}",
                count(errors, "error"),
                count(warnings, "warning")
            ),
            if errors > 0 {
                AnsiColor::Red
            } else {
                AnsiColor::Yellow
            },
        ),
    };
    if styled {
        let style = color.on_default().bold();
        writeln!(out, "{style}{line}{style:#}")
    } else {
        writeln!(out, "{line}")
    }
}

/// "1 error", "2 errors".
fn count(n: usize, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{n} {what}{s}")
}
