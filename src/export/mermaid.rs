//! The picture as a Mermaid flowchart, which GitHub and GitLab render in
//! markdown (inside a ```` ```mermaid ```` block).
//!
//! Node ids are generated (`n0`, `n1`, ... in the picture's order), so no
//! id from the team file reaches Mermaid's syntax; every label is written in
//! quotes with `"` as `#quot;` and the other characters Mermaid or the
//! browser would read (`#`, `&`, `<`, `>`, `` ` ``) as numeric entities. So
//! is `%`: Mermaid reads `%%{init: ...}%%` anywhere in the text as a
//! directive (a theme, CSS, a URL to load), before any label is parsed.

use std::io::{self, Write};

use super::{Node, NodeKind, Picture};
use crate::text::escape;

/// Writes `picture` as a left-to-right flowchart.
pub fn write(picture: &Picture<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "flowchart LR")?;
    let (members, loose) = picture.grouped();
    for (c, (cluster, nodes)) in picture.clusters.iter().zip(&members).enumerate() {
        writeln!(out, "  subgraph c{c}[\"{}\"]", label(cluster.label))?;
        for &i in nodes {
            write_node(i, picture, "    ", out)?;
        }
        writeln!(out, "  end")?;
    }
    for &i in &loose {
        write_node(i, picture, "  ", out)?;
    }
    for edge in &picture.edges {
        let what: Vec<&str> = edge.what.iter().map(|w| w.as_str()).collect();
        if what.is_empty() {
            writeln!(out, "  n{} --> n{}", edge.from, edge.to)?;
        } else {
            writeln!(
                out,
                "  n{} -->|\"{}\"| n{}",
                edge.from,
                what.join(", "),
                edge.to
            )?;
        }
    }
    write_classes(picture, out)
}

fn write_node(
    i: usize,
    picture: &Picture<'_>,
    indent: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some(node) = picture.nodes.get(i) else {
        return Ok(());
    };
    let text: Vec<String> = node.label_lines().map(label).collect();
    let text = text.join("<br>");
    let (open, close) = match node.kind {
        NodeKind::External => ("([", "])"),
        NodeKind::Team => ("[[", "]]"),
        NodeKind::Person | NodeKind::Role => ("[", "]"),
    };
    writeln!(out, "{indent}n{i}{open}\"{text}\"{close}")
}

/// The look of each kind of node, as in the DOT output.
const CLASSES: &[(&str, &str)] = &[
    ("person", "fill:#e3ecfa,stroke:#5b7db1"),
    ("role", "fill:#e6f4ea,stroke:#4f8a5b"),
    (
        "vacant",
        "fill:#fff7ed,stroke:#dd6b20,stroke-width:2px,stroke-dasharray:5 4,color:#9c4221",
    ),
    ("team", "fill:#ece6f7,stroke:#6b5b95"),
    ("external", "fill:#eef0f3,stroke:#7a8494"),
    ("paying", "fill:#fde9a8,stroke:#b7791f,stroke-width:3px"),
    ("focus", "stroke-width:4px"),
];

/// The class of every node, one `class` line per class that is used.
fn write_classes(picture: &Picture<'_>, out: &mut dyn Write) -> io::Result<()> {
    for (class, style) in CLASSES {
        let members: Vec<String> = picture
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| kind_class(n) == *class || (*class == "focus" && n.focus))
            .map(|(i, _)| format!("n{i}"))
            .collect();
        if !members.is_empty() {
            writeln!(out, "  classDef {class} {style}")?;
            writeln!(out, "  class {} {class}", members.join(","))?;
        }
    }
    Ok(())
}

fn kind_class(node: &Node<'_>) -> &'static str {
    match node.kind {
        NodeKind::Person => "person",
        NodeKind::Role if node.vacant => "vacant",
        NodeKind::Role => "role",
        NodeKind::Team => "team",
        NodeKind::External if node.pays => "paying",
        NodeKind::External => "external",
    }
}

/// Label text for inside `"..."`.
fn label(s: &str) -> String {
    let shown = escape(s);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            // U+FFFE and U+FFFF are no characters at all to a browser.
            '#' | '%' | '&' | '<' | '>' | '`' | '\u{fffe}' | '\u{ffff}' => {
                out.push_str(&format!("#{};", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::label;

    /// Nothing in a label can close its quotes or become markup.
    #[test]
    fn escapes_labels() {
        assert_eq!(label("a\"b"), "a#quot;b");
        assert_eq!(label("<b>#1 & `x`"), "#60;b#62;#35;1 #38; #96;x#96;");
        assert_eq!(label("x\ny"), "x\\u{a}y");
    }

    /// No directive or comment survives: every `%` is an entity.
    #[test]
    fn escapes_directives() {
        let shown = label("%%{init: {'theme':'dark'}}%% 50%");
        assert!(!shown.contains('%'), "{shown}");
        assert_eq!(shown, "#37;#37;{init: {'theme':'dark'}}#37;#37; 50#37;");
    }
}
