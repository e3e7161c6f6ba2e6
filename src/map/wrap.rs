//! Fitting a chain to the terminal: a line is a row of pieces (a party's
//! name, each handoff with the party it reaches), broken between pieces
//! when the next would run past the terminal's width, and continued under
//! where the chain started. Piped output and JSON are never wrapped.

/// A line being written, wrapped at `width` columns when given.
pub(crate) struct Wrapped<'o> {
    out: &'o mut Vec<u8>,
    width: Option<usize>,
    /// Columns used on the current line.
    column: usize,
    /// Where continuation lines start.
    indent: usize,
    /// Whether the current line holds a piece after its indent.
    started: bool,
}

impl<'o> Wrapped<'o> {
    /// Appends to `out`, whose current line already holds `column` columns.
    pub(crate) fn new(out: &'o mut Vec<u8>, width: Option<usize>, column: usize) -> Self {
        Wrapped {
            out,
            width,
            column,
            indent: column + 2,
            started: false,
        }
    }

    /// Starts a piece `columns` wide (asked for only when wrapping) and
    /// returns where to write it. A piece after the first goes after a
    /// space, or on a new line when it would not fit.
    pub(crate) fn piece(&mut self, columns: impl FnOnce() -> usize) -> &mut Vec<u8> {
        let w = if self.width.is_some() { columns() } else { 0 };
        if self.started {
            let fits = self.width.is_none_or(|max| self.column + 1 + w <= max);
            if fits {
                self.out.push(b' ');
                self.column += 1;
            } else {
                self.out.push(b'\n');
                self.out.extend(std::iter::repeat_n(b' ', self.indent));
                self.column = self.indent;
            }
        }
        self.column += w;
        self.started = true;
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(width: Option<usize>, pieces: &[&str]) -> String {
        let mut out = b"ab".to_vec();
        let mut line = Wrapped::new(&mut out, width, 2);
        for p in pieces {
            line.piece(|| p.chars().count())
                .extend_from_slice(p.as_bytes());
        }
        String::from_utf8(out).unwrap()
    }

    /// Pieces go side by side, broken before one that would pass the
    /// width and continued under the start; a piece wider than the line
    /// stands alone; with no width, nothing is broken.
    #[test]
    fn breaks_between_pieces() {
        let pieces = ["one", "→ two", "→ three", "→ a-very-long-piece"];
        assert_eq!(
            wrapped(None, &pieces),
            "abone → two → three → a-very-long-piece"
        );
        assert_eq!(
            wrapped(Some(14), &pieces),
            "abone → two\n    → three\n    → a-very-long-piece"
        );
    }
}
