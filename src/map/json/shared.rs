//! The JSON of the steps that many chains share, written once.
//!
//! Past its first step, a chain runs through the few people the walk
//! chooses in each role (the nearest holder with the smallest id), so the
//! map of a realistic organisation shows the same few thousand steps again
//! and again. Writing each anew read its parts (the ids, the handoff and
//! its note, the roles) from all over memory for every chain: on a million
//! people, most of the time the map took to write. Each step that more
//! than one chain shows is written once here and copied from then on.

use std::io;

use petgraph::graph::NodeIndex;
use serde_json::value::RawValue;

use super::step;
use crate::graph::CustomerGraph;
use crate::model::{Org, Party};
use crate::walk::Step;

/// The shared steps, written.
pub(super) struct SharedSteps {
    /// For each node, one more than the index of its step in `written`
    /// (0: its step is not shared).
    entry: Vec<u32>,
    /// Each step's JSON, and the JSON of the id it reaches.
    written: Vec<(Box<RawValue>, Box<RawValue>)>,
}

impl SharedSteps {
    /// Writes `steps`, each with the node it leaves from.
    pub(super) fn new(
        org: &Org,
        g: &CustomerGraph,
        steps: Vec<(NodeIndex, Step)>,
    ) -> io::Result<Self> {
        let mut shared = SharedSteps {
            entry: vec![0; g.node_count()],
            written: Vec::with_capacity(steps.len()),
        };
        for (n, s) in steps {
            let written = (raw(&step(org, &s))?, raw(org.id(s.to))?);
            let (Some(slot), Ok(entry)) = (
                shared.entry.get_mut(n.index()),
                u32::try_from(shared.written.len() + 1),
            ) else {
                continue;
            };
            *slot = entry;
            shared.written.push(written);
        }
        Ok(shared)
    }

    /// The step that leaves `from`, written, and the id it reaches; `None`
    /// when it is not shared.
    pub(super) fn get(&self, g: &CustomerGraph, from: Party) -> Option<(&RawValue, &RawValue)> {
        let entry = *self.entry.get(g.outgoing(from)?.index())?;
        let (step, to) = self.written.get(entry.checked_sub(1)? as usize)?;
        Some((step, to))
    }
}

/// `value` as JSON, written as the map writes it.
fn raw<T: serde::Serialize + ?Sized>(value: &T) -> io::Result<Box<RawValue>> {
    let mut bytes = Vec::new();
    crate::json::to_writer(&mut bytes, value)?;
    let text = String::from_utf8(bytes).map_err(io::Error::other)?;
    RawValue::from_string(text).map_err(io::Error::from)
}
