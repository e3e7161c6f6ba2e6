//! Tooltips, which SVG shows on hover: for an arrow, who hands what to
//! whom and the notes of its handoffs; for a node, its id, its people, its
//! distance to a paying customer and its marks.

use super::super::{Edge, Node, NodeKind, Picture};
use crate::text::escape;

/// Notes shown for one arrow before "and N more".
const NOTES: usize = 12;
/// People named in a card's tooltip before "and N more".
const PEOPLE: usize = 20;

/// `lines` as one DOT string, a line each (`\n` between them). Graphviz
/// reads a tooltip's backslashes twice (as a string, then for `\G`, `\N`
/// and the like), so each backslash of the text is written four times;
/// quotes are escaped and control characters shown as `\u{..}`.
pub fn quoted(lines: &[String]) -> String {
    let mut out = String::from("\"");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        for c in escape(line).chars() {
            match c {
                '\\' => out.push_str("\\\\\\\\"),
                '"' => out.push_str("\\\""),
                c => out.push(c),
            }
        }
    }
    out.push('"');
    out
}

/// The tooltip of a node.
pub fn node(picture: &Picture<'_>, node: &Node<'_>) -> Vec<String> {
    let mut lines = vec![format!(
        "{} ({} `{}`)",
        node.name,
        node.kind.as_str(),
        node.key
    )];
    if let Some(team) = node.team {
        lines.push(format!("team: {team}"));
    }
    let people: Vec<&Node<'_>> = node
        .rows
        .iter()
        .chain(&node.also)
        .filter_map(|&i| picture.nodes.get(i))
        .collect();
    for person in people.iter().take(PEOPLE) {
        lines.push(format!("· {} (`{}`)", person.name, person.key));
    }
    if people.len() > PEOPLE {
        lines.push(format!("and {} more", people.len() - PEOPLE));
    }
    lines.push(match (node.pays, node.distance) {
        (true, _) => "a paying customer".to_string(),
        (false, Some(1)) => "1 handoff from a paying customer".to_string(),
        (false, Some(d)) => format!("{d} handoffs from a paying customer"),
        (false, None) if node.kind == NodeKind::External => "pays nothing".to_string(),
        (false, None) => "reaches no paying customer".to_string(),
    });
    if node.vacant {
        lines.push("vacant: nobody holds the role, so work handed to it stops here".to_string());
    }
    if node.mark.single_point {
        lines.push(
            "single point: every chain of some others to a paying customer passes here".to_string(),
        );
    }
    lines
}

/// The tooltip of an arrow standing for `edges` (two for a two-way arrow).
pub fn edges(picture: &Picture<'_>, edges: &[&Edge<'_>]) -> Vec<String> {
    let name = |i: usize| picture.nodes.get(i).map_or("", |n| n.name);
    let mut lines = Vec::new();
    for edge in edges {
        let what: Vec<&str> = edge.what.iter().map(|w| w.as_str()).collect();
        let mut head = format!("{} → {}", name(edge.from), name(edge.to));
        if !what.is_empty() {
            head.push_str(": ");
            head.push_str(&what.join(", "));
        }
        lines.push(head);
        if edge.dormant {
            lines.push("carries nothing while nobody holds the role".to_string());
        }
        for note in edge.notes.iter().take(NOTES) {
            lines.push(match note.what {
                Some(w) => format!("· {}: {}", w.as_str(), note.text),
                None => format!("· {}", note.text),
            });
        }
        if edge.notes.len() > NOTES {
            lines.push(format!("and {} more", edge.notes.len() - NOTES));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines are joined by DOT's newline; a backslash of the text is four,
    /// so Graphviz shows it as written.
    #[test]
    fn quotes_lines() {
        let lines = ["a \\N \"b\"".to_string(), "c\nd".to_string()];
        assert_eq!(quoted(&lines), "\"a \\\\\\\\N \\\"b\\\"\\nc\\\\\\\\u{a}d\"");
    }
}
