//! A row of character cells, for the rare source line that is cut to fit
//! the terminal: annotate-snippets lays such a row out by writing over
//! cells (a `...` over the code, a middle spliced out of a long span), and
//! doing the same is the plain way to get the same row.

use super::paint::{Paint, Painter};

/// A row of characters, each with its paint; unwritten cells are spaces.
#[derive(Debug, Default)]
pub(super) struct Cells {
    cells: Vec<(char, Paint)>,
}

impl Cells {
    /// Writes `text` from cell `col` on, one character a cell.
    pub(super) fn puts(&mut self, col: usize, text: &str, paint: Paint) {
        if text.is_empty() {
            return;
        }
        let end = col + text.chars().count();
        if end > self.cells.len() {
            self.cells.resize(end, (' ', Paint::Plain));
        }
        for (cell, c) in self.cells.iter_mut().skip(col).zip(text.chars()) {
            *cell = (c, paint);
        }
    }

    /// Writes `c` into cell `col`.
    pub(super) fn putc(&mut self, col: usize, c: char, paint: Paint) {
        if col >= self.cells.len() {
            self.cells.resize(col + 1, (' ', Paint::Plain));
        }
        if let Some(cell) = self.cells.get_mut(col) {
            *cell = (c, paint);
        }
    }

    /// Replaces cells `start..end` by `text` in the gutter's paint, moving
    /// the cells after them; nothing if the range is empty or past the end.
    pub(super) fn replace(&mut self, start: usize, end: usize, text: &str) {
        if start >= end || start > self.cells.len() || end > self.cells.len() {
            return;
        }
        self.cells
            .splice(start..end, text.chars().map(|c| (c, Paint::Gutter)));
    }

    /// Paints the row.
    pub(super) fn paint(&self, painter: &mut Painter<'_>) {
        for &(c, paint) in &self.cells {
            painter.char(c, paint);
        }
    }
}
