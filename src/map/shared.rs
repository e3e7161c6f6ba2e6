//! The steps that many chains share, written once, for either format.
//!
//! Past its first step, a chain runs through the few people the walk
//! chooses in each role (the nearest holder with the smallest id), and its
//! first step is most often a handoff of the person's role, the same for
//! every holder. So the map of a realistic organisation shows the same few
//! thousand steps again and again. Writing each anew read its parts (the
//! ids, the labels, the handoff and its note, the roles) from all over
//! memory for every chain: on a million people, most of the time the map
//! took to write. Each step that more than one chain may show is written
//! once here and copied from then on.
//!
//! A shared step also keeps the rest of its chain, written: the steps from
//! the party it reaches to the paying customer. A person whose chain starts
//! with that step copies its whole chain at once, where following it step
//! by step read each step from another place in memory.
//!
//! A format writes a step in one or two streams ([`Render`]): a text line
//! is one, a JSON chain is two lists (the ids, then the steps).

use std::io;
use std::ops::Range;

use petgraph::graph::NodeIndex;

use super::PeopleMap;
use crate::model::{Org, Party};
use crate::prefetch;
use crate::walk::{PackedStep, Step, ToPaying};

/// Steps in the longest rest of a chain kept with a shared step; longer
/// chains are followed step by step.
const REST_STEPS: usize = 16;

/// Bytes of rests kept per person at most, so that no shape of
/// organisation makes the rests outgrow the map's other memory (a
/// realistic organisation keeps about 20).
pub(super) const REST_BYTES_PER_PERSON: usize = 64;

/// Shared steps whose slots are asked for at once while they are written.
const ASKED_AT_ONCE: usize = 16;

/// Cache lines of a shared step's text asked for ahead of its copy: the
/// copy's own reads ask for the lines after.
const TEXT_LINES_ASKED: usize = 4;

/// The most streams a format writes a step in.
pub(super) const STREAMS: usize = 2;

/// How a format writes a step, in each of the streams its chains are made
/// of: a chain in a stream is its steps' pieces, one after another, with
/// [`Render::SEPARATOR`] between two.
pub(super) trait Render {
    /// What goes between the pieces of two steps in a stream.
    const SEPARATOR: &'static [u8];
    /// How many streams (at most [`STREAMS`]).
    const STREAMS: usize;
    /// Whether the map copies a step's pieces alone, in chains it does not
    /// copy whole: then every shared step is written, and not only those
    /// that may keep a rest.
    const ALONE: bool;
    /// Appends step `s`'s piece of `stream` to `out`.
    fn piece(&self, org: &Org, s: &Step, stream: usize, out: &mut Vec<u8>) -> io::Result<()>;
}

/// The shared steps, written, found by the handoff each follows.
pub(super) struct SharedSteps {
    /// For each role, where the slots of its handoffs start (after one
    /// slot per person).
    role_start: Vec<usize>,
    /// For each slot, one more than the index of its step in `written`
    /// (0: not shared). Person `p`'s slot is `p`: a chain leaves a person
    /// by one step. Handoff `i` of role `r` has slot `role_start[r] + i`.
    entry: Vec<u32>,
    written: Vec<Written>,
}

/// A shared step, written: one cache line, read at random for every
/// person of a million-person map (with the step as it was, 72 bytes, it
/// took two).
#[repr(align(64))]
pub(super) struct Written {
    /// The step, compared on every lookup: a slot answers only for it.
    step: PackedStep,
    /// The node it reaches, whose chain `text` holds when it holds a rest.
    next: NodeIndex,
    /// Each stream in turn: the step's piece, then (when `rest`) the
    /// separator and the rest of the chain from `next`.
    text: Box<[u8]>,
    /// For each stream, where its piece ends and where it ends.
    ends: [u32; 2 * STREAMS],
    /// Whether `text` holds the rest of the chain from `next`.
    rest: bool,
}

// The reason for `Written`'s layout: one cache line, not two.
const _: () = assert!(std::mem::size_of::<Written>() == 64);

impl Written {
    fn part(&self, range: Range<u32>) -> &[u8] {
        self.text
            .get(range.start as usize..range.end as usize)
            .unwrap_or_default()
    }

    /// Where `stream` starts in `text`.
    fn start(&self, stream: usize) -> u32 {
        let before = (2 * stream).checked_sub(1);
        before.and_then(|k| self.ends.get(k)).copied().unwrap_or(0)
    }

    fn end(&self, k: usize) -> u32 {
        self.ends.get(k).copied().unwrap_or(0)
    }

    /// The step's piece of `stream`.
    pub(super) fn piece(&self, stream: usize) -> &[u8] {
        self.part(self.start(stream)..self.end(2 * stream))
    }

    /// All of `stream`: the piece, then the rest when there is one.
    pub(super) fn stream(&self, stream: usize) -> &[u8] {
        self.part(self.start(stream)..self.end(2 * stream + 1))
    }
}

impl SharedSteps {
    /// Writes each of the shared steps once (the first of equal handoffs),
    /// in the order the map's chains first show them, with the rest of
    /// each one's chain while `rest_bytes` last.
    pub(super) fn new<R: Render>(
        org: &Org,
        to_paying: &ToPaying,
        rest_bytes: usize,
        render: &R,
    ) -> io::Result<Self> {
        let mut role_start = Vec::with_capacity(org.roles.len());
        let mut slots = org.people.len();
        for role in &org.roles {
            role_start.push(slots);
            slots += role.hands_to.len();
        }
        let mut shared = SharedSteps {
            role_start,
            entry: vec![0; slots],
            written: Vec::new(),
        };
        let mut scratch = Vec::new();
        // A role's step comes once per holder, holders in id order, so
        // each reads its slot at random: asked for a batch at a time.
        let mut batch = Vec::with_capacity(ASKED_AT_ONCE);
        let mut steps = to_paying.shared_steps();
        loop {
            batch.clear();
            batch.extend(steps.by_ref().take(ASKED_AT_ONCE));
            if batch.is_empty() {
                break;
            }
            shared.ask_batch(org, &batch);
            for &(next, s) in &batch {
                if R::ALONE || to_paying.depth(next) as usize <= REST_STEPS {
                    shared.add(&mut scratch, org, render, next, s)?;
                }
            }
        }
        shared.add_rests::<R>(to_paying, rest_bytes);
        Ok(shared)
    }

    /// Adds step `s` to node `next`, written, unless it is there already.
    fn add<R: Render>(
        &mut self,
        scratch: &mut Vec<u8>,
        org: &Org,
        render: &R,
        next: NodeIndex,
        s: Step,
    ) -> io::Result<()> {
        let Some(slot) = self.slot(&s) else {
            return Ok(());
        };
        let (Some(0), Ok(entry)) = (
            self.entry.get(slot).copied(),
            u32::try_from(self.written.len() + 1),
        ) else {
            return Ok(());
        };
        let Some(w) = written(scratch, org, render, s, next)? else {
            return Ok(());
        };
        self.written.push(w);
        if let Some(e) = self.entry.get_mut(slot) {
            *e = entry;
        }
        Ok(())
    }

    /// Writes the rest of each shared step's chain into it, while `budget`
    /// bytes last. Steps go in order of the steps left after them, fewest
    /// first, so that each rest is the step after it and that step's rest,
    /// written already.
    fn add_rests<R: Render>(&mut self, to_paying: &ToPaying, mut budget: usize) {
        let mut order: Vec<(u32, usize)> = (self.written.iter().enumerate())
            .map(|(k, w)| (to_paying.depth(w.next), k))
            .filter(|&(depth, _)| depth as usize <= REST_STEPS)
            .collect();
        order.sort_unstable();
        let mut text = Vec::new();
        for (i, &(_, k)) in order.iter().enumerate() {
            self.ask_rest_ahead(to_paying, &order, i);
            let Some(w) = self.written.get(k) else {
                continue;
            };
            let after = match to_paying.next(w.next) {
                None => None,
                Some((m, s)) => match self.whole(&s, m) {
                    Some(whole) => Some(whole),
                    None => continue,
                },
            };
            let rest = after.map_or(0, |a| {
                let streams = streams::<R>().map(|k| a.stream(k).len());
                streams.map(|len| len + R::SEPARATOR.len()).sum()
            });
            let Some(left) = budget.checked_sub(rest) else {
                break;
            };
            budget = left;
            let Some(ends) = with_rest::<R>(&mut text, w, after) else {
                continue;
            };
            if let Some(w) = self.written.get_mut(k) {
                w.text = text.as_slice().into();
                w.ends = ends;
                w.rest = true;
            }
        }
    }

    /// Asks for what writing the rests of the shared steps a few ahead of
    /// place `i` in `order` will read, each read a stage further on for a
    /// nearer one: the shared step, the step after it, that step's entry,
    /// the shared step it is. The steps go by depth, each in a random
    /// place on a million people, and each read needs the one before.
    fn ask_rest_ahead(&self, to_paying: &ToPaying, order: &[(u32, usize)], i: usize) {
        let step = |ahead: usize| {
            let &(_, k) = order.get(i + ahead)?;
            self.written.get(k)
        };
        if let Some(&(_, k)) = order.get(i + 16) {
            prefetch::at(&self.written, k);
        }
        if let Some(w) = step(8) {
            to_paying.ask_next(w.next);
        }
        if let Some((_, s)) = step(4).and_then(|w| to_paying.next(w.next)) {
            self.ask_entry(&s);
        }
        if let Some((_, s)) = step(2).and_then(|w| to_paying.next(w.next)) {
            self.ask_written(&s);
        }
    }

    /// Where the handoff `s` follows has its slot.
    fn slot(&self, s: &Step) -> Option<usize> {
        match s.declared_by {
            Party::Person(p) => Some(p),
            Party::Role(r) => Some(self.role_start.get(r)? + s.index),
            Party::External(_) => None,
        }
    }

    /// Step `s`, written; `None` when it is not shared.
    pub(super) fn get(&self, s: &Step) -> Option<&Written> {
        let entry = *self.entry.get(self.slot(s)?)?;
        let written = self.written.get(entry.checked_sub(1)? as usize)?;
        (Some(written.step) == PackedStep::new(s)).then_some(written)
    }

    /// Asks for what copying the chains of the people a few ahead of
    /// person `i` will read from here, each read a stage further on for a
    /// nearer person: the entry of its first step's slot, the shared step,
    /// its text. Each is in a random place on a million people and needs
    /// the one before.
    pub(super) fn ask_ahead(&self, map: &PeopleMap<'_>, i: usize) {
        let first = |ahead: usize| {
            let party = Party::Person(i + ahead);
            let (_, s) = map.to_paying.first_of_whole(map.graph, party)?;
            Some(s)
        };
        if let Some(s) = first(8) {
            self.ask_entry(&s);
        }
        if let Some(s) = first(4) {
            self.ask_written(&s);
        }
        if let Some(s) = first(2) {
            self.ask_text(&s);
        }
    }

    /// Asks for what adding the steps of `batch` reads, in stages over the
    /// batch: each step's entry; then, for the steps not written yet, the
    /// records of their parties; then their handoffs.
    fn ask_batch(&self, org: &Org, batch: &[(NodeIndex, Step)]) {
        for (_, s) in batch {
            self.ask_entry(s);
        }
        for (_, s) in batch.iter().filter(|(_, s)| self.is_new(s)) {
            ask_parties(org, s);
        }
        for (_, s) in batch.iter().filter(|(_, s)| self.is_new(s)) {
            if let Some(h) = org.hands_to(s.declared_by).get(s.index) {
                prefetch::item(h);
            }
        }
    }

    /// Whether step `s` is shared and not written yet.
    fn is_new(&self, s: &Step) -> bool {
        let entry = self.slot(s).and_then(|slot| self.entry.get(slot));
        entry == Some(&0)
    }

    /// Asks for the entry of step `s`'s slot.
    fn ask_entry(&self, s: &Step) {
        if let Some(slot) = self.slot(s) {
            prefetch::at(&self.entry, slot);
        }
    }

    /// Asks for the shared step `s` is, once its entry has come.
    fn ask_written(&self, s: &Step) {
        let entry = self.slot(s).and_then(|slot| self.entry.get(slot));
        if let Some(k) = entry.and_then(|e| e.checked_sub(1)) {
            prefetch::at(&self.written, k as usize);
        }
    }

    /// Asks for the first lines of step `s`'s text, once the step has come.
    fn ask_text(&self, s: &Step) {
        if let Some(w) = self.get(s) {
            for line in (0..w.text.len()).step_by(64).take(TEXT_LINES_ASKED) {
                prefetch::at(&w.text, line);
            }
        }
    }

    /// The shared step `s` to node `next`, when it keeps the rest of its
    /// chain: each of its streams is the chain after its first party.
    pub(super) fn whole(&self, s: &Step, next: NodeIndex) -> Option<&Written> {
        self.get(s).filter(|w| w.rest && w.next == next)
    }
}

/// Asks for the records of the party step `s` reaches and of the one that
/// declares it, which writing the step reads first.
fn ask_parties(org: &Org, s: &Step) {
    for party in [s.to, s.declared_by] {
        match party {
            Party::Person(i) => prefetch::at(&org.people, i),
            Party::Role(r) => prefetch::at(&org.roles, r),
            Party::External(e) => prefetch::at(&org.externals, e),
        }
    }
}

/// The streams format `R` writes.
fn streams<R: Render>() -> Range<usize> {
    0..R::STREAMS.min(STREAMS)
}

/// Writes into `text` each stream of `w` followed by the same stream of
/// `after`, the shared step whose chain follows it (`None` at a paying
/// customer); where each piece and each stream ends, or `None` past four
/// bytes' reach.
fn with_rest<R: Render>(
    text: &mut Vec<u8>,
    w: &Written,
    after: Option<&Written>,
) -> Option<[u32; 2 * STREAMS]> {
    text.clear();
    let mut ends = [0; 2 * STREAMS];
    for stream in streams::<R>() {
        text.extend_from_slice(w.piece(stream));
        let piece = u32::try_from(text.len()).ok()?;
        if let Some(a) = after {
            text.extend_from_slice(R::SEPARATOR);
            text.extend_from_slice(a.stream(stream));
        }
        mark(&mut ends, stream, piece, u32::try_from(text.len()).ok()?);
    }
    Some(ends)
}

/// Records in `ends` that `stream`'s piece ends at `piece` and the stream
/// at `end`: the streams after it start and end there too, empty, until
/// they are written.
fn mark(ends: &mut [u32; 2 * STREAMS], stream: usize, piece: u32, end: u32) {
    for (k, e) in ends.iter_mut().enumerate().skip(2 * stream) {
        *e = if k == 2 * stream { piece } else { end };
    }
}

/// Step `s` to node `next` written, without the rest of its chain;
/// `None` for a step or a text too large for four-byte numbers.
fn written<R: Render>(
    scratch: &mut Vec<u8>,
    org: &Org,
    render: &R,
    s: Step,
    next: NodeIndex,
) -> io::Result<Option<Written>> {
    scratch.clear();
    let mut ends = [0; 2 * STREAMS];
    for stream in streams::<R>() {
        render.piece(org, &s, stream, scratch)?;
        let Ok(end) = u32::try_from(scratch.len()) else {
            return Ok(None);
        };
        mark(&mut ends, stream, end, end);
    }
    let Some(step) = PackedStep::new(&s) else {
        return Ok(None);
    };
    Ok(Some(Written {
        step,
        next,
        text: scratch.as_slice().into(),
        ends,
        rest: false,
    }))
}
