//! The shape of one team file: from spanned TOML to declarations.
//!
//! Every key and value is checked against format v1 here, and every problem
//! becomes an `invalid-value` finding at the exact key or value; reading
//! carries on past it so one run reports everything. References are still
//! plain strings; [`super::resolve`] turns them into indices.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use crate::finding::{Code, Finding};
use crate::model::{CheckSettings, CodeSetting, What};
use crate::source::{FileId, Span};
use crate::suggest;

/// A string from the file and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// The text.
    pub text: String,
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
    pub note: Option<String>,
}

/// A `[people.ID]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonDecl {
    /// The id and its key.
    pub id: Name,
    /// `name`.
    pub name: Option<String>,
    /// `roles`, unresolved.
    pub roles: Vec<Name>,
    /// `team`.
    pub team: Option<String>,
    /// `hands_to`.
    pub hands_to: Vec<HandoffDecl>,
}

/// A `[roles.ID]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleDecl {
    /// The id and its key.
    pub id: Name,
    /// `title`.
    pub title: Option<String>,
    /// `hands_to`.
    pub hands_to: Vec<HandoffDecl>,
}

/// An `[external.ID]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalDecl {
    /// The id and its key.
    pub id: Name,
    /// `name`.
    pub name: Option<String>,
    /// `pays`.
    pub pays: bool,
}

/// Everything one file declares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Doc {
    /// `[org] name`.
    pub org_name: Option<String>,
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

const TOP_KEYS: &[&str] = &["org", "external", "roles", "people", "check"];
const ORG_KEYS: &[&str] = &["name", "include"];
const PERSON_KEYS: &[&str] = &["name", "roles", "team", "hands_to"];
const ROLE_KEYS: &[&str] = &["title", "hands_to"];
const EXTERNAL_KEYS: &[&str] = &["name", "pays"];
const HANDOFF_KEYS: &[&str] = &["to", "what", "note"];
const CHECK_KEYS: &[&str] = &["allow", "warn", "deny"];

/// Reads the declarations of one parsed file, adding a finding for each problem.
pub fn read(file: FileId, top: &DeTable<'_>, findings: &mut Vec<Finding>) -> Doc {
    let mut r = Reader { file, findings };
    r.keys(top, TOP_KEYS, "the team file");
    let mut doc = Doc::default();
    if let Some(org) = r.section(top, "org") {
        r.keys(org, ORG_KEYS, "`[org]`");
        doc.org_name = r.string(org, "name", "`[org]`");
        doc.include = r.strings(org, "include", "`[org]`", "paths");
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

type Entry<'v, 'i> = (&'v Spanned<Cow<'i, str>>, &'v Spanned<DeValue<'i>>);

struct Reader<'f> {
    file: FileId,
    findings: &'f mut Vec<Finding>,
}

impl Reader<'_> {
    fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    fn invalid(&mut self, range: Range<usize>, message: String, label: &str, help: Option<String>) {
        let finding = Finding::new(Code::InvalidValue, message)
            .at(self.span(range))
            .label(label)
            .maybe_help(help);
        self.findings.push(finding);
    }

    /// Reports every key of `table` that is not in `allowed`.
    fn keys(&mut self, table: &DeTable<'_>, allowed: &[&str], owner: &str) {
        self.unknown_keys(table.keys(), allowed, owner);
    }

    /// Reports every key in `keys` that is not in `allowed`.
    fn unknown_keys<'k, 'i: 'k>(
        &mut self,
        keys: impl Iterator<Item = &'k Spanned<Cow<'i, str>>>,
        allowed: &[&str],
        owner: &str,
    ) {
        for key in keys {
            if allowed.contains(&key.get_ref().as_ref()) {
                continue;
            }
            let list = allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>();
            let mut help = format!("allowed keys: {}", list.join(", "));
            if let Some(s) = suggest::closest(key.get_ref(), allowed.iter().copied()) {
                help = format!("did you mean `{s}`? {help}");
            }
            let message = format!("unknown key `{}` in {owner}", key.get_ref());
            self.invalid(key.span(), message, "unknown key", Some(help));
        }
    }

    /// The top-level table `key`, if present and a table.
    fn section<'v, 'i>(&mut self, top: &'v DeTable<'i>, key: &str) -> Option<&'v DeTable<'i>> {
        let value = top.get(key)?;
        self.expect_table(
            value,
            format!("`{key}` must be a table"),
            format!("[{key}]"),
        )
    }

    /// The entries of a section keyed by id (`[people.ID]` and the like).
    fn entries<'v, 'i>(&mut self, top: &'v DeTable<'i>, key: &str) -> Vec<Entry<'v, 'i>> {
        let Some(value) = top.get(key) else {
            return Vec::new();
        };
        let message = format!("`{key}` must be a table of entries keyed by id");
        let example = format!("[{key}.some-id]");
        match self.expect_table(value, message, example) {
            Some(table) => table.iter().collect(),
            None => Vec::new(),
        }
    }

    fn expect_table<'v, 'i>(
        &mut self,
        value: &'v Spanned<DeValue<'i>>,
        message: String,
        example: String,
    ) -> Option<&'v DeTable<'i>> {
        if let DeValue::Table(t) = value.get_ref() {
            return Some(t);
        }
        let label = format!("found {}", value.get_ref().type_str());
        let help = Some(format!("write it as a table: `{example}`"));
        self.invalid(value.span(), message, &label, help);
        None
    }

    /// The id of an entry and its table, or `None` after reporting why not.
    fn entity<'v, 'i>(
        &mut self,
        (key, value): Entry<'v, 'i>,
        kind: &str,
        section: &str,
    ) -> Option<(Name, &'v DeTable<'i>)> {
        let id = key.get_ref().as_ref();
        if id.is_empty() {
            let help =
                format!("give it a non-empty id; quote ids with spaces: `[{section}.\"Ana R\"]`");
            let message = format!("an id in `[{section}]` cannot be empty");
            self.invalid(key.span(), message, "empty id", Some(help));
            return None;
        }
        let message = format!("{kind} `{id}` must be a table");
        let table = self.expect_table(value, message, format!("[{section}.{id}]"))?;
        let name = Name {
            text: id.to_string(),
            span: self.span(key.span()),
        };
        Some((name, table))
    }

    fn person(&mut self, entry: Entry<'_, '_>) -> Option<PersonDecl> {
        let (id, table) = self.entity(entry, "person", "people")?;
        let owner = format!("person `{}`", id.text);
        self.keys(table, PERSON_KEYS, &owner);
        Some(PersonDecl {
            name: self.string(table, "name", &owner),
            roles: self.ids(table, "roles", &owner),
            team: self.string(table, "team", &owner),
            hands_to: self.hands_to(table, &owner),
            id,
        })
    }

    fn role(&mut self, entry: Entry<'_, '_>) -> Option<RoleDecl> {
        let (id, table) = self.entity(entry, "role", "roles")?;
        let owner = format!("role `{}`", id.text);
        self.keys(table, ROLE_KEYS, &owner);
        Some(RoleDecl {
            title: self.string(table, "title", &owner),
            hands_to: self.hands_to(table, &owner),
            id,
        })
    }

    fn external(&mut self, entry: Entry<'_, '_>) -> Option<ExternalDecl> {
        let (id, table) = self.entity(entry, "external customer", "external")?;
        let owner = format!("external customer `{}`", id.text);
        if let Some((key, _)) = table.get_key_value("hands_to") {
            let message = format!("{owner} cannot hand work on");
            let help = "external customers only receive work; put this handoff on the person or role inside the organisation who does it";
            self.invalid(
                key.span(),
                message,
                "not allowed on an external customer",
                Some(help.into()),
            );
        }
        let others = table.keys().filter(|k| k.get_ref() != "hands_to");
        self.unknown_keys(others, EXTERNAL_KEYS, &owner);
        Some(ExternalDecl {
            name: self.string(table, "name", &owner),
            pays: self.boolean(table, "pays", &owner).unwrap_or(false),
            id,
        })
    }

    /// Reports a value of the wrong type.
    fn wrong_type(&mut self, value: &Spanned<DeValue<'_>>, key: &str, owner: &str, expected: &str) {
        let message = format!("`{key}` of {owner} must be {expected}");
        let label = format!("found {}", value.get_ref().type_str());
        self.invalid(value.span(), message, &label, None);
    }

    fn string(&mut self, table: &DeTable<'_>, key: &str, owner: &str) -> Option<String> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(value, key, owner, "a string");
                None
            }
        }
    }

    fn boolean(&mut self, table: &DeTable<'_>, key: &str, owner: &str) -> Option<bool> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(value, key, owner, "`true` or `false`");
                None
            }
        }
    }

    fn array<'v, 'i>(
        &mut self,
        table: &'v DeTable<'i>,
        key: &str,
        owner: &str,
        of: &str,
    ) -> Option<&'v DeArray<'i>> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Array(a) => Some(a),
            _ => {
                self.wrong_type(value, key, owner, &format!("an array of {of}"));
                None
            }
        }
    }

    /// An array of ids, each kept with its span.
    fn ids(&mut self, table: &DeTable<'_>, key: &str, owner: &str) -> Vec<Name> {
        self.strings(table, key, owner, "ids")
    }

    /// An array of strings (`of` says what they are), each kept with its span.
    fn strings(&mut self, table: &DeTable<'_>, key: &str, owner: &str, of: &str) -> Vec<Name> {
        let Some(array) = self.array(table, key, owner, of) else {
            return Vec::new();
        };
        let mut names = Vec::with_capacity(array.len());
        for item in array.iter() {
            match item.get_ref() {
                DeValue::String(s) => names.push(Name {
                    text: s.to_string(),
                    span: self.span(item.span()),
                }),
                _ => self.wrong_type(item, key, owner, &format!("an array of {of} (strings)")),
            }
        }
        names
    }

    fn hands_to(&mut self, table: &DeTable<'_>, owner: &str) -> Vec<HandoffDecl> {
        let Some(array) = self.array(table, "hands_to", owner, "handoffs") else {
            return Vec::new();
        };
        let mut handoffs = Vec::with_capacity(array.len());
        for item in array.iter() {
            handoffs.extend(self.handoff(item, owner));
        }
        handoffs
    }

    fn handoff(&mut self, item: &Spanned<DeValue<'_>>, owner: &str) -> Option<HandoffDecl> {
        let table = match item.get_ref() {
            DeValue::String(s) => {
                return Some(HandoffDecl {
                    to: Name {
                        text: s.to_string(),
                        span: self.span(item.span()),
                    },
                    what: None,
                    note: None,
                });
            }
            DeValue::Table(t) => t,
            other => {
                let message = format!("a handoff of {owner} must be an id or a table");
                let label = format!("found {}", other.type_str());
                let help = Some(
                    "write `\"some-id\"` or `{ to = \"some-id\", what = \"information\" }`".into(),
                );
                self.invalid(item.span(), message, &label, help);
                return None;
            }
        };
        let context = format!("a handoff of {owner}");
        self.keys(table, HANDOFF_KEYS, &context);
        let what = self.what(table, &context);
        let note = self.string(table, "note", &context);
        let to = match table.get("to") {
            Some(value) => match value.get_ref() {
                DeValue::String(s) => Name {
                    text: s.to_string(),
                    span: self.span(value.span()),
                },
                _ => {
                    self.wrong_type(value, "to", &context, "an id (a string)");
                    return None;
                }
            },
            None => {
                let message = format!("{context} has no `to`");
                let help = Some("name who receives the work: `{ to = \"some-id\" }`".into());
                self.invalid(item.span(), message, "missing `to`", help);
                return None;
            }
        };
        Some(HandoffDecl { to, what, note })
    }

    fn what(&mut self, table: &DeTable<'_>, context: &str) -> Option<What> {
        let value = table.get("what")?;
        let DeValue::String(name) = value.get_ref() else {
            self.wrong_type(value, "what", context, "a string");
            return None;
        };
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
        self.invalid(value.span(), message, "not a kind of work", Some(help));
        None
    }

    fn check(&mut self, table: &DeTable<'_>) -> CheckSettings {
        self.keys(table, CHECK_KEYS, "`[check]`");
        CheckSettings {
            allow: self.codes(table, "allow"),
            warn: self.codes(table, "warn"),
            deny: self.codes(table, "deny"),
        }
    }

    fn codes(&mut self, table: &DeTable<'_>, key: &str) -> Vec<CodeSetting> {
        let mut settings = Vec::new();
        for name in self.ids(table, key, "`[check]`") {
            match name.text.parse::<Code>() {
                Ok(code) => settings.push(CodeSetting {
                    code,
                    span: name.span,
                }),
                Err(e) => {
                    let message = format!("unknown check code `{}` in `[check] {key}`", name.text);
                    let finding = Finding::new(Code::InvalidValue, message)
                        .at(name.span)
                        .label("not a check code")
                        .maybe_help(suggest::did_you_mean(e.suggestion))
                        .ids([name.text]);
                    self.findings.push(finding);
                }
            }
        }
        settings
    }
}
