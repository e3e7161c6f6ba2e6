//! `chain graph FILE -o team.html`: the page ([`crate::page`]).

use std::time::Duration;

use super::Output;
use super::graph::{graphviz_said, warn};
use crate::cli::{self, GraphArgs};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::export::render::render_if_installed;
use crate::export::target::Image;
use crate::export::{Collapse, Format, Options, Picture};
use crate::model::Org;
use crate::page::{Diagram, Why, dot_for_page};

/// More people than this are drawn one box per team (or per role) on the
/// page unless `--collapse` or `--focus` says otherwise: the page opens
/// fast, and a click on a box lists its people.
const PAGE_PEOPLE: usize = 150;

/// Graphviz lays out more edges than this too slowly for a page (about
/// half a second at 300, 12 s at 900): chain's own layout draws it instead.
const PAGE_GRAPHVIZ_EDGES: usize = 500;

/// The view of a large organisation: one box per team (or per role when
/// nobody has a team), and the note that says so on the page.
pub(super) fn collapse_large(args: &GraphArgs, org: &Org, options: &mut Options) -> Option<String> {
    let n = org.people.len();
    if n <= PAGE_PEOPLE || args.collapse != cli::Collapse::None || args.focus.is_some() {
        return None;
    }
    let by_team = org.people.iter().any(|p| p.team.is_some());
    options.collapse = if by_team {
        Collapse::Teams
    } else {
        Collapse::Roles
    };
    let unit = if by_team { "team" } else { "role" };
    Some(format!(
        "{n} people, drawn one box per {unit}: click a box to list its people, or search for anyone"
    ))
}

/// The diagram: Graphviz's SVG when it is installed and the picture is
/// small enough for it, else chain's own layout.
pub(super) fn diagram(
    picture: &Picture<'_>,
    args: &GraphArgs,
    output: &mut Output<'_>,
) -> Result<Diagram, Error> {
    if picture.edges.len() > PAGE_GRAPHVIZ_EDGES {
        return Ok(Diagram::Builtin(Why::TooLarge));
    }
    let mut dot = Vec::new();
    picture
        .write(&mut dot, Format::Dot)
        .map_err(anyhow::Error::new)?;
    let limit = (args.graphviz_timeout > 0).then(|| Duration::from_secs(args.graphviz_timeout));
    match render_if_installed(&dot_for_page(&dot), Image::Svg, limit) {
        Ok(Some(rendered)) => {
            graphviz_said(output, &rendered)?;
            Ok(Diagram::Graphviz(
                String::from_utf8_lossy(&rendered.bytes).into_owned(),
            ))
        }
        Ok(None) => Ok(Diagram::Builtin(Why::NoGraphviz)),
        Err(e) => {
            let said = match e {
                Error::Message(d) => *d,
                _ => Diagnostic::error("Graphviz could not lay the page's diagram out"),
            };
            warn(
                output,
                said.help("chain's own layout draws the page's diagram instead"),
            )?;
            Ok(Diagram::Builtin(Why::GraphvizFailed))
        }
    }
}
