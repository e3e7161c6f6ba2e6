//! `map --format csv` and `stats --format csv`: read back with a CSV
//! reader, they say what the JSON says, and no cell starts a formula.

use serde_json::Value;

use crate::util::{chain, chain_on, json};

const EXAMPLE: &str = "examples/media-team.toml";

/// The records of `text`, the header first.
fn records(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect()
}

/// A cell as the data it stands for: the apostrophe that defuses a
/// formula taken off.
fn data(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// A row per person, in the order and with the values of the JSON map.
#[test]
fn map_rows_agree_with_json() {
    let run = chain(&["map", EXAMPLE, "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = records(&run.stdout);
    assert_eq!(
        rows.first().cloned().unwrap_or_default(),
        ["id", "name", "team", "roles", "distance", "chain"]
    );
    let doc = json(&chain(&["map", EXAMPLE, "--format", "json"]));
    let people = doc["people"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), people.len() + 1);
    for (row, person) in rows.iter().skip(1).zip(&people) {
        assert_eq!(row.first().map(String::as_str), person["id"].as_str());
        assert_eq!(row.get(1).map(String::as_str), person["name"].as_str());
        let distance = person["distance"].as_u64().map(|d| d.to_string());
        assert_eq!(row.get(4).cloned(), Some(distance.unwrap_or_default()));
        let chain: Vec<&str> = person["chain"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(row.get(5).cloned(), Some(chain.join(" > ")));
    }
}

/// Names that a spreadsheet would run as formulas get an apostrophe;
/// commas, quotes and line breaks are quoted; the data reads back.
#[test]
fn map_cells_are_safe_to_open() {
    let names = [
        "=HYPERLINK(\"http://example.invalid\",\"x\")",
        "+1",
        "-2",
        "@SUM(A1)",
        "Lee, \"Al\"\nChen",
    ];
    let mut text = String::from("[external.b]\npays = true\n");
    for (i, name) in names.iter().enumerate() {
        let toml_name = name
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n");
        text.push_str(&format!(
            "[people.p{i}]\nname = \"{toml_name}\"\nteam = \"=team\"\nhands_to = [\"b\"]\n"
        ));
    }
    let run = chain_on(&text, &["map", "-", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = records(&run.stdout);
    for (row, name) in rows.iter().skip(1).zip(names) {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "{cell:?} starts a formula"
            );
        }
        assert_eq!(row.get(1).map(|c| data(c)), Some(name));
        assert_eq!(row.get(2).map(String::as_str), Some("'=team"));
    }
}

/// `map ID --format csv`: a row per party reached, nearest first.
#[test]
fn party_map_rows() {
    let run = chain(&["map", EXAMPLE, "wren", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = records(&run.stdout);
    assert_eq!(
        rows.first().cloned().unwrap_or_default(),
        ["id", "name", "kind", "distance", "pays", "vacant"]
    );
    assert!(rows.contains(&vec![
        "students".into(),
        "Distance students".into(),
        "external".into(),
        "3".into(),
        "yes".into(),
        "no".into()
    ]));
}

/// `stats --format csv` holds the JSON's figures, one per row.
#[test]
fn stats_rows_agree_with_json() {
    let run = chain(&["stats", EXAMPLE, "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = records(&run.stdout);
    assert_eq!(
        rows.first().cloned().unwrap_or_default(),
        ["section", "id", "name", "value"]
    );
    let doc = json(&chain(&["stats", EXAMPLE, "--format", "json"]));
    let value = |section: &str, id: &str| {
        rows.iter()
            .find(|r| {
                r.first().map(String::as_str) == Some(section)
                    && r.get(1).map(String::as_str) == Some(id)
            })
            .and_then(|r| r.get(3).cloned())
    };
    for (key, n) in doc["counts"].as_object().into_iter().flatten() {
        assert_eq!(value("counts", key), Some(n.to_string()), "{key}");
    }
    assert_eq!(
        value("distance", "none"),
        Some(doc["distance"]["no_route"].to_string())
    );
    let longest = &doc["longest_chain"];
    assert_eq!(
        value("longest_chain", longest["id"].as_str().unwrap_or_default()),
        Some(longest["distance"].to_string())
    );
    assert_eq!(value("vacant_roles", "captioner"), Some(String::new()));
    assert_eq!(value("sole_holders", "producer"), Some("okonkwo".into()));
    let relied = doc["relied_on"].as_array().cloned().unwrap_or_default();
    let in_csv = rows
        .iter()
        .filter(|r| r.first().map(String::as_str) == Some("relied_on"));
    assert_eq!(in_csv.count(), relied.len());
}
