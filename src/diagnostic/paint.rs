//! Writing rows of styled text with the ANSI sequences annotate-snippets 0.12
//! writes: a style is switched on where it changes and reset where it ends
//! and at the end of every row, so the bytes are the same as its output.

use std::io::Write as _;

use anstyle::{AnsiColor, Effects, Style};

/// What a piece of a diagnostic is, for its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Paint {
    /// Unstyled: spaces, source code, the location, help text.
    Plain,
    /// The gutter: line numbers, `|`, `-->`, `=`, the `...` of a cut line.
    Gutter,
    /// The level's colour: the level name, the code, the caret and label.
    Level,
    /// Bold: the title's message and the word `help`.
    Emphasis,
}

/// annotate-snippets draws Windows consoles in other colours.
const WINDOWS: bool = cfg!(windows);

/// The styles of one diagnostic: all plain, or annotate-snippets' own.
#[derive(Clone, Copy, Debug)]
pub(super) struct Styles {
    level: Style,
    gutter: Style,
    emphasis: Style,
}

impl Styles {
    /// No styles at all.
    pub(super) const PLAIN: Styles = Styles {
        level: Style::new(),
        gutter: Style::new(),
        emphasis: Style::new(),
    };

    /// annotate-snippets' styles for an error (`error == true`) or a warning.
    pub(super) fn styled(error: bool) -> Self {
        let level = match (error, WINDOWS) {
            (true, _) => AnsiColor::BrightRed.on_default(),
            (false, true) => AnsiColor::BrightYellow.on_default(),
            (false, false) => AnsiColor::Yellow.on_default(),
        };
        let blue = if WINDOWS {
            AnsiColor::BrightCyan
        } else {
            AnsiColor::BrightBlue
        };
        let emphasis = if WINDOWS {
            AnsiColor::BrightWhite.on_default()
        } else {
            Style::new()
        };
        Styles {
            level: level.effects(Effects::BOLD),
            gutter: blue.on_default().effects(Effects::BOLD),
            emphasis: emphasis.effects(Effects::BOLD),
        }
    }

    /// Whether any style is not none.
    fn is_styled(&self) -> bool {
        [self.level, self.gutter, self.emphasis]
            .iter()
            .any(|s| *s != Style::new())
    }

    fn style(&self, paint: Paint) -> Style {
        match paint {
            Paint::Plain => Style::new(),
            Paint::Gutter => self.gutter,
            Paint::Level => self.level,
            Paint::Emphasis => self.emphasis,
        }
    }
}

/// Writes the text of a diagnostic row by row.
pub(super) struct Painter<'o> {
    out: &'o mut Vec<u8>,
    styles: Styles,
    /// Whether any style is written at all (else every style is none).
    styled: bool,
    /// The style switched on in the current row.
    current: Style,
    /// Whether a row has been started.
    started: bool,
}

impl<'o> Painter<'o> {
    /// A painter appending to `out` with `styles`.
    pub(super) fn new(out: &'o mut Vec<u8>, styles: Styles) -> Self {
        Painter {
            out,
            styled: styles.is_styled(),
            styles,
            current: Style::new(),
            started: false,
        }
    }

    /// Ends the current row, if any, and starts the next.
    pub(super) fn row(&mut self) {
        if self.started {
            self.end_style();
            self.out.push(b'\n');
        }
        self.started = true;
    }

    /// Writes `text` in `paint`.
    pub(super) fn put(&mut self, text: &str, paint: Paint) {
        if !text.is_empty() {
            self.switch(paint);
            self.out.extend_from_slice(text.as_bytes());
        }
    }

    /// Writes `n` spaces.
    pub(super) fn spaces(&mut self, n: usize) {
        self.repeat(b' ', n, Paint::Plain);
    }

    /// Writes the ASCII character `c` `n` times in `paint`.
    pub(super) fn repeat(&mut self, c: u8, n: usize, paint: Paint) {
        if n > 0 {
            self.switch(paint);
            self.out.resize(self.out.len() + n, c);
        }
    }

    /// Writes `c` in `paint`.
    pub(super) fn char(&mut self, c: char, paint: Paint) {
        self.switch(paint);
        let mut utf8 = [0; 4];
        self.out
            .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
    }

    /// Writes the number `n` in `paint`.
    pub(super) fn number(&mut self, n: usize, paint: Paint) {
        self.switch(paint);
        // Digits from the right, without the formatting machinery: every
        // diagnostic writes two or three numbers.
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n;
        loop {
            at -= 1;
            if let Some(d) = digits.get_mut(at) {
                *d = b'0' + (rest % 10) as u8;
            }
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        self.out
            .extend_from_slice(digits.get(at..).unwrap_or_default());
    }

    /// Ends the last row.
    pub(super) fn finish(mut self) {
        self.end_style();
    }

    fn switch(&mut self, paint: Paint) {
        if !self.styled {
            return;
        }
        let style = self.styles.style(paint);
        if style != self.current {
            self.end_style();
            if style != Style::new() {
                let _ = write!(self.out, "{style}");
            }
            self.current = style;
        }
    }

    /// Resets the current style (nothing to write for no style).
    fn end_style(&mut self) {
        if self.current != Style::new() {
            let _ = write!(self.out, "{:#}", self.current);
            self.current = Style::new();
        }
    }
}
