//! How wide text is on a terminal, and the characters swapped before it is
//! shown, by the rules of annotate-snippets 0.12 (and rustc before it), so
//! carets and cut lines land in the same columns as there.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use crate::text::is_printable_ascii;

/// The columns `c` takes: a tab four, the control characters annotate-snippets
/// shows as visible symbols one, everything else what Unicode says (one if
/// Unicode has no width for it).
pub(super) fn char_width(c: char) -> usize {
    match c {
        '\t' => 4,
        '\u{0}'..='\u{8}'
        | '\u{b}'..='\u{1f}'
        | '\u{7f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => 1,
        _ => c.width().unwrap_or(1),
    }
}

/// The columns `s` takes, character by character.
pub(super) fn str_width(s: &str) -> usize {
    if is_printable_ascii(s) {
        return s.len();
    }
    s.chars().map(char_width).sum()
}

/// The characters and text a line position both counts in one go: the
/// number of characters before it and their width.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Loc {
    /// Characters before the position.
    pub(super) char: usize,
    /// Columns before the position.
    pub(super) display: usize,
}

impl Loc {
    /// The position at the end of `before`.
    pub(super) fn after(before: &str) -> Self {
        if is_printable_ascii(before) {
            return Loc {
                char: before.len(),
                display: before.len(),
            };
        }
        before.chars().fold(Loc::default(), |loc, c| Loc {
            char: loc.char + 1,
            display: loc.display + char_width(c),
        })
    }
}

/// The columns of leading whitespace in `line` (a tab four), or 0 for a
/// line of nothing but whitespace: what a shown line may be shifted left by.
pub(super) fn leading_whitespace(line: &str) -> usize {
    if !line.chars().any(|c| !c.is_whitespace()) {
        return 0;
    }
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// `s` with the characters a terminal shows unreliably swapped for
/// visible ones, as annotate-snippets does to titles and source lines.
/// [`crate::text::escape`] has already escaped most of them; the zero-width
/// joiner, which it keeps, is dropped here.
pub(super) fn normalize(s: &str) -> Cow<'_, str> {
    if is_printable_ascii(s) || !s.chars().any(|c| replacement(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match replacement(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// What annotate-snippets shows instead of `c`, if anything.
fn replacement(c: char) -> Option<&'static str> {
    const CONTROL_PICTURES: [&str; 32] = [
        "␀", "␁", "␂", "␃", "␄", "␅", "␆", "␇", "␈", "    ", "\n", "␋", "␌", "␍", "␎", "␏", "␐",
        "␑", "␒", "␓", "␔", "␕", "␖", "␗", "␘", "␙", "␚", "␛", "␜", "␝", "␞", "␟",
    ];
    match c {
        // A line feed is not replaced: it is the one control kept as is.
        '\n' => None,
        '\u{0}'..='\u{1f}' => CONTROL_PICTURES.get(usize::from(c as u8)).copied(),
        '\u{7f}' => Some("␡"),
        '\u{200d}' => Some(""),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some("\u{fffd}"),
        _ => None,
    }
}
