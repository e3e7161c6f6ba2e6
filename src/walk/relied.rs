//! Who the others rely on: for each person, how many other people's work
//! runs through them on its way to a paying customer.
//!
//! Each person's work is taken to follow their shortest chains to the
//! paying customers, every shortest chain equally often. A person's count is
//! then the sum, over everyone else, of the share of that person's shortest
//! chains that pass through them: 1 for someone whose every shortest chain
//! does, ½ for someone with two equally short chains of which one does.
//! Sharing equally keeps the measure fair where chains tie (two holders of a
//! role share what is handed to it), unlike counting one arbitrarily chosen
//! chain per person.
//!
//! It is the single-target case of Brandes' betweenness accumulation: one
//! pass from the paying customers outward counts shortest chains, one pass
//! back spreads each person's work over them. Linear (after a sort), where
//! counting for each person everyone who can reach them would be quadratic.

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::ToPaying;
use crate::graph::{CustomerGraph, Node};
use crate::model::{Org, Party};

impl ToPaying {
    /// For each person (by index), how many other people's work runs through
    /// them to a paying customer, shared over equally short chains.
    pub fn through(&self, org: &Org, g: &CustomerGraph) -> Vec<f64> {
        let dist = |n: NodeIndex| self.search().distance(n);
        let order = outward(g, &self.search().order, dist);
        // Shortest chains from a node, as log2 of their number: there can
        // be far more than an f64 holds (every role with two holders
        // doubles them).
        let mut chains = vec![f64::NEG_INFINITY; g.node_count()];
        for &u in &order {
            let value = if dist(u) == Some(0) {
                0.0
            } else {
                let next: Vec<f64> = next_on_shortest(g, u, dist)
                    .map(|v| at(&chains, v))
                    .collect();
                log2_sum(&next)
            };
            if let Some(slot) = chains.get_mut(u.index()) {
                *slot = value;
            }
        }
        let mut load = vec![0.0f64; g.node_count()];
        for &u in order.iter().rev() {
            let own = f64::from(u8::from(matches!(g.kind(u), Some(Node::Person(_)))));
            let here = at(&load, u) + own;
            if let Some(slot) = load.get_mut(u.index()) {
                *slot = here;
            }
            let from = at(&chains, u);
            for v in next_on_shortest(g, u, dist) {
                let share = (at(&chains, v) - from).exp2();
                if let Some(slot) = load.get_mut(v.index()) {
                    *slot += here * share;
                }
            }
        }
        (0..org.people.len())
            .map(|p| {
                g.outgoing(Party::Person(p))
                    .filter(|&n| dist(n).is_some())
                    .map_or(0.0, |n| (at(&load, n) - 1.0).max(0.0))
            })
            .collect()
    }
}

/// The nodes reached, from the paying customers outward, such that every
/// node comes after the next node of each of its shortest chains. Edges
/// between equally distant nodes cost nothing and run person -> role
/// out-node and role in-node -> person, so within one distance role
/// out-nodes come first and role in-nodes last.
fn outward(
    g: &CustomerGraph,
    reached: &[NodeIndex],
    dist: impl Fn(NodeIndex) -> Option<u32>,
) -> Vec<NodeIndex> {
    let rank = |n: NodeIndex| match g.kind(n) {
        Some(Node::RoleOut(_)) => 0,
        Some(Node::RoleIn(_)) => 2,
        _ => 1,
    };
    let mut order = reached.to_vec();
    order.sort_by_key(|&n| (dist(n), rank(n), n.index()));
    order
}

/// The next nodes of `u` on a shortest chain to a paying customer.
fn next_on_shortest<'g>(
    g: &'g CustomerGraph,
    u: NodeIndex,
    dist: impl Fn(NodeIndex) -> Option<u32> + 'g,
) -> impl Iterator<Item = NodeIndex> + 'g {
    let du = dist(u);
    g.edges(u, Direction::Outgoing)
        .filter_map(move |(_, v, edge)| {
            let dv = dist(v)?;
            (du == Some(dv + edge.cost())).then_some(v)
        })
}

fn at(values: &[f64], n: NodeIndex) -> f64 {
    values.get(n.index()).copied().unwrap_or(f64::NEG_INFINITY)
}

/// log2 of the sum of 2^x over `logs`, without overflow.
fn log2_sum(logs: &[f64]) -> f64 {
    let top = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if top == f64::NEG_INFINITY {
        return top;
    }
    top + logs.iter().map(|x| (x - top).exp2()).sum::<f64>().log2()
}

#[cfg(test)]
mod tests {
    use super::log2_sum;

    /// Sums in log space agree with plain sums and survive huge counts.
    #[test]
    fn log2_sum_is_stable() {
        let sum = log2_sum(&[1.0, 1.0, 2.0]);
        assert!((sum - 8f64.log2()).abs() < 1e-12, "{sum}");
        let huge = log2_sum(&[5000.0, 5000.0]);
        assert!((huge - 5001.0).abs() < 1e-9, "{huge}");
        assert_eq!(log2_sum(&[]), f64::NEG_INFINITY);
    }
}
