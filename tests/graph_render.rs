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

/// What Graphviz sees in a DOT text: node names, and edges as (tail, head).
pub struct Seen {
    pub nodes: Vec<String>,
    pub edges: Vec<(String, String)>,
}

/// Reads `dot -Tplain`: one `node NAME ...` or `edge TAIL HEAD ...` line each.
fn seen(dot_text: &str) -> Seen {
    let plain = String::from_utf8(dot(dot_text.as_bytes(), "plain")).expect("UTF-8");
    let mut seen = Seen {
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    for line in plain.lines() {
        let words = plain_words(line);
        match words.first().map(String::as_str) {
            Some("node") => seen.nodes.push(words.get(1).cloned().unwrap_or_default()),
            Some("edge") => seen.edges.push((
                words.get(1).cloned().unwrap_or_default(),
                words.get(2).cloned().unwrap_or_default(),
            )),
            _ => {}
        }
    }
    seen
}

/// The first three words of a `-Tplain` line, quoted names unquoted
/// (Graphviz writes a quote in a name as `\"`, and keeps `\\` as two).
fn plain_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chars = line.chars().peekable();
    while words.len() < 3 {
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        let mut word = String::new();
        if first == '"' {
            chars.next();
            while let Some(c) = chars.next() {
                match (c, chars.peek()) {
                    ('\\', Some('"')) => {
                        word.push('"');
                        chars.next();
                    }
                    ('\\', Some(_)) => {
                        word.push('\\');
                        word.extend(chars.next());
                    }
                    ('"', _) => break,
                    (c, _) => word.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ' ' {
                    break;
                }
                word.push(c);
                chars.next();
            }
        }
        words.push(word);
    }
    words
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

/// Checks Graphviz sees exactly the JSON's nodes and edges (two edges
/// between the same nodes, one each way, are one DOT edge with two arrows).
pub fn same_picture(file: &str, args: &[&str]) -> Seen {
    let (dot_text, doc) = dot_and_json(file, args);
    let seen = seen(&dot_text);
    let mut ids: Vec<String> = doc["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| dot_name(n["id"].as_str().unwrap_or_default()))
        .collect();
    let mut nodes = seen.nodes.clone();
    ids.sort();
    nodes.sort();
    assert_eq!(nodes, ids, "{file} {args:?}");
    let mut pairs: Vec<(String, String)> = doc["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let end = |k: &str| dot_name(e[k].as_str().unwrap_or_default());
            let (a, b) = (end("from"), end("to"));
            if a < b { (a, b) } else { (b, a) }
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    let mut drawn: Vec<(String, String)> = seen
        .edges
        .iter()
        .map(|(a, b)| {
            if a < b {
                (a.clone(), b.clone())
            } else {
                (b.clone(), a.clone())
            }
        })
        .collect();
    drawn.sort();
    assert_eq!(drawn, pairs, "{file} {args:?}");
    seen
}

/// Every example, in every view, is the picture chain meant to Graphviz.
#[test]
fn examples_render() {
    if !tool::has("dot") {
        return;
    }
    let mut examples: Vec<String> = std::fs::read_dir("examples")
        .expect("the examples directory")
        .filter_map(|e| e.ok().map(|e| e.path().display().to_string()))
        .filter(|p| p.ends_with(".toml"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 3, "{examples:?}");
    for file in &examples {
        for args in [
            &[][..],
            &["--collapse", "roles"],
            &["--collapse", "teams"],
            &["--group-by", "role"],
            &["--group-by", "none"],
        ] {
            same_picture(file, args);
        }
    }
}

/// The media team, exactly: 11 nodes, 24 edges of which 6 pairs go both
/// ways, so 18 DOT edges.
#[test]
fn media_team_counts() {
    if !tool::has("dot") {
        return;
    }
    let seen = same_picture("examples/media-team.toml", &[]);
    assert_eq!(seen.nodes.len(), 11);
    assert_eq!(seen.edges.len(), 18);
}

/// The hostile fixture parses, with exactly its 7 nodes and 9 edges (10
/// handoff edges, one pair merged), named by the ids in the file.
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
            "person:Ana María 🚀",
            "person:back\\\\slash",
            "person:new\\\\u{a}line",
            "person:plain",
            "role:vacant]-->{}",
        ],
    );
    assert_eq!(seen.edges.len(), 9);
    for args in [
        &["--collapse", "roles"][..],
        &["--collapse", "teams"],
        &["--group-by", "role"],
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

/// Parses one line of chain's Mermaid, or says why it is not one; every
/// label must sit whole inside its quotes.
fn mermaid_line(line: &str) -> Result<Line, String> {
    let t = line.trim();
    let id = |s: &str| {
        s.len() > 1 && s.starts_with(['n', 'c']) && s[1..].chars().all(|c| c.is_ascii_digit())
    };
    let quoted = |s: &str| {
        s.len() >= 2 && s.starts_with('"') && s.ends_with('"') && !s[1..s.len() - 1].contains('"')
    };
    if t == "flowchart LR" {
        return Ok(Line::Header);
    }
    if t == "end" {
        return Ok(Line::End);
    }
    if t.starts_with("classDef ") || t.starts_with("class ") {
        return Ok(Line::Style);
    }
    if let Some(rest) = t.strip_prefix("subgraph ") {
        let (name, label) = rest.split_once('[').ok_or("subgraph without label")?;
        let label = label.strip_suffix(']').ok_or("subgraph label not closed")?;
        return (id(name) && quoted(label))
            .then_some(Line::Subgraph)
            .ok_or(format!("bad subgraph {t}"));
    }
    if let Some((from, rest)) = t.split_once(" -->") {
        let (label, to) = match rest.strip_prefix('|') {
            Some(r) => {
                let (label, to) = r.split_once("| ").ok_or("edge label not closed")?;
                (Some(label), to)
            }
            None => (None, rest.trim_start()),
        };
        let ok = id(from) && id(to) && label.is_none_or(quoted);
        return ok.then_some(Line::Edge).ok_or(format!("bad edge {t}"));
    }
    for (open, close) in [("([", "])"), ("[[", "]]"), ("[", "]")] {
        if let Some(i) = t.find(open) {
            let (name, rest) = t.split_at(i);
            if let Some(label) = rest.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
                if id(name) && quoted(label) {
                    return Ok(Line::Node);
                }
            }
        }
    }
    Err(format!("not a line chain writes: {t}"))
}

/// The hostile fixture's Mermaid: every line parses, every label inside its
/// quotes, nothing a browser reads as markup; 7 nodes, 10 edges, 2 boxes.
#[test]
fn hostile_mermaid_keeps_labels_quoted() {
    let run = chain(&["graph", HOSTILE, "--format", "mermaid"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<Line> = run
        .stdout
        .lines()
        .map(|l| mermaid_line(l).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout)))
        .collect();
    let count = |kind: Line| lines.iter().filter(|l| **l == kind).count();
    assert_eq!(count(Line::Header), 1);
    assert_eq!(count(Line::Node), 7);
    assert_eq!(count(Line::Edge), 10);
    assert_eq!(count(Line::Subgraph), 2);
    assert_eq!(count(Line::End), 2);
    // Inside the quotes, the only markup is chain's own line break.
    for label in run.stdout.split('"').skip(1).step_by(2) {
        let markup = label.replace("<br>", "");
        assert!(!markup.contains(['<', '>', '&', '`']), "{label}");
    }
    assert!(
        run.stdout
            .contains("n6([\"Buyer #quot; ] --#62; end<br>paying customer\"])"),
        "{}",
        run.stdout
    );
}

/// Every example's Mermaid parses line by line too.
#[test]
fn examples_mermaid_parse() {
    for file in [
        "examples/media-team.toml",
        "examples/assembly-line.toml",
        "examples/college-office.toml",
    ] {
        for collapse in ["none", "roles", "teams"] {
            let run = chain(&["graph", file, "--format", "mermaid", "--collapse", collapse]);
            assert_eq!(run.code, 0, "{}", run.stderr);
            for line in run.stdout.lines() {
                mermaid_line(line).unwrap_or_else(|e| panic!("{file}: {e}"));
            }
        }
    }
}
