//! The source a diagnostic shows: the lines its spans are on, escaped, and
//! of a long line only a window around the span.
//!
//! Only those lines are drawn (and the few between two spans close to each
//! other): a diagnostic costs the same in a 100-line file and in a
//! 100-megabyte one.

use std::borrow::Cow;
use std::ops::Range;

use crate::source::{FileId, SourceFile, Sources, Span};
use crate::text::{escape, escape_with_range};

/// A span to point at.
#[derive(Clone, Copy, Debug)]
pub(super) struct Pointer<'a> {
    /// Where.
    pub(super) span: Span,
    /// What is there.
    pub(super) label: Option<&'a str>,
    /// The diagnostic's own span (else another place shown beside it).
    pub(super) primary: bool,
}

/// A piece of one file shown as one snippet: whole lines, or a window of
/// one long line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Excerpt<'a> {
    /// The file's path, escaped.
    pub(super) path: Cow<'a, str>,
    /// The 1-based number of the first line.
    pub(super) line_number: usize,
    /// The lines as shown: escaped, and a long one cut to a window with
    /// `...` at each cut.
    pub(super) text: String,
    /// The spans, in `text`.
    pub(super) marks: Vec<Mark<'a>>,
    /// For a window: the column in the whole line of its one span, which
    /// the header names (else the span's character in `text` is named).
    pub(super) column: Option<usize>,
}

/// A span in an excerpt's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Mark<'a> {
    /// The span's bytes in the text, on character boundaries.
    pub(super) range: Range<usize>,
    /// Its label, escaped.
    pub(super) label: Option<Cow<'a, str>>,
    /// Whether it is the diagnostic's own span.
    pub(super) primary: bool,
}

/// Lines longer than this many bytes are shown as a window around the span;
/// spans on lines less than this many bytes apart share one excerpt.
const LONG_LINE: usize = 1024;

/// Bytes of context on each side of the span in a window.
const CONTEXT: usize = 96;

/// Marks where a window cuts a long line.
const ELLIPSIS: &str = "...";

/// The excerpts that show `pointers`: the primary one's first, then the
/// others in file order. A span in no file read is not shown; a span over
/// several lines is shown on its first.
pub(super) fn excerpts<'a>(sources: &'a Sources, pointers: &[Pointer<'a>]) -> Vec<Excerpt<'a>> {
    let mut places: Vec<Place<'a>> = pointers
        .iter()
        .filter_map(|&pointer| Place::new(sources, pointer))
        .collect();
    places.sort_by_key(|p| (p.id, p.line, p.start));
    let mut runs: Vec<Vec<Place<'a>>> = Vec::new();
    for place in places {
        match runs.last_mut() {
            Some(run) if joins(run, &place) => run.push(place),
            _ => runs.push(vec![place]),
        }
    }
    // The header of the first excerpt names the diagnostic's place.
    runs.sort_by_key(|run| !run.iter().any(|p| p.pointer.primary));
    runs.iter().filter_map(|run| excerpt(run)).collect()
}

/// A pointer located in its file.
#[derive(Clone, Debug)]
struct Place<'a> {
    pointer: Pointer<'a>,
    id: FileId,
    file: &'a SourceFile,
    /// The 0-based line of the span's start.
    line: usize,
    /// The line's bytes in the file.
    line_range: Range<usize>,
    /// The span's bytes in the line, cut at its end.
    start: usize,
    end: usize,
}

impl<'a> Place<'a> {
    fn new(sources: &'a Sources, pointer: Pointer<'a>) -> Option<Self> {
        let span = pointer.span;
        let file = sources.get(span.file)?;
        let (line, line_range) = file.line_of(span.start());
        let len = line_range.len();
        let start = span.start().saturating_sub(line_range.start).min(len);
        let end = span
            .end()
            .saturating_sub(line_range.start)
            .clamp(start, len);
        Some(Place {
            pointer,
            id: span.file,
            file,
            line,
            line_range,
            start,
            end,
        })
    }

    fn long(&self) -> bool {
        self.line_range.len() > LONG_LINE
    }

    fn line_text(&self) -> &'a str {
        self.file.text.get(self.line_range.clone()).unwrap_or("")
    }
}

/// Whether `place` is shown in the same excerpt as the places of `run`: on
/// short lines of the same file, close together.
fn joins(run: &[Place<'_>], place: &Place<'_>) -> bool {
    let Some(first) = run.first() else {
        return false;
    };
    first.id == place.id
        && !first.long()
        && !place.long()
        && place.line_range.end.saturating_sub(first.line_range.start) <= LONG_LINE
}

/// The excerpt of a run of places (a long line has a run of its own).
fn excerpt<'a>(run: &[Place<'a>]) -> Option<Excerpt<'a>> {
    match run {
        [] => None,
        [place] if place.long() => Some(window(place)),
        [first, ..] => Some(lines(first, run)),
    }
}

/// The whole lines from `first`, the first place of `run`, to the last.
fn lines<'a>(first: &Place<'a>, run: &[Place<'a>]) -> Excerpt<'a> {
    let last = run.last().map_or(first.line, |p| p.line);
    let file = first.file;
    let mut text = String::new();
    let mut marks = Vec::with_capacity(run.len());
    for index in first.line..=last {
        if index > first.line {
            text.push('\n');
        }
        let line = file.text.get(file.line_range(index)).unwrap_or("");
        let at = text.len();
        text.push_str(&escape(line));
        for place in run.iter().filter(|p| p.line == index) {
            let start = at + escaped_offset(line, place.start);
            let end = (at + escaped_offset(line, place.end)).max(start);
            marks.push(mark(place, start..end));
        }
    }
    Excerpt {
        path: escape(&file.path),
        line_number: first.line + 1,
        text,
        marks,
        column: None,
    }
}

/// A window of the long line of `place` around its span: the span's start
/// and some context on each side (a long span is cut too), with `...`
/// where the line is cut. A thousand findings on one generated line of a
/// megabyte do not each lay out the whole line; the header still names the
/// line's own column.
fn window<'a>(place: &Place<'a>) -> Excerpt<'a> {
    let full = place.line_text();
    let shown = window_range(full, place.start..place.end);
    let line = full.get(shown.clone()).unwrap_or("");
    let (line, range) = escape_with_range(
        line,
        place.start - shown.start..place.end.min(shown.end) - shown.start,
    );
    let before = if shown.start > 0 { ELLIPSIS } else { "" };
    let after = if shown.end < full.len() { ELLIPSIS } else { "" };
    let shift = before.len();
    Excerpt {
        path: escape(&place.file.path),
        line_number: place.line + 1,
        text: format!("{before}{line}{after}"),
        marks: vec![mark(place, range.start + shift..range.end + shift)],
        column: Some(place.file.line_col(place.pointer.span.start()).column),
    }
}

/// The byte range of `line` shown for `span`, on character boundaries.
fn window_range(line: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.saturating_sub(CONTEXT);
    while !line.is_char_boundary(start) {
        start -= 1;
    }
    let shown_end = span.end.min(span.start + 2 * CONTEXT);
    let mut end = shown_end.saturating_add(CONTEXT).min(line.len());
    while !line.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Where byte `offset` of `line` (or the character boundary after it) is
/// once the line is escaped.
fn escaped_offset(line: &str, offset: usize) -> usize {
    let mut offset = offset.min(line.len());
    while !line.is_char_boundary(offset) {
        offset += 1;
    }
    line.get(..offset).map_or(0, |before| escape(before).len())
}

fn mark<'a>(place: &Place<'a>, range: Range<usize>) -> Mark<'a> {
    Mark {
        range,
        label: place.pointer.label.map(escape),
        primary: place.pointer.primary,
    }
}
