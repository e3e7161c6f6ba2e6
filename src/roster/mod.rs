//! A roster: the staff list from a spreadsheet or an HR export, as CSV.
//!
//! `chain import` drafts a team file from one, and `chain check --roster`
//! compares a team file with one. A roster has a header line; its columns
//! are recognised by common names ([`columns`]) or named on the command
//! line. Each row is a person with a name and an id made from the id
//! column, else the email's local part, else the name ([`ids`]).
//!
//! Reading collects every problem with its place (`roster.csv:LINE:COL`,
//! the roster being one of the run's [`Sources`]) and refuses the roster
//! when there is any: nothing is made from half a roster.

pub mod columns;
mod decode;
pub mod ids;
mod managers;
pub mod matching;
mod records;

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::source::{FileId, Sources, Span};
use crate::text::escape;

pub use columns::{ColumnChoice, Columns, Field};
use records::Record;

/// How many problems of a roster are shown; the rest are counted.
const SHOWN: usize = 50;

/// A roster that was read: every person on it, in file order.
#[derive(Debug)]
pub struct Roster {
    /// The roster in the run's sources.
    pub file: FileId,
    /// The header line's cells.
    pub header: Vec<String>,
    /// Which column says what.
    pub columns: Columns,
    /// One entry per row with a name, in file order.
    pub entries: Vec<Entry>,
}

/// One person on a roster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The id made for them, unique on the roster.
    pub id: String,
    /// Their name.
    pub name: String,
    /// The id column's value, as written.
    pub given_id: Option<String>,
    /// Their email address.
    pub email: Option<String>,
    /// Their job title.
    pub title: Option<String>,
    /// Their team or department.
    pub team: Option<String>,
    /// The manager cell, as written, and where it is.
    pub manager_cell: Option<(String, Span)>,
    /// The entry of their manager, once [`Roster::resolve_managers`] ran.
    pub manager: Option<usize>,
    /// Their name's cell (where the row starts, for a name in two cells).
    pub span: Span,
}

impl Roster {
    /// Reads the roster at `path` (`-`: standard input) into `sources`.
    /// Fails, with every problem found, when the roster is unusable: not
    /// UTF-8, no header line, no name column, a row without a name, or two
    /// rows with one id or email.
    pub fn read(
        sources: &mut Sources,
        path: &Path,
        choices: &[ColumnChoice],
    ) -> Result<Roster, Error> {
        let (name, bytes) = decode::read(path)?;
        Roster::parse(sources, &name, bytes, choices)
    }

    /// Reads the roster `bytes`, shown as `name`, into `sources`; see
    /// [`Roster::read`].
    pub fn parse(
        sources: &mut Sources,
        name: &str,
        bytes: Vec<u8>,
        choices: &[ColumnChoice],
    ) -> Result<Roster, Error> {
        let text = decode::text(name, bytes)?;
        let delimiter = decode::delimiter(&text);
        let file = sources.add(name, text);
        let text = sources.get(file).map_or("", |f| f.text.as_str());
        let records = records::read(text, file, delimiter);
        Roster::from_records(file, &records, choices).map_err(|d| refuse(sources, d))
    }

    fn from_records(
        file: FileId,
        records: &[Record],
        choices: &[ColumnChoice],
    ) -> Result<Roster, Vec<Diagnostic>> {
        let Some((header, rows)) = records.split_first() else {
            let d = Diagnostic::error("the roster is empty: it has no header line")
                .help("the first line of a roster names its columns, such as `name,email,title,team,manager`");
            return Err(vec![d]);
        };
        let names: Vec<&str> = header.cells.iter().map(|c| c.text.as_str()).collect();
        let columns = Columns::recognise(&names, choices)
            .map_err(|missing| vec![no_such_header(header, &names, &missing)])?;
        if !columns.has_name() {
            return Err(vec![no_name_column(header, &names)]);
        }
        let mut problems = Vec::new();
        let mut entries = Vec::new();
        for row in rows.iter().filter(|r| !r.is_blank()) {
            entries.extend(entry(row, &columns, &mut problems));
        }
        problems.extend(duplicates(&entries, |e| e.given_id.as_deref(), "id"));
        problems.extend(duplicates(&entries, |e| e.email.as_deref(), "email"));
        if !problems.is_empty() {
            return Err(problems);
        }
        assign_ids(&mut entries);
        Ok(Roster {
            file,
            header: names.iter().map(|s| s.to_string()).collect(),
            columns,
            entries,
        })
    }

    /// The headers of the columns chain does not use.
    pub fn ignored(&self) -> Vec<&str> {
        let header = |&i: &usize| self.header.get(i).map(String::as_str);
        self.columns.ignored.iter().filter_map(header).collect()
    }

    /// Finds each entry's manager on the roster by the manager cell (an id,
    /// an email or a name). Fails, with every problem, when a manager is
    /// not on the roster or more than one person has their name.
    pub fn resolve_managers(&mut self, sources: &mut Sources) -> Result<(), Error> {
        managers::resolve(&mut self.entries).map_err(|d| refuse(sources, d))
    }
}

/// One row as an entry, or `None` with why it cannot be one in `problems`.
fn entry(row: &Record, columns: &Columns, problems: &mut Vec<Diagnostic>) -> Option<Entry> {
    let text = |field: Field| row.get(columns.get(field)).map(|c| c.text.clone());
    let name = text(Field::Name).or_else(|| {
        let parts: Vec<String> = [Field::FirstName, Field::LastName]
            .into_iter()
            .filter_map(text)
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    let name_column = columns
        .get(Field::Name)
        .or(columns.get(Field::FirstName))
        .or(columns.get(Field::LastName));
    let span = row.span(name_column);
    let Some(name) = name else {
        problems.push(
            Diagnostic::error("this row has no name")
                .at(span)
                .label("empty")
                .help("every person on the roster needs a name: fill it in, or delete the row"),
        );
        return None;
    };
    let manager = row.get(columns.get(Field::Manager));
    Some(Entry {
        id: String::new(),
        name,
        given_id: text(Field::Id),
        email: text(Field::Email),
        title: text(Field::Title),
        team: text(Field::Team),
        manager_cell: manager.map(|c| (c.text.clone(), c.span)),
        manager: None,
        span,
    })
}

/// An error for each entry whose `key` (compared case-insensitively) an
/// earlier entry has.
fn duplicates(
    entries: &[Entry],
    key: impl Fn(&Entry) -> Option<&str>,
    what: &str,
) -> Vec<Diagnostic> {
    let mut first: HashMap<String, &Entry> = HashMap::new();
    let mut problems = Vec::new();
    for e in entries {
        let Some(value) = key(e) else { continue };
        match first.get(&value.to_lowercase()) {
            Some(earlier) => problems.push(
                Diagnostic::error(format!(
                    "two people have the {what} `{}`: `{}` and `{}`",
                    escape(value),
                    escape(&earlier.name),
                    escape(&e.name)
                ))
                .at(e.span)
                .secondary(earlier.span, "the first"),
            ),
            None => {
                first.insert(value.to_lowercase(), e);
            }
        }
    }
    problems
}

/// Gives each entry its id: from the id column (an email there gives its
/// local part), else the email, else the name; repeats numbered in roster
/// order (`alex-kim`, `alex-kim-2`).
fn assign_ids(entries: &mut [Entry]) {
    let mut taken = ids::Taken::new();
    for e in entries {
        e.id = taken.claim(&base_id(e), "person");
    }
}

/// The id an entry asks for, before it is made unique.
pub fn base_id(e: &Entry) -> String {
    let from_id = e.given_id.as_deref().map(|id| {
        if id.contains('@') {
            ids::from_email(id)
        } else {
            ids::slug(id)
        }
    });
    [from_id, e.email.as_deref().map(ids::from_email)]
        .into_iter()
        .flatten()
        .find(|id| !id.is_empty())
        .unwrap_or_else(|| ids::slug(&e.name))
}

fn no_such_header(header: &Record, names: &[&str], missing: &str) -> Diagnostic {
    Diagnostic::error(format!("the roster has no column `{}`", escape(missing)))
        .at(header.start)
        .label("the header line")
        .help(format!("its columns are {}", listed(names)))
}

fn no_name_column(header: &Record, names: &[&str]) -> Diagnostic {
    Diagnostic::error("the roster has no column of names")
        .at(header.start)
        .label("the header line")
        .help(format!(
            "its columns are {}; say which holds names with `--column name=HEADER` \
             (the first line of the roster must name its columns)",
            listed(names)
        ))
}

/// A name, id or email as compared: lowercase, with each run of white
/// space one space.
pub fn fold_name(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// "`a`, `b`, `c`", escaped.
pub(crate) fn listed(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{}`", escape(n))).collect();
    quoted.join(", ")
}

/// The error for an unusable roster: its problems (the first [`SHOWN`]),
/// then a line saying nothing was done.
fn refuse(sources: &mut Sources, mut problems: Vec<Diagnostic>) -> Error {
    let n = problems.len();
    problems.truncate(SHOWN);
    let shown = if n > SHOWN {
        format!(" (the first {SHOWN} shown)")
    } else {
        String::new()
    };
    let s = if n == 1 { "" } else { "s" };
    problems.push(
        Diagnostic::error(format!(
            "the roster has {n} problem{s}{shown}; nothing was done"
        ))
        .help(
            "correct the roster (or name its columns with `--column FIELD=HEADER`) and run again",
        ),
    );
    Error::Parse {
        sources: std::mem::take(sources),
        diagnostics: problems,
    }
}
