//! `chain check`: everything wrong with a team file, as findings.
//!
//! [`run`] takes what the loader produced (its findings included), runs
//! every rule over the customer graph, applies the severity configuration
//! ([`config`]) and returns the findings to report, sorted. It prints
//! nothing: the [`report`] formats write findings, and the command decides
//! the exit code. Every rule is linear or near-linear and iterative.
//!
//! The rules, one file per group:
//! - `structure`: `orphan-role`, `sole-holder`, `no-customer`,
//!   `unserved-external` and `no-paying-customer`;
//! - `reach`: `dead-end`;
//! - `cycle`: `cycle`, over strongly connected components (`scc`);
//! - `single_point`: `single-point`, over dominators (`dominators`).

mod adjacency;
pub mod config;
mod cycle;
mod dominators;
pub mod explain;
mod reach;
pub mod report;
mod scc;
mod single_point;
mod structure;

use std::fmt::Write as _;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use adjacency::Adjacency;

use crate::finding::{Code, Finding, Severity};
use crate::graph::{CustomerGraph, Edge, Node};
use crate::load::Loaded;
use crate::model::{Org, Party};

pub use config::{Levels, Settings};

/// How many ids a message names before it says "and N more".
const NAMED: usize = 5;

/// Checks a loaded team file: the loader's findings and every rule's, at the
/// severities `settings` and the file's `[check]` give, allowed ones left
/// out, in report order (file, position, code).
pub fn run(loaded: &Loaded, settings: &Settings) -> Vec<Finding> {
    let (levels, mut findings) = Levels::resolve(&loaded.org.check, settings);
    findings.extend(loaded.findings.iter().cloned());
    let graph = CustomerGraph::build(&loaded.org);
    let cx = Context::new(&loaded.org, &graph, &levels);
    structure::check(&cx, &mut findings);
    reach::check(&cx, &mut findings);
    cycle::check(&cx, &mut findings);
    single_point::check(&cx, &mut findings);
    for f in &mut findings {
        f.severity = levels.of(f.code);
    }
    findings.retain(|f| f.severity != Severity::Allow);
    crate::finding::sort(&mut findings);
    findings
}

/// What every rule reads.
struct Context<'a> {
    org: &'a Org,
    graph: &'a CustomerGraph,
    levels: &'a Levels,
    /// The customer graph as compact adjacency lists (node and edge indices
    /// as in `graph`), plus one more node, the sink, to which every paying
    /// customer hands on: "reaches a paying customer" is "reaches the sink".
    flow: Adjacency,
    /// `flow` turned round.
    back: Adjacency,
    /// The sink's index: the node after the graph's.
    sink: u32,
}

impl<'a> Context<'a> {
    fn new(org: &'a Org, graph: &'a CustomerGraph, levels: &'a Levels) -> Self {
        let sink = graph.node_count() as u32;
        let mut edges: Vec<(u32, u32)> = graph
            .edge_ends()
            .map(|(s, t)| (s.index() as u32, t.index() as u32))
            .collect();
        edges.extend(graph.paying(org).iter().map(|p| (p.index() as u32, sink)));
        let flow = Adjacency::new(graph.node_count() + 1, &edges);
        let back = flow.reversed();
        Context {
            org,
            graph,
            levels,
            flow,
            back,
            sink,
        }
    }

    /// Whether findings of `code` will be reported: a rule whose codes are
    /// all allowed is not run at all.
    fn wants(&self, code: Code) -> bool {
        self.levels.reports(code)
    }

    /// Whether any external customer pays.
    fn has_paying(&self) -> bool {
        self.org.externals.iter().any(|e| e.pays)
    }

    /// Whether `party` (a person or a role) hands work to anyone: by its
    /// own handoffs or, for a person, through a role that hands work on.
    /// A person is not their own customer ("sometimes the customer is
    /// yourself" is allowed, but it is not someone to hand work to), so
    /// work that only comes back to them, directly or through a role only
    /// they hold, does not count. Linear in the party's edges.
    fn hands_on(&self, party: Party) -> bool {
        let g = self.graph;
        let Some(n) = g.outgoing(party) else {
            return false;
        };
        let me = match party {
            Party::Person(i) => Some(i),
            _ => None,
        };
        g.edges(n, Direction::Outgoing)
            .any(|(_, to, edge)| match edge {
                Edge::Handoff { .. } => self.serves_someone_else(to, me),
                Edge::Holds(_) => g
                    .neighbours(to, Direction::Outgoing)
                    .any(|(_, to, _)| self.serves_someone_else(to, me)),
                Edge::Holder(_) => false,
            })
    }

    /// Whether work arriving at node `to` reaches someone other than person `me`.
    fn serves_someone_else(&self, to: NodeIndex, me: Option<usize>) -> bool {
        match self.graph.kind(to) {
            Some(Node::RoleIn(r)) => self
                .org
                .role(r)
                .is_some_and(|role| role.holders.iter().any(|&h| Some(h) != me)),
            Some(Node::Person(p)) => Some(p) != me,
            Some(_) => true,
            None => false,
        }
    }
}

/// Appends "`a`, `b`, `c`" for the first few of `total` ids, then "and N
/// more" for the rest. Writes into the message being built: on a
/// 100,000-person line every finding counts.
fn name_some<'a>(out: &mut String, first: impl Iterator<Item = &'a str>, total: usize) {
    let mut named = 0;
    for id in first.take(NAMED) {
        if named > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(id);
        out.push('`');
        named += 1;
    }
    if total > named {
        let _ = write!(out, " and {} more", total - named);
    }
}

/// "1 person" / "3 people".
fn people(n: usize) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{n} people")
    }
}
