//! The generator of the benchmark's inputs (`examples/gen_org/`) makes the
//! organisations `bench/run.sh` measures: these tests load what it writes
//! and count what the benchmark figures rely on.

#[path = "../examples/gen_org/org_gen.rs"]
#[allow(dead_code)]
mod org_gen;

use chain::check::{Settings, run};
use chain::load::{Input, Loaded, load};
use org_gen::Shape;

fn loaded(shape: Shape, people: usize, seed: u64) -> Loaded {
    let text = org_gen::generate(shape, people, seed);
    let loaded = load(Input::Text {
        name: "gen",
        text: &text,
    })
    .unwrap_or_else(|e| panic!("{shape:?} loads: {e:?}"));
    assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
    loaded
}

/// Realistic: about 15 people per role with skewed sizes and a few vacant
/// roles, paying and non-paying customers, one person in ten with a
/// personal handoff, dead ends and rework loops; the same for a seed.
#[test]
fn realistic_organisations_have_every_feature() {
    let people = 3000;
    let loaded = loaded(Shape::Realistic, people, 1);
    let org = &loaded.org;
    assert_eq!(org.people.len(), people);
    assert_eq!(org.roles.len(), people / 15);
    let mut sizes: Vec<usize> = org.roles.iter().map(|r| r.holders.len()).collect();
    sizes.sort_unstable();
    let vacant = sizes.iter().filter(|&&s| s == 0).count();
    assert!(
        (1..org.roles.len() / 10).contains(&vacant),
        "{vacant} vacant"
    );
    let median = sizes.get(sizes.len() / 2).copied().unwrap_or(0);
    let largest = sizes.last().copied().unwrap_or(0);
    assert!(
        largest >= 10 * median.max(1),
        "largest {largest}, median {median}"
    );
    let paying = org.externals.iter().filter(|e| e.pays).count();
    assert!(
        paying >= 2 && paying < org.externals.len(),
        "{paying} paying"
    );
    let personal = org.people.iter().filter(|p| !p.hands_to.is_empty()).count();
    assert!(
        (people / 20..people * 3 / 20).contains(&personal),
        "{personal}"
    );
    let dead_ends = org.roles.iter().filter(|r| r.hands_to.is_empty()).count();
    assert!(dead_ends > 0);

    let loops_on = Settings {
        levels: vec![(
            chain::finding::Code::Cycle,
            chain::finding::Severity::Warning,
        )],
        deny_warnings: false,
    };
    let codes: Vec<&str> = run(&loaded, &loops_on)
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    for code in ["cycle", "dead-end", "orphan-role"] {
        assert!(codes.contains(&code), "no {code} in {codes:?}");
    }

    let again = org_gen::generate(Shape::Realistic, people, 1);
    assert_eq!(again, org_gen::generate(Shape::Realistic, people, 1));
    assert_ne!(again, org_gen::generate(Shape::Realistic, people, 2));
}

/// The adversarial shapes: a line, two roles handing to each other, and
/// everyone handing to twenty others.
#[test]
fn adversarial_shapes_are_what_they_say() {
    let line = loaded(Shape::Line, 50, 1).org;
    assert_eq!(line.people.len(), 50);
    for p in &line.people {
        let n: usize = p.id.trim_start_matches('p').parse().unwrap_or(usize::MAX);
        let next = if n + 1 == 50 {
            "buyers".to_string()
        } else {
            format!("p{}", n + 1)
        };
        let to: Vec<&str> = p.hands_to.iter().map(|h| line.id(h.to)).collect();
        assert_eq!(to, [next.as_str()], "{}", p.id);
    }

    let two = loaded(Shape::TwoRoles, 100, 1).org;
    assert_eq!(two.roles.len(), 2);
    assert!(two.roles.iter().all(|r| r.holders.len() == 50));
    let handoffs: Vec<usize> = two.roles.iter().map(|r| r.hands_to.len()).collect();
    assert_eq!(handoffs.iter().sum::<usize>(), 3);

    let fanout = loaded(Shape::Fanout, 200, 1).org;
    assert_eq!(fanout.people.len(), 200);
    assert!(fanout.people.iter().all(|p| p.hands_to.len() >= 20));
}
