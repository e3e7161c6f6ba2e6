//! Reading a team file: bytes to text, text to TOML, TOML to the checked
//! [`Org`], collecting every problem on the way.
//!
//! A file that cannot be read, is not UTF-8 or is not TOML stops here with an
//! [`Error`]. Everything else that is wrong (unknown keys, wrong types,
//! unknown or duplicate ids) becomes a [`Finding`] beside a best-effort model,
//! so `check` can report all of it at once and `map` can refuse the file.

mod include;
mod read;
mod resolve;
mod tree;

use std::io::Read;
use std::path::Path;

use anyhow::Context as _;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::finding::Finding;
use crate::model::Org;
use crate::source::{FileId, Sources, Span};

use include::Base;
pub use read::Doc;
pub use resolve::toml_key;
use tree::SyntaxError;

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

/// The most chain reads of team files in one run, all included files
/// together: 256 MiB, about two million people in realistic files. Past
/// it, `chain map /dev/zero` or a runaway generated file end with an error
/// instead of filling memory (a hostile file can take 50 times its size in
/// memory; see docs/RELIABILITY.md).
pub const MAX_FILE_BYTES: u64 = 256 << 20;

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

/// Parses one file's TOML and reads its shape.
fn parse(sources: &Sources, file: FileId) -> Result<(Doc, Vec<Finding>), Vec<Diagnostic>> {
    let text = sources.get(file).map_or("", |f| f.text.as_str());
    let (tree, early, errors) = tree::parse(text, &|| read::Early::new(file));
    if !errors.is_empty() {
        return Err(syntax_errors(sources, file, &errors));
    }
    let mut findings = Vec::new();
    let doc = read::read(file, &tree, early, &mut findings);
    Ok((doc, findings))
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

    /// What a file declares and what is wrong with it: read as chain reads
    /// it (entries handed out while parsing, in pieces if large), and read
    /// from one whole parse with every lookup made.
    fn both_ways(text: &str) -> [(Doc, Vec<Finding>); 2] {
        let mut sources = Sources::new();
        let file = sources.add("t.toml", text.to_string());
        let read = |(tree, early): (tree::Tree<'_>, Vec<read::Early>)| {
            let mut findings = Vec::new();
            let doc = read::read(file, &tree, early, &mut findings);
            crate::finding::sort(&mut findings);
            (doc, findings)
        };
        let (tree, early, errors) = tree::parse(text, &|| read::Early::new(file));
        assert!(errors.is_empty());
        let (whole, errors) = tree::parse_in_chunks(text, usize::MAX);
        assert!(errors.is_empty());
        [read((tree, early)), read((whole, Vec::new()))]
    }

    /// People, roles and external customers read while the file is parsed
    /// come out as a read of the whole tree gives them, in file order, with
    /// the same findings: on a file of thousands of declarations (handed
    /// out in many rounds, and in pieces when past two megabytes), some of
    /// them wrong, and on every fixture.
    #[test]
    fn early_reading_reads_what_a_whole_read_does() {
        let mut text = String::from("[org]\nname = \"O\"\n[external.buyer]\npays = true\n");
        for i in 0..60_000 {
            let person = match i % 500 {
                7 => format!("[people.p{i}]\nroles = \"r{}\"\nteam = 3\n", i % 40),
                8 => format!("[people.p{i}]\nhands_to = [{{ to = \"p1\", wat = 1 }}]\n"),
                9 => format!("[people.p{i}]\nnmae = \"P\"\n"),
                _ => format!(
                    "[people.p{i}]\nname = \"P {i}\"\nroles = [\"r{}\"]\n",
                    i % 40
                ),
            };
            text.push_str(&person);
            if i % 750 == 0 {
                text.push_str(&format!("[roles.r{}]\nhands_to = [\"buyer\"]\n", i / 750));
            }
        }
        let [early, whole] = both_ways(&text);
        assert!(tree::pieces(text.len()) > 1 || crate::ordered::threads() == 1);
        assert_eq!(early.0.people.len(), 60_000);
        assert!(early.1.len() >= 180, "{}", early.1.len());
        assert_eq!(early, whole);
        let fixtures = std::fs::read_dir("tests/fixtures").expect("the fixtures");
        for path in fixtures.filter_map(|e| Some(e.ok()?.path())) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if tree::parse_in_chunks(&text, usize::MAX).1.is_empty() {
                let [early, whole] = both_ways(&text);
                assert_eq!(early, whole, "{}", path.display());
            }
        }
    }

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
