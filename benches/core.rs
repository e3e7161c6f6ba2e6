//! Benchmarks of the core steps, one at a time, on generated organisations:
//! loading (parse and resolve), building the customer graph, and the walks
//! (every person to a paying customer; everyone one party serves).
//!
//! `cargo bench --bench core`. Whole-process figures (wall time and peak
//! memory, beside the parse floor and the Python reference) come from
//! `bash bench/run.sh` instead.

#[path = "support/org_gen.rs"]
mod org_gen;

use std::sync::OnceLock;

use chain::graph::CustomerGraph;
use chain::load::{Input, load};
use chain::model::{Org, Party};
use chain::walk::{Reach, ToPaying, Way};
use divan::Bencher;
use org_gen::Shape;

fn main() {
    divan::main();
}

/// The inputs: (name, shape, people).
const INPUTS: &[(&str, Shape, usize)] = &[
    ("realistic-10k", Shape::Realistic, 10_000),
    ("realistic-100k", Shape::Realistic, 100_000),
    ("line-100k", Shape::Line, 100_000),
    ("two-roles-40k", Shape::TwoRoles, 40_000),
    ("fanout-50k", Shape::Fanout, 50_000),
];
const NAMES: &[&str] = &[
    "realistic-10k",
    "realistic-100k",
    "line-100k",
    "two-roles-40k",
    "fanout-50k",
];

/// The text of input `name`, generated once per run.
fn text(name: &str) -> &'static str {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    let texts = TEXTS.get_or_init(|| {
        INPUTS
            .iter()
            .map(|&(_, shape, people)| org_gen::generate(shape, people, 1))
            .collect()
    });
    let i = INPUTS.iter().position(|(n, _, _)| *n == name).unwrap_or(0);
    texts.get(i).map_or("", String::as_str)
}

/// The loaded model of input `name`.
fn org(name: &str) -> Org {
    let loaded = load(Input::Text {
        name,
        text: text(name),
    })
    .unwrap_or_else(|_| panic!("{name} loads"));
    assert!(loaded.findings.is_empty(), "{name} loads without findings");
    loaded.org
}

/// Text to `Org`: parsing the TOML, reading its shape, resolving ids.
#[divan::bench(args = NAMES, sample_count = 10)]
fn load_file(bencher: Bencher, name: &str) {
    let text = text(name);
    bencher.bench(|| {
        load(Input::Text { name, text })
            .map(|l| l.org.people.len())
            .ok()
    });
}

/// `Org` to the customer graph.
#[divan::bench(args = NAMES, sample_count = 10)]
fn build_graph(bencher: Bencher, name: &str) {
    let org = org(name);
    bencher.bench(|| CustomerGraph::build(&org).node_count());
}

/// Every party's distance and chain to a paying customer.
#[divan::bench(args = NAMES, sample_count = 10)]
fn walk_to_paying(bencher: Bencher, name: &str) {
    let org = org(name);
    let graph = CustomerGraph::build(&org);
    bencher.bench(|| ToPaying::new(&org, &graph, 50));
}

/// Everyone the first person serves, and everyone who serves the first
/// paying customer.
#[divan::bench(args = NAMES, sample_count = 10)]
fn walk_reach(bencher: Bencher, name: &str) {
    let org = org(name);
    let graph = CustomerGraph::build(&org);
    let paying = org.externals.iter().position(|e| e.pays).unwrap_or(0);
    bencher.bench(|| {
        let down = Reach::new(&graph, Party::Person(0), Way::Downstream, None);
        let up = Reach::new(&graph, Party::External(paying), Way::Upstream, None);
        (
            down.map(|r| r.parties(&graph).len()),
            up.map(|r| r.parties(&graph).len()),
        )
    });
}
