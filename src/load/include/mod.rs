//! Organisations in several files: `[org] include = ["teams/*.toml"]`.
//!
//! Each file is read and parsed on its own (the same one-file step as a
//! single team file: text in, a [`Doc`] and its findings out); this module
//! only finds the files and hands every `Doc` on, so ids are one namespace
//! across all of them and every finding keeps the span, and so the file, of
//! what it is about.
//!
//! - Paths and glob patterns are relative to the directory of the file that
//!   includes them (the current directory for standard input), and stay in
//!   the root ([`root`]): an absolute path, a `..` or a symbolic link that
//!   leads out, or a path into `.git`, stops the run at the entry. Globs
//!   follow the usual rules: `*` stays within a directory, `**` crosses them,
//!   and a leading dot must be written, so hidden and temporary files are
//!   left out; symbolic links to directories are not followed ([`pattern`]).
//! - Only regular files are read, opened without waiting: a pipe or a
//!   device stops the run at the entry instead of hanging it.
//! - Files are read depth first, in the order written (a glob's matches in
//!   path order), so "first declared" means the same thing on every run.
//! - Each file is read once, however often it is named. A glob skips what
//!   is read already (`*.toml` beside the root file does not take it in
//!   again); a path naming a file read already, or one being read further
//!   up (an include loop), is a finding at the entry, one per file however
//!   many entries repeat it. A glob that matches nothing is a finding too.
//! - An included file that cannot be read or is not TOML stops the run,
//!   like the root file, with an error at the entry that includes it; of a
//!   file that is not TOML, only where its first error is is said, never
//!   its text, so an entry cannot copy a file that is not a team file into
//!   the output.
//!
//! The walk keeps its own stack, so a chain of thousands of includes cannot
//! overflow the call stack; and each glob is expanded once, so a thousand
//! files that each include `*.toml` take a thousand reads, not a million.

mod paths;
mod pattern;
mod repeats;
mod root;

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::read::{Doc, Name};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::finding::{Code, Finding};
use crate::source::{FileId, Sources, Span};
use crate::text::escape;
use paths::{PathId, Paths, PerPath};
use pattern::Unmatched;
use repeats::Repeats;
pub use root::{Refusal, Root};

/// Where the root file's includes are looked for.
#[derive(Debug)]
pub enum Base<'a> {
    /// In `root`, from the directory `start` of it (`None`: the team file is
    /// not in the root, so every include leads out of it).
    Root {
        /// The directory includes stay in.
        root: Root,
        /// The root file's directory, relative to the root.
        start: Option<PathBuf>,
        /// The root file's real path, if it is a file.
        real: Option<PathBuf>,
    },
    /// From the current directory, in the directory given (the current
    /// directory if none): for standard input and text in memory.
    Current(Option<&'a Path>),
    /// Nowhere: each include entry is a finding, and no file is read.
    Refused,
}

/// Reads every file the root includes, directly or not, and returns all the
/// documents, root first, with the findings of all of them.
pub fn expand(
    sources: &mut Sources,
    file: FileId,
    base: Base<'_>,
    doc: Doc,
    mut findings: Vec<Finding>,
) -> Result<(Vec<Doc>, Vec<Finding>), Error> {
    if doc.include.is_empty() {
        return Ok((vec![doc], findings));
    }
    let (root, start, real) = match base {
        Base::Root { root, start, real } => (root, start, real),
        Base::Current(dir) => current(dir)?,
        Base::Refused => {
            findings.extend(doc.include.iter().map(refused));
            return Ok((vec![doc], findings));
        }
    };
    let mut walk = Walk {
        sources,
        root,
        docs: Vec::new(),
        findings,
        stack: Vec::new(),
        rels: Paths::default(),
        reals: Paths::default(),
        resolved: PerPath::default(),
        reading: PerPath::default(),
        seen: PerPath::default(),
        globs: HashMap::new(),
        repeats: Repeats::default(),
    };
    let real = real.map(|r| walk.reals.id(r));
    walk.enter(file, start, real, doc, None)?;
    while let Some(frame) = walk.stack.last_mut() {
        let Some(target) = frame.next() else {
            if let Some(real) = walk.stack.pop().and_then(|f| f.real) {
                walk.reading.clear(real);
            }
            continue;
        };
        walk.include(target)?;
    }
    let repeats = std::mem::take(&mut walk.repeats);
    walk.findings.extend(repeats.findings(walk.sources));
    Ok((walk.docs, walk.findings))
}

/// The root for standard input or text: `dir`, or the current directory,
/// with the current directory as the starting directory.
fn current(dir: Option<&Path>) -> Result<(Root, Option<PathBuf>, Option<PathBuf>), Error> {
    let root = match dir {
        Some(dir) => Root::given(dir)?,
        None => Root::new(Path::new("")).map_err(|e| {
            let what = "cannot find the current directory, which includes are read from";
            Error::Other(anyhow::Error::new(e).context(what))
        })?,
    };
    let start = match dir {
        None => Some(PathBuf::new()),
        Some(_) => root.locate(Path::new("")),
    };
    Ok((root, start, None))
}

/// A file being read: what it still includes.
struct Frame {
    file: FileId,
    /// The file's real path (`None` for standard input or text).
    real: Option<PathId>,
    pending: VecDeque<Pending>,
}

/// What one include entry still names.
enum Pending {
    /// A path.
    Path(Target),
    /// The matches of a glob, from the `next` one on.
    Matches {
        paths: Rc<[PathId]>,
        next: usize,
        entry: Span,
    },
}

impl Frame {
    /// The next file to include, in the order written.
    fn next(&mut self) -> Option<Target> {
        loop {
            match self.pending.front_mut()? {
                Pending::Path(target) => {
                    let target = *target;
                    self.pending.pop_front();
                    return Some(target);
                }
                Pending::Matches { paths, next, entry } => {
                    if let Some(&path) = paths.get(*next) {
                        *next += 1;
                        return Some(Target {
                            path,
                            entry: *entry,
                            matched: true,
                        });
                    }
                    self.pending.pop_front();
                }
            }
        }
    }
}

/// One file an include entry names.
#[derive(Clone, Copy)]
struct Target {
    /// Where it is in the root, by the words of the entry.
    path: PathId,
    entry: Span,
    /// Whether a glob matched it, rather than a path naming it.
    matched: bool,
}

struct Walk<'s> {
    sources: &'s mut Sources,
    root: Root,
    docs: Vec<Doc>,
    findings: Vec<Finding>,
    /// The files being read, the root at the bottom.
    stack: Vec<Frame>,
    /// Paths in the root, by the words of include entries.
    rels: Paths,
    /// Real paths, every symbolic link followed.
    reals: Paths,
    /// The real path of each path in the root met so far.
    resolved: PerPath<PathId>,
    /// Where in the stack each file being read is, by real path.
    reading: PerPath<usize>,
    /// Every file read, by real path, and the entry that first included
    /// it (`None`: the root file).
    seen: PerPath<Option<Span>>,
    /// What every glob expanded so far matches.
    globs: HashMap<PathBuf, Rc<[PathId]>>,
    /// Files named again, or in a loop: one finding per file at the end.
    repeats: Repeats,
}

impl Walk<'_> {
    /// Takes in a parsed file, in the directory `directory` of the root and
    /// included at `entry`, and starts on its includes.
    fn enter(
        &mut self,
        file: FileId,
        directory: Option<PathBuf>,
        real: Option<PathId>,
        mut doc: Doc,
        entry: Option<Span>,
    ) -> Result<(), Error> {
        let entries = std::mem::take(&mut doc.include);
        let mut pending = VecDeque::new();
        for e in &entries {
            pending.extend(self.pending(directory.as_deref(), file, e)?);
        }
        if let Some(real) = real {
            self.seen.set(real, entry);
            self.reading.set(real, self.stack.len());
        }
        self.docs.push(doc);
        self.stack.push(Frame {
            file,
            real,
            pending,
        });
        Ok(())
    }

    /// What one include entry names, or the error that refuses it.
    fn pending(
        &mut self,
        directory: Option<&Path>,
        file: FileId,
        entry: &Name,
    ) -> Result<Option<Pending>, Error> {
        let text = entry.text.as_str();
        if text.is_empty() {
            self.invalid(
                entry.span,
                "an include entry cannot be empty".into(),
                "empty path",
                None,
            );
            return Ok(None);
        }
        let joined = match directory {
            Some(directory) => self.root.join(directory, text),
            None => Err(Refusal::Leaves),
        };
        let (path, literal) = match joined {
            Ok(joined) => joined,
            Err(refusal) => return Err(self.refuse(entry.span, text, &refusal)),
        };
        if !pattern::is_pattern(text) {
            return Ok(Some(Pending::Path(Target {
                path: self.rels.id(path),
                entry: entry.span,
                matched: false,
            })));
        }
        let paths = match self.globs.get(&path) {
            Some(paths) => Rc::clone(paths),
            None => match pattern::matches(&self.root, &path, literal) {
                Ok(matches) => {
                    let paths: Rc<[PathId]> =
                        matches.into_iter().map(|m| self.rels.id(m)).collect();
                    self.globs.insert(path, Rc::clone(&paths));
                    paths
                }
                Err(Unmatched::Refused(refusal)) => {
                    return Err(self.refuse(entry.span, text, &refusal));
                }
                Err(Unmatched::Invalid(e)) => {
                    let message = format!("`{text}` is not a valid glob pattern: {}", e.msg);
                    let help = "`*` matches within a directory, `**` across directories, `?` one character, `[abc]` one of a set";
                    self.invalid(entry.span, message, "invalid pattern", Some(help.into()));
                    return Ok(None);
                }
            },
        };
        if paths.is_empty() {
            let message = format!("`{text}` matches no file");
            let help = format!(
                "include patterns are relative to the directory of `{}`",
                self.sources.path(file)
            );
            self.invalid(entry.span, message, "no file matches", Some(help));
        }
        Ok(Some(Pending::Matches {
            paths,
            next: 0,
            entry: entry.span,
        }))
    }

    fn invalid(
        &mut self,
        span: Span,
        message: String,
        label: impl Into<Cow<'static, str>>,
        help: Option<String>,
    ) {
        let finding = Finding::new(Code::InvalidValue, message)
            .at(span)
            .label(label)
            .maybe_help(help);
        self.findings.push(finding);
    }

    /// The error for an entry the root refuses, which stops the run.
    fn refuse(&mut self, span: Span, text: &str, refusal: &Refusal) -> Error {
        let mut d = Diagnostic::error(refusal.message(text, &self.root))
            .at(span)
            .help(root::HELP);
        d.label = Some("not read".into());
        self.stop(vec![d])
    }

    /// Reads one included file, unless it is already in.
    fn include(&mut self, target: Target) -> Result<(), Error> {
        let real = match self.resolved.get(target.path) {
            Some(&real) => real,
            None => self.resolve(target)?,
        };
        if let Some(&depth) = self.reading.get(real) {
            if !target.matched {
                let files = self.docs_from(depth);
                self.repeats.in_loop(real, target.entry, files);
            }
            return Ok(());
        }
        if let Some(&first) = self.seen.get(real) {
            if !target.matched {
                let shown = self.shown(target);
                self.repeats.again(real, shown, target.entry, first);
            }
            return Ok(());
        }
        let path = self.rels.get(target.path);
        let name = self.root.shown(path).display().to_string();
        let directory = path.parent().map(Path::to_path_buf);
        let real_path = self.reals.get(real).to_path_buf();
        let file = match super::file::read_included(self.sources, &real_path, name) {
            Ok(file) => file,
            Err(e) => return Err(self.unreadable(target, &reason(e))),
        };
        let (doc, findings) = match super::parse(self.sources, file) {
            Ok(parsed) => parsed,
            Err(diagnostics) => return Err(self.not_toml(target, &diagnostics)),
        };
        self.findings.extend(findings);
        self.enter(file, directory, Some(real), doc, Some(target.entry))
    }

    /// The files being read from `depth` up the stack.
    fn docs_from(&self, depth: usize) -> Vec<FileId> {
        let frames = self.stack.get(depth..).unwrap_or_default();
        frames.iter().map(|f| f.file).collect()
    }

    /// The real path of a target, or the error that refuses it.
    fn resolve(&mut self, target: Target) -> Result<PathId, Error> {
        let path = self.rels.get(target.path).to_path_buf();
        let real = match self.root.resolve(&path) {
            Ok(Ok(real)) => self.reals.id(real),
            Ok(Err(refusal)) => {
                let text = self.root.shown(&path).display().to_string();
                return Err(self.refuse(target.entry, &text, &refusal));
            }
            Err(e) => return Err(self.unreadable(target, &e.to_string())),
        };
        self.resolved.set(target.path, real);
        Ok(real)
    }

    /// The error that stops the run with `diagnostics`.
    fn stop(&mut self, diagnostics: Vec<Diagnostic>) -> Error {
        Error::Parse {
            sources: std::mem::take(self.sources),
            diagnostics,
        }
    }

    /// The error for an included file that cannot be read.
    fn unreadable(&mut self, target: Target, why: &str) -> Error {
        let path = self.shown(target);
        let help = format!(
            "include paths are relative to the directory of the file that includes them, so this is `{path}`"
        );
        let mut d = Diagnostic::error(format!("cannot read the included file `{path}`: {why}"))
            .at(target.entry)
            .help(help);
        d.label = Some("included here".into());
        self.stop(vec![d])
    }

    /// The error for an included file that is not TOML: where its first
    /// error is, and how many there are, never its text.
    fn not_toml(&mut self, target: Target, errors: &[Diagnostic]) -> Error {
        let path = self.shown(target);
        let at = errors
            .first()
            .and_then(|d| d.span)
            .map(|s| self.sources.line_col(s));
        let mut message = format!("`{path}` is not valid TOML");
        if let Some(at) = at {
            let more = match errors.len() {
                0 | 1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            message.push_str(&format!(
                ": a syntax error at {}:{}{more}",
                at.line, at.column
            ));
        }
        let mut d = Diagnostic::error(message).at(target.entry).help(format!(
            "the lines of an included file that is not TOML are not shown; `chain check {path}` shows its first error"
        ));
        d.label = Some("included here".into());
        self.stop(vec![d])
    }

    /// The target's path as messages show it.
    fn shown(&self, target: Target) -> String {
        let path = self.root.shown(self.rels.get(target.path));
        escape(&path.display().to_string()).into_owned()
    }
}

/// The finding for an include entry of a file that may not include any.
fn refused(entry: &Name) -> Finding {
    let message = format!(
        "`{}` is not included: this team file was given in a way that reads no other file",
        entry.text
    );
    Finding::new(Code::InvalidValue, message)
        .at(entry.span)
        .label("not followed")
}

/// Why a file could not be read, without the "cannot read" the error starts with.
fn reason(e: Error) -> String {
    match e {
        Error::Other(e) => e.root_cause().to_string(),
        Error::Message(d) => d.message,
        other => other.render(false).trim_end().to_string(),
    }
}
