//! Finding each person's manager on the roster, from the manager cell: an
//! id from the id column, an email, the id chain made, or a name.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::text::escape;

use super::{Entry, fold_name as fold};

/// Sets each entry's `manager`; an entry naming itself has none (some HR
/// systems list the head of the organisation so). Every manager cell that
/// names nobody, or a name two people share, is a problem.
pub fn resolve(entries: &mut [Entry]) -> Result<(), Vec<Diagnostic>> {
    let index = Index::new(entries);
    let mut problems = Vec::new();
    let mut found = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let Some((cell, span)) = &e.manager_cell else {
            found.push(None);
            continue;
        };
        match index.find(cell).as_slice() {
            [one] => found.push((*one != i).then_some(*one)),
            [] => {
                found.push(None);
                problems.push(
                    Diagnostic::error(format!(
                        "the manager of `{}`, `{}`, is not on the roster",
                        escape(&e.name),
                        escape(cell)
                    ))
                    .at(*span)
                    .label("no row has this name, email or id")
                    .help(
                        "add a row for the manager, or correct the cell; leave it empty \
                         for someone who reports to no one on the roster",
                    ),
                );
            }
            several => {
                found.push(None);
                let mut d = Diagnostic::error(format!(
                    "the manager of `{}`, `{}`, is ambiguous: {} people have that name",
                    escape(&e.name),
                    escape(cell),
                    several.len()
                ))
                .at(*span)
                .label("which one?")
                .help("name the manager by their email or id instead");
                for &other in several.iter().take(3) {
                    if let Some(o) = entries.get(other) {
                        d = d.secondary(o.span, "one of them");
                    }
                }
                problems.push(d);
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for (e, manager) in entries.iter_mut().zip(found) {
        e.manager = manager;
    }
    Ok(())
}

/// The entries by each way a manager cell can name them, folded.
struct Index {
    unique: HashMap<String, usize>,
    names: HashMap<String, Vec<usize>>,
}

impl Index {
    fn new(entries: &[Entry]) -> Self {
        let mut unique = HashMap::new();
        let mut names: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            for key in [&e.given_id, &e.email].into_iter().flatten() {
                unique.entry(fold(key)).or_insert(i);
            }
            unique.entry(e.id.clone()).or_insert(i);
            names.entry(fold(&e.name)).or_default().push(i);
        }
        Index { unique, names }
    }

    /// Whom `cell` names: one entry by id or email, else everyone of that name.
    fn find(&self, cell: &str) -> Vec<usize> {
        let key = fold(cell);
        if let Some(&i) = self.unique.get(&key) {
            return vec![i];
        }
        self.names.get(&key).cloned().unwrap_or_default()
    }
}
