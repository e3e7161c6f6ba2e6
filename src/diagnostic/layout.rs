//! A diagnostic made ready to draw: every text escaped, and of the source
//! only the one line (or a window of a long one) with the span in it.

use std::borrow::Cow;
use std::ops::Range;

use super::Diagnostic;
use crate::finding::{Finding, Severity};
use crate::source::{Sources, Span};
use crate::text::{escape, escape_with_range};

/// What is drawn for one diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Layout<'a> {
    /// An error (or else a warning).
    pub(crate) error: bool,
    /// The finding's code.
    pub(crate) code: Option<&'a str>,
    /// The title's message, escaped.
    pub(crate) message: Cow<'a, str>,
    /// The source line pointed at.
    pub(crate) excerpt: Option<Excerpt<'a>>,
    /// The help line, escaped.
    pub(crate) help: Option<Cow<'a, str>>,
}

/// One source line with a span in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Excerpt<'a> {
    /// The file's path, escaped.
    pub(crate) path: Cow<'a, str>,
    /// The 1-based number of the line.
    pub(crate) line_number: usize,
    /// The line as shown: escaped, and cut to a window with `...` if long.
    pub(crate) text: String,
    /// The span's bytes in `text`, on character boundaries.
    pub(crate) span: Range<usize>,
    /// Under the caret, escaped.
    pub(crate) label: Option<Cow<'a, str>>,
    /// The column named in the header when `text` is a window (else the
    /// span's character in `text` is named).
    pub(crate) column: Option<usize>,
}

/// The parts of a [`Diagnostic`] or a [`Finding`], borrowed: a report
/// draws its findings without copying them into diagnostics first.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Parts<'a> {
    /// Error or warning.
    pub(crate) severity: Severity,
    /// The finding's code.
    pub(crate) code: Option<&'a str>,
    /// What is wrong.
    pub(crate) message: &'a str,
    /// Where.
    pub(crate) span: Option<Span>,
    /// Under the caret.
    pub(crate) label: Option<&'a str>,
    /// How to fix it.
    pub(crate) help: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for Parts<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        Parts {
            severity: d.severity,
            code: d.code,
            message: &d.message,
            span: d.span,
            label: d.label.as_deref(),
            help: d.help.as_deref(),
        }
    }
}

impl<'a> From<&'a Finding> for Parts<'a> {
    fn from(f: &'a Finding) -> Self {
        Parts {
            severity: f.severity,
            code: Some(f.code.as_str()),
            message: &f.message,
            span: f.span,
            label: f.label.as_deref(),
            help: f.help.as_deref(),
        }
    }
}

impl<'a> Layout<'a> {
    /// The layout of `parts`, the span looked up in `sources` (a span in no
    /// file read is not shown).
    pub(crate) fn new(parts: Parts<'a>, sources: &'a Sources) -> Self {
        Layout {
            error: parts.severity == Severity::Error,
            code: parts.code,
            message: escape(parts.message),
            excerpt: parts
                .span
                .and_then(|span| Excerpt::new(sources, span, parts.label)),
            help: parts.help.map(escape),
        }
    }
}

impl<'a> Excerpt<'a> {
    /// The line holding `span`, alone.
    ///
    /// Only the one line is drawn: a diagnostic costs the same in a
    /// 100-line file and in a 100-megabyte one. Of a line longer than
    /// [`LONG_LINE`] bytes only a window around the span is shown, so that a
    /// thousand findings on one generated line of a megabyte do not each
    /// lay out the whole line; the header still names the line's own column.
    fn new(sources: &'a Sources, span: Span, label: Option<&'a str>) -> Option<Self> {
        let file = sources.get(span.file)?;
        let (index, line_range) = file.line_of(span.start());
        let full = file.text.get(line_range.clone())?;
        let start = span
            .start()
            .saturating_sub(line_range.start)
            .min(full.len());
        let end = span
            .end()
            .saturating_sub(line_range.start)
            .clamp(start, full.len());
        let long = full.len() > LONG_LINE;
        let window = if long {
            window(full, start..end)
        } else {
            0..full.len()
        };
        let line = full.get(window.clone())?;
        let (line, range) = escape_with_range(
            line,
            start - window.start..end.min(window.end) - window.start,
        );
        let cut_before = if window.start > 0 { ELLIPSIS } else { "" };
        let cut_after = if window.end < full.len() {
            ELLIPSIS
        } else {
            ""
        };
        let shift = cut_before.len();
        Some(Excerpt {
            path: escape(&file.path),
            line_number: index + 1,
            text: if long {
                format!("{cut_before}{line}{cut_after}")
            } else {
                line
            },
            span: range.start + shift..range.end + shift,
            label: label.map(escape),
            column: long.then(|| file.line_col(span.start()).column),
        })
    }
}

/// Lines longer than this many bytes are shown as a window around the span.
const LONG_LINE: usize = 1024;

/// Bytes of context on each side of the span in a window.
const CONTEXT: usize = 96;

/// Marks where a window cuts a long line.
const ELLIPSIS: &str = "...";

/// The byte range of `line` shown for `span`: the span's start and some
/// context on each side (a long span is cut too), on character boundaries.
fn window(line: &str, span: Range<usize>) -> Range<usize> {
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
