//! `chain diff` as Markdown: a compact pull-request comment, fit for
//! `$GITHUB_STEP_SUMMARY`. A heading naming the files, a summary line with
//! the bad news in bold, then one table per kind of change.
//!
//! Every string from a team file is escaped: control characters (newlines
//! included) are shown as `\u{..}` first, as in text output, so nothing can
//! end a table row; then every character Markdown (as GitHub reads it) would
//! take for syntax is backslash-escaped, so an id cannot open a link, an HTML
//! tag, a code span, emphasis, a math block or a new table cell.

use std::io::{self, Write};

use super::Diff;
use super::summary;
use super::table::{self, Table};

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

/// `s` safe inside a Markdown table cell or paragraph (see the module).
pub(super) fn escape(s: &str) -> String {
    let shown = crate::text::escape(s);
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    /// Pipes, backticks, HTML, emphasis and newlines cannot escape a cell.
    #[test]
    fn escapes_markdown_and_controls() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("`x`"), "\\`x\\`");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(
            escape("**b** _i_ [l](u) $m$"),
            "\\*\\*b\\*\\* \\_i\\_ \\[l\\](u) \\$m\\$"
        );
        assert_eq!(escape("one\ntwo"), "one\\\\u{a}two");
        assert_eq!(escape("a\\b &amp;"), "a\\\\b \\&amp;");
        assert_eq!(escape("Zoë mei-lin"), "Zoë mei-lin");
    }
}
