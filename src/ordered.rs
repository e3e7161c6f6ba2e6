//! Writing long reports on every core, in order.
//!
//! A report of many independent blocks (one line per person, one
//! diagnostic per finding) spends most of its time formatting text. The
//! blocks are cut into rounds; within a round each thread formats a run of
//! consecutive blocks into a buffer of its own, and the buffers are written
//! in order, so the output is byte for byte what one thread would write.
//! Memory stays bounded by the size of one round, whatever the report's
//! length.

use std::io::{self, Write};
use std::num::NonZero;
use std::sync::Mutex;
use std::thread;

/// Blocks each thread formats per round: large enough that a thread's
/// start-up is lost in the work, small enough that a round's buffers stay
/// a few megabytes.
const RUN: usize = 2048;

/// At most this many threads, however many cores there are.
const MAX_THREADS: usize = 8;

/// Writes blocks `0..count` to `out` in order; `render(i, buffer)` appends
/// block `i` to a buffer.
pub fn write_blocks<R>(out: &mut dyn Write, count: usize, render: R) -> io::Result<()>
where
    R: Fn(usize, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    let threads = threads();
    // A round is one run per thread; the first run of each is formatted
    // here, so a short report or a single core starts no thread at all.
    let round = RUN * threads;
    for start in (0..count).step_by(round) {
        let end = count.min(start + round);
        for buffer in render_round(start..end, &render)? {
            out.write_all(&buffer)?;
        }
    }
    Ok(())
}

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

/// The buffers of blocks `range`, one per run of [`RUN`] blocks, in order.
fn render_round<R>(range: std::ops::Range<usize>, render: &R) -> io::Result<Vec<Vec<u8>>>
where
    R: Fn(usize, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    let runs: Vec<_> = range
        .clone()
        .step_by(RUN)
        .map(|start| start..range.end.min(start + RUN))
        .collect();
    map_in_order(runs, |run| render_run(run, render))
        .into_iter()
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

/// `work(i, slot)` for each slot of `slots`, numbered from `first`, on
/// every core: one run of consecutive slots per thread, each of at least
/// `least` (see [`per_thread`]). What `work` returns comes back in slot
/// order.
pub fn each_slot<S, R, W>(slots: &mut [S], first: usize, least: usize, work: W) -> Vec<R>
where
    S: Send,
    R: Send,
    W: Fn(usize, &mut S) -> Option<R> + Sync,
{
    let each = |(start, run): (usize, &mut [S])| -> Vec<R> {
        (first + start..)
            .zip(run)
            .filter_map(|(i, slot)| work(i, slot))
            .collect()
    };
    map_in_order(runs(slots, least), each)
        .into_iter()
        .flatten()
        .collect()
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

/// Items (edges, say) from which laying them out both ways is worth a
/// thread for the second way.
pub const BOTH_WAYS_FROM: usize = 1 << 14;

/// `work(false)` and `work(true)` on `items` items: at once on two cores
/// from [`BOTH_WAYS_FROM`] items when there is a second core, else one
/// after the other.
pub fn both_ways<R, W>(items: usize, work: W) -> (R, R)
where
    R: Send + Default,
    W: Fn(bool) -> R + Sync,
{
    let ways = if items >= BOTH_WAYS_FROM && threads() > 1 {
        map_in_order(vec![false, true], &work)
    } else {
        vec![work(false), work(true)]
    };
    let mut ways = ways.into_iter();
    (
        ways.next().unwrap_or_default(),
        ways.next().unwrap_or_default(),
    )
}

/// Blocks `run` in one buffer.
fn render_run<R>(run: std::ops::Range<usize>, render: &R) -> io::Result<Vec<u8>>
where
    R: Fn(usize, &mut Vec<u8>) -> io::Result<()>,
{
    let mut buffer = Vec::new();
    for i in run {
        render(i, &mut buffer)?;
    }
    Ok(buffer)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Many blocks in several rounds come out in order, each once.
    #[test]
    fn blocks_come_out_in_order() {
        let count = RUN * MAX_THREADS * 2 + 17;
        let mut out = Vec::new();
        write_blocks(&mut out, count, |i, b| writeln!(b, "{i}")).expect("writes to a vector");
        let text = String::from_utf8(out).expect("UTF-8");
        let expected: String = (0..count).map(|i| format!("{i}\n")).collect();
        assert_eq!(text, expected);
    }

    /// A block that fails to format fails the whole write.
    #[test]
    fn errors_are_returned() {
        let count = RUN * 3;
        let mut out = Vec::new();
        let result = write_blocks(&mut out, count, |i, b| {
            if i == RUN + 5 {
                Err(io::Error::other("no"))
            } else {
                writeln!(b, "{i}")
            }
        });
        assert!(result.is_err());
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

    /// Every slot is worked on once, numbered from `first`, in runs on
    /// every core, and the results come back in slot order.
    #[test]
    fn each_slot_numbers_every_slot_once() {
        for (count, least) in [(0, 4), (3, 4), (10_001, 16)] {
            let mut slots = vec![0usize; count];
            let odd = each_slot(&mut slots, 7, least, |i, slot| {
                *slot = i;
                (i % 2 == 1).then_some(i)
            });
            assert_eq!(slots, (7..7 + count).collect::<Vec<_>>());
            assert_eq!(
                odd,
                (7..7 + count).filter(|i| i % 2 == 1).collect::<Vec<_>>()
            );
        }
    }

    /// Both ways come back in order, the turned one on a thread of its own
    /// only when it is worth one.
    #[test]
    fn both_ways_keeps_the_order() {
        let here = thread::current().id();
        for (items, worth) in [(BOTH_WAYS_FROM - 1, false), (BOTH_WAYS_FROM, true)] {
            let ((a, at_a), (b, at_b)) = both_ways(items, |turned| {
                (u8::from(turned), Some(thread::current().id()))
            });
            assert_eq!((a, b), (0, 1));
            assert_eq!(at_a, Some(here));
            assert_eq!(at_b == Some(here), !worth || threads() == 1);
        }
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
