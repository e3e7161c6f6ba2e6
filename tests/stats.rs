//! `chain stats`: counts, the distance histogram, the longest chain, who is
//! relied on, roles without cover, in text and JSON, and at 100,000 people.

use serde_json::{Value, json};

use crate::util::{chain, chain_on, json, line_org};

fn stats_json(text: &str) -> Value {
    let run = chain_on(text, &["stats", "-", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run)
}

/// The text report of the media team, whole.
#[test]
fn media_team_text() {
    let run = chain(&["stats", "examples/media-team.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("media_team_stats_text", run.stdout);
}

/// The JSON report of the media team, whole.
#[test]
fn media_team_json() {
    let run = chain(&["stats", "examples/media-team.toml", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(
        "media_team_stats_json",
        serde_json::to_string_pretty(&json(&run)).unwrap_or_default()
    );
}

/// Counts distinguish held and vacant roles and paying customers, and
/// every declared handoff counts, a person's own and a role's.
#[test]
fn counts() {
    let doc = stats_json(
        r#"
[external.buyer]
pays = true
[external.board]
[roles.maker]
hands_to = ["buyer", "board"]
[roles.spare]
hands_to = ["buyer"]
[people.ann]
roles = ["maker"]
team = "a"
hands_to = ["bob"]
[people.bob]
roles = ["maker"]
team = "b"
[people.cy]
"#,
    );
    assert_eq!(
        doc["counts"],
        json!({"people": 3, "teams": 2, "roles": 2, "held_roles": 1, "vacant_roles": 1,
               "externals": 2, "paying": 1, "handoffs": 4})
    );
    assert_eq!(doc["vacant_roles"], json!(["spare"]));
    assert_eq!(doc["distance"]["no_route"], 1);
    assert_eq!(
        doc["distance"]["histogram"],
        json!([{"distance": 1, "people": 2}])
    );
}

/// The longest chain is the farthest person's shortest chain (the first id
/// among equals), whole in JSON.
#[test]
fn longest_chain() {
    let doc = stats_json(
        r#"
[external.buyer]
pays = true
[people.a]
hands_to = ["b"]
[people.b]
hands_to = ["c"]
[people.c]
hands_to = ["buyer"]
[people.z]
hands_to = ["b"]
"#,
    );
    assert_eq!(
        doc["longest_chain"],
        json!({"id": "a", "distance": 3, "chain": ["a", "b", "c", "buyer"]})
    );
}

/// Work is shared over equally short chains: two holders of a role split
/// what is handed to it, and a person everyone's work passes through
/// counts everyone.
#[test]
fn relied_on_shares_ties() {
    let doc = stats_json(
        r#"
[external.buyer]
pays = true
[roles.counter]
hands_to = ["buyer"]
[people.kofi]
roles = ["counter"]
[people.priya]
roles = ["counter"]
[people.gate]
hands_to = ["counter"]
[people.a]
hands_to = ["gate"]
[people.b]
hands_to = ["gate"]
"#,
    );
    assert_eq!(
        doc["relied_on"],
        json!([
            {"id": "gate", "name": "gate", "through": 2.0},
            {"id": "kofi", "name": "kofi", "through": 1.5},
            {"id": "priya", "name": "priya", "through": 1.5},
        ])
    );
}

/// `--top` bounds the list, and roles with one holder are listed with them.
#[test]
fn top_and_sole_holders() {
    let text = r#"
[external.buyer]
pays = true
[roles.pack]
hands_to = ["buyer"]
[people.p]
roles = ["pack"]
[people.a]
hands_to = ["p"]
[people.b]
hands_to = ["a"]
"#;
    let run = chain_on(text, &["stats", "-", "--format", "json", "--top", "1"]);
    let doc = json(&run);
    assert_eq!(
        doc["relied_on"],
        json!([{"id": "p", "name": "p", "through": 2.0}])
    );
    assert_eq!(
        doc["sole_holders"],
        json!([{"role": "pack", "holder": "p"}])
    );
}

/// Nobody reaching a paying customer is said plainly, not left blank.
#[test]
fn no_routes() {
    let run = chain_on("[people.ann]\n[people.bob]\n", &["stats", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("no route  2"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("nobody's work reaches a paying customer"),
        "{}",
        run.stdout
    );
    assert_eq!(stats_json("[people.ann]\n")["longest_chain"], Value::Null);
}

/// An invalid file is refused as `map` refuses it (exit 2, nothing on stdout).
#[test]
fn invalid_file_is_refused() {
    let run = chain_on("[people.ann]\nroles = [\"nope\"]\n", &["stats", "-"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("unknown role `nope`"), "{}", run.stderr);
}

/// 100,000 people in a line, and 100,000 people under roles of two holders
/// each (2^50,000 shortest chains): linear, exact, and quick.
#[test]
fn large_organisations() {
    let n = 100_000;
    let ids: Vec<String> = (0..n).map(|i| format!("p{i:06}")).collect();
    let doc = stats_json(&line_org(&ids, "buyer"));
    assert_eq!(doc["longest_chain"]["distance"], n);
    assert_eq!(
        doc["relied_on"][0],
        json!({"id": "p099999", "name": "p099999", "through": 99_999.0})
    );

    let mut doubled =
        String::from("[external.buyer]\npays = true\n[roles.r0]\nhands_to = [\"buyer\"]\n");
    for r in 1..n / 2 {
        doubled.push_str(&format!("[roles.r{r}]\nhands_to = [\"r{}\"]\n", r - 1));
    }
    for i in 0..n {
        doubled.push_str(&format!("[people.q{i:06}]\nroles = [\"r{}\"]\n", i / 2));
    }
    let doc = stats_json(&doubled);
    // The two holders of r0 share the work of everyone else equally.
    assert_eq!(doc["relied_on"][0]["through"], json!((n - 2) as f64 / 2.0));
}
