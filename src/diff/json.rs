//! `chain diff` as one JSON document, for scripts: complete (no row limit),
//! data exact, keys in a fixed order.
//!
//! ```text
//! {"old", "new", "without": [ids],
//!  "people":   {"added": [ids], "removed": [ids]},
//!  "roles":    {"added", "removed", "vacated", "filled"},
//!  "external": {"added", "removed", "now_paying", "stopped_paying"},
//!  "holders":  {"added": [{"person", "role"}], "removed"},
//!  "handoffs": {"added": [{"from", "to", "what", "note"}], "removed",
//!               "changed": [{"from", "to", "what", "note_before", "note_after"}]},
//!  "distance": [{"id", "before", "after", "change"}],
//!  "routes":   {"lost": [ids], "gained": [ids]},
//!  "findings": {"new": [finding], "fixed": [finding]}}
//! ```
//!
//! A finding has the shape `chain check --format json` gives it, its `file`
//! being the file it was found in.

use std::io::{self, Write};

use serde::Serialize;

use super::{Change, Changes, Diff, Entry, HandoffRow, Holding, NoteChange};
use crate::check::report::json::FindingJson;
use crate::finding::Finding;
use crate::source::{FileId, Sources};

#[derive(Serialize)]
struct DiffJson<'a> {
    old: &'a str,
    new: &'a str,
    without: &'a [&'a str],
    people: Ids<'a>,
    roles: RolesJson<'a>,
    external: ExternalJson<'a>,
    holders: HoldersJson<'a>,
    handoffs: HandoffsJson<'a>,
    distance: Vec<DistanceJson<'a>>,
    routes: RoutesJson<'a>,
    findings: FindingsJson<'a>,
}

#[derive(Serialize)]
struct Ids<'a> {
    added: Vec<&'a str>,
    removed: Vec<&'a str>,
}

#[derive(Serialize)]
struct RolesJson<'a> {
    #[serde(flatten)]
    changes: Ids<'a>,
    vacated: Vec<&'a str>,
    filled: Vec<&'a str>,
}

#[derive(Serialize)]
struct ExternalJson<'a> {
    #[serde(flatten)]
    changes: Ids<'a>,
    now_paying: Vec<&'a str>,
    stopped_paying: Vec<&'a str>,
}

#[derive(Serialize)]
struct HoldersJson<'a> {
    added: &'a [Holding<'a>],
    removed: &'a [Holding<'a>],
}

#[derive(Serialize)]
struct HandoffsJson<'a> {
    added: Vec<HandoffJson<'a>>,
    removed: Vec<HandoffJson<'a>>,
    changed: Vec<NoteJson<'a>>,
}

#[derive(Serialize)]
struct HandoffJson<'a> {
    from: &'a str,
    to: &'a str,
    what: Option<&'static str>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct NoteJson<'a> {
    from: &'a str,
    to: &'a str,
    what: Option<&'static str>,
    note_before: Option<&'a str>,
    note_after: Option<&'a str>,
}

#[derive(Serialize)]
struct DistanceJson<'a> {
    id: &'a str,
    before: Option<u32>,
    after: Option<u32>,
    change: &'static str,
    stopped_at: &'a [&'a str],
    /// As in the map: the work stops at more vacancies than listed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    stopped_at_more: bool,
}

#[derive(Serialize)]
struct RoutesJson<'a> {
    lost: Vec<&'a str>,
    gained: Vec<&'a str>,
}

#[derive(Serialize)]
struct FindingsJson<'a> {
    new: Vec<FindingJson<'a>>,
    fixed: Vec<FindingJson<'a>>,
}

/// Writes the diff as one line of JSON.
pub(super) fn write(diff: &Diff<'_>, out: &mut dyn Write) -> io::Result<()> {
    let doc = DiffJson {
        old: diff.old.sources.path(FileId(0)),
        new: diff.new.sources.path(FileId(0)),
        without: &diff.without,
        people: ids(&diff.people),
        roles: RolesJson {
            changes: ids(&diff.roles),
            vacated: diff.vacated.iter().map(|e| e.id).collect(),
            filled: diff.filled.iter().map(|e| e.id).collect(),
        },
        external: ExternalJson {
            changes: ids(&diff.external),
            now_paying: diff.now_paying.iter().map(|e| e.id).collect(),
            stopped_paying: diff.stopped_paying.iter().map(|e| e.id).collect(),
        },
        holders: HoldersJson {
            added: &diff.holders.added,
            removed: &diff.holders.removed,
        },
        handoffs: HandoffsJson {
            added: diff.handoffs.added.iter().map(handoff).collect(),
            removed: diff.handoffs.removed.iter().map(handoff).collect(),
            changed: diff.notes.iter().map(note).collect(),
        },
        distance: diff
            .distance
            .iter()
            .map(|d| DistanceJson {
                id: d.id,
                before: d.before,
                after: d.after,
                change: d.change().as_str(),
                stopped_at: &d.stopped_at,
                stopped_at_more: d.stopped_at_more,
            })
            .collect(),
        routes: RoutesJson {
            lost: diff.changed(Change::Lost).map(|d| d.id).collect(),
            gained: diff.changed(Change::Gained).map(|d| d.id).collect(),
        },
        findings: FindingsJson {
            new: findings(&diff.findings.new, diff.new.sources),
            fixed: findings(&diff.findings.fixed, diff.old.sources),
        },
    };
    crate::json::to_writer(&mut *out, &doc)?;
    writeln!(out)
}

fn ids<'a>(changes: &Changes<Entry<'a>>) -> Ids<'a> {
    Ids {
        added: changes.added.iter().map(|e| e.id).collect(),
        removed: changes.removed.iter().map(|e| e.id).collect(),
    }
}

fn handoff<'a>(h: &HandoffRow<'a>) -> HandoffJson<'a> {
    HandoffJson {
        from: h.from,
        to: h.to,
        what: h.what.map(|w| w.as_str()),
        note: h.note,
    }
}

fn note<'a>(n: &NoteChange<'a>) -> NoteJson<'a> {
    NoteJson {
        from: n.handoff.from,
        to: n.handoff.to,
        what: n.handoff.what.map(|w| w.as_str()),
        note_before: n.before,
        note_after: n.handoff.note,
    }
}

fn findings<'a>(list: &[&'a Finding], sources: &'a Sources) -> Vec<FindingJson<'a>> {
    list.iter().map(|f| FindingJson::new(f, sources)).collect()
}
