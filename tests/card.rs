//! `chain card`: snapshots of a person's, a role's and an external
//! customer's card, agreement with `chain map --depth 1`, hostile strings
//! in every format, and the handbook `--all -o DIR` writes.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::util::{chain, json};

const MEDIA: &str = "examples/media-team.toml";
const HOSTILE: &str = "tests/fixtures/card-hostile.toml";

/// The files whose every card is checked against `chain map`.
const AGREEING: [&str; 5] = [
    "examples/media-team.toml",
    "examples/media-team-next.toml",
    "examples/assembly-line.toml",
    "examples/college-office.toml",
    "tests/fixtures/card-edges.toml",
];

/// `chain card FILE ID --format FORMAT`, which must succeed quietly.
fn card(file: &str, id: &str, format: &str) -> String {
    let run = chain(&["card", file, id, "--format", format]);
    assert_eq!(
        run.code, 0,
        "card {file} {id} --format {format}: {}",
        run.stderr
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
}

/// A person's, a role's and an external customer's card on the media team
/// example, as text, Markdown and JSON (and the person's as HTML).
#[test]
fn snapshots() {
    for id in ["wren", "av-tech", "students"] {
        for format in ["text", "markdown", "json"] {
            insta::assert_snapshot!(format!("{id}_{format}"), card(MEDIA, id, format));
        }
    }
    insta::assert_snapshot!("wren_html", card(MEDIA, "wren", "html"));
}

/// Every id a team file declares.
fn ids(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(file).expect("the file reads");
    let table: toml::Table = text.parse().expect("TOML");
    ["people", "roles", "external"]
        .iter()
        .filter_map(|kind| table.get(*kind)?.as_table())
        .flat_map(|t| t.keys().cloned())
        .collect()
}

/// The ids of the parties a card's list stands for, as `chain map` lists
/// them: a person or an external customer itself, an occupied role its
/// holders, a vacant role itself when work is handed to it and nobody
/// when it is the giver (it hands nothing on); never the card's own id.
fn expanded(list: &Value, me: &str, giving: bool) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for entry in list.as_array().expect("a list") {
        let id = entry["id"].as_str().expect("an id").to_string();
        match (entry["kind"].as_str(), entry["vacant"].as_bool()) {
            (Some("role"), Some(true)) if giving => {}
            (Some("role"), Some(false)) => {
                let holders = entry["holders"].as_array().expect("holders");
                ids.extend(holders.iter().filter_map(|h| h.as_str().map(String::from)));
            }
            _ => {
                ids.insert(id);
            }
        }
    }
    ids.remove(me);
    ids
}

/// The ids `chain map FILE ID --depth 1` lists (`--upstream` when `up`).
fn mapped(file: &str, id: &str, up: bool) -> BTreeSet<String> {
    let mut args = vec!["map", file, id, "--depth", "1", "--format", "json"];
    if up {
        args.push("--upstream");
    }
    let run = chain(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let key = if up { "upstream" } else { "serves" };
    json(&run)[key]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|p| p["id"].as_str().map(String::from))
        .collect()
}

/// For every party of every example and of a file of awkward cases, the
/// customers a card lists are exactly whom `chain map ID --depth 1` says
/// it serves, and its suppliers exactly who `--upstream --depth 1` says
/// serve it. A vacant role's customers are what it would hand on if held:
/// it hands nothing on, and `chain map` lists nobody.
#[test]
fn customers_and_suppliers_agree_with_map() {
    let mut checked = 0;
    for file in AGREEING {
        for id in ids(file) {
            let doc: Value = serde_json::from_str(&card(file, &id, "json")).expect("JSON");
            let vacant = doc["vacant"].as_bool() == Some(true);
            if doc["kind"] != "external" && !vacant {
                let customers = expanded(&doc["customers"], &id, false);
                assert_eq!(
                    customers,
                    mapped(file, &id, false),
                    "{file}: {id}'s customers"
                );
            }
            let suppliers = expanded(&doc["suppliers"], &id, true);
            assert_eq!(
                suppliers,
                mapped(file, &id, true),
                "{file}: {id}'s suppliers"
            );
            checked += 1;
        }
    }
    assert!(checked > 60, "only {checked} cards checked");
}

/// No control character, bidi override or other character a terminal or
/// a reader would take for more than text reaches the output raw.
fn assert_no_raw_controls(out: &str, what: &str) {
    let bad = out
        .chars()
        .find(|&c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c));
    assert_eq!(bad, None, "{what} holds a raw control character:\n{out}");
}

/// Hostile names, titles, teams and notes (Markdown, HTML, mentions,
/// control characters, newlines) stay text: nothing raw reaches a
/// terminal, every Markdown table row keeps its four cells, no tag, link
/// or mention survives in Markdown or HTML, and JSON gives the strings
/// back exactly.
#[test]
fn hostile_strings_are_inert() {
    for id in ["a", "a b", "a/b", "A", "../../evil", ".hidden"] {
        let text = card(HOSTILE, id, "text");
        assert_no_raw_controls(&text, "text");
        assert!(text.contains("\\u{"), "{text}");

        let md = card(HOSTILE, id, "markdown");
        assert_no_raw_controls(&md, "markdown");
        assert_markdown_inert(&md, false);

        let html = card(HOSTILE, id, "html");
        assert_no_raw_controls(&html, "html");
        assert_html_inert(&html);
    }
    let doc: Value = serde_json::from_str(&card(HOSTILE, "a", "json")).expect("JSON");
    let name = "Ana \u{202e}evil\u{202c} \u{7} <em onclick=\"x\">'quoted'</em>";
    assert_eq!(doc["name"], name);
    assert_eq!(doc["team"], "</td></tr></table><h1>team</h1>");
    let note = "<script>alert('note')</script> ]]> -->";
    assert_eq!(doc["customers"][0]["note"], note);
    assert_eq!(
        doc["customers"][1]["note"],
        "line one\nline two | not a cell"
    );
}

/// Every table row has exactly its four cells, and no tag, link, image,
/// code span, emphasis or mention from the file is left for a Markdown
/// reader (GitHub's) to act on: each such character is escaped, each
/// mention, reference and bare link broken by an empty comment. `links`:
/// the card's own links to other cards are allowed.
fn assert_markdown_inert(md: &str, links: bool) {
    for line in md.lines().filter(|l| l.starts_with('|')) {
        assert_eq!(
            unescaped(line, '|'),
            5,
            "a row of other than four cells: {line}"
        );
    }
    let mut text = md.replace("<!-- -->", "");
    let mut syntax = vec!['<', '>', '`', '_', '~', '&', '$', '!'];
    if links {
        text = without_destinations(&text);
    } else {
        syntax.extend(['[', ']']);
    }
    for c in syntax {
        assert_eq!(unescaped(&text, c), 0, "markdown keeps {c:?} raw:\n{md}");
    }
    let own = text.replace("**no cover**", "").replace("**None**", "");
    assert_eq!(unescaped(&own, '*'), 0, "markdown keeps `*` raw:\n{md}");
    for raw in ["@everyone", "@octocat", "@acme", "#12", "GH-7", "https://"] {
        assert!(!md.contains(raw), "markdown keeps {raw:?} raw:\n{md}");
    }
}

/// `md` without the destinations of its links to cards: `](person-a_b.md)`
/// becomes `]`.
fn without_destinations(md: &str) -> String {
    let mut out = String::new();
    let mut rest = md;
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let end = after.find(')').unwrap_or(after.len());
        let file = &after[..end];
        let is_card = file.ends_with(".md") && !file.contains(['/', ' ']);
        out.push_str(&rest[..at + 1]);
        rest = if is_card {
            &after[(end + 1).min(after.len())..]
        } else {
            &rest[at + 1..]
        };
    }
    out.push_str(rest);
    out
}

/// How many times `c` occurs in `s` without a backslash before it.
fn unescaped(s: &str, c: char) -> usize {
    let mut escaped = false;
    let mut count = 0;
    for x in s.chars() {
        if x == c && !escaped {
            count += 1;
        }
        escaped = x == '\\' && !escaped;
    }
    count
}

/// The page's only tags are its own, with only its own attributes (none
/// fetches anything or runs a script), and the browser is told to fetch
/// nothing.
fn assert_html_inert(html: &str) {
    let own = [
        "!DOCTYPE", "html", "/html", "head", "/head", "meta", "title", "/title", "style", "/style",
        "body", "/body", "main", "/main", "h1", "/h1", "h2", "/h2", "p", "/p", "section",
        "/section", "table", "/table", "thead", "/thead", "tbody", "/tbody", "tr", "/tr", "th",
        "/th", "td", "/td", "ul", "/ul", "li", "/li", "span", "/span", "a", "/a",
    ];
    let attributes = [
        "html",
        "lang",
        "charset",
        "http-equiv",
        "content",
        "name",
        "class",
        "href",
    ];
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        let (name, rest) = tag.split_once(' ').unwrap_or((tag, ""));
        assert!(own.contains(&name), "a tag <{tag}> in:\n{html}");
        for attribute in attribute_names(rest) {
            assert!(attributes.contains(&attribute), "<{tag}> in:\n{html}");
        }
        assert!(!tag.contains("href=\"http"), "<{tag}>");
    }
    assert!(html.contains("content=\"default-src 'none'"), "{html}");
}

/// The names of the attributes in a tag's text after its name: each is
/// `name` or `name="value"`.
fn attribute_names(mut rest: &str) -> Vec<&str> {
    let mut names = Vec::new();
    loop {
        rest = rest.trim_start();
        let end = rest.find(['=', ' ']).unwrap_or(rest.len());
        if end == 0 {
            return names;
        }
        names.push(&rest[..end]);
        rest = &rest[end..];
        if let Some(value) = rest.strip_prefix("=\"") {
            rest = value.split_once('"').map_or("", |(_, after)| after);
        }
    }
}

/// Every file in `dir`, by name.
fn files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("the directory reads")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// `--all -o DIR` creates DIR and writes the index and a card per person,
/// role and external customer, each linking to the others; a second run
/// refuses to replace any of them and changes nothing, and `--force`
/// replaces them.
#[test]
fn all_writes_a_handbook_and_never_overwrites() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("handbook");
    let out = dir.to_str().expect("a UTF-8 path");
    let run = chain(&["card", MEDIA, "--all", "-o", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("wrote 15 cards and index.md"),
        "{}",
        run.stderr
    );
    let expected: BTreeSet<String> = [
        "index",
        "person-bartholomew",
        "person-director",
        "person-fitzgerald",
        "person-halvorsen",
        "person-mei-lin",
        "person-okonkwo",
        "person-suvi",
        "person-wren",
        "role-av-tech",
        "role-captioner",
        "role-coordinator",
        "role-faculty",
        "role-producer",
        "external-accreditor",
        "external-students",
    ]
    .iter()
    .map(|n| format!("{n}.md"))
    .collect();
    assert_eq!(files(&dir), expected);
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect("a card");
    assert!(read("index.md").contains("[Wren Castellano](person-wren.md) (wren)"));
    let wren = read("person-wren.md");
    assert!(
        wren.contains("[AV technician](role-av-tech.md) (av-tech)"),
        "{wren}"
    );
    assert!(wren.starts_with("# Wren Castellano (wren)\n"), "{wren}");

    std::fs::write(dir.join("person-wren.md"), "my notes").expect("written");
    let again = chain(&["card", MEDIA, "--all", "-o", out]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again.stderr.contains("already; nothing was written"),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(read("person-wren.md"), "my notes");

    let forced = chain(&["card", MEDIA, "--all", "-o", out, "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(read("person-wren.md"), wren);
    std::fs::write(dir.join("my-notes.txt"), "mine").expect("written");
    let html = chain(&["card", MEDIA, "--all", "-o", out, "--format", "html"]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    assert!(files(&dir).contains("person-wren.html"));
    assert_eq!(read("my-notes.txt"), "mine");
}

/// Ids that would be unsafe file names (separators, `..`, a leading dot,
/// two ids that differ only in case or in a character a name cannot hold)
/// give distinct, safe names, all inside DIR.
#[test]
fn hostile_ids_get_safe_distinct_file_names() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("cards");
    let run = chain(&["card", HOSTILE, "--all", "-o", dir.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(files(tmp.path()), BTreeSet::from(["cards".to_string()]));
    let names = files(&dir);
    // Three people, two roles, two external customers and the index.
    assert_eq!(names.len(), 8, "{names:?}");
    let folded: BTreeSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(folded.len(), names.len(), "{names:?}");
    for name in &names {
        let safe = name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
        assert!(
            safe && !name.starts_with('.') && !name.contains(".."),
            "{name}"
        );
    }
    assert!(
        names.contains("person-a.md") && names.contains("person-a_b.md"),
        "{names:?}"
    );
    let index = std::fs::read_to_string(dir.join("index.md")).expect("the index");
    assert_markdown_inert(&index, true);
    for name in &names {
        let target = format!("]({name})");
        assert!(
            name == "index.md" || index.contains(&target),
            "{name} unlinked:\n{index}"
        );
    }
}

/// A DIR that is a symbolic link is refused, and nothing is written where
/// it leads, unless `--follow-symlinks`; so is a card that is a link, even
/// with `--force`.
#[cfg(unix)]
#[test]
fn all_refuses_symbolic_links() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let real = tmp.path().join("real");
    std::fs::create_dir(&real).expect("a folder");
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&real, &link).expect("a link");
    let out = link.to_str().expect("UTF-8");
    for given in [out.to_string(), format!("{out}/")] {
        let run = chain(&["card", MEDIA, "--all", "-o", &given]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
        assert!(files(&real).is_empty());
    }
    let run = chain(&["card", MEDIA, "--all", "-o", out, "--follow-symlinks"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(files(&real).len(), 16);

    let dir = tmp.path().join("plain");
    std::fs::create_dir(&dir).expect("a folder");
    let victim = tmp.path().join("victim.txt");
    std::fs::write(&victim, "keep").expect("written");
    std::os::unix::fs::symlink(&victim, dir.join("person-wren.md")).expect("a link");
    let run = chain(&[
        "card",
        MEDIA,
        "--all",
        "-o",
        dir.to_str().expect("UTF-8"),
        "--force",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&victim).ok().as_deref(),
        Some("keep")
    );
    assert_eq!(files(&dir).len(), 1);
}

/// An unknown id is refused with a suggestion; an invalid file, a missing
/// id, `--all` with a format it cannot write, and an id with the options
/// of `--all` are refused too, and nothing is written.
#[test]
fn bad_input_is_refused() {
    let run = chain(&["card", MEDIA, "wrne"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `wren`"), "{}", run.stderr);
    let run = chain(&["card", "tests/fixtures/unknown-ids.toml", "wren"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = chain(&["card", MEDIA]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path().to_str().expect("UTF-8");
    let run = chain(&["card", MEDIA, "--all", "-o", out, "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("Markdown or HTML"), "{}", run.stderr);
    assert!(files(tmp.path()).is_empty());
    for args in [
        &["card", MEDIA, "wren", "--all", "-o", out][..],
        &["card", MEDIA, "wren", "-o", out],
        &["card", MEDIA, "wren", "--force"],
    ] {
        let run = chain(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(files(tmp.path()).is_empty());
    }
}

/// A person whose work stops at a vacancy is told which, in every format.
#[test]
fn a_stopped_chain_names_the_vacancy() {
    let text = "[external.buyer]\npays = true\n[roles.qa]\nhands_to = [\"buyer\"]\n\
                [people.ana]\nhands_to = [{ to = \"qa\", what = \"product\" }]\n";
    let run = crate::util::chain_on(text, &["card", "-", "ana"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("the work stops at vacant qa"),
        "{}",
        run.stdout
    );
    let run = crate::util::chain_on(text, &["card", "-", "ana", "--format", "json"]);
    let doc = json(&run);
    assert_eq!(doc["route"]["stopped_at"], serde_json::json!(["qa"]));
    assert_eq!(doc["route"]["distance"], Value::Null);
    let run = crate::util::chain_on(text, &["card", "-", "qa", "--format", "json"]);
    let doc = json(&run);
    assert_eq!(doc["stops_work_of"]["count"], 1);
    assert_eq!(doc["stops_work_of"]["shown"][0]["id"], "ana");
}

/// Who relies on a person is who `chain check` says they are a single
/// point for: as many people, the same nearest ones first, on every
/// person of every example.
#[test]
fn relied_on_by_agrees_with_single_points() {
    for file in AGREEING {
        let run = chain(&["check", file, "--warn", "single-point", "--format", "json"]);
        let report = json(&run);
        for id in ids(file) {
            let doc: Value = serde_json::from_str(&card(file, &id, "json")).expect("JSON");
            if doc["kind"] != "person" {
                continue;
            }
            let finding = report["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .find(|f| f["code"] == "single-point" && f["ids"][0] == id.as_str());
            let relied = &doc["relied_on_by"];
            let shown: Vec<&str> = relied["shown"]
                .as_array()
                .expect("a list")
                .iter()
                .filter_map(|p| p["id"].as_str())
                .collect();
            let Some(finding) = finding else {
                assert_eq!(relied["count"], 0, "{file}: {id}");
                continue;
            };
            let named: Vec<&str> = finding["ids"].as_array().expect("ids")[1..]
                .iter()
                .filter_map(|v| v.as_str())
                .collect();
            assert_eq!(&shown[..named.len()], named, "{file}: {id}");
            let count = relied["count"].as_u64().expect("a count");
            let said = format!("single point for {count} ");
            let message = finding["message"].as_str().unwrap_or_default();
            assert!(
                message.contains(&said),
                "{file}: {id}: {count} vs {message}"
            );
        }
    }
}

/// On a line of people, the last before the customer is relied on by
/// everyone before them: the card counts them all and names the nearest
/// ten, nearest first.
#[test]
fn relied_on_by_is_bounded_and_nearest_first() {
    let ids: Vec<String> = (0..30).map(|i| format!("p{i:02}")).collect();
    let text = crate::util::line_org(&ids, "buyer");
    let run = crate::util::chain_on(&text, &["card", "-", "p29", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run);
    assert_eq!(doc["relied_on_by"]["count"], 29);
    let shown: Vec<&str> = doc["relied_on_by"]["shown"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(
        shown,
        [
            "p28", "p27", "p26", "p25", "p24", "p23", "p22", "p21", "p20", "p19"
        ]
    );
    let run = crate::util::chain_on(&text, &["card", "-", "p29"]);
    assert!(run.stdout.contains("and 19 more"), "{}", run.stdout);
}

/// The card the README shows is the card chain writes today.
#[test]
fn readme_shows_the_current_card() {
    let readme = std::fs::read_to_string("README.md").expect("the README reads");
    let shown = format!(
        "$ chain card {MEDIA} wren\n{}```",
        card(MEDIA, "wren", "text")
    );
    assert!(
        readme.contains(&shown),
        "the README's card of wren is out of date"
    );
}
