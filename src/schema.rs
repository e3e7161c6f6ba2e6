//! The JSON Schema of the team file, for editors (Taplo, Even Better TOML)
//! to validate and complete team files as they are typed.
//!
//! The loader reads spanned TOML by hand ([`crate::load`]) to give located
//! diagnostics, so these types exist only to describe format v1 to schemars:
//! ids as table keys, a handoff as an id or a table, `what` and the check
//! codes as closed lists taken from [`What::ALL`] and [`Code::ALL`], and no
//! key that the loader would not accept (`additionalProperties: false`
//! everywhere). A test holds the keys here and the loader's to each other.
//!
//! Draft-07 is used because it is the dialect TOML editor tooling supports
//! most widely.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

use crate::finding::Code;
use crate::model::What;

/// The schema of the team file, as pretty-printed JSON ending in a newline.
pub fn team_file_schema() -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<TeamFile>();
    let mut value = schema.to_value();
    drop_string_defaults(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Removes `"default": ""` wherever schemars put it: a missing name or
/// title falls back to the id and a missing `what` to none, not to an empty
/// string, so an editor should not offer one. (An explicit stack, as
/// everywhere in chain, though the schema is shallow.)
fn drop_string_defaults(value: &mut serde_json::Value) {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(map) => {
                if map.get("default").is_some_and(|d| d == "") {
                    map.remove("default");
                }
                stack.extend(map.values_mut());
            }
            serde_json::Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// A chain team file (format v1): the people of an organisation, the roles
/// they hold, the external customers they serve (some of them paying), and
/// who hands work to whom. People, roles and external customers share one
/// namespace of ids. See docs/FORMAT.md.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(title = "chain team file")]
pub struct TeamFile {
    /// The organisation as a whole: its name, and other team files to include.
    pub org: OrgTable,
    /// Customers outside the organisation, keyed by id. They receive work and
    /// hand nothing on; the ones with `pays = true` are where every chain should end.
    #[schemars(extend("propertyNames" = { "minLength": 1 }))]
    pub external: BTreeMap<String, ExternalTable>,
    /// Roles, keyed by id: work that every holder hands on the same way. A
    /// role nobody holds is vacant.
    #[schemars(extend("propertyNames" = { "minLength": 1 }))]
    pub roles: BTreeMap<String, RoleTable>,
    /// People, keyed by id (quote ids with spaces: `[people."Ana María"]`).
    #[schemars(extend("propertyNames" = { "minLength": 1 }))]
    pub people: BTreeMap<String, PersonTable>,
    /// Severity overrides for `chain check`: lists of check codes.
    pub check: CheckTable,
}

/// `[org]`: the organisation as a whole.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct OrgTable {
    /// The organisation's name, shown in reports.
    pub name: String,
    /// Other team files that are part of this organisation: paths or glob
    /// patterns (`teams/*.toml`), relative to this file. Ids are shared by all
    /// the files; a file may be included once.
    pub include: Vec<String>,
}

/// `[external.ID]`: a customer outside the organisation.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ExternalTable {
    /// The display name; defaults to the id.
    pub name: String,
    /// Whether this customer pays (default false). Every chain should reach
    /// a paying customer.
    pub pays: bool,
}

/// `[roles.ID]`: work that every holder hands on the same way.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RoleTable {
    /// The display title; defaults to the id.
    pub title: String,
    /// Whom every holder of the role hands work to.
    pub hands_to: Vec<HandoffItem>,
}

/// `[people.ID]`: a person in the organisation.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PersonTable {
    /// The display name; defaults to the id.
    pub name: String,
    /// The ids of the roles this person holds; the role's handoffs become theirs.
    pub roles: Vec<String>,
    /// The team the person belongs to, for grouping.
    pub team: String,
    /// Whom this person hands work to, beyond the handoffs of their roles.
    pub hands_to: Vec<HandoffItem>,
}

/// One handoff: the id of whoever receives the work (a person, a role or an
/// external customer), or a table with detail.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum HandoffItem {
    /// The receiving id.
    Id(String),
    /// The receiving id with what is handed over.
    Detailed(HandoffTable),
}

/// A handoff with detail: `{ to = "producer", what = "materials", note = "..." }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HandoffTable {
    /// Who receives the work: a person, a role or an external customer.
    pub to: String,
    /// What is handed over.
    #[serde(default)]
    pub what: WhatName,
    /// Free text: what exactly, when, how.
    #[serde(default)]
    pub note: String,
}

/// `[check]`: severity overrides for `chain check`, over the defaults and
/// under the command line's `--allow`, `--warn` and `--deny`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CheckTable {
    /// Codes not to report.
    pub allow: Vec<CodeName>,
    /// Codes to report as warnings.
    pub warn: Vec<CodeName>,
    /// Codes to report as errors (they fail the check).
    pub deny: Vec<CodeName>,
}

/// A kind of work, one of [`What::ALL`].
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct WhatName(pub String);

impl JsonSchema for WhatName {
    fn schema_name() -> Cow<'static, str> {
        "What".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = What::ALL.iter().map(|w| w.as_str()).collect();
        json_schema!({
            "type": "string",
            "enum": names,
            "description": "What is handed over: materials (parts or goods to work on), information (facts, reports, data), instruction (direction, training, teaching), participation (taking part in someone else's work), assistance (help with someone else's task), product (a finished product), service (a service performed).",
        })
    }
}

/// A check code, one of [`Code::ALL`].
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct CodeName(pub String);

impl JsonSchema for CodeName {
    fn schema_name() -> Cow<'static, str> {
        "Code".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let list: Vec<String> = Code::ALL
            .iter()
            .map(|c| format!("{} ({})", c.as_str(), c.summary().trim_end_matches('.')))
            .collect();
        let description = format!("A check code: {}.", list.join("; "));
        json_schema!({
            "type": "string",
            "enum": names,
            "description": description,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema is JSON, draft-07, and closes every table.
    #[test]
    fn schema_is_draft07_and_closed() {
        let schema: serde_json::Value =
            serde_json::from_str(&team_file_schema()).expect("the schema is JSON");
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(schema["additionalProperties"], false);
        assert!(!team_file_schema().contains(r#""default": """#));
        for (name, def) in schema["definitions"].as_object().into_iter().flatten() {
            if def["type"] == "object" {
                assert_eq!(def["additionalProperties"], false, "{name}");
            }
        }
    }
}
