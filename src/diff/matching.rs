//! Pairing the items of two lists by a key, the way a hash join does:
//! linear, and the same on every run.
//!
//! Keys may repeat (a person can declare the same handoff twice): the n-th
//! old item with a key pairs with the n-th new item with that key, so
//! repeats count like a multiset.

use std::collections::HashMap;
use std::hash::Hash;

/// What pairing two lists found.
#[derive(Debug)]
pub(crate) struct Matched<T> {
    /// Old items no new item pairs with, in old order.
    pub(crate) removed: Vec<T>,
    /// Pairs of an old item and the new item with the same key, in new order.
    pub(crate) kept: Vec<(T, T)>,
    /// New items no old item pairs with, in new order.
    pub(crate) added: Vec<T>,
}

/// No further old item with the same key.
const END: usize = usize::MAX;

/// Pairs `old` and `new` by `key`.
pub(crate) fn match_up<T: Copy, K: Hash + Eq>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> K,
) -> Matched<T> {
    // For each key, its first unpaired old item; `next` links each old item
    // to the following one with the same key. No allocation per key.
    let mut first: HashMap<K, usize, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(old.len(), Default::default());
    let mut next = vec![END; old.len()];
    for (i, item) in old.iter().enumerate().rev() {
        if let (Some(prev), Some(slot)) = (first.insert(key(item), i), next.get_mut(i)) {
            *slot = prev;
        }
    }
    let mut paired = vec![false; old.len()];
    let mut kept = Vec::new();
    let mut added = Vec::new();
    for item in new {
        let Some(head) = first.get_mut(&key(item)).filter(|head| **head != END) else {
            added.push(*item);
            continue;
        };
        let i = *head;
        *head = next.get(i).copied().unwrap_or(END);
        if let (Some(flag), Some(&before)) = (paired.get_mut(i), old.get(i)) {
            *flag = true;
            kept.push((before, *item));
        }
    }
    let removed = old
        .iter()
        .zip(&paired)
        .filter(|&(_, &p)| !p)
        .map(|(&item, _)| item)
        .collect();
    Matched {
        removed,
        kept,
        added,
    }
}

#[cfg(test)]
mod tests {
    use super::match_up;

    /// Items pair by key, repeats count, and order is kept.
    #[test]
    fn pairs_like_a_multiset() {
        let old = [("a", 1), ("b", 2), ("a", 3), ("c", 4)];
        let new = [("a", 10), ("d", 11), ("c", 12)];
        let m = match_up(&old, &new, |&(k, _)| k);
        assert_eq!(m.removed, [("b", 2), ("a", 3)]);
        assert_eq!(m.kept, [(("a", 1), ("a", 10)), (("c", 4), ("c", 12))]);
        assert_eq!(m.added, [("d", 11)]);
    }
}
