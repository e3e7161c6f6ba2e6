//! `chain diff` as Markdown: a compact pull-request comment, fit for
//! `$GITHUB_STEP_SUMMARY`. A heading naming the files, a summary line with
//! the bad news in bold, then one table per kind of change.
//!
//! Every string from a team file is escaped: control characters (newlines
//! included) are shown as `\u{..}` first, as in text output, so nothing can
//! end a table row; then every character Markdown (as GitHub reads it) would
//! take for syntax is backslash-escaped, so an id cannot open a link, an HTML
//! tag, a code span, emphasis, a math block or a new table cell.
//!
//! GitHub then links what it recognises in the text of the page, escaped or
//! not: `@name` and `@org/team` mentions (which notify people), `#12` and
//! `GH-12` references, bare `https://` and `www.` links, `a@b.c` addresses.
//! An empty HTML comment, which shows as nothing, is put inside each of
//! them (`@<!-- -->org/team`), so the text around it is no longer one piece
//! GitHub can match.
//!
//! A step summary holds at most 1 MiB; a longer one is cut at the last
//! whole line under [`MAX_BYTES`] with a note saying so.

use std::io::{self, Write};

use super::Diff;
use super::summary;
use super::table::{self, Table};

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

/// `s` safe inside a Markdown table cell or paragraph (see the module).
pub(super) fn escape(s: &str) -> String {
    let shown: Vec<char> = crate::text::escape(s).chars().collect();
    let mut out = String::with_capacity(shown.len() + 8);
    for (i, &c) in shown.iter().enumerate() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
        if breaks_after(&shown, i) {
            out.push_str("<!-- -->");
        }
    }
    out
}

/// Whether the character at `i` of `s` is where a mention, reference or
/// link GitHub would make is broken: after `@`, after the `#` of `#1`, the
/// `-` of `GH-1`, the `:` of `://` and the last `w` of `www.`.
fn breaks_after(s: &[char], i: usize) -> bool {
    let at = |j: usize| s.get(j).copied().unwrap_or(' ');
    let before = |n: usize| i.checked_sub(n).map_or(' ', at).to_ascii_lowercase();
    let digit_next = at(i + 1).is_ascii_digit();
    match at(i).to_ascii_lowercase() {
        '@' => true,
        '#' => digit_next,
        '-' => digit_next && before(2) == 'g' && before(1) == 'h',
        ':' => at(i + 1) == '/' && at(i + 2) == '/',
        'w' => at(i + 1) == '.' && before(2) == 'w' && before(1) == 'w',
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{CUT, cut, escape};

    /// Mentions, references and links are broken by an empty comment;
    /// other `@`, `#`, `:` and `w` are left alone.
    #[test]
    fn breaks_what_github_links() {
        assert_eq!(escape("@org/team"), "@<!-- -->org/team");
        assert_eq!(escape("ana@example.com"), "ana@<!-- -->example.com");
        assert_eq!(
            escape("see #12, GH-7, gh-8"),
            "see \\#<!-- -->12, GH-<!-- -->7, gh-<!-- -->8"
        );
        assert_eq!(
            escape("https://x.test WWW.y.test"),
            "https:<!-- -->//x.test WWW<!-- -->.y.test"
        );
        assert_eq!(escape("a: b, #x, www, gh-x"), "a: b, \\#x, www, gh-x");
    }

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
