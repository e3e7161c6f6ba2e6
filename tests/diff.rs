//! `chain diff`: each kind of change on its own, renames, identical files,
//! what-if with `--without`, standard input, `--fail-on` and the exit
//! codes, and snapshots of the three formats.

use std::path::Path;

use serde_json::{Value, json};

use crate::util::{Run, chain, chain_on, json};

/// A small valid organisation: Cy hands to Bob, Bob to the maker role
/// (held by Ann), the maker to the paying buyer; Ann also informs the
/// auditor. Distances: Ann 1, Bob 2, Cy 3. `chain check` finds nothing.
pub const BASE: &str = r#"[check]
allow = ["single-point"]

[external.buyer]
name = "Buyer"
pays = true

[external.auditor]
name = "Auditor"

[roles.maker]
title = "Maker"
hands_to = [{ to = "buyer", what = "product", note = "finished goods" }]

[people.ann]
name = "Ann"
roles = ["maker"]
hands_to = [{ to = "auditor", what = "information" }]

[people.bob]
name = "Bob"
hands_to = [{ to = "maker", what = "materials" }]

[people.cy]
name = "Cy"
hands_to = ["bob"]
"#;

/// `text` with its one occurrence of `from` replaced by `to`.
pub fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` occurs once");
    text.replacen(from, to, 1)
}

/// Runs `chain diff OLD NEW ARGS` on two team files given as text.
pub fn diff(old: &str, new: &str, args: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let old_path = write(dir.path(), "old.toml", old);
    let new_path = write(dir.path(), "new.toml", new);
    let mut all = vec!["diff", old_path.as_str(), new_path.as_str()];
    all.extend(args);
    chain(&all)
}

pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("the file is written");
    path.to_str().expect("a UTF-8 path").to_string()
}

/// The JSON diff of two team files, which must succeed.
pub fn diff_json(old: &str, new: &str) -> Value {
    let run = diff(old, new, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run)
}

/// The top-level sections of a JSON diff that report anything.
pub fn changed(doc: &Value) -> Vec<&str> {
    fn any(v: &Value) -> bool {
        match v {
            Value::Array(a) => !a.is_empty(),
            Value::Object(o) => o.values().any(any),
            _ => false,
        }
    }
    let sections = [
        "people", "roles", "external", "holders", "handoffs", "distance", "routes", "findings",
    ];
    sections.into_iter().filter(|s| any(&doc[*s])).collect()
}

/// A file compared with itself: nothing to report, exit 0 whatever
/// `--fail-on` asks, and the text says so.
#[test]
fn identical_files_are_an_empty_diff() {
    let doc = diff_json(BASE, BASE);
    assert_eq!(changed(&doc), Vec::<&str>::new());
    let all = [
        "--fail-on",
        "lost-chain",
        "--fail-on",
        "new-error",
        "--fail-on",
        "new-finding",
    ];
    let run = diff(BASE, BASE, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("no change to people"), "{}", run.stdout);
    assert_eq!(run.stderr, "");
}

/// Reordering tables, lists and comments changes nothing: everything is
/// matched by id, not by line.
#[test]
fn moving_things_around_is_no_change() {
    let moved = format!(
        "# the people first now\n{}\n{}",
        &BASE[BASE.find("[people.ann]").unwrap_or(0)..],
        &BASE[..BASE.find("[people.ann]").unwrap_or(0)]
    );
    assert_eq!(changed(&diff_json(BASE, &moved)), Vec::<&str>::new());
}

/// A person added shows with their handoffs, and nothing else changes.
#[test]
fn person_added() {
    let new = format!("{BASE}\n[people.dee]\nhands_to = [\"bob\"]\n");
    let doc = diff_json(BASE, &new);
    assert_eq!(changed(&doc), ["people", "handoffs"]);
    assert_eq!(doc["people"], json!({"added": ["dee"], "removed": []}));
    assert_eq!(
        doc["handoffs"]["added"],
        json!([{"from": "dee", "to": "bob", "what": null, "note": null}])
    );
}

/// A person removed goes with their handoffs; nobody else's distance moves.
#[test]
fn person_removed() {
    let old = format!("{BASE}\n[people.dee]\nhands_to = [\"bob\"]\n");
    let doc = diff_json(&old, BASE);
    assert_eq!(changed(&doc), ["people", "handoffs"]);
    assert_eq!(doc["people"], json!({"added": [], "removed": ["dee"]}));
    assert_eq!(doc["handoffs"]["removed"][0]["from"], "dee");
}

/// A person renamed (a new id) is one person removed and one added, with
/// their handoffs; a new display name alone is no change.
#[test]
fn rename_is_removed_and_added() {
    let new = edit(BASE, "[people.cy]", "[people.cyrus]");
    let doc = diff_json(BASE, &new);
    assert_eq!(changed(&doc), ["people", "handoffs"]);
    assert_eq!(
        doc["people"],
        json!({"added": ["cyrus"], "removed": ["cy"]})
    );
    assert_eq!(doc["handoffs"]["removed"][0]["from"], "cy");
    assert_eq!(doc["handoffs"]["added"][0]["from"], "cyrus");
    let renamed = edit(BASE, "name = \"Cy\"", "name = \"Cyrus\"");
    assert_eq!(changed(&diff_json(BASE, &renamed)), Vec::<&str>::new());
}

/// The clerk role, held by Bob, handing to the maker (so nobody's
/// distance changes).
fn with_clerk() -> String {
    let text = edit(
        BASE,
        "name = \"Bob\"\n",
        "name = \"Bob\"\nroles = [\"clerk\"]\n",
    );
    format!("{text}\n[roles.clerk]\nhands_to = [\"maker\"]\n")
}

/// A role added shows with its holder and its handoffs.
#[test]
fn role_added() {
    let doc = diff_json(BASE, &with_clerk());
    assert_eq!(changed(&doc), ["roles", "holders", "handoffs"]);
    assert_eq!(doc["roles"]["added"], json!(["clerk"]));
    assert_eq!(
        doc["holders"],
        json!({"added": [{"person": "bob", "role": "clerk"}], "removed": []})
    );
    assert_eq!(doc["handoffs"]["added"][0]["from"], "clerk");
}

/// A role removed shows with its holder and its handoffs.
#[test]
fn role_removed() {
    let doc = diff_json(&with_clerk(), BASE);
    assert_eq!(changed(&doc), ["roles", "holders", "handoffs"]);
    assert_eq!(doc["roles"]["removed"], json!(["clerk"]));
    assert_eq!(
        doc["holders"]["removed"][0],
        json!({"person": "bob", "role": "clerk"})
    );
}

/// An external customer the press, served by Bob.
fn with_press() -> String {
    let text = edit(
        BASE,
        "hands_to = [{ to = \"maker\", what = \"materials\" }]",
        "hands_to = [{ to = \"maker\", what = \"materials\" }, \"press\"]",
    );
    format!("{text}\n[external.press]\n")
}

/// An external customer added or removed, with the handoff to it.
#[test]
fn external_added_and_removed() {
    let doc = diff_json(BASE, &with_press());
    assert_eq!(changed(&doc), ["external", "handoffs"]);
    assert_eq!(doc["external"]["added"], json!(["press"]));
    let doc = diff_json(&with_press(), BASE);
    assert_eq!(changed(&doc), ["external", "handoffs"]);
    assert_eq!(doc["external"]["removed"], json!(["press"]));
    assert_eq!(
        doc["handoffs"]["removed"],
        json!([{"from": "bob", "to": "press", "what": null, "note": null}])
    );
}

/// An external customer that stops paying is reported as such, and so is
/// everyone who loses their route because of it.
#[test]
fn external_stops_paying() {
    let new = edit(BASE, "pays = true", "pays = false");
    let doc = diff_json(BASE, &new);
    assert_eq!(doc["external"]["stopped_paying"], json!(["buyer"]));
    assert_eq!(doc["routes"]["lost"], json!(["ann", "bob", "cy"]));
    let back = diff_json(&new, BASE);
    assert_eq!(back["external"]["now_paying"], json!(["buyer"]));
    assert_eq!(back["routes"]["gained"], json!(["ann", "bob", "cy"]));
}

/// Bob also informs the auditor.
fn with_extra_handoff() -> String {
    edit(
        BASE,
        "hands_to = [{ to = \"maker\", what = \"materials\" }]",
        "hands_to = [{ to = \"maker\", what = \"materials\" }, { to = \"auditor\", what = \"information\", note = \"counts\" }]",
    )
}

/// A handoff added, and removed, alone.
#[test]
fn handoff_added_and_removed() {
    let added = json!([{"from": "bob", "to": "auditor", "what": "information", "note": "counts"}]);
    let doc = diff_json(BASE, &with_extra_handoff());
    assert_eq!(changed(&doc), ["handoffs"]);
    assert_eq!(doc["handoffs"]["added"], added);
    let doc = diff_json(&with_extra_handoff(), BASE);
    assert_eq!(changed(&doc), ["handoffs"]);
    assert_eq!(doc["handoffs"]["removed"], added);
}

/// A handoff's identity is (from, to, what): a changed `what` is one
/// removed and one added, shown side by side in text; a changed note is a
/// changed handoff.
#[test]
fn changed_what_and_note() {
    let new = edit(BASE, "what = \"information\"", "what = \"instruction\"");
    let doc = diff_json(BASE, &new);
    assert_eq!(doc["handoffs"]["removed"][0]["what"], "information");
    assert_eq!(doc["handoffs"]["added"][0]["what"], "instruction");
    let text = diff(BASE, &new, &[]).stdout;
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("auditor")).collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert!(rows[0].trim_start().starts_with("removed"), "{text}");
    assert!(rows[1].trim_start().starts_with("added"), "{text}");

    let new = edit(BASE, "note = \"finished goods\"", "note = \"boxed goods\"");
    let doc = diff_json(BASE, &new);
    assert_eq!(changed(&doc), ["handoffs"]);
    assert_eq!(
        doc["handoffs"]["changed"],
        json!([{"from": "maker", "to": "buyer", "what": "product",
                "note_before": "finished goods", "note_after": "boxed goods"}])
    );
    assert!(
        diff(BASE, &new, &[])
            .stdout
            .contains("\"finished goods\" → \"boxed goods\"")
    );
}

/// A shorter and a longer chain: Cy handing straight to Ann, and back.
#[test]
fn distance_changes() {
    let new = edit(BASE, "hands_to = [\"bob\"]", "hands_to = [\"ann\"]");
    let doc = diff_json(BASE, &new);
    assert_eq!(changed(&doc), ["handoffs", "distance"]);
    assert_eq!(
        doc["distance"],
        json!([{"id": "cy", "before": 3, "after": 2, "change": "shorter", "stopped_at": []}])
    );
    let doc = diff_json(&new, BASE);
    assert_eq!(
        doc["distance"],
        json!([{"id": "cy", "before": 2, "after": 3, "change": "longer", "stopped_at": []}])
    );
    assert_eq!(doc["routes"], json!({"lost": [], "gained": []}));
}

/// Bob hands his materials to the auditor instead of the maker: Bob and Cy
/// lose their route (null after), and the reverse change gains it back.
#[test]
fn lost_and_gained_routes() {
    let new = edit(
        BASE,
        "{ to = \"maker\", what = \"materials\" }",
        "\"auditor\"",
    );
    let doc = diff_json(BASE, &new);
    assert_eq!(doc["routes"], json!({"lost": ["bob", "cy"], "gained": []}));
    assert_eq!(
        doc["distance"][0],
        json!({"id": "bob", "before": 2, "after": null, "change": "lost", "stopped_at": []})
    );
    let back = diff_json(&new, BASE);
    assert_eq!(back["routes"], json!({"lost": [], "gained": ["bob", "cy"]}));
    assert_eq!(back["distance"][1]["before"], Value::Null);
}

/// Findings introduced and fixed, matched by identity (not line): raising
/// `sole-holder` to an error introduces one finding and nothing else; the
/// reverse fixes it. Each carries the file it belongs to.
#[test]
fn findings_introduced_and_fixed() {
    let strict = edit(
        BASE,
        "allow = [\"single-point\"]",
        "allow = [\"single-point\"]\ndeny = [\"sole-holder\"]",
    );
    let doc = diff_json(BASE, &strict);
    assert_eq!(changed(&doc), ["findings"]);
    let new = &doc["findings"]["new"];
    assert_eq!(new.as_array().map(Vec::len), Some(1));
    assert_eq!(new[0]["code"], "sole-holder");
    assert_eq!(new[0]["severity"], "error");
    assert_eq!(new[0]["ids"], json!(["maker", "ann"]));
    assert!(
        new[0]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("new.toml"))
    );
    assert!(new[0]["line"].is_u64());
    let doc = diff_json(&strict, BASE);
    assert_eq!(doc["findings"]["fixed"][0]["code"], "sole-holder");
    assert!(
        doc["findings"]["fixed"][0]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("old.toml"))
    );
}

/// A finding that only moved to another line (a comment added above it)
/// is neither new nor fixed.
#[test]
fn findings_are_matched_without_lines() {
    let strict = edit(
        BASE,
        "allow = [\"single-point\"]",
        "allow = [\"single-point\"]\ndeny = [\"sole-holder\"]",
    );
    let moved = format!("# a comment\n# and another\n{strict}");
    assert_eq!(changed(&diff_json(&strict, &moved)), Vec::<&str>::new());
}

/// Each `--fail-on` fails only on what it names; invalid input is still 2.
#[test]
fn fail_on_exit_codes() {
    let lost = edit(
        BASE,
        "{ to = \"maker\", what = \"materials\" }",
        "\"auditor\"",
    );
    let fail = |old: &str, new: &str, on: &str| diff(old, new, &["--fail-on", on]);
    // Losing routes also brings `dead-end` warnings, but no error.
    let run = fail(BASE, &lost, "lost-chain");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("--fail-on lost-chain: 2 people lose their route"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`bob`, `cy`"), "{}", run.stderr);
    assert_eq!(fail(BASE, &lost, "new-finding").code, 1);
    assert_eq!(fail(BASE, &lost, "new-error").code, 0);
    assert_eq!(fail(&lost, BASE, "lost-chain").code, 0);

    let strict = edit(
        BASE,
        "allow = [\"single-point\"]",
        "allow = [\"single-point\"]\ndeny = [\"sole-holder\"]",
    );
    assert_eq!(fail(BASE, &strict, "new-error").code, 1);
    assert_eq!(fail(BASE, &strict, "new-finding").code, 1);
    assert_eq!(fail(BASE, &strict, "lost-chain").code, 0);
    assert_eq!(fail(&strict, BASE, "new-error").code, 0);

    // A warning is a new finding but not a new error.
    let warned = edit(
        BASE,
        "allow = [\"single-point\"]",
        "warn = [\"sole-holder\"]\nallow = [\"single-point\"]",
    );
    assert_eq!(fail(BASE, &warned, "new-finding").code, 1);
    assert_eq!(fail(BASE, &warned, "new-error").code, 0);

    // Several at once: one met is enough, and each met is named.
    let run = diff(
        BASE,
        &lost,
        &[
            "--fail-on",
            "new-error",
            "--fail-on",
            "lost-chain",
            "--fail-on",
            "new-finding",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains("new-error"), "{}", run.stderr);
    assert!(
        run.stderr.contains("lost-chain") && run.stderr.contains("new-finding"),
        "{}",
        run.stderr
    );

    let bad = edit(BASE, "hands_to = [\"bob\"]", "hands_to = [\"bobby\"]");
    assert_eq!(fail(BASE, &bad, "lost-chain").code, 2);
}

/// An invalid file is refused with the usual diagnostics, naming the file
/// that is wrong, old or new; a syntax error and a missing file too.
#[test]
fn invalid_input_is_exit_2_naming_the_file() {
    let bad = edit(BASE, "hands_to = [\"bob\"]", "hands_to = [\"bobby\"]");
    for (old, new, wrong) in [
        (BASE, bad.as_str(), "new.toml"),
        (bad.as_str(), BASE, "old.toml"),
    ] {
        let run = diff(old, new, &[]);
        assert_eq!(run.code, 2);
        assert_eq!(run.stdout, "");
        assert!(
            run.stderr.contains("error[unknown-reference]"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("{wrong}:26:")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("did you mean `bob`?"), "{}", run.stderr);
    }
    let run = diff(BASE, "[people.ann\n", &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("new.toml:1:"), "{}", run.stderr);
    let run = chain(&["diff", "examples/media-team.toml", "no-such-file.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read `no-such-file.toml`"),
        "{}",
        run.stderr
    );
}

/// Either side may come from standard input, not both.
#[test]
fn standard_input_for_old_or_new() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = write(dir.path(), "team.toml", &with_extra_handoff());
    let run = chain_on(BASE, &["diff", "-", &file, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run);
    assert_eq!(doc["old"], "<stdin>");
    assert_eq!(doc["handoffs"]["added"][0]["to"], "auditor");
    let run = chain_on(BASE, &["diff", &file, "-", "--format", "json"]);
    let doc = json(&run);
    assert_eq!(doc["new"], "<stdin>");
    assert_eq!(doc["handoffs"]["removed"][0]["to"], "auditor");

    let run = chain_on(BASE, &["diff", "-", "-"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot both be standard input"),
        "{}",
        run.stderr
    );
}

/// The command line: NEW or --without, not both, not neither.
#[test]
fn new_or_without() {
    let run = chain(&["diff", "examples/media-team.toml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("<NEW>"), "{}", run.stderr);
    let both = [
        "diff",
        "examples/media-team.toml",
        "examples/media-team.toml",
        "--without",
        "wren",
    ];
    assert_eq!(chain(&both).code, 2);
}
