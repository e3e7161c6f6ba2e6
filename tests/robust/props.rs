//! Property tests over random organisations (`map_props::spec`: ids with
//! quotes, spaces, backslashes and Unicode): every command line of
//! [`RUNS`] gives byte-identical output on two runs of the binary (hash
//! maps are seeded afresh in each process), JSON always parses, DOT always
//! parses in Graphviz with exactly the nodes and edges the organisation
//! has, and the fuzz target's invariants hold.

use std::collections::BTreeSet;
use std::ffi::OsString;

use proptest::prelude::*;

use super::commands::{self, RUNS, Shape};
use crate::graph_render::{dot, same_picture};
use crate::map_props::{Spec, spec};
use crate::util::exercise::exercise;
use crate::util::{chain_bytes, tool};

/// What `chain graph` should draw for `spec`, as Graphviz sees it: a node
/// per person who holds no role, per role and per external customer (the
/// other people are rows of their first role's card); an edge per pair of
/// a giver and a receiver its own handoffs name (a role's from the role,
/// whoever holds it; nothing for a handoff to oneself), a pair joined both
/// ways drawn once unless one way is a vacant role's (dashed, apart). Also
/// how many `hands_to` entries the file has.
fn expected_picture(spec: &Spec) -> (usize, usize, usize) {
    let n = spec.n();
    let drawn = (0..n)
        .filter(|&i| !spec.is_person(i) || spec.people[i].0.is_empty())
        .count();
    let mut joined = BTreeSet::new();
    for i in 0..n {
        joined.extend(
            spec.hands_to(i)
                .iter()
                .filter(|&&t| t != i)
                .map(|&t| (i, t)),
        );
    }
    let vacant = |i: usize| spec.role_of(i).is_some_and(|r| spec.holders(r).is_empty());
    let edges = joined
        .iter()
        .filter(|&&(a, b)| {
            let merged = joined.contains(&(b, a)) && !vacant(a) && !vacant(b);
            !(merged && a > b)
        })
        .count();
    let entries = (0..n).map(|i| spec.hands_to(i).len()).sum();
    (drawn, edges, entries)
}

/// Every run of [`RUNS`] on `spec`, twice: the same exit code and bytes,
/// JSON that parses and DOT that Graphviz reads.
fn runs_agree(spec: &Spec) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("team.toml");
    std::fs::write(&file, spec.toml()).expect("the team file");
    let (file, other) = (
        OsString::from(&file),
        OsString::from("examples/media-team.toml"),
    );
    for run in RUNS {
        let args = commands::fill(run, &file, &other, &spec.id(0));
        let first = chain_bytes(&args, None, &[]);
        let again = chain_bytes(&args, None, &[]);
        let what = format!("{args:?}");
        assert!(matches!(first.code, 0 | 1), "{what}: exit {}", first.code);
        assert_eq!(first.code, again.code, "{what}");
        assert!(first.stdout == again.stdout, "{what}: stdout differs");
        assert!(first.stderr == again.stderr, "{what}: stderr differs");
        match commands::shape(run) {
            Shape::Json => {
                let parsed = serde_json::from_slice::<serde_json::Value>(&first.stdout);
                assert!(parsed.is_ok(), "{what}: not JSON");
            }
            Shape::Dot => {
                if tool::has("dot") {
                    dot(&first.stdout, "plain");
                }
            }
            Shape::Text => {}
        }
    }
}

proptest! {
    // Each case runs the binary about 70 times: a few cases cover the
    // formats; the fuzz target covers the inputs.
    #![proptest_config(ProptestConfig { cases: 6, .. ProptestConfig::default() })]

    /// The same input gives the same bytes in every command and format;
    /// JSON parses; DOT parses.
    #[test]
    fn every_command_is_deterministic(spec in spec()) {
        runs_agree(&spec);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Graphviz reads the DOT of every view, and in the default view sees
    /// exactly the organisation's nodes and edges: each handoff drawn at
    /// most once, so never more arrows than `hands_to` entries.
    #[test]
    fn dot_has_the_expected_nodes_and_edges(spec in spec()) {
        if !tool::has("dot") {
            return Ok(());
        }
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("team.toml");
        std::fs::write(&file, spec.toml()).expect("the team file");
        let file = file.display().to_string();
        let seen = same_picture(&file, &[]);
        let (nodes, edges, entries) = expected_picture(&spec);
        prop_assert_eq!(seen.nodes.len(), nodes);
        prop_assert_eq!(seen.edges.len(), edges);
        prop_assert!(seen.edges.len() <= entries);
        let focus = spec.id(0);
        for args in [
            &["--collapse", "roles"][..],
            &["--collapse", "teams"],
            &["--group-by", "role"],
            &["--rankdir", "TB", "--no-highlight"],
            &["--focus", &focus, "--chain"],
        ] {
            same_picture(&file, args);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, .. ProptestConfig::default() })]

    /// The fuzz target's invariants (every format, twice, counts agreeing
    /// between formats) hold on valid organisations, which random bytes
    /// rarely make.
    #[test]
    fn fuzz_invariants_hold(spec in spec()) {
        exercise(spec.toml().as_bytes());
    }
}
