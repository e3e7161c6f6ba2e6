//! `chain init`: the starter team file, written once and never over
//! anything, valid, and clean under every check.

use crate::util::{chain, chain_on, json};

/// `chain init FILE` writes the starter, naming the file in its comments,
/// says what to do next on stderr, and leaves stdout empty.
#[test]
fn writes_the_starter() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("ops.toml");
    let shown = path.to_str().unwrap_or_default();
    let run = chain(&["init", shown]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains(&format!("created `{shown}`")),
        "{}",
        run.stderr
    );
    let text = std::fs::read_to_string(&path).expect("the starter was written");
    assert!(text.contains(&format!("chain map {shown}")), "{text}");
    let map = chain(&["map", shown, "--format", "json"]);
    assert_eq!(map.code, 0, "{}", map.stderr);
}

/// An existing file is never overwritten: exit 2, and it keeps its contents.
#[test]
fn refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("team.toml");
    std::fs::write(&path, "[people.mine]\n").expect("write");
    let run = chain(&["init", path.to_str().unwrap_or_default()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("already exists; refusing to overwrite it"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some("[people.mine]\n")
    );
}

/// A directory that does not exist is a clear error, not a panic.
#[test]
fn missing_directory() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("no/such/team.toml");
    let run = chain(&["init", path.to_str().unwrap_or_default()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
}

/// `chain init -` prints the starter (naming `team.toml`), and every
/// person in it reaches the paying customer.
#[test]
fn starter_on_stdout_is_a_sound_organisation() {
    let run = chain(&["init", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("# team.toml: a chain team file"),
        "{}",
        run.stdout
    );
    let map = chain_on(&run.stdout, &["map", "-", "--format", "json"]);
    assert_eq!(map.code, 0, "{}", map.stderr);
    let people = json(&map)["people"].as_array().cloned().unwrap_or_default();
    assert!(people.len() >= 4);
    assert!(people.iter().all(|p| p["distance"].is_u64()), "{people:?}");
    let stats = json(&chain_on(&run.stdout, &["stats", "-", "--format", "json"]));
    assert_eq!(stats["vacant_roles"], serde_json::json!([]));
    assert_eq!(stats["sole_holders"], serde_json::json!([]));
}

/// The starter passes `chain check` with exit 0 and no findings.
#[test]
fn starter_passes_check() {
    let starter = chain(&["init", "-"]).stdout;
    let run = chain_on(&starter, &["check", "-", "--format", "json"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(json(&run)["findings"], serde_json::json!([]));
}
