//! The page: `chain graph FILE -o team.html`, one self-contained HTML file
//! to click through. Click a person, role or external customer and everyone
//! they serve lights up (or everyone who serves them), with their shortest
//! chain to a paying customer; their card shows beside the diagram, and the
//! findings of `chain check` under it.
//!
//! Everything is inline and nothing is fetched: the page opens by
//! double-click or from a CI artefact, and its Content-Security-Policy
//! forbids any request. The script never evaluates anything from the team
//! file: the data is one JSON document in a `<script type="application/json">`
//! block, read with `JSON.parse`, and every string from it is shown with
//! `textContent` or `setAttribute`.
//!
//! - `data`: what the script reads: the parties, the customer graph
//!   itself (the script walks it with the 0-1 breadth-first search
//!   `chain map ID` uses, so a click costs time linear in the file, and
//!   what lights up is what `chain map` reports), each party's next step
//!   towards a paying customer (`next`), the marks and the findings;
//! - the cards: each party's card, written by [`crate::card`] as HTML,
//!   in a `<template>` of its own;
//! - the diagram: Graphviz's SVG of the picture when `dot` is installed
//!   (`svg` prepares its input and cleans its output), else a layout of
//!   chain's own (`layout`, drawn by `draw`);
//! - `html`: the document around them, from `page.html`, `page.css` and
//!   the script in `script/`.

mod data;
mod draw;
mod html;
mod layout;
mod next;
mod svg;

use std::io::{self, Write};

pub use svg::dot_for_page;

use crate::export::{Marks, Picture};
use crate::finding::Finding;
use crate::graph::CustomerGraph;
use crate::model::Org;
use crate::source::Sources;

/// How the diagram on the page was laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Diagram {
    /// Graphviz's SVG of the picture's DOT (`dot -Tsvg`), as it came.
    Graphviz(String),
    /// chain's own layout: columns by handoffs to a paying customer; and
    /// why not Graphviz's, as the page says it.
    Builtin(Why),
}

/// Why the page's diagram is chain's own layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Graphviz is not installed.
    NoGraphviz,
    /// The picture has too many arrows for Graphviz to lay out quickly.
    TooLarge,
    /// Graphviz failed (chain has warned, saying why).
    GraphvizFailed,
}

impl Why {
    /// What the page says.
    fn says(self) -> &'static str {
        match self {
            Why::NoGraphviz => "install Graphviz for a tidier layout",
            Why::TooLarge => "too many arrows for Graphviz to lay out quickly",
            Why::GraphvizFailed => "Graphviz failed",
        }
    }
}

/// Everything one page shows.
pub struct Page<'a> {
    /// The organisation.
    pub org: &'a Org,
    /// Its customer graph.
    pub graph: &'a CustomerGraph,
    /// The files read, for the findings' lines and columns.
    pub sources: &'a Sources,
    /// The picture drawn.
    pub picture: &'a Picture<'a>,
    /// How it was laid out.
    pub diagram: Diagram,
    /// The findings of `chain check` at their default severities (and the
    /// file's `[check]`), in report order.
    pub findings: &'a [Finding],
    /// The vacancies, dead ends and single points marked on the parties.
    pub marks: &'a Marks,
    /// Why the picture is not the one asked for (a large organisation
    /// drawn by team), to say on the page.
    pub note: Option<String>,
}

impl Page<'_> {
    /// Writes the page: the same bytes for the same input on every run.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        html::write(self, out)
    }
}
