//! Making user text safe to show on a terminal.
//!
//! Ids, names and notes come from the team file and may hold escape
//! sequences, carriage returns or bidirectional overrides. Text output shows
//! such characters escaped (`\u{1b}`), so nothing in a team file can move the
//! cursor, recolour the terminal or reorder what the reader sees. JSON output
//! keeps the data exact instead.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal raw: C0 and C1 controls, DEL, and
/// the invisible characters that change the direction of text.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `s` with every unsafe character written as `\u{..}`.
pub fn escape(s: &str) -> Cow<'_, str> {
    // Printable ASCII, by far the common case, needs no look at characters.
    if is_printable_ascii(s) || !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// Whether `s` is all printable ASCII: checked a block at a time with no
/// early exit inside a block, which the compiler turns into vector code (a
/// report escapes every message, label and help line it shows).
pub fn is_printable_ascii(s: &str) -> bool {
    s.as_bytes().chunks(32).all(|block| {
        block
            .iter()
            .fold(true, |ok, &b| ok & (b' '..b'\x7f').contains(&b))
    })
}

/// Like [`escape`], keeping line breaks: for text of several lines that
/// is not the team file's (clap's messages, Graphviz's warnings).
pub fn escape_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let lines: Vec<Cow<'_, str>> = s.split('\n').map(escape).collect();
    Cow::Owned(lines.join("\n"))
}

fn push_escaped(out: &mut String, c: char) {
    if is_unsafe(c) {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

/// Escapes `line` like [`escape`] and moves the byte range `range` of the
/// original onto the escaped text, so a caret still points at the same thing.
pub fn escape_with_range(
    line: &str,
    range: std::ops::Range<usize>,
) -> (String, std::ops::Range<usize>) {
    if is_printable_ascii(line) {
        let start = range.start.min(line.len());
        return (line.to_owned(), start..range.end.min(line.len()).max(start));
    }
    let mut out = String::with_capacity(line.len() + 8);
    let (mut start, mut end) = (None, None);
    for (i, c) in line.char_indices() {
        if i >= range.start && start.is_none() {
            start = Some(out.len());
        }
        if i >= range.end && end.is_none() {
            end = Some(out.len());
        }
        push_escaped(&mut out, c);
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (out, start..end)
}

/// The width of `s` in terminal columns, counting every character as one.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Controls and bidi overrides are escaped; ordinary Unicode is not.
    #[test]
    fn escapes_only_unsafe_characters() {
        assert_eq!(escape("Zoë 🚀"), "Zoë 🚀");
        assert_eq!(
            escape("a\u{1b}[31mb\r\u{202e}"),
            "a\\u{1b}[31mb\\u{d}\\u{202e}"
        );
        assert_eq!(escape("\u{85}\u{7f}"), "\\u{85}\\u{7f}");
    }

    /// Line breaks stay; everything else unsafe is escaped.
    #[test]
    fn escape_lines_keeps_line_breaks() {
        assert_eq!(escape_lines("a\nb"), "a\nb");
        assert_eq!(escape_lines("a\r\n\u{1b}b\n"), "a\\u{d}\n\\u{1b}b\n");
    }

    /// The caret range follows the text it covered.
    #[test]
    fn range_follows_escapes() {
        let (line, range) = escape_with_range("a\u{7}b = 1", 2..3);
        assert_eq!(line, "a\\u{7}b = 1");
        assert_eq!(&line[range], "b");
    }
}
