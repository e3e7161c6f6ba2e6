//! `chain graph` through the real Graphviz and a Mermaid line parser: every
//! example and the hostile fixture (quotes, backslashes, newlines, `]`,
//! `-->`, `{}`, HTML, control characters, emoji, quoted ids with spaces)
//! parse, with exactly the nodes and edges chain meant, and every label
//! comes out as the text it was.

use std::io::Write as _;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::util::{chain, json, tool};

const HOSTILE: &str = "tests/fixtures/hostile.toml";

/// Runs Graphviz `dot -T<format>` on `input`; panics with dot's message if it fails.
pub fn dot(input: &[u8], format: &str) -> Vec<u8> {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` runs (`.ci/run` installs it: apt-get install graphviz)");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input)
        .expect("dot reads the input");
    let out = child.wait_with_output().expect("dot finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dot -T{format} failed: {stderr}");
    // Graphviz may complain about fonts the machine lacks; about the input, never.
    let about_input: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.contains("font") && !l.contains("character"))
        .collect();
    assert!(about_input.is_empty(), "dot -T{format} warns: {stderr}");
    out.stdout
}

/// What Graphviz sees in a DOT text: node names, and edges as (tail,
/// head), each end `name` or `name:port` when the edge ends at a row of a
/// card (compass points left out).
pub struct Seen {
    pub nodes: Vec<String>,
    pub edges: Vec<(String, String)>,
}

/// Reads `dot -Tjson`: the node objects come after the subgraphs, and each
/// edge names its ends by their node's `_gvid`.
fn seen(dot_text: &str) -> Seen {
    let doc: Value = serde_json::from_slice(&dot(dot_text.as_bytes(), "json")).expect("JSON");
    let subgraphs = doc["_subgraph_cnt"].as_u64().unwrap_or(0) as usize;
    let objects = doc["objects"].as_array().cloned().unwrap_or_default();
    let by_gvid: std::collections::HashMap<u64, String> = objects
        .iter()
        .skip(subgraphs)
        .filter_map(|n| Some((n["_gvid"].as_u64()?, n["name"].as_str()?.to_string())))
        .collect();
    let end = |e: &Value, node: &str, port: &str| {
        let name = e[node]
            .as_u64()
            .and_then(|i| by_gvid.get(&i))
            .cloned()
            .unwrap_or_default();
        match e[port].as_str().map(|p| p.trim_end_matches(":e")) {
            Some(p) if p != "e" => format!("{name}:{p}"),
            _ => name,
        }
    };
    let edges = doc["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| (end(e, "tail", "tailport"), end(e, "head", "headport")))
        .collect();
    let nodes = objects
        .iter()
        .skip(subgraphs)
        .map(|n| n["name"].as_str().unwrap_or_default().to_string())
        .collect();
    Seen { nodes, edges }
}

/// The Mermaid id, and the port of a card's row, of the node with JSON id
/// `kind:key`: the kind, `_`, then the key with every character but ASCII
/// letters and digits written `_HEX_`.
pub fn safe_id(id: &str) -> String {
    let (kind, key) = id.split_once(':').unwrap_or(("", id));
    let mut out = format!("{kind}_");
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", u32::from(c)));
        }
    }
    out
}

/// The DOT and the JSON of one file.
fn dot_and_json(file: &str, args: &[&str]) -> (String, Value) {
    let mut dot_args = vec!["graph", file];
    dot_args.extend_from_slice(args);
    let run = chain(&dot_args);
    assert_eq!(run.code, 0, "{file}: {}", run.stderr);
    let mut json_args = dot_args.clone();
    json_args.extend_from_slice(&["--format", "json"]);
    let doc = chain(&json_args);
    assert_eq!(doc.code, 0, "{file}: {}", doc.stderr);
    (run.stdout, json(&doc))
}

/// The name Graphviz gives the node of JSON id `id`: control characters
/// shown as `\u{..}`, and backslashes doubled (a DOT id cannot otherwise
/// end in one; Graphviz keeps the pair).
fn dot_name(id: &str) -> String {
    chain::text::escape(id).replace('\\', "\\\\")
}

/// Checks Graphviz sees exactly the JSON's nodes and edges: a person in a
/// card is no node of its own, their edges end at their row's port; two
/// edges between the same nodes, one each way, are one DOT edge with two
/// arrows, unless one of them is a vacant role's (drawn dashed, apart).
pub fn same_picture(file: &str, args: &[&str]) -> Seen {
    let (dot_text, doc) = dot_and_json(file, args);
    let seen = seen(&dot_text);
    let nodes = doc["nodes"].as_array().cloned().unwrap_or_default();
    let card: std::collections::HashMap<&str, &str> = nodes
        .iter()
        .filter_map(|n| Some((n["id"].as_str()?, n["card"].as_str()?)))
        .collect();
    let mut ids: Vec<String> = nodes
        .iter()
        .filter(|n| n["card"].is_null())
        .map(|n| dot_name(n["id"].as_str().unwrap_or_default()))
        .collect();
    let mut drawn_nodes = seen.nodes.clone();
    ids.sort();
    drawn_nodes.sort();
    assert_eq!(drawn_nodes, ids, "{file} {args:?}");
    let end = |id: &str| match card.get(id) {
        Some(c) => format!("{}:{}", dot_name(c), safe_id(id)),
        None => dot_name(id),
    };
    let edges: Vec<(String, String, bool)> = doc["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let id = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (id("from"), id("to"), e["dormant"] == true)
        })
        .collect();
    let merged = |a: &str, b: &str, dormant: bool| {
        !dormant && edges.iter().any(|(x, y, d)| x == b && y == a && !d)
    };
    let mut pairs: Vec<(String, String)> = edges
        .iter()
        .filter(|(a, b, d)| !(merged(a, b, *d) && a > b))
        .map(|(a, b, _)| unordered(end(a), end(b)))
        .collect();
    pairs.sort();
    let mut drawn: Vec<(String, String)> = seen
        .edges
        .iter()
        .map(|(a, b)| unordered(a.clone(), b.clone()))
        .collect();
    drawn.sort();
    assert_eq!(drawn, pairs, "{file} {args:?}");
    seen
}

fn unordered(a: String, b: String) -> (String, String) {
    if a < b { (a, b) } else { (b, a) }
}

/// How many `hands_to` entries `file` declares, people's and roles'.
pub fn handoff_entries(file: &str) -> usize {
    let loaded = chain::load::load(chain::load::Input::Path(std::path::Path::new(file)))
        .expect("the file loads");
    let org = &loaded.org;
    let people = org.people.iter().map(|p| p.hands_to.len());
    people
        .chain(org.roles.iter().map(|r| r.hands_to.len()))
        .sum()
}

/// The example files.
fn examples() -> Vec<String> {
    let mut examples: Vec<String> = std::fs::read_dir("examples")
        .expect("the examples directory")
        .filter_map(|e| e.ok().map(|e| e.path().display().to_string()))
        .filter(|p| p.ends_with(".toml"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 3, "{examples:?}");
    examples
}

/// Every example, in every view, is the picture chain meant to Graphviz;
/// by default each handoff is drawn at most once, so no picture has more
/// arrows than the file has `hands_to` entries.
#[test]
fn examples_render() {
    if !tool::has("dot") {
        return;
    }
    for file in &examples() {
        let entries = handoff_entries(file);
        for args in [&[][..], &["--rankdir", "LR"], &["--no-highlight"]] {
            let seen = same_picture(file, args);
            assert!(seen.edges.len() <= entries, "{file} {args:?}");
        }
        for args in [
            &["--collapse", "roles"][..],
            &["--collapse", "teams"],
            &["--group-by", "role"],
            &["--group-by", "none"],
        ] {
            same_picture(file, args);
        }
    }
}

/// The media team, exactly: 9 nodes (two people without a role, five
/// roles, two external customers; the other six people are rows of their
/// roles' cards), and 13 edges for its 14 handoffs (Okonkwo's to himself
/// is not drawn), of which two pairs go both ways: 11 DOT edges.
#[test]
fn media_team_counts() {
    if !tool::has("dot") {
        return;
    }
    let seen = same_picture("examples/media-team.toml", &[]);
    assert_eq!(seen.nodes.len(), 9);
    assert_eq!(seen.edges.len(), 11);
    assert_eq!(handoff_entries("examples/media-team.toml"), 14);
    // Wren's own handoff leaves from her row of the coordinator's card.
    assert!(
        seen.edges.contains(&(
            "role:coordinator:person_wren".to_string(),
            "role:av-tech".to_string()
        )),
        "{:?}",
        seen.edges
    );
}

/// The hostile fixture parses, with exactly its 6 nodes (two people are
/// rows of a role's card) and 8 edges, named by the ids in the file, the
/// ports of the rows made of letters, digits and `_` only.
#[test]
fn hostile_names_render() {
    if !tool::has("dot") {
        return;
    }
    let seen = same_picture(HOSTILE, &[]);
    let mut nodes = seen.nodes.clone();
    nodes.sort();
    assert_eq!(
        nodes,
        [
            "external:<script>alert(1)</script>",
            "external:paying \"customer\"",
            "person:new\\\\u{a}line",
            "person:plain",
            "role:role with spaces",
            "role:vacant]-->{}",
        ],
    );
    assert_eq!(seen.edges.len(), 8);
    assert!(
        seen.edges.contains(&(
            "role:role with spaces:person_Ana_20_Mar_ed_a_20__1f680_".to_string(),
            "role:role with spaces:person_back_5c_slash".to_string()
        )),
        "{:?}",
        seen.edges
    );
    for args in [
        &["--collapse", "roles"][..],
        &["--collapse", "teams"],
        &["--group-by", "role"],
        &["--focus", "plain", "--chain"],
    ] {
        same_picture(HOSTILE, args);
    }
}

/// Rendered, each hostile string is shown as written: no `\G` or `\N`
/// expanded, no markup, controls shown as `\u{..}`.
#[test]
fn hostile_labels_render_as_written() {
    if !tool::has("dot") {
        return;
    }
    let (dot_text, _) = dot_and_json(HOSTILE, &[]);
    let svg = String::from_utf8(dot(dot_text.as_bytes(), "svg")).expect("UTF-8");
    for shown in [
        "Back\\slash \\l \\r \\G \\u{1b}[31mred\\u{1b}[0m",
        "Title with \\ backslash at end \\",
        "Ana &quot;The Quote&quot; María 🚀",
        "&lt;img src=x onerror=alert(1)&gt; &amp;amp; #quot; #35;",
        "Line one\\u{a}line two\\u{7} \\u{202e}evil\\u{202c} \\u{fffe} end",
        "Evil &quot;Corp&quot; \\N &lt;b&gt;\\u{a}{} &#45;&#45;&gt; ]",
        "team &quot;A&quot; &#45;&#45;&gt; {x} \\",
        "&lt;b&gt;team&lt;/b&gt; &amp; `code` #quot;",
    ] {
        assert!(
            svg.contains(&format!(">{shown}</text>")),
            "{shown} in {svg}"
        );
    }
    assert!(!svg.contains('\u{1b}') && !svg.contains('\u{202e}'));
}

/// In SVG, hovering over an arrow or its label shows who hands what to
/// whom and the handoff's note, and over a node its name and id: every
/// string as written, escapes and markup included, nothing expanded.
#[test]
fn tooltips_render_as_written() {
    if !tool::has("dot") {
        return;
    }
    let team = "[external.buyer]\npays = true\n\
                [people.\"a<b>\"]\nname = 'A \"B\" \\G'\n\
                hands_to = [{ to = \"buyer\", what = \"product\", note = '\\N <i>x</i> & \"q\" \\\\ %%{init}%%' }]\n";
    let run = crate::util::chain_on(team, &["graph", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = String::from_utf8(dot(run.stdout.as_bytes(), "svg")).expect("UTF-8");
    let arrow = "xlink:title=\"A &quot;B&quot; \\G → buyer: product&#10;· product: \\N &lt;i&gt;x&lt;/i&gt; &amp; &quot;q&quot; \\\\ %%{init}%%\"";
    // The line and its label.
    assert_eq!(svg.matches(arrow).count(), 2, "{arrow} in {svg}");
    let person = "xlink:title=\"A &quot;B&quot; \\G (person `a&lt;b&gt;`)&#10;1 handoff from a paying customer\"";
    assert!(svg.contains(person), "{person} in {svg}");
}

/// One Mermaid line: what it declares.
#[derive(Debug, PartialEq)]
enum Line {
    Header,
    Subgraph,
    End,
    Node,
    Edge,
    Style,
}

/// Whether `s` is an id chain writes in Mermaid: a kind, `_`, then only
/// ASCII letters, digits and `_`.
fn mermaid_id(s: &str) -> bool {
    let kinds = ["person_", "role_", "external_", "team_", "box_", "also_"];
    kinds.iter().any(|k| s.starts_with(k))
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Parses one line of chain's Mermaid, or says why it is not one; every
/// label must sit whole inside its quotes. Gives the ids the line declares
/// or uses.
fn mermaid_line(line: &str) -> Result<(Line, Vec<String>), String> {
    let t = line.trim();
    let quoted = |s: &str| {
        s.len() >= 2 && s.starts_with('"') && s.ends_with('"') && !s[1..s.len() - 1].contains('"')
    };
    if t == "flowchart LR" || t == "flowchart TB" {
        return Ok((Line::Header, Vec::new()));
    }
    if t == "end" {
        return Ok((Line::End, Vec::new()));
    }
    if t.starts_with("classDef ") || t.starts_with("class ") {
        return Ok((Line::Style, Vec::new()));
    }
    if let Some(rest) = t.strip_prefix("subgraph ") {
        let (name, label) = rest.split_once('[').ok_or("subgraph without label")?;
        let label = label.strip_suffix(']').ok_or("subgraph label not closed")?;
        return (mermaid_id(name) && quoted(label))
            .then(|| (Line::Subgraph, vec![name.to_string()]))
            .ok_or(format!("bad subgraph {t}"));
    }
    if let Some((from, rest)) = t.split_once(" -->").or_else(|| t.split_once(" -.->")) {
        let (label, to) = match rest.strip_prefix('|') {
            Some(r) => {
                let (label, to) = r.split_once("| ").ok_or("edge label not closed")?;
                (Some(label), to)
            }
            None => (None, rest.trim_start()),
        };
        let ok = mermaid_id(from) && mermaid_id(to) && label.is_none_or(quoted);
        return ok
            .then(|| (Line::Edge, vec![from.to_string(), to.to_string()]))
            .ok_or(format!("bad edge {t}"));
    }
    for (open, close) in [("([", "])"), ("[[", "]]"), ("[", "]")] {
        if let Some(i) = t.find(open) {
            let (name, rest) = t.split_at(i);
            if let Some(label) = rest.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
                if mermaid_id(name) && quoted(label) {
                    return Ok((Line::Node, vec![name.to_string()]));
                }
            }
        }
    }
    Err(format!("not a line chain writes: {t}"))
}

/// Parses every line of `text`; panics on one chain would not write.
fn mermaid_lines(text: &str) -> Vec<(Line, Vec<String>)> {
    text.lines()
        .map(|l| mermaid_line(l).unwrap_or_else(|e| panic!("{e}\n{text}")))
        .collect()
}

/// The hostile fixture's Mermaid: every line parses, every label inside its
/// quotes, nothing a browser reads as markup; 7 nodes, 8 edges, 3 boxes
/// (two teams, one role's card); every id is the JSON id of a node, made
/// safe.
#[test]
fn hostile_mermaid_keeps_labels_quoted() {
    let run = chain(&["graph", HOSTILE, "--format", "mermaid"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = mermaid_lines(&run.stdout);
    let count = |kind: Line| lines.iter().filter(|(l, _)| *l == kind).count();
    assert_eq!(count(Line::Header), 1);
    assert_eq!(count(Line::Node), 7);
    assert_eq!(count(Line::Edge), 8);
    assert_eq!(count(Line::Subgraph), 3);
    assert_eq!(count(Line::End), 3);
    // Inside the quotes, the only markup is chain's own line break.
    for label in run.stdout.split('"').skip(1).step_by(2) {
        let markup = label.replace("<br>", "");
        assert!(!markup.contains(['<', '>', '&', '`']), "{label}");
    }
    assert!(
        run.stdout.contains(
            "external_paying_20__22_customer_22_([\"Buyer #quot; ] --#62; end<br>paying customer\"])"
        ),
        "{}",
        run.stdout
    );
    let doc = json(&chain(&["graph", HOSTILE, "--format", "json"]));
    let json_ids: std::collections::BTreeSet<String> = doc["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| safe_id(n["id"].as_str().unwrap_or_default()))
        .collect();
    let used: std::collections::BTreeSet<String> = lines
        .iter()
        .filter(|(l, _)| matches!(l, Line::Node | Line::Edge))
        .flat_map(|(_, ids)| ids.clone())
        .chain(
            lines
                .iter()
                .filter(|(l, _)| *l == Line::Subgraph)
                .flat_map(|(_, ids)| ids.clone())
                .filter(|id| !id.starts_with("box_")),
        )
        .collect();
    assert_eq!(used, json_ids, "{}", run.stdout);
}

/// Every example's Mermaid parses line by line too, in every view.
#[test]
fn examples_mermaid_parse() {
    for file in examples() {
        for collapse in ["none", "roles", "teams"] {
            let run = chain(&[
                "graph",
                &file,
                "--format",
                "mermaid",
                "--collapse",
                collapse,
            ]);
            assert_eq!(run.code, 0, "{}", run.stderr);
            mermaid_lines(&run.stdout);
        }
    }
}

/// Mermaid ids come from the ids in the file, so taking a person out of a
/// committed flowchart changes only the lines about them: every other line
/// stays as it was (with the direction fixed and nothing marked, since
/// either may change with the people). Hostile ids (spaces, quotes,
/// backslashes, `]-->{}`, emoji, `_` and its own escapes) neither collide
/// nor reach Mermaid's syntax.
#[test]
fn mermaid_ids_are_stable() {
    let team = r#"
[external.buyer]
pays = true
[roles."desk ]-->{}"]
hands_to = ["buyer"]
[people."a_2d_b"]
roles = ["desk ]-->{}"]
hands_to = ["a-b"]
[people."a-b"]
hands_to = ["desk ]-->{}", "zoë \"q\\"]
[people."zoë \"q\\"]
hands_to = ["buyer"]
[people.end]
hands_to = ["a-b"]
"#;
    let without = team.replace("[people.end]\nhands_to = [\"a-b\"]\n", "");
    let args = [
        "graph",
        "-",
        "--format",
        "mermaid",
        "--rankdir",
        "LR",
        "--no-highlight",
    ];
    let before = crate::util::chain_on(team, &args);
    let after = crate::util::chain_on(&without, &args);
    assert_eq!(before.code, 0, "{}", before.stderr);
    let lines = mermaid_lines(&before.stdout);
    assert!(
        before.stdout.contains("person_a_5f_2d_5f_b"),
        "{}",
        before.stdout
    );
    assert!(before.stdout.contains("person_a_2d_b"), "{}", before.stdout);
    assert!(before.stdout.contains("person_end["), "{}", before.stdout);
    let declared: Vec<&String> = lines
        .iter()
        .filter(|(l, _)| matches!(l, Line::Node | Line::Subgraph))
        .flat_map(|(_, ids)| ids)
        .collect();
    let unique: std::collections::BTreeSet<&&String> = declared.iter().collect();
    assert_eq!(unique.len(), declared.len(), "{}", before.stdout);
    // Lines that do not name `end` are the same, and in the same order.
    let others: Vec<&str> = before
        .stdout
        .lines()
        .filter(|l| !l.contains("person_end"))
        .collect();
    let kept: Vec<&str> = after.stdout.lines().collect();
    assert_eq!(
        others, kept,
        "before:\n{}\nafter:\n{}",
        before.stdout, after.stdout
    );
}
