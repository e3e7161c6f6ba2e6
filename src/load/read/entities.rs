//! Reading the parts of a file keyed by name: its sections, and the
//! entries of `[people]`, `[roles]` and `[external]` with their keys.

use std::borrow::Cow;
use std::ops::Range;

use super::{
    EXTERNAL_KEYS, ExternalDecl, Name, Owner, PERSON_KEYS, PersonDecl, ROLE_KEYS, Reader, RoleDecl,
};
use crate::finding::{Code, Finding};
use crate::load::toml_tree::{Entry, Kind, Str, TableId, Value};
use crate::source::Span;
use crate::suggest;

impl<'t> Reader<'t, '_, '_> {
    pub(super) fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    /// Reports an invalid key or value at `range`: `describe` gives the
    /// message, the label and the help, and is called only if the finding
    /// is reported (see [`crate::load::findings`]).
    pub(super) fn invalid<L: Into<Cow<'static, str>>>(
        &mut self,
        range: Range<usize>,
        describe: impl FnOnce() -> (String, L, Option<String>),
    ) {
        let span = self.span(range);
        self.findings.push(Code::InvalidValue, Some(span), || {
            let (message, label, help) = describe();
            Finding::new(Code::InvalidValue, message)
                .at(span)
                .label(label)
                .maybe_help(help)
        });
    }

    /// What `read` reads, and whether it reported anything: a list read
    /// with a finding lost some of its entries.
    fn reporting<T>(&mut self, read: impl FnOnce(&mut Self) -> T) -> (T, bool) {
        let before = self.findings.seen();
        let value = read(self);
        (value, self.findings.seen() != before)
    }

    /// The text of a string value or key.
    pub(super) fn text(&self, s: Str) -> &'t str {
        self.tree.str(s)
    }

    /// Reports every key of `table` that is not in `allowed` (nor in `skip`).
    pub(super) fn keys(&mut self, table: TableId, allowed: &[&str], owner: Owner<'_>) {
        self.unknown_keys(table, allowed, &[], owner);
    }

    /// Reports every key of `table` that is neither in `allowed` nor in `skip`.
    pub(super) fn unknown_keys(
        &mut self,
        table: TableId,
        allowed: &[&str],
        skip: &[&str],
        owner: Owner<'_>,
    ) {
        for entry in self.tree.entries(table) {
            let key = self.text(entry.key.name);
            if allowed.contains(&key) || skip.contains(&key) {
                continue;
            }
            self.invalid(entry.key.pos.range(), || {
                let list = allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>();
                let mut help = format!("allowed keys: {}", list.join(", "));
                if let Some(s) = suggest::closest(key, allowed.iter().copied()) {
                    help = format!("did you mean `{s}`? {help}");
                }
                let message = format!("unknown key `{key}` in {owner}");
                (message, "unknown key", Some(help))
            });
        }
    }

    /// The value of `key` in `table`.
    pub(super) fn get(&self, table: TableId, key: &str) -> Option<Value> {
        self.tree.get(table, key).map(|e| e.value)
    }

    /// The top-level table `key`, if present and a table.
    pub(super) fn section(&mut self, top: TableId, key: &str) -> Option<TableId> {
        let value = self.get(top, key)?;
        self.expect_table(value, || {
            (format!("`{key}` must be a table"), format!("[{key}]"))
        })
    }

    /// The entries of a section keyed by id (`[people.ID]` and the like).
    pub(super) fn entries(&mut self, top: TableId, key: &str) -> &'t [Entry] {
        let Some(value) = self.get(top, key) else {
            return &[];
        };
        let describe = || {
            let message = format!("`{key}` must be a table of entries keyed by id");
            (message, format!("[{key}.some-id]"))
        };
        match self.expect_table(value, describe) {
            Some(table) => self.tree.entries(table),
            None => &[],
        }
    }

    /// The table `value` is, or `None` after reporting that it is not:
    /// `describe` gives the message and an example of the table.
    pub(super) fn expect_table(
        &mut self,
        value: Value,
        describe: impl FnOnce() -> (String, String),
    ) -> Option<TableId> {
        if let Kind::Table(t) = value.kind {
            return Some(t);
        }
        self.invalid(value.pos.range(), || {
            let (message, example) = describe();
            let label = format!("found {}", value.kind.type_str());
            let help = Some(format!("write it as a table: `{example}`"));
            (message, label, help)
        });
        None
    }

    /// The id of an entry and its table, or `None` after reporting why not.
    pub(super) fn entity(
        &mut self,
        entry: &Entry,
        kind: &str,
        section: &str,
    ) -> Option<(Name, TableId)> {
        let id = self.text(entry.key.name);
        let key_range = entry.key.pos.range();
        if id.is_empty() {
            self.invalid(key_range, || {
                let help = format!(
                    "give it a non-empty id; quote ids with spaces: `[{section}.\"Ana R\"]`"
                );
                let message = format!("an id in `[{section}]` cannot be empty");
                (message, "empty id", Some(help))
            });
            return None;
        }
        let table = match entry.value.kind {
            Kind::Table(t) => t,
            _ => self.expect_table(entry.value, || {
                let message = format!("{kind} `{id}` must be a table");
                (message, format!("[{section}.{id}]"))
            })?,
        };
        let name = Name {
            text: id.into(),
            span: self.span(key_range),
        };
        Some((name, table))
    }

    pub(super) fn person(&mut self, entry: &Entry) -> Option<PersonDecl> {
        let (id, table) = self.entity(entry, "person", "people")?;
        let owner = Owner::entity("person", &id.text);
        self.keys(table, PERSON_KEYS, owner);
        let name = self.string(table, "name", owner);
        let team = self.string(table, "team", owner);
        let (roles, roles_left_out) = self.reporting(|r| r.ids(table, "roles", owner));
        let (hands_to, hands_to_left_out) = self.reporting(|r| r.hands_to(table, owner));
        Some(PersonDecl {
            name,
            roles,
            team,
            hands_to,
            roles_left_out,
            hands_to_left_out,
            id,
        })
    }

    pub(super) fn role(&mut self, entry: &Entry) -> Option<RoleDecl> {
        let (id, table) = self.entity(entry, "role", "roles")?;
        let owner = Owner::entity("role", &id.text);
        self.keys(table, ROLE_KEYS, owner);
        let title = self.string(table, "title", owner);
        let (hands_to, hands_to_left_out) = self.reporting(|r| r.hands_to(table, owner));
        Some(RoleDecl {
            title,
            hands_to,
            hands_to_left_out,
            id,
        })
    }

    pub(super) fn external(&mut self, entry: &Entry) -> Option<ExternalDecl> {
        let (id, table) = self.entity(entry, "external customer", "external")?;
        let owner = Owner::entity("external customer", &id.text);
        if let Some(hands_to) = self.tree.get(table, "hands_to") {
            self.invalid(hands_to.key.pos.range(), || {
                let help = "external customers only receive work; put this handoff on the person or role inside the organisation who does it";
                let message = format!("{owner} cannot hand work on");
                let label = "not allowed on an external customer";
                (message, label, Some(help.into()))
            });
        }
        self.unknown_keys(table, EXTERNAL_KEYS, &["hands_to"], owner);
        let pays = self.boolean(table, "pays", owner);
        Some(ExternalDecl {
            name: self.string(table, "name", owner),
            pays: pays.unwrap_or(false),
            pays_invalid: pays.is_none() && self.get(table, "pays").is_some(),
            id,
        })
    }
}
