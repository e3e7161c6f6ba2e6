//! `chain graph` views: `--focus` (downstream, upstream, depth, a role,
//! `--chain`), the marks of `--highlight`, and the direction.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::graph::{MEDIA, edges, list, node, node_ids, picture, picture_of, says, set, text};
use crate::util::{chain, chain_on, json};

/// `--focus ID`: ID and everyone it serves, the focus marked; `--depth`
/// stops the walk; the edges are those among the nodes drawn, and each
/// person drawn brings the card of their role.
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
            "role:av-tech",
            "role:coordinator",
            "external:accreditor",
        ])
    );
    assert_eq!(node(&doc, "person:wren")["focus"], true);
    assert_eq!(node(&doc, "person:suvi")["focus"], false);
    assert!(edges(&doc).contains("person:director -> role:coordinator: instruction"));
    assert!(edges(&doc).contains("person:wren -> role:av-tech: information"));
    assert_eq!(doc["view"]["focus"], "wren");
    assert_eq!(doc["view"]["depth"], 1);
    let all = picture(MEDIA, &["--focus", "wren"]);
    assert!(!node_ids(&all).contains("person:fitzgerald"));
    assert!(node_ids(&all).contains("external:students"));
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
            "role:faculty",
            "role:producer",
            "external:students",
        ])
    );
    assert_eq!(doc["view"]["upstream"], true);
    let all = picture(MEDIA, &["--focus", "accreditor", "--upstream"]);
    assert_eq!(
        node_ids(&all),
        set(&[
            "person:director",
            "person:wren",
            "role:coordinator",
            "external:accreditor"
        ])
    );
}

/// A role as the focus is its card, with its holders; a vacant one hands
/// nothing on.
#[test]
fn focus_on_a_role() {
    let doc = picture(MEDIA, &["--focus", "av-tech", "--depth", "1"]);
    let focused: BTreeSet<String> = list(&doc, "nodes")
        .iter()
        .filter(|n| n["focus"] == true)
        .map(|n| text(&n["id"]))
        .collect();
    assert_eq!(focused, set(&["role:av-tech"]));
    assert!(node_ids(&doc).contains("person:suvi"));
    assert!(node_ids(&doc).contains("person:okonkwo"));
    let vacant = picture(MEDIA, &["--focus", "captioner", "--depth", "1"]);
    assert_eq!(node_ids(&vacant), set(&["role:captioner"]));
}

/// `--focus ID --chain`: only the shortest chain to each paying customer
/// ID reaches, the handoffs it follows and who makes them.
#[test]
fn focus_chain() {
    let doc = picture(MEDIA, &["--focus", "fitzgerald", "--chain"]);
    assert_eq!(
        node_ids(&doc),
        set(&[
            "person:bartholomew",
            "person:fitzgerald",
            "person:halvorsen",
            "role:av-tech",
            "role:faculty",
            "external:students",
        ])
    );
    assert_eq!(
        edges(&doc),
        set(&[
            "person:fitzgerald -> role:av-tech: service",
            "role:av-tech -> role:faculty: assistance",
            "role:faculty -> external:students: instruction",
        ])
    );
    assert_eq!(doc["view"]["chain"], true);
    // What `map` says is the chain.
    let map = chain(&["map", MEDIA, "fitzgerald", "--format", "json"]);
    says(&map.stdout, &["halvorsen"]);
    // Two paying customers: a chain to each.
    let college = picture(
        "examples/college-office.toml",
        &["--focus", "it-analyst", "--chain"],
    );
    let ids = node_ids(&college);
    assert!(
        ids.contains("external:students") && ids.contains("external:parents"),
        "{ids:?}"
    );
    // A role's chains start at its card.
    let role = picture(MEDIA, &["--focus", "producer", "--chain"]);
    assert_eq!(
        edges(&role),
        set(&["role:producer -> external:students: product"])
    );
}

/// `--chain` on a party whose work reaches no paying customer draws the
/// party alone and says so, naming the vacancy that stops it; with
/// `--upstream` or without `--focus` it is refused.
#[test]
fn focus_chain_without_a_chain() {
    let stopped = "[external.buyer]\npays = true\n[roles.gone]\nhands_to = [\"buyer\"]\n\
                   [people.a]\nhands_to = [\"gone\"]\n";
    let run = chain_on(
        stopped,
        &["graph", "-", "--focus", "a", "--chain", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    says(
        &run.stderr,
        &[
            "the work of `a` reaches no paying customer: only `a` is drawn",
            "it stops at vacant role `gone`",
        ],
    );
    assert_eq!(node_ids(&json(&run)), set(&["person:a"]));
    let run = chain(&[
        "graph",
        "examples/media-team-next.toml",
        "--focus",
        "director",
        "--chain",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    says(
        &run.stderr,
        &["the work of `director` reaches no paying customer"],
    );
    let both = chain(&["graph", MEDIA, "--focus", "wren", "--chain", "--upstream"]);
    assert_eq!(both.code, 2);
    let alone = chain(&["graph", MEDIA, "--chain"]);
    assert_eq!(alone.code, 2);
    says(&alone.stderr, &["--focus"]);
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

/// `--highlight` (the default) marks vacancies, dead ends and single
/// points as `check` finds them, whatever the file allows; `--no-highlight`
/// and `--highlight=false` mark nothing.
#[test]
fn highlight() {
    let marks = |doc: &Value| -> BTreeSet<String> {
        list(doc, "nodes")
            .iter()
            .flat_map(|n| {
                let id = text(&n["id"]);
                n["marks"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(move |m| format!("{id}: {}", text(m)))
            })
            .collect()
    };
    let next = picture("examples/media-team-next.toml", &[]);
    assert_eq!(
        marks(&next),
        set(&[
            "person:director: dead-end",
            "person:okonkwo: single-point",
            "role:coordinator: vacant",
        ])
    );
    for off in ["--no-highlight", "--highlight=false"] {
        let doc = picture("examples/media-team-next.toml", &[off]);
        assert!(marks(&doc).is_empty(), "{off}");
        assert_eq!(doc["view"]["highlight"], false);
    }
    let on = picture(
        "examples/media-team-next.toml",
        &["--no-highlight", "--highlight"],
    );
    assert_eq!(marks(&on).len(), 3);
    let dot = chain(&["graph", "examples/media-team-next.toml"]).stdout;
    says(
        &dot,
        &[
            "✖ reaches no paying customer",
            "⚠ single point",
            "⚠ single point: the only route of others",
        ],
    );
    let plain = chain(&["graph", "examples/media-team-next.toml", "--no-highlight"]).stdout;
    assert!(!plain.contains("single point"), "{plain}");
    // The file allowing the codes does not hide what the picture shows.
    let allowed = "[check]\nallow = [\"single-point\", \"dead-end\", \"orphan-role\"]\n\
                   [external.buyer]\npays = true\n[roles.gone]\nhands_to = [\"buyer\"]\n\
                   [people.a]\nhands_to = [\"b\"]\n[people.b]\nhands_to = [\"buyer\"]\n\
                   [people.c]\nhands_to = [\"gone\"]\n";
    assert_eq!(
        marks(&picture_of(allowed, &[])),
        set(&[
            "person:b: single-point",
            "person:c: dead-end",
            "role:gone: vacant"
        ])
    );
}

/// The direction fits the shape: the assembly line, one long chain, runs
/// left to right; the media team, short chains side by side, top to
/// bottom; `--rankdir` forces either, in any case.
#[test]
fn rankdir() {
    let dir = |file: &str, args: &[&str]| -> String {
        let doc = picture(file, args);
        text(&doc["view"]["rankdir"])
    };
    assert_eq!(dir("examples/assembly-line.toml", &[]), "LR");
    assert_eq!(dir(MEDIA, &[]), "TB");
    assert_eq!(dir(MEDIA, &["--rankdir", "lr"]), "LR");
    assert_eq!(
        dir("examples/assembly-line.toml", &["--rankdir", "TB"]),
        "TB"
    );
    let dot = chain(&["graph", MEDIA, "--rankdir", "LR"]).stdout;
    assert!(dot.contains("rankdir=LR"), "{dot}");
    let mermaid = chain(&["graph", MEDIA, "--format", "mermaid"]).stdout;
    assert!(mermaid.starts_with("flowchart TB\n"), "{mermaid}");
    let bad = chain(&["graph", MEDIA, "--rankdir", "RL"]);
    assert_eq!(bad.code, 2);
}
