//! Building the tree from `toml_parser`'s events.
//!
//! `toml_parser` lexes and parses (with error recovery and the toml crate's
//! messages); this receiver assembles keys and values from its events with an
//! explicit stack and applies the table rules of [`super::tables`]. It follows
//! the toml crate's own event consumer step by step, including where that one
//! gives up on a broken document, so both report the same errors.

use std::ops::Range;

use toml_parser::decoder::Encoding;
use toml_parser::lexer::TokenKind;
use toml_parser::parser::{RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span as TomlSpan};

use super::{ArrayId, DEPTH_LIMIT, Key, Kind, Pos, Str, TableId, Tree, Value};
use crate::finding::PER_CODE;

mod receiver;
use receiver::Receiver;

/// Tokens lexed before the parser runs on them: the chunk ends at the next
/// line break outside any brackets after this many.
pub(super) const CHUNK_TOKENS: usize = 1 << 14;

/// A TOML syntax error: the message as the toml crate words it, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong, with what was expected.
    pub message: String,
    /// The bytes concerned, when known.
    pub span: Option<Range<usize>>,
    /// The bytes of an earlier part the error is about: where a duplicate
    /// key was first written.
    pub context: Option<Range<usize>>,
    /// A duplicate key that the body of a table declared again repeats
    /// from an earlier declaration: the same mistake as the duplicate
    /// header, not one of its own.
    pub echo: bool,
}

impl SyntaxError {
    fn new(e: &ParseError, echoes: &[Pos]) -> Self {
        let mut message = e.description().to_string();
        if let Some(expected) = e.expected() {
            message.push_str(", expected ");
            let list: Vec<String> = expected.iter().map(describe).collect();
            if list.is_empty() {
                message.push_str("nothing");
            }
            message.push_str(&list.join(", "));
        }
        let span = e.unexpected().map(|s| s.start()..s.end());
        // `echoes` is sorted.
        let echo = span.as_ref().is_some_and(|span| {
            let pos = Pos::new(span.start, span.end);
            e.description() == "duplicate key" && echoes.binary_search(&pos).is_ok()
        });
        SyntaxError {
            message,
            span,
            context: e.context().map(|s| s.start()..s.end()),
            echo,
        }
    }
}

fn describe(expected: &toml_parser::Expected) -> String {
    match expected {
        toml_parser::Expected::Literal(literal) => match *literal {
            "\n" => "newline".into(),
            "`" => "'`'".into(),
            s if s.chars().all(|c| c.is_ascii_control()) => format!("`{}`", s.escape_debug()),
            s => format!("`{s}`"),
        },
        toml_parser::Expected::Description(d) => (*d).to_string(),
        _ => "etc".into(),
    }
}

/// The syntax errors of a document: the first ones found, and how many
/// more there were.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyntaxErrors {
    /// The first [`PER_CODE`] errors the parser found, and the first
    /// [`PER_CODE`] found while building the tree.
    pub first: Vec<SyntaxError>,
    /// How many more were found.
    pub more: usize,
}

/// The first [`PER_CODE`] errors reported to it, and how many more: a file
/// of millions of broken lines is parsed in bounded memory.
#[derive(Debug, Default)]
struct Errors {
    first: Vec<ParseError>,
    more: usize,
}

impl ErrorSink for Errors {
    fn report_error(&mut self, error: ParseError) {
        if self.first.len() < PER_CODE {
            self.first.push(error);
        } else {
            self.more += 1;
        }
    }
}

/// Parses a TOML document into a tree, with its syntax errors.
pub fn parse(text: &str) -> (Tree<'_>, SyntaxErrors) {
    parse_in_chunks(text, CHUNK_TOKENS)
}

/// [`parse`], running the parser on chunks of about `chunk` tokens.
///
/// A chunk always ends after a line break outside brackets, where the
/// grammar starts a new expression, so the parser sees the same tokens
/// either way. Recovery after a syntax error may look further, so a
/// document with errors is parsed again in one piece, for exactly the
/// errors the toml crate reports.
pub(super) fn parse_in_chunks(text: &str, chunk: usize) -> (Tree<'_>, SyntaxErrors) {
    if u32::try_from(text.len()).is_err() {
        let error = SyntaxError {
            message: "the file is larger than 4 GiB".into(),
            span: None,
            context: None,
            echo: false,
        };
        let errors = SyntaxErrors {
            first: vec![error],
            more: 0,
        };
        return (Tree::new(""), errors);
    }
    let source = Source::new(text);
    let mut builder = Builder::new(text);
    let mut errors = Errors::default();
    let mut tokens = Vec::with_capacity(chunk.min(text.len() / 4) + 16);
    let (mut depth, mut chunks) = (0i64, 0usize);
    for token in source.lex() {
        match token.kind() {
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => depth -= 1,
            _ => {}
        }
        // Unbalanced brackets: no safe boundary from here on.
        if depth < 0 {
            depth = i64::MIN / 2;
        }
        let boundary = depth == 0 && token.kind() == TokenKind::Newline;
        tokens.push(token);
        if boundary && tokens.len() >= chunk {
            builder.feed(source, &tokens, &mut errors);
            tokens.clear();
            chunks += 1;
        }
    }
    builder.feed(source, &tokens, &mut errors);
    drop(tokens);
    // The toml crate reads the document after parsing all of it, so its
    // errors come after the parser's: keep that order, which decides
    // which error is shown when two are at the same place.
    let mut late = std::mem::take(&mut builder.errors);
    let mut tree = builder.finish(&mut late);
    let mut echoes = std::mem::take(&mut tree.echoes);
    echoes.sort_unstable();
    let first = errors.first.iter().chain(&late.first);
    let errors = SyntaxErrors {
        first: first.map(|e| SyntaxError::new(e, &echoes)).collect(),
        more: errors.more + late.more,
    };
    if chunks > 0 && !errors.first.is_empty() {
        drop(tree);
        return parse_in_chunks(text, usize::MAX);
    }
    (tree, errors)
}

/// The hasher of a tree's key indexes.
pub(super) type Hasher = foldhash::fast::RandomState;

/// A key being read: its dotted path so far and its last part.
#[derive(Debug, Default)]
struct KeyPath {
    path: Vec<Key>,
    last: Option<Key>,
    /// A `.` came after `last`: another part follows.
    after_dot: bool,
}

/// An array or inline table whose closing bracket has not come yet.
#[derive(Debug)]
enum Frame {
    Array {
        id: ArrayId,
        open: usize,
        last: usize,
        value: Option<Value>,
    },
    Inline {
        id: TableId,
        open: usize,
        last: usize,
        key: Option<(Vec<Key>, Key)>,
        value: Option<Value>,
    },
}

/// What the document-level reader expects next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The start of an expression.
    Body,
    /// The rest of a `[header]` or `[[header]]` opened at `open`.
    Header { array: bool, open: Pos },
    /// `=` after a key (`space`: whitespace already seen).
    KeyValSep { space: bool },
    /// A value after `=` (`space`: whitespace already seen).
    Value { space: bool },
}

struct Builder<'i> {
    tree: Tree<'i>,
    /// The table key-value pairs go into.
    current: TableId,
    mode: Mode,
    /// A key being read, and whether it belongs to the document (not a
    /// header or an inline table).
    key: Option<KeyPath>,
    /// The last complete key: of a header, or of a document key-value pair.
    done_key: Option<(Vec<Key>, Option<Key>)>,
    stack: Vec<Frame>,
    /// The toml crate stops reading a document where it cannot tell a key
    /// from what follows; so does this, so that both report the same errors.
    stopped: bool,
    /// Errors found in keys, values and tables (the parser keeps its own).
    errors: Errors,
}

impl<'i> Builder<'i> {
    fn new(text: &'i str) -> Self {
        let tree = Tree::new(text);
        let current = tree.root();
        Builder {
            tree,
            current,
            mode: Mode::Body,
            key: None,
            done_key: None,
            stack: Vec::new(),
            stopped: false,
            errors: Errors::default(),
        }
    }

    /// Parses `tokens`, lexed from `source`.
    fn feed(
        &mut self,
        source: Source<'i>,
        tokens: &[toml_parser::lexer::Token],
        errors: &mut Errors,
    ) {
        let mut receiver = Receiver {
            builder: self,
            source,
        };
        let mut whitespace = ValidateWhitespace::new(&mut receiver, source);
        let mut guard = RecursionGuard::new(&mut whitespace, DEPTH_LIMIT);
        toml_parser::parser::parse_document(tokens, &mut guard, errors);
    }

    /// Ends the document: whatever is still open ends where the text does.
    fn finish(mut self, errors: &mut dyn ErrorSink) -> Tree<'i> {
        if !self.stopped {
            self.end_key(errors);
            while !self.stack.is_empty() {
                self.close_frame(None, errors);
            }
            match self.mode {
                Mode::Header { array, open } => self.header(array, open, errors),
                Mode::Value { .. } => self.deliver(default_value(), errors),
                Mode::Body | Mode::KeyValSep { .. } => {}
            }
        }
        self.tree
    }

    /// Decodes the key part at `span` and adds it to the key being read.
    fn key_part(
        &mut self,
        source: Source<'i>,
        span: TomlSpan,
        encoding: Option<Encoding>,
        errors: &mut dyn ErrorSink,
    ) {
        let name = self.decode(source, span, encoding, errors, |raw, out, errors| {
            raw.decode_key(out, errors);
        });
        let key = Key {
            name,
            pos: Pos::new(span.start(), span.end()),
        };
        let k = self.key.get_or_insert_with(KeyPath::default);
        if let Some(last) = k.last.replace(key) {
            k.path.push(last);
        }
        k.after_dot = false;
    }

    /// Decodes a key or string, keeping a slice of the text when it can.
    fn decode(
        &mut self,
        source: Source<'i>,
        span: TomlSpan,
        encoding: Option<Encoding>,
        errors: &mut dyn ErrorSink,
        decoder: impl FnOnce(Raw<'i>, &mut std::borrow::Cow<'i, str>, &mut dyn ErrorSink),
    ) -> Str {
        let text = source.input();
        let raw = Raw::new_unchecked(
            text.get(span.start()..span.end()).unwrap_or_default(),
            encoding,
            span,
        );
        let mut out = std::borrow::Cow::Borrowed("");
        decoder(raw, &mut out, errors);
        self.store(&out)
    }

    /// A decoded string as a [`Str`]: a slice of the text if it is one.
    fn store(&mut self, s: &str) -> Str {
        let text = self.tree.text;
        let start = (s.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        let within = text.get(start..start.wrapping_add(s.len()));
        if within.is_some_and(|t| std::ptr::eq(t.as_ptr(), s.as_ptr())) {
            return Str {
                pos: Pos::new(start, start + s.len()),
                decoded: false,
            };
        }
        let start = self.tree.decoded.len();
        self.tree.decoded.push_str(s);
        Str {
            pos: Pos::new(start, self.tree.decoded.len()),
            decoded: true,
        }
    }

    /// Ends the key being read, if any, and hands it to whoever reads it:
    /// the open inline table, the header, or the document.
    fn end_key(&mut self, errors: &mut dyn ErrorSink) {
        let Some(k) = self.key.take() else { return };
        let key = k.last.filter(|last| {
            let ok = k.path.len() < DEPTH_LIMIT as usize;
            if !ok {
                // The whole dotted key: the toml crate gives no place.
                let start = k.path.first().map_or(last.pos.start, |p| p.pos.start);
                let span = TomlSpan::new_unchecked(start as usize, last.pos.end as usize);
                errors.report_error(ParseError::new("recursion limit").with_unexpected(span));
            }
            ok
        });
        let path = if key.is_some() { k.path } else { Vec::new() };
        match self.stack.last_mut() {
            Some(Frame::Inline { key: slot, .. }) => {
                if let Some(key) = key {
                    *slot = Some((path, key));
                }
            }
            Some(Frame::Array { .. }) => {}
            None => match self.mode {
                Mode::Header { .. } => self.done_key = Some((path, key)),
                _ => match key {
                    Some(key) => {
                        self.done_key = Some((path, Some(key)));
                        self.mode = Mode::KeyValSep { space: false };
                    }
                    None => self.stopped = true,
                },
            },
        }
    }

    /// A complete value: into the open array or inline table, or under the
    /// document key read before it.
    fn deliver(&mut self, value: Value, errors: &mut dyn ErrorSink) {
        match self.stack.last_mut() {
            Some(Frame::Array { value: slot, .. } | Frame::Inline { value: slot, .. }) => {
                *slot = Some(value);
            }
            None => {
                self.mode = Mode::Body;
                if let Some((path, Some(key))) = self.done_key.take() {
                    self.tree.key_value(self.current, &path, key, value, errors);
                }
            }
        }
    }

    /// Ends the innermost array or inline table at `close` (or where it got
    /// to), keeping its pending item only when `close` is its own bracket.
    fn close_frame(&mut self, close: Option<(usize, bool)>, errors: &mut dyn ErrorSink) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let (end, own) = close.unwrap_or((0, false));
        let value = match frame {
            Frame::Array {
                id,
                open,
                last,
                value,
            } => {
                if own {
                    if let Some(v) = value {
                        self.tree.push_item(id, v);
                    }
                }
                Value {
                    kind: Kind::Array(id),
                    pos: Pos::new(open, if close.is_some() { end } else { last }),
                }
            }
            Frame::Inline {
                id,
                open,
                last,
                key,
                value,
            } => {
                if own {
                    if let (Some((path, key)), Some(v)) = (key, value) {
                        self.tree.inline_key_value(id, &path, key, v, errors);
                    }
                }
                Value {
                    kind: Kind::Table(id),
                    pos: Pos::new(open, if close.is_some() { end } else { last }),
                }
            }
        };
        self.deliver(value, errors);
    }

    /// Ends a header opened at `open`: its table becomes the current one.
    fn header(&mut self, array: bool, pos: Pos, errors: &mut dyn ErrorSink) {
        let (path, key) = self.done_key.take().unwrap_or_default();
        self.current = if array {
            self.tree.array_header(&path, key, pos, errors)
        } else {
            self.tree.std_header(&path, key, pos, errors)
        };
        self.mode = Mode::Body;
    }
}

fn default_value() -> Value {
    Value {
        kind: Kind::Integer,
        pos: Pos::default(),
    }
}
