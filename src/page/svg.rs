//! Graphviz's part in the page: the DOT it is given, and the SVG it
//! returns made ready to sit inside the page.
//!
//! Each node's group in the SVG has the node's safe id already (see
//! `export::dot`); a person drawn as a row of a role's card gets one here:
//! each row's `PORT="person_x"` gains `ID="person_x" HREF="#person_x"`, and
//! Graphviz wraps the row in a group `a_person_x` (it writes a cell's id
//! only for a cell that links somewhere; the page's script keeps the link
//! from being followed).

/// The DOT of a picture, with an id on every row of a card.
pub fn dot_for_page(dot: &[u8]) -> Vec<u8> {
    const PORT: &[u8] = b" PORT=\"";
    let mut out = Vec::with_capacity(dot.len() + dot.len() / 8);
    let mut rest = dot;
    while let Some(at) = find(rest, PORT) {
        let (before, after) = rest.split_at(at + PORT.len());
        out.extend_from_slice(before);
        let port_len = after.iter().position(|&b| b == b'"').unwrap_or(0);
        let (port, tail) = after.split_at(port_len);
        out.extend_from_slice(port);
        // Ports are safe ids: letters, digits and `_`, nothing to escape.
        if !port.is_empty() && port.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_') {
            out.extend_from_slice(b"\" ID=\"");
            out.extend_from_slice(port);
            out.extend_from_slice(b"\" HREF=\"#");
            out.extend_from_slice(port);
        }
        rest = tail;
    }
    out.extend_from_slice(rest);
    out
}

/// Graphviz's SVG, ready to put inside an HTML page: from the `<svg>` tag
/// on, without comments (which repeat every node's name), and without the
/// namespace declarations, which an HTML page does not need and which
/// would put the only `http://` in the page.
pub(super) fn clean(svg: &str) -> String {
    let body = svg
        .find("<svg")
        .map_or(svg, |at| svg.get(at..).unwrap_or(svg));
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("<!--") {
        out.push_str(rest.get(..at).unwrap_or_default());
        let after = rest.get(at..).unwrap_or_default();
        rest = after
            .find("-->")
            .and_then(|end| after.get(end + 3..))
            .unwrap_or_default();
        // A comment alone on its line leaves no blank line behind.
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
    for declaration in [
        " xmlns=\"http://www.w3.org/2000/svg\"",
        " xmlns:xlink=\"http://www.w3.org/1999/xlink\"",
    ] {
        out = out.replacen(declaration, "", 1);
    }
    out
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each port gets an id and a link; a port that is not a safe id, and
    /// anything that merely looks like one, is left alone.
    #[test]
    fn rows_get_ids() {
        let dot = br#"<TD PORT="person_a" BGCOLOR="x">, <TD PORT="a b">, "PORT=\"x\"""#;
        let page = dot_for_page(dot);
        assert_eq!(
            String::from_utf8_lossy(&page),
            r##"<TD PORT="person_a" ID="person_a" HREF="#person_a" BGCOLOR="x">, <TD PORT="a b">, "PORT=\"x\"""##
        );
    }

    /// The prolog, comments and namespaces go; the drawing stays.
    #[test]
    fn cleans_graphviz_svg() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- Generated -->\n\
                   <svg width=\"10pt\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n\
                   <!-- person:a -->\n<g id=\"person_a\" class=\"node\"></g>\n</svg>\n";
        assert_eq!(
            clean(svg),
            "<svg width=\"10pt\">\n<g id=\"person_a\" class=\"node\"></g>\n</svg>\n"
        );
    }
}
