//! `chain import`: draft team files from messy real-world rosters
//! (`tests/fixtures/roster/`: a byte order mark and semicolons, quoted
//! commas and line breaks, emails as ids, split names, hostile cells),
//! each round-tripped through `chain check` and `chain map`; refusals with
//! the roster's line numbers; never a file overwritten or half-written;
//! `--merge`; and a 5,000-row roster.

use serde_json::Value;

use crate::util::{chain, chain_on, json};

const DIR: &str = "tests/fixtures/roster";

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// Imports `name` to standard output, which must work.
fn import(name: &str) -> String {
    let run = chain(&["import", &fixture(name)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

/// `chain check -` on `text` as JSON: the report, which must have no error.
fn check_clean(text: &str) -> Value {
    let run = chain_on(text, &["check", "-", "--format", "json"]);
    assert_eq!(run.code, 0, "{}\n{text}", run.stdout);
    let report = json(&run);
    assert_eq!(report["summary"]["errors"], 0, "{report}");
    report
}

/// The people of `text`'s map: (id, name, team, roles).
fn people(text: &str) -> Vec<(String, String, String, Vec<String>)> {
    let run = chain_on(text, &["map", "-", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    json(&run)["people"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            let roles = p["roles"].as_array().into_iter().flatten().map(s).collect();
            (s(&p["id"]), s(&p["name"]), s(&p["team"]), roles)
        })
        .collect()
}

/// The ids of the people each person hands work to, as `(from, to)`.
fn handoffs(text: &str) -> Vec<(String, String)> {
    let run = chain_on(text, &["graph", "-", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let id = |v: &Value| {
        let s = v.as_str().unwrap_or_default();
        s.strip_prefix("person:").unwrap_or(s).to_string()
    };
    let mut pairs: Vec<(String, String)> = json(&run)["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| (id(&e["from"]), id(&e["to"])))
        .collect();
    pairs.sort();
    pairs
}

/// An Excel export: byte order mark, semicolons, CRLF, a quoted `;` in a
/// name and a title, managers named by name and by email, an unknown
/// column. The draft passes `chain check` with warnings only, and says
/// what it did and what it ignored.
#[test]
fn drafts_from_an_excel_export() {
    let run = chain(&["import", &fixture("export-semicolon.csv")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("ignored columns: `Start date`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("drafted 6 people, 5 roles and 5 handoffs"),
        "{}",
        run.stderr
    );
    let text = run.stdout;
    assert!(!text.starts_with('\u{feff}'));
    let report = check_clean(&text);
    assert!(report["summary"]["warnings"].as_u64() > Some(0), "{report}");
    let found = people(&text);
    let bart = found.iter().find(|p| p.0 == "bartholomew-ode");
    assert_eq!(
        bart.map(|p| (p.1.as_str(), p.2.as_str(), p.3.clone())),
        Some((
            "Ode; Bartholomew",
            "Media",
            vec!["av-technician".to_string()]
        ))
    );
    // `AV technician` and `AV Technician` are one title, one role.
    let av = found.iter().filter(|p| p.3 == ["av-technician"]).count();
    assert_eq!(av, 2);
    assert!(text.contains("title = \"Producer; lectures\""), "{text}");
    let to_manager = handoffs(&text);
    for pair in [
        ("bartholomew-ode", "wren-castellano"),
        ("wren-castellano", "imogen-sallow"),
        ("jose-nunez", "imogen-sallow"),
    ] {
        assert!(
            to_manager.contains(&(pair.0.into(), pair.1.into())),
            "{pair:?} in {to_manager:?}"
        );
    }
    assert!(text.contains("# generated: to the manager on the roster"));
    assert!(
        text.contains("[external.students]"),
        "the header says what to add"
    );
}

/// Quoted commas and line breaks, a blank line and a row of empty cells,
/// two people of one name (numbered), a manager written with other case
/// and spacing.
#[test]
fn drafts_from_quoted_cells() {
    let text = import("staff-quoted.csv");
    check_clean(&text);
    let ids: Vec<String> = people(&text).into_iter().map(|p| p.0).collect();
    assert_eq!(
        ids,
        [
            "alex-kim",
            "alex-kim-2",
            "castellano-wren",
            "mei-lin-zhao",
            "rory-fitz-fitzgerald"
        ]
    );
    assert!(
        text.contains("name = \"Rory \\\"Fitz\\\" Fitzgerald\""),
        "{text}"
    );
    assert!(
        handoffs(&text).contains(&("mei-lin-zhao".into(), "castellano-wren".into())),
        "{text}"
    );
}

/// Emails in the id column give their local part; a manager's email is
/// matched whatever its case; first and last names in two columns.
#[test]
fn ids_from_emails_and_split_names() {
    let text = import("emails-as-ids.csv");
    check_clean(&text);
    let ids: Vec<String> = people(&text).into_iter().map(|p| p.0).collect();
    assert_eq!(ids, ["ana-ruiz", "hettie-marsh", "k-mensah", "kofi-mensah"]);
    assert!(handoffs(&text).contains(&("k-mensah".into(), "ana-ruiz".into())));
    let split = import("split-names.csv");
    check_clean(&split);
    let found = people(&split);
    assert_eq!(found.first().map(|p| p.1.as_str()), Some("Signe Dahl"));
    assert!(handoffs(&split).contains(&("yusra-haddad".into(), "signe-dahl".into())));
}

/// Formula prefixes, markup, escape sequences, bidirectional overrides,
/// quotes, backslashes, a line break in a team, a 10,000-character name
/// and a 5,000-character title: every id is a short bare key, every string
/// reads back exactly, and nothing unsafe is left raw in the TOML.
#[test]
fn hostile_cells_round_trip() {
    let text = import("hostile.csv");
    check_clean(&text);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "raw controls"
    );
    let mut reader = csv::Reader::from_path(fixture("hostile.csv")).expect("the fixture reads");
    let rows: Vec<csv::StringRecord> = reader.records().map_while(Result::ok).collect();
    let found = people(&text);
    assert_eq!(found.len(), rows.len());
    for row in &rows {
        let name = row.get(0).unwrap_or_default();
        let person = found.iter().find(|p| p.1 == name);
        let person = person.unwrap_or_else(|| panic!("{name:?} is in the draft"));
        assert_eq!(person.2, row.get(2).unwrap_or_default(), "{name:?}'s team");
        let id = &person.0;
        assert!(
            !id.is_empty()
                && id.len() <= 40
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{id:?}"
        );
        assert!(
            text.contains(&format!("[people.{id}]")),
            "{id} is a bare key"
        );
    }
    let doc: toml::Table = text.parse().expect("the draft is TOML");
    let mut titles: Vec<&str> = doc["roles"]
        .as_table()
        .into_iter()
        .flat_map(|roles| roles.values())
        .filter_map(|r| r.get("title")?.as_str())
        .collect();
    let mut expected: Vec<&str> = rows.iter().filter_map(|r| r.get(1)).collect();
    titles.sort_unstable();
    expected.sort_unstable();
    assert_eq!(titles, expected);
}

/// With `-o` the file is written once, and never over an existing file
/// (which keeps its contents); standard output stays empty.
#[test]
fn writes_a_new_file_only() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("team.toml");
    let out = path.to_str().unwrap_or_default();
    let run = chain(&["import", &fixture("staff-quoted.csv"), "-o", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains(&format!("next: `chain check {out}`")),
        "{}",
        run.stderr
    );
    let written = std::fs::read_to_string(&path).expect("written");
    let again = chain(&["import", &fixture("export-semicolon.csv"), "-o", out]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&path).ok(), Some(written));
}

/// A roster chain cannot use is refused with every problem at its line
/// and column, exit 2, and nothing written.
#[test]
fn unusable_rosters_are_refused_with_lines() {
    let cases: &[(&str, &[&str])] = &[
        (
            "missing-managers.csv",
            &[
                "missing-managers.csv:2:48",
                "the manager of `Ana Ruiz`, `Vera Lund`, is not on the roster",
                "missing-managers.csv:4:47",
                "the roster has 2 problems; nothing was done",
            ],
        ),
        (
            "bad-rows.csv",
            &[
                "bad-rows.csv:3:4",
                "this row has no name",
                "bad-rows.csv:4:4",
                "two people have the id `E1`",
                "bad-rows.csv:5:4",
                "two people have the email `ANA@example.org`",
            ],
        ),
        (
            "no-name-column.csv",
            &[
                "the roster has no column of names",
                "no-name-column.csv:1:1",
                "`--column name=HEADER`",
            ],
        ),
        ("latin1.csv", &["is not UTF-8: line 2", "CSV UTF-8"]),
    ];
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, expected) in cases {
        let path = dir.path().join(format!("{name}.toml"));
        let out = path.to_str().unwrap_or_default();
        let run = chain(&["import", &fixture(name), "-o", out]);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        for text in *expected {
            assert!(
                run.stderr.contains(text),
                "{name}: {text} in\n{}",
                run.stderr
            );
        }
        assert!(run.stdout.is_empty());
        assert!(!path.exists(), "{name}: nothing is written");
    }
}

/// Empty and header-only rosters, a `--column` naming no header, and a
/// bad `--column` value.
#[test]
fn edge_rosters_and_columns() {
    let empty = chain_on("", &["import", "-"]);
    assert_eq!(empty.code, 2);
    assert!(empty.stderr.contains("no header line"), "{}", empty.stderr);
    let header_only = chain_on("name,team\n", &["import", "-"]);
    assert_eq!(header_only.code, 0, "{}", header_only.stderr);
    assert!(
        header_only.stderr.contains("drafted 0 people"),
        "{}",
        header_only.stderr
    );
    let no_such = chain_on("name\nAna\n", &["import", "-", "--column", "team=Unit"]);
    assert_eq!(no_such.code, 2);
    assert!(
        no_such.stderr.contains("no column `Unit`"),
        "{}",
        no_such.stderr
    );
    let bad = chain(&["import", "x.csv", "--column", "nmae=Name"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("did you mean `name`"), "{}", bad.stderr);
}

/// `--column` names the columns the headers do not say.
#[test]
fn columns_can_be_named() {
    let run = chain(&[
        "import",
        &fixture("no-name-column.csv"),
        "--column",
        "name=preferred",
        "--column",
        "manager=Boss",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    check_clean(&run.stdout);
    assert!(handoffs(&run.stdout).contains(&("kofi".into(), "ana".into())));
}

/// `--merge` keeps the file byte for byte and appends the joiners (one
/// reusing an existing role by title, one with a new role, one reporting
/// to a person already in the file), lists the leavers without removing
/// them, and the result checks as the file did.
#[test]
fn merge_adds_joiners_and_lists_leavers() {
    let original = "# Our team, by hand.\n[external.students]\npays = true\n\n\
                    [roles.av]\ntitle = \"AV technician\"\nhands_to = [\"students\"]   # kept\n\n\
                    [people.wren]\nname = \"Wren Castellano\"\nhands_to = [\"students\"]\n\n\
                    [people.gone]\nname = \"Old Timer\"\nroles = [\"av\"]";
    let roster = "name,title,manager\nWren Castellano,Coordinator,\n\
                  Suvi Haapala,AV Technician,Wren Castellano\nSam Okafor,Caption writer,Suvi Haapala\n";
    let dir = tempfile::tempdir().expect("a temporary directory");
    let team = dir.path().join("team.toml");
    std::fs::write(&team, original).expect("write");
    let run = chain_on(
        roster,
        &["import", "-", "--merge", team.to_str().unwrap_or_default()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let merged = run.stdout;
    assert!(merged.starts_with(original), "{merged}");
    assert!(run.stderr.contains("added 2 people"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("1 person in the file and not on the roster, left in place")
            && run.stderr.contains("`gone` (Old Timer)"),
        "{}",
        run.stderr
    );
    let found = people(&merged);
    let roles_of = |id: &str| found.iter().find(|p| p.0 == id).map(|p| p.3.clone());
    assert_eq!(roles_of("suvi-haapala"), Some(vec!["av".to_string()]));
    assert_eq!(
        roles_of("sam-okafor"),
        Some(vec!["caption-writer".to_string()])
    );
    assert!(roles_of("gone").is_some(), "leavers stay");
    let pairs = handoffs(&merged);
    assert!(
        pairs.contains(&("suvi-haapala".into(), "wren".into())),
        "{pairs:?}"
    );
    assert!(pairs.contains(&("sam-okafor".into(), "suvi-haapala".into())));
    assert!(
        !merged.contains("Coordinator"),
        "Wren is in the file: nothing added for her"
    );
    let check = chain_on(&merged, &["check", "-"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert_eq!(
        std::fs::read_to_string(&team).ok().as_deref(),
        Some(original)
    );
}

/// A merge refuses a team file that does not load, and writes nothing.
#[test]
fn merge_refuses_an_invalid_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let team = dir.path().join("team.toml");
    std::fs::write(&team, "[people.a]\nroles = [\"nope\"]\n").expect("write");
    let run = chain_on(
        "name\nAna\n",
        &["import", "-", "--merge", team.to_str().unwrap_or_default()],
    );
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("unknown role `nope`"), "{}", run.stderr);
}

/// A 5,000-row roster (50 teams, a manager per team, repeated names)
/// drafts a file that checks clean and maps every person, quickly.
#[test]
fn five_thousand_rows() {
    let mut roster = String::from("Employee ID,Full name,Email,Job title,Department,Manager\n");
    for i in 0..5000 {
        let team = i / 100;
        let lead = team * 100;
        let manager = if i == lead {
            String::new()
        } else {
            format!("e{lead:05}")
        };
        roster.push_str(&format!(
            "e{i:05},\"Person {}, {}\",p{i}@example.org,Title {},Team {team},{manager}\n",
            i % 700,
            ["Ana", "Bo", "Cy"][i % 3],
            i % 37
        ));
    }
    let started = std::time::Instant::now();
    let run = chain_on(&roster, &["import", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    assert!(
        run.stderr
            .contains("drafted 5000 people, 37 roles and 4950 handoffs")
    );
    check_clean(&run.stdout);
    assert_eq!(people(&run.stdout).len(), 5000);
}
