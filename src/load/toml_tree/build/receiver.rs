//! The event receiver: each of `toml_parser`'s events reduced to an [`Ev`]
//! and dispatched to the [`Builder`] in the order and state the toml
//! crate's own consumer would act on it (a key being read, a table header,
//! an inline table or array under way).

use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::EventReceiver;
use toml_parser::{ErrorSink, ParseError, Source, Span as TomlSpan};

use super::{Builder, Frame, Mode, default_value};
use crate::load::toml_tree::{Kind, Pos, Value};

/// One parser event, reduced to what the builder acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ev {
    TableOpen {
        array: bool,
    },
    TableClose,
    InlineOpen,
    InlineClose,
    ArrayOpen,
    ArrayClose,
    Key(Option<Encoding>),
    KeySep,
    KeyValSep,
    Scalar(Option<Encoding>),
    ValueSep,
    /// Whitespace within a line.
    Space,
    /// A comment or a line break.
    Line,
    Error,
}

/// The event receiver: turns each event into an [`Ev`] for the builder.
pub(super) struct Receiver<'b, 'i> {
    pub(super) builder: &'b mut Builder<'i>,
    /// The whole text.
    pub(super) source: Source<'i>,
}

impl<'i> Receiver<'_, 'i> {
    /// Handles one event, keeping its errors apart from the parser's.
    fn event(&mut self, ev: Ev, span: TomlSpan) {
        let mut errors = std::mem::take(&mut self.builder.errors);
        self.on(ev, span, &mut errors);
        self.builder.errors = errors;
    }

    fn on(&mut self, ev: Ev, span: TomlSpan, errors: &mut dyn ErrorSink) {
        let b = &mut *self.builder;
        if b.stopped {
            return;
        }
        // Reading a key: whitespace and dots continue it; anything else ends it.
        if let Some(k) = &mut b.key {
            match ev {
                Ev::Space => return,
                Ev::KeySep => {
                    k.after_dot = true;
                    return;
                }
                Ev::Key(encoding) if k.after_dot => {
                    b.key_part(self.source, span, encoding, errors);
                    return;
                }
                _ if k.after_dot => return,
                _ => b.end_key(errors),
            }
            if b.stopped {
                return;
            }
        }
        match b.stack.last() {
            Some(Frame::Array { .. }) => self.in_array(ev, span, errors),
            Some(Frame::Inline { .. }) => self.in_inline(ev, span, errors),
            None => self.in_document(ev, span, errors),
        }
    }

    /// Starts a value at an event that opens one; false for any other event.
    fn value(&mut self, ev: Ev, span: TomlSpan, errors: &mut dyn ErrorSink) -> bool {
        let b = &mut *self.builder;
        let (open, last) = (span.start(), span.end());
        match ev {
            Ev::ArrayOpen => {
                let id = b.tree.new_array(false);
                b.stack.push(Frame::Array {
                    id,
                    open,
                    last,
                    value: None,
                });
            }
            Ev::InlineOpen => {
                let id = b.tree.new_table(false, false, true);
                b.stack.push(Frame::Inline {
                    id,
                    open,
                    last,
                    key: None,
                    value: None,
                });
            }
            Ev::Scalar(encoding) => {
                let value = self.scalar(span, encoding, errors);
                self.builder.deliver(value, errors);
            }
            _ => return false,
        }
        true
    }

    fn scalar(
        &mut self,
        span: TomlSpan,
        encoding: Option<Encoding>,
        errors: &mut dyn ErrorSink,
    ) -> Value {
        let mut kind = ScalarKind::String;
        let s = self
            .builder
            .decode(self.source, span, encoding, errors, |raw, out, errors| {
                kind = raw.decode_scalar(out, errors);
            });
        let kind = match kind {
            ScalarKind::String => Kind::String(s),
            ScalarKind::Boolean(b) => Kind::Boolean(b),
            ScalarKind::DateTime => {
                if let Err(e) = self.builder.tree.str(s).parse::<toml_datetime::Datetime>() {
                    errors.report_error(ParseError::new(e.to_string()).with_unexpected(span));
                }
                Kind::Datetime
            }
            ScalarKind::Float => {
                let text = self.builder.tree.str(s);
                let overflowed = text.parse::<f64>().is_ok_and(f64::is_infinite);
                if overflowed && !text.contains("inf") {
                    let e = ParseError::new("floating-point number overflowed");
                    errors.report_error(e.with_unexpected(span));
                }
                Kind::Float
            }
            ScalarKind::Integer(radix) => {
                let digits = self.builder.tree.str(s);
                if i64::from_str_radix(digits, radix.value()).is_err() {
                    let e = ParseError::new("integer out of range: TOML integers are 64-bit");
                    errors.report_error(e.with_unexpected(span));
                }
                Kind::Integer
            }
        };
        // Numbers and dates are not kept: drop their decoded text.
        if !matches!(kind, Kind::String(_)) && s.decoded {
            self.builder.tree.decoded.truncate(s.pos.start as usize);
        }
        Value {
            kind,
            pos: Pos::new(span.start(), span.end()),
        }
    }

    fn in_document(&mut self, ev: Ev, span: TomlSpan, errors: &mut dyn ErrorSink) {
        let b = &mut *self.builder;
        match (b.mode, ev) {
            (Mode::Body, Ev::TableOpen { array }) => {
                b.done_key = None;
                b.mode = Mode::Header {
                    array,
                    open: Pos::new(span.start(), span.end()),
                };
            }
            (Mode::Body | Mode::Header { .. }, Ev::Key(encoding)) => {
                b.key_part(self.source, span, encoding, errors);
            }
            (Mode::Header { array, open }, Ev::TableClose) => {
                let pos = Pos::new(open.start as usize, span.end());
                b.header(array, pos, errors);
            }
            (Mode::KeyValSep { space: false }, Ev::Space) => {
                b.mode = Mode::KeyValSep { space: true }
            }
            (Mode::KeyValSep { .. }, Ev::KeyValSep) => b.mode = Mode::Value { space: false },
            (Mode::KeyValSep { .. }, _) => b.stopped = true,
            (Mode::Value { space: false }, Ev::Space) => b.mode = Mode::Value { space: true },
            (Mode::Value { .. }, _) => {
                let opened = self.value(ev, span, errors);
                if !opened {
                    self.builder.deliver(default_value(), errors);
                }
            }
            _ => {}
        }
    }

    fn in_array(&mut self, ev: Ev, span: TomlSpan, errors: &mut dyn ErrorSink) {
        if let Some(Frame::Array { last, .. }) = self.builder.stack.last_mut() {
            *last = span.end();
        }
        match ev {
            Ev::ArrayOpen | Ev::InlineOpen | Ev::Scalar(_) => {
                self.value(ev, span, errors);
            }
            Ev::ValueSep => {
                if let Some(Frame::Array { id, value, .. }) = self.builder.stack.last_mut() {
                    let (id, v) = (*id, value.take());
                    if let Some(v) = v {
                        self.builder.tree.push_item(id, v);
                    }
                }
            }
            Ev::ArrayClose => self.builder.close_frame(Some((span.end(), true)), errors),
            Ev::Space | Ev::Line | Ev::Error => {}
            _ => self.builder.close_frame(Some((span.end(), false)), errors),
        }
    }

    fn in_inline(&mut self, ev: Ev, span: TomlSpan, errors: &mut dyn ErrorSink) {
        if let Some(Frame::Inline { last, .. }) = self.builder.stack.last_mut() {
            *last = span.end();
        }
        match ev {
            Ev::ArrayOpen | Ev::InlineOpen | Ev::Scalar(_) => {
                self.value(ev, span, errors);
            }
            Ev::Key(encoding) => self.builder.key_part(self.source, span, encoding, errors),
            Ev::ValueSep => {
                if let Some(Frame::Inline { id, key, value, .. }) = self.builder.stack.last_mut() {
                    let (id, k, v) = (*id, key.take(), value.take());
                    if let (Some((path, key)), Some(v)) = (k, v) {
                        self.builder
                            .tree
                            .inline_key_value(id, &path, key, v, errors);
                    }
                }
            }
            Ev::InlineClose => self.builder.close_frame(Some((span.end(), true)), errors),
            Ev::KeyValSep | Ev::Space | Ev::Line | Ev::Error => {}
            _ => self.builder.close_frame(Some((span.end(), false)), errors),
        }
    }
}

impl EventReceiver for Receiver<'_, '_> {
    fn std_table_open(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.event(Ev::TableOpen { array: false }, span);
    }
    fn std_table_close(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.event(Ev::TableClose, span);
    }
    fn array_table_open(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.event(Ev::TableOpen { array: true }, span);
    }
    fn array_table_close(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.event(Ev::TableClose, span);
    }
    fn inline_table_open(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) -> bool {
        self.event(Ev::InlineOpen, span);
        true
    }
    fn inline_table_close(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.event(Ev::InlineClose, span);
    }
    fn array_open(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) -> bool {
        self.event(Ev::ArrayOpen, span);
        true
    }
    fn array_close(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.event(Ev::ArrayClose, span);
    }
    fn simple_key(
        &mut self,
        span: TomlSpan,
        encoding: Option<Encoding>,
        _error: &mut dyn ErrorSink,
    ) {
        self.event(Ev::Key(encoding), span);
    }
    fn key_sep(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.event(Ev::KeySep, span);
    }
    fn key_val_sep(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.event(Ev::KeyValSep, span);
    }
    fn scalar(&mut self, span: TomlSpan, encoding: Option<Encoding>, _error: &mut dyn ErrorSink) {
        self.event(Ev::Scalar(encoding), span);
    }
    fn value_sep(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.event(Ev::ValueSep, span);
    }
    fn whitespace(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.event(Ev::Space, span);
    }
    fn comment(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.event(Ev::Line, span);
    }
    fn newline(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.event(Ev::Line, span);
    }
    fn error(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.event(Ev::Error, span);
    }
}
