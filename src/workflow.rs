//! Output that a GitHub Actions runner cannot take for commands.
//!
//! The runner reads every line a step prints, on standard output and
//! standard error alike, and obeys two kinds of workflow command in them:
//! a line that starts (after white space) with `::NAME ...::`, and, with
//! the older syntax, `##[NAME ...]` anywhere in a line. A team file written
//! by whoever opens a pull request must not reach the log as one: an id
//! `::stop-commands::x` at the start of a `chain map` row, or a name holding
//! `##[add-mask]...`, would be obeyed.
//!
//! When `GITHUB_ACTIONS` is `true`, main passes both streams through
//! [`Inert`], which writes the second character of a line-starting `::` as
//! `\u003a` and the second `#` of every `##[` as `\u0023`. Both are JSON's
//! own escapes, so JSON output keeps its exact data (a `##[` can only be
//! inside a JSON string), and text shows them as escapes like the other
//! characters chain escapes. GitHub's advice of wrapping output in
//! `::stop-commands::TOKEN` is not followed: the two streams reach the
//! runner interleaved in no fixed order and share one stop state, so a
//! block opened on one stream would swallow the annotations
//! `chain check --format github` writes on the other, and a block closed on
//! one would leave the other unguarded. That one report, chain's own
//! commands with the file's text percent-encoded, is the only output
//! written as it is.

use std::io::{self, Write};

/// Whether this run's output goes to a GitHub Actions log.
pub fn in_github_actions() -> bool {
    std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true")
}

/// A writer that passes everything on with workflow commands made inert,
/// a line at a time (a line ends at `\n` or `\r`, as the runner reads it).
#[derive(Debug)]
pub struct Inert<W: Write> {
    inner: W,
    /// The line being written, held until it ends.
    line: Vec<u8>,
}

impl<W: Write> Inert<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Inert {
            inner,
            line: Vec::new(),
        }
    }

    /// Writes the line held, made inert.
    fn write_line(&mut self) -> io::Result<()> {
        let line = std::mem::take(&mut self.line);
        self.inner.write_all(&inert(&line))?;
        self.line = line;
        self.line.clear();
        Ok(())
    }
}

impl<W: Write> Write for Inert<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(end) = rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            let (line, after) = rest.split_at(end + 1);
            self.line.extend_from_slice(line);
            self.write_line()?;
            rest = after;
        }
        self.line.extend_from_slice(rest);
        Ok(buf.len())
    }

    /// Flushes every finished line; the unfinished one waits for its end
    /// (or the drop), since what follows decides whether it is a command.
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Inert<W> {
    fn drop(&mut self) {
        if !self.line.is_empty() {
            let _ = self.write_line();
        }
        let _ = self.inner.flush();
    }
}

/// `line` with every workflow command in it made inert.
fn inert(line: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let start = command_start(line);
    let starts_command = line.get(start..).is_some_and(|l| l.starts_with(b"::"));
    if !starts_command && !contains(line, b"##[") {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = Vec::with_capacity(line.len() + 12);
    let mut i = 0;
    while let Some(&b) = line.get(i) {
        if starts_command && i == start + 1 {
            out.extend_from_slice(b"\\u003a");
        } else if b == b'#' && i > 0 && line.get(i - 1..i + 2) == Some(b"##[") {
            out.extend_from_slice(b"\\u0023");
        } else {
            out.push(b);
        }
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

/// Where a line's text starts for the runner: past white space, and
/// (erring on the side of caution) past invisible characters, controls and
/// terminal colour sequences, which a log viewer may drop.
fn command_start(line: &[u8]) -> usize {
    let valid = match std::str::from_utf8(line) {
        Ok(s) => s,
        Err(e) => {
            std::str::from_utf8(line.get(..e.valid_up_to()).unwrap_or_default()).unwrap_or("")
        }
    };
    let mut chars = valid.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c == '\u{1b}' {
            chars.next();
            // `ESC [ parameters final`: skip up to the final byte.
            if chars.next_if(|&(_, c)| c == '[').is_some() {
                while chars
                    .next_if(|&(_, c)| !('\u{40}'..='\u{7e}').contains(&c))
                    .is_some()
                {}
                chars.next();
            }
        } else if c.is_whitespace() || crate::text::is_unsafe(c) {
            chars.next();
        } else {
            return i;
        }
    }
    valid.len()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(text: &str) -> String {
        let mut out = Vec::new();
        {
            let mut w = Inert::new(&mut out);
            w.write_all(text.as_bytes()).expect("written");
        }
        String::from_utf8(out).expect("UTF-8")
    }

    /// Line-starting `::` and every `##[` are broken; nothing else changes.
    #[test]
    fn breaks_commands_only() {
        assert_eq!(through("a ::b::c\n"), "a ::b::c\n");
        assert_eq!(
            through("::stop-commands::x\n"),
            ":\\u003astop-commands::x\n"
        );
        assert_eq!(
            through("  \u{a0}::error::x\r::x::"),
            "  \u{a0}:\\u003aerror::x\r:\\u003ax::"
        );
        assert_eq!(
            through("row ##[add-mask]s ###[x]\n"),
            "row #\\u0023[add-mask]s ##\\u0023[x]\n"
        );
        assert_eq!(through("\u{1b}[1m::x::y\n"), "\u{1b}[1m:\\u003ax::y\n");
        assert_eq!(through("\u{200b}::x::y"), "\u{200b}:\\u003ax::y");
        assert_eq!(
            through("{\"a\": \"##[x]\"}\n"),
            "{\"a\": \"#\\u0023[x]\"}\n"
        );
    }

    /// A command split over many writes is still seen whole.
    #[test]
    fn sees_lines_across_writes() {
        let mut out = Vec::new();
        {
            let mut w = Inert::new(&mut out);
            for piece in [" ", ":", ":x::y #", "#", "[a]\n", "ok\n"] {
                w.write_all(piece.as_bytes()).expect("written");
                w.flush().expect("flushed");
            }
        }
        assert_eq!(
            String::from_utf8_lossy(&out),
            " :\\u003ax::y #\\u0023[a]\nok\n"
        );
    }
}
