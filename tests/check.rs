//! `chain check`: each code on a minimal file that triggers it and on a
//! near-identical one that does not, and the finer points of each rule.

use serde_json::Value;

use crate::util::{chain_on, json};

/// Runs `chain check -` on `text` as JSON, with the codes allowed by
/// default turned on so every code can show, and returns the findings.
fn findings(text: &str) -> Vec<Value> {
    let args = ["check", "-", "--format", "json"];
    let on = ["sole-holder", "cycle", "single-point"].map(|c| ["--warn", c]);
    let run = chain_on(text, &[&args[..], on.as_flattened()].concat());
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    json(&run)["findings"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("findings in {}", run.stdout))
}

/// The findings of one code.
fn of(text: &str, code: &str) -> Vec<Value> {
    findings(text)
        .into_iter()
        .filter(|f| f["code"] == code)
        .collect()
}

/// The ids of each finding of `code`.
fn ids_of(text: &str, code: &str) -> Vec<Vec<String>> {
    of(text, code)
        .iter()
        .map(|f| {
            f["ids"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .collect()
}

/// For every code: (code, a file that triggers it, a near-identical file that does not).
const CASES: &[(&str, &str, &str)] = &[
    (
        "unknown-reference",
        "[external.buyers]\npays = true\n[people.ann]\nhands_to = [\"buyer\"]\n",
        "[external.buyers]\npays = true\n[people.ann]\nhands_to = [\"buyers\"]\n",
    ),
    (
        "duplicate-id",
        "[external.buyers]\npays = true\n[people.ann]\nhands_to = [\"buyers\"]\n[roles.ann]\nhands_to = [\"buyers\"]\n",
        "[external.buyers]\npays = true\n[people.ann]\nhands_to = [\"buyers\"]\n[roles.anna]\nhands_to = [\"buyers\"]\n",
    ),
    (
        "invalid-value",
        "[external.buyers]\npays = true\n[people.ann]\nhands_to = [{ to = \"buyers\", what = \"teaching\" }]\n",
        "[external.buyers]\npays = true\n[people.ann]\nhands_to = [{ to = \"buyers\", what = \"instruction\" }]\n",
    ),
    (
        "orphan-role",
        "[external.buyers]\npays = true\n[roles.seller]\nhands_to = [\"buyers\"]\n[people.ann]\nhands_to = [\"seller\"]\n",
        "[external.buyers]\npays = true\n[roles.seller]\nhands_to = [\"buyers\"]\n[people.ann]\nroles = [\"seller\"]\n",
    ),
    (
        "no-paying-customer",
        "[external.buyers]\npays = false\n[people.ann]\nhands_to = [\"buyers\"]\n",
        "[external.buyers]\npays = true\n[people.ann]\nhands_to = [\"buyers\"]\n",
    ),
    (
        "dead-end",
        "[external.buyers]\npays = true\n[external.archive]\n[people.ann]\nhands_to = [\"archive\"]\n[people.bob]\nhands_to = [\"buyers\"]\n",
        "[external.buyers]\npays = true\n[external.archive]\n[people.ann]\nhands_to = [\"archive\", \"bob\"]\n[people.bob]\nhands_to = [\"buyers\"]\n",
    ),
    (
        "no-customer",
        "[external.buyers]\npays = true\n[people.ann]\nname = \"Ann\"\n[people.bob]\nhands_to = [\"buyers\"]\n",
        "[external.buyers]\npays = true\n[people.ann]\nhands_to = [\"bob\"]\n[people.bob]\nhands_to = [\"buyers\"]\n",
    ),
    (
        "unserved-external",
        "[external.buyers]\npays = true\n[external.press]\n[people.ann]\nhands_to = [\"buyers\"]\n",
        "[external.buyers]\npays = true\n[external.press]\n[people.ann]\nhands_to = [\"buyers\", \"press\"]\n",
    ),
    (
        "cycle",
        "[external.buyers]\npays = true\n[people.ann]\nhands_to = [\"bob\"]\n[people.bob]\nhands_to = [\"ann\", \"buyers\"]\n",
        "[external.buyers]\npays = true\n[people.ann]\nhands_to = [\"bob\"]\n[people.bob]\nhands_to = [\"buyers\"]\n",
    ),
    (
        "single-point",
        "[external.buyers]\npays = true\n[people.ann]\nhands_to = [\"bob\"]\n[people.bob]\nhands_to = [\"buyers\"]\n",
        "[external.buyers]\npays = true\n[people.ann]\nhands_to = [\"bob\", \"buyers\"]\n[people.bob]\nhands_to = [\"buyers\"]\n",
    ),
    (
        "sole-holder",
        "[external.buyers]\npays = true\n[roles.seller]\nhands_to = [\"buyers\"]\n[people.ann]\nroles = [\"seller\"]\n",
        "[external.buyers]\npays = true\n[roles.seller]\nhands_to = [\"buyers\"]\n[people.ann]\nroles = [\"seller\"]\n[people.bob]\nroles = [\"seller\"]\n",
    ),
];

/// The README's table of codes has a row for every code with its default
/// severity, and docs/FORMAT.md names every code.
#[test]
fn docs_list_every_code() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap_or_default();
    let (readme, format) = (read("README.md"), read("docs/FORMAT.md"));
    let format = format.split_whitespace().collect::<Vec<_>>().join(" ");
    for code in chain::finding::Code::ALL {
        let default = if chain::check::config::is_fixed(*code) {
            "error, always".to_string()
        } else {
            code.default_severity().as_str().to_string()
        };
        let row = format!("| `{code}` | {default} |");
        assert!(readme.contains(&row), "README: {row}");
        assert!(format.contains(&format!("`{code}`")), "FORMAT.md: {code}");
    }
}

/// Each code fires on its minimal file and not on the near-identical one.
#[test]
fn each_code_triggers_and_clears() {
    for (code, bad, good) in CASES {
        assert!(!of(bad, code).is_empty(), "{code} on:\n{bad}");
        assert!(
            of(good, code).is_empty(),
            "{code} on:\n{good}\n{:?}",
            of(good, code)
        );
    }
}

/// The table above covers every code the tool knows but those that
/// compare the file with a roster (tests/roster.rs covers them).
#[test]
fn cases_cover_every_code() {
    let covered: Vec<&str> = CASES.iter().map(|(code, _, _)| *code).collect();
    let known: Vec<&str> = chain::finding::Code::ALL
        .iter()
        .filter(|c| !c.needs_roster())
        .map(|c| c.as_str())
        .collect();
    assert_eq!(covered, known);
}

/// Each finding names the ids involved and points at the exact key or value.
#[test]
fn findings_name_ids_and_places() {
    let text = "[external.buyers]\npays = true\n[roles.seller]\nhands_to = [\"buyers\"]\n[people.ann]\nhands_to = [\"seller\"]\n";
    let found = of(text, "orphan-role");
    let f = found.first().expect("an orphan-role finding");
    assert_eq!(f["message"], "role `seller` is held by nobody");
    assert_eq!(f["ids"], serde_json::json!(["seller"]));
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(3), Some(8))
    );
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["file"], "<stdin>");
}

/// Every problem in one run: the loader's findings and the rules' together.
#[test]
fn loader_and_rule_findings_together() {
    let text = "[external.buyers]\npays = true\n[external.buyers2]\nhands_to = [\"x\"]\n[roles.seller]\nhands_to = [\"buyers\"]\n[people.ann]\nroles = [\"sellr\"]\nhands_to = [{ to = \"buyers\", what = \"nope\" }]\n[people.buyers]\n";
    let codes: Vec<String> = findings(text)
        .iter()
        .map(|f| f["code"].as_str().unwrap_or_default().to_string())
        .collect();
    for code in [
        "unknown-reference",
        "duplicate-id",
        "invalid-value",
        "unserved-external",
    ] {
        assert!(codes.iter().any(|c| c == code), "{code} in {codes:?}");
    }
    // `seller` is what `sellr` meant: not also an orphan.
    assert!(!codes.iter().any(|c| c == "orphan-role"), "{codes:?}");
}

/// Handing work to yourself is allowed: not a loop, and not a customer.
#[test]
fn self_handoffs() {
    let text = "[external.buyers]\npays = true\n[people.ann]\nhands_to = [\"ann\", \"buyers\"]\n[people.bob]\nhands_to = [\"bob\"]\n";
    assert!(of(text, "cycle").is_empty());
    let none = of(text, "no-customer");
    assert_eq!(none.len(), 1, "{none:?}");
    assert_eq!(none[0]["ids"], serde_json::json!(["bob"]));
}

/// A person serving only themself through their own roles is not a loop
/// and has no customer; two holders handing work to each other through
/// their role are a loop.
#[test]
fn loops_through_roles() {
    let alone = "[external.buyers]\npays = true\n[roles.desk]\nhands_to = [\"desk\"]\n[people.ann]\nroles = [\"desk\"]\n";
    assert!(of(alone, "cycle").is_empty());
    assert_eq!(ids_of(alone, "no-customer"), [["ann"]]);
    let pair = format!("{alone}[people.bob]\nroles = [\"desk\"]\nhands_to = [\"buyers\"]\n");
    let loops = of(&pair, "cycle");
    assert_eq!(loops.len(), 1, "{loops:?}");
    assert_eq!(
        loops[0]["message"],
        "handoff loop: `ann` (as `desk`) → `bob` (as `desk`) → `ann`"
    );
}

/// One finding per loop, members in loop order from the first by id; a
/// vacant role is in no loop.
#[test]
fn one_finding_per_loop() {
    let text = r#"
[external.buyers]
pays = true
[roles.editor]
hands_to = ["writer", "buyers"]
[people.writer]
hands_to = ["editor"]
[people.zed]
hands_to = ["yan"]
[people.yan]
hands_to = ["xia"]
[people.xia]
hands_to = ["zed", "buyers"]
"#;
    let loops = of(text, "cycle");
    let messages: Vec<&str> = loops.iter().filter_map(|f| f["message"].as_str()).collect();
    // `editor` is vacant and hands nothing on, so `writer` → `editor` is no loop.
    assert_eq!(messages, ["handoff loop: `xia` → `zed` → `yan` → `xia`"]);
    assert_eq!(ids_of(text, "cycle")[0], ["xia", "zed", "yan"]);
    // The caret is on the loop's first handoff: `to = "zed"` of `xia`.
    assert_eq!(loops[0]["line"], 13);
}

/// A loop's other members are named after the loop shown.
#[test]
fn loop_names_the_others_in_it() {
    let text = r#"
[external.buyers]
pays = true
[people.ann]
hands_to = ["bob", "cat"]
[people.bob]
hands_to = ["ann"]
[people.cat]
hands_to = ["ann", "buyers"]
"#;
    let loops = of(text, "cycle");
    assert_eq!(loops.len(), 1);
    assert_eq!(
        loops[0]["message"],
        "handoff loop: `ann` → `bob` → `ann`; also in loops with them: `cat`"
    );
}

/// A role with a second holder gives cover: no single point; with one
/// holder, the holder is the single point, and the finding counts and
/// names who depends on them.
#[test]
fn single_points_and_cover() {
    let one = r#"
[external.buyers]
pays = true
[roles.shipping]
hands_to = ["buyers"]
[people.gus]
roles = ["shipping"]
[people.ann]
hands_to = ["shipping"]
[people.bob]
hands_to = ["ann"]
"#;
    let found = of(one, "single-point");
    let messages: Vec<&str> = found.iter().filter_map(|f| f["message"].as_str()).collect();
    assert_eq!(
        messages,
        [
            "person `gus` is a single point for 2 people: `ann`, `bob`",
            "person `ann` is a single point for 1 person: `bob`",
        ]
    );
    let two = format!("{one}[people.hal]\nroles = [\"shipping\"]\n");
    assert_eq!(ids_of(&two, "single-point"), [["ann", "bob"]]);
}

/// Whoever hands work to no one is `no-customer`, not also `dead-end`;
/// without a paying customer nobody is a dead end or a single point
/// (`no-paying-customer` says it once).
#[test]
fn one_problem_one_finding() {
    let text = "[external.buyers]\npays = true\n[people.ann]\nname = \"Ann\"\n[people.bob]\nhands_to = [\"buyers\"]\n";
    assert_eq!(ids_of(text, "no-customer"), [["ann"]]);
    assert!(of(text, "dead-end").is_empty());
    let unpaid = "[external.buyers]\n[people.ann]\nhands_to = [\"bob\"]\n[people.bob]\nhands_to = [\"buyers\"]\n";
    let codes: Vec<Value> = findings(unpaid).iter().map(|f| f["code"].clone()).collect();
    assert_eq!(codes, ["no-paying-customer"]);
}

/// Roles are dead ends too, and work handed to a vacant role stops there:
/// the finding names the vacancy and says to fill the post.
#[test]
fn dead_end_roles_and_vacant_roles() {
    let text = r#"
[external.buyers]
pays = true
[external.archive]
[roles.filing]
hands_to = ["archive"]
[roles.vacant]
hands_to = ["buyers"]
[people.ann]
roles = ["filing"]
hands_to = ["vacant"]
[people.bob]
roles = ["filing"]
"#;
    assert_eq!(
        ids_of(text, "dead-end"),
        [vec!["filing"], vec!["ann", "vacant"], vec!["bob"]]
    );
    let ann = of(text, "dead-end")
        .into_iter()
        .nth(1)
        .expect("ann's finding");
    assert_eq!(
        ann["message"],
        "the work of person `ann` never reaches a paying customer: it stops at vacant role `vacant`"
    );
    assert!(
        ann["help"]
            .as_str()
            .is_some_and(|h| h.contains("fill the post"))
    );
}

/// A file with no external customer at all gets `no-paying-customer`
/// about the whole file: no line, no column.
#[test]
fn no_customers_at_all() {
    let found = of("[people.ann]\nname = \"Ann\"\n", "no-paying-customer");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["line"], Value::Null);
    assert_eq!(found[0]["column"], Value::Null);
    assert_eq!(found[0]["file"], "<stdin>");
}

/// An empty team file is checked like any other: nobody pays.
#[test]
fn empty_file() {
    let run = chain_on("", &["check", "-"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("error[no-paying-customer]"),
        "{}",
        run.stdout
    );
}

/// A realistic small office, where the manager instructs the staff and
/// the staff report back, gets no warnings by default; asked for, the
/// loop is listed once and the single point named.
#[test]
fn a_healthy_office_gets_no_warnings() {
    let run = crate::util::chain(&["check", "tests/fixtures/healthy-office.toml"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "tests/fixtures/healthy-office.toml: no errors or warnings\n"
    );
    let asked = crate::util::chain(&[
        "check",
        "tests/fixtures/healthy-office.toml",
        "--warn",
        "cycle",
        "--warn",
        "single-point",
    ]);
    let found: Vec<&str> = asked
        .stdout
        .lines()
        .filter(|l| l.starts_with("warning["))
        .collect();
    assert_eq!(
        found,
        [
            "warning[cycle]: handoff loop: `ingrid` (as `advisor`) → `rosalind` (as `manager`) → `ingrid`; also in loops with them: `kwame`, `tomasz`",
            "warning[single-point]: person `rosalind` is a single point for 1 person: `lucia`",
        ]
    );
}

/// A value the loader reports as invalid or unknown leaves what it says
/// unknown, and nothing that depends on it is reported again: no
/// `orphan-role` for the role a `roles` typo meant, no `no-customer` for
/// a person whose only handoff names no one, no `dead-end` upstream of
/// them or towards a customer whose `pays` is not a boolean, no
/// `no-paying-customer` when that customer might pay.
#[test]
fn no_findings_follow_from_an_invalid_value() {
    let text = r#"
[external.buyers]
pays = true
[external.shop]
pays = "yes"
[roles.seller]
hands_to = ["buyers"]
[people.ann]
roles = ["sellr"]
[people.bob]
hands_to = ["bobby"]
[people.cy]
hands_to = ["bob"]
[people.dee]
hands_to = ["shop"]
"#;
    let codes: Vec<String> = findings(text)
        .iter()
        .map(|f| f["code"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        codes,
        ["invalid-value", "unknown-reference", "unknown-reference"]
    );
    let unpaid = "[external.shop]\npays = \"yes\"\n[people.dee]\nhands_to = [\"shop\"]\n";
    let codes: Vec<Value> = findings(unpaid).iter().map(|f| f["code"].clone()).collect();
    assert_eq!(codes, ["invalid-value"]);
}
