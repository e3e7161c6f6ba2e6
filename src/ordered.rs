//! Writing long reports on every core, in order.
//!
//! A report of many independent blocks (one line per person, one
//! diagnostic per finding) spends most of its time formatting text. The
//! blocks are cut into rounds; within a round each thread formats a run of
//! consecutive blocks into a buffer of its own, and the buffers are written
//! in order, so the output is byte for byte what one thread would write.
//! Memory stays bounded by the size of one round, whatever the report's
//! length.

use std::num::NonZero;
use std::sync::Mutex;
use std::thread;

/// At most this many threads, however many cores there are.
const MAX_THREADS: usize = 8;

/// The threads worth starting: one per core, at most [`MAX_THREADS`].
pub fn threads() -> usize {
    thread::available_parallelism()
        .map_or(1, NonZero::get)
        .min(MAX_THREADS)
}

/// How many threads `count` items are worth, at `least` items each: one
/// per core at most, and always one.
pub fn parts(count: usize, least: usize) -> usize {
    threads().min(count / least.max(1)).max(1)
}

/// `0..count` cut into one range per thread, each of at least `least`
/// items (so a short list is one range, worked on this thread).
pub fn per_thread(count: usize, least: usize) -> Vec<std::ops::Range<usize>> {
    let parts = parts(count, least);
    let size = count.div_ceil(parts).max(1);
    (0..count)
        .step_by(size)
        .map(|start| start..count.min(start + size))
        .collect()
}

/// `work` done on every item at once: the first item on this thread, each
/// other on a thread of its own (or on this one, if a thread cannot be
/// started). The results come back in the items' order.
pub fn map_in_order<T, R, W>(items: Vec<T>, work: W) -> Vec<R>
where
    T: Send,
    R: Send,
    W: Fn(T) -> R + Sync,
{
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let (slots, work) = (&slots, &work);
    // Takes item `i` out of its slot and works on it; whoever comes first.
    let run = move |i: usize| {
        let item = slots.get(i).and_then(|slot| slot.lock().ok()?.take());
        item.map(work)
    };
    thread::scope(|scope| {
        let spawned: Vec<_> = (1..slots.len())
            .map(|i| {
                thread::Builder::new()
                    .spawn_scoped(scope, move || run(i))
                    .ok()
            })
            .collect();
        let mut results = Vec::with_capacity(slots.len());
        results.extend(run(0));
        for (i, handle) in (1..).zip(spawned) {
            let result = match handle {
                Some(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                None => run(i),
            };
            results.extend(result);
        }
        results
    })
}

/// Sorts `items` by `cmp` on every core: one run of at least `least`
/// items per thread, each sorted on its own, then the sorted runs merged
/// (a stable sort finds the runs and merges them in one pass). Equal
/// items may come in any order.
pub fn sort_unstable_by<T, C>(items: &mut [T], least: usize, cmp: C)
where
    T: Send,
    C: Fn(&T, &T) -> std::cmp::Ordering + Sync,
{
    let runs = runs(items, least);
    let merge = runs.len() > 1;
    map_in_order(runs, |(_, run)| run.sort_unstable_by(&cmp));
    if merge {
        items.sort_by(cmp);
    }
}

/// `slots` cut into the runs of [`per_thread`], each with the index of
/// its first slot.
fn runs<S>(slots: &mut [S], least: usize) -> Vec<(usize, &mut [S])> {
    let mut runs = Vec::new();
    let mut rest = slots;
    for range in per_thread(rest.len(), least) {
        let (run, tail) = std::mem::take(&mut rest).split_at_mut(range.len());
        runs.push((range.start, run));
        rest = tail;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Sorted in runs on every core and merged, items come out as one
        /// sort puts them (runs of a few items, so two cores make several).
        #[test]
        fn sorted_on_cores_as_in_one_sort(
            mut items in proptest::collection::vec(0u16..500, 0..300),
            least in 1usize..40,
        ) {
            let mut expected = items.clone();
            expected.sort_unstable();
            sort_unstable_by(&mut items, least, |a, b| a.cmp(b));
            proptest::prop_assert_eq!(items, expected);
        }
    }

    /// Work on items at once comes back in the items' order, each once,
    /// the first item worked on this thread and the others on threads of
    /// their own.
    #[test]
    fn map_in_order_keeps_the_order() {
        let items: Vec<usize> = (0..12).collect();
        let results = map_in_order(items, |i| (i * 3, thread::current().id()));
        let values: Vec<usize> = results.iter().map(|r| r.0).collect();
        assert_eq!(values, (0..12).map(|i| i * 3).collect::<Vec<_>>());
        let here = thread::current().id();
        assert_eq!(results.first().map(|r| r.1), Some(here));
        assert!(results.iter().skip(1).all(|r| r.1 != here));
    }

    /// Work is cut into one run per thread, covering every item once; a
    /// short list is not cut.
    #[test]
    fn per_thread_covers_everything_once() {
        for (count, least) in [(0, 10), (5, 10), (10_000, 10), (10_001, 1), (7, 0)] {
            let runs = per_thread(count, least);
            let all: Vec<usize> = runs.iter().flat_map(Clone::clone).collect();
            assert_eq!(all, (0..count).collect::<Vec<_>>(), "{count} {least}");
            assert!(runs.len() <= threads().max(1));
        }
        assert_eq!(per_thread(5, 10).len(), 1);
    }
}
