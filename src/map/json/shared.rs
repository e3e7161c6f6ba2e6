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

use std::io;

use serde_json::value::RawValue;

use super::step;
use crate::model::{Org, Party};
use crate::walk::Step;

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

struct Written {
    /// The step, compared on every lookup: a slot answers only for it.
    step: Step,
    /// Its JSON, and the JSON of the id it reaches.
    json: Box<RawValue>,
    to: Box<RawValue>,
}

impl SharedSteps {
    /// Writes each of `steps` once (the first of equal handoffs), in the
    /// order given: the order in which the map's chains first show them.
    pub(super) fn new(org: &Org, steps: impl Iterator<Item = Step>) -> io::Result<Self> {
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
        for s in steps {
            let Some(slot) = shared.slot(&s) else {
                continue;
            };
            let (Some(0), Ok(entry)) = (
                shared.entry.get(slot).copied(),
                u32::try_from(shared.written.len() + 1),
            ) else {
                continue;
            };
            let json = raw(&mut scratch, &step(org, &s))?;
            let to = raw(&mut scratch, org.id(s.to))?;
            shared.written.push(Written { step: s, json, to });
            if let Some(e) = shared.entry.get_mut(slot) {
                *e = entry;
            }
        }
        Ok(shared)
    }

    /// Where the handoff `s` follows has its slot.
    fn slot(&self, s: &Step) -> Option<usize> {
        match s.declared_by {
            Party::Person(p) => Some(p),
            Party::Role(r) => Some(self.role_start.get(r)? + s.index),
            Party::External(_) => None,
        }
    }

    /// Step `s`, written, and the id it reaches; `None` when it is not
    /// shared.
    pub(super) fn get(&self, s: &Step) -> Option<(&RawValue, &RawValue)> {
        let entry = *self.entry.get(self.slot(s)?)?;
        let written = self.written.get(entry.checked_sub(1)? as usize)?;
        (written.step == *s).then_some((&*written.json, &*written.to))
    }
}

/// `value` as JSON, written as the map writes it (in `scratch` first, so
/// that each value is allocated once, at its size).
fn raw<T: serde::Serialize + ?Sized>(
    scratch: &mut Vec<u8>,
    value: &T,
) -> io::Result<Box<RawValue>> {
    scratch.clear();
    crate::json::to_writer(&mut *scratch, value)?;
    let text = std::str::from_utf8(scratch).map_err(io::Error::other)?;
    RawValue::from_string(text.to_owned()).map_err(io::Error::from)
}
