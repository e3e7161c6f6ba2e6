//! `chain diff` as Markdown: a compact pull-request comment, fit for
//! `$GITHUB_STEP_SUMMARY`. A heading naming the files, a summary line with
//! the bad news in bold, then one table per kind of change.
//!
//! Every string from a team file is escaped ([`crate::markup::markdown`]),
//! so nothing can end a table row, open a link or mention anyone.

use std::io::{self, Write};

use super::Diff;
use super::summary;
use super::table::{self, Table};
use crate::markup::markdown as escape;

/// Writes the diff; each table shows at most `max_rows` rows (0: all).
pub(super) fn write(diff: &Diff<'_>, out: &mut dyn Write, max_rows: usize) -> io::Result<()> {
    writeln!(
        out,
        "### chain diff: {}\n",
        escape(&summary::headline(diff))
    )?;
    let parts = summary::summary(diff);
    if parts.is_empty() {
        writeln!(
            out,
            "No change to people, roles, external customers, handoffs, distances or findings."
        )?;
    } else {
        let line: Vec<String> = parts
            .iter()
            .map(|p| {
                if p.bad {
                    format!("**{}**", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect();
        writeln!(out, "{}", line.join(" · "))?;
    }
    for t in table::tables(diff) {
        section(out, &t, max_rows)?;
    }
    Ok(())
}

fn section(out: &mut dyn Write, t: &Table, max_rows: usize) -> io::Result<()> {
    writeln!(out, "\n#### {}\n", t.title)?;
    writeln!(out, "| {} |", t.columns.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(t.columns.len()))?;
    let shown = t.shown(max_rows);
    for row in t.rows.iter().take(shown) {
        let cells: Vec<String> = row.cells.iter().map(|c| escape(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    if shown < t.rows.len() {
        writeln!(
            out,
            "\n_…and {} more; `chain diff --format json` lists them all._",
            t.rows.len() - shown
        )?;
    }
    Ok(())
}
