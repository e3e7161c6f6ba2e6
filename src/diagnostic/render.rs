//! Drawing a [`Layout`] rustc-style, byte for byte as annotate-snippets 0.12
//! draws the same diagnostic (`tests.rs` holds the two side by side), at a
//! small part of its cost: the text is written row by row, not laid out in a
//! grid of styled cells first.
//!
//! ```text
//! warning[code]: message
//!  --> path:line:column
//!   |
//! 9 | the source line
//!   |     ^^^^^^ label
//!   |
//!   = help: help
//! ```

use super::layout::{Excerpt, Layout};
use super::paint::{Paint, Painter, Styles};
use super::snippet::{self, Marks};
use super::width::normalize;

/// Appends the diagnostic's text, without a final newline, to `out`.
pub(super) fn render(layout: &Layout<'_>, styles: Styles, out: &mut Vec<u8>) {
    out.reserve(capacity(layout));
    let mut p = Painter::new(out, styles);
    title(&mut p, layout);
    let gutter = layout.excerpt.as_ref().map_or(0, |e| digits(e.line_number));
    if let Some(excerpt) = &layout.excerpt {
        self::excerpt(&mut p, excerpt, gutter);
    }
    if let Some(help) = &layout.help {
        separator(&mut p, gutter);
        p.row();
        p.spaces(gutter + 1);
        p.put("= ", Paint::Gutter);
        p.put("help", Paint::Emphasis);
        p.put(": ", Paint::Plain);
        p.put(help, Paint::Plain);
    }
    p.finish();
}

/// `error[code]: message`.
fn title(p: &mut Painter<'_>, layout: &Layout<'_>) {
    p.row();
    p.put(if layout.error { "error" } else { "warning" }, Paint::Level);
    if let Some(code) = layout.code {
        p.put("[", Paint::Level);
        p.put(code, Paint::Level);
        p.put("]", Paint::Level);
    }
    p.put(": ", Paint::Emphasis);
    p.put(&normalize(&layout.message), Paint::Emphasis);
}

/// The location, a separator, the source line and the caret line.
fn excerpt(p: &mut Painter<'_>, e: &Excerpt<'_>, gutter: usize) {
    let marks = Marks::new(&e.text, e.span.clone());
    p.row();
    p.spaces(gutter);
    p.put("--> ", Paint::Gutter);
    p.put(&e.path, Paint::Plain);
    p.char(':', Paint::Plain);
    p.number(e.line_number, Paint::Plain);
    p.char(':', Paint::Plain);
    p.number(e.column.unwrap_or(marks.start.char + 1), Paint::Plain);
    separator(p, gutter);
    snippet::rows(p, e, &marks, gutter);
}

/// An empty row of the gutter: `  |`.
fn separator(p: &mut Painter<'_>, gutter: usize) {
    p.row();
    p.spaces(gutter + 1);
    p.put("|", Paint::Gutter);
}

/// The number of decimal digits of `n`: the width of the line numbers.
fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// Room for the whole text, styles aside, so it is written without growing.
fn capacity(layout: &Layout<'_>) -> usize {
    let excerpt = layout.excerpt.as_ref().map_or(0, |e| {
        e.path.len() + 2 * e.text.len() + e.label.as_ref().map_or(0, |l| l.len()) + 64
    });
    layout.message.len() + layout.help.as_ref().map_or(0, |h| h.len()) + excerpt + 64
}
