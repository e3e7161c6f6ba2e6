//! Which nodes a view draws: everything, or a focus and the parties it
//! reaches, or the parties of its chains; each person with the card their
//! row is in, and each node with its box, its card's rows and its marks.

use std::collections::BTreeMap;

use super::build::NONE;
use super::nodes::{Home, Layout};
use super::{Cluster, Focus, Marks, Node, Options};
use crate::graph::CustomerGraph;
use crate::model::{Org, Party};
use crate::walk::{Reach, Way};

/// The handoffs `--chain` draws: (who declares it, its position), sorted.
pub(super) type Only = Vec<(Party, usize)>;

/// The nodes a view draws, numbered in drawing order.
pub(super) struct Chosen {
    /// Every home drawn, in drawing order.
    pub drawn: Vec<Home>,
    /// For each layout slot: its node number, or [`NONE`].
    pub number: Vec<u32>,
    /// For each layout slot: whether it stands for the focus.
    focus: Vec<bool>,
    /// With `--chain`: the only handoffs drawn.
    pub only: Option<Only>,
}

/// Which layout slots are drawn, and which stand for the focus, while they
/// are chosen.
struct Wanted<'l, 'a> {
    layout: &'l Layout<'a>,
    drawn: Vec<bool>,
    focus: Vec<bool>,
    homes: Vec<Home>,
}

impl Wanted<'_, '_> {
    /// Draws the nodes `party` takes part in.
    fn party(&mut self, party: Party) {
        self.layout.homes(party, &mut self.homes);
        self.mark(false);
    }

    /// Draws the nodes `party`'s work leaves from and arrives at.
    fn image(&mut self, party: Party) {
        self.layout.image(party, &mut self.homes);
        self.mark(false);
    }

    /// Draws the focus, marked: a person's own node, a role's (with its
    /// holders, who are in its card), or what stands for them.
    fn focus(&mut self, org: &Org, party: Party) {
        self.party(party);
        if let Party::Role(r) = party {
            for &h in org.role(r).map_or(&[][..], |x| x.holders.as_slice()) {
                self.party(Party::Person(h));
            }
        }
        match party {
            Party::Person(p) if self.layout.card(p).is_some() => {
                self.homes.clear();
                self.homes.push(Home::Person(p));
            }
            Party::Person(_) => self.layout.homes(party, &mut self.homes),
            _ => self.layout.image(party, &mut self.homes),
        }
        self.mark(true);
    }

    fn mark(&mut self, focus: bool) {
        let flags = if focus {
            &mut self.focus
        } else {
            &mut self.drawn
        };
        for &h in &self.homes {
            if let Some(w) = flags.get_mut(self.layout.slot(h)) {
                *w = true;
            }
        }
    }
}

impl Chosen {
    /// Everything, or the focus and the parties it reaches (or, with
    /// `--chain`, the parties and handoffs of its chains).
    pub fn new(org: &Org, g: &CustomerGraph, layout: &Layout<'_>, focus: Option<Focus>) -> Self {
        let mut wanted = Wanted {
            layout,
            drawn: vec![focus.is_none(); layout.slots()],
            focus: vec![false; layout.slots()],
            homes: Vec::new(),
        };
        let mut only = None;
        if let Some(f) = focus {
            if f.chains {
                only = Some(chains(org, g, f.party, &mut wanted));
            } else {
                let reached = Reach::new(g, f.party, f.way, f.depth)
                    .map(|r| r.parties(g))
                    .unwrap_or_default();
                for (party, _) in reached {
                    wanted.party(party);
                }
            }
            wanted.focus(org, f.party);
        }
        // A person's row is in their first role's card: the card is drawn.
        for p in 0..org.people.len() {
            let drawn = wanted.drawn.get(layout.slot(Home::Person(p))).copied();
            if let (Some(true), Some(r)) = (drawn, layout.card(p)) {
                wanted.homes.clear();
                wanted.homes.push(Home::Role(r));
                wanted.mark(false);
            }
        }
        let mut number = vec![NONE; layout.slots()];
        let mut drawn = Vec::new();
        for h in layout.candidates() {
            let slot = layout.slot(h);
            if wanted.drawn.get(slot).copied().unwrap_or(false) {
                if let Some(n) = number.get_mut(slot) {
                    *n = u32::try_from(drawn.len()).unwrap_or(NONE);
                }
                drawn.push(h);
            }
        }
        Chosen {
            drawn,
            number,
            focus: wanted.focus,
            only,
        }
    }

    /// The node drawn for `home`, if it is drawn.
    fn node_of(&self, layout: &Layout<'_>, home: Home) -> Option<usize> {
        let n = *self.number.get(layout.slot(home))?;
        (n != NONE).then_some(n as usize)
    }

    /// The nodes and clusters drawn.
    pub fn nodes<'a>(
        &self,
        layout: &Layout<'a>,
        options: &Options,
    ) -> (Vec<Node<'a>>, Vec<Cluster<'a>>) {
        let boxes: Vec<Option<Cluster<'a>>> = self
            .drawn
            .iter()
            .map(|&h| layout.cluster(h, options.group_by))
            .collect();
        // Sorted by team, so cluster numbers are the same on every run.
        let index: BTreeMap<&str, usize> = boxes
            .iter()
            .flatten()
            .map(|c| (c.team, 0))
            .collect::<BTreeMap<_, _>>()
            .into_keys()
            .enumerate()
            .map(|(i, team)| (team, i))
            .collect();
        let mut nodes: Vec<Node<'a>> = self
            .drawn
            .iter()
            .zip(&boxes)
            .map(|(&h, cluster)| Node {
                focus: self.focus.get(layout.slot(h)).copied().unwrap_or(false),
                cluster: cluster.as_ref().and_then(|c| index.get(c.team).copied()),
                ..layout.node(h)
            })
            .collect();
        self.fill_cards(layout, &mut nodes);
        self.mark(layout, &options.marks, &mut nodes);
        let clusters = index.into_keys().map(|team| Cluster { team }).collect();
        (nodes, clusters)
    }

    /// Puts each person drawn in a card into it: a row of their first
    /// role's card, and listed in the cards of their other roles.
    fn fill_cards(&self, layout: &Layout<'_>, nodes: &mut [Node<'_>]) {
        for (i, &h) in self.drawn.iter().enumerate() {
            let Home::Person(p) = h else { continue };
            let Some(first) = layout.card(p) else {
                continue;
            };
            for r in layout.roles_of(p) {
                let Some(card) = self.node_of(layout, Home::Role(r)) else {
                    continue;
                };
                let Some(role) = nodes.get_mut(card) else {
                    continue;
                };
                if r == first {
                    role.rows.push(i);
                    if let Some(person) = nodes.get_mut(i) {
                        person.card = Some(card);
                    }
                } else {
                    role.also.push(i);
                }
            }
        }
    }

    /// Marks each node with what `--highlight` finds in the parties it
    /// stands for.
    fn mark(&self, layout: &Layout<'_>, marks: &Marks, nodes: &mut [Node<'_>]) {
        if !marks.on() {
            return;
        }
        let org = layout.org();
        let parties = (0..org.people.len())
            .map(Party::Person)
            .chain((0..org.roles.len()).map(Party::Role));
        for party in parties {
            let mark = marks.of(party);
            if !mark.any() {
                continue;
            }
            let home = match party {
                Party::Person(p) => layout.person_home(Home::Person(p)),
                Party::Role(r) => Home::Role(r),
                Party::External(e) => Home::External(e),
            };
            if let Some(node) = self.node_of(layout, home).and_then(|n| nodes.get_mut(n)) {
                node.mark = node.mark.union(mark);
            }
        }
    }
}

/// Draws the shortest chain from `start` to each paying customer it
/// reaches: the parties on it and the nodes its handoffs run between.
/// Returns the handoffs.
fn chains(org: &Org, g: &CustomerGraph, start: Party, wanted: &mut Wanted<'_, '_>) -> Only {
    let found = Reach::new(g, start, Way::Downstream, None)
        .map(|r| r.chains_to_paying(org, g, 0))
        .unwrap_or_default();
    let mut only = Vec::new();
    for chain in &found {
        for party in chain.parties() {
            wanted.image(party);
        }
        for step in chain.steps() {
            let Some(handoff) = step.handoff(org) else {
                continue;
            };
            wanted.image(step.declared_by);
            wanted.image(handoff.to);
            only.push((step.declared_by, step.index));
        }
    }
    only.sort_unstable();
    only.dedup();
    only
}
