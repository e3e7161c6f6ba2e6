//! Building a [`Picture`]: which nodes a view draws, and the edges between
//! them, counted before they are made.
//!
//! By default each declared handoff is at most one edge: a role's handoff
//! leaves from the role's own node. With `--collapse teams` a role's handoff
//! leaves from the team of each holder, and those are multiplied out (a role
//! spread over 500 teams handing work to another is 250,000 edges); so the
//! edges a picture would have are first counted from the sizes of the node
//! lists each party stands for (linear in the file), and a picture above the
//! limit is refused before anything is built.

use super::chosen::Chosen;
use super::direction;
use super::images::Images;
use super::nodes::{Home, Layout};
use super::{Collapse, Options, Picture, Rankdir, View};
use crate::graph::CustomerGraph;
use crate::model::{Org, Party};
use crate::walk::{Search, Way};
use petgraph::Direction;

/// The picture would have more edges than the limit allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooBig {
    /// How many edges it would have at most (handoffs between the same two
    /// nodes are merged afterwards, so it may end up with fewer).
    pub edges: u64,
    /// The limit.
    pub limit: u64,
}

/// Not drawn.
pub(super) const NONE: u32 = u32::MAX;

impl<'a> Picture<'a> {
    /// Draws `org` as `options` say, or refuses when the picture would
    /// have more than `options.max_edges` edges.
    pub fn build(org: &'a Org, g: &CustomerGraph, options: &Options) -> Result<Self, TooBig> {
        let layout = Layout::new(org, options.collapse);
        let chosen = Chosen::new(org, g, &layout, options.focus);
        let images = Images::new(org, &layout, &chosen.number);
        let edges = images.count(org, chosen.only.as_ref());
        if edges > options.max_edges {
            return Err(TooBig {
                edges,
                limit: options.max_edges,
            });
        }
        let (mut nodes, clusters) = chosen.nodes(&layout, options);
        let distances = distances(org, g, &layout, &chosen.drawn);
        for (node, d) in nodes.iter_mut().zip(distances) {
            node.distance = d;
            // A node standing for several parties is a dead end only when
            // none of them reaches a paying customer.
            if options.collapse != Collapse::None && d.is_some() {
                node.mark.dead_end = false;
            }
        }
        let mut edges = images.edges(org, chosen.only.as_ref());
        for e in &mut edges {
            let node = |i: usize| nodes.get(i);
            let d = |i: usize| node(i).and_then(|n| n.distance);
            e.backward = matches!((d(e.from), d(e.to)), (Some(a), Some(b)) if b > a);
            e.dormant = node(e.from).is_some_and(|n| n.vacant);
        }
        let focus = options.focus;
        let mut picture = Picture {
            title: org.name.as_deref(),
            view: View {
                collapse: options.collapse,
                group_by: options.group_by,
                focus: focus.map(|f| org.id(f.party)),
                upstream: focus.is_some_and(|f| f.way == Way::Upstream),
                depth: focus.and_then(|f| f.depth),
                chains: focus.is_some_and(|f| f.chains),
                highlight: options.marks.on(),
            },
            rankdir: Rankdir::LeftRight,
            nodes,
            clusters,
            edges,
        };
        picture.rankdir = options
            .rankdir
            .unwrap_or_else(|| direction::choose(&picture));
        Ok(picture)
    }
}

/// Each drawn node's fewest handoffs to a paying customer; a team's or
/// role's is that of its nearest member.
fn distances(
    org: &Org,
    g: &CustomerGraph,
    layout: &Layout<'_>,
    drawn: &[Home],
) -> Vec<Option<u32>> {
    let search = Search::run(g, &g.paying(org), Direction::Incoming, None);
    let of = |party: Party| search.distance(g.outgoing(party)?);
    let mut teams: Vec<Option<u32>> = vec![None; layout.team_count()];
    for p in 0..org.people.len() {
        let (Some(t), Some(d)) = (layout.team_of(p), of(Party::Person(p))) else {
            continue;
        };
        if let Some(slot) = teams.get_mut(t) {
            *slot = Some(slot.map_or(d, |x| x.min(d)));
        }
    }
    drawn
        .iter()
        .map(|&h| match h {
            Home::Team(t) => teams.get(t).copied().flatten(),
            Home::Person(p) => of(Party::Person(p)),
            // A role node stands for the role's own work and its holders'.
            Home::Role(r) => org
                .role(r)
                .into_iter()
                .flat_map(|role| role.holders.iter().map(|&h| of(Party::Person(h))))
                .chain([of(Party::Role(r))])
                .flatten()
                .min(),
            Home::External(e) => of(Party::External(e)),
        })
        .collect()
}
