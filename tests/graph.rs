//! `chain graph`: what the picture holds (nodes, merged edges, clusters),
//! each view (focus, upstream, depth, collapse, group-by), the edge limit,
//! and the DOT and Mermaid of one example as snapshots.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{chain, chain_on, json};

const MEDIA: &str = "examples/media-team.toml";

/// `chain graph` as JSON on a file.
fn picture(file: &str, args: &[&str]) -> Value {
    let mut all = vec!["graph", file, "--format", "json"];
    all.extend_from_slice(args);
    let run = chain(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run)
}

/// `chain graph` as JSON on a team file given as text.
fn picture_of(text: &str, args: &[&str]) -> Value {
    let mut all = vec!["graph", "-", "--format", "json"];
    all.extend_from_slice(args);
    let run = chain_on(text, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run)
}

/// The ids of the nodes.
fn node_ids(doc: &Value) -> BTreeSet<String> {
    list(doc, "nodes").iter().map(|n| text(&n["id"])).collect()
}

/// The edges as `from -> to: what, what`.
fn edges(doc: &Value) -> BTreeSet<String> {
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

fn node<'a>(doc: &'a Value, id: &str) -> &'a Value {
    list(doc, "nodes")
        .iter()
        .find(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("node `{id}` in {doc}"))
}

fn list<'a>(doc: &'a Value, key: &str) -> &'a Vec<Value> {
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

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

/// Every person, vacant role and external customer is a node; roles with
/// holders are not; an edge joins each giver to each receiver.
#[test]
fn person_level_nodes_and_edges() {
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
            "role:captioner",
            "external:accreditor",
            "external:students",
        ])
    );
    let all = edges(&doc);
    assert_eq!(all.len(), 24, "{all:#?}");
    for edge in [
        "person:wren -> person:bartholomew: information",
        "person:wren -> person:director: information",
        "person:okonkwo -> role:captioner: materials",
        "role:captioner -> person:okonkwo: materials",
        "person:halvorsen -> external:students: instruction",
        "person:suvi -> person:mei-lin: assistance",
    ] {
        assert!(all.contains(edge), "{edge} in {all:#?}");
    }
    // Okonkwo hands work to himself: allowed, never drawn.
    assert!(
        !all.iter()
            .any(|e| e.starts_with("person:okonkwo -> person:okonkwo"))
    );
}

/// Nodes carry what a reader and a script need: label, kind, roles,
/// team, paying, vacant, distance, cluster.
#[test]
fn json_node_fields() {
    let doc = picture(MEDIA, &[]);
    let wren = node(&doc, "person:wren");
    assert_eq!(wren["kind"], "person");
    assert_eq!(wren["key"], "wren");
    assert_eq!(wren["label"], "Wren Castellano\nMedia services coordinator");
    assert_eq!(wren["roles"], serde_json::json!(["coordinator"]));
    assert_eq!(wren["team"], "media");
    assert_eq!(wren["cluster"], "team:media");
    assert_eq!(wren["distance"], 3);
    let students = node(&doc, "external:students");
    assert_eq!(students["pays"], true);
    assert_eq!(students["label"], "Distance students\npaying customer");
    assert_eq!(students["distance"], 0);
    let captioner = node(&doc, "role:captioner");
    assert_eq!(captioner["vacant"], true);
    assert_eq!(captioner["label"], "Caption writer\nvacant role");
    assert_eq!(
        doc["org"],
        "Kestrel Valley College: Distance Learning Media Services"
    );
    assert_eq!(
        doc["view"],
        serde_json::json!({"collapse": "none", "group_by": "team", "focus": null, "upstream": false, "depth": null})
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
}

const MERGE: &str = r#"
[external.buyer]
pays = true
[roles.maker]
hands_to = [{ to = "packer", what = "materials" }, { to = "packer", what = "information" }]
[roles.packer]
hands_to = [{ to = "buyer", what = "product" }]
[people.a]
roles = ["maker"]
hands_to = [{ to = "c", what = "materials" }, "c", { to = "a", what = "service" }]
[people.b]
roles = ["maker"]
[people.c]
roles = ["packer"]
[people.d]
roles = ["packer"]
"#;

/// Several handoffs between the same two nodes make one edge with every
/// `what`, in documentation order; a role's handoffs run from each holder
/// to each holder of the receiving role.
#[test]
fn handoffs_merge_and_roles_multiply_out() {
    let doc = picture_of(MERGE, &[]);
    assert_eq!(
        edges(&doc),
        set(&[
            "person:a -> person:c: materials, information",
            "person:a -> person:d: materials, information",
            "person:b -> person:c: materials, information",
            "person:b -> person:d: materials, information",
            "person:c -> external:buyer: product",
            "person:d -> external:buyer: product",
        ])
    );
    let a_to_c = list(&doc, "edges")
        .iter()
        .find(|e| e["from"] == "person:a" && e["to"] == "person:c")
        .cloned()
        .unwrap_or_default();
    // Two of the maker role's, two of a's own (one says no `what`).
    assert_eq!(a_to_c["handoffs"], 4);
}

/// `--focus ID`: ID and everyone it serves, the focus marked; `--depth`
/// stops the walk; the edges are those among the nodes drawn.
#[test]
fn focus_downstream_and_depth() {
    let doc = picture(MEDIA, &["--focus", "wren", "--depth", "1"]);
    assert_eq!(
        node_ids(&doc),
        set(&[
            "person:bartholomew",
            "person:director",
            "person:suvi",
            "person:wren",
            "external:accreditor",
        ])
    );
    assert_eq!(node(&doc, "person:wren")["focus"], true);
    assert_eq!(node(&doc, "person:suvi")["focus"], false);
    assert!(edges(&doc).contains("person:director -> person:wren: instruction"));
    assert_eq!(doc["view"]["focus"], "wren");
    assert_eq!(doc["view"]["depth"], 1);
    let all = picture(MEDIA, &["--focus", "wren"]);
    assert_eq!(list(&all, "nodes").len(), 10, "everyone but Fitzgerald");
    assert!(!node_ids(&all).contains("person:fitzgerald"));
}

/// `--upstream`: ID and everyone who serves it.
#[test]
fn focus_upstream() {
    let doc = picture(
        MEDIA,
        &["--focus", "students", "--upstream", "--depth", "1"],
    );
    assert_eq!(
        node_ids(&doc),
        set(&[
            "person:halvorsen",
            "person:mei-lin",
            "person:okonkwo",
            "external:students",
        ])
    );
    assert_eq!(doc["view"]["upstream"], true);
    let all = picture(MEDIA, &["--focus", "accreditor", "--upstream"]);
    assert_eq!(
        node_ids(&all),
        set(&["person:director", "person:wren", "external:accreditor"])
    );
}

/// A role as the focus stands for its holders, and its vacancy when vacant,
/// which hands nothing on.
#[test]
fn focus_on_a_role() {
    let doc = picture(MEDIA, &["--focus", "av-tech", "--depth", "1"]);
    let focused: BTreeSet<String> = list(&doc, "nodes")
        .iter()
        .filter(|n| n["focus"] == true)
        .map(|n| text(&n["id"]))
        .collect();
    assert_eq!(focused, set(&["person:bartholomew", "person:suvi"]));
    assert!(node_ids(&doc).contains("person:okonkwo"));
    let vacant = picture(MEDIA, &["--focus", "captioner", "--depth", "1"]);
    assert_eq!(node_ids(&vacant), set(&["role:captioner"]));
}

/// An unknown focus is exit 2 with a suggestion; `--upstream` and
/// `--depth` need `--focus`.
#[test]
fn focus_errors() {
    let run = chain(&["graph", MEDIA, "--focus", "wrne"]);
    assert_eq!(run.code, 2);
    says(
        &run.stderr,
        &[
            "no person, role or external customer has the id `wrne`",
            "did you mean `wren`?",
        ],
    );
    assert!(run.stdout.is_empty());
    let run = chain(&["graph", MEDIA, "--upstream"]);
    assert_eq!(run.code, 2);
    says(&run.stderr, &["--focus"]);
}

/// `--collapse roles`: one node per role (vacant or not), people without
/// roles stay; a person's own handoffs leave from their first role.
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

/// `--group-by role` boxes people by their first role; `none` draws no boxes.
#[test]
fn group_by() {
    let doc = picture("examples/college-office.toml", &["--group-by", "role"]);
    assert_eq!(node(&doc, "person:priyanka")["cluster"], "role:cashier");
    assert_eq!(node(&doc, "person:jonah")["cluster"], "role:accounts-clerk");
    assert_eq!(node(&doc, "person:registrar")["cluster"], Value::Null);
    let labels: Vec<String> = list(&doc, "clusters")
        .iter()
        .map(|c| text(&c["label"]))
        .collect();
    assert!(
        labels.contains(&"Student accounts clerk".to_string()),
        "{labels:?}"
    );
    let none = picture(MEDIA, &["--group-by", "none"]);
    assert!(list(&none, "clusters").is_empty());
    assert!(list(&none, "nodes").iter().all(|n| n["cluster"].is_null()));
    let dot = chain(&["graph", MEDIA, "--group-by", "none"]);
    assert!(!dot.stdout.contains("subgraph"), "{}", dot.stdout);
}

/// Role `a` handing work to role `b`, each held by `n` people: `n * n` edges.
pub fn role_to_role(n: usize) -> String {
    let mut text = String::from("[roles.a]\nhands_to = [\"b\"]\n[roles.b]\n");
    for i in 0..2 * n {
        let role = if i < n { "a" } else { "b" };
        text.push_str(&format!("[people.p{i:04}]\nroles = [\"{role}\"]\n"));
    }
    text
}

/// An organisation of two roles of 1,500 people handing work to each
/// other: 2,250,000 person-to-person edges.
fn two_big_roles() -> String {
    let mut text = String::from(
        "[external.buyer]\npays = true\n[roles.a]\nhands_to = [\"b\"]\n[roles.b]\nhands_to = [\"buyer\", \"a\"]\n",
    );
    for i in 0..3000 {
        let role = if i < 1500 { "a" } else { "b" };
        text.push_str(&format!("[people.p{i}]\nroles = [\"{role}\"]\n"));
    }
    text
}

/// A picture that would multiply out past the limit is refused before it
/// is built, saying how big it would be and what to do instead; collapsed,
/// the same file draws at once.
#[test]
fn too_many_edges_are_refused() {
    let text = two_big_roles();
    let run = chain_on(&text, &["graph", "-"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    says(
        &run.stderr,
        &[
            "up to 4501500 edges, more than the limit of 1000000",
            "--collapse roles",
            "--collapse teams",
            "--focus ID",
            "--max-edges N",
        ],
    );
    let roles = picture_of(&text, &["--collapse", "roles"]);
    assert_eq!(
        edges(&roles),
        set(&[
            "role:a -> role:b: ",
            "role:b -> role:a: ",
            "role:b -> external:buyer: "
        ])
    );
    // 25 handoffs between people, one of them Okonkwo's to himself, which
    // is counted but never drawn: "up to".
    let small = chain(&["graph", MEDIA, "--max-edges", "24"]);
    assert_eq!(small.code, 2);
    says(
        &small.stderr,
        &["up to 25 edges, more than the limit of 24"],
    );
    assert_eq!(chain(&["graph", MEDIA, "--max-edges", "25"]).code, 0);
}

/// Above 500 edges, Mermaid output still comes whole, with a warning on
/// stderr that suggests drawing less.
#[test]
fn mermaid_warns_above_500_edges() {
    let text = role_to_role(25);
    let run = chain_on(&text, &["graph", "-", "--format", "mermaid"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().filter(|l| l.contains(" --> ")).count(),
        625
    );
    says(
        &run.stderr,
        &[
            "warning: the flowchart has 625 edges (Mermaid's `maxEdges` is 500)",
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
    let run = chain_on(&text, &["graph", "-", "--format", "mermaid"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    says(
        &run.stderr,
        &[
            "the flowchart has 60",
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

/// DOT by default: left to right, paying customers last, vacant roles
/// dashed, handoffs back up the line written receiver first.
#[test]
fn dot_layout_hints() {
    let run = chain(&["graph", MEDIA]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dot = &run.stdout;
    assert!(dot.starts_with("digraph \"chain\" {\n"), "{dot}");
    assert!(dot.contains("rankdir=LR"));
    assert!(dot.contains("{ rank=sink; \"external:students\"; }"));
    assert!(dot.contains("\"role:captioner\" [label=<<B>Caption writer</B>"));
    assert!(dot.contains("style=\"rounded,dashed,filled\""));
    // Wren (3 handoffs from the students) informs the director (4): drawn
    // as one two-way edge with the director's instruction to her.
    assert!(
        dot.contains("\"person:director\" -> \"person:wren\" [label=\"→ instruction\\n← information\", dir=both];"),
        "{dot}"
    );
}

/// The DOT and Mermaid of the media team, as a reader would review them.
#[test]
fn snapshots() {
    let dot = chain(&["graph", MEDIA]);
    insta::assert_snapshot!("media_team_dot", dot.stdout);
    let mermaid = chain(&["graph", MEDIA, "--format", "mermaid"]);
    insta::assert_snapshot!("media_team_mermaid", mermaid.stdout);
}
