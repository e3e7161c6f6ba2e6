//! `chain diff`: what a change to a team file does to everyone's chain.
//!
//! [`Diff::new`] compares two checked organisations, each with the findings
//! `chain check` reports on it, and returns the difference as data: people,
//! roles and external customers added and removed, role assignments and
//! handoffs added and removed, every person whose distance to a paying
//! customer changed, and the findings introduced and fixed. [`without`]
//! builds an organisation minus some parties, for "what if Sam leaves?".
//! The writers ([`Format`]) only read a `Diff`.
//!
//! Everything is matched by id, never by position in the file, so moving a
//! table, reordering a list or editing a comment changes nothing. Each part
//! is one pass over each organisation plus a hash join: linear.

mod checked;
mod distance;
mod gate;
mod handoffs;
mod json;
mod markdown;
mod matching;
mod parties;
mod summary;
mod table;
mod text;
mod without;

use std::io::{self, Write};

use compact_str::CompactString;

use crate::finding::{Code, Finding, Severity};
use crate::model::{Kind, Org, What};
use crate::source::Sources;

pub use checked::Checked;
pub use gate::Gate;
pub use without::without;

/// One side of a comparison: an organisation and what `chain check` says
/// about it.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    /// The files read, for placing findings and naming the side.
    pub sources: &'a Sources,
    /// The organisation.
    pub org: &'a Org,
    /// The findings `check::run` reports on it, in report order.
    pub findings: &'a [Finding],
}

/// What was added and what was removed, each sorted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changes<T> {
    /// In the new organisation only.
    pub added: Vec<T>,
    /// In the old organisation only.
    pub removed: Vec<T>,
}

impl<T> Default for Changes<T> {
    fn default() -> Self {
        Changes {
            added: Vec::new(),
            removed: Vec::new(),
        }
    }
}

impl<T> Changes<T> {
    /// Whether nothing was added or removed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// A person, role or external customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry<'a> {
    /// The id.
    pub id: &'a str,
    /// The name or title, or the id when none is declared.
    pub name: &'a str,
}

/// A person holding a role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Holding<'a> {
    /// The person's id.
    pub person: &'a str,
    /// The role's id.
    pub role: &'a str,
}

/// A declared handoff. Its identity is (`from`, `to`, `what`): a changed
/// `what` is one handoff removed and another added; a changed `note` is a
/// [`NoteChange`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct HandoffRow<'a> {
    /// The person or role that declares it.
    pub from: &'a str,
    /// Who receives the work.
    pub to: &'a str,
    /// What is handed over, when declared.
    pub what: Option<What>,
    /// The note, when there is one.
    pub note: Option<&'a str>,
}

impl<'a> HandoffRow<'a> {
    /// What identifies a handoff across two files.
    fn key(&self) -> (&'a str, &'a str, Option<What>) {
        (self.from, self.to, self.what)
    }
}

/// A handoff in both organisations whose note changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct NoteChange<'a> {
    /// The handoff as it is in the new organisation.
    pub handoff: HandoffRow<'a>,
    /// Its note in the old one.
    pub before: Option<&'a str>,
}

/// A person in both organisations whose distance to a paying customer changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DistanceChange<'a> {
    /// The person's id.
    pub id: &'a str,
    /// Their name (in the new organisation), or the id.
    pub name: &'a str,
    /// Fewest handoffs to a paying customer before; `None` for no route.
    pub before: Option<u32>,
    /// The same after.
    pub after: Option<u32>,
    /// When the route is lost: the vacant roles the person's work stops at
    /// after the change (at most a few), in id order.
    pub stopped_at: Vec<&'a str>,
    /// Whether the work stops at more vacancies than `stopped_at` lists.
    pub stopped_at_more: bool,
}

/// How a distance changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Had a route to a paying customer, has none.
    Lost,
    /// More handoffs than before.
    Longer,
    /// Fewer handoffs than before.
    Shorter,
    /// Had no route, has one.
    Gained,
}

impl Change {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Lost => "lost",
            Change::Longer => "longer",
            Change::Shorter => "shorter",
            Change::Gained => "gained",
        }
    }
}

impl DistanceChange<'_> {
    /// How the distance changed.
    pub fn change(&self) -> Change {
        match (self.before, self.after) {
            (Some(_), None) => Change::Lost,
            (None, _) => Change::Gained,
            (Some(b), Some(a)) if a > b => Change::Longer,
            _ => Change::Shorter,
        }
    }
}

/// Findings introduced and fixed.
///
/// A finding's identity is its code, severity, message and ids, never its
/// line: lines move whenever the file is edited. Messages name the ids a
/// finding is about (and for `single-point`, how many people depend on the
/// person), so a finding whose message changes is one fixed and one new, and
/// so is one whose severity changes.
#[derive(Clone, Debug, Default)]
pub struct FindingChanges<'a> {
    /// In the new organisation only, in its report order.
    pub new: Vec<&'a Finding>,
    /// In the old organisation only, in its report order.
    pub fixed: Vec<&'a Finding>,
}

/// How to write a diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Sections for people, styled when `styled`.
    Text {
        /// Whether to emit ANSI styles.
        styled: bool,
        /// Rows shown per section (0: all).
        max_rows: usize,
    },
    /// One JSON document, complete.
    Json,
    /// A pull-request comment with tables.
    Markdown {
        /// Rows shown per table (0: all).
        max_rows: usize,
    },
}

/// The difference between two organisations.
#[derive(Clone, Debug)]
pub struct Diff<'a> {
    /// The organisation before.
    pub old: Side<'a>,
    /// The organisation after.
    pub new: Side<'a>,
    /// For a what-if, the ids taken out of `old` to make `new`.
    pub without: Vec<&'a str>,
    /// People added and removed, by id.
    pub people: Changes<Entry<'a>>,
    /// Roles added and removed, by id.
    pub roles: Changes<Entry<'a>>,
    /// Roles in both, held before and held by nobody after.
    pub vacated: Vec<Entry<'a>>,
    /// Roles in both, held by nobody before and held after.
    pub filled: Vec<Entry<'a>>,
    /// External customers added and removed, by id.
    pub external: Changes<Entry<'a>>,
    /// External customers in both that pay now and did not before.
    pub now_paying: Vec<Entry<'a>>,
    /// External customers in both that paid before and do not now.
    pub stopped_paying: Vec<Entry<'a>>,
    /// Role assignments (a person holding a role) added and removed.
    pub holders: Changes<Holding<'a>>,
    /// Handoffs added and removed, by (from, to, what).
    pub handoffs: Changes<HandoffRow<'a>>,
    /// Handoffs in both whose note changed.
    pub notes: Vec<NoteChange<'a>>,
    /// People in both whose distance to a paying customer changed, by id.
    pub distance: Vec<DistanceChange<'a>>,
    /// Findings introduced and fixed.
    pub findings: FindingChanges<'a>,
}

impl<'a> Diff<'a> {
    /// Compares `old` with `new`.
    pub fn new(old: Side<'a>, new: Side<'a>) -> Self {
        let (handoffs, notes) = handoffs::compare(old.org, new.org);
        let (vacated, filled) = parties::vacancies(old.org, new.org);
        let (now_paying, stopped_paying) = parties::paying(old.org, new.org);
        Diff {
            old,
            new,
            without: Vec::new(),
            people: parties::compare(old.org, new.org, Kind::Person),
            roles: parties::compare(old.org, new.org, Kind::Role),
            vacated,
            filled,
            external: parties::compare(old.org, new.org, Kind::External),
            now_paying,
            stopped_paying,
            holders: parties::holders(old.org, new.org),
            handoffs,
            notes,
            distance: distance::compare(old.org, new.org),
            findings: compare_findings(old.findings, new.findings),
        }
    }

    /// Whether nothing this diff reports changed.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
            && self.roles.is_empty()
            && self.vacated.is_empty()
            && self.filled.is_empty()
            && self.external.is_empty()
            && self.now_paying.is_empty()
            && self.stopped_paying.is_empty()
            && self.holders.is_empty()
            && self.handoffs.is_empty()
            && self.notes.is_empty()
            && self.distance.is_empty()
            && self.findings.new.is_empty()
            && self.findings.fixed.is_empty()
    }

    /// The distance changes of one kind, by id.
    pub fn changed(&self, change: Change) -> impl Iterator<Item = &DistanceChange<'a>> {
        self.distance.iter().filter(move |d| d.change() == change)
    }

    /// New findings at error level.
    pub fn new_errors(&self) -> impl Iterator<Item = &&'a Finding> {
        self.findings
            .new
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    /// Writes the diff in `format`.
    pub fn write(&self, out: &mut dyn Write, format: Format) -> io::Result<()> {
        match format {
            Format::Text { styled, max_rows } => text::write(self, out, styled, max_rows),
            Format::Json => json::write(self, out),
            Format::Markdown { max_rows } => markdown::write(self, out, max_rows),
        }
    }
}

/// Pairs findings by identity (see [`FindingChanges`]).
fn compare_findings<'a>(old: &'a [Finding], new: &'a [Finding]) -> FindingChanges<'a> {
    let old: Vec<&Finding> = old.iter().collect();
    let new: Vec<&Finding> = new.iter().collect();
    let key = |f: &&'a Finding| -> (Code, Severity, &'a str, &'a [CompactString]) {
        (f.code, f.severity, f.message.as_str(), f.ids.as_slice())
    };
    let matched = matching::match_up(&old, &new, key);
    FindingChanges {
        new: matched.added,
        fixed: matched.removed,
    }
}
