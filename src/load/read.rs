//! The shape of one team file: from the parsed TOML tree to declarations.
//!
//! Every key and value is checked against format v1 here, and every problem
//! becomes an `invalid-value` finding at the exact key or value; reading
//! carries on past it so one run reports everything. References are still
//! plain strings; [`super::resolve`] turns them into indices.

use std::borrow::Cow;
use std::ops::Range;

use compact_str::CompactString;

use super::tree::{ArrayId, Entry, Kind, Reading, TableId, Tree, Value};
use crate::finding::{Code, Finding};
use crate::model::{CheckSettings, CodeSetting, What};
use crate::source::{FileId, Span};
use crate::suggest;

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

struct Reader<'t, 'i, 'f> {
    file: FileId,
    tree: &'t Tree<'i>,
    findings: &'f mut Vec<Finding>,
}

impl<'t> Reader<'t, '_, '_> {
    fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    fn invalid(
        &mut self,
        range: Range<usize>,
        message: String,
        label: impl Into<Cow<'static, str>>,
        help: Option<String>,
    ) {
        let finding = Finding::new(Code::InvalidValue, message)
            .at(self.span(range))
            .label(label)
            .maybe_help(help);
        self.findings.push(finding);
    }

    /// The text of a string value or key.
    fn text(&self, s: super::tree::Str) -> &'t str {
        self.tree.str(s)
    }

    /// Reports every key of `table` that is not in `allowed` (nor in `skip`).
    fn keys(&mut self, table: TableId, allowed: &[&str], owner: Owner<'_>) {
        self.unknown_keys(table, allowed, &[], owner);
    }

    /// Reports every key of `table` that is neither in `allowed` nor in `skip`.
    fn unknown_keys(&mut self, table: TableId, allowed: &[&str], skip: &[&str], owner: Owner<'_>) {
        for entry in self.tree.entries(table) {
            let key = self.text(entry.key.name);
            if allowed.contains(&key) || skip.contains(&key) {
                continue;
            }
            let list = allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>();
            let mut help = format!("allowed keys: {}", list.join(", "));
            if let Some(s) = suggest::closest(key, allowed.iter().copied()) {
                help = format!("did you mean `{s}`? {help}");
            }
            let message = format!("unknown key `{key}` in {owner}");
            self.invalid(entry.key.pos.range(), message, "unknown key", Some(help));
        }
    }

    /// The value of `key` in `table`.
    fn get(&self, table: TableId, key: &str) -> Option<Value> {
        self.tree.get(table, key).map(|e| e.value)
    }

    /// The top-level table `key`, if present and a table.
    fn section(&mut self, top: TableId, key: &str) -> Option<TableId> {
        let value = self.get(top, key)?;
        self.expect_table(
            value,
            format!("`{key}` must be a table"),
            format!("[{key}]"),
        )
    }

    /// The entries of a section keyed by id (`[people.ID]` and the like)
    /// that were not read while the file was parsed.
    fn entries(&mut self, top: TableId, key: &str) -> &'t [Entry] {
        let Some(value) = self.get(top, key) else {
            return &[];
        };
        let message = format!("`{key}` must be a table of entries keyed by id");
        let example = format!("[{key}.some-id]");
        match self.expect_table(value, message, example) {
            Some(table) => self.tree.entries_left(table),
            None => &[],
        }
    }

    fn expect_table(&mut self, value: Value, message: String, example: String) -> Option<TableId> {
        if let Kind::Table(t) = value.kind {
            return Some(t);
        }
        let label = format!("found {}", value.kind.type_str());
        let help = Some(format!("write it as a table: `{example}`"));
        self.invalid(value.pos.range(), message, label, help);
        None
    }

    /// The id of an entry and its table, or `None` after reporting why not.
    fn entity(&mut self, entry: &Entry, kind: &str, section: &str) -> Option<(Name, TableId)> {
        let id = self.text(entry.key.name);
        let key_range = entry.key.pos.range();
        if id.is_empty() {
            let help =
                format!("give it a non-empty id; quote ids with spaces: `[{section}.\"Ana R\"]`");
            let message = format!("an id in `[{section}]` cannot be empty");
            self.invalid(key_range, message, "empty id", Some(help));
            return None;
        }
        let table = match entry.value.kind {
            Kind::Table(t) => t,
            _ => {
                let message = format!("{kind} `{id}` must be a table");
                self.expect_table(entry.value, message, format!("[{section}.{id}]"))?
            }
        };
        let name = Name {
            text: id.into(),
            span: self.span(key_range),
        };
        Some((name, table))
    }

    fn person(&mut self, entry: &Entry) -> Option<PersonDecl> {
        let (id, table) = self.entity(entry, "person", "people")?;
        let owner = Owner::entity("person", &id.text);
        self.keys(table, PERSON_KEYS, owner);
        Some(PersonDecl {
            name: self.string(table, "name", owner),
            roles: self.ids(table, "roles", owner),
            team: self.string(table, "team", owner),
            hands_to: self.hands_to(table, owner),
            id,
        })
    }

    fn role(&mut self, entry: &Entry) -> Option<RoleDecl> {
        let (id, table) = self.entity(entry, "role", "roles")?;
        let owner = Owner::entity("role", &id.text);
        self.keys(table, ROLE_KEYS, owner);
        Some(RoleDecl {
            title: self.string(table, "title", owner),
            hands_to: self.hands_to(table, owner),
            id,
        })
    }

    fn external(&mut self, entry: &Entry) -> Option<ExternalDecl> {
        let (id, table) = self.entity(entry, "external customer", "external")?;
        let owner = Owner::entity("external customer", &id.text);
        if let Some(hands_to) = self.tree.get(table, "hands_to") {
            let message = format!("{owner} cannot hand work on");
            let help = "external customers only receive work; put this handoff on the person or role inside the organisation who does it";
            self.invalid(
                hands_to.key.pos.range(),
                message,
                "not allowed on an external customer",
                Some(help.into()),
            );
        }
        self.unknown_keys(table, EXTERNAL_KEYS, &["hands_to"], owner);
        Some(ExternalDecl {
            name: self.string(table, "name", owner),
            pays: self.boolean(table, "pays", owner).unwrap_or(false),
            id,
        })
    }

    /// Reports a value of the wrong type.
    fn wrong_type(&mut self, value: Value, key: &str, owner: Owner<'_>, expected: &str) {
        let message = format!("`{key}` of {owner} must be {expected}");
        let label = format!("found {}", value.kind.type_str());
        self.invalid(value.pos.range(), message, label, None);
    }

    fn string(&mut self, table: TableId, key: &str, owner: Owner<'_>) -> Option<CompactString> {
        let value = self.get(table, key)?;
        match value.kind {
            Kind::String(s) => Some(self.text(s).into()),
            _ => {
                self.wrong_type(value, key, owner, "a string");
                None
            }
        }
    }

    fn boolean(&mut self, table: TableId, key: &str, owner: Owner<'_>) -> Option<bool> {
        let value = self.get(table, key)?;
        match value.kind {
            Kind::Boolean(b) => Some(b),
            _ => {
                self.wrong_type(value, key, owner, "`true` or `false`");
                None
            }
        }
    }

    fn array(&mut self, table: TableId, key: &str, owner: Owner<'_>, of: &str) -> Option<ArrayId> {
        let value = self.get(table, key)?;
        match value.kind {
            Kind::Array(a) => Some(a),
            _ => {
                self.wrong_type(value, key, owner, &format!("an array of {of}"));
                None
            }
        }
    }

    /// An array of ids, each kept with its span.
    fn ids(&mut self, table: TableId, key: &str, owner: Owner<'_>) -> Vec<Name> {
        self.strings(table, key, owner, "ids")
    }

    /// An array of strings (`of` says what they are), each kept with its span.
    fn strings(&mut self, table: TableId, key: &str, owner: Owner<'_>, of: &str) -> Vec<Name> {
        let Some(array) = self.array(table, key, owner, of) else {
            return Vec::new();
        };
        let items = self.tree.items(array);
        let mut names = Vec::with_capacity(items.len());
        for &item in items {
            match item.kind {
                Kind::String(s) => names.push(Name {
                    text: self.text(s).into(),
                    span: self.span(item.pos.range()),
                }),
                _ => self.wrong_type(item, key, owner, &format!("an array of {of} (strings)")),
            }
        }
        names
    }

    fn hands_to(&mut self, table: TableId, owner: Owner<'_>) -> Vec<HandoffDecl> {
        let Some(array) = self.array(table, "hands_to", owner, "handoffs") else {
            return Vec::new();
        };
        let items = self.tree.items(array);
        let mut handoffs = Vec::with_capacity(items.len());
        for &item in items {
            handoffs.extend(self.handoff(item, owner));
        }
        handoffs
    }

    fn handoff(&mut self, item: Value, owner: Owner<'_>) -> Option<HandoffDecl> {
        let table = match item.kind {
            Kind::String(s) => {
                return Some(HandoffDecl {
                    to: Name {
                        text: self.text(s).into(),
                        span: self.span(item.pos.range()),
                    },
                    what: None,
                    note: None,
                });
            }
            Kind::Table(t) => t,
            other => {
                let message = format!("a handoff of {owner} must be an id or a table");
                let label = format!("found {}", other.type_str());
                let help = Some(
                    "write `\"some-id\"` or `{ to = \"some-id\", what = \"information\" }`".into(),
                );
                self.invalid(item.pos.range(), message, label, help);
                return None;
            }
        };
        let context = owner.handoff();
        self.keys(table, HANDOFF_KEYS, context);
        let what = self.what(table, context);
        let note = self.string(table, "note", context);
        let to = match self.get(table, "to") {
            Some(value) => match value.kind {
                Kind::String(s) => Name {
                    text: self.text(s).into(),
                    span: self.span(value.pos.range()),
                },
                _ => {
                    self.wrong_type(value, "to", context, "an id (a string)");
                    return None;
                }
            },
            None => {
                let message = format!("{context} has no `to`");
                let help = Some("name who receives the work: `{ to = \"some-id\" }`".into());
                self.invalid(item.pos.range(), message, "missing `to`", help);
                return None;
            }
        };
        Some(HandoffDecl { to, what, note })
    }

    fn what(&mut self, table: TableId, context: Owner<'_>) -> Option<What> {
        let value = self.get(table, "what")?;
        let Kind::String(s) = value.kind else {
            self.wrong_type(value, "what", context, "a string");
            return None;
        };
        let name = self.text(s);
        if let Some(what) = What::parse(name) {
            return Some(what);
        }
        let names = What::ALL.iter().map(|w| w.as_str());
        let list = names.clone().collect::<Vec<_>>().join(", ");
        let mut help = format!("`what` is one of: {list}");
        if let Some(s) = suggest::closest(name, names) {
            help = format!("did you mean `{s}`? {help}");
        }
        let message = format!("unknown `what` `{name}` in {context}");
        self.invalid(value.pos.range(), message, "not a kind of work", Some(help));
        None
    }

    fn check(&mut self, table: TableId) -> CheckSettings {
        self.keys(table, CHECK_KEYS, Owner::named("`[check]`"));
        CheckSettings {
            allow: self.codes(table, "allow"),
            warn: self.codes(table, "warn"),
            deny: self.codes(table, "deny"),
        }
    }

    fn codes(&mut self, table: TableId, key: &str) -> Vec<CodeSetting> {
        let mut settings = Vec::new();
        for name in self.ids(table, key, Owner::named("`[check]`")) {
            match name.text.parse::<Code>() {
                Ok(code) => settings.push(CodeSetting {
                    code,
                    span: name.span,
                }),
                Err(e) => {
                    let message = format!("unknown check code `{}` in `[check] {key}`", name.text);
                    // `--deny warnings` is a flag, not a code: say where it goes.
                    let help = if name.text == "warnings" {
                        Some("`warnings` is not a code: `chain check --deny warnings` makes every warning an error; here, list the codes to deny".to_string())
                    } else {
                        suggest::did_you_mean(e.suggestion)
                    };
                    let finding = Finding::new(Code::InvalidValue, message)
                        .at(name.span)
                        .label("not a check code")
                        .maybe_help(help)
                        .ids([name.text]);
                    self.findings.push(finding);
                }
            }
        }
        settings
    }
}
