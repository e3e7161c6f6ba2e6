//! `chain diff FILE --without ID...`: what if some people, roles or
//! external customers were gone.

use serde_json::{Value, json};

use crate::diff::changed;
use crate::util::{Run, chain_on, json};

/// Ann is the only seller; Bob hands to Ann and to Eve, Eve to Fay, Fay to
/// the buyer; Gus hands to Bob. Distances: Ann 1, Fay 1, Bob 2 (through
/// Ann), Eve 2, Gus 3.
const TEAM: &str = r#"[check]
allow = ["single-point"]

[external.buyer]
pays = true

[roles.seller]
hands_to = ["buyer"]

[people.ann]
roles = ["seller"]

[people.bob]
hands_to = ["ann", "eve"]

[people.eve]
hands_to = ["fay"]

[people.fay]
hands_to = ["buyer"]

[people.gus]
hands_to = ["bob"]
"#;

/// Runs `chain diff - --without IDS... ARGS` on TEAM.
fn without(ids: &[&str], args: &[&str]) -> Run {
    let mut all = vec!["diff", "-", "--without"];
    all.extend(ids);
    all.extend(args);
    chain_on(TEAM, &all)
}

fn without_json(ids: &[&str]) -> Value {
    let run = without(ids, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run)
}

/// Without Ann: she is removed with her role, the seller role falls vacant,
/// and Bob's and Gus's chains get longer (Bob goes through Eve and Fay now).
#[test]
fn without_a_person_longer_chains_and_a_vacant_role() {
    let doc = without_json(&["ann"]);
    assert_eq!(doc["without"], json!(["ann"]));
    assert_eq!(doc["people"], json!({"added": [], "removed": ["ann"]}));
    assert_eq!(doc["roles"]["vacated"], json!(["seller"]));
    assert_eq!(
        doc["holders"]["removed"],
        json!([{"person": "ann", "role": "seller"}])
    );
    assert_eq!(
        doc["handoffs"]["removed"],
        json!([{"from": "bob", "to": "ann", "what": null, "note": null}])
    );
    assert_eq!(
        doc["distance"],
        json!([
            {"id": "bob", "before": 2, "after": 3, "change": "longer", "stopped_at": []},
            {"id": "gus", "before": 3, "after": 4, "change": "longer", "stopped_at": []},
        ])
    );
    let codes: Vec<&Value> = doc["findings"]["new"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| &f["code"])
        .collect();
    assert_eq!(codes, [&json!("orphan-role")]);
    // The what-if's findings point into the file asked about.
    assert_eq!(doc["findings"]["new"][0]["file"], "<stdin>");
    assert_eq!(doc["findings"]["new"][0]["line"], 7);
}

/// Without Fay: Eve loses her route; Eve's handing to no one is a new finding.
#[test]
fn without_a_person_lost_routes() {
    let doc = without_json(&["fay"]);
    assert_eq!(doc["routes"], json!({"lost": ["eve"], "gained": []}));
    assert_eq!(doc["distance"][0]["after"], Value::Null);
    let run = without(&["fay"], &["--fail-on", "lost-chain"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("1 person loses their route to a paying customer: `eve`"),
        "{}",
        run.stderr
    );
    // The person taken out does not count as losing a route.
    assert_eq!(without(&["gus"], &["--fail-on", "lost-chain"]).code, 0);
}

/// Without the seller role: it goes with its handoff and from Ann's roles;
/// Ann stays, with no route now.
#[test]
fn without_a_role() {
    let doc = without_json(&["seller"]);
    assert_eq!(
        changed(&doc),
        [
            "roles", "holders", "handoffs", "distance", "routes", "findings"
        ]
    );
    assert_eq!(doc["roles"]["removed"], json!(["seller"]));
    assert_eq!(doc["people"]["removed"], json!([]));
    assert_eq!(
        doc["handoffs"]["removed"],
        json!([{"from": "seller", "to": "buyer", "what": null, "note": null}])
    );
    assert_eq!(doc["routes"]["lost"], json!(["ann"]));
    assert_eq!(
        doc["distance"][1],
        json!({"id": "bob", "before": 2, "after": 3, "change": "longer", "stopped_at": []})
    );
}

/// Without the paying customer: everyone loses their route, and nobody
/// paying is a new error.
#[test]
fn without_an_external_customer() {
    let doc = without_json(&["buyer"]);
    assert_eq!(doc["external"]["removed"], json!(["buyer"]));
    assert_eq!(
        doc["routes"]["lost"],
        json!(["ann", "bob", "eve", "fay", "gus"])
    );
    assert_eq!(doc["findings"]["new"][0]["code"], "no-paying-customer");
    assert_eq!(without(&["buyer"], &["--fail-on", "new-error"]).code, 1);
}

/// Several ids, in one --without or several; a repeat counts once.
#[test]
fn without_several() {
    let one = without_json(&["ann", "eve", "ann"]);
    let run = chain_on(
        TEAM,
        &[
            "diff",
            "-",
            "--without",
            "ann",
            "--format",
            "json",
            "--without",
            "eve",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let two = json(&run);
    assert_eq!(one, two);
    assert_eq!(one["without"], json!(["ann", "eve"]));
    assert_eq!(one["people"]["removed"], json!(["ann", "eve"]));
    // Bob's only route left went through Ann or Eve.
    assert_eq!(one["routes"]["lost"], json!(["bob", "gus"]));
}

/// An unknown id is exit 2 with a suggestion, before anything is written.
#[test]
fn without_an_unknown_id() {
    let run = without(&["anne"], &[]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("no person, role or external customer has the id `anne`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `ann`?"), "{}", run.stderr);
}

/// The text report names the file and who was taken out, and shows the
/// vacant role, the longer chains and the summary.
#[test]
fn without_as_text() {
    let run = without(&["ann"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = run.stdout;
    assert!(text.starts_with("<stdin> without ann\n"), "{text}");
    assert!(text.contains("vacant now  role    seller"), "{text}");
    assert!(text.contains("bob     2       3      longer"), "{text}");
    assert!(
        text.trim_end().ends_with("1 person removed; 1 role assignment removed; 1 handoff removed; 1 role falls vacant; 2 chains get longer; 1 new warning"),
        "{text}"
    );
}

/// An organisation in several files: compared with itself it is an empty
/// diff, and a what-if places each finding in the file it is about.
#[test]
fn organisations_in_several_files() {
    let root = "tests/fixtures/org/team.toml";
    let run = crate::util::chain(&["diff", root, root, "--format", "json"]);
    assert_eq!(changed(&json(&run)), Vec::<&str>::new());
    let run = crate::util::chain(&["diff", root, "--without", "bindery", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run);
    let files: Vec<&str> = doc["findings"]["new"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["code"] == "no-customer")
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert_eq!(
        files,
        [
            "tests/fixtures/org/team.toml",
            "tests/fixtures/org/teams/bindery.toml",
            "tests/fixtures/org/teams/pressroom.toml",
            "tests/fixtures/org/teams/pressroom.toml",
        ]
    );
    assert_eq!(
        doc["routes"]["lost"],
        json!(["marisol", "odile", "teodor", "yaw"])
    );
}

/// Ann hands to six roles, each handing on to the buyer, that only Zed
/// holds: without Zed her work stops
/// at six vacancies, more than any report lists, and every report says
/// "and more" (diff, as map and check do).
#[test]
fn more_vacancies_than_listed_are_said() {
    let roles: Vec<String> = (1..=6).map(|r| format!("\"v{r}\"")).collect();
    let roles = roles.join(", ");
    let vacancies: String = (1..=6)
        .map(|r| format!("[roles.v{r}]\nhands_to = [\"buyer\"]\n"))
        .collect();
    let alone =
        format!("[external.buyer]\npays = true\n[people.ann]\nhands_to = [{roles}]\n{vacancies}");
    let team = format!("{alone}[people.zed]\nroles = [{roles}]\n");
    let listed = json!(["v1", "v2", "v3", "v4", "v5"]);

    let run = chain_on(
        &team,
        &["diff", "-", "--without", "zed", "--format", "json"],
    );
    let doc = json(&run);
    let ann = doc["distance"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["id"] == "ann"))
        .unwrap_or_else(|| panic!("ann in {doc}"));
    assert_eq!(ann["change"], "lost");
    assert_eq!(ann["stopped_at"], listed);
    assert_eq!(ann["stopped_at_more"], true);
    let run = chain_on(&team, &["diff", "-", "--without", "zed"]);
    let said = "stops at vacant roles `v1`, `v2`, `v3`, `v4`, `v5` and more";
    assert!(run.stdout.contains(said), "{}", run.stdout);

    // The organisation without Zed, as map and check see it.
    let doc = json(&chain_on(&alone, &["map", "-", "--format", "json"]));
    let ann = &doc["people"][0];
    assert_eq!(ann["id"], "ann");
    assert_eq!(ann["stopped_at"], listed);
    assert_eq!(ann["stopped_at_more"], true);
    let run = chain_on(&alone, &["map", "-"]);
    assert!(run.stdout.contains("and more"), "{}", run.stdout);
    let run = chain_on(&alone, &["check", "-", "--format", "json"]);
    let doc: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let dead_end = doc["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["code"] == "dead-end"))
        .unwrap_or_else(|| panic!("a dead end in {doc}"));
    assert!(
        dead_end["message"]
            .as_str()
            .is_some_and(|m| m.contains("and more")),
        "{dead_end}"
    );
}
