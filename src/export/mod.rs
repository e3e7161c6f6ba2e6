//! Diagrams of the customer graph: a format-neutral [`Picture`] (nodes,
//! clusters and edges, sorted) built from the organisation according to the
//! view asked for, and one short module per output format.
//!
//! The picture is the single place that decides what is drawn; the format
//! modules only spell it out, escaping every string they interpolate.

mod build;
mod dot;
mod json;
mod mermaid;
mod nodes;
pub mod render;
pub mod target;

use std::io::{self, Write};

use crate::model::{Party, What};
use crate::walk::Way;

pub use build::TooBig;

/// What one node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collapse {
    /// One node per person (and per vacant role and external customer).
    None,
    /// One node per role; people who hold no role stay people.
    Roles,
    /// One node per team; people with no team stay people.
    Teams,
}

impl Collapse {
    /// The name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Collapse::None => "none",
            Collapse::Roles => "roles",
            Collapse::Teams => "teams",
        }
    }
}

/// How people are boxed together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    /// One box per team.
    Team,
    /// One box per role: the first role listed for a person, since a person
    /// is drawn once and boxes cannot overlap.
    Role,
    /// No boxes.
    None,
}

impl GroupBy {
    /// The name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Team => "team",
            GroupBy::Role => "role",
            GroupBy::None => "none",
        }
    }
}

/// Draw only one party and everyone it serves (or who serves it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Focus {
    /// The party in the middle of the picture.
    pub party: Party,
    /// Downstream: everyone it serves; upstream: everyone who serves it.
    pub way: Way,
    /// At most this many handoffs away.
    pub depth: Option<u32>,
}

/// What to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// One node per person, role or team.
    pub collapse: Collapse,
    /// Boxes around people.
    pub group_by: GroupBy,
    /// Only part of the organisation.
    pub focus: Option<Focus>,
    /// Refuse pictures with more edges than this.
    pub max_edges: u64,
}

/// What kind of thing a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKind {
    /// A team (with `--collapse teams`).
    Team,
    /// A person.
    Person,
    /// A role: always drawn when vacant, and for every role with `--collapse roles`.
    Role,
    /// An external customer.
    External,
}

impl NodeKind {
    /// The lowercase name used in ids and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Team => "team",
            NodeKind::Person => "person",
            NodeKind::Role => "role",
            NodeKind::External => "external",
        }
    }
}

/// One node of the picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node<'a> {
    /// What it is.
    pub kind: NodeKind,
    /// Its id in the team file, or the team's name.
    pub key: &'a str,
    /// The first line of its label: a name, title or team.
    pub name: &'a str,
    /// The second line of its label: roles, "vacant role", a head count.
    pub detail: Option<String>,
    /// For people: the ids of the roles held, in file order.
    pub roles: Vec<&'a str>,
    /// For people: their team.
    pub team: Option<&'a str>,
    /// For roles and teams: how many people they stand for.
    pub people: Option<usize>,
    /// A paying external customer.
    pub pays: bool,
    /// A role nobody holds.
    pub vacant: bool,
    /// The party `--focus` names (or stands for).
    pub focus: bool,
    /// Index into [`Picture::clusters`].
    pub cluster: Option<usize>,
    /// The fewest handoffs from here to a paying customer (for a team, from
    /// its nearest member), if any route exists.
    pub distance: Option<u32>,
}

impl Node<'_> {
    /// The label's lines: the name, then the detail if any.
    pub fn label_lines(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name).chain(self.detail.as_deref())
    }

    /// A stable id, unique in the picture: `kind:key` (teams and parties
    /// have separate namespaces in the team file, kinds keep them apart).
    pub fn id(&self) -> String {
        format!("{}:{}", self.kind.as_str(), self.key)
    }
}

/// A box drawn around some nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster<'a> {
    /// What groups them: `team` or `role`.
    pub by: GroupBy,
    /// The team name or role id.
    pub key: &'a str,
    /// Shown on the box: the team name or the role title.
    pub label: &'a str,
}

/// One edge: every handoff from one node to another, merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// Index into [`Picture::nodes`] of the giver.
    pub from: usize,
    /// Index into [`Picture::nodes`] of the receiver.
    pub to: usize,
    /// What the handoffs carry, in documentation order, without repeats.
    pub what: Vec<What>,
    /// How many handoffs the edge stands for.
    pub handoffs: usize,
    /// The work goes no nearer to a paying customer (a rework loop, help
    /// handed back up the line): layouts should not let it push the
    /// receiver further right.
    pub backward: bool,
}

/// The view a picture was drawn with, for JSON readers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View<'a> {
    /// `--collapse`.
    pub collapse: Collapse,
    /// `--group-by`.
    pub group_by: GroupBy,
    /// The `--focus` id.
    pub focus: Option<&'a str>,
    /// `--upstream`.
    pub upstream: bool,
    /// `--depth`.
    pub depth: Option<u32>,
}

/// A diagram ready to write in any format. Nodes come sorted by kind
/// (teams, people, roles, external customers), then id; clusters by
/// key; edges by giver, then receiver. So every format writes the same
/// bytes on every run.
#[derive(Clone, Debug)]
pub struct Picture<'a> {
    /// The organisation's name.
    pub title: Option<&'a str>,
    /// How it was drawn.
    pub view: View<'a>,
    /// The nodes.
    pub nodes: Vec<Node<'a>>,
    /// The boxes.
    pub clusters: Vec<Cluster<'a>>,
    /// The edges.
    pub edges: Vec<Edge>,
}

/// A text format a picture can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Graphviz DOT.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
    /// JSON for scripts.
    Json,
}

/// Mermaid's default `maxEdges`: larger flowcharts are refused by the
/// renderers of GitHub and GitLab.
pub const MERMAID_MAX_EDGES: usize = 500;

/// Mermaid's default `maxTextSize`: longer diagram texts are refused too.
pub const MERMAID_MAX_TEXT: usize = 50_000;

impl Picture<'_> {
    /// Writes the picture in `format`.
    pub fn write(&self, out: &mut dyn Write, format: Format) -> io::Result<()> {
        match format {
            Format::Dot => dot::write(self, out),
            Format::Mermaid => mermaid::write(self, out),
            Format::Json => json::write(self, out),
        }
    }

    /// The indices of the nodes in each cluster, then of those in none, each
    /// in drawing order: found in one pass, however many clusters there are.
    fn grouped(&self) -> (Vec<Vec<usize>>, Vec<usize>) {
        let mut members = vec![Vec::new(); self.clusters.len()];
        let mut loose = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            match node.cluster.and_then(|c| members.get_mut(c)) {
                Some(list) => list.push(i),
                None => loose.push(i),
            }
        }
        (members, loose)
    }
}
