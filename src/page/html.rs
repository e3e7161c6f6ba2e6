//! The document: `page.html` with the style, the diagram, the cards, the
//! data and the script put in at its markers (`@@name@@`, which only the
//! template has: text from the team file is never searched for markers).
//!
//! The Content-Security-Policy forbids every request (`default-src
//! 'none'`) and lets only the page's own script run, named by its SHA-256
//! hash: were anything in the page to slip past the escaping as a script,
//! the browser would not run it. Style is allowed inline
//! (`'unsafe-inline'`), for the `<style>` block and the `style` attributes
//! Graphviz may write into its SVG; style cannot run code.

use std::io::{self, Write};

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::data::Data;
use super::layout::Layout;
use super::{Diagram, Page, draw, svg};
use crate::card::Cards;
use crate::markup::html as escape;
use crate::model::Org;
use crate::walk::CHAIN_LIMIT;

const TEMPLATE: &str = include_str!("page.html");
const STYLE: &str = include_str!("page.css");
/// The script: one function over the files of `script/`, in this order.
const SCRIPT: &str = concat!(
    include_str!("script/data.js"),
    include_str!("script/walk.js"),
    include_str!("script/diagram.js"),
    include_str!("script/panel.js"),
    include_str!("script/main.js"),
);

/// More people than this, and the page leaves the cards out: a card lists
/// everyone a customer is reached by, and a role's card all its holders,
/// so the cards of 100,000 people would make a page of hundreds of
/// megabytes that no browser opens. The panel then says to use `chain card`.
const PAGE_CARDS: usize = 10_000;

/// Whether the page of `org` carries the cards.
pub(super) fn with_cards(org: &Org) -> bool {
    org.people.len() <= PAGE_CARDS
}

/// Writes the page.
pub(super) fn write(page: &Page<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let mut rest = TEMPLATE;
    while let Some((before, marker, after)) = next_marker(rest) {
        out.write_all(before.as_bytes())?;
        match marker {
            "csp" => out.write_all(policy().as_bytes())?,
            "title" => out.write_all(escape(&crate::text::escape(title(page))).as_bytes())?,
            "style" => out.write_all(STYLE.as_bytes())?,
            "diagram" => out.write_all(diagram(page).as_bytes())?,
            "cards" => cards(page, &mut out)?,
            "data" => data(page, &mut out)?,
            "script" => out.write_all(SCRIPT.as_bytes())?,
            _ => {}
        }
        rest = after;
    }
    out.write_all(rest.as_bytes())?;
    out.flush()
}

/// The text before the next `@@name@@`, the name, and the text after it.
fn next_marker(text: &str) -> Option<(&str, &str, &str)> {
    let (before, rest) = text.split_once("@@")?;
    let (name, after) = rest.split_once("@@")?;
    Some((before, name, after))
}

/// The Content-Security-Policy: nothing fetched, only this script run.
fn policy() -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT));
    format!(
        "default-src 'none'; script-src 'sha256-{hash}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
    )
}

fn title<'a>(page: &Page<'a>) -> &'a str {
    page.org.name.as_deref().unwrap_or("chain")
}

/// The diagram: Graphviz's, or chain's own layout of the picture.
fn diagram(page: &Page<'_>) -> String {
    match &page.diagram {
        Diagram::Graphviz(text) => svg::clean(text),
        Diagram::Builtin(_) => draw::svg(page.picture, &Layout::new(page.picture)),
    }
}

/// Each party's card, in a `<template>` the script copies from when the
/// party is clicked: inert until then. Parties named on a card link to
/// their own cards (`#party-N`), which the script opens. None for an
/// organisation too large for them ([`with_cards`]).
fn cards(page: &Page<'_>, out: &mut dyn Write) -> io::Result<()> {
    if !with_cards(page.org) {
        return Ok(());
    }
    let cards = Cards::new(page.org, page.graph, CHAIN_LIMIT);
    let link = |party| format!("#party-{}", page.org.number(party));
    for (n, party) in page.org.parties().enumerate() {
        write!(out, "<template id=\"card-{n}\">")?;
        cards.card(party).write_html_body(out, Some(&link))?;
        out.write_all(b"</template>\n")?;
    }
    Ok(())
}

/// The data as JSON that cannot end its `<script>` block: `<`, `>` and
/// `&` written as `\u003c`, `\u003e` and `\u0026` (they can only be in
/// strings, where JSON reads them back as they were); U+2028 and U+2029
/// are escaped already ([`crate::json`]).
fn data(page: &Page<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut json = Vec::new();
    crate::json::to_writer(&mut json, &Data::new(page))?;
    // Runs of other bytes are copied whole.
    let mut rest = json.as_slice();
    while let Some(at) = rest.iter().position(|b| matches!(b, b'<' | b'>' | b'&')) {
        let (run, tail) = rest.split_at(at);
        out.write_all(run)?;
        let escaped: &[u8] = match tail.first() {
            Some(b'<') => b"\\u003c",
            Some(b'>') => b"\\u003e",
            _ => b"\\u0026",
        };
        out.write_all(escaped)?;
        rest = tail.get(1..).unwrap_or_default();
    }
    out.write_all(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The template has each marker once, and nothing else between `@@`s.
    #[test]
    fn the_template_has_every_marker() {
        let mut names = Vec::new();
        let mut rest = TEMPLATE;
        while let Some((_, name, after)) = next_marker(rest) {
            names.push(name);
            rest = after;
        }
        assert_eq!(
            names,
            [
                "csp", "title", "style", "diagram", "cards", "data", "script"
            ]
        );
    }

    /// The script and style cannot end their blocks early, nor hold a
    /// marker.
    #[test]
    fn the_script_and_style_stay_in_their_blocks() {
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
        assert!(!STYLE.to_ascii_lowercase().contains("</style"));
        assert!(!SCRIPT.contains("@@") && !STYLE.contains("@@"));
    }
}
