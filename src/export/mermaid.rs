//! The picture as a Mermaid flowchart, which GitHub and GitLab render in
//! markdown (inside a ```` ```mermaid ```` block).
//!
//! Node ids are made from the ids in the team file by [`ids::safe`]
//! (`person_wren`, `role_av_2d_tech`): only letters, digits and `_`, so no
//! id reaches Mermaid's syntax, and stable, so removing a person changes
//! only the lines about them. A role with people is a subgraph holding
//! them, and its handoffs leave from the subgraph. Every label is written
//! in quotes with `"` as `#quot;` and the other characters Mermaid or the
//! browser would read (`#`, `&`, `<`, `>`, `` ` ``) as numeric entities. So
//! is `%`: Mermaid reads `%%{init: ...}%%` anywhere in the text as a
//! directive (a theme, CSS, a URL to load), before any label is parsed.

use std::io::{self, Write};

use super::{Node, NodeKind, Picture, ids};
use crate::text::escape;

/// Writes `picture` as a flowchart.
pub fn write(picture: &Picture<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "flowchart {}", picture.rankdir.as_str())?;
    let (members, loose) = picture.grouped();
    for (cluster, nodes) in picture.clusters.iter().zip(&members) {
        let id = ids::safe("box", cluster.team);
        writeln!(out, "  subgraph {id}[\"{}\"]", label(cluster.team))?;
        for &i in nodes {
            write_node(i, picture, "    ", out)?;
        }
        writeln!(out, "  end")?;
    }
    for &i in &loose {
        write_node(i, picture, "  ", out)?;
    }
    let id = |i: usize| picture.nodes.get(i).map(node_id).unwrap_or_default();
    for edge in &picture.edges {
        let what: Vec<&str> = edge.what.iter().map(|w| w.as_str()).collect();
        // A vacant role's handoffs are dotted: they carry nothing now.
        let arrow = if edge.dormant { "-.->" } else { "-->" };
        let (from, to) = (id(edge.from), id(edge.to));
        if what.is_empty() {
            writeln!(out, "  {from} {arrow} {to}")?;
        } else {
            writeln!(out, "  {from} {arrow}|\"{}\"| {to}", what.join(", "))?;
        }
    }
    write_classes(picture, out)
}

/// The Mermaid id of a node.
fn node_id(node: &Node<'_>) -> String {
    ids::safe(node.kind.as_str(), node.key)
}

/// A node, or a role's card as a subgraph holding its people.
fn write_node(
    i: usize,
    picture: &Picture<'_>,
    indent: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some(node) = picture.nodes.get(i) else {
        return Ok(());
    };
    let mut lines: Vec<String> = std::iter::once(node.name)
        .chain(node.details())
        .map(label)
        .collect();
    if node.rows.is_empty() {
        // People listed here whose row is in another card.
        let also = node.also.iter().filter_map(|&a| picture.nodes.get(a));
        lines.extend(also.map(|p| format!("also {}", label(p.name))));
        let (open, close) = match node.kind {
            NodeKind::External => ("([", "])"),
            NodeKind::Team => ("[[", "]]"),
            NodeKind::Person | NodeKind::Role => ("[", "]"),
        };
        let text = lines.join("<br>");
        return writeln!(out, "{indent}{}{open}\"{text}\"{close}", node_id(node));
    }
    let text = lines.join("<br>");
    writeln!(out, "{indent}subgraph {}[\"{text}\"]", node_id(node))?;
    let inner = format!("{indent}  ");
    for &row in &node.rows {
        if let Some(person) = picture.nodes.get(row) {
            let text: Vec<String> = std::iter::once(person.name)
                .chain(person.details())
                .map(label)
                .collect();
            writeln!(out, "{inner}{}[\"{}\"]", node_id(person), text.join("<br>"))?;
        }
    }
    // The holders whose row is in another card, named in a note of the
    // card's own (a node belongs to one subgraph only).
    let also: Vec<String> = node
        .also
        .iter()
        .filter_map(|&a| picture.nodes.get(a))
        .map(|p| label(p.name))
        .collect();
    if !also.is_empty() {
        let id = ids::safe("also", node.key);
        writeln!(out, "{inner}{id}[\"also {}\"]", also.join(", "))?;
    }
    writeln!(out, "{indent}end")
}

/// The look of each kind of node, as in the DOT output.
const CLASSES: &[(&str, &str)] = &[
    ("person", "fill:#e3ecfa,stroke:#5b7db1"),
    ("role", "fill:#e6f4ea,stroke:#4f8a5b"),
    (
        "vacant",
        "fill:#f3f4f6,stroke:#8a929e,stroke-width:2px,stroke-dasharray:5 4,color:#374151",
    ),
    ("team", "fill:#ece6f7,stroke:#6b5b95"),
    ("external", "fill:#eef0f3,stroke:#7a8494"),
    ("paying", "fill:#fde9a8,stroke:#b7791f,stroke-width:3px"),
    ("vacancy", "fill:#fff4e6,stroke:#dd6b20"),
    ("single", "fill:#fff1c2,stroke:#b7791f,stroke-width:2px"),
    ("deadend", "fill:#fde2e2,stroke:#c53030,stroke-width:2px"),
    ("focus", "stroke:#1a365d,stroke-width:4px"),
];

/// The look of a card's note of the holders whose row is elsewhere.
const ALSO: &str = "fill:#ffffff,stroke:#c9ced6,stroke-dasharray:3 3";

/// The look of the team boxes.
const BOX: &str = "fill:#f4f5f7,stroke:#c9ced6,color:#4a5260";

/// The classes of a node: its kind's, then its marks'.
fn classes(node: &Node<'_>) -> [Option<&'static str>; 5] {
    let kind = match node.kind {
        NodeKind::Person => "person",
        NodeKind::Role if node.vacant => "vacant",
        NodeKind::Role => "role",
        NodeKind::Team => "team",
        NodeKind::External if node.pays => "paying",
        NodeKind::External => "external",
    };
    [
        Some(kind),
        node.mark.vacant.then_some("vacancy"),
        node.mark.single_point.then_some("single"),
        node.mark.dead_end.then_some("deadend"),
        node.focus.then_some("focus"),
    ]
}

/// The styles used, then the class of every box and node, a line each:
/// removing a node removes its lines and leaves the others as they were.
fn write_classes(picture: &Picture<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut assigned: Vec<(String, &str)> = picture
        .clusters
        .iter()
        .map(|c| (ids::safe("box", c.team), "box"))
        .collect();
    for node in &picture.nodes {
        let id = node_id(node);
        assigned.extend(classes(node).into_iter().flatten().map(|c| (id.clone(), c)));
        if !node.rows.is_empty() && !node.also.is_empty() {
            assigned.push((ids::safe("also", node.key), "also"));
        }
    }
    let styles = [("box", BOX), ("also", ALSO)]
        .into_iter()
        .chain(CLASSES.iter().copied());
    for (class, style) in styles {
        if assigned.iter().any(|&(_, c)| c == class) {
            writeln!(out, "  classDef {class} {style}")?;
        }
    }
    for (id, class) in &assigned {
        writeln!(out, "  class {id} {class}")?;
    }
    Ok(())
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
