//! Drawing chain's own layout ([`super::layout`]) as SVG, in the shape
//! Graphviz's SVG has, so the page's script treats both alike: a group per
//! node with the node's safe id and class `node`; a group `a_person_x` per
//! row of a card; a group `edge_N` per edge, class `edge`, with a path and
//! an arrowhead. Each has the tooltip the DOT gives Graphviz as its
//! `<title>`: who hands what to whom, and the notes. Colours come from the
//! page's style sheet, by class: the kind of node and its marks.
//!
//! Every string from the team file is escaped ([`crate::markup::html`]).

use std::fmt::Write as _;

use super::layout::{DETAIL_LINE, Layout, MARGIN, NAME_LINE, PAD, Rect};
use crate::export::{Edge, Node, NodeKind, Picture, ids, tooltip};
use crate::markup::html;

/// Draws `picture` laid out by `layout`.
pub(super) fn svg(picture: &Picture<'_>, layout: &Layout) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg class=\"builtin\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\">\n<g id=\"graph0\" class=\"graph\">",
        w = layout.width,
        h = layout.height
    );
    headings(layout, &mut out);
    for (i, edge) in picture.edges.iter().enumerate() {
        draw_edge(picture, layout, i, edge, &mut out);
    }
    for (i, node) in picture.nodes.iter().enumerate() {
        if node.card.is_none() {
            draw_node(picture, layout, i, node, &mut out);
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// A heading over each column: how far it is from a paying customer.
fn headings(layout: &Layout, out: &mut String) {
    for column in &layout.columns {
        let words = match column.distance {
            None => "reach no paying customer".to_string(),
            Some(0) => "paying customers".to_string(),
            Some(1) => "1 handoff to pay".to_string(),
            Some(d) => format!("{d} handoffs to pay"),
        };
        let _ = writeln!(
            out,
            "<text class=\"column\" x=\"{:.1}\" y=\"{:.1}\">{words}</text>",
            column.x + column.w / 2.0,
            MARGIN + 4.0
        );
    }
}

/// A node's box: a card with its rows, or a name over its details.
fn draw_node(picture: &Picture<'_>, layout: &Layout, i: usize, node: &Node<'_>, out: &mut String) {
    let Some(&r) = layout.rects.get(i) else {
        return;
    };
    let _ = writeln!(
        out,
        "<g id=\"{}\" class=\"node {}\"><title>{}</title>",
        ids::safe(node.kind.as_str(), node.key),
        classes(node),
        html(&tooltip::node(picture, node).join("\n"))
    );
    let radius = if node.kind == NodeKind::External {
        r.h / 2.0
    } else {
        8.0
    };
    let _ = writeln!(
        out,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"{radius:.1}\"/>",
        r.x, r.y, r.w, r.h
    );
    let centred = !node.is_card();
    lines(node, r, centred, out);
    for row in layout.rows.iter().filter(|row| row.card == i) {
        let Some(person) = picture.nodes.get(row.person) else {
            continue;
        };
        let id = ids::safe(person.kind.as_str(), person.key);
        // Only the row in the person's own card carries their id.
        let tip = html(&tooltip::node(picture, person).join("\n"));
        let group = if row.own {
            format!(
                "<g id=\"a_{id}\" class=\"row {}\"><title>{tip}</title>",
                classes(person)
            )
        } else {
            format!(
                "<g class=\"row also {}\"><title>{tip}</title>",
                classes(person)
            )
        };
        let _ = writeln!(
            out,
            "{group}<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\"/>",
            row.rect.x, row.rect.y, row.rect.w, row.rect.h
        );
        lines(person, row.rect, false, out);
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

/// The classes that colour a node: its kind, and its marks.
fn classes(node: &Node<'_>) -> String {
    let mut classes = vec![node.kind.as_str()];
    if node.is_card() {
        classes.push("card");
    }
    if node.pays {
        classes.push("pays");
    }
    for mark in node.mark.names() {
        classes.push(mark);
    }
    if node.vacant && !classes.contains(&"vacant") {
        classes.push("vacant");
    }
    classes.join(" ")
}

/// A node's name in bold, then its details, from the top of `r`.
fn lines(node: &Node<'_>, r: Rect, centred: bool, out: &mut String) {
    let (x, anchor) = if centred {
        (r.x + r.w / 2.0, "middle")
    } else {
        (r.x + PAD, "start")
    };
    let mut y = r.y + PAD + 14.0;
    let _ = writeln!(
        out,
        "<text class=\"name\" x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\">{}</text>",
        html(node.name)
    );
    y += NAME_LINE - 4.0;
    for line in node.details() {
        let _ = writeln!(
            out,
            "<text class=\"detail\" x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\">{}</text>",
            html(line)
        );
        y += DETAIL_LINE;
    }
}

/// An edge: a curve from the giver's right side to the receiver's left,
/// looping over the top when the receiver is not further right, with an
/// arrowhead and what is handed over.
fn draw_edge(picture: &Picture<'_>, layout: &Layout, i: usize, edge: &Edge<'_>, out: &mut String) {
    let (Some(&a), Some(&b)) = (layout.rects.get(edge.from), layout.rects.get(edge.to)) else {
        return;
    };
    let (x0, y0) = (a.right(), a.mid_y());
    let (x1, y1) = (b.x - 6.0, b.mid_y());
    let (c0, c1) = if x1 > x0 + 20.0 {
        let dx = (x1 - x0) / 2.0;
        ((x0 + dx, y0), (x1 - dx, y1))
    } else {
        let lift = 60.0 + (x0 - x1).abs() / 4.0;
        ((x0 + 80.0, y0 - lift), (x1 - 80.0, y1 - lift))
    };
    let class = if edge.dormant { "edge dormant" } else { "edge" };
    let _ = writeln!(
        out,
        "<g id=\"edge_{i}\" class=\"{class}\"><title>{}</title>",
        html(&tooltip::edges(picture, &[edge]).join("\n"))
    );
    let _ = writeln!(
        out,
        "<path d=\"M{x0:.1},{y0:.1} C{:.1},{:.1} {:.1},{:.1} {x1:.1},{y1:.1}\"/>",
        c0.0, c0.1, c1.0, c1.1
    );
    arrowhead((c1.0, c1.1), (x1, y1), out);
    let what: Vec<&str> = edge.what.iter().map(|w| w.as_str()).collect();
    if !what.is_empty() {
        // The middle of the curve.
        let mx = (x0 + 3.0 * c0.0 + 3.0 * c1.0 + x1) / 8.0;
        let my = (y0 + 3.0 * c0.1 + 3.0 * c1.1 + y1) / 8.0;
        let _ = writeln!(
            out,
            "<text class=\"what\" x=\"{mx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            my - 4.0,
            what.join(", ")
        );
    }
    out.push_str("</g>\n");
}

/// A filled triangle at `tip`, pointing away from `from`.
fn arrowhead(from: (f64, f64), tip: (f64, f64), out: &mut String) {
    let (dx, dy) = (tip.0 - from.0, tip.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-6);
    let (ux, uy) = (dx / len, dy / len);
    let (bx, by) = (tip.0 - 10.0 * ux, tip.1 - 10.0 * uy);
    let (px, py) = (-uy * 4.5, ux * 4.5);
    let _ = writeln!(
        out,
        "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\"/>",
        tip.0 + 6.0 * ux,
        tip.1 + 6.0 * uy,
        bx + px,
        by + py,
        bx - px,
        by - py
    );
}
