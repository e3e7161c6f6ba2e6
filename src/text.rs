//! Making user text safe to show on a terminal.
//!
//! Ids, names and notes come from the team file and may hold escape
//! sequences, carriage returns, bidirectional overrides or invisible
//! characters. Text output shows such characters escaped (`\u{1b}`), so
//! nothing in a team file can move the cursor, recolour the terminal,
//! reorder what the reader sees, or make two different ids look the same
//! (`ana` and `a\u{200b}na`). JSON output keeps the data exact instead.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal raw: C0 and C1 controls, DEL, the
/// line and paragraph separators, and every character Unicode says to draw
/// as nothing (`Default_Ignorable_Code_Point`: zero-width spaces and
/// joiners, the marks and overrides that change the direction of text, the
/// byte order mark, variation selectors, Hangul fillers, tag characters).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || is_default_ignorable(c)
}

/// Unicode's `Default_Ignorable_Code_Point` property (DerivedCoreProperties,
/// Unicode 16), unassigned code points of its ranges included.
fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
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

/// "1 person", "3 people": `n` and the word that agrees with it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
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

    /// Characters drawn as nothing are escaped, so ids that differ by one
    /// cannot look alike: zero-width spaces and joiners, the byte order
    /// mark, word joiners, tag characters, fillers, variation selectors.
    #[test]
    fn escapes_invisible_characters() {
        for c in [
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{2060}',
            '\u{2064}',
            '\u{feff}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e007f}',
            '\u{ad}',
            '\u{3164}',
            '\u{fe0f}',
            '\u{2028}',
            '\u{1d173}',
        ] {
            let shown = escape(&format!("a{c}na")).into_owned();
            assert_eq!(shown, format!("a\\u{{{:x}}}na", u32::from(c)));
        }
        // Visible neighbours of the ranges stay as they are.
        assert_eq!(
            escape("\u{2010}\u{2070}\u{fe10}\u{e1000}"),
            "\u{2010}\u{2070}\u{fe10}\u{e1000}"
        );
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
