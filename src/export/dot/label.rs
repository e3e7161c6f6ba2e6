//! The HTML-like labels of the DOT: a node's name over its details, a
//! role's card with a row per person, the title with a key to what the
//! picture shows, and the look of each kind of node.
//!
//! Names are 14 pt (bold for people and roles), every other line 12 pt.
//! Text from the team file goes through [`html`].

use std::fmt::Write as _;

use super::super::marks::DEAD_END;
use super::super::{Mark, Node, NodeKind, Picture};
use super::port;
use crate::text::escape;

/// The look of a role's card, of a person, and of the marks.
const CARD_FILL: &str = "#e6f4ea";
const CARD_LINE: &str = "#4f8a5b";
const CARD_TITLE: &str = "#24502f";
const PERSON_FILL: &str = "#e3ecfa";
const PERSON_LINE: &str = "#5b7db1";
const VACANT_FILL: &str = "#f3f4f6";
const VACANT_LINE: &str = "#8a929e";
const VACANCY_FILL: &str = "#fff4e6";
const VACANCY_LINE: &str = "#dd6b20";
const SINGLE_FILL: &str = "#fff1c2";
const SINGLE_LINE: &str = "#b7791f";
const DEAD_FILL: &str = "#fde2e2";
const DEAD_LINE: &str = "#c53030";
const FOCUS_LINE: &str = "#1a365d";

/// The label of a node that is not a card: the name in bold, then the
/// detail and the marks.
pub fn node(node: &Node<'_>) -> String {
    let mut out = format!("<<B>{}</B>", html(node.name));
    for line in node.details() {
        let _ = write!(out, "<BR/><FONT POINT-SIZE=\"12\">{}</FONT>", html(line));
    }
    out.push('>');
    out
}

/// The fill and line colours of a marked node, if it is marked: a dead
/// end before a single point before a vacancy.
fn marked(mark: Mark) -> Option<(&'static str, &'static str)> {
    if mark.dead_end {
        Some((DEAD_FILL, DEAD_LINE))
    } else if mark.single_point {
        Some((SINGLE_FILL, SINGLE_LINE))
    } else if mark.vacant {
        Some((VACANCY_FILL, VACANCY_LINE))
    } else {
        None
    }
}

/// What sets a node that is not a card apart from the default (a
/// person's blue box).
pub fn style(node: &Node<'_>) -> String {
    let shape = match node.kind {
        NodeKind::External if node.pays => {
            ", shape=ellipse, style=\"filled,bold\", fillcolor=\"#fde9a8\", color=\"#b7791f\", penwidth=2"
        }
        NodeKind::External => ", shape=ellipse, fillcolor=\"#eef0f3\", color=\"#7a8494\"",
        NodeKind::Role if node.vacant => {
            ", style=\"rounded,dashed,filled\", fontcolor=\"#374151\", penwidth=1.5"
        }
        NodeKind::Role => ", fillcolor=\"#e6f4ea\", color=\"#4f8a5b\"",
        NodeKind::Team => ", shape=box3d, style=filled, fillcolor=\"#ece6f7\", color=\"#6b5b95\"",
        NodeKind::Person => "",
    };
    let colours = match (marked(node.mark), node.vacant) {
        (Some((fill, line)), _) => format!(", fillcolor=\"{fill}\", color=\"{line}\""),
        (None, true) => format!(", fillcolor=\"{VACANT_FILL}\", color=\"{VACANT_LINE}\""),
        (None, false) => String::new(),
    };
    let focus = if node.focus {
        format!(", penwidth=3, color=\"{FOCUS_LINE}\"")
    } else {
        String::new()
    };
    format!("{shape}{colours}{focus}")
}

/// A role's card: its title, then a row for each person whose card it is
/// (the port their handoffs use), then the other holders drawn, each
/// saying which card their row is in.
pub fn card(picture: &Picture<'_>, role: &Node<'_>) -> String {
    let (fill, line) = marked(role.mark).unwrap_or((CARD_FILL, CARD_LINE));
    let (border, line) = if role.focus {
        (3, FOCUS_LINE)
    } else {
        (1, line)
    };
    let mut out = format!(
        "<<TABLE BORDER=\"{border}\" COLOR=\"{line}\" BGCOLOR=\"{fill}\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"6\" STYLE=\"rounded\"><TR><TD><FONT COLOR=\"{CARD_TITLE}\"><B>{}</B></FONT>",
        html(role.name)
    );
    for line in role.mark.lines() {
        let _ = write!(out, "<BR/><FONT POINT-SIZE=\"12\">{}</FONT>", html(line));
    }
    out.push_str("</TD></TR>");
    for &i in &role.rows {
        if let Some(person) = picture.nodes.get(i) {
            row(&mut out, person, Some(&port(person)), None);
        }
    }
    for &i in &role.also {
        if let Some(person) = picture.nodes.get(i) {
            let home = person.card.and_then(|c| picture.nodes.get(c));
            row(&mut out, person, None, home.map(|h| h.name));
        }
    }
    out.push_str("</TABLE>>");
    out
}

/// One person's row of a card.
fn row(out: &mut String, person: &Node<'_>, port: Option<&str>, also: Option<&str>) {
    let (fill, line) = marked(person.mark).unwrap_or(("#ffffff", CARD_LINE));
    let border = match (person.focus, person.mark.any()) {
        (true, _) => format!(" BORDER=\"3\" COLOR=\"{FOCUS_LINE}\""),
        (false, true) => format!(" BORDER=\"1\" COLOR=\"{line}\""),
        (false, false) => String::new(),
    };
    let port = port.map(|p| format!(" PORT=\"{p}\"")).unwrap_or_default();
    let _ = write!(
        out,
        "<TR><TD{port} BGCOLOR=\"{fill}\"{border}><B>{}</B>",
        html(person.name)
    );
    let also = also.map(|home| format!("also {home}"));
    for line in also.as_deref().into_iter().chain(person.details()) {
        let _ = write!(out, "<BR/><FONT POINT-SIZE=\"12\">{}</FONT>", html(line));
    }
    out.push_str("</TD></TR>");
}

/// The graph's label: the organisation's name, and under it a key to the
/// shapes, colours and marks the picture uses (and only those); `""` when
/// there is neither (Graphviz refuses a table without rows).
pub fn header(picture: &Picture<'_>) -> String {
    let mut rows = String::new();
    if let Some(title) = picture.title {
        let _ = write!(
            rows,
            "<TR><TD><FONT POINT-SIZE=\"24\"><B>{}</B></FONT></TD></TR>",
            html(title)
        );
    }
    let key = key(picture);
    if !key.is_empty() {
        rows.push_str("<TR><TD><TABLE BORDER=\"0\" CELLSPACING=\"6\" CELLPADDING=\"4\"><TR>");
        for (fill, line, dashed, text) in key {
            let style = if dashed { "dashed" } else { "rounded" };
            let _ = write!(
                rows,
                "<TD BGCOLOR=\"{fill}\" COLOR=\"{line}\" BORDER=\"1\" STYLE=\"{style}\"><FONT POINT-SIZE=\"12\">{text}</FONT></TD>"
            );
        }
        rows.push_str("</TR></TABLE></TD></TR>");
    }
    if rows.is_empty() {
        return "\"\"".to_string();
    }
    format!("<<TABLE BORDER=\"0\" CELLSPACING=\"4\">{rows}</TABLE>>")
}

/// The entries of the key: fill, line, dashed, text (fixed words).
fn key(picture: &Picture<'_>) -> Vec<(&'static str, &'static str, bool, &'static str)> {
    let nodes = &picture.nodes;
    let any = |test: &dyn Fn(&Node<'_>) -> bool| nodes.iter().any(test);
    let loose = |n: &Node<'_>| n.kind == NodeKind::Person && n.card.is_none();
    let collapsed = |n: &Node<'_>| n.kind == NodeKind::Role && !n.vacant && !n.is_card();
    let entries = [
        (
            any(&|n| n.is_card()),
            CARD_FILL,
            CARD_LINE,
            false,
            "role: its people inside",
        ),
        (any(&collapsed), CARD_FILL, CARD_LINE, false, "role"),
        (any(&loose), PERSON_FILL, PERSON_LINE, false, "person"),
        (
            any(&|n| n.kind == NodeKind::Team),
            "#ece6f7",
            "#6b5b95",
            false,
            "team",
        ),
        (
            any(&|n| n.pays),
            "#fde9a8",
            "#b7791f",
            false,
            "paying customer",
        ),
        (
            any(&|n| n.kind == NodeKind::External && !n.pays),
            "#eef0f3",
            "#7a8494",
            false,
            "external customer",
        ),
        (
            any(&|n| n.vacant),
            VACANT_FILL,
            VACANT_LINE,
            true,
            "vacant role: its handoffs (dashed) carry nothing",
        ),
        (
            any(&|n| n.mark.dead_end),
            DEAD_FILL,
            DEAD_LINE,
            false,
            DEAD_END,
        ),
        (
            any(&|n| n.mark.single_point),
            SINGLE_FILL,
            SINGLE_LINE,
            false,
            "⚠ single point: the only route of others",
        ),
    ];
    entries
        .into_iter()
        .filter_map(|(used, fill, line, dashed, text)| used.then_some((fill, line, dashed, text)))
        .collect()
}

/// Text for inside an HTML label: markup characters as entities,
/// backslashes doubled, control characters and the two characters XML
/// refuses (U+FFFE, U+FFFF) shown as `\u{..}`.
pub fn html(s: &str) -> String {
    let shown = escape(s);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            // Graphviz expands `\G`, `\N` and the like even in HTML labels.
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(out, "\\\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markup becomes entities; XML's forbidden characters are shown escaped.
    #[test]
    fn escapes_html_labels() {
        assert_eq!(html("<b>&\"</b>"), "&lt;b&gt;&amp;&quot;&lt;/b&gt;");
        assert_eq!(html("a\u{fffe}\u{7}"), "a\\\\u{fffe}\\\\u{7}");
        assert_eq!(html("\\G"), "\\\\G");
    }
}
