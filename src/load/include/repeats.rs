//! Include entries that name a file read already, or one still being read
//! (a loop): one finding per file, however many entries name it again, so
//! a thousand files that each include the same one give one finding, not a
//! thousand.

use std::collections::HashMap;

use super::paths::PathId;
use crate::finding::{Code, Finding};
use crate::source::{FileId, Sources, Span};

/// At most this many places are listed in a finding's help.
const LISTED: usize = 3;

/// The repeated entries met so far, by the real path of the file they name.
#[derive(Debug, Default)]
pub struct Repeats {
    again: HashMap<PathId, Again>,
    loops: HashMap<PathId, Loop>,
}

/// A file named again after it was read.
#[derive(Debug)]
struct Again {
    shown: String,
    /// The entry that first included it (`None`: it is the root file).
    first: Option<Span>,
    entries: Vec<Span>,
}

/// A file named by a file it includes, directly or not.
#[derive(Debug)]
struct Loop {
    /// The files of the first loop found, the one named first.
    files: Vec<FileId>,
    entries: Vec<Span>,
}

impl Repeats {
    /// `entry` names `real` (shown as `shown`), read already from `first`.
    pub fn again(&mut self, real: PathId, shown: String, entry: Span, first: Option<Span>) {
        let again = self.again.entry(real).or_insert_with(|| Again {
            shown,
            first,
            entries: Vec::new(),
        });
        again.entries.push(entry);
    }

    /// `entry` names `real`, the first of `files`, which are being read.
    pub fn in_loop(&mut self, real: PathId, entry: Span, files: Vec<FileId>) {
        let found = self.loops.entry(real).or_insert_with(|| Loop {
            files,
            entries: Vec::new(),
        });
        found.entries.push(entry);
    }

    /// One finding per file named again, and one per loop.
    pub fn findings(self, sources: &Sources) -> Vec<Finding> {
        let again = self.again.into_values().map(|a| a.finding(sources));
        let loops = self.loops.into_values().map(|l| l.finding(sources));
        again.chain(loops).flatten().collect()
    }
}

impl Again {
    fn finding(self, sources: &Sources) -> Option<Finding> {
        let (&at, others) = self.entries.split_first()?;
        let times = match self.entries.len() + 1 {
            2 => "twice".to_string(),
            n => format!("{n} times"),
        };
        let first = match self.first {
            Some(span) => format!("it is first included at {}", place(sources, span)),
            None => "it is the root team file, read already".to_string(),
        };
        let mut help = first;
        if !others.is_empty() {
            help.push_str(&format!(", and named again at {}", places(sources, others)));
        }
        let remove = if others.is_empty() {
            "remove one of the entries"
        } else {
            "remove the extra entries"
        };
        help.push_str(&format!("; each file is read once, so {remove}"));
        let finding = Finding::new(
            Code::InvalidValue,
            format!("`{}` is included {times}", self.shown),
        )
        .at(at)
        .label("already included")
        .maybe_help(Some(help));
        Some(finding)
    }
}

impl Loop {
    fn finding(self, sources: &Sources) -> Option<Finding> {
        let (&at, others) = self.entries.split_first()?;
        let names: Vec<String> = self
            .files
            .iter()
            .map(|&f| format!("`{}`", sources.path(f)))
            .collect();
        let first = names.first().cloned().unwrap_or_default();
        let including = names.last().cloned().unwrap_or_default();
        let message =
            format!("include loop: {including} includes {first}, which is still being read");
        let mut help = format!(
            "the loop is {} → {first}; a file cannot include a file that includes it",
            shortened(&names)
        );
        if !others.is_empty() {
            help.push_str(&format!(
                "; the entries at {} lead back to it too",
                places(sources, others)
            ));
        }
        let finding = Finding::new(Code::InvalidValue, message)
            .at(at)
            .label("leads back to a file that includes this one")
            .maybe_help(Some(help));
        Some(finding)
    }
}

/// `names` joined by arrows, the middle of a long loop left out.
fn shortened(names: &[String]) -> String {
    if names.len() <= 2 * LISTED {
        return names.join(" → ");
    }
    let head = names.get(..LISTED).unwrap_or_default().join(" → ");
    let tail = names
        .get(names.len() - LISTED..)
        .unwrap_or_default()
        .join(" → ");
    format!("{head} → … ({} more) → {tail}", names.len() - 2 * LISTED)
}

/// `path:line:col` of `span`.
fn place(sources: &Sources, span: Span) -> String {
    let at = sources.line_col(span);
    format!("{}:{}:{}", sources.path(span.file), at.line, at.column)
}

/// The first few of `spans` as places, and how many more there are.
fn places(sources: &Sources, spans: &[Span]) -> String {
    let listed: Vec<String> = spans
        .iter()
        .take(LISTED)
        .map(|&s| place(sources, s))
        .collect();
    match spans.len().saturating_sub(LISTED) {
        0 => listed.join(", "),
        more => format!("{} and {more} more", listed.join(", ")),
    }
}
