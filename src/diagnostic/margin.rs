//! Which columns of a source line fit the terminal: annotate-snippets 0.12's
//! `Margin`, kept to its arithmetic so a cut line is cut at the same column.

/// Columns kept free beside a span for the `...` of a cut line.
const ELLIPSIS_PASSING: usize = 6;
/// Leading whitespace longer than this is cut.
const LONG_WHITESPACE: usize = 20;
/// Whitespace kept when leading whitespace is cut.
const LONG_WHITESPACE_PADDING: usize = 4;

/// The window of a source line shown, in columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Margin {
    /// Leading whitespace that may be cut.
    whitespace_left: usize,
    /// Where the span starts, less some room.
    span_left: usize,
    /// Where the span ends, plus some room.
    span_right: usize,
    /// The first column shown.
    computed_left: usize,
    /// The column after the last one shown.
    computed_right: usize,
    /// The columns the code may take.
    pub(super) term_width: usize,
    /// Where the label after the span ends, plus some room.
    label_right: usize,
}

/// What [`Margin::new`] is computed from, all in columns.
#[derive(Clone, Copy, Debug)]
pub(super) struct Measures {
    /// Leading whitespace of the line.
    pub(super) whitespace: usize,
    /// The span's first column.
    pub(super) span_left: usize,
    /// The span's end column.
    pub(super) span_right: usize,
    /// The end column of the label written after the span.
    pub(super) label_right: usize,
    /// The columns the code may take.
    pub(super) term_width: usize,
    /// The width of the line.
    pub(super) line_len: usize,
}

impl Margin {
    /// The window for a line of these measures.
    pub(super) fn new(m: Measures) -> Self {
        // Whitespace under a span is not cut.
        let whitespace_left = m.whitespace.min(m.span_left);
        let mut margin = Margin {
            whitespace_left: whitespace_left.saturating_sub(ELLIPSIS_PASSING),
            span_left: m.span_left.saturating_sub(ELLIPSIS_PASSING),
            span_right: m.span_right + ELLIPSIS_PASSING,
            computed_left: 0,
            computed_right: 0,
            term_width: m.term_width,
            label_right: m.label_right + ELLIPSIS_PASSING,
        };
        margin.compute(m.line_len);
        margin
    }

    /// Whether the line is cut on the left.
    pub(super) fn was_cut_left(&self) -> bool {
        self.computed_left > 0
    }

    fn compute(&mut self, line_len: usize) {
        self.computed_left = if self.whitespace_left > LONG_WHITESPACE {
            self.whitespace_left - (LONG_WHITESPACE - LONG_WHITESPACE_PADDING)
        } else {
            0
        };
        self.computed_right = line_len.max(self.computed_left);
        if self.computed_right - self.computed_left <= self.term_width {
            return;
        }
        if self.label_right.saturating_sub(self.whitespace_left) <= self.term_width
            && self.label_right >= self.whitespace_left
        {
            self.computed_left = self.whitespace_left;
        } else if self.label_right - self.span_left <= self.term_width {
            let padding = (self.term_width - (self.label_right - self.span_left)) / 2;
            self.computed_left = self.span_left.saturating_sub(padding);
        } else if self.span_right - self.span_left <= self.term_width {
            let padding = (self.term_width - (self.span_right - self.span_left)) / 5 * 2;
            self.computed_left = self.span_left.saturating_sub(padding);
        } else {
            self.computed_left = self.span_left;
            self.computed_right = self.span_right;
            return;
        }
        self.computed_right = self.computed_left + self.term_width;
    }

    /// The first column shown of a line `line_len` wide.
    pub(super) fn left(&self, line_len: usize) -> usize {
        self.computed_left.min(line_len)
    }

    /// The column after the last one shown of a line `line_len` wide.
    pub(super) fn right(&self, line_len: usize) -> usize {
        if line_len.saturating_sub(self.computed_left) <= self.term_width {
            line_len
        } else {
            line_len.min(self.computed_right)
        }
    }
}
