//! The picture as Graphviz DOT, written by hand: quoted ids that stay the
//! same from run to run (`"person:wren"`), output in the picture's sorted
//! order, and every string from the team file escaped.
//!
//! A role with people is a card: an HTML-like table with the role's title
//! on top and a row per person, each row a port (`"role:av-tech":person_suvi`)
//! that the person's own handoffs leave from and work handed to them
//! arrives at. Ids, box titles and tooltips are DOT strings (see [`quote`]);
//! labels are HTML-like, escaped as [`label::html`] says.

mod label;
pub mod tooltip;

use std::io::{self, Write};

use super::{Edge, Node, Picture, Rankdir, ids};
use crate::text::escape;

const FONT: &str = "Helvetica,Arial,sans-serif";

/// The colour of ordinary arrows, of arrows to a paying customer, and of
/// the handoffs of a vacant role, which carry nothing.
const ARROW: &str = "#6b7380";
const PAYING: &str = "#b7791f";
const DORMANT: &str = "#b3b9c2";

/// Writes `picture` as a DOT digraph.
pub fn write(picture: &Picture<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "digraph \"chain\" {{")?;
    write_defaults(picture, out)?;
    let (members, loose) = picture.grouped();
    for (c, (cluster, nodes)) in picture.clusters.iter().zip(&members).enumerate() {
        writeln!(out, "  subgraph \"cluster_{c}\" {{")?;
        writeln!(
            out,
            "    graph [label={}, style=\"rounded,filled\", fillcolor=\"#f4f5f7\", color=\"#c9ced6\", fontcolor=\"#4a5260\", fontsize=14];",
            quote(cluster.team)
        )?;
        for &i in nodes {
            write_node(picture, i, "    ", out)?;
        }
        writeln!(out, "  }}")?;
    }
    for &i in &loose {
        write_node(picture, i, "  ", out)?;
    }
    write_paying_last(picture, out)?;
    write_edges(picture, out)?;
    writeln!(out, "}}")
}

/// The direction, the spacing, the title and key, and the house style:
/// names at 14 pt, everything else at 12 pt.
fn write_defaults(picture: &Picture<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "  graph [rankdir={}, newrank=true, nodesep=0.35, ranksep=0.45, pad=0.3, fontname=\"{FONT}\", labelloc=t, label={}];",
        picture.rankdir.as_str(),
        label::header(picture)
    )?;
    writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#e3ecfa\", color=\"#5b7db1\", fontname=\"{FONT}\", fontsize=14, margin=\"0.2,0.08\"];"
    )?;
    writeln!(
        out,
        "  edge [color=\"{ARROW}\", fontcolor=\"#4a5260\", fontname=\"{FONT}\", fontsize=12, arrowsize=0.8];"
    )
}

/// One node: a card for a role with people, a box or ellipse otherwise.
fn write_node(
    picture: &Picture<'_>,
    i: usize,
    indent: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some(node) = picture.nodes.get(i) else {
        return Ok(());
    };
    let tip = tooltip::quoted(&tooltip::node(picture, node));
    let id = quote(&node.id());
    // The node's group in SVG gets a safe id: the page finds the party by it.
    let svg = port(node);
    if node.is_card() {
        writeln!(
            out,
            "{indent}{id} [id=\"{svg}\", shape=none, margin=0, style=solid, label={}, tooltip={tip}];",
            label::card(picture, node)
        )
    } else {
        writeln!(
            out,
            "{indent}{id} [id=\"{svg}\", label={}{}, tooltip={tip}];",
            label::node(node),
            label::style(node)
        )
    }
}

/// Where an edge ends at node `i`: the node, or the person's row in a card.
fn end(picture: &Picture<'_>, i: usize) -> String {
    let Some(node) = picture.nodes.get(i) else {
        return String::new();
    };
    match node.card.and_then(|c| picture.nodes.get(c)) {
        Some(card) => format!("{}:{}", quote(&card.id()), port(node)),
        None => quote(&node.id()),
    }
}

/// The node Graphviz draws for node `i`: its card, if it is in one.
fn graphviz_node(picture: &Picture<'_>, i: usize) -> usize {
    picture.nodes.get(i).and_then(|n| n.card).unwrap_or(i)
}

/// The port of a person's row in a card, and any node's SVG id: a safe
/// id, never a compass point.
fn port(node: &Node<'_>) -> String {
    ids::safe(node.kind.as_str(), node.key)
}

/// The edges. Work handed back up the line (rework, help) is written
/// receiver first with the arrow turned round, so it does not push the
/// receiver further along and the page reads from the first giver to the
/// paying customer, loops and all. Two nodes that hand work to each other
/// get one edge with an arrow at each end, labelled `→ what` and `← what`
/// (`↓`, `↑` top to bottom). A vacant role's handoffs are dashed and grey:
/// they carry nothing until someone holds the role.
fn write_edges(picture: &Picture<'_>, out: &mut dyn Write) -> io::Result<()> {
    for (i, edge) in picture.edges.iter().enumerate() {
        let Some(to) = picture.nodes.get(edge.to) else {
            continue;
        };
        let (mut a, mut b) = (end(picture, edge.from), end(picture, edge.to));
        if graphviz_node(picture, edge.from) == graphviz_node(picture, edge.to) {
            // Within one card: a loop down its side, clear of the arrows
            // that enter and leave it.
            a.push_str(":e");
            b.push_str(":e");
        }
        // The same tooltip on the line and on its label.
        let tip = |edges: &[&Edge<'_>]| {
            let text = tooltip::quoted(&tooltip::edges(picture, edges));
            format!("id=\"edge_{i}\", tooltip={text}, labeltooltip={text}")
        };
        let line = match reverse(picture, i) {
            // The other one writes the pair.
            Some(_) if drawn_as(picture, i) != i => continue,
            Some(r) => {
                let Some(back) = picture.edges.get(r) else {
                    continue;
                };
                format!(
                    "{a} -> {b} [label=\"{}\", dir=both, {}]",
                    both_ways(edge, back, picture.rankdir),
                    tip(&[edge, back])
                )
            }
            None => {
                let look = if edge.dormant {
                    format!(", style=dashed, color=\"{DORMANT}\", fontcolor=\"#8a929e\"")
                } else if to.pays {
                    format!(", color=\"{PAYING}\", penwidth=1.8")
                } else {
                    String::new()
                };
                let (first, second, dir) = if edge.backward {
                    (b, a, ", dir=back")
                } else {
                    (a, b, "")
                };
                format!(
                    "{first} -> {second} [label=\"{}\"{dir}{look}, {}]",
                    what(edge),
                    tip(&[edge])
                )
            }
        };
        writeln!(out, "  {line};")?;
    }
    Ok(())
}

/// The edge handing work the other way between the same two nodes as edge
/// `i`, when both carry work (neither is a vacant role's).
fn reverse(picture: &Picture<'_>, i: usize) -> Option<usize> {
    let e = picture.edges.get(i)?;
    let r = picture
        .edges
        .binary_search_by_key(&(e.to, e.from), |r| (r.from, r.to))
        .ok()?;
    let back = picture.edges.get(r)?;
    (!back.dormant && !e.dormant).then_some(r)
}

/// The edge whose arrow draws edge `i` (its element is `edge_N` in SVG):
/// itself, or for two nodes that hand work to each other, the one of the
/// pair that is written as a single arrow with two heads.
pub fn drawn_as(picture: &Picture<'_>, i: usize) -> usize {
    let (Some(r), Some(edge)) = (reverse(picture, i), picture.edges.get(i)) else {
        return i;
    };
    let r_backward = picture.edges.get(r).is_some_and(|e| e.backward);
    // A handoff that sends work back is drawn as the other's second head.
    let other = if edge.backward == r_backward {
        edge.from > edge.to
    } else {
        edge.backward
    };
    if other { r } else { i }
}

/// `→ what\n← what` for two nodes that hand work to each other; nothing
/// when neither handoff says what it carries.
fn both_ways(there: &Edge<'_>, back: &Edge<'_>, dir: Rankdir) -> String {
    if there.what.is_empty() && back.what.is_empty() {
        return String::new();
    }
    let (forth, back_arrow) = match dir {
        Rankdir::LeftRight => ("→", "←"),
        Rankdir::TopBottom => ("↓", "↑"),
    };
    format!("{forth} {}\\n{back_arrow} {}", what(there), what(back))
}

/// The kinds of work an edge carries, for a label (fixed words, no escaping needed).
fn what(edge: &Edge<'_>) -> String {
    let names: Vec<&str> = edge.what.iter().map(|w| w.as_str()).collect();
    names.join(", ")
}

/// Puts the paying customers at the far end, side by side.
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
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in escape(s).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out.push('"');
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
}
