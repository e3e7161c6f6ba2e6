//! The source line and the caret line under it, cut to fit the terminal
//! where annotate-snippets 0.12 would cut them.

use std::ops::Range;

use super::cells::Cells;
use super::layout::Excerpt;
use super::margin::{Margin, Measures};
use super::paint::{Paint, Painter};
use super::width::{Loc, char_width, leading_whitespace, normalize, str_width};

/// The width annotate-snippets draws within by default.
const TERM_WIDTH: usize = 140;

/// The `...` of a cut line or span.
const MARGIN: &str = "...";

/// The span's start and end in the line.
#[derive(Clone, Copy, Debug)]
pub(super) struct Marks {
    /// Where the caret starts.
    pub(super) start: Loc,
    /// Where it ends: at least one column after the start, so an empty
    /// span still gets a caret.
    pub(super) end: Loc,
}

impl Marks {
    /// The marks of byte range `span` of `text`.
    pub(super) fn new(text: &str, span: Range<usize>) -> Self {
        let start = Loc::after(text.get(..span.start).unwrap_or(text));
        let mut end = if span.end == span.start {
            start
        } else {
            Loc::after(text.get(..span.end).unwrap_or(text))
        };
        if end.display == start.display {
            end.display += 1;
        }
        Marks { start, end }
    }

    /// The caret's width in columns.
    fn width(&self) -> usize {
        self.end.display - self.start.display
    }
}

/// Writes the numbered source line and the caret line with its label.
pub(super) fn rows(p: &mut Painter<'_>, e: &Excerpt<'_>, marks: &Marks, gutter: usize) {
    let code_offset = gutter + 3;
    let label_right = marks.end.display + e.label.as_ref().map_or(0, |l| str_width(l) + 1);
    let margin = Margin::new(Measures {
        whitespace: leading_whitespace(&e.text),
        span_left: marks.start.display,
        span_right: marks.end.display,
        label_right,
        term_width: TERM_WIDTH.saturating_sub(code_offset),
        line_len: str_width(&e.text),
    });
    let line = normalize(&e.text);
    let line_len = str_width(&line);
    let fits = !margin.was_cut_left() && margin.right(line_len) >= line_len;
    if fits && !long_span(marks, &margin) {
        whole_rows(p, e, &line, marks, gutter);
    } else {
        let rows = CutRows::new(e, &line, marks, &margin, gutter);
        p.row();
        rows.code.paint(p);
        p.row();
        rows.carets.paint(p);
    }
}

/// Whether the span is so wide that its middle is left out.
fn long_span(marks: &Marks, margin: &Margin) -> bool {
    let width = marks.width();
    width > margin.term_width * 2 && width > MIN_PAD * 2 + MARGIN.len()
}

/// The least of a long span kept on each side of its `...`.
const MIN_PAD: usize = 5;

/// The rows of a line shown whole, written straight out: the common case.
fn whole_rows(p: &mut Painter<'_>, e: &Excerpt<'_>, line: &str, marks: &Marks, gutter: usize) {
    p.row();
    p.number(e.line_number, Paint::Gutter);
    p.spaces(1);
    p.put("|", Paint::Gutter);
    if !line.is_empty() {
        p.spaces(1);
        p.put(line, Paint::Plain);
    }
    p.row();
    p.spaces(gutter + 1);
    p.put("|", Paint::Gutter);
    p.spaces(1 + marks.start.display);
    p.repeat(b'^', marks.width(), Paint::Level);
    if let Some(label) = e.label.as_deref().filter(|l| !l.is_empty()) {
        p.spaces(1);
        p.put(label, Paint::Level);
    }
}

/// The rows of a line cut to fit, laid out in cells as annotate-snippets
/// lays them out.
struct CutRows {
    code: Cells,
    carets: Cells,
}

impl CutRows {
    fn new(e: &Excerpt<'_>, line: &str, marks: &Marks, margin: &Margin, gutter: usize) -> Self {
        let code_offset = gutter + 3;
        let mut code = Cells::default();
        let left = cut_code(&mut code, line, margin, code_offset);
        code.puts(0, &e.line_number.to_string(), Paint::Gutter);
        code.putc(gutter + 1, '|', Paint::Gutter);
        let mut carets = Cells::default();
        carets.putc(gutter + 1, '|', Paint::Gutter);
        let after = if marks.end.display == 0 { 2 } else { 1 };
        if let Some(label) = &e.label {
            let col = (marks.end.display + after).saturating_sub(left);
            carets.puts(code_offset + col, label, Paint::Level);
        }
        for col in marks.start.display..marks.end.display {
            carets.putc((code_offset + col).saturating_sub(left), '^', Paint::Level);
        }
        if long_span(marks, margin) {
            let pad = (margin.term_width / 3).max(MIN_PAD);
            let from = code_offset + (marks.start.display + pad).saturating_sub(left);
            let to = code_offset + marks.end.display.saturating_sub(pad).saturating_sub(left);
            code.replace(from, to, MARGIN);
            carets.replace(from, to, MARGIN);
        }
        CutRows { code, carets }
    }
}

/// Writes the part of `line` that fits from cell `offset` on, `...` where it
/// is cut, and returns the first column shown.
fn cut_code(row: &mut Cells, line: &str, margin: &Margin, offset: usize) -> usize {
    let line_len = str_width(line);
    let mut left = margin.left(line_len);
    let right = margin.right(line_len);
    let (mut skipped, mut taken) = (0, 0);
    let code: String = line
        .chars()
        .skip_while(|&c| {
            // A wide character straddling the cut is skipped whole.
            let skip = skipped < left;
            if skip {
                skipped += char_width(c);
            }
            skip
        })
        .take_while(|&c| {
            taken += char_width(c);
            taken <= right.saturating_sub(left)
        })
        .collect();
    left = left.max(skipped);
    let (width_taken, bytes_taken) = if margin.was_cut_left() {
        row.puts(offset, MARGIN, Paint::Gutter);
        let (columns, bytes, _) = covered(code.chars(), MARGIN.len());
        (columns, bytes)
    } else {
        (0, 0)
    };
    let rest = code.get(bytes_taken..).unwrap_or("");
    row.puts(offset + width_taken, rest, Paint::Plain);
    if line_len > right {
        let (_, _, chars_taken) = covered(code.chars().rev(), MARGIN.len());
        let col = (offset + width_taken + rest.chars().count()).saturating_sub(chars_taken);
        row.puts(col, MARGIN, Paint::Gutter);
    }
    left
}

/// Of the characters `chars`, the columns, bytes and number of the first
/// ones that cover `width` columns, or of all of them.
fn covered(chars: impl Iterator<Item = char>, width: usize) -> (usize, usize, usize) {
    let (mut columns, mut bytes, mut count) = (0, 0, 0);
    for c in chars {
        columns += char_width(c);
        bytes += c.len_utf8();
        count += 1;
        if columns >= width {
            break;
        }
    }
    (columns, bytes, count)
}
