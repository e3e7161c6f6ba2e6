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

use std::io::Read as _;
use std::path::Path;

use anyhow::Context as _;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::finding::Finding;
use crate::model::Org;
use crate::source::{FileId, Sources, Span};

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
    /// The model, or an [`Error::Invalid`] if loading found any problem.
    pub fn into_valid(self) -> Result<(Sources, Org), Error> {
        if self.findings.is_empty() {
            Ok((self.sources, self.org))
        } else {
            Err(Error::Invalid {
                sources: self.sources,
                findings: self.findings,
            })
        }
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
}

/// Loads a team file from `input`.
pub fn load(input: Input<'_>) -> Result<Loaded, Error> {
    let mut sources = Sources::new();
    let file = match input {
        Input::Path(path) => read_file(&mut sources, path)?,
        Input::Text { name, text } => sources.add(name, text.to_string()),
    };
    let (doc, findings) = parse(&sources, file).map_err(|diagnostics| Error::Parse {
        diagnostics,
        sources: std::mem::take(&mut sources),
    })?;
    let base = match input {
        Input::Path(path) if path.as_os_str() != "-" => Some(path),
        _ => None,
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
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("cannot read the team file from standard input")?;
        ("<stdin>".to_string(), bytes)
    } else {
        let name = path.display().to_string();
        let bytes = std::fs::read(path)
            .with_context(|| format!("cannot read `{}`", crate::text::escape(&name)))?;
        (name, bytes)
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(sources.add(name, text)),
        Err(e) => Err(not_utf8(&name, e.as_bytes(), e.utf8_error().valid_up_to())),
    }
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
    let (tree, errors) = tree::parse(text);
    if !errors.is_empty() {
        return Err(syntax_errors(sources, file, &errors));
    }
    let mut findings = Vec::new();
    let doc = read::read(file, &tree, &mut findings);
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
    let Some(range) = e.span.clone() else {
        return Diagnostic::error(format!("invalid TOML: {message}"));
    };
    let span = Span::new(file, range.clone());
    if message == "duplicate key" {
        let key = text.get(range).unwrap_or_default();
        return Diagnostic::error(format!("invalid TOML: duplicate key `{key}`"))
            .at(span)
            .help("a key may appear only once in a table; declare each person, role and external customer once");
    }
    Diagnostic::error(format!("invalid TOML: {message}")).at(span)
}
