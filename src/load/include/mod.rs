//! Organisations in several files: `[org] include = ["teams/*.toml"]`.
//!
//! Each file is read and parsed on its own (the same one-file step as a
//! single team file: text in, a [`Doc`] and its findings out); this module
//! only finds the files and hands every `Doc` on, so ids are one namespace
//! across all of them and every finding keeps the span, and so the file, of
//! what it is about.
//!
//! - Paths and glob patterns are relative to the directory of the file that
//!   includes them (the current directory for standard input). Globs follow
//!   the usual rules: `*` stays within a directory, `**` crosses them, and a
//!   leading dot must be written, so hidden and temporary files are left out.
//! - Files are read depth first, in the order written (a glob's matches in
//!   path order), so "first declared" means the same thing on every run.
//! - A file may be included once. Including a file that is being read
//!   further up (an include loop) or one that was already included is a
//!   finding at the include entry; so is a glob that matches nothing.
//! - An included file that cannot be read or is not TOML stops the run, like
//!   the root file, with an error naming both the file and the entry that
//!   includes it.
//!
//! The walk keeps its own stack, so a chain of thousands of includes cannot
//! overflow the call stack.

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};

use glob::{MatchOptions, Pattern};

use super::read::{Doc, Name};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::finding::{Code, Finding};
use crate::source::{FileId, Sources, Span};
use crate::text::escape;

/// Where the root file's includes are looked for.
#[derive(Clone, Copy, Debug)]
pub enum Base<'a> {
    /// Beside the root file at this path; `None`: in the current directory
    /// (for standard input and text in memory).
    Beside(Option<&'a Path>),
    /// Nowhere: each include entry is a finding, and no file is read.
    Refused,
}

/// Reads every file the root includes, directly or not, and returns all the
/// documents, root first, with the findings of all of them.
pub fn expand(
    sources: &mut Sources,
    root: FileId,
    base: Base<'_>,
    doc: Doc,
    mut findings: Vec<Finding>,
) -> Result<(Vec<Doc>, Vec<Finding>), Error> {
    let root_path = match base {
        Base::Beside(path) => path,
        Base::Refused => {
            findings.extend(doc.include.iter().map(refused));
            return Ok((vec![doc], findings));
        }
    };
    let mut walk = Walk {
        sources,
        docs: Vec::new(),
        findings,
        stack: Vec::new(),
        seen: HashMap::new(),
    };
    let canonical = root_path.and_then(|p| p.canonicalize().ok());
    walk.enter(root, root_path, canonical, doc, None);
    while let Some(frame) = walk.stack.last_mut() {
        let Some(target) = frame.targets.pop_front() else {
            walk.stack.pop();
            continue;
        };
        walk.include(target)?;
    }
    Ok((walk.docs, walk.findings))
}

/// A file being read: what it still includes.
struct Frame {
    file: FileId,
    canonical: Option<PathBuf>,
    targets: VecDeque<Target>,
}

/// One file an include entry names.
struct Target {
    path: PathBuf,
    entry: Span,
}

struct Walk<'s> {
    sources: &'s mut Sources,
    docs: Vec<Doc>,
    findings: Vec<Finding>,
    /// The files being read, the root at the bottom.
    stack: Vec<Frame>,
    /// Every file read (by canonical path) and the entry that first included it.
    seen: HashMap<PathBuf, Option<Span>>,
}

impl Walk<'_> {
    /// Takes in a parsed file and starts on its includes.
    fn enter(
        &mut self,
        file: FileId,
        path: Option<&Path>,
        canonical: Option<PathBuf>,
        mut doc: Doc,
        entry: Option<Span>,
    ) {
        let dir = path
            .and_then(Path::parent)
            .map_or_else(PathBuf::new, Path::to_path_buf);
        let entries = std::mem::take(&mut doc.include);
        let targets = entries
            .iter()
            .flat_map(|e| self.targets(&dir, file, e))
            .collect();
        if let Some(c) = &canonical {
            self.seen.insert(c.clone(), entry);
        }
        self.docs.push(doc);
        self.stack.push(Frame {
            file,
            canonical,
            targets,
        });
    }

    /// The files one include entry names, in path order.
    fn targets(&mut self, dir: &Path, file: FileId, entry: &Name) -> Vec<Target> {
        let text = entry.text.as_str();
        let target = |path: PathBuf| Target {
            path,
            entry: entry.span,
        };
        if text.is_empty() {
            self.invalid(
                entry.span,
                "an include entry cannot be empty".into(),
                "empty path",
                None,
            );
            return Vec::new();
        }
        if !text.contains(['*', '?', '[']) {
            return vec![target(dir.join(text))];
        }
        let Some(dir_text) = dir.to_str() else {
            let message =
                format!("cannot expand `{text}`: the including file's directory is not UTF-8");
            self.invalid(entry.span, message, "glob in a non-UTF-8 directory", None);
            return Vec::new();
        };
        let pattern = Path::new(&Pattern::escape(dir_text)).join(text);
        let options = MatchOptions {
            case_sensitive: true,
            require_literal_separator: true,
            require_literal_leading_dot: true,
        };
        let matches = match glob::glob_with(&pattern.to_string_lossy(), options) {
            Ok(paths) => paths,
            Err(e) => {
                let message = format!("`{text}` is not a valid glob pattern: {}", e.msg);
                let help = "`*` matches within a directory, `**` across directories, `?` one character, `[abc]` one of a set";
                self.invalid(entry.span, message, "invalid pattern", Some(help.into()));
                return Vec::new();
            }
        };
        // Unreadable directories are skipped: a pattern includes what it can see.
        let mut paths: Vec<PathBuf> = matches.flatten().filter(|p| p.is_file()).collect();
        paths.sort();
        if paths.is_empty() {
            let message = format!("`{text}` matches no file");
            let help = format!(
                "include patterns are relative to the directory of `{}`",
                self.sources.path(file)
            );
            self.invalid(entry.span, message, "no file matches", Some(help));
        }
        paths.into_iter().map(target).collect()
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

    /// Reads one included file, unless it is already in.
    fn include(&mut self, target: Target) -> Result<(), Error> {
        let canonical = match target.path.canonicalize() {
            Ok(c) => c,
            Err(e) => return Err(self.unreadable(&target, &e.to_string())),
        };
        if let Some(depth) = self
            .stack
            .iter()
            .position(|f| f.canonical.as_ref() == Some(&canonical))
        {
            self.include_loop(&target, depth);
            return Ok(());
        }
        if let Some(&first) = self.seen.get(&canonical) {
            self.twice(&target, first);
            return Ok(());
        }
        let file = match super::read_file(self.sources, &target.path) {
            Ok(file) => file,
            Err(e) => return Err(self.unreadable(&target, &reason(e))),
        };
        let (doc, findings) = match super::parse(self.sources, file) {
            Ok(parsed) => parsed,
            Err(mut diagnostics) => {
                let path = escape(self.sources.path(file)).into_owned();
                diagnostics.push(self.at_entry(
                    &target,
                    format!("`{path}` is not valid TOML"),
                    "the file with the syntax errors above is included here",
                    None,
                ));
                return Err(Error::Parse {
                    sources: std::mem::take(self.sources),
                    diagnostics,
                });
            }
        };
        self.findings.extend(findings);
        self.enter(
            file,
            Some(&target.path),
            Some(canonical),
            doc,
            Some(target.entry),
        );
        Ok(())
    }

    /// The error for an included file that cannot be read.
    fn unreadable(&mut self, target: &Target, why: &str) -> Error {
        let path = escape(&target.path.display().to_string()).into_owned();
        let help = format!(
            "include paths are relative to the directory of the file that includes them, so this is `{path}`"
        );
        let d = self.at_entry(
            target,
            format!("cannot read the included file `{path}`: {why}"),
            "included here",
            Some(help),
        );
        Error::Parse {
            sources: std::mem::take(self.sources),
            diagnostics: vec![d],
        }
    }

    fn at_entry(
        &self,
        target: &Target,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> Diagnostic {
        let mut d = Diagnostic::error(message).at(target.entry);
        d.label = Some(label.to_string());
        d.help = help;
        d
    }

    /// A finding for an include that leads back to a file still being read.
    fn include_loop(&mut self, target: &Target, depth: usize) {
        let files: Vec<String> = self
            .stack
            .get(depth..)
            .unwrap_or_default()
            .iter()
            .map(|f| format!("`{}`", self.sources.path(f.file)))
            .collect();
        let first = files.first().cloned().unwrap_or_default();
        let including = files.last().cloned().unwrap_or_default();
        let message =
            format!("include loop: {including} includes {first}, which is still being read");
        let help = format!(
            "the loop is {} → {first}; a file cannot include a file that includes it",
            files.join(" → ")
        );
        self.invalid(
            target.entry,
            message,
            "leads back to a file that includes this one",
            Some(help),
        );
    }

    /// A finding for a file included a second time.
    fn twice(&mut self, target: &Target, first: Option<Span>) {
        let path = escape(&target.path.display().to_string()).into_owned();
        let message = format!("`{path}` is included twice");
        let help = match first {
            Some(span) => {
                let at = self.sources.line_col(span);
                format!(
                    "it is first included at {}:{}:{}; each file is read once, so remove one of the entries",
                    self.sources.path(span.file),
                    at.line,
                    at.column
                )
            }
            None => "it is the root team file, read already".to_string(),
        };
        self.invalid(target.entry, message, "already included", Some(help));
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
