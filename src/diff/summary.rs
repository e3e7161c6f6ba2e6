//! The headline and the summary line of a diff, shared by the text and
//! markdown writers: what changed, in counts, bad news marked.

use super::{Change, Changes, Diff};
use crate::source::FileId;

/// One part of the summary line, and whether it is bad news.
pub(super) struct Part {
    pub(super) text: String,
    pub(super) bad: bool,
}

/// The summary: what changed, in counts, bad news marked; empty when
/// nothing changed.
pub(super) fn summary(diff: &Diff<'_>) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut push = |text: Option<String>, bad: bool| {
        if let Some(text) = text {
            parts.push(Part { text, bad });
        }
    };
    push(counts(&diff.people, "person", "people"), false);
    push(counts(&diff.roles, "role", "roles"), false);
    push(
        counts(&diff.external, "external customer", "external customers"),
        false,
    );
    push(
        counts(&diff.holders, "role assignment", "role assignments"),
        false,
    );
    push(counts(&diff.handoffs, "handoff", "handoffs"), false);
    push(
        count(
            diff.notes.len(),
            "handoff note changed",
            "handoff notes changed",
        ),
        false,
    );
    push(
        count(diff.vacated.len(), "role falls vacant", "roles fall vacant"),
        true,
    );
    push(
        count(
            diff.filled.len(),
            "vacant role filled",
            "vacant roles filled",
        ),
        false,
    );
    push(
        count(
            diff.stopped_paying.len(),
            "customer stops paying",
            "customers stop paying",
        ),
        true,
    );
    push(
        count(
            diff.now_paying.len(),
            "customer starts paying",
            "customers start paying",
        ),
        false,
    );
    let changed = |c| diff.changed(c).count();
    push(
        count(
            changed(Change::Lost),
            "person loses their route",
            "people lose their route",
        ),
        true,
    );
    push(
        count(
            changed(Change::Longer),
            "chain gets longer",
            "chains get longer",
        ),
        true,
    );
    push(
        count(
            changed(Change::Shorter),
            "chain gets shorter",
            "chains get shorter",
        ),
        false,
    );
    push(
        count(
            changed(Change::Gained),
            "person gains a route",
            "people gain a route",
        ),
        false,
    );
    let errors = diff.new_errors().count();
    let others = diff.findings.new.len() - errors;
    push(count(errors, "new error", "new errors"), true);
    push(count(others, "new warning", "new warnings"), true);
    push(
        count(diff.findings.fixed.len(), "finding fixed", "findings fixed"),
        false,
    );
    parts
}

/// "2 people added, 1 removed".
fn counts<T>(changes: &Changes<T>, one: &str, many: &str) -> Option<String> {
    match (changes.added.len(), changes.removed.len()) {
        (0, 0) => None,
        (a, 0) => count(a, &format!("{one} added"), &format!("{many} added")),
        (0, r) => count(r, &format!("{one} removed"), &format!("{many} removed")),
        (a, r) => {
            let noun = if a == 1 { one } else { many };
            Some(format!("{a} {noun} added, {r} removed"))
        }
    }
}

/// "1 chain longer", "3 chains longer", or `None` for none.
fn count(n: usize, one: &str, many: &str) -> Option<String> {
    match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    }
}

/// The first line: which files, or which file without whom.
pub(super) fn headline(diff: &Diff<'_>) -> String {
    let old = diff.old.sources.path(FileId(0));
    if diff.without.is_empty() {
        let new = diff.new.sources.path(FileId(0));
        format!("{old} → {new}")
    } else {
        format!("{old} without {}", diff.without.join(", "))
    }
}
