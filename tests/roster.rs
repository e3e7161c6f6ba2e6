//! `chain check --roster`: joiners at their roster line, leavers at their
//! key in the team file, in every format; matching by id, email or name;
//! severities; and rosters that cannot be read.

use serde_json::Value;

use crate::util::{chain, json};

const TEAM: &str = "examples/media-team.toml";
const STAFF: &str = "examples/media-team-staff.csv";

/// The roster findings of `chain check TEAM --roster ROSTER` as JSON.
fn roster_findings(team: &str, roster: &str, extra: &[&str]) -> Vec<Value> {
    let args = [
        &["check", team, "--roster", roster, "--format", "json"][..],
        extra,
    ]
    .concat();
    let run = chain(&args);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    json(&run)["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("roster-")))
        .cloned()
        .collect()
}

/// The example staff list has Sam, who joined, and not Wren, who left:
/// one finding each, matched by name (the roster's emails make other ids),
/// placed at the roster's line and at Wren's key.
#[test]
fn joiners_and_leavers_on_the_example() {
    let found = roster_findings(TEAM, STAFF, &[]);
    let summary: Vec<(String, Value, String, Value, Value)> = found
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_string(),
                f["ids"].clone(),
                f["file"].as_str().unwrap_or_default().to_string(),
                f["line"].clone(),
                f["column"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "roster-leaver".into(),
                serde_json::json!(["wren"]),
                TEAM.into(),
                Value::from(59),
                Value::from(9)
            ),
            (
                "roster-joiner".into(),
                serde_json::json!(["sam-okafor"]),
                STAFF.into(),
                Value::from(6),
                Value::from(1)
            ),
        ]
    );
    assert_eq!(
        found.first().map(|f| f["severity"].clone()),
        Some("warning".into())
    );
}

/// The text report shows the roster's line under `roster.csv:LINE:COL`.
#[test]
fn text_shows_the_roster_line() {
    let run = chain(&["check", TEAM, "--roster", STAFF]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!("--> {STAFF}:6:1"))
            && run.stdout.contains("6 | Sam Okafor,sam.okafor@")
            && run
                .stdout
                .contains("warning[roster-joiner]: `Sam Okafor` is on the roster"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("warning[roster-leaver]: person `wren`"));
}

/// Every format carries the roster findings, at the roster's file.
#[test]
fn every_format_names_the_roster() {
    for format in ["github", "sarif", "junit", "gitlab"] {
        let run = chain(&["check", TEAM, "--roster", STAFF, "--format", format]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        assert!(run.stdout.contains("roster-joiner"), "{format}");
        assert!(run.stdout.contains("media-team-staff.csv"), "{format}");
    }
}

/// `--deny roster-leaver` fails the run; `[check] allow` silences a code.
#[test]
fn severities_apply() {
    let run = chain(&["check", TEAM, "--roster", STAFF, "--deny", "roster-leaver"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("error[roster-leaver]"),
        "{}",
        run.stdout
    );
    let quiet = roster_findings(TEAM, STAFF, &["--allow", "roster-joiner"]);
    assert_eq!(quiet.len(), 1);
}

/// A roster with an id column matches by id, whatever the names say; one
/// with emails matches by the id `chain import` makes from them.
#[test]
fn matches_by_id_and_email() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let team = dir.path().join("team.toml");
    std::fs::write(
        &team,
        "[external.buyers]\npays = true\n[people.e17]\nname = \"Ana R.\"\nhands_to = [\"buyers\"]\n\
         [people.kofi-mensah]\nhands_to = [\"buyers\"]\n",
    )
    .expect("write");
    let by_id = dir.path().join("ids.csv");
    std::fs::write(&by_id, "Staff ID,Name\nE17,Ana Ruiz\nk9,Kofi Mensah\n").expect("write");
    let team = team.to_str().unwrap_or_default();
    let found = roster_findings(team, by_id.to_str().unwrap_or_default(), &[]);
    let ids: Vec<&Value> = found.iter().map(|f| &f["ids"]).collect();
    assert_eq!(
        ids,
        [
            &serde_json::json!(["kofi-mensah"]),
            &serde_json::json!(["k9"])
        ]
    );
    let by_email = dir.path().join("emails.csv");
    std::fs::write(
        &by_email,
        "name;email\nAna R.;ana@example.org\nKofi;kofi.mensah@example.org\n",
    )
    .expect("write");
    let found = roster_findings(team, by_email.to_str().unwrap_or_default(), &[]);
    assert!(found.is_empty(), "{found:?}");
}

/// A roster that cannot be used stops the check (exit 2) with its line.
#[test]
fn unusable_roster_stops_the_check() {
    let run = chain(&[
        "check",
        TEAM,
        "--roster",
        "tests/fixtures/roster/bad-rows.csv",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("bad-rows.csv:3:4"), "{}", run.stderr);
    let missing = chain(&["check", TEAM, "--roster", "no-such.csv"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("cannot read `no-such.csv`"),
        "{}",
        missing.stderr
    );
}

/// Manager problems do not matter to a comparison: the roster with
/// missing managers is fine for `--roster`.
#[test]
fn managers_are_not_needed_to_compare() {
    let found = roster_findings(TEAM, "tests/fixtures/roster/missing-managers.csv", &[]);
    assert_eq!(found.len(), 3 + 8, "3 joiners, 8 leavers");
}
