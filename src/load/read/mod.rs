//! The shape of one team file: from the parsed TOML tree to declarations.
//!
//! Every key and value is checked against format v1 here, and every problem
//! becomes an `invalid-value` finding at the exact key or value; reading
//! carries on past it so one run reports everything. A value reported as
//! invalid leaves what it sets unknown rather than at its default (see
//! [`ExternalDecl::pays_invalid`]), so it causes no findings of its own
//! further on. References are still plain strings; [`super::resolve`] turns
//! them into indices.

mod entities;
mod values;

use compact_str::CompactString;

use super::toml_tree::Tree;
use crate::finding::Findings;
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
    /// Some of `roles` was invalid and is left out.
    pub roles_left_out: bool,
    /// Some of `hands_to` was invalid and is left out.
    pub hands_to_left_out: bool,
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
    /// Some of `hands_to` was invalid and is left out.
    pub hands_to_left_out: bool,
}

/// An `[external.ID]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalDecl {
    /// The id and its key.
    pub id: Name,
    /// `name`.
    pub name: Option<CompactString>,
    /// `pays`: false when not written, or written with an invalid value.
    pub pays: bool,
    /// `pays` is written with a value that is not a boolean, so whether
    /// this customer pays is unknown.
    pub pays_invalid: bool,
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

/// Reads the declarations of one parsed file, adding a finding for each
/// problem.
pub fn read(file: FileId, tree: &Tree<'_>, findings: &mut Findings) -> Doc {
    let mut doc = Doc::default();
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
    doc.people = r
        .entries(top, "people")
        .iter()
        .filter_map(|e| r.person(e))
        .collect();
    doc.roles = r
        .entries(top, "roles")
        .iter()
        .filter_map(|e| r.role(e))
        .collect();
    doc.externals = (r.entries(top, "external").iter())
        .filter_map(|e| r.external(e))
        .collect();
    doc
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
    findings: &'f mut Findings,
}
