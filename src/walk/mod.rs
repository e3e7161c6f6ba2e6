//! Walking the customer graph: each party's distance and chain to the paying
//! customers, and everyone a party serves or is served by.
//!
//! Every walk is iterative and linear in the size of the graph.

mod route;
mod search;
mod through;

use std::ops::Range;

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::{CustomerGraph, Node};
use crate::model::{Org, Party};

pub use route::{Chain, PackedStep, Step, Towards};
pub use search::{Search, UNREACHED};

use route::{Link, Links, NONE, hop};

/// Every party's fewest handoffs to a paying customer, and one such chain.
///
/// Ties between equally short chains go to the next party whose id sorts
/// first, step by step, so the chain is the same on every run.
#[derive(Debug)]
pub struct ToPaying {
    search: Search,
    links: Links,
    limit: usize,
}

impl ToPaying {
    /// Computes distances and chains; chains longer than `limit` handoffs
    /// (0: no limit) are shown with their middle elided.
    pub fn new(org: &Org, g: &CustomerGraph, limit: usize) -> Self {
        let search = Search::distances(g, &g.paying(org), Direction::Incoming);
        let best = best_next(org, g, &search.dist);
        let pointer = |n: NodeIndex| {
            let &(next, edge) = best.get(n.index()).filter(|&&(next, _)| next != NONE)?;
            let edge = g.edge(EdgeIndex::new(edge as usize))?;
            Some((NodeIndex::new(next as usize), edge))
        };
        let mut next = vec![Link::NONE; g.node_count()];
        // A hop reads only `best` (nothing for a node not reached), so nodes
        // go in index order: on a million people the search's order made
        // every access a cache miss. Each hop is independent: on every core.
        in_parts(&mut next, 0..g.node_count(), |n, slot| {
            if g.kind(n).and_then(Node::party).is_some() {
                *slot = Link::new(hop(g, n, None, Towards::Customers, pointer));
            }
            None::<()>
        });
        let links = Links::new(
            g.node_count(),
            &search.order,
            next,
            Towards::Customers,
            limit,
        );
        ToPaying {
            search,
            links,
            limit,
        }
    }

    /// The fewest handoffs from `party` to a paying customer.
    pub fn distance(&self, g: &CustomerGraph, party: Party) -> Option<u32> {
        self.search.distance(g.outgoing(party)?)
    }

    /// The steps that the chains of more than one party may show, in node
    /// order, each with the node it reaches (see `Links::shared`).
    pub fn shared_steps(&self) -> impl Iterator<Item = (NodeIndex, Step)> + '_ {
        self.links.shared()
    }

    /// The first step of `party`'s chain and the node it reaches, when the
    /// chain is shown whole (nothing elided): the chain is that step and
    /// then the chain from that node ([`ToPaying::next`] step by step).
    pub fn first_of_whole(&self, g: &CustomerGraph, party: Party) -> Option<(NodeIndex, Step)> {
        let n = self.start(g, party)?;
        let whole = self.limit == 0 || self.links.depth(n) as usize <= self.limit;
        whole.then(|| self.links.next(n))?
    }

    /// The step from node `n` towards a paying customer and the node it
    /// reaches; `None` at a paying customer or where there is no chain.
    pub fn next(&self, n: NodeIndex) -> Option<(NodeIndex, Step)> {
        self.links.next(n)
    }

    /// Asks for [`ToPaying::next`] of `n`, without waiting for it.
    pub fn ask_next(&self, n: NodeIndex) {
        self.links.ask_next(n);
    }

    /// Steps from node `n` to a paying customer (0 where there is no chain).
    pub fn depth(&self, n: NodeIndex) -> u32 {
        self.links.depth(n)
    }

    /// A shortest chain from `party` to a paying customer; `None` when there
    /// is none, or for an occupied role (its holders have chains, it has not).
    pub fn chain(&self, g: &CustomerGraph, party: Party) -> Option<Chain> {
        let n = self.start(g, party)?;
        Some(self.links.chain(party, n, self.limit))
    }

    /// The node `party`'s chain starts at, when it has one: a visible node
    /// (not an occupied role) that reaches a paying customer.
    fn start(&self, g: &CustomerGraph, party: Party) -> Option<NodeIndex> {
        let n = g.outgoing(party)?;
        g.kind(n)?.party()?;
        self.search.distance(n)?;
        Some(n)
    }
}

/// Which nodes a pass of [`best_next`] chooses for.
type Pass = fn(Node) -> bool;

/// Nodes below which one thread does a pass over them.
const NODES_PER_THREAD: usize = 16_384;

/// `work(n, slot)` for each node `n` of `range` and its slot in `slots`
/// (indexed by node), on every core; what `work` returns, in node order.
fn in_parts<S, R, W>(slots: &mut [S], range: Range<usize>, work: W) -> Vec<R>
where
    S: Send,
    R: Send,
    W: Fn(NodeIndex, &mut S) -> Option<R> + Sync,
{
    let first = range.start;
    let Some(slots) = slots.get_mut(range) else {
        return Vec::new();
    };
    crate::ordered::each_slot(slots, first, NODES_PER_THREAD, |i, slot| {
        work(NodeIndex::new(i), slot)
    })
}

/// For every node, the edge to follow towards the nearest paying customer:
/// among the edges that keep to a shortest path, the one whose next visible
/// party has the smallest id. Each is (the next node, the edge), [`NONE`]
/// for none: eight bytes where `Option<(NodeIndex, Edge)>` takes 32, read
/// at random by every hop.
fn best_next(org: &Org, g: &CustomerGraph, dist: &[u32]) -> Vec<(u32, u32)> {
    let mut best = vec![(NONE, NONE); g.node_count()];
    // The next visible node behind each node: itself when visible.
    let mut first: Vec<NodeIndex> = (0..g.node_count()).map(NodeIndex::new).collect();
    // A hidden node's choice depends only on nodes of earlier passes:
    // role in-nodes lead to people, role out-nodes to people, vacant roles,
    // external customers or role in-nodes, and visible nodes to any of those.
    // So the choices of one pass are made on every core, and what the
    // hidden nodes lead to is written after it.
    let hidden = |k: Node| k.party().is_none();
    let roles = g.role_nodes();
    let passes: [(Pass, Range<usize>); 3] = [
        (|k| matches!(k, Node::RoleIn(_)), roles.clone()),
        (|k| matches!(k, Node::RoleOut(_)), roles),
        (|k| k.party().is_some(), 0..g.node_count()),
    ];
    for (in_pass, range) in passes {
        let seen = &first;
        let behind = in_parts(&mut best, range, |n, slot| {
            let kind = g.kind(n).filter(|&k| in_pass(k))?;
            let choice = choose(org, g, dist, seen, n)?;
            *slot = (choice.0.index() as u32, choice.1.index() as u32);
            let visible = seen.get(choice.0.index()).copied().unwrap_or(choice.0);
            hidden(kind).then_some((n, visible))
        });
        for (n, visible) in behind {
            if let Some(slot) = first.get_mut(n.index()) {
                *slot = visible;
            }
        }
    }
    best
}

/// The edge out of `n` that stays on a shortest path and leads to the
/// smallest next id.
fn choose(
    org: &Org,
    g: &CustomerGraph,
    dist: &[u32],
    first: &[NodeIndex],
    n: NodeIndex,
) -> Option<(NodeIndex, EdgeIndex)> {
    let d = *dist.get(n.index())?;
    if d == UNREACHED || d == 0 {
        return None;
    }
    // The party seen behind each candidate (`None`: no id at all).
    let seen = |m: NodeIndex| {
        let visible = first.get(m.index()).copied().unwrap_or(m);
        g.kind(visible).and_then(Node::party)
    };
    let mut best: Option<(NodeIndex, EdgeIndex, Option<Party>)> = None;
    for (id, v, cost) in g.neighbours(n, Direction::Outgoing) {
        let dv = dist.get(v.index()).copied().unwrap_or(UNREACHED);
        if dv == UNREACHED || dv.saturating_add(cost) != d {
            continue;
        }
        let party = seen(v);
        if best.is_none_or(|(_, _, b)| id_order(org, party, b).is_lt()) {
            best = Some((v, id, party));
        }
    }
    best.map(|(v, id, _)| (v, id))
}

/// How the ids of two parties compare (`None`: no id, before every id).
/// Indices of one kind follow ids, so only parties of different kinds need
/// their ids read: on a million people, reading every candidate's id was a
/// cache miss each.
fn id_order(org: &Org, a: Option<Party>, b: Option<Party>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) if a.kind() == b.kind() => a.cmp(&b),
        _ => {
            let id = |p: Option<Party>| p.map_or("", |p| org.id(p));
            id(a).cmp(id(b))
        }
    }
}

/// Which way to walk from a party.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// Everyone the party serves, directly and indirectly.
    Downstream,
    /// Everyone who serves the party, directly and indirectly.
    Upstream,
}

impl Way {
    fn direction(self) -> Direction {
        match self {
            Way::Downstream => Direction::Outgoing,
            Way::Upstream => Direction::Incoming,
        }
    }
}

/// Everyone reached from one party, each at its shortest distance.
#[derive(Debug)]
pub struct Reach {
    start: NodeIndex,
    start_party: Party,
    way: Way,
    search: Search,
}

impl Reach {
    /// Walks from `party` (any kind) in `way`, not beyond `depth` handoffs.
    pub fn new(g: &CustomerGraph, party: Party, way: Way, depth: Option<u32>) -> Option<Self> {
        let start = g.node(party, way.direction())?;
        let search = Search::run(g, &[start], way.direction(), depth);
        Some(Reach {
            start,
            start_party: party,
            way,
            search,
        })
    }

    /// Every party reached, with its distance, nearest first, then by kind
    /// and id (indices follow ids): people, vacant roles and external
    /// customers, never the start itself. An occupied role is not a party of
    /// its own here: the work handed to it reaches its holders, who are listed.
    pub fn parties(&self, g: &CustomerGraph) -> Vec<(Party, u32)> {
        let mut found: Vec<(Party, u32)> = self
            .search
            .order
            .iter()
            .filter_map(|&n| {
                let d = self.search.distance(n).filter(|&d| d > 0)?;
                let party = g.kind(n)?.party()?;
                (party != self.start_party).then_some((party, d))
            })
            .collect();
        found.sort_unstable_by_key(|&(p, d)| (d, p));
        found
    }

    /// The search tree as links between visible nodes, pointing back to the start.
    fn links(&self, g: &CustomerGraph, limit: usize) -> Links {
        let parent = |n: NodeIndex| self.search.parent.get(n.index()).copied().flatten();
        let mut next = vec![Link::NONE; g.node_count()];
        for &n in &self.search.order {
            if n != self.start && g.kind(n).and_then(Node::party).is_some() {
                if let Some(slot) = next.get_mut(n.index()) {
                    *slot = Link::new(hop(g, n, Some(self.start), Towards::Givers, parent));
                }
            }
        }
        Links::new(
            g.node_count(),
            &self.search.order,
            next,
            Towards::Givers,
            limit,
        )
    }

    /// Chains from the start to every paying customer reached, by customer id.
    pub fn chains_to_paying(&self, org: &Org, g: &CustomerGraph, limit: usize) -> Vec<Chain> {
        if self.way != Way::Downstream {
            return Vec::new();
        }
        let links = self.links(g, limit);
        let mut paying: Vec<(Party, NodeIndex)> = g
            .paying(org)
            .into_iter()
            .filter(|&n| n != self.start && self.search.distance(n).is_some())
            .filter_map(|n| Some((g.kind(n)?.party()?, n)))
            .collect();
        paying.sort_unstable();
        paying
            .into_iter()
            .map(|(_, n)| links.chain(self.start_party, n, limit))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, load};

    /// [`best_next`] one node after another, as it was before its passes
    /// ran on every core: the oracle of the test below.
    fn best_next_in_turn(org: &Org, g: &CustomerGraph, dist: &[u32]) -> Vec<(u32, u32)> {
        let mut best = vec![(NONE, NONE); g.node_count()];
        let mut first: Vec<NodeIndex> = (0..g.node_count()).map(NodeIndex::new).collect();
        let passes: [fn(Node) -> bool; 3] = [
            |k| matches!(k, Node::RoleIn(_)),
            |k| matches!(k, Node::RoleOut(_)),
            |k| k.party().is_some(),
        ];
        for in_pass in passes {
            for n in g.node_indices() {
                let kind = g.kind(n).unwrap();
                if !in_pass(kind) {
                    continue;
                }
                let Some((v, e)) = choose(org, g, dist, &first, n) else {
                    continue;
                };
                best[n.index()] = (v.index() as u32, e.index() as u32);
                if kind.party().is_none() {
                    first[n.index()] = first[v.index()];
                }
            }
        }
        best
    }

    /// On an organisation large enough for every core, the best next steps
    /// are those chosen one node after another: role in-nodes, role
    /// out-nodes (whose choice looks through the in-nodes) and people with
    /// ties between holders, vacant roles and personal handoffs.
    #[test]
    fn best_next_on_every_core_is_best_next_in_turn() {
        let mut text =
            String::from("[external.buyer]\npays = true\n[roles.vacant]\nhands_to = [\"buyer\"]\n");
        let roles = 400;
        for r in 0..roles {
            let to = match r {
                0 => "\"buyer\"".to_string(),
                r if r % 7 == 0 => "\"vacant\"".to_string(),
                r => format!("\"r{}\", \"r{}\"", r - 1, r / 2),
            };
            text.push_str(&format!("[roles.r{r}]\nhands_to = [{to}]\n"));
        }
        for p in 0..NODES_PER_THREAD * 2 {
            let own = if p % 10 == 0 {
                format!("\nhands_to = [\"p{}\"]", p / 3)
            } else {
                String::new()
            };
            text.push_str(&format!(
                "[people.p{p}]\nroles = [\"r{}\"]{own}\n",
                (p * 31) % roles
            ));
        }
        let loaded = load(Input::Text {
            name: "walk.toml",
            text: &text,
        })
        .expect("the file loads");
        let (org, g) = (&loaded.org, CustomerGraph::build(&loaded.org));
        assert!(
            crate::ordered::parts(g.node_count(), NODES_PER_THREAD) > 1
                || crate::ordered::threads() == 1
        );
        let search = Search::distances(&g, &g.paying(org), Direction::Incoming);
        let best = best_next(org, &g, &search.dist);
        assert!(best.iter().filter(|b| b.0 != NONE).count() > NODES_PER_THREAD * 2);
        assert_eq!(best, best_next_in_turn(org, &g, &search.dist));
    }
}
