//! `chain diff` as Markdown: a compact pull-request comment, fit for
//! `$GITHUB_STEP_SUMMARY`. A heading naming the files, a summary line with
//! the bad news in bold, then one table per kind of change.
//!
//! Every string from a team file is escaped ([`crate::markup::markdown`]),
//! so nothing can end a table row, open a link or mention anyone.
//!
//! A step summary holds at most 1 MiB; a longer one is cut at the last
//! whole line under [`MAX_BYTES`] with a note saying so.

use std::io::{self, Write};

use super::Diff;
use super::summary;
use super::table::{self, Table};
use crate::markup::markdown as escape;

/// The most bytes of Markdown written: under GitHub's 1 MiB for a step
/// summary (1,048,576 bytes), with room for what else the step writes.
pub const MAX_BYTES: usize = 1_000_000;

/// Written where a summary too long for GitHub is cut.
const CUT: &str = "\n_The summary stops here: GitHub shows at most 1 MiB of a step summary. \
                   `chain diff --format json` lists everything._\n";

/// Writes the diff; each table shows at most `max_rows` rows (0: all).
pub(super) fn write(diff: &Diff<'_>, out: &mut dyn Write, max_rows: usize) -> io::Result<()> {
    let mut text = Vec::new();
    write_all(diff, &mut text, max_rows)?;
    out.write_all(cut(&text, MAX_BYTES))?;
    if text.len() > MAX_BYTES {
        out.write_all(CUT.as_bytes())?;
    }
    Ok(())
}

/// `text` whole if it is at most `max` bytes, else its whole lines that
/// leave room for the note under `max`.
fn cut(text: &[u8], max: usize) -> &[u8] {
    if text.len() <= max {
        return text;
    }
    let room = text.get(..max - CUT.len()).unwrap_or_default();
    let end = room.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    room.get(..end).unwrap_or_default()
}

fn write_all(diff: &Diff<'_>, out: &mut dyn Write, max_rows: usize) -> io::Result<()> {
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

#[cfg(test)]
mod tests {
    use super::{CUT, cut};

    /// A summary past the limit is cut at a line, leaving room for the note.
    #[test]
    fn cuts_at_a_line() {
        let text = format!("{}\n{}\n", "a".repeat(10), "b".repeat(2 * CUT.len()));
        assert_eq!(cut(text.as_bytes(), text.len()), text.as_bytes());
        let max = 11 + CUT.len() + 5;
        assert_eq!(
            cut(text.as_bytes(), max),
            format!("{}\n", "a".repeat(10)).as_bytes()
        );
    }
}
