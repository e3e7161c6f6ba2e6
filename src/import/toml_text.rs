//! TOML text as `chain import` writes it: every key and string from a
//! roster encoded by `toml_writer` (the toml crate's own writer), so any
//! name, title or id, control characters, quotes and all, reads back as
//! written.

use std::fmt::Write as _;

use crate::text::is_unsafe;

use toml_writer::{ToTomlKey as _, ToTomlValue as _, TomlKeyBuilder, TomlStringBuilder};

/// `id` as a key: bare when it can be (`ann-lee`), quoted otherwise.
pub fn key(id: &str) -> String {
    TomlKeyBuilder::new(id).as_default().to_toml_key()
}

/// `text` as a one-line basic string, every character TOML needs escaped
/// escaped (a line break is `\n`, an escape character `\u001B`), and the
/// invisible characters that reorder text (bidirectional overrides) too,
/// so the file reads in an editor as it does to chain.
pub fn string(text: &str) -> String {
    let encoded = TomlStringBuilder::new(text).as_basic().to_toml_value();
    if !encoded.chars().any(is_unsafe) {
        return encoded;
    }
    let mut out = String::with_capacity(encoded.len() + 12);
    for c in encoded.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// One person or role table, ready to write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// `people` or `roles`.
    pub kind: &'static str,
    /// The id.
    pub id: String,
    /// `name` for a person, `title` for a role.
    pub name: Option<(&'static str, String)>,
    /// The roles held.
    pub roles: Vec<String>,
    /// The team.
    pub team: Option<String>,
    /// The manager the roster names, handed information.
    pub manager: Option<String>,
}

impl Table {
    /// A person's table.
    pub fn person(
        id: String,
        name: &str,
        roles: Vec<String>,
        team: Option<String>,
        manager: Option<String>,
    ) -> Self {
        Table {
            kind: "people",
            id,
            name: Some(("name", name.to_string())),
            roles,
            team,
            manager,
        }
    }

    /// Appends the table to `out`, a blank line before it.
    pub fn write(&self, out: &mut String) {
        let _ = writeln!(out, "\n[{}.{}]", self.kind, key(&self.id));
        if let Some((field, name)) = &self.name {
            let _ = writeln!(out, "{field} = {}", string(name));
        }
        if !self.roles.is_empty() {
            let roles: Vec<String> = self.roles.iter().map(|r| string(r)).collect();
            let _ = writeln!(out, "roles = [{}]", roles.join(", "));
        }
        if let Some(team) = &self.team {
            let _ = writeln!(out, "team = {}", string(team));
        }
        if let Some(manager) = &self.manager {
            let _ = writeln!(
                out,
                "hands_to = [{{ to = {}, what = \"information\" }}]   # generated: to the manager on the roster",
                string(manager)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys are bare when they can be; strings escape what TOML needs.
    #[test]
    fn encodes_keys_and_strings() {
        assert_eq!(key("ann-lee"), "ann-lee");
        assert_eq!(key("Ana María"), "\"Ana María\"");
        assert_eq!(string("Lee \"Al\" Chen"), "\"Lee \\\"Al\\\" Chen\"");
        assert_eq!(string("a\nb\u{1b}"), "\"a\\nb\\u001B\"");
        assert_eq!(string("x\u{202e}y"), "\"x\\u202Ey\"");
    }
}
