//! The CI formats of `chain check`: JUnit XML (well-formed, parsed with
//! quick-xml, with the counts its elements hold) and GitLab Code Quality
//! (every documented field, fingerprints unique and stable when lines
//! move), on the example and on a hostile file.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use serde_json::Value;

use crate::util::{chain, chain_on};

const EXAMPLE: &str = "examples/media-team.toml";
const HOSTILE: &str = "tests/fixtures/hostile.toml";

/// The example with every level showing (exit 1).
fn example(format: &str) -> String {
    let run = chain(&[
        "check",
        EXAMPLE,
        "--format",
        format,
        "--warn",
        "cycle",
        "--warn",
        "single-point",
        "--deny",
        "orphan-role",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.stdout
}

/// What a JUnit document holds, read by an XML parser.
#[derive(Debug, Default)]
struct Junit {
    /// Element names, in document order.
    elements: Vec<String>,
    /// The attributes of the first `<testsuite>`.
    suite: HashMap<String, String>,
    /// Each test case's `name`.
    cases: Vec<String>,
}

fn attributes(e: &BytesStart<'_>) -> HashMap<String, String> {
    e.attributes()
        .map(|a| {
            let a = a.expect("a well-formed attribute");
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .expect("an escaped value")
                .into_owned();
            (key, value)
        })
        .collect()
}

/// Parses `xml`, failing on anything that is not well-formed.
fn parse_junit(xml: &str) -> Junit {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut junit = Junit::default();
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("{e}:\n{xml}"));
        let start = match &event {
            Event::Start(e) => {
                depth += 1;
                Some(e.clone())
            }
            Event::Empty(e) => Some(e.clone()),
            Event::End(_) => {
                depth -= 1;
                None
            }
            Event::Eof => break,
            _ => None,
        };
        if let Some(e) = start {
            let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
            let attrs = attributes(&e);
            if name == "testsuite" && junit.suite.is_empty() {
                junit.suite = attrs.clone();
            }
            if name == "testcase" {
                junit
                    .cases
                    .push(attrs.get("name").cloned().unwrap_or_default());
            }
            junit.elements.push(name);
        }
    }
    assert_eq!(depth, 0, "every element is closed");
    junit
}

/// A testsuite in testsuites, a testcase per finding, a failure per
/// error, and the counts agree with the JSON report.
#[test]
fn junit_is_well_formed_with_the_right_counts() {
    let xml = example("junit");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    let junit = parse_junit(&xml);
    assert_eq!(
        junit.elements.first().map(String::as_str),
        Some("testsuites")
    );
    assert_eq!(junit.elements.get(1).map(String::as_str), Some("testsuite"));
    let report: Value = serde_json::from_str(&example("json")).expect("JSON");
    let errors = report["summary"]["errors"].as_u64().unwrap_or(0) as usize;
    let warnings = report["summary"]["warnings"].as_u64().unwrap_or(0) as usize;
    assert_eq!(junit.cases.len(), errors + warnings);
    let failures = junit.elements.iter().filter(|e| *e == "failure").count();
    assert_eq!(failures, errors);
    assert_eq!(
        junit.suite.get("tests"),
        Some(&(errors + warnings).to_string())
    );
    assert_eq!(junit.suite.get("failures"), Some(&errors.to_string()));
    assert_eq!(junit.suite.get("name").map(String::as_str), Some(EXAMPLE));
    assert!(
        junit
            .cases
            .iter()
            .any(|c| c == "orphan-role: role `captioner` is held by nobody"),
        "{:?}",
        junit.cases
    );
}

/// A clean file is one passing test case, never an empty suite.
#[test]
fn junit_of_a_clean_file() {
    let run = chain_on(
        "[external.b]\npays = true\n[people.a]\nhands_to = [\"b\"]\n",
        &["check", "-", "--format", "junit"],
    );
    assert_eq!(run.code, 0);
    let junit = parse_junit(&run.stdout);
    assert_eq!(junit.cases, ["no errors or warnings"]);
    assert_eq!(junit.suite.get("failures").map(String::as_str), Some("0"));
}

/// Markup, quotes and control characters from a hostile file stay inside
/// their attribute or text: the document parses, and holds no raw control
/// character but line breaks.
#[test]
fn junit_escapes_hostile_text() {
    let run = chain(&["check", HOSTILE, "--format", "junit", "--warn", "cycle"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    parse_junit(&run.stdout);
    assert!(!run.stdout.chars().any(|c| c.is_control() && c != '\n'));
    let markup = chain_on(
        "[external.\"<b>&'\\\"\"]\npays = true\n[people.\"]]></x>\"]\nname = \"<script>\"\n",
        &["check", "-", "--format", "junit"],
    );
    let junit = parse_junit(&markup.stdout);
    assert!(
        junit.cases.iter().any(|c| c.contains("]]></x>")),
        "{:?}",
        junit.cases
    );
}

/// Every GitLab issue has the documented fields with the documented types
/// and values.
#[test]
fn gitlab_has_the_documented_fields() {
    let issues: Value = serde_json::from_str(&example("gitlab")).expect("JSON");
    let issues = issues.as_array().cloned().unwrap_or_default();
    assert!(issues.len() >= 3, "{issues:?}");
    for issue in &issues {
        assert!(
            issue["description"].as_str().is_some_and(|d| !d.is_empty()),
            "{issue}"
        );
        let code = issue["check_name"].as_str().unwrap_or_default();
        assert!(code.parse::<chain::finding::Code>().is_ok(), "{issue}");
        let fingerprint = issue["fingerprint"].as_str().unwrap_or_default();
        assert!(
            fingerprint.len() == 32 && fingerprint.bytes().all(|b| b.is_ascii_hexdigit()),
            "{issue}"
        );
        let severity = issue["severity"].as_str().unwrap_or_default();
        assert!(
            ["info", "minor", "major", "critical", "blocker"].contains(&severity),
            "{issue}"
        );
        assert_eq!(issue["location"]["path"], EXAMPLE);
        assert!(
            issue["location"]["lines"]["begin"].as_u64() >= Some(1),
            "{issue}"
        );
    }
    let major = issues.iter().filter(|i| i["severity"] == "major").count();
    assert_eq!(major, 1, "the one error");
}

/// Fingerprints are unique, and the same after every line of the file
/// moves: they hash the code and ids, not the line.
#[test]
fn gitlab_fingerprints_are_unique_and_stable() {
    let fingerprints = |text: &str| -> Vec<String> {
        let run = chain_on(
            text,
            &["check", "-", "--format", "gitlab", "--warn", "cycle"],
        );
        let issues: Value = serde_json::from_str(&run.stdout).expect("JSON");
        let mut all: Vec<String> = issues
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i["fingerprint"].as_str().map(String::from))
            .collect();
        all.sort();
        all
    };
    let text = std::fs::read_to_string(EXAMPLE).expect("the example");
    let before = fingerprints(&text);
    let mut unique = before.clone();
    unique.dedup();
    assert_eq!(unique, before, "unique");
    let moved = fingerprints(&format!("# moved\n\n\n{text}"));
    assert_eq!(moved, before);
    // Two findings with one code, message and ids still get two.
    let twice =
        "[people.a]\nhands_to = [{ to = \"a\", what = \"x\" }, { to = \"a\", what = \"x\" }]\n";
    let run = chain_on(twice, &["check", "-", "--format", "gitlab"]);
    let issues: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let prints: Vec<&str> = issues
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["fingerprint"].as_str())
        .collect();
    let mut distinct = prints.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), prints.len(), "{issues}");
}
