//! Diagrams of the customer graph: a format-neutral [`Picture`] (nodes,
//! clusters and edges, sorted) built from the organisation according to the
//! view asked for, and one short module per output format.
//!
//! The picture is the single place that decides what is drawn; the format
//! modules only spell it out, escaping every string they interpolate.
//!
//! In the default view each declared handoff is drawn once: a role is a
//! card holding its people, and a role's handoff is one arrow from the card,
//! however many people hold it. A person's own handoffs leave from their
//! row in their first role's card (or from themselves, when they hold no
//! role).

mod build;
mod chosen;
mod direction;
mod dot;
pub(crate) mod ids;
mod images;
mod json;
mod marks;
mod mermaid;
mod nodes;
pub mod render;
pub mod target;

use std::io::{self, Write};

use crate::model::{Party, What};
use crate::walk::Way;

pub use build::TooBig;
pub use dot::{drawn_as, tooltip};
pub use marks::{Mark, Marks};

/// What one node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collapse {
    /// One node per person, role and external customer: each role a card
    /// listing its people.
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

/// Which boxes are drawn around nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    /// One box per team, around its people and the roles all of whose
    /// holders are in it.
    Team,
    /// No team boxes: roles are the boxes (each role's card holds its
    /// people, or with `--collapse roles` stands for them).
    Role,
    /// No team boxes.
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
    /// Only the party's shortest chain to each paying customer it reaches
    /// (downstream): the handoffs of those chains and who makes them.
    pub chains: bool,
}

/// Which way the chains run across the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rankdir {
    /// Left to right: paying customers at the right.
    LeftRight,
    /// Top to bottom: paying customers at the bottom.
    TopBottom,
}

impl Rankdir {
    /// The name Graphviz and Mermaid know it by.
    pub fn as_str(self) -> &'static str {
        match self {
            Rankdir::LeftRight => "LR",
            Rankdir::TopBottom => "TB",
        }
    }
}

/// What to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// One node per person, role or team.
    pub collapse: Collapse,
    /// Boxes around people.
    pub group_by: GroupBy,
    /// Only part of the organisation.
    pub focus: Option<Focus>,
    /// Refuse pictures with more edges than this.
    pub max_edges: u64,
    /// The direction, or `None` to choose the one that fits a 16:9 screen.
    pub rankdir: Option<Rankdir>,
    /// What to mark on the parties (vacancies, dead ends, single points);
    /// [`Marks::default`] marks nothing.
    pub marks: Marks,
}

/// What kind of thing a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKind {
    /// A team (with `--collapse teams`).
    Team,
    /// A person.
    Person,
    /// A role: a card holding its people by default, a node standing for
    /// them with `--collapse roles`, and always drawn when vacant.
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
    /// For a person drawn inside a role's card: that role's node (their
    /// first role drawn). Their own handoffs leave from their row there.
    pub card: Option<usize>,
    /// For a role's card: the people drawn in it whose card it is, in id order.
    pub rows: Vec<usize>,
    /// For a role's card: the other people drawn who hold the role (their
    /// row is in the card of a role listed before it), in id order.
    pub also: Vec<usize>,
    /// What `--highlight` marks on the party. A team, or a role with
    /// `--collapse roles`, has the single points among the people it
    /// stands for, and is a dead end only when none of them reaches a
    /// paying customer.
    pub mark: Mark,
}

impl Node<'_> {
    /// The label's lines: the name, then the detail if any.
    pub fn label_lines(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name).chain(self.detail.as_deref())
    }

    /// The lines drawn under the name: the detail (a vacant role's says
    /// it hands nothing on; a card and the people in it have none, the card
    /// shows it), then what the marks say.
    pub fn details(&self) -> Vec<&str> {
        let detail = if self.vacant {
            Some(marks::VACANT)
        } else if self.card.is_some() || self.is_card() {
            None
        } else {
            self.detail.as_deref()
        };
        let mut lines: Vec<&str> = detail.into_iter().collect();
        for line in self.mark.lines() {
            lines.push(line);
        }
        lines
    }

    /// Whether the node is drawn as a card listing people.
    pub fn is_card(&self) -> bool {
        !self.rows.is_empty() || !self.also.is_empty()
    }

    /// A stable id, unique in the picture: `kind:key` (teams and parties
    /// have separate namespaces in the team file, kinds keep them apart).
    pub fn id(&self) -> String {
        format!("{}:{}", self.kind.as_str(), self.key)
    }
}

/// A box drawn around the nodes of one team.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster<'a> {
    /// The team's name, shown on the box.
    pub team: &'a str,
}

/// The note of one handoff an edge stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Note<'a> {
    /// What the handoff carries, when it says.
    pub what: Option<What>,
    /// The note, as written.
    pub text: &'a str,
}

/// One edge: every handoff from one node to another, merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge<'a> {
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
    /// The giver is a vacant role: the handoffs are declared but carry
    /// nothing while nobody holds it.
    pub dormant: bool,
    /// The notes of the handoffs, in the order declared, without repeats.
    pub notes: Vec<Note<'a>>,
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
    /// `--chain`.
    pub chains: bool,
    /// Whether parties are marked (`--highlight`).
    pub highlight: bool,
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
    /// Which way the chains run.
    pub rankdir: Rankdir,
    /// The nodes.
    pub nodes: Vec<Node<'a>>,
    /// The boxes.
    pub clusters: Vec<Cluster<'a>>,
    /// The edges.
    pub edges: Vec<Edge<'a>>,
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
    /// People drawn inside a card are left out: the card draws them.
    fn grouped(&self) -> (Vec<Vec<usize>>, Vec<usize>) {
        let mut members = vec![Vec::new(); self.clusters.len()];
        let mut loose = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            if node.card.is_some() {
                continue;
            }
            match node.cluster.and_then(|c| members.get_mut(c)) {
                Some(list) => list.push(i),
                None => loose.push(i),
            }
        }
        (members, loose)
    }
}
