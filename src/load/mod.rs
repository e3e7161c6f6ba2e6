//! Reading a team file: bytes to text, text to TOML, TOML to the checked
//! [`Org`], collecting every problem on the way.
//!
//! A file that cannot be read, is not UTF-8 or is not TOML stops here with an
//! [`Error`]. Everything else that is wrong (unknown keys, wrong types,
//! unknown or duplicate ids) becomes a [`Finding`] beside a best-effort model,
//! so `check` can report all of it at once and `map` can refuse the file.

mod file;
mod include;
mod read;
mod resolve;
mod toml_tree;

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::finding::Finding;
use crate::model::Org;
use crate::source::{FileId, Sources, Span};

use crate::finding::Findings;
pub use crate::finding::PER_CODE;
use include::{Base, Root};
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

/// Loads a team file from `input`, with includes read in the root directory
/// (see [`load_within`]).
pub fn load(input: Input<'_>) -> Result<Loaded, Error> {
    load_within(input, None)
}

/// Loads a team file from `input`. Includes are read only in `root` and
/// below, or, when `root` is `None`, in the directory of the team file (the
/// current directory for standard input and text).
pub fn load_within(input: Input<'_>, root: Option<&Path>) -> Result<Loaded, Error> {
    let mut sources = Sources::new();
    let (file, base) = match input {
        Input::Path(path) if path.as_os_str() == "-" => {
            (file::read_stdin(&mut sources)?, Base::Current(root))
        }
        Input::Path(path) => read_root(&mut sources, path, root)?,
        Input::Text { name, text } => (sources.add(name, text.to_string()), Base::Current(root)),
        Input::Isolated { name, bytes } => {
            let text = file::utf8(name, bytes.to_vec())?;
            (sources.add(name, text), Base::Refused)
        }
    };
    let (doc, findings) = parse(&sources, file).map_err(|diagnostics| Error::Parse {
        diagnostics,
        sources: std::mem::take(&mut sources),
    })?;
    let (docs, findings) = include::expand(&mut sources, file, base, doc, findings)?;
    let (org, mut findings) = resolve::resolve(docs, &sources, findings);
    crate::finding::sort(&mut findings);
    Ok(Loaded {
        sources,
        org,
        findings,
    })
}

/// Loads the team file at `path` (`-` for standard input), with includes
/// read only in `root` (see [`load_within`]).
pub fn load_path(path: &Path, root: Option<&Path>) -> Result<Loaded, Error> {
    load_within(Input::Path(path), root)
}

/// Reads the team file at `path` and says where its includes are read.
fn read_root<'a>(
    sources: &mut Sources,
    path: &Path,
    dir: Option<&'a Path>,
) -> Result<(FileId, Base<'a>), Error> {
    let directory = path.parent().unwrap_or(Path::new(""));
    let root = match dir {
        Some(dir) => Root::given(dir)?,
        // A directory that cannot be found holds no file to read.
        None => Root::new(directory).map_err(|e| file::cannot_read(path, e))?,
    };
    let file = file::read_root(sources, path, &root)?;
    let start = match dir {
        None => Some(PathBuf::new()),
        Some(_) => root.locate(directory),
    };
    let real = path.canonicalize().ok().filter(|p| p.is_file());
    Ok((file, Base::Root { root, start, real }))
}

/// Parses one file's TOML and reads its shape; the findings are at most
/// [`PER_CODE`] of each code, and one more for each code that had more. A
/// file that is not TOML gives its syntax errors, as they are shown.
fn parse(sources: &Sources, file: FileId) -> Result<(Doc, Vec<Finding>), Vec<Diagnostic>> {
    let text = sources.get(file).map_or("", |f| f.text.as_str());
    let (tree, errors) = toml_tree::parse(text);
    if !errors.first.is_empty() {
        let diagnostics = syntax_errors(sources, file, &errors.first);
        return Err(shown_syntax_errors(sources, diagnostics, errors.more));
    }
    let mut findings = Findings::new();
    let doc = read::read(file, &tree, &mut findings);
    Ok((doc, findings.into_vec()))
}

/// How the syntax errors of a team file that is not TOML are shown: the
/// first with its source line, the next few by position only, the rest
/// counted (with `uncounted` errors the parser stopped listing). A file that
/// is not a team file at all (a key file, a log) thus shows at most one of
/// its lines however many errors it holds.
fn shown_syntax_errors(
    sources: &Sources,
    mut errors: Vec<Diagnostic>,
    uncounted: usize,
) -> Vec<Diagnostic> {
    const LISTED: usize = 9;
    let later = errors.split_off(errors.len().min(1));
    let file = errors.first().and_then(|d| d.span).map(|s| s.file);
    let path = file.map_or("", |f| sources.path(f));
    let count = later.len() + uncounted;
    let listed = later.len().min(LISTED);
    for d in later.into_iter().take(LISTED) {
        let Some(span) = d.span else {
            errors.push(d);
            continue;
        };
        let at = sources.line_col(span);
        let what = d
            .message
            .strip_prefix("invalid TOML: ")
            .unwrap_or(&d.message);
        let mut message = format!("invalid TOML at {path}:{}:{}: {what}", at.line, at.column);
        for label in &d.secondary {
            let at = sources.line_col(label.span);
            message.push_str(&format!(" ({} at {}:{})", label.text, at.line, at.column));
        }
        errors.push(Diagnostic {
            span: None,
            message,
            secondary: Vec::new(),
            ..d
        });
    }
    if count > listed {
        errors.push(Diagnostic::error(format!(
            "invalid TOML: {} more syntax errors in `{path}` are not listed",
            count - listed
        )));
    }
    if count > 0 {
        if let Some(last) = errors.last_mut() {
            last.help = Some(
                "only the first syntax error shows its line, so a file that is not a team file is never copied out; fix it and run again".into(),
            );
        }
    }
    errors
}

/// TOML syntax errors as diagnostics, in file order. After the first error
/// on a line the parser's recovery mostly reports echoes of it, so only the
/// first error of each line is kept; and a table declared twice is one
/// error, at its header, not one more for each key its body repeats.
fn syntax_errors(sources: &Sources, file: FileId, errors: &[SyntaxError]) -> Vec<Diagnostic> {
    let text = sources.get(file).map_or("", |f| f.text.as_str());
    let mut diagnostics: Vec<Diagnostic> = errors
        .iter()
        .filter(|e| !e.echo)
        .map(|e| syntax_error(text, file, e))
        .collect();
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
        let mut d = Diagnostic::error(format!("invalid TOML: duplicate key `{key}`"))
            .at(span)
            .help("a key may appear only once in a table; declare each person, role and external customer once");
        if let Some(first) = e.context.clone() {
            d = d
                .label("declared again here")
                .secondary(Span::new(file, first), "first declared here");
        }
        return d;
    }
    d.at(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table declared three times gives two errors, each at a later
    /// header and each naming the first; the keys its bodies repeat give
    /// none, while a key repeated within one body still does.
    #[test]
    fn tables_declared_again_name_the_first() {
        let block = "[people.ana]\nname = \"Ana\"\nteam = \"t\"\n";
        let text = format!("{block}{block}{block}x = 1\nx = 2\n");
        let mut sources = Sources::new();
        let file = sources.add("t.toml", text.clone());
        let (_, errors) = toml_tree::parse(&text);
        let diagnostics = syntax_errors(&sources, file, &errors.first);
        let at = |line: usize, column: usize| crate::source::LineCol { line, column };
        let places: Vec<_> = diagnostics
            .iter()
            .map(|d| {
                let first = d.secondary.first().map(|l| sources.line_col(l.span));
                (d.span.map(|s| sources.line_col(s)), first)
            })
            .collect();
        assert_eq!(
            places,
            [
                (Some(at(4, 9)), Some(at(1, 9))),
                (Some(at(7, 9)), Some(at(1, 9))),
                (Some(at(11, 1)), Some(at(10, 1))),
            ]
        );
    }
}
