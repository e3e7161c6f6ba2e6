//! The JSON of the steps that many chains share, written once.
//!
//! Past its first step, a chain runs through the few people the walk
//! chooses in each role (the nearest holder with the smallest id), and its
//! first step is most often a handoff of the person's role, the same for
//! every holder. So the map of a realistic organisation shows the same few
//! thousand steps again and again. Writing each anew read its parts (the
//! ids, the handoff and its note, the roles) from all over memory for
//! every chain: on a million people, most of the time the map took to
//! write. Each step that more than one chain may show is written once here
//! and copied from then on.
//!
//! A shared step also keeps the rest of its chain, written: the ids and the
//! steps from the party it reaches to the paying customer. A person whose
//! chain starts with that step copies its whole chain in two pieces, where
//! following it step by step read each step from another place in memory.

use std::io;
use std::ops::Range;

use petgraph::graph::NodeIndex;

use super::step;
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
    /// The JSON of the id the step reaches, of the ids after it (each after
    /// a comma), of the step, and of the steps after it (each after a
    /// comma).
    text: Box<[u8]>,
    /// Where the id ends, the ids end and the step ends in `text`.
    ends: [u32; 3],
    /// Whether `text` holds the rest of the chain from `next`.
    rest: bool,
}

impl Written {
    fn part(&self, range: Range<u32>) -> &[u8] {
        self.text
            .get(range.start as usize..range.end as usize)
            .unwrap_or_default()
    }

    /// The JSON of the id the step reaches.
    pub(super) fn to(&self) -> &[u8] {
        self.part(0..self.ends[0])
    }

    /// The JSON of the step.
    pub(super) fn json(&self) -> &[u8] {
        self.part(self.ends[1]..self.ends[2])
    }
}

/// The rest of a chain after its first party, written: the ids (the
/// first, then each after a comma) and the steps (likewise).
#[derive(Clone, Copy)]
pub(super) struct Whole<'a> {
    pub(super) ids: &'a [u8],
    pub(super) steps: &'a [u8],
}

impl SharedSteps {
    /// Writes each of the shared steps once (the first of equal handoffs),
    /// in the order the map's chains first show them, with the rest of
    /// each one's chain while `rest_bytes` last.
    pub(super) fn new(org: &Org, to_paying: &ToPaying, rest_bytes: usize) -> io::Result<Self> {
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
            for (_, s) in &batch {
                shared.ask_entry(s);
            }
            for &(next, s) in &batch {
                shared.add(&mut scratch, org, next, s)?;
            }
        }
        shared.add_rests(to_paying, rest_bytes);
        Ok(shared)
    }

    /// Adds step `s` to node `next`, written, unless it is there already.
    fn add(
        &mut self,
        scratch: &mut Vec<u8>,
        org: &Org,
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
        let Some(w) = written(scratch, org, s, next)? else {
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
    fn add_rests(&mut self, to_paying: &ToPaying, mut budget: usize) {
        let mut order: Vec<(u32, usize)> = (self.written.iter().enumerate())
            .map(|(k, w)| (to_paying.depth(w.next), k))
            .filter(|&(depth, _)| depth as usize <= REST_STEPS)
            .collect();
        order.sort_unstable();
        let mut text = Vec::new();
        for (_, k) in order {
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
            let rest = after.map_or(0, |a| a.ids.len() + a.steps.len() + 2);
            let Some(left) = budget.checked_sub(rest) else {
                break;
            };
            budget = left;
            text.clear();
            text.extend_from_slice(w.to());
            if let Some(a) = &after {
                text.push(b',');
                text.extend_from_slice(a.ids);
            }
            let ids = text.len();
            text.extend_from_slice(w.json());
            let json = text.len();
            if let Some(a) = &after {
                text.push(b',');
                text.extend_from_slice(a.steps);
            }
            let to = w.ends[0];
            let (Ok(ids), Ok(json)) = (u32::try_from(ids), u32::try_from(json)) else {
                continue;
            };
            if let Some(w) = self.written.get_mut(k) {
                w.text = text.as_slice().into();
                w.ends = [to, ids, json];
                w.rest = true;
            }
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

    /// Asks for the entry of step `s`'s slot: the first of three reads of
    /// [`SharedSteps::whole`], each in a random place on a million people
    /// and each needing the one before, so a writer asks for them in turn
    /// some people ahead ([`SharedSteps::ask_written`], then
    /// [`SharedSteps::ask_text`]).
    pub(super) fn ask_entry(&self, s: &Step) {
        if let Some(slot) = self.slot(s) {
            prefetch::at(&self.entry, slot);
        }
    }

    /// Asks for the shared step `s` is, once its entry has come.
    pub(super) fn ask_written(&self, s: &Step) {
        let entry = self.slot(s).and_then(|slot| self.entry.get(slot));
        if let Some(k) = entry.and_then(|e| e.checked_sub(1)) {
            prefetch::at(&self.written, k as usize);
        }
    }

    /// Asks for the first lines of step `s`'s text, once the step has come.
    pub(super) fn ask_text(&self, s: &Step) {
        if let Some(w) = self.get(s) {
            for line in (0..w.text.len()).step_by(64).take(TEXT_LINES_ASKED) {
                prefetch::at(&w.text, line);
            }
        }
    }

    /// The chain that starts with step `s` to node `next`, after its first
    /// party; `None` when it is not kept whole.
    pub(super) fn whole(&self, s: &Step, next: NodeIndex) -> Option<Whole<'_>> {
        let w = self.get(s).filter(|w| w.rest && w.next == next)?;
        Some(Whole {
            ids: w.part(0..w.ends[1]),
            steps: w.part(w.ends[1]..u32::try_from(w.text.len()).ok()?),
        })
    }
}

/// Step `s` to node `next` written, without the rest of its chain;
/// `None` for a step or a text too large for four-byte numbers.
fn written(
    scratch: &mut Vec<u8>,
    org: &Org,
    s: Step,
    next: NodeIndex,
) -> io::Result<Option<Written>> {
    scratch.clear();
    crate::json::to_writer(&mut *scratch, org.id(s.to))?;
    let to = scratch.len();
    crate::json::to_writer(&mut *scratch, &step(org, &s))?;
    let (Some(step), Ok(to), Ok(end)) = (
        PackedStep::new(&s),
        u32::try_from(to),
        u32::try_from(scratch.len()),
    ) else {
        return Ok(None);
    };
    Ok(Some(Written {
        step,
        next,
        text: scratch.as_slice().into(),
        ends: [to, to, end],
        rest: false,
    }))
}
