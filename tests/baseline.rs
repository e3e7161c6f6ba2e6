//! `chain check --baseline` and `--write-baseline`: known findings pass,
//! new ones fail, stale entries are reported, and matching survives edits
//! that move every line.

use serde_json::Value;

use crate::util::{chain, json};

/// A team file with one error (a vacancy, denied) and two warnings.
const TEAM: &str = "[external.students]\npays = true\n\
                    [roles.captioner]\nhands_to = [\"students\"]\n\
                    [people.ana]\nhands_to = [\"captioner\"]\n\
                    [people.bo]\nname = \"Bo\"\n";

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new() -> Self {
        Dir {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.to_str().unwrap_or_default().to_string()
    }

    fn path(&self, name: &str) -> String {
        self.dir
            .path()
            .join(name)
            .to_str()
            .unwrap_or_default()
            .to_string()
    }
}

/// `chain check FILE --deny orphan-role ARGS`.
fn check(file: &str, args: &[&str]) -> crate::util::Run {
    chain(&[&["check", file, "--deny", "orphan-role"][..], args].concat())
}

/// Writing a baseline accepts what is there (exit 0, everything known);
/// checking against it passes; the baseline is the JSON report.
#[test]
fn a_baseline_accepts_todays_findings() {
    let d = Dir::new();
    let team = d.write("team.toml", TEAM);
    let known = d.path("known.json");
    assert_eq!(check(&team, &[]).code, 1);
    let write = check(&team, &["--write-baseline", &known]);
    assert_eq!(write.code, 0, "{}", write.stdout);
    assert!(
        write.stderr.contains("wrote 3 findings to"),
        "{}",
        write.stderr
    );
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(&known).unwrap_or_default()).expect("JSON");
    assert_eq!(baseline["summary"]["errors"], 1);
    let run = check(&team, &["--baseline", &known]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("team.toml: no new errors or warnings; 3 known (in the baseline), 0 baseline entries stale\n"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("orphan-role"),
        "known findings are not shown"
    );
}

/// Moving every line (a comment on top, tables reordered) keeps every
/// finding known; a new finding fails and is the only one shown; a fixed
/// one is a stale entry, in text and JSON.
#[test]
fn new_findings_fail_and_fixed_ones_go_stale() {
    let d = Dir::new();
    let team = d.write("team.toml", TEAM);
    let known = d.path("known.json");
    assert_eq!(check(&team, &["--write-baseline", &known]).code, 0);
    let moved = format!(
        "# A comment\n# and another\n\n{}",
        TEAM.replace("[people.bo]\nname = \"Bo\"\n", "")
    ) + "\n[people.bo]\nname = \"Bo\"\n";
    let moved = d.write("team.toml", &moved);
    assert_eq!(check(&moved, &["--baseline", &known]).code, 0);
    // Ana now also hands to a vacancy of her own; Bo gets a customer.
    let changed = TEAM.replace("name = \"Bo\"", "hands_to = [\"students\"]")
        + "[roles.editor]\nhands_to = [\"students\"]\n[people.cy]\nhands_to = [\"editor\"]\n";
    let changed = d.write("team.toml", &changed);
    let run = check(&changed, &["--baseline", &known]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("role `editor` is held by nobody"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("`captioner` is held"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("1 baseline entry no longer found")
            && run.stdout.contains("  stale  no-customer `bo`"),
        "{}",
        run.stdout
    );
    let doc = json(&check(
        &changed,
        &["--baseline", &known, "--format", "json"],
    ));
    assert_eq!(doc["summary"]["known"], 2);
    assert_eq!(doc["summary"]["stale"], 1);
    assert_eq!(doc["summary"]["errors"], 1);
    assert_eq!(doc["summary"]["warnings"], 1);
    assert_eq!(doc["stale"][0]["code"], "no-customer");
    assert_eq!(doc["stale"][0]["ids"], serde_json::json!(["bo"]));
    let states: Vec<(&str, &str)> = doc["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or(""),
                f["baseline"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(states.contains(&("orphan-role", "known")), "{states:?}");
    assert!(states.contains(&("orphan-role", "new")), "{states:?}");
}

/// GitHub annotates only new findings and notes stale entries; SARIF
/// marks each result `new` or `unchanged` and stays valid; JUnit skips the
/// known ones; GitLab leaves them out.
#[test]
fn formats_mark_known_findings() {
    let d = Dir::new();
    let team = d.write("team.toml", TEAM);
    let known = d.path("known.json");
    assert_eq!(check(&team, &["--write-baseline", &known]).code, 0);
    let grown = d.write("team.toml", &format!("{TEAM}[people.cy]\n"));
    let format = |f: &str| check(&grown, &["--baseline", &known, "--format", f]).stdout;
    let github = format("github");
    assert_eq!(github.lines().count(), 1, "{github}");
    assert!(github.contains("person `cy` hands work to no one"));
    let sarif: Value = serde_json::from_str(&format("sarif")).expect("SARIF is JSON");
    let schema: Value =
        serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    assert!(
        validator.is_valid(&sarif),
        "SARIF with baselineState is valid"
    );
    let states: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["baselineState"].as_str())
        .collect();
    assert_eq!(states.iter().filter(|s| **s == "unchanged").count(), 3);
    assert_eq!(states.iter().filter(|s| **s == "new").count(), 1);
    let junit = format("junit");
    assert!(junit.contains("skipped=\"3\""), "{junit}");
    let gitlab: Value = serde_json::from_str(&format("gitlab")).expect("JSON");
    assert_eq!(gitlab.as_array().map(Vec::len), Some(1));
    let gone = d.write(
        "team.toml",
        "[external.students]\npays = true\n[people.ana]\nhands_to = [\"students\"]\n",
    );
    let notes = check(&gone, &["--baseline", &known, "--format", "github"]).stdout;
    assert_eq!(
        notes
            .matches("::notice title=stale baseline entry::")
            .count(),
        3,
        "{notes}"
    );
}

/// A baseline that is not a report, or cannot be read, is an error (exit 2).
#[test]
fn bad_baselines_are_refused() {
    let d = Dir::new();
    let team = d.write("team.toml", TEAM);
    let bad = d.write("bad.json", "[1, 2]");
    let run = check(&team, &["--baseline", &bad]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not a baseline"), "{}", run.stderr);
    let missing = check(&team, &["--baseline", &d.path("none.json")]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("cannot read the baseline"),
        "{}",
        missing.stderr
    );
    let over = check(&team, &["--write-baseline", &team]);
    assert_eq!(over.code, 2, "never over the team file");
    assert_eq!(std::fs::read_to_string(&team).ok().as_deref(), Some(TEAM));
}

/// A file the team file includes is an input too: the baseline is never
/// written over it.
#[test]
fn never_over_an_included_file() {
    let d = Dir::new();
    let team = d.write("team.toml", "[org]\ninclude = [\"more.toml\"]\n");
    let more = d.write("more.toml", TEAM);
    let over = check(&team, &["--write-baseline", &more]);
    assert_eq!(over.code, 2, "{}", over.stderr);
    assert!(
        over.stderr
            .contains("refusing to write over the input file"),
        "{}",
        over.stderr
    );
    assert_eq!(std::fs::read_to_string(&more).ok().as_deref(), Some(TEAM));
}
