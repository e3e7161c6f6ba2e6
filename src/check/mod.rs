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
//! - `dead_end`: `dead-end`, naming the vacancies that stop the work;
//! - `cycle`: `cycle`, over strongly connected components;
//! - `single_point`: `single-point`, over dominators (`dominators`);
//! - `roster`: `roster-joiner` and `roster-leaver`, against a roster.

pub mod baseline;
pub mod config;
mod cycle;
mod dead_end;
mod dominators;
pub mod explain;
mod receivers;
pub mod report;
pub mod roster;
mod single_point;
mod structure;

use std::fmt::Write as _;

use petgraph::Direction;

use receivers::Receivers;

use crate::finding::{Code, Finding, Findings, Severity};
use crate::graph::{CustomerGraph, Edge};
use crate::load::Loaded;
use crate::model::{Org, Party};
use crate::walk::Search;

pub use config::{Levels, Settings};
pub use single_point::{Dependents, dependents};

/// How many ids a message names before it says "and N more".
const NAMED: usize = 5;

/// Checks a loaded team file: the loader's findings and every rule's, at the
/// severities `settings` and the file's `[check]` give, allowed ones left
/// out, in report order (file, position, code).
pub fn run(loaded: &Loaded, settings: &Settings) -> Vec<Finding> {
    run_with(loaded, settings, Vec::new())
}

/// [`run`], with `extra` findings made outside the rules (comparing the
/// file with a roster: [`roster`]) given their severities and reported
/// with the rest.
pub fn run_with(loaded: &Loaded, settings: &Settings, extra: Vec<Finding>) -> Vec<Finding> {
    let (levels, mut findings) = Levels::resolve(&loaded.org.check, settings);
    findings.extend(loaded.findings.iter().cloned());
    findings.extend(extra);
    let graph = CustomerGraph::build(&loaded.org);
    let cx = Context::new(&loaded.org, &graph, &levels);
    let mut found = Findings::capped(cap(loaded));
    structure::check(&cx, &mut found);
    dead_end::check(&cx, &mut found);
    cycle::check(&cx, &mut found);
    single_point::check(&cx, &mut found);
    findings.extend(found.into_vec());
    for f in &mut findings {
        f.severity = levels.of(f.code);
    }
    findings.retain(|f| f.severity != Severity::Allow);
    crate::finding::sort(&mut findings);
    findings
}

/// How many findings of one code in one file the rules report: at least a
/// thousand, and one per hundred bytes of team file. A real team file
/// spends far more than that on each party, so only a flood of empty
/// declarations (millions of people in a few megabytes) is cut short, and
/// its report stays in proportion to the file.
fn cap(loaded: &Loaded) -> usize {
    let bytes: usize = loaded.sources.files().iter().map(|f| f.text.len()).sum();
    (bytes / 100).max(1000)
}

/// What every rule reads.
struct Context<'a> {
    org: &'a Org,
    graph: &'a CustomerGraph,
    levels: &'a Levels,
    /// Every node's fewest handoffs to a paying customer.
    to_paying: Search,
    /// The nodes whose work reaches a party the loader could not read
    /// whole (see [`left_out`]): whether their work reaches a paying
    /// customer is not known, so no rule judges it.
    uncertain: Vec<bool>,
    /// Who receives the work each role hands on.
    roles_reach: Vec<Receivers>,
}

impl<'a> Context<'a> {
    fn new(org: &'a Org, graph: &'a CustomerGraph, levels: &'a Levels) -> Self {
        Context {
            org,
            graph,
            levels,
            to_paying: Search::run(graph, &graph.paying(org), Direction::Incoming, None),
            uncertain: uncertain(org, graph),
            roles_reach: Receivers::of_roles(org, graph),
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

    /// Whether the work of `party` reaches a party the loader could not
    /// read whole.
    fn uncertain(&self, party: Party) -> bool {
        let n = self.graph.outgoing(party);
        n.is_some_and(|n| self.uncertain.get(n.index()) == Some(&true))
    }

    /// Whether the loader left anything out that the rules read: an
    /// invalid or unknown `roles` or `hands_to` entry, or an invalid `pays`.
    fn left_anything_out(&self) -> bool {
        self.org.parties().any(|p| left_out(self.org, p))
    }

    /// Whether the work of `party` reaches a paying customer.
    fn reaches_paying(&self, party: Party) -> bool {
        let n = self.graph.outgoing(party);
        n.and_then(|n| self.to_paying.distance(n)).is_some()
    }

    /// Whether `party` (a person or a role) hands work to anyone: by its
    /// own handoffs or, for a person, through a role that hands work on.
    /// A person is not their own customer ("sometimes the customer is
    /// yourself" is allowed, but it is not someone to hand work to), so
    /// work that only comes back to them, directly or through a role only
    /// they hold, does not count. A vacant role hands nothing on, but is
    /// taken to when it declares handoffs: the finding about it is the
    /// vacancy (`orphan-role`), not a missing customer.
    fn hands_on(&self, party: Party) -> bool {
        if self.org.is_vacant(party) {
            return !self.org.hands_to(party).is_empty();
        }
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
                Edge::Handoff { .. } => Receivers::at(self.org, g, to).other_than(me),
                Edge::Holds(r) => self.roles_reach.get(r).is_some_and(|x| x.other_than(me)),
                Edge::Holder(_) => false,
            })
    }
}

/// Whether the loader left part of `party` out, as an invalid or unknown
/// value it reported: a value already reported causes no further
/// findings, so what depends on it is not judged.
fn left_out(org: &Org, party: Party) -> bool {
    match party {
        Party::Person(i) => org
            .person(i)
            .is_some_and(|p| p.roles_left_out || p.handoffs_left_out),
        Party::Role(i) => org.role(i).is_some_and(|r| r.handoffs_left_out),
        Party::External(i) => org.externals.get(i).is_some_and(|e| e.pays_invalid),
    }
}

/// Every node whose work reaches a party the loader left part of out
/// (itself included): one walk back from those parties.
fn uncertain(org: &Org, graph: &CustomerGraph) -> Vec<bool> {
    let starts: Vec<_> = org
        .parties()
        .filter(|&p| left_out(org, p))
        .filter_map(|p| graph.outgoing(p))
        .collect();
    let reached = Search::run(graph, &starts, Direction::Incoming, None);
    reached.dist.iter().map(Option::is_some).collect()
}

/// Appends "`a`, `b`, `c`" for the first few of `total` ids, then "and N
/// more" for the rest.
fn name_some<'a>(out: &mut String, first: impl Iterator<Item = &'a str>, total: usize) {
    let mut named = 0;
    for id in first.take(NAMED) {
        if named > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "`{id}`");
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
