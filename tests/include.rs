//! Organisations in several files: `[org] include`, one namespace of ids,
//! diagnostics naming the right file, loops, repeats and unreadable files.

use serde_json::json;

use crate::util::{chain, chain_on, json, people_ids};

/// An organisation spread over a directory: the root, a literal path and a
/// glob; ids resolve across files; hidden files are not matched.
#[test]
fn organisation_over_several_files() {
    let run = chain(&["map", "tests/fixtures/org/team.toml", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run);
    assert_eq!(doc["org"], "Quillfeather Print Cooperative");
    let ids = people_ids(&doc);
    assert_eq!(ids, ["marisol", "odile", "teodor", "yaw"]);
    assert_eq!(
        doc["people"][1]["chain"],
        json!(["odile", "marisol", "publishers"])
    );
}

/// Every problem in an included file is reported at its own file and line,
/// and a repeated file, an empty glob and a loop are findings at the entry.
#[test]
fn diagnostics_name_the_right_file() {
    let run = chain(&["map", "tests/fixtures/org-bad/team.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--> tests/fixtures/org-bad/teams/ink.toml:2:10"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("--> tests/fixtures/org-bad/teams/paper.toml:4:8"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("include loop"), "{}", run.stderr);
    assert!(run.stderr.contains("is included twice"), "{}", run.stderr);
    insta::assert_snapshot!("org_bad", run.stderr);
}

/// A syntax error in an included file stops the run at the entry that
/// includes it, naming the file and where its first error is, and showing
/// none of its lines.
#[test]
fn syntax_error_in_an_included_file() {
    let run = chain(&["map", "tests/fixtures/org-syntax/team.toml"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    insta::assert_snapshot!("org_syntax", run.stderr);
}

/// An included file that does not exist stops the run at the entry.
#[test]
fn missing_included_file() {
    let run = chain(&["map", "tests/fixtures/org-missing/team.toml"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("org_missing", run.stderr);
}

/// From standard input, includes are relative to the current directory.
#[test]
fn stdin_includes_from_the_current_directory() {
    let run = chain_on(
        "[org]\ninclude = [\"tests/fixtures/org/customers.toml\"]\n[people.ann]\nhands_to = [\"publishers\"]\n",
        &["map", "-", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        json(&run)["people"][0]["chain"],
        json!(["ann", "publishers"])
    );
}

/// A file that includes itself is a loop; a bad glob and an empty path are
/// findings, and `include` must be an array of strings.
#[test]
fn bad_entries() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path().join("team.toml");
    std::fs::write(&root, "[org]\ninclude = [\"team.toml\", \"[\", \"\"]\n").expect("write");
    let run = chain(&["map", root.to_str().unwrap_or_default()]);
    assert_eq!(run.code, 2);
    for expected in [
        "include loop",
        "is not a valid glob pattern",
        "cannot be empty",
        "the team file has 3 problems",
    ] {
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
    }
    let run = chain_on("[org]\ninclude = \"teams/*.toml\"\n", &["map", "-"]);
    assert!(
        run.stderr
            .contains("`include` of `[org]` must be an array of paths"),
        "{}",
        run.stderr
    );
}

/// A chain of 3,000 files, each including the next: the walk keeps its own
/// stack, and the last file's person reaches the customer in the first.
#[test]
fn deep_include_chain() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let n = 3000;
    for i in 0..n {
        let mut text = String::new();
        if i + 1 < n {
            text.push_str(&format!("[org]\ninclude = [\"f{}.toml\"]\n", i + 1));
        }
        if i == 0 {
            text.push_str("[external.buyer]\npays = true\n");
        }
        text.push_str(&format!("[people.p{i}]\nhands_to = [\"buyer\"]\n"));
        std::fs::write(dir.path().join(format!("f{i}.toml")), text).expect("write");
    }
    let root = dir.path().join("f0.toml");
    let run = chain(&["map", root.to_str().unwrap_or_default(), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run)["people"].as_array().map(Vec::len), Some(n));
}
