//! Reading a team file: bytes to text, text to TOML, TOML to the checked
//! [`Org`], collecting every problem on the way.
//!
//! A file that cannot be read, is not UTF-8 or is not TOML stops here with an
//! [`Error`]. Everything else that is wrong (unknown keys, wrong types,
//! unknown or duplicate ids) becomes a [`Finding`] beside a best-effort model,
//! so `check` can report all of it at once and `map` can refuse the file.

mod findings;
mod include;
mod read;
mod resolve;
mod toml_tree;

use std::io::Read;
use std::path::Path;

use anyhow::Context as _;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::finding::Finding;
use crate::model::Org;
use crate::source::{FileId, MAX_FILE_BYTES, Sources, Span};

use findings::Findings;
pub use findings::PER_CODE;
use include::Base;
pub use read::Doc;
pub use resolve::toml_key;
use toml_tree::SyntaxError;

/// What loading produced: the files read, the model, and what is wrong with it.
#[derive(Debug)]
pub struct Loaded {
    /// Every file read, for rendering diagnostics.
    pub sources: Sources,
    /// The organisation, with broken parts left out.
    pub org: Org,
    /// Problems found while loading, all error-level.
    pub findings: Vec<Finding>,
}

impl Loaded {
    /// What was loaded, or an [`Error::Invalid`] if loading found any problem.
    pub fn valid(self) -> Result<Loaded, Error> {
        if self.findings.is_empty() {
            Ok(self)
        } else {
            Err(Error::Invalid {
                sources: self.sources,
                findings: self.findings,
            })
        }
    }

    /// The files and the model, or an [`Error::Invalid`] if loading found
    /// any problem.
    pub fn into_valid(self) -> Result<(Sources, Org), Error> {
        self.valid().map(|loaded| (loaded.sources, loaded.org))
    }
}

/// Where a team file comes from.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    /// A path; `-` means standard input.
    Path(&'a Path),
    /// Text already in memory, with the name to show for it.
    Text {
        /// Shown in diagnostics.
        name: &'a str,
        /// The team file.
        text: &'a str,
    },
    /// Bytes in memory that may not make chain read any file: checked for
    /// UTF-8 as a file's bytes are, and each `[org] include` entry is
    /// reported as a finding instead of followed (a fuzzer's input).
    Isolated {
        /// Shown in diagnostics.
        name: &'a str,
        /// The team file.
        bytes: &'a [u8],
    },
}

/// Loads a team file from `input`.
pub fn load(input: Input<'_>) -> Result<Loaded, Error> {
    let mut sources = Sources::new();
    let file = match input {
        Input::Path(path) => read_file(&mut sources, path)?,
        Input::Text { name, text } => sources.add(name, text.to_string()),
        Input::Isolated { name, bytes } => sources.add(name, utf8(name, bytes.to_vec())?),
    };
    let (doc, findings) = parse(&sources, file).map_err(|diagnostics| Error::Parse {
        diagnostics,
        sources: std::mem::take(&mut sources),
    })?;
    let base = match input {
        Input::Path(path) if path.as_os_str() != "-" => Base::Beside(Some(path)),
        Input::Path(_) | Input::Text { .. } => Base::Beside(None),
        Input::Isolated { .. } => Base::Refused,
    };
    let (docs, findings) = include::expand(&mut sources, file, base, doc, findings)?;
    let (org, mut findings) = resolve::resolve(docs, &sources, findings);
    crate::finding::sort(&mut findings);
    Ok(Loaded {
        sources,
        org,
        findings,
    })
}

/// Loads the team file at `path` (`-` for standard input).
pub fn load_path(path: &Path) -> Result<Loaded, Error> {
    load(Input::Path(path))
}

/// Reads `path` (or standard input for `-`) into `sources` as UTF-8 text.
fn read_file(sources: &mut Sources, path: &Path) -> Result<FileId, Error> {
    let read: usize = sources.files().iter().map(|f| f.text.len()).sum();
    let limit = MAX_FILE_BYTES.saturating_sub(u64::try_from(read).unwrap_or(u64::MAX));
    let (name, bytes) = if path.as_os_str() == "-" {
        let name = "<stdin>".to_string();
        let bytes = read_limited(std::io::stdin().lock(), None, limit)
            .context("cannot read the team file from standard input")?;
        (name, bytes)
    } else {
        let name = path.display().to_string();
        let shown = || format!("cannot read `{}`", crate::text::escape(&name));
        let file = std::fs::File::open(path).with_context(shown)?;
        // Regular files say their size: read them into a buffer of that size.
        let size = file
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map(|m| m.len());
        let bytes = read_limited(file, size, limit).with_context(shown)?;
        (name, bytes)
    };
    let text = utf8(&name, bytes)?;
    Ok(sources.add(name, text))
}

/// Everything `reader` holds, if that is at most `limit` bytes; `size` is
/// what it is expected to hold, if known.
fn read_limited(reader: impl Read, size: Option<u64>, limit: u64) -> anyhow::Result<Vec<u8>> {
    let too_large = || {
        anyhow::anyhow!(
            "chain reads at most {} MiB of team files in one run, and this goes past it",
            MAX_FILE_BYTES >> 20
        )
    };
    if size.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let capacity = usize::try_from(size.unwrap_or(0)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).map_or(true, |n| n > limit) {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The bytes of the file `name` as text, or an error naming the first byte
/// that is not UTF-8.
fn utf8(name: &str, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| not_utf8(name, e.as_bytes(), e.utf8_error().valid_up_to()))
}

/// The error for a file that is not UTF-8, naming where the first bad byte is.
fn not_utf8(name: &str, bytes: &[u8], valid_up_to: usize) -> Error {
    let valid = bytes.get(..valid_up_to).unwrap_or_default();
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(valid.get(line_start..).unwrap_or_default())
        .chars()
        .count()
        + 1;
    let message = format!(
        "`{}` is not valid UTF-8: the byte at {line}:{column} is not part of any character",
        crate::text::escape(name)
    );
    Diagnostic::error(message)
        .help("a team file is text in UTF-8; re-save it in that encoding")
        .into()
}

/// Parses one file's TOML and reads its shape; the findings are at most
/// [`PER_CODE`] of each code, and one more for each code that had more.
fn parse(sources: &Sources, file: FileId) -> Result<(Doc, Vec<Finding>), Vec<Diagnostic>> {
    let text = sources.get(file).map_or("", |f| f.text.as_str());
    let (tree, errors) = toml_tree::parse(text);
    if !errors.first.is_empty() {
        let mut diagnostics = syntax_errors(sources, file, &errors.first);
        if errors.more > 0 {
            let message = format!("{} more TOML errors after these are not shown", errors.more);
            let help = "fix the errors above and run chain again to see the rest";
            diagnostics.push(Diagnostic::error(message).help(help));
        }
        return Err(diagnostics);
    }
    let mut findings = Findings::new();
    let doc = read::read(file, &tree, &mut findings);
    Ok((doc, findings.into_vec()))
}

/// TOML syntax errors as diagnostics, in file order. After the first error
/// on a line the parser's recovery mostly reports echoes of it, so only the
/// first error of each line is kept.
fn syntax_errors(sources: &Sources, file: FileId, errors: &[SyntaxError]) -> Vec<Diagnostic> {
    let text = sources.get(file).map_or("", |f| f.text.as_str());
    let mut diagnostics: Vec<Diagnostic> =
        errors.iter().map(|e| syntax_error(text, file, e)).collect();
    diagnostics.sort_by_key(|d| d.span);
    let mut seen_lines = std::collections::BTreeSet::new();
    diagnostics.retain(|d| seen_lines.insert(d.span.map(|s| sources.line_col(s).line)));
    diagnostics
}

/// One TOML syntax error as a diagnostic.
fn syntax_error(text: &str, file: FileId, e: &SyntaxError) -> Diagnostic {
    let message = e.message.trim_end();
    let mut d = Diagnostic::error(format!("invalid TOML: {message}"));
    if message.contains("recurs") {
        d = d.help("arrays, inline tables and the parts of a dotted key nest at most 80 deep");
    }
    let Some(range) = e.span.clone() else {
        return d;
    };
    let span = Span::new(file, range.clone());
    if message == "duplicate key" {
        let key = text.get(range).unwrap_or_default();
        return Diagnostic::error(format!("invalid TOML: duplicate key `{key}`"))
            .at(span)
            .help("a key may appear only once in a table; declare each person, role and external customer once");
    }
    d.at(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source past the limit is refused whether its size is known
    /// beforehand (a file) or only found by reading (a pipe).
    #[test]
    fn reads_up_to_the_limit() {
        let ten = &b"0123456789"[..];
        assert_eq!(read_limited(ten, None, 10).ok().as_deref(), Some(ten));
        assert!(read_limited(ten, None, 9).is_err());
        assert!(read_limited(&b""[..], Some(11), 10).is_err());
        let message = read_limited(ten, Some(10), 5).err().map(|e| e.to_string());
        assert!(message.is_some_and(|m| m.contains("256 MiB")));
    }
}
