//! Writing JSON that keeps the data exact and the bytes safe on a terminal.
//!
//! serde_json escapes the C0 controls (`\u001b`) but writes DEL, the C1
//! controls (U+009B is a complete escape sequence to some terminals) and the
//! bidirectional overrides raw, so `chain map --format json` in a terminal
//! could still recolour it or reorder what it shows. These writers escape
//! every character [`is_unsafe`] as `\uXXXX` as well: any JSON reader gets
//! back exactly the string the team file holds.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::text::is_unsafe;

/// Writes `value` as one line of compact JSON (no newline after it).
pub fn to_writer<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, Safe(CompactFormatter));
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// Writes `value` as indented JSON (no newline after it).
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> io::Result<()> {
    let formatter = Safe(PrettyFormatter::new());
    let mut serializer = serde_json::Serializer::with_formatter(out, formatter);
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// A formatter that writes like `F`, escaping unsafe characters in strings.
struct Safe<F>(F);

impl<F: Formatter> Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // serde_json has escaped quotes, backslashes and C0 controls already;
        // what is left unsafe is DEL, and non-ASCII characters.
        if fragment.bytes().all(|b| b < 0x7f) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((i, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
            let (safe, tail) = rest.split_at(i);
            writer.write_all(safe.as_bytes())?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = tail.get(c.len_utf8()..).unwrap_or_default();
        }
        writer.write_all(rest.as_bytes())
    }

    // The layout is `F`'s (PrettyFormatter indents; the rest are defaults).
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compact(s: &str) -> String {
        let mut out = Vec::new();
        to_writer(&mut out, s).ok();
        String::from_utf8(out).unwrap_or_default()
    }

    /// DEL, C1 controls and bidi overrides are escaped; other text is not.
    #[test]
    fn escapes_what_serde_json_leaves_raw() {
        let s = "a\u{1b}b\u{7f}c\u{9b}d\u{202e}e é 🚀";
        let json = compact(s);
        assert_eq!(json, "\"a\\u001bb\\u007fc\\u009bd\\u202ee é 🚀\"", "{json}");
        let back: String = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, s);
    }

    /// The pretty writer indents as serde_json's does.
    #[test]
    fn pretty_keeps_the_layout() {
        let value = serde_json::json!({"a": ["\u{2066}x"]});
        let mut ours = Vec::new();
        to_writer_pretty(&mut ours, &value).ok();
        let theirs = serde_json::to_string_pretty(&value).unwrap_or_default();
        let ours = String::from_utf8(ours).unwrap_or_default();
        assert_eq!(ours, theirs.replace('\u{2066}', "\\u2066"));
    }
}
