//! A diff as tables of plain strings, for the text and markdown writers:
//! both show the same rows in the same order and escape every cell their
//! own way, so neither builds a row of its own. Cells borrow from the
//! organisations where they can: a diff of two large files has many rows.

use std::borrow::Cow;

use super::{Change, Diff, DistanceChange, Entry, HandoffRow};
use crate::check::report::Place;
use crate::finding::Finding;
use crate::source::Sources;

/// How a row reads, for colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tone {
    /// Something added.
    Added,
    /// Something removed.
    Removed,
    /// Something changed in place.
    Changed,
    /// A change for the worse: a lost route, a new finding.
    Worse,
    /// A change for the better.
    Better,
}

/// One row: its tone and its cells, unescaped.
pub(super) struct Row<'a> {
    pub(super) tone: Tone,
    pub(super) cells: Vec<Cow<'a, str>>,
}

/// A titled table.
pub(super) struct Table<'a> {
    pub(super) title: &'static str,
    pub(super) columns: &'static [&'static str],
    pub(super) rows: Vec<Row<'a>>,
}

impl Table<'_> {
    /// How many rows to show when at most `max_rows` may be (0: all).
    pub(super) fn shown(&self, max_rows: usize) -> usize {
        if max_rows == 0 {
            self.rows.len()
        } else {
            max_rows.min(self.rows.len())
        }
    }
}

/// The tables of a diff that have rows, in report order.
pub(super) fn tables<'a>(diff: &Diff<'a>) -> Vec<Table<'a>> {
    [
        parties(diff),
        holders(diff),
        handoffs(diff),
        distance(diff),
        findings(diff),
    ]
    .into_iter()
    .filter(|t| !t.rows.is_empty())
    .collect()
}

fn row<'a, const N: usize>(tone: Tone, cells: [Cow<'a, str>; N]) -> Row<'a> {
    Row {
        tone,
        cells: cells.into(),
    }
}

/// A party's name, blank when it is only its id again.
fn name<'a>(e: &Entry<'a>) -> &'a str {
    if e.name == e.id { "" } else { e.name }
}

fn parties<'a>(diff: &Diff<'a>) -> Table<'a> {
    let kinds = [
        ("person", &diff.people, Vec::new()),
        (
            "role",
            &diff.roles,
            vec![
                (Tone::Worse, "vacant now", &diff.vacated),
                (Tone::Better, "filled", &diff.filled),
            ],
        ),
        (
            "external",
            &diff.external,
            vec![
                (Tone::Worse, "stops paying", &diff.stopped_paying),
                (Tone::Better, "now pays", &diff.now_paying),
            ],
        ),
    ];
    let mut rows = Vec::new();
    for (kind, changes, states) in kinds {
        let lists = [
            (Tone::Removed, "removed", &changes.removed),
            (Tone::Added, "added", &changes.added),
        ];
        for (tone, label, list) in lists.into_iter().chain(states) {
            rows.extend(list.iter().map(|e| {
                row(
                    tone,
                    [label.into(), kind.into(), e.id.into(), name(e).into()],
                )
            }));
        }
    }
    Table {
        title: "People, roles and external customers",
        columns: &["", "kind", "id", "name"],
        rows,
    }
}

fn holders<'a>(diff: &Diff<'a>) -> Table<'a> {
    let removed = diff
        .holders
        .removed
        .iter()
        .map(|h| (Tone::Removed, "removed", h));
    let added = diff.holders.added.iter().map(|h| (Tone::Added, "added", h));
    Table {
        title: "Role assignments",
        columns: &["", "person", "role"],
        rows: removed
            .chain(added)
            .map(|(tone, label, h)| row(tone, [label.into(), h.person.into(), h.role.into()]))
            .collect(),
    }
}

/// Handoffs removed, changed and added, merged by (from, to, what) so that
/// a handoff whose `what` changed shows as two neighbouring rows.
fn handoffs<'a>(diff: &Diff<'a>) -> Table<'a> {
    let removed = diff.handoffs.removed.iter().map(|h| (*h, 0, None));
    let changed = diff.notes.iter().map(|n| (n.handoff, 1, Some(n.before)));
    let added = diff.handoffs.added.iter().map(|h| (*h, 2, None));
    let mut all: Vec<(HandoffRow<'a>, u8, Option<Option<&'a str>>)> =
        removed.chain(changed).chain(added).collect();
    all.sort_by(|a, b| (a.0.key(), a.1).cmp(&(b.0.key(), b.1)));
    let rows = all
        .into_iter()
        .map(|(h, order, before)| {
            let (tone, label, note) = match (order, before) {
                (0, _) => (Tone::Removed, "removed", h.note.unwrap_or("").into()),
                (_, Some(before)) => (
                    Tone::Changed,
                    "note changed",
                    format!("{} → {}", quoted(before), quoted(h.note)).into(),
                ),
                _ => (Tone::Added, "added", h.note.unwrap_or("").into()),
            };
            let what = h.what.map_or("", |w| w.as_str());
            row(
                tone,
                [label.into(), h.from.into(), h.to.into(), what.into(), note],
            )
        })
        .collect();
    Table {
        title: "Handoffs",
        columns: &["", "from", "to", "what", "note"],
        rows,
    }
}

fn quoted(note: Option<&str>) -> String {
    note.map_or_else(|| "(none)".to_string(), |n| format!("\"{n}\""))
}

/// Distance changes, worst first: lost routes, longer, shorter, gained.
fn distance<'a>(diff: &Diff<'a>) -> Table<'a> {
    let mut changes: Vec<&DistanceChange<'a>> = diff.distance.iter().collect();
    changes.sort_by_key(|d| (d.change(), d.id));
    let steps = |d: Option<u32>| d.map_or(Cow::Borrowed("none"), |d| d.to_string().into());
    let rows = changes
        .into_iter()
        .map(|d| {
            let (tone, label) = match d.change() {
                Change::Lost => (Tone::Worse, lost(&d.stopped_at, d.stopped_at_more)),
                Change::Longer => (Tone::Worse, "longer".into()),
                Change::Shorter => (Tone::Better, "shorter".into()),
                Change::Gained => (Tone::Better, "gained route".into()),
            };
            row(tone, [d.id.into(), steps(d.before), steps(d.after), label])
        })
        .collect();
    Table {
        title: "Distance to a paying customer",
        columns: &["person", "before", "after", ""],
        rows,
    }
}

/// "lost route", saying which vacancies stop the work when some do.
fn lost<'a>(vacancies: &[&str], more: bool) -> Cow<'a, str> {
    if vacancies.is_empty() {
        return "lost route".into();
    }
    let named: Vec<String> = vacancies.iter().map(|r| format!("`{r}`")).collect();
    let roles = if named.len() == 1 && !more {
        "role"
    } else {
        "roles"
    };
    let more = if more { " and more" } else { "" };
    format!(
        "lost route: stops at vacant {roles} {}{more}",
        named.join(", ")
    )
    .into()
}

fn findings<'a>(diff: &Diff<'a>) -> Table<'a> {
    let new = diff
        .findings
        .new
        .iter()
        .map(|f| (Tone::Worse, "new", *f, diff.new.sources));
    let fixed = diff
        .findings
        .fixed
        .iter()
        .map(|f| (Tone::Better, "fixed", *f, diff.old.sources));
    Table {
        title: "Findings",
        columns: &["", "severity", "code", "where", "message"],
        rows: new
            .chain(fixed)
            .map(|(tone, label, f, sources)| {
                let cells = [
                    label.into(),
                    f.severity.as_str().into(),
                    f.code.as_str().into(),
                    place(f, sources).into(),
                    f.message.as_str().into(),
                ];
                row(tone, cells)
            })
            .collect(),
    }
}

/// "team.toml:34:8", or the file alone for a finding about the whole file.
fn place(f: &Finding, sources: &Sources) -> String {
    let place = Place::of(f, sources);
    match place.range {
        Some((start, _)) => format!("{}:{}:{}", place.path, start.line, start.column),
        None => place.path.to_string(),
    }
}
