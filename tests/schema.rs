//! `chain schema`: the JSON Schema accepts every real team file, rejects
//! what the loader rejects, and names exactly the keys the loader allows.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::util::chain;

fn schema() -> Value {
    let run = chain(&["schema"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).expect("the schema is a valid draft-07 schema")
}

/// A TOML team file as the JSON value editors validate.
fn as_json(text: &str) -> Value {
    let value: toml::Value = toml::from_str(text).expect("the file is TOML");
    serde_json::to_value(value).expect("TOML converts to JSON")
}

fn errors(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    validator
        .iter_errors(&as_json(text))
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// Every team file in the repository a person would write: the examples,
/// the starter and the fixture organisation over several files.
fn team_files() -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["examples", "tests/fixtures/org", "tests/fixtures/org/teams"] {
        let mut found: Vec<_> = std::fs::read_dir(dir)
            .expect("the directory exists")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        found.sort();
        files.extend(found.into_iter().map(|p| p.display().to_string()));
    }
    files.push("src/starter.toml".into());
    files
}

/// The schema accepts every example, the starter and the included files.
#[test]
fn accepts_every_team_file() {
    let validator = validator();
    let files = team_files();
    assert!(files.len() >= 8, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(Path::new(&file)).expect("readable");
        assert_eq!(errors(&validator, &text), Vec::<String>::new(), "{file}");
    }
}

/// Misspelt keys, unknown `what` values and codes, hands_to on an external
/// customer and an empty id are all rejected, as the loader rejects them.
#[test]
fn rejects_what_the_loader_rejects() {
    let validator = validator();
    for bad in [
        "[people.ann]\nrole = [\"x\"]\n",
        "[people.ann]\nhands_to = [{ to = \"bob\", wat = \"information\" }]\n",
        "[people.ann]\nhands_to = [{ to = \"bob\", what = \"informaton\" }]\n",
        "[people.ann]\nhands_to = [{ what = \"information\" }]\n",
        "[people.ann]\nhands_to = [3]\n",
        "[external.buyer]\npays = true\nhands_to = [\"ann\"]\n",
        "[roles.r]\nname = \"Title is the key for roles\"\n",
        "[check]\ndeny = [\"orphan-rol\"]\n",
        "[org]\ninclude = \"teams/*.toml\"\n",
        "[people.\"\"]\n",
        "[peoples.ann]\n",
    ] {
        assert!(!errors(&validator, bad).is_empty(), "accepted:\n{bad}");
        let loaded = chain::load::load(chain::load::Input::Text {
            name: "t.toml",
            text: bad,
        })
        .expect("loads");
        assert!(!loaded.findings.is_empty(), "the loader accepted:\n{bad}");
    }
}

/// The keys each table of the schema allows, following `$ref`s (which
/// draft-07 wraps in `allOf` when they carry a description).
fn schema_keys(schema: &Value, table: &Value) -> BTreeSet<String> {
    let reference = table["$ref"]
        .as_str()
        .or(table["allOf"][0]["$ref"].as_str());
    let table = match reference {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap_or_default();
            &schema["definitions"][name]
        }
        None => table,
    };
    table["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// The keys the loader allows at the place of `zzz` in `probe`, read from
/// its unknown-key help.
fn loader_keys(probe: &str) -> BTreeSet<String> {
    let loaded = chain::load::load(chain::load::Input::Text {
        name: "t.toml",
        text: probe,
    })
    .expect("loads");
    let help = loaded
        .findings
        .iter()
        .find(|f| f.message.contains("unknown key `zzz`"))
        .and_then(|f| f.help.clone())
        .unwrap_or_else(|| panic!("an unknown-key finding for:\n{probe}"));
    let list = help.split("allowed keys: ").nth(1).unwrap_or_default();
    list.split(", ")
        .map(|k| k.trim_matches('`').to_string())
        .collect()
}

/// For every table of the format, the schema and the loader allow exactly
/// the same keys, so the two cannot drift apart.
#[test]
fn schema_keys_match_the_loader() {
    let schema = schema();
    let props = &schema["properties"];
    let map_value = |key: &str| props[key]["additionalProperties"].clone();
    let handoff = schema["definitions"]["HandoffItem"]["anyOf"]
        .as_array()
        .and_then(|options| options.iter().find(|o| o["type"] != "string").cloned())
        .expect("a handoff may be a table");
    let places = [
        (schema.clone(), "zzz = 1\n"),
        (props["org"].clone(), "[org]\nzzz = 1\n"),
        (map_value("external"), "[external.e]\nzzz = 1\n"),
        (map_value("roles"), "[roles.r]\nzzz = 1\n"),
        (map_value("people"), "[people.p]\nzzz = 1\n"),
        (
            handoff,
            "[people.p]\nhands_to = [{ to = \"p\", zzz = 1 }]\n",
        ),
        (props["check"].clone(), "[check]\nzzz = 1\n"),
    ];
    for (table, probe) in places {
        assert_eq!(schema_keys(&schema, &table), loader_keys(probe), "{probe}");
    }
}

/// Descriptions reach the editor: every key of every table has one.
#[test]
fn every_key_is_described() {
    let schema = schema();
    let mut tables = vec![schema.clone()];
    tables.extend(
        schema["definitions"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(_, d)| d.clone()),
    );
    for table in tables {
        for (key, value) in table["properties"].as_object().into_iter().flatten() {
            let described = value.get("description").is_some();
            assert!(described, "`{key}` has no description");
        }
    }
}
