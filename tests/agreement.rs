//! `chain check` and the what-if never contradict each other, on random
//! organisations with vacancies, people in several roles and personal
//! handoffs: "P is a single point for S" exactly when `chain diff FILE
//! --without P` says S lose their route, and a role whose holders are all
//! away behaves like a vacancy.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use serde_json::Value;

use crate::map_props::{Spec, spec};
use crate::util::{chain, json};

/// Each single-point finding of `file`: the person, how many people
/// depend on them (from the message), and the ones named.
fn single_points(file: &str) -> BTreeMap<String, (usize, BTreeSet<String>)> {
    let run = chain(&["check", file, "--format", "json", "--warn", "single-point"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let mut found = BTreeMap::new();
    for f in json(&run)["findings"].as_array().into_iter().flatten() {
        if f["code"] != "single-point" {
            continue;
        }
        let ids: Vec<String> = f["ids"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| Some(v.as_str()?.to_string()))
            .collect();
        let message = f["message"].as_str().unwrap_or_default();
        let count = message
            .split("single point for ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a count in {message}"));
        let (who, named) = ids.split_first().expect("the single point's id");
        found.insert(who.clone(), (count, named.iter().cloned().collect()));
    }
    found
}

/// Who `chain diff FILE --without IDS --fail-on lost-chain` says loses
/// their route, and its exit code.
fn lost_without(file: &str, ids: &[String]) -> (BTreeSet<String>, i32) {
    let mut args = vec!["diff", file, "--format", "json", "--fail-on", "lost-chain"];
    args.push("--without");
    args.extend(ids.iter().map(String::as_str));
    let run = chain(&args);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let lost = json(&run)["routes"]["lost"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    (lost, run.code)
}

/// The people other than `gone` who reach a paying customer in `spec` and
/// no longer do once `gone` are taken out, by a plain search of the
/// person-by-person relation.
fn cut_off(spec: &Spec, gone: &BTreeSet<usize>) -> BTreeSet<String> {
    let reaches = |from: usize, gone: &BTreeSet<usize>| {
        let mut seen = BTreeSet::from([from]);
        let mut todo = vec![from];
        while let Some(u) = todo.pop() {
            for v in spec.customers(u) {
                if spec.pays(v) {
                    return true;
                }
                if !gone.contains(&v) && seen.insert(v) {
                    todo.push(v);
                }
            }
        }
        false
    };
    (0..spec.people.len())
        .filter(|p| !gone.contains(p))
        .filter(|&p| reaches(p, &BTreeSet::new()) && !reaches(p, gone))
        .map(|p| spec.id(p))
        .collect()
}

/// `text` written as a team file in a fresh folder, and its path.
fn written(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("team.toml");
    std::fs::write(&path, text).expect("the team file");
    let file = path.display().to_string();
    (dir, file)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, .. ProptestConfig::default() })]

    /// For every person P: when `check` names P a single point for N
    /// people, `diff --without P` reports N people losing their route,
    /// among them everyone the finding names, and `--fail-on lost-chain`
    /// fails; when `check` does not name P, nobody else loses a route.
    #[test]
    fn single_points_are_what_the_what_if_loses(spec in spec()) {
        let (_dir, file) = written(&spec.toml());
        let points = single_points(&file);
        for p in 0..spec.people.len() {
            let id = spec.id(p);
            let (lost, code) = lost_without(&file, std::slice::from_ref(&id));
            match points.get(&id) {
                Some((count, named)) => {
                    prop_assert_eq!(lost.len(), *count, "{} lost {:?}", id, lost);
                    prop_assert!(named.is_subset(&lost), "{:?} not in {:?}", named, lost);
                    prop_assert_eq!(code, 1);
                }
                None => {
                    prop_assert!(lost.is_empty(), "without {}: {:?} lost, no finding", id, lost);
                    prop_assert_eq!(code, 0);
                }
            }
        }
    }

    /// Taking out every holder of a role leaves it vacant, and a vacancy
    /// hands nothing on: exactly the people whose every route ran through
    /// those holders lose theirs.
    #[test]
    fn a_role_whose_holders_are_away_is_a_vacancy(spec in spec()) {
        let (_dir, file) = written(&spec.toml());
        for r in 0..spec.roles.len() {
            let holders = spec.holders(r);
            if holders.is_empty() {
                continue;
            }
            let ids: Vec<String> = holders.iter().map(|&h| spec.id(h)).collect();
            let (lost, code) = lost_without(&file, &ids);
            let gone: BTreeSet<usize> = holders.into_iter().collect();
            let want = cut_off(&spec, &gone);
            prop_assert_eq!(&lost, &want, "without {:?}", ids);
            prop_assert_eq!(code, i32::from(!want.is_empty()));
        }
    }
}

/// A role only one person holds: Signe hands her work to the shipping
/// role, which only Gunnar holds. `check` names Gunnar a single point for
/// Signe, and without Gunnar the role is vacant and Signe's work stops
/// there: the what-if loses her route and fails the gate.
#[test]
fn the_sole_shipper() {
    let text = r#"
[external.dealers]
pays = true
[roles.shipping]
hands_to = ["dealers"]
[people.gunnar]
roles = ["shipping"]
[people.signe]
hands_to = ["shipping"]
"#;
    let (_dir, file) = written(text);
    let points = single_points(&file);
    assert_eq!(points["gunnar"], (1, BTreeSet::from(["signe".to_string()])));
    let (lost, code) = lost_without(&file, &["gunnar".to_string()]);
    assert_eq!(lost, BTreeSet::from(["signe".to_string()]));
    assert_eq!(code, 1);
}
