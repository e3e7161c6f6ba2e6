//! Building a [`Picture`]: which nodes a view draws, and the edges between
//! them, counted before they are made.
//!
//! Person by person, a role handing work to another role is one edge per
//! pair of holders: two roles of 20,000 people would be 400 million edges.
//! So the edges a picture would have are first counted from the sizes of
//! the nodes each party stands for (linear in the file), and a picture above
//! the limit is refused before anything is built.

use std::collections::BTreeMap;

use super::nodes::{Home, Layout};
use super::{Cluster, Edge, Focus, Node, Options, Picture, View};
use crate::graph::CustomerGraph;
use crate::model::{Org, Party, What};
use crate::walk::{Reach, Search, Way};
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
const NONE: u32 = u32::MAX;

impl<'a> Picture<'a> {
    /// Draws `org` as `options` say, or refuses when the picture would
    /// have more than `options.max_edges` edges.
    pub fn build(org: &'a Org, g: &CustomerGraph, options: &Options) -> Result<Self, TooBig> {
        let layout = Layout::new(org, options.collapse);
        let chosen = Chosen::new(g, &layout, options.focus);
        let images = Images::new(org, &layout, &chosen.number);
        let edges = images.count(org);
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
        }
        let mut edges = images.edges(org);
        for e in &mut edges {
            let d = |i: usize| nodes.get(i).and_then(|n| n.distance);
            e.backward = matches!((d(e.from), d(e.to)), (Some(a), Some(b)) if b > a);
        }
        let focus = options.focus.map(|f| f.party);
        Ok(Picture {
            title: org.name.as_deref(),
            view: View {
                collapse: options.collapse,
                group_by: options.group_by,
                focus: focus.map(|p| org.id(p)),
                upstream: options.focus.is_some_and(|f| f.way == Way::Upstream),
                depth: options.focus.and_then(|f| f.depth),
            },
            nodes,
            clusters,
            edges,
        })
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

/// The nodes a view draws, numbered in drawing order.
struct Chosen {
    /// Every home drawn, in drawing order.
    drawn: Vec<Home>,
    /// For each layout slot: its node number, or [`NONE`].
    number: Vec<u32>,
    /// For each layout slot: whether it stands for the focus.
    focus: Vec<bool>,
}

impl Chosen {
    /// Everything, or the focus and the parties it reaches.
    fn new(g: &CustomerGraph, layout: &Layout<'_>, focus: Option<Focus>) -> Self {
        let candidates = layout.candidates();
        let mut wanted = vec![focus.is_none(); layout.slots()];
        let mut focused = vec![false; layout.slots()];
        if let Some(f) = focus {
            let mut homes = Vec::new();
            let mark = |homes: &[Home], flags: &mut Vec<bool>| {
                for &h in homes {
                    if let Some(w) = flags.get_mut(layout.slot(h)) {
                        *w = true;
                    }
                }
            };
            let reached = Reach::new(g, f.party, f.way, f.depth)
                .map(|r| r.parties(g))
                .unwrap_or_default();
            for (party, _) in reached {
                layout.homes(party, &mut homes);
                mark(&homes, &mut wanted);
            }
            // A person stands in every node they take part in; a role for
            // its holders (or itself, when roles are drawn or it is vacant).
            match f.party {
                Party::Person(_) => layout.homes(f.party, &mut homes),
                _ => layout.image(f.party, &mut homes),
            }
            mark(&homes, &mut wanted);
            mark(&homes, &mut focused);
        }
        let mut number = vec![NONE; layout.slots()];
        let mut drawn = Vec::new();
        for h in candidates {
            let slot = layout.slot(h);
            if wanted.get(slot).copied().unwrap_or(false) {
                if let Some(n) = number.get_mut(slot) {
                    *n = u32::try_from(drawn.len()).unwrap_or(NONE);
                }
                drawn.push(h);
            }
        }
        Chosen {
            drawn,
            number,
            focus: focused,
        }
    }

    /// The nodes and clusters drawn.
    fn nodes<'a>(
        &self,
        layout: &Layout<'a>,
        options: &Options,
    ) -> (Vec<Node<'a>>, Vec<Cluster<'a>>) {
        let boxes: Vec<Option<Cluster<'a>>> = self
            .drawn
            .iter()
            .map(|&h| layout.cluster(h, options.group_by))
            .collect();
        // Sorted by key, so cluster numbers are the same on every run.
        let keys: BTreeMap<&str, Cluster<'a>> =
            boxes.iter().flatten().map(|c| (c.key, c.clone())).collect();
        let index: BTreeMap<&str, usize> = keys.keys().enumerate().map(|(i, &k)| (k, i)).collect();
        let nodes = self
            .drawn
            .iter()
            .zip(&boxes)
            .map(|(&h, cluster)| Node {
                focus: self.focus.get(layout.slot(h)).copied().unwrap_or(false),
                cluster: cluster.as_ref().and_then(|c| index.get(c.key).copied()),
                ..layout.node(h)
            })
            .collect();
        (nodes, keys.into_values().collect())
    }
}

/// For every party: the numbers of the drawn nodes its work leaves from
/// (and work handed to it arrives at), stored flat.
struct Images {
    /// Where each party's list starts in `nodes`; one more entry at the end.
    start: Vec<usize>,
    nodes: Vec<u32>,
    people: usize,
    roles: usize,
}

impl Images {
    fn new(org: &Org, layout: &Layout<'_>, number: &[u32]) -> Self {
        let parties = (0..org.people.len())
            .map(Party::Person)
            .chain((0..org.roles.len()).map(Party::Role))
            .chain((0..org.externals.len()).map(Party::External));
        let mut start =
            Vec::with_capacity(org.people.len() + org.roles.len() + org.externals.len() + 1);
        let mut nodes = Vec::new();
        let mut homes = Vec::new();
        for party in parties {
            start.push(nodes.len());
            layout.image(party, &mut homes);
            nodes.extend(
                homes
                    .iter()
                    .map(|&h| number.get(layout.slot(h)).copied().unwrap_or(NONE))
                    .filter(|&n| n != NONE),
            );
        }
        start.push(nodes.len());
        Images {
            start,
            nodes,
            people: org.people.len(),
            roles: org.roles.len(),
        }
    }

    /// The drawn nodes of `party`.
    fn get(&self, party: Party) -> &[u32] {
        let i = match party {
            Party::Person(i) => i,
            Party::Role(i) => self.people + i,
            Party::External(i) => self.people + self.roles + i,
        };
        let (Some(&a), Some(&b)) = (self.start.get(i), self.start.get(i + 1)) else {
            return &[];
        };
        self.nodes.get(a..b).unwrap_or(&[])
    }

    /// Every declared handoff, with the drawn nodes it goes from and to.
    fn handoffs<'o>(
        &'o self,
        org: &'o Org,
    ) -> impl Iterator<Item = (&'o [u32], &'o [u32], Option<What>)> + 'o {
        let givers = (0..org.people.len())
            .map(Party::Person)
            .chain((0..org.roles.len()).map(Party::Role));
        givers.flat_map(move |from| {
            org.hands_to(from)
                .iter()
                .map(move |h| (self.get(from), self.get(h.to), h.what))
        })
    }

    /// How many edges the picture would have at most, without making them.
    fn count(&self, org: &Org) -> u64 {
        self.handoffs(org).fold(0u64, |sum, (from, to, _)| {
            let pairs = (from.len() as u64).saturating_mul(to.len() as u64);
            sum.saturating_add(pairs)
        })
    }

    /// The edges: every handoff multiplied out, work that stays inside one
    /// node left out, and handoffs between the same two nodes merged.
    fn edges(&self, org: &Org) -> Vec<Edge> {
        let mut pairs: Vec<(u32, u32, u8)> = Vec::new();
        for (from, to, what) in self.handoffs(org) {
            let bit = what.map_or(0, what_bit);
            for &a in from {
                pairs.extend(to.iter().filter(|&&b| b != a).map(|&b| (a, b, bit)));
            }
        }
        pairs.sort_unstable();
        pairs
            .chunk_by(|x, y| (x.0, x.1) == (y.0, y.1))
            .filter_map(|run| {
                let &(from, to, _) = run.first()?;
                Some(Edge {
                    from: from as usize,
                    to: to as usize,
                    what: whats(run.iter().fold(0, |bits, p| bits | p.2)),
                    handoffs: run.len(),
                    backward: false,
                })
            })
            .collect()
    }
}

/// One bit per kind of work.
fn what_bit(what: What) -> u8 {
    let i = What::ALL.iter().position(|&w| w == what).unwrap_or(0);
    1 << i
}

/// The kinds of work in `bits`, in documentation order.
fn whats(bits: u8) -> Vec<What> {
    What::ALL
        .iter()
        .copied()
        .filter(|&w| bits & what_bit(w) != 0)
        .collect()
}
