//! `chain map`: the customer graph rules, both output shapes, stdin.

use serde_json::{Value, json};

use crate::util::{chain, chain_on, json, line_org, people_ids};

/// The chain ids of person `id` in the all-people JSON.
fn chain_of(doc: &Value, id: &str) -> Value {
    person(doc, id)["chain"].clone()
}

fn person<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["people"]
        .as_array()
        .and_then(|people| people.iter().find(|p| p["id"] == id))
        .unwrap_or_else(|| panic!("person `{id}` in {doc}"))
}

/// `map ID` as JSON: (id, kind, distance) of every party listed.
fn served(text: &str, args: &[&str], list: &str) -> Vec<(String, String, u64)> {
    let mut all = vec!["map", "-"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let run = chain_on(text, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run)[list]
        .as_array()
        .unwrap_or_else(|| panic!("`{list}` in {}", run.stdout))
        .iter()
        .map(|p| {
            let id = p["id"].as_str().unwrap_or_default().to_string();
            let kind = p["kind"].as_str().unwrap_or_default().to_string();
            (id, kind, p["distance"].as_u64().unwrap_or(u64::MAX))
        })
        .collect()
}

fn people_json(text: &str) -> Value {
    let run = chain_on(text, &["map", "-", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run)
}

/// A role's handoffs apply to every holder, and work handed to a role
/// reaches each of its holders.
#[test]
fn roles_expand_to_their_holders() {
    let doc = people_json(
        r#"
[external.buyer]
pays = true
[roles.packer]
hands_to = ["buyer"]
[roles.maker]
hands_to = ["packer"]
[people.ann]
roles = ["maker"]
[people.bob]
roles = ["packer"]
[people.cat]
roles = ["packer"]
"#,
    );
    assert_eq!(chain_of(&doc, "ann"), json!(["ann", "bob", "buyer"]));
    assert_eq!(person(&doc, "ann")["distance"], 2);
    assert_eq!(person(&doc, "ann")["steps"][0]["as_role"], "maker");
    assert_eq!(person(&doc, "ann")["steps"][0]["to_role"], "packer");
    assert_eq!(chain_of(&doc, "cat"), json!(["cat", "buyer"]));
}

/// Work handed to a vacant role stops there: a person whose only route
/// runs through one has no distance and no chain, and the map says which
/// vacancy stops their work, in text and in JSON. Another route around
/// the vacancy is still found.
#[test]
fn vacant_roles_stop_the_chain() {
    let text = r#"
[external.buyer]
pays = true
[roles.qa]
title = "Quality"
hands_to = ["buyer"]
[people.ann]
hands_to = ["qa"]
[people.bo]
hands_to = ["qa", "cy"]
[people.cy]
hands_to = ["buyer"]
"#;
    let doc = people_json(text);
    assert_eq!(person(&doc, "ann")["distance"], Value::Null);
    assert_eq!(chain_of(&doc, "ann"), Value::Null);
    assert_eq!(person(&doc, "ann")["stopped_at"], json!(["qa"]));
    assert_eq!(chain_of(&doc, "bo"), json!(["bo", "cy", "buyer"]));
    assert_eq!(person(&doc, "bo")["stopped_at"], json!([]));
    let out = chain_on(text, &["map", "-"]).stdout;
    assert!(
        out.contains("ann            -  ann: stops at vacant role `qa` (Quality)"),
        "{out}"
    );
}

/// A person's own handoffs count as well as their roles'.
#[test]
fn person_handoffs_count() {
    let doc = people_json(
        r#"
[external.buyer]
pays = true
[roles.clerk]
hands_to = ["boss"]
[people.boss]
hands_to = [{ to = "buyer", what = "service" }]
[people.ann]
roles = ["clerk"]
"#,
    );
    assert_eq!(chain_of(&doc, "ann"), json!(["ann", "boss", "buyer"]));
    assert_eq!(person(&doc, "boss")["steps"][0]["what"], "service");
    assert_eq!(person(&doc, "boss")["steps"][0]["as_role"], Value::Null);
}

/// A handoff to oneself is allowed and never part of a chain; someone whose
/// only customer is themselves reaches no paying customer.
#[test]
fn self_handoffs_are_never_steps() {
    let doc = people_json(
        r#"
[external.buyer]
pays = true
[people.ann]
hands_to = ["ann", "bob"]
[people.bob]
hands_to = ["bob", "buyer"]
[people.cal]
hands_to = ["cal"]
"#,
    );
    assert_eq!(chain_of(&doc, "ann"), json!(["ann", "bob", "buyer"]));
    assert_eq!(person(&doc, "cal")["distance"], Value::Null);
    assert_eq!(person(&doc, "cal")["chain"], Value::Null);
    let mine = served("[people.cal]\nhands_to = [\"cal\"]\n", &["cal"], "serves");
    assert!(mine.is_empty(), "{mine:?}");
}

/// Rework loops terminate and do not lengthen or break chains.
#[test]
fn loops_terminate() {
    let text = r#"
[external.buyer]
pays = true
[roles.assembler]
hands_to = ["inspector"]
[roles.inspector]
hands_to = ["assembler", "buyer"]
[people.ann]
roles = ["assembler"]
[people.ivy]
roles = ["inspector"]
[people.lone]
hands_to = ["loop-a"]
[people.loop-a]
hands_to = ["loop-b"]
[people.loop-b]
hands_to = ["loop-a"]
"#;
    let doc = people_json(text);
    assert_eq!(chain_of(&doc, "ann"), json!(["ann", "ivy", "buyer"]));
    assert_eq!(person(&doc, "lone")["distance"], Value::Null);
    let up = served(text, &["ann", "--upstream"], "upstream");
    assert_eq!(up, vec![("ivy".into(), "person".into(), 1)]);
}

/// Between equally short chains, the next party with the smallest id wins,
/// whatever order the file declares things in.
#[test]
fn ties_break_by_smallest_next_id() {
    let text = r#"
[external.buyer]
pays = true
[people.start]
hands_to = ["zed", "mid", "amy"]
[people.zed]
hands_to = ["buyer"]
[people.amy]
hands_to = ["buyer"]
[people.mid]
hands_to = ["buyer"]
"#;
    let doc = people_json(text);
    assert_eq!(chain_of(&doc, "start"), json!(["start", "amy", "buyer"]));
    let first = chain_on(text, &["map", "-"]).stdout;
    for _ in 0..3 {
        assert_eq!(chain_on(text, &["map", "-"]).stdout, first);
    }
}

/// A tie goes by the id of the next party the work reaches: through role
/// `kilo`, its holder `kim` before a person `mike`; a person `alf` before
/// `kim`; and among paying customers `acme` before `zulu`.
#[test]
fn ties_break_by_id_across_kinds() {
    let text = r#"
[external.zulu]
pays = true
[external.acme]
pays = true
[roles.kilo]
hands_to = ["zulu"]
[people.kim]
roles = ["kilo"]
[people.mike]
hands_to = ["acme"]
[people.ana]
hands_to = ["mike", "kilo"]
[people.bo]
hands_to = ["kilo", "alf"]
[people.alf]
hands_to = ["zulu"]
[people.cy]
hands_to = ["zulu", "acme"]
"#;
    let doc = people_json(text);
    assert_eq!(chain_of(&doc, "ana"), json!(["ana", "kim", "zulu"]));
    assert_eq!(chain_of(&doc, "bo"), json!(["bo", "alf", "zulu"]));
    assert_eq!(chain_of(&doc, "cy"), json!(["cy", "acme"]));
}

/// The shortest chain wins over a longer one through smaller ids.
#[test]
fn shortest_beats_smaller_ids() {
    let doc = people_json(
        r#"
[external.buyer]
pays = true
[people.start]
hands_to = ["aaa", "zzz"]
[people.aaa]
hands_to = ["bbb"]
[people.bbb]
hands_to = ["buyer"]
[people.zzz]
hands_to = ["buyer"]
"#,
    );
    assert_eq!(chain_of(&doc, "start"), json!(["start", "zzz", "buyer"]));
}

/// Quoted ids with spaces, quotes, backslashes and Unicode work as ids,
/// references, and the ID argument.
#[test]
fn quoted_ids_work_everywhere() {
    let text = r#"
[external."Zoë's \"best\" buyer"]
pays = true
[roles."back\\slash role"]
hands_to = ["Zoë's \"best\" buyer"]
[people."Ana María"]
roles = ["back\\slash role"]
[people."李"]
hands_to = ["Ana María"]
"#;
    let doc = people_json(text);
    assert_eq!(
        chain_of(&doc, "李"),
        json!(["李", "Ana María", "Zoë's \"best\" buyer"])
    );
    assert_eq!(
        person(&doc, "Ana María")["steps"][0]["as_role"],
        "back\\slash role"
    );
    let downstream = served(text, &["李"], "serves");
    assert_eq!(
        downstream,
        vec![
            ("Ana María".into(), "person".into(), 1),
            ("Zoë's \"best\" buyer".into(), "external".into(), 2)
        ]
    );
    let up = served(text, &["Zoë's \"best\" buyer", "--upstream"], "upstream");
    assert_eq!(
        up,
        vec![
            ("Ana María".into(), "person".into(), 1),
            ("李".into(), "person".into(), 2)
        ]
    );
}

/// People are listed in id order, with name, roles, team, distance and chain.
#[test]
fn all_people_json_shape() {
    let run = chain(&["map", "examples/media-team.toml", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run);
    let ids = people_ids(&doc);
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    let p = person(&doc, "okonkwo");
    assert_eq!(p["name"], "Chidi Okonkwo");
    assert_eq!(p["roles"], json!(["producer"]));
    assert_eq!(p["team"], "media");
    assert_eq!(p["distance"], 1);
    assert_eq!(p["chain"], json!(["okonkwo", "students"]));
    assert_eq!(p["steps"][0]["note"], "edited, captioned lecture videos");
    assert_eq!(p["elided"], Value::Null);
    insta::assert_snapshot!("media_team_json", run.stdout);
}

/// `map ID`: everyone reached once, at the shortest distance, grouped
/// nearest first; chains to each paying customer reached.
#[test]
fn one_party_json_shape() {
    let run = chain(&[
        "map",
        "examples/assembly-line.toml",
        "hettie",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run);
    assert_eq!(doc["id"], "hettie");
    assert_eq!(doc["kind"], "person");
    let serves = doc["serves"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = serves.iter().filter_map(|p| p["id"].as_str()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "each party once: {ids:?}");
    assert!(!ids.contains(&"hettie"), "never the start itself");
    let distances: Vec<u64> = serves
        .iter()
        .filter_map(|p| p["distance"].as_u64())
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    let dealers = serves
        .iter()
        .find(|p| p["id"] == "dealers")
        .cloned()
        .unwrap_or_default();
    assert_eq!(dealers["distance"], 5);
    assert_eq!(dealers["internal"], false);
    assert_eq!(dealers["pays"], true);
    assert_eq!(doc["chains"][0]["to"], "dealers");
    assert_eq!(doc["chains"][0]["chain"][0], "hettie");
    assert_eq!(doc["chains"][0]["distance"], 5);
    assert_eq!(doc["chains"][0]["chain"][1], "kofi");
    assert!(doc.get("upstream").is_none());
    insta::assert_snapshot!("hettie_json", run.stdout);
}

/// `--upstream` names the list `upstream`; `--depth` limits the walk.
#[test]
fn upstream_and_depth() {
    let run = chain(&[
        "map",
        "examples/assembly-line.toml",
        "dealers",
        "--upstream",
        "--depth",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run);
    assert!(doc.get("serves").is_none());
    let up: Vec<(String, u64)> = doc["upstream"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            (
                p["id"].as_str().unwrap_or_default().to_string(),
                p["distance"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(up, vec![("gunnar".to_string(), 1)]);
    let deeper = chain(&[
        "map",
        "examples/assembly-line.toml",
        "dealers",
        "--upstream",
        "--depth",
        "2",
        "--format",
        "json",
    ]);
    let n = json(&deeper)["upstream"].as_array().map_or(0, Vec::len);
    assert!(n > up.len(), "depth 2 reaches further than depth 1");
}

/// `--upstream` and `--depth` make sense only with an ID.
#[test]
fn upstream_needs_an_id() {
    let run = chain(&["map", "examples/assembly-line.toml", "--upstream"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("<ID>"), "{}", run.stderr);
}

/// The team file can come from standard input as `-`.
#[test]
fn reads_standard_input() {
    let text = std::fs::read_to_string("examples/college-office.toml").unwrap_or_default();
    let from_stdin = chain_on(&text, &["map", "-"]);
    let from_file = chain(&["map", "examples/college-office.toml"]);
    assert_eq!(from_stdin.code, 0);
    assert_eq!(from_stdin.stdout, from_file.stdout);
}

/// The summary line of the text map agrees in number with its counts.
#[test]
fn summary_line_agrees_in_number() {
    let one_each = "[external.buyer]\npays = true\n\
        [people.ana]\nhands_to = [\"buyer\"]\n[people.ben]\n";
    let run = chain_on(one_each, &["map", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .ends_with("2 people: 1 reaches a paying customer, 1 does not\n"),
        "{}",
        run.stdout
    );
    let alone = chain_on("[people.ben]\n", &["map", "-"]);
    assert!(
        alone
            .stdout
            .ends_with("1 person: 0 reach a paying customer, 1 does not\n"),
        "{}",
        alone.stdout
    );
}

/// The text map of thousands of people, whose lines are built on every
/// core in runs: each person's line comes once, in id order, with their
/// own chain, and the summary counts every line.
#[test]
fn text_lines_built_apart_come_in_order() {
    let n = 9_000;
    let mut text = String::from("[external.buyer]\nname = \"Buyer\"\npays = true\n");
    for i in 0..n {
        text.push_str(&format!("[people.p{i:05}]\nname = \"P{i}\"\n"));
        match i % 3 {
            0 => {}
            1 => text.push_str("hands_to = [\"buyer\"]\n"),
            _ => text.push_str(&format!("hands_to = [\"p{:05}\"]\n", i - 1)),
        }
    }
    let run = chain_on(&text, &["map", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        n + 3,
        "header, a line each, a blank, the summary"
    );
    for (i, line) in lines.iter().skip(1).take(n).enumerate() {
        let want = match i % 3 {
            0 => format!("p{i:05}         -  P{i}: no route to a paying customer"),
            1 => format!("p{i:05}         1  P{i} → Buyer"),
            _ => format!("p{i:05}         2  P{i} → P{} → Buyer", i - 1),
        };
        assert_eq!(*line, want, "line {}", i + 1);
    }
    assert_eq!(
        lines.last().copied(),
        Some("9000 people: 6000 reach a paying customer, 3000 do not")
    );
}

/// The text outputs of the examples, as a reader sees them.
#[test]
fn text_snapshots() {
    for name in ["media-team", "assembly-line", "college-office"] {
        let path = format!("examples/{name}.toml");
        let run = chain(&["map", &path]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(format!("{name}_text"), run.stdout);
    }
    let run = chain(&["map", "examples/media-team.toml", "director"]);
    insta::assert_snapshot!("director_text", run.stdout);
    let run = chain(&["map", "examples/media-team.toml", "students", "--upstream"]);
    insta::assert_snapshot!("students_upstream_text", run.stdout);
}

/// An empty file is a valid, empty organisation.
#[test]
fn empty_file_is_an_empty_organisation() {
    let run = chain_on("", &["map", "-", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run), json!({"org": null, "people": []}));
}

/// A 100,000-person line: every walk is iterative, long chains are shown
/// with their middle elided (and in full with `--chain-limit 0`), and the
/// people, written in parallel runs, come out once each in id order.
#[test]
fn long_line_does_not_overflow() {
    let n = 100_000;
    let ids: Vec<String> = (0..n).map(|i| format!("p{i:06}")).collect();
    let text = line_org(&ids, "buyer");
    let run = chain_on(
        &text,
        &["map", "-", "--format", "json", "--chain-limit", "10"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run);
    let listed = people_ids(&doc);
    assert_eq!(listed, ids);
    let first = person(&doc, "p000000");
    assert_eq!(first["distance"], n);
    assert_eq!(first["chain"].as_array().map(Vec::len), Some(11));
    assert_eq!(first["chain"][5], "p000005");
    assert_eq!(first["chain"][6], "p099996");
    assert_eq!(first["chain"][10], "buyer");
    assert_eq!(first["elided"], json!({"after": 6, "count": n - 10}));
    // Each step matches its place in the chain, before and after the gap
    // (steps many chains share are written once and copied).
    let steps = first["steps"].as_array().cloned().unwrap_or_default();
    assert_eq!(steps.len(), 10);
    for (k, step) in steps.iter().enumerate() {
        assert_eq!(step["to"], first["chain"][k + 1], "step {k}");
    }
    let later = person(&doc, "p000001");
    assert_eq!(later["steps"][3], first["steps"][4]);
    let tail = chain_on(
        &text,
        &[
            "map",
            "-",
            "p099990",
            "--format",
            "json",
            "--chain-limit",
            "0",
        ],
    );
    assert_eq!(
        json(&tail)["chains"][0]["chain"].as_array().map(Vec::len),
        Some(11)
    );
    let upstream = chain_on(
        &text,
        &["map", "-", "buyer", "--upstream", "--format", "json"],
    );
    assert_eq!(
        json(&upstream)["upstream"].as_array().map(Vec::len),
        Some(n)
    );
}

/// Elision in text output says how many parties are left out.
#[test]
fn elided_chains_in_text() {
    let mut text = String::from("[external.buyer]\npays = true\n");
    for i in 0..8 {
        let next = if i == 7 {
            "buyer".to_string()
        } else {
            format!("p{}", i + 1)
        };
        text.push_str(&format!("[people.p{i}]\nhands_to = [\"{next}\"]\n"));
    }
    let run = chain_on(&text, &["map", "-", "--chain-limit", "4"]);
    assert!(
        run.stdout
            .contains("p0 → p1 → p2 → … 4 more … → p7 → buyer"),
        "{}",
        run.stdout
    );
}

/// On a terminal, chains wrap to its width between handoffs and continue
/// under the chain; piped, each person stays on one line. The terminal is
/// a pseudo-terminal made by `script` (util-linux), 100 columns wide.
#[test]
fn chains_wrap_to_the_terminal() {
    let has_script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("skipped: `script` (util-linux) is not installed, so no terminal to test in");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_chain");
    let command =
        format!("stty rows 40 cols 100; {bin} map examples/media-team.toml --color never");
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("script runs");
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.iter().all(|l| l.chars().count() <= 100), "{text}");
    let director = lines
        .iter()
        .position(|l| l.starts_with("director"))
        .expect("director's row");
    assert_eq!(
        lines[director + 1],
        "                         ─(information, to av-tech)→ Bartholomew Ode"
    );
    let piped = chain(&["map", "examples/media-team.toml"]).stdout;
    assert!(piped.lines().any(|l| l.chars().count() > 100));
    assert_eq!(piped.lines().count(), 11);
}
