//! Reading the values of keys: strings, booleans, arrays of ids, handoffs,
//! kinds of work and `[check]` codes, each checked against its type.

use compact_str::CompactString;

use super::{CHECK_KEYS, HANDOFF_KEYS, HandoffDecl, Name, Owner, Reader};
use std::fmt::Display;

use crate::finding::{Code, Finding};
use crate::load::toml_tree::{ArrayId, Kind, TableId, Value};
use crate::model::{CheckSettings, CodeSetting, What};
use crate::suggest;

impl Reader<'_, '_, '_> {
    /// Reports a value of the wrong type.
    pub(super) fn wrong_type(
        &mut self,
        value: Value,
        key: &str,
        owner: Owner<'_>,
        expected: &dyn Display,
    ) {
        self.invalid(value.pos.range(), || {
            let message = format!("`{key}` of {owner} must be {expected}");
            (message, format!("found {}", value.kind.type_str()), None)
        });
    }

    pub(super) fn string(
        &mut self,
        table: TableId,
        key: &str,
        owner: Owner<'_>,
    ) -> Option<CompactString> {
        let value = self.get(table, key)?;
        match value.kind {
            Kind::String(s) => Some(self.text(s).into()),
            _ => {
                self.wrong_type(value, key, owner, &"a string");
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, table: TableId, key: &str, owner: Owner<'_>) -> Option<bool> {
        let value = self.get(table, key)?;
        match value.kind {
            Kind::Boolean(b) => Some(b),
            _ => {
                self.wrong_type(value, key, owner, &"`true` or `false`");
                None
            }
        }
    }

    pub(super) fn array(
        &mut self,
        table: TableId,
        key: &str,
        owner: Owner<'_>,
        of: &str,
    ) -> Option<ArrayId> {
        let value = self.get(table, key)?;
        match value.kind {
            Kind::Array(a) => Some(a),
            _ => {
                self.wrong_type(value, key, owner, &format_args!("an array of {of}"));
                None
            }
        }
    }

    /// An array of ids, each kept with its span.
    pub(super) fn ids(&mut self, table: TableId, key: &str, owner: Owner<'_>) -> Vec<Name> {
        self.strings(table, key, owner, "ids")
    }

    /// An array of strings (`of` says what they are), each kept with its span.
    pub(super) fn strings(
        &mut self,
        table: TableId,
        key: &str,
        owner: Owner<'_>,
        of: &str,
    ) -> Vec<Name> {
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
                _ => self.wrong_type(
                    item,
                    key,
                    owner,
                    &format_args!("an array of {of} (strings)"),
                ),
            }
        }
        names
    }

    pub(super) fn hands_to(&mut self, table: TableId, owner: Owner<'_>) -> Vec<HandoffDecl> {
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

    pub(super) fn handoff(&mut self, item: Value, owner: Owner<'_>) -> Option<HandoffDecl> {
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
                self.invalid(item.pos.range(), || {
                    let message = format!("a handoff of {owner} must be an id or a table");
                    let label = format!("found {}", other.type_str());
                    let help =
                        "write `\"some-id\"` or `{ to = \"some-id\", what = \"information\" }`";
                    (message, label, Some(help.into()))
                });
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
                    self.wrong_type(value, "to", context, &"an id (a string)");
                    return None;
                }
            },
            None => {
                self.invalid(item.pos.range(), || {
                    let message = format!("{context} has no `to`");
                    let help = "name who receives the work: `{ to = \"some-id\" }`";
                    (message, "missing `to`", Some(help.into()))
                });
                return None;
            }
        };
        Some(HandoffDecl { to, what, note })
    }

    pub(super) fn what(&mut self, table: TableId, context: Owner<'_>) -> Option<What> {
        let value = self.get(table, "what")?;
        let Kind::String(s) = value.kind else {
            self.wrong_type(value, "what", context, &"a string");
            return None;
        };
        let name = self.text(s);
        if let Some(what) = What::parse(name) {
            return Some(what);
        }
        self.invalid(value.pos.range(), || {
            let names = What::ALL.iter().map(|w| w.as_str());
            let list = names.clone().collect::<Vec<_>>().join(", ");
            let mut help = format!("`what` is one of: {list}");
            if let Some(s) = suggest::closest(name, names) {
                help = format!("did you mean `{s}`? {help}");
            }
            let message = format!("unknown `what` `{name}` in {context}");
            (message, "not a kind of work", Some(help))
        });
        None
    }

    pub(super) fn check(&mut self, table: TableId) -> CheckSettings {
        self.keys(table, CHECK_KEYS, Owner::named("`[check]`"));
        CheckSettings {
            allow: self.codes(table, "allow"),
            warn: self.codes(table, "warn"),
            deny: self.codes(table, "deny"),
        }
    }

    pub(super) fn codes(&mut self, table: TableId, key: &str) -> Vec<CodeSetting> {
        let mut settings = Vec::new();
        for name in self.ids(table, key, Owner::named("`[check]`")) {
            match name.text.parse::<Code>() {
                Ok(code) => settings.push(CodeSetting {
                    code,
                    span: name.span,
                }),
                Err(e) => self.findings.push(Code::InvalidValue, Some(name.span), || {
                    let message = format!("unknown check code `{}` in `[check] {key}`", name.text);
                    // `--deny warnings` is a flag, not a code: say where it goes.
                    let help = if name.text == "warnings" {
                        Some("`warnings` is not a code: `chain check --deny warnings` makes every warning an error; here, list the codes to deny".to_string())
                    } else {
                        suggest::did_you_mean(e.suggestion)
                    };
                    Finding::new(Code::InvalidValue, message)
                        .at(name.span)
                        .label("not a check code")
                        .maybe_help(help)
                        .ids([name.text])
                }),
            }
        }
        settings
    }
}
