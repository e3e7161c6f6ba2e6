//! Whom the work a node hands on reaches, as far as `no-customer` and
//! `dead-end` ask: whether it reaches anyone other than a given person.
//!
//! A person's work goes on through each role they hold; each role's answer
//! is summed up once, so a role of many holders is not asked again for
//! each of them.

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use crate::graph::{CustomerGraph, Node};
use crate::model::{Org, Party};

/// Who receives work: nobody, exactly one person, or more than that (two
/// people or more, or anyone not a person).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Receivers {
    Nobody,
    Only(usize),
    Others,
}

impl Receivers {
    /// Who receives work arriving at node `to`.
    pub(super) fn at(org: &Org, g: &CustomerGraph, to: NodeIndex) -> Self {
        match g.kind(to) {
            Some(Node::RoleIn(r)) => match org.role(r).map(|role| role.holders.as_slice()) {
                None | Some([]) => Receivers::Nobody,
                Some(&[only]) => Receivers::Only(only),
                Some(_) => Receivers::Others,
            },
            Some(Node::Person(p)) => Receivers::Only(p),
            Some(_) => Receivers::Others,
            None => Receivers::Nobody,
        }
    }

    /// Who receives the work handed on from node `n`, by any of its edges.
    fn from(org: &Org, g: &CustomerGraph, n: NodeIndex) -> Self {
        let each = g.edges(n, Direction::Outgoing);
        each.fold(Receivers::Nobody, |all, (_, to, _)| {
            all.and(Receivers::at(org, g, to))
        })
    }

    /// Who receives work sent to both.
    fn and(self, other: Receivers) -> Self {
        match (self, other) {
            (Receivers::Nobody, x) | (x, Receivers::Nobody) => x,
            (Receivers::Only(p), Receivers::Only(q)) if p == q => Receivers::Only(p),
            _ => Receivers::Others,
        }
    }

    /// Whether anyone other than person `me` receives work.
    pub(super) fn other_than(self, me: Option<usize>) -> bool {
        match self {
            Receivers::Nobody => false,
            Receivers::Only(p) => Some(p) != me,
            Receivers::Others => true,
        }
    }

    /// Who receives the work each role hands on, by role.
    pub(super) fn of_roles(org: &Org, g: &CustomerGraph) -> Vec<Receivers> {
        (0..org.roles.len())
            .map(|r| {
                g.outgoing(Party::Role(r))
                    .map_or(Receivers::Nobody, |n| Receivers::from(org, g, n))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Receivers::{Nobody, Only, Others};

    /// Work sent to two sets of receivers reaches someone other than `me`
    /// exactly when one of them does.
    #[test]
    fn both_reach_others_when_either_does() {
        let all = [Nobody, Only(1), Only(2), Others];
        for a in all {
            for b in all {
                for me in [None, Some(1), Some(2), Some(3)] {
                    let either = a.other_than(me) || b.other_than(me);
                    assert_eq!(a.and(b).other_than(me), either, "{a:?} and {b:?}, {me:?}");
                }
            }
        }
    }
}
