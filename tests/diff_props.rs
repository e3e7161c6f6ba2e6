//! Property tests of `chain diff` on random organisations (the generator of
//! `map_props`): a file against itself, what-if against editing the file,
//! the two directions of a diff, and distances against an independent
//! search.

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::Value;

use crate::map_props::{Spec, spec};
use chain::diff::{Checked, Diff, Format};
use chain::load::{Input, load};
use chain::model::Party;

/// `text` loaded (it must load without findings) and checked.
fn checked(text: &str) -> Checked {
    let loaded = load(Input::Text {
        name: "prop.toml",
        text,
    })
    .expect("generated TOML parses");
    assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
    Checked::new(loaded)
}

/// The diff as JSON, with each finding cut down to what identifies it
/// (lines and files differ between equal findings of different texts) and
/// the lists of findings sorted.
fn json(diff: &Diff<'_>) -> Value {
    let mut out = Vec::new();
    diff.write(&mut out, Format::Json)
        .expect("writing to memory works");
    let mut doc: Value = serde_json::from_slice(&out).expect("the diff is JSON");
    for list in ["new", "fixed"] {
        let findings = doc["findings"][list]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut ids: Vec<String> = findings
            .iter()
            .map(|f| {
                format!(
                    "{} {} {} {}",
                    f["code"], f["severity"], f["message"], f["ids"]
                )
            })
            .collect();
        ids.sort();
        doc["findings"][list] = ids.into();
    }
    for key in ["old", "new", "without"] {
        doc[key] = Value::Null;
    }
    doc
}

impl Spec {
    /// The TOML of the organisation without party `gone` and every mention
    /// of it: what a person would write to take it out of the file.
    fn toml_without(&self, gone: usize) -> String {
        let key = |i: usize| serde_json::to_string(&self.id(i)).unwrap_or_default();
        let list = |ids: &mut dyn Iterator<Item = usize>| {
            ids.filter(|&i| i != gone)
                .map(key)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = String::new();
        for (e, pays) in self.pays.iter().enumerate() {
            let i = self.people.len() + self.roles.len() + e;
            if i != gone {
                out.push_str(&format!("[external.{}]\npays = {pays}\n", key(i)));
            }
        }
        for (r, hands) in self.roles.iter().enumerate() {
            let i = self.role_index(r);
            if i != gone {
                let hands = list(&mut hands.iter().copied());
                out.push_str(&format!("[roles.{}]\nhands_to = [{hands}]\n", key(i)));
            }
        }
        for (p, (roles, hands)) in self.people.iter().enumerate() {
            if p != gone {
                let roles = list(&mut roles.iter().map(|&r| self.role_index(r)));
                let hands = list(&mut hands.iter().copied());
                out.push_str(&format!(
                    "[people.{}]\nroles = [{roles}]\nhands_to = [{hands}]\n",
                    key(p)
                ));
            }
        }
        out
    }
}

/// The party with spec index `i` in a loaded organisation.
fn party(checked: &Checked, spec: &Spec, i: usize) -> Party {
    checked
        .loaded
        .org
        .lookup(&spec.id(i))
        .expect("every spec id is declared")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// A file compared with itself, and a file without nobody, are empty.
    #[test]
    fn a_file_against_itself_is_empty(spec in spec()) {
        let text = spec.toml();
        let (a, b) = (checked(&text), checked(&text));
        prop_assert!(Diff::new(a.side(), b.side()).is_empty());
        let same = a.without(&[]);
        prop_assert!(Diff::new(a.side(), same.side_within(&a)).is_empty());
    }

    /// `--without X` gives the same diff as deleting X (and every mention of
    /// it) from the file: the what-if is what the edit would do.
    #[test]
    fn without_is_deleting_from_the_file(spec in spec(), pick in any::<prop::sample::Index>()) {
        let gone = pick.index(spec.n());
        let full = checked(&spec.toml());
        let edited = checked(&spec.toml_without(gone));
        let what_if = full.without(&[party(&full, &spec, gone)]);
        prop_assert_eq!(
            json(&Diff::new(full.side(), what_if.side_within(&full))),
            json(&Diff::new(full.side(), edited.side()))
        );
    }

    /// Taking parties out never shortens a chain or gives anyone a route,
    /// and every role whose holders were all taken out falls vacant.
    #[test]
    fn without_only_makes_things_worse(spec in spec(), picks in prop::collection::vec(any::<prop::sample::Index>(), 1..3)) {
        let full = checked(&spec.toml());
        let gone: Vec<usize> = picks.iter().map(|p| p.index(spec.n())).collect();
        let parties: Vec<Party> = gone.iter().map(|&i| party(&full, &spec, i)).collect();
        let after = full.without(&parties);
        let diff = Diff::new(full.side(), after.side_within(&full));
        for d in &diff.distance {
            prop_assert!(d.before.is_some(), "{d:?}");
            prop_assert!(d.after.is_none_or(|a| Some(a) > d.before), "{d:?}");
        }
        let vacated: BTreeSet<String> = (0..spec.roles.len())
            .filter(|&r| !gone.contains(&spec.role_index(r)))
            .filter(|&r| {
                let holders = spec.holders(r);
                !holders.is_empty() && holders.iter().all(|h| gone.contains(h))
            })
            .map(|r| spec.id(spec.role_index(r)))
            .collect();
        let reported: BTreeSet<String> = diff.vacated.iter().map(|e| e.id.to_string()).collect();
        prop_assert_eq!(reported, vacated);
    }

    /// A diff read backwards is the same diff turned round: added and
    /// removed swap, before and after swap, new and fixed swap.
    #[test]
    fn a_diff_backwards_is_turned_round(a in spec(), b in spec()) {
        let (a, b) = (checked(&a.toml()), checked(&b.toml()));
        let forth = Diff::new(a.side(), b.side());
        let back = Diff::new(b.side(), a.side());
        prop_assert_eq!(&forth.people.added, &back.people.removed);
        prop_assert_eq!(&forth.roles.removed, &back.roles.added);
        prop_assert_eq!(&forth.external.added, &back.external.removed);
        prop_assert_eq!(&forth.holders.added, &back.holders.removed);
        prop_assert_eq!(&forth.handoffs.removed, &back.handoffs.added);
        prop_assert_eq!(&forth.vacated, &back.filled);
        prop_assert_eq!(&forth.now_paying, &back.stopped_paying);
        prop_assert_eq!(forth.notes.len(), back.notes.len());
        let turned: Vec<_> = back.distance.iter().map(|d| (d.id, d.after, d.before)).collect();
        let forth_d: Vec<_> = forth.distance.iter().map(|d| (d.id, d.before, d.after)).collect();
        prop_assert_eq!(forth_d, turned);
        prop_assert_eq!(&forth.findings.new, &back.findings.fixed);
        prop_assert_eq!(&forth.findings.fixed, &back.findings.new);
    }

    /// The distance changes are exactly the people in both whose distance,
    /// by an independent search on the person-by-person graph, differs.
    #[test]
    fn distances_match_an_independent_search(a in spec(), b in spec()) {
        let (old, new) = (checked(&a.toml()), checked(&b.toml()));
        let diff = Diff::new(old.side(), new.side());
        let got: Vec<(String, Option<u32>, Option<u32>)> = diff
            .distance
            .iter()
            .map(|d| (d.id.to_string(), d.before, d.after))
            .collect();
        let in_b: std::collections::HashMap<String, usize> =
            (0..b.people.len()).map(|i| (b.id(i), i)).collect();
        let mut want = Vec::new();
        for i in 0..a.people.len() {
            let Some(&j) = in_b.get(&a.id(i)) else { continue };
            let before = a.distance_to_paying(i).map(|d| d as u32);
            let after = b.distance_to_paying(j).map(|d| d as u32);
            if before != after {
                want.push((a.id(i), before, after));
            }
        }
        want.sort();
        prop_assert_eq!(got, want);
    }
}
