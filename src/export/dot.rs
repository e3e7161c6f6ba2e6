//! The picture as Graphviz DOT, written by hand: quoted ids that stay the
//! same from run to run (`"person:wren"`), output in the picture's sorted
//! order, and every string from the team file escaped.
//!
//! Ids, box titles and the graph title are DOT strings (`\\` and `\"`
//! escaped, control characters shown as `\u{..}`). Node labels are
//! Graphviz HTML labels, for a bold name over a smaller line of detail:
//! there `&`, `<`, `>` and `"` become entities instead.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{Edge, Node, NodeKind, Picture};
use crate::text::escape;

const FONT: &str = "Helvetica,Arial,sans-serif";

/// Writes `picture` as a DOT digraph.
pub fn write(picture: &Picture<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "digraph \"chain\" {{")?;
    write_defaults(picture, out)?;
    let (members, loose) = picture.grouped();
    for (c, (cluster, nodes)) in picture.clusters.iter().zip(&members).enumerate() {
        writeln!(out, "  subgraph \"cluster_{c}\" {{")?;
        writeln!(
            out,
            "    graph [label={}, style=\"rounded,filled\", fillcolor=\"#f4f5f7\", color=\"#c9ced6\", fontcolor=\"#4a5260\", fontsize=12];",
            quote(cluster.label)
        )?;
        for node in nodes.iter().filter_map(|&i| picture.nodes.get(i)) {
            write_node(node, "    ", out)?;
        }
        writeln!(out, "  }}")?;
    }
    for node in loose.iter().filter_map(|&i| picture.nodes.get(i)) {
        write_node(node, "  ", out)?;
    }
    write_paying_last(picture, out)?;
    write_edges(picture, out)?;
    writeln!(out, "}}")
}

/// The edges. Work handed back up the line (rework, help) is written
/// receiver first with the arrow turned round, so it does not drag the
/// receiver rightwards and the line reads left to right, loops and all.
/// Two nodes that hand work to each other get one edge with an arrow at
/// each end, labelled `→ what` (left to right) and `← what`.
fn write_edges(picture: &Picture<'_>, out: &mut dyn Write) -> io::Result<()> {
    let reverse = |e: &Edge| {
        picture
            .edges
            .binary_search_by_key(&(e.to, e.from), |r| (r.from, r.to))
            .ok()
            .and_then(|i| picture.edges.get(i))
    };
    for edge in &picture.edges {
        let (Some(from), Some(to)) = (picture.nodes.get(edge.from), picture.nodes.get(edge.to))
        else {
            continue;
        };
        let line = match reverse(edge) {
            // The other one writes the pair.
            Some(r) if edge.backward || (!r.backward && edge.from > edge.to) => continue,
            Some(r) => format!(
                "{} -> {} [label=\"{}\", dir=both]",
                quote(&from.id()),
                quote(&to.id()),
                both_ways(edge, r)
            ),
            None if edge.backward => format!(
                "{} -> {} [label=\"{}\", dir=back]",
                quote(&to.id()),
                quote(&from.id()),
                what(edge)
            ),
            None => {
                let paying = if to.pays {
                    ", color=\"#b7791f\", penwidth=1.6"
                } else {
                    ""
                };
                format!(
                    "{} -> {} [label=\"{}\"{paying}]",
                    quote(&from.id()),
                    quote(&to.id()),
                    what(edge)
                )
            }
        };
        writeln!(out, "  {line};")?;
    }
    Ok(())
}

/// `→ what\n← what` for two nodes that hand work to each other; nothing
/// when neither handoff says what it carries.
fn both_ways(there: &Edge, back: &Edge) -> String {
    if there.what.is_empty() && back.what.is_empty() {
        return String::new();
    }
    format!("→ {}\\n← {}", what(there), what(back))
}

/// The kinds of work an edge carries, for a label (fixed words, no escaping needed).
fn what(edge: &Edge) -> String {
    let names: Vec<&str> = edge.what.iter().map(|w| w.as_str()).collect();
    names.join(", ")
}

/// Left to right, the organisation's name on top, and the house style.
fn write_defaults(picture: &Picture<'_>, out: &mut dyn Write) -> io::Result<()> {
    let title = picture
        .title
        .map(|t| format!(", label={}, labelloc=t, fontsize=18", quote(t)))
        .unwrap_or_default();
    writeln!(
        out,
        "  graph [rankdir=LR, newrank=true, nodesep=0.3, ranksep=0.9, pad=0.3, fontname=\"{FONT}\"{title}];"
    )?;
    writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#e3ecfa\", color=\"#5b7db1\", fontname=\"{FONT}\", fontsize=11, margin=\"0.15,0.07\"];"
    )?;
    writeln!(
        out,
        "  edge [color=\"#7a8494\", fontcolor=\"#4a5260\", fontname=\"{FONT}\", fontsize=9, arrowsize=0.7];"
    )
}

fn write_node(node: &Node<'_>, indent: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{indent}{} [label={}{}];",
        quote(&node.id()),
        html_label(node),
        style(node)
    )
}

/// What sets a node apart from the default (a person's blue box).
fn style(node: &Node<'_>) -> String {
    let look = match node.kind {
        NodeKind::External if node.pays => {
            ", shape=ellipse, style=\"filled,bold\", fillcolor=\"#fde9a8\", color=\"#b7791f\", penwidth=2"
        }
        NodeKind::External => ", shape=ellipse, fillcolor=\"#eef0f3\", color=\"#7a8494\"",
        NodeKind::Role if node.vacant => {
            ", style=\"rounded,dashed,filled\", fillcolor=\"#fff7ed\", color=\"#dd6b20\", fontcolor=\"#9c4221\", penwidth=1.5"
        }
        NodeKind::Role => ", fillcolor=\"#e6f4ea\", color=\"#4f8a5b\"",
        NodeKind::Team => ", shape=box3d, style=filled, fillcolor=\"#ece6f7\", color=\"#6b5b95\"",
        NodeKind::Person => "",
    };
    let focus = if node.focus { ", penwidth=3" } else { "" };
    format!("{look}{focus}")
}

/// The label as a Graphviz HTML label: the name in bold, the detail smaller.
fn html_label(node: &Node<'_>) -> String {
    let name = html(node.name);
    match &node.detail {
        Some(detail) => format!(
            "<<B>{name}</B><BR/><FONT POINT-SIZE=\"9\">{}</FONT>>",
            html(detail)
        ),
        None => format!("<<B>{name}</B>>"),
    }
}

/// Puts the paying customers at the right-hand end, side by side.
fn write_paying_last(picture: &Picture<'_>, out: &mut dyn Write) -> io::Result<()> {
    let paying: Vec<String> = picture
        .nodes
        .iter()
        .filter(|n| n.pays)
        .map(|n| quote(&n.id()))
        .collect();
    if paying.is_empty() {
        return Ok(());
    }
    writeln!(out, "  {{ rank=sink; {}; }}", paying.join("; "))
}

/// A DOT quoted string: backslashes and quotes escaped, control
/// characters (newlines among them) shown as `\u{..}` so nothing breaks
/// the line or is read as a Graphviz escape like `\N` or `\l`.
pub(super) fn quote(s: &str) -> String {
    let shown = escape(s);
    let mut out = String::with_capacity(shown.len() + 2);
    out.push('"');
    for c in shown.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for inside an HTML label: markup characters as entities,
/// backslashes doubled, control characters and the two characters XML
/// refuses (U+FFFE, U+FFFF) shown as `\u{..}`.
fn html(s: &str) -> String {
    let shown: Cow<'_, str> = escape(s);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            // Graphviz expands `\G`, `\N` and the like even in HTML labels.
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\u{fffe}' | '\u{ffff}' => out.push_str(&format!("\\\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Quotes, backslashes and newlines cannot end the string or become escapes.
    #[test]
    fn quotes_dot_strings() {
        assert_eq!(quote("a\"b\\"), "\"a\\\"b\\\\\"");
        assert_eq!(quote("x\ny\\N"), "\"x\\\\u{a}y\\\\N\"");
    }

    /// Markup becomes entities; XML's forbidden characters are shown escaped.
    #[test]
    fn escapes_html_labels() {
        assert_eq!(html("<b>&\"</b>"), "&lt;b&gt;&amp;&quot;&lt;/b&gt;");
        assert_eq!(html("a\u{fffe}\u{7}"), "a\\\\u{fffe}\\\\u{7}");
        assert_eq!(html("\\G"), "\\\\G");
    }
}
