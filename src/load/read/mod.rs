//! The shape of one team file: from the parsed TOML tree to declarations.
//!
//! Every key and value is checked against format v1 here, and every problem
//! becomes an `invalid-value` finding at the exact key or value; reading
//! carries on past it so one run reports everything. References are still
//! plain strings; [`super::resolve`] turns them into indices.

mod entities;
mod values;

use compact_str::CompactString;

use super::tree::{Entry, Reading, Tree};
use crate::finding::Finding;
use crate::model::{CheckSettings, What};
use crate::source::{FileId, Span};

/// A string from the file and where it is written. Ids and references
/// are short: most lie in the [`CompactString`] itself, unallocated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// The text.
    pub text: CompactString,
    /// The key or value it was read from.
    pub span: Span,
}

/// A handoff as written: the target is not resolved yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandoffDecl {
    /// The receiving id.
    pub to: Name,
    /// What is handed over.
    pub what: Option<What>,
    /// Free text.
    pub note: Option<CompactString>,
}

/// A `[people.ID]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonDecl {
    /// The id and its key.
    pub id: Name,
    /// `name`.
    pub name: Option<CompactString>,
    /// `roles`, unresolved.
    pub roles: Vec<Name>,
    /// `team`.
    pub team: Option<CompactString>,
    /// `hands_to`.
    pub hands_to: Vec<HandoffDecl>,
}

/// A `[roles.ID]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleDecl {
    /// The id and its key.
    pub id: Name,
    /// `title`.
    pub title: Option<CompactString>,
    /// `hands_to`.
    pub hands_to: Vec<HandoffDecl>,
}

/// An `[external.ID]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalDecl {
    /// The id and its key.
    pub id: Name,
    /// `name`.
    pub name: Option<CompactString>,
    /// `pays`.
    pub pays: bool,
}

/// Everything one file declares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Doc {
    /// `[org] name`.
    pub org_name: Option<CompactString>,
    /// `[org] include`: paths and glob patterns of more team files, as written.
    pub include: Vec<Name>,
    /// `[people]`, in file order.
    pub people: Vec<PersonDecl>,
    /// `[roles]`, in file order.
    pub roles: Vec<RoleDecl>,
    /// `[external]`, in file order.
    pub externals: Vec<ExternalDecl>,
    /// `[check]`.
    pub check: CheckSettings,
}

impl Doc {
    /// The id of the declaration of `kind` at `position` in file order.
    pub(super) fn id(&self, kind: crate::model::Kind, position: usize) -> Option<&Name> {
        use crate::model::Kind::{External, Person, Role};
        match kind {
            Person => self.people.get(position).map(|p| &p.id),
            Role => self.roles.get(position).map(|r| &r.id),
            External => self.externals.get(position).map(|e| &e.id),
        }
    }
}

const TOP_KEYS: &[&str] = &["org", "external", "roles", "people", "check"];
const ORG_KEYS: &[&str] = &["name", "include"];
const PERSON_KEYS: &[&str] = &["name", "roles", "team", "hands_to"];
const ROLE_KEYS: &[&str] = &["title", "hands_to"];
const EXTERNAL_KEYS: &[&str] = &["name", "pays"];
const HANDOFF_KEYS: &[&str] = &["to", "what", "note"];
const CHECK_KEYS: &[&str] = &["allow", "warn", "deny"];

/// The people, roles and external customers of one piece of a file, read
/// while the file was parsed, as each was finished (see [`Reading`]), and
/// what is wrong with them.
#[derive(Debug)]
pub struct Early {
    file: FileId,
    people: Vec<PersonDecl>,
    roles: Vec<RoleDecl>,
    externals: Vec<ExternalDecl>,
    findings: Vec<Finding>,
}

impl Early {
    /// Nothing read yet of `file`.
    pub fn new(file: FileId) -> Self {
        Early {
            file,
            people: Vec::new(),
            roles: Vec::new(),
            externals: Vec::new(),
            findings: Vec::new(),
        }
    }
}

impl Reading for Early {
    fn reads(&self, section: &str) -> bool {
        matches!(section, "people" | "roles" | "external")
    }

    fn entry(&mut self, tree: &Tree<'_>, section: &str, entry: &Entry) {
        let mut r = Reader {
            file: self.file,
            tree,
            findings: &mut self.findings,
        };
        match section {
            "people" => self.people.extend(r.person(entry)),
            "roles" => self.roles.extend(r.role(entry)),
            _ => self.externals.extend(r.external(entry)),
        }
    }
}

/// Reads the declarations of one parsed file, after those read `early`
/// from its pieces (in file order), adding a finding for each problem.
pub fn read(file: FileId, tree: &Tree<'_>, early: Vec<Early>, findings: &mut Vec<Finding>) -> Doc {
    let mut doc = Doc::default();
    for piece in early {
        append(&mut doc.people, piece.people);
        append(&mut doc.roles, piece.roles);
        append(&mut doc.externals, piece.externals);
        findings.extend(piece.findings);
    }
    let mut r = Reader {
        file,
        tree,
        findings,
    };
    let top = tree.root();
    r.keys(top, TOP_KEYS, Owner::named("the team file"));
    if let Some(org) = r.section(top, "org") {
        r.keys(org, ORG_KEYS, Owner::named("`[org]`"));
        doc.org_name = r.string(org, "name", Owner::named("`[org]`"));
        doc.include = r.strings(org, "include", Owner::named("`[org]`"), "paths");
    }
    if let Some(check) = r.section(top, "check") {
        doc.check = r.check(check);
    }
    for entry in r.entries(top, "people") {
        doc.people.extend(r.person(entry));
    }
    for entry in r.entries(top, "roles") {
        doc.roles.extend(r.role(entry));
    }
    for entry in r.entries(top, "external") {
        doc.externals.extend(r.external(entry));
    }
    doc
}

/// `more` after the items of `list`; the first list is taken as it is.
fn append<T>(list: &mut Vec<T>, mut more: Vec<T>) {
    if list.is_empty() {
        *list = more;
    } else {
        list.append(&mut more);
    }
}

/// Whose keys a message is about: written out only when there is a message,
/// not once for every person of a big file.
#[derive(Clone, Copy)]
struct Owner<'a> {
    /// Set for the keys of a handoff of the owner.
    handoff: bool,
    what: &'a str,
    id: Option<&'a str>,
}

impl<'a> Owner<'a> {
    fn named(what: &'a str) -> Self {
        Owner {
            handoff: false,
            what,
            id: None,
        }
    }

    fn entity(kind: &'a str, id: &'a str) -> Self {
        Owner {
            handoff: false,
            what: kind,
            id: Some(id),
        }
    }

    fn handoff(self) -> Self {
        Owner {
            handoff: true,
            ..self
        }
    }
}

impl std::fmt::Display for Owner<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.handoff {
            f.write_str("a handoff of ")?;
        }
        match self.id {
            Some(id) => write!(f, "{} `{id}`", self.what),
            None => f.write_str(self.what),
        }
    }
}

/// Reads declarations and values out of the tree of one file, adding a
/// finding for each problem: sections and entries in [`entities`], typed
/// values in [`values`].
struct Reader<'t, 'i, 'f> {
    file: FileId,
    tree: &'t Tree<'i>,
    findings: &'f mut Vec<Finding>,
}
