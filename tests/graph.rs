//! `chain graph`: what the picture holds (nodes, cards, merged edges,
//! clusters), the collapsed views, the edge limit, and the DOT and Mermaid
//! of one example as snapshots.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{chain, chain_on, json};

pub(crate) const MEDIA: &str = "examples/media-team.toml";

/// `chain graph` as JSON on a file.
pub(crate) fn picture(file: &str, args: &[&str]) -> Value {
    let mut all = vec!["graph", file, "--format", "json"];
    all.extend_from_slice(args);
    let run = chain(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run)
}

/// `chain graph` as JSON on a team file given as text.
pub(crate) fn picture_of(text: &str, args: &[&str]) -> Value {
    let mut all = vec!["graph", "-", "--format", "json"];
    all.extend_from_slice(args);
    let run = chain_on(text, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run)
}

/// The ids of the nodes.
pub(crate) fn node_ids(doc: &Value) -> BTreeSet<String> {
    list(doc, "nodes").iter().map(|n| text(&n["id"])).collect()
}

/// The edges as `from -> to: what, what`.
pub(crate) fn edges(doc: &Value) -> BTreeSet<String> {
    list(doc, "edges")
        .iter()
        .map(|e| {
            let what: Vec<String> = e["what"]
                .as_array()
                .into_iter()
                .flatten()
                .map(text)
                .collect();
            format!(
                "{} -> {}: {}",
                text(&e["from"]),
                text(&e["to"]),
                what.join(", ")
            )
        })
        .collect()
}

pub(crate) fn node<'a>(doc: &'a Value, id: &str) -> &'a Value {
    list(doc, "nodes")
        .iter()
        .find(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("node `{id}` in {doc}"))
}

pub(crate) fn list<'a>(doc: &'a Value, key: &str) -> &'a Vec<Value> {
    doc[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is a list in {doc}"))
}

/// Asserts that `text` (usually a run's stderr) says each of `parts`.
pub fn says(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "`{part}` in:\n{text}");
    }
}

pub(crate) fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

pub(crate) fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

/// Every person, role and external customer is a node; a role's handoff
/// is one edge from the role, however many hold it, and a person's own
/// handoffs leave from the person, who is a row of their first role's card.
#[test]
fn each_handoff_is_drawn_once() {
    let doc = picture(MEDIA, &[]);
    assert_eq!(
        node_ids(&doc),
        set(&[
            "person:bartholomew",
            "person:director",
            "person:fitzgerald",
            "person:halvorsen",
            "person:mei-lin",
            "person:okonkwo",
            "person:suvi",
            "person:wren",
            "role:av-tech",
            "role:captioner",
            "role:coordinator",
            "role:faculty",
            "role:producer",
            "external:accreditor",
            "external:students",
        ])
    );
    let all = edges(&doc);
    // 14 handoffs in the file, one of them Okonkwo's to himself.
    assert_eq!(all.len(), 13, "{all:#?}");
    for edge in [
        "person:wren -> role:av-tech: information",
        "role:coordinator -> person:director: information",
        "person:okonkwo -> role:captioner: materials",
        "role:captioner -> role:producer: materials",
        "role:faculty -> external:students: instruction",
        "role:av-tech -> role:faculty: assistance",
    ] {
        assert!(all.contains(edge), "{edge} in {all:#?}");
    }
    assert!(
        list(&doc, "edges")
            .iter()
            .all(|e| e["handoffs"] == 1 && e["from"] != e["to"])
    );
    assert_eq!(node(&doc, "person:wren")["card"], "role:coordinator");
    assert_eq!(node(&doc, "person:director")["card"], Value::Null);
}

/// A vacant role is drawn with its declared handoffs, marked as carrying
/// nothing: `dormant` in JSON, dashed and grey in DOT, dotted in Mermaid.
#[test]
fn a_vacant_roles_handoffs_carry_nothing() {
    let doc = picture(MEDIA, &[]);
    let dormant: BTreeSet<String> = list(&doc, "edges")
        .iter()
        .filter(|e| e["dormant"] == true)
        .map(|e| format!("{} -> {}", text(&e["from"]), text(&e["to"])))
        .collect();
    assert_eq!(dormant, set(&["role:captioner -> role:producer"]));
    let dot = chain(&["graph", MEDIA]).stdout;
    let line = dot
        .lines()
        .find(|l| l.contains("\"role:captioner\" -> "))
        .unwrap_or_default();
    says(
        line,
        &[
            "style=dashed",
            "carries nothing while nobody holds the role",
        ],
    );
    says(
        &dot,
        &[
            "vacant role: hands nothing on",
            "vacant role: its handoffs (dashed) carry nothing",
        ],
    );
    let mermaid = chain(&["graph", MEDIA, "--format", "mermaid"]).stdout;
    says(
        &mermaid,
        &[
            "role_captioner -.->|\"materials\"| role_producer",
            "person_okonkwo -->|\"materials\"| role_captioner",
        ],
    );
}

/// Nodes carry what a reader and a script need: label, kind, roles,
/// team, paying, vacant, distance, cluster, card, marks; edges their notes.
#[test]
fn json_fields() {
    let doc = picture(MEDIA, &[]);
    let wren = node(&doc, "person:wren");
    assert_eq!(wren["kind"], "person");
    assert_eq!(wren["key"], "wren");
    assert_eq!(wren["label"], "Wren Castellano\nMedia services coordinator");
    assert_eq!(wren["roles"], serde_json::json!(["coordinator"]));
    assert_eq!(wren["team"], "media");
    assert_eq!(wren["cluster"], Value::Null);
    assert_eq!(wren["card"], "role:coordinator");
    assert_eq!(wren["distance"], 3);
    assert_eq!(wren["marks"], serde_json::json!(["single-point"]));
    assert_eq!(node(&doc, "role:coordinator")["cluster"], "team:media");
    assert_eq!(node(&doc, "role:coordinator")["people"], 1);
    let students = node(&doc, "external:students");
    assert_eq!(students["pays"], true);
    assert_eq!(students["label"], "Distance students\npaying customer");
    assert_eq!(students["distance"], 0);
    let captioner = node(&doc, "role:captioner");
    assert_eq!(captioner["vacant"], true);
    assert_eq!(captioner["label"], "Caption writer\nvacant role");
    assert_eq!(captioner["marks"], serde_json::json!(["vacant"]));
    assert_eq!(
        doc["org"],
        "Kestrel Valley College: Distance Learning Media Services"
    );
    assert_eq!(
        doc["view"],
        serde_json::json!({"collapse": "none", "group_by": "team", "focus": null, "upstream": false, "depth": null, "chain": false, "highlight": true, "rankdir": "TB"})
    );
    let clusters: Vec<String> = list(&doc, "clusters")
        .iter()
        .map(|c| text(&c["id"]))
        .collect();
    assert_eq!(
        clusters,
        [
            "team:administration",
            "team:faculty",
            "team:it",
            "team:media"
        ]
    );
    let wren_to_av = list(&doc, "edges")
        .iter()
        .find(|e| e["from"] == "person:wren")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        wren_to_av["notes"],
        serde_json::json!([{"what": "information", "note": "the classroom recording schedule"}])
    );
}

const MERGE: &str = r#"
[external.buyer]
pays = true
[roles.maker]
hands_to = [{ to = "packer", what = "materials" }, { to = "packer", what = "information", note = "specs" }]
[roles.packer]
hands_to = [{ to = "buyer", what = "product" }]
[people.a]
roles = ["maker"]
hands_to = [{ to = "c", what = "materials", note = "specs" }, "c", { to = "a", what = "service" }]
[people.b]
roles = ["maker"]
[people.c]
roles = ["packer"]
[people.d]
roles = ["packer"]
"#;

/// Several handoffs between the same two nodes make one edge with every
/// `what`, in documentation order, and each note once; a role's handoffs
/// are one edge from the role, whoever holds it.
#[test]
fn handoffs_merge_and_roles_are_drawn_once() {
    let doc = picture_of(MERGE, &[]);
    assert_eq!(
        edges(&doc),
        set(&[
            "person:a -> person:c: materials",
            "role:maker -> role:packer: materials, information",
            "role:packer -> external:buyer: product",
        ])
    );
    let find = |from: &str| {
        list(&doc, "edges")
            .iter()
            .find(|e| e["from"] == from)
            .cloned()
            .unwrap_or_default()
    };
    // Two of the maker role's; two of a's own (one says no `what`).
    assert_eq!(find("role:maker")["handoffs"], 2);
    assert_eq!(find("person:a")["handoffs"], 2);
    assert_eq!(
        find("person:a")["notes"],
        serde_json::json!([{"what": "materials", "note": "specs"}])
    );
}

/// `--collapse roles`: one node per role (vacant or not), its people not
/// listed; people without roles stay; a person's own handoffs leave from
/// their first role.
#[test]
fn collapse_roles() {
    let doc = picture(MEDIA, &["--collapse", "roles"]);
    assert_eq!(
        node_ids(&doc),
        set(&[
            "person:director",
            "person:fitzgerald",
            "role:av-tech",
            "role:captioner",
            "role:coordinator",
            "role:faculty",
            "role:producer",
            "external:accreditor",
            "external:students",
        ])
    );
    assert_eq!(node(&doc, "role:av-tech")["people"], 2);
    assert_eq!(
        node(&doc, "role:av-tech")["label"],
        "AV technician\n2 people"
    );
    assert!(list(&doc, "nodes").iter().all(|n| n["card"].is_null()));
    let all = edges(&doc);
    for edge in [
        "role:av-tech -> role:producer: materials",
        "role:coordinator -> role:av-tech: information",
        "person:director -> role:coordinator: instruction",
        "role:producer -> role:captioner: materials",
        "role:faculty -> external:students: instruction",
    ] {
        assert!(all.contains(edge), "{edge} in {all:#?}");
    }
    assert_eq!(all.len(), 13, "{all:#?}");
    // Priyanka holds cashier and accounts-clerk: Benedikt's help to her
    // is drawn at her first role, cashier, which is his own: not drawn.
    let college = picture("examples/college-office.toml", &["--collapse", "roles"]);
    assert!(
        !edges(&college)
            .iter()
            .any(|e| e.starts_with("role:cashier -> role:cashier"))
    );
    assert!(edges(&college).contains("role:accounts-clerk -> person:registrar: participation"));
}

/// `--collapse teams`: one node per team; vacant roles and external
/// customers stay; work inside a team is not drawn.
#[test]
fn collapse_teams() {
    let doc = picture(MEDIA, &["--collapse", "teams"]);
    assert_eq!(
        node_ids(&doc),
        set(&[
            "team:administration",
            "team:faculty",
            "team:it",
            "team:media",
            "role:captioner",
            "external:accreditor",
            "external:students",
        ])
    );
    assert_eq!(node(&doc, "team:media")["people"], 4);
    assert_eq!(
        edges(&doc),
        set(&[
            "team:administration -> team:media: instruction",
            "team:faculty -> team:media: participation",
            "team:faculty -> external:students: instruction",
            "team:it -> team:media: service",
            "team:media -> team:administration: information",
            "team:media -> team:faculty: assistance",
            "team:media -> role:captioner: materials",
            "team:media -> external:accreditor: information",
            "team:media -> external:students: product",
            "role:captioner -> team:media: materials",
        ])
    );
    assert!(list(&doc, "clusters").is_empty());
}

/// `--group-by team` boxes people by team, and a role's card in the team
/// of all its holders (a role spread over teams stands outside); `role`
/// and `none` draw no team boxes, the cards still holding their people.
#[test]
fn group_by() {
    let doc = picture("examples/college-office.toml", &[]);
    assert_eq!(node(&doc, "role:cashier")["cluster"], "team:front-counter");
    assert_eq!(node(&doc, "role:accounts-clerk")["cluster"], Value::Null);
    assert_eq!(node(&doc, "person:registrar")["cluster"], "team:registrar");
    assert_eq!(node(&doc, "person:priyanka")["card"], "role:cashier");
    for by in ["role", "none"] {
        let doc = picture("examples/college-office.toml", &["--group-by", by]);
        assert!(list(&doc, "clusters").is_empty(), "{by}");
        assert!(list(&doc, "nodes").iter().all(|n| n["cluster"].is_null()));
        assert_eq!(node(&doc, "person:priyanka")["card"], "role:cashier");
        let dot = chain(&["graph", MEDIA, "--group-by", by]);
        assert!(!dot.stdout.contains("subgraph"), "{}", dot.stdout);
    }
}

/// `n` people, each handing work to every other: `n * (n - 1)` edges.
pub fn everyone_to_everyone(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let others: Vec<String> = (0..n)
            .filter(|&j| j != i)
            .map(|j| format!("\"p{j:03}\""))
            .collect();
        text.push_str(&format!(
            "[people.p{i:03}]\nhands_to = [{}]\n",
            others.join(", ")
        ));
    }
    text
}

/// Two roles of 1,500 people each, every person in a team of their own,
/// handing work to each other: by team, 2,250,000 edges each way.
fn two_big_roles() -> String {
    let mut text = String::from(
        "[external.buyer]\npays = true\n[roles.a]\nhands_to = [\"b\"]\n[roles.b]\nhands_to = [\"buyer\", \"a\"]\n",
    );
    for i in 0..3000 {
        let role = if i < 1500 { "a" } else { "b" };
        text.push_str(&format!(
            "[people.p{i}]\nroles = [\"{role}\"]\nteam = \"t{i}\"\n"
        ));
    }
    text
}

/// By default a picture has at most an edge per handoff, so two large
/// roles draw as two cards and three edges; by team they multiply out, and
/// a picture past the limit is refused before it is built, saying how big
/// it would be and what to do instead.
#[test]
fn too_many_edges_are_refused() {
    let text = two_big_roles();
    let roles = picture_of(&text, &[]);
    assert_eq!(
        edges(&roles),
        set(&[
            "role:a -> role:b: ",
            "role:b -> role:a: ",
            "role:b -> external:buyer: "
        ])
    );
    let run = chain_on(&text, &["graph", "-", "--collapse", "teams"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    says(
        &run.stderr,
        &[
            "up to 4501500 edges, more than the limit of 1000000",
            "--focus ID",
            "--max-edges N",
        ],
    );
    // 14 handoffs, one of them Okonkwo's to himself, which is counted but
    // never drawn: "up to".
    let small = chain(&["graph", MEDIA, "--max-edges", "13"]);
    assert_eq!(small.code, 2);
    says(
        &small.stderr,
        &["up to 14 edges, more than the limit of 13"],
    );
    assert_eq!(chain(&["graph", MEDIA, "--max-edges", "14"]).code, 0);
}

/// Above 500 edges, Mermaid output still comes whole, with a warning on
/// stderr that suggests drawing less.
#[test]
fn mermaid_warns_above_500_edges() {
    let text = everyone_to_everyone(26);
    let run = chain_on(&text, &["graph", "-", "--format", "mermaid"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().filter(|l| l.contains(" --> ")).count(),
        650
    );
    says(
        &run.stderr,
        &[
            "warning: the flowchart has 650 edges (Mermaid's `maxEdges` is 500)",
            "--collapse roles",
        ],
    );
    let quiet = chain(&["graph", MEDIA, "--format", "mermaid"]);
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
}

/// A few edges with very long names can pass Mermaid's text limit instead.
#[test]
fn mermaid_warns_above_50000_characters() {
    let name = "x".repeat(2_000);
    let text: String = (0..30)
        .map(|i| format!("[people.p{i}]\nname = \"{name}\"\n"))
        .collect();
    let run = chain_on(
        &text,
        &["graph", "-", "--format", "mermaid", "--no-highlight"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    says(
        &run.stderr,
        &[
            "the flowchart has 6",
            "characters (Mermaid's `maxTextSize` is 50000)",
        ],
    );
    assert!(!run.stderr.contains("maxEdges"), "{}", run.stderr);
}

/// The same command writes the same bytes every time, in every format.
#[test]
fn output_is_deterministic() {
    for format in ["dot", "mermaid", "json"] {
        for file in [
            MEDIA,
            "examples/college-office.toml",
            "tests/fixtures/hostile.toml",
        ] {
            let first = chain(&["graph", file, "--format", format]);
            let second = chain(&["graph", file, "--format", format]);
            assert_eq!(first.code, 0, "{}", first.stderr);
            assert_eq!(first.stdout, second.stdout, "{file} as {format}");
        }
    }
}

/// DOT: paying customers last, names at 14 pt and the rest at 12, vacant
/// roles dashed, a person's handoffs from their row's port, handoffs both
/// ways one edge with two arrows, and the notes as tooltips.
#[test]
fn dot_layout_hints() {
    let run = chain(&["graph", MEDIA]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dot = &run.stdout;
    assert!(dot.starts_with("digraph \"chain\" {\n"), "{dot}");
    says(
        dot,
        &[
            "rankdir=TB",
            "{ rank=sink; \"external:students\"; }",
            "fontsize=14",
            "edge [color=\"#6b7380\", fontcolor=\"#4a5260\", fontname=\"Helvetica,Arial,sans-serif\", fontsize=12",
            "\"role:captioner\" [id=\"role_captioner\", label=<<B>Caption writer</B>",
            "style=\"rounded,dashed,filled\"",
            "<TD PORT=\"person_wren\"",
            "\"role:coordinator\":person_wren -> \"role:av-tech\" [label=\"information\"",
            "tooltip=\"Wren Castellano → AV technician: information\\n· information: the classroom recording schedule\"",
            "\"person:director\" -> \"role:coordinator\" [label=\"↓ instruction\\n↑ information\", dir=both",
        ],
    );
    let lr = chain(&["graph", MEDIA, "--rankdir", "LR"]).stdout;
    says(&lr, &["[label=\"→ instruction\\n← information\", dir=both"]);
}

/// The DOT and Mermaid of the media team, as a reader would review them.
#[test]
fn snapshots() {
    let dot = chain(&["graph", MEDIA]);
    insta::assert_snapshot!("media_team_dot", dot.stdout);
    let mermaid = chain(&["graph", MEDIA, "--format", "mermaid"]);
    insta::assert_snapshot!("media_team_mermaid", mermaid.stdout);
}
