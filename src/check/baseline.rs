//! A baseline: the findings a team accepts for now, so that `chain check`
//! fails only on new ones while the old ones are worked off.
//!
//! A baseline is the JSON report (`chain check FILE --format json`, or
//! `--write-baseline PATH`). Only each finding's `code` and `ids` are read
//! (and `message` for a finding that names no id, such as an unknown key):
//! a finding is matched by its code and the ids it names, never by its
//! line, so editing elsewhere in the file keeps it matched. A baseline may
//! list a finding several times (two `invalid-value` findings about one
//! person): each entry matches one finding. Entries that match nothing are
//! stale, and reported, so the baseline only shrinks.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::finding::Finding;
use crate::text::escape;

/// A baseline read from a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    /// Its findings, in file order.
    pub entries: Vec<Entry>,
}

/// One finding of a baseline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Entry {
    /// The code, as written (a code this chain does not know matches nothing).
    pub code: String,
    /// The ids the finding names.
    #[serde(default)]
    pub ids: Vec<String>,
    /// The message when the baseline was written, to show a stale entry.
    #[serde(default)]
    pub message: Option<String>,
    /// The file the finding was in.
    #[serde(default)]
    pub file: Option<String>,
    /// Its line then.
    #[serde(default)]
    pub line: Option<usize>,
}

#[derive(Deserialize)]
struct Document {
    findings: Vec<Entry>,
}

/// How a report's findings compare with a baseline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Compared {
    /// For each finding compared, whether the baseline has it.
    pub known: Vec<bool>,
    /// The baseline's entries no finding matched, in baseline order.
    pub stale: Vec<Entry>,
}

impl Baseline {
    /// Reads the baseline at `path`.
    pub fn read(path: &Path) -> Result<Baseline, Error> {
        let shown = escape(&path.display().to_string()).into_owned();
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the baseline `{shown}`"))?;
        Baseline::parse(&text).map_err(|e| {
            Diagnostic::error(format!("`{shown}` is not a baseline: {e}"))
                .help("a baseline is what `chain check FILE --format json` or `--write-baseline PATH` writes")
                .into()
        })
    }

    /// A baseline from the text of a JSON report.
    pub fn parse(text: &str) -> Result<Baseline, serde_json::Error> {
        let doc: Document = serde_json::from_str(text)?;
        Ok(Baseline {
            entries: doc.findings,
        })
    }

    /// Compares `findings` with the baseline: each finding is known when an
    /// entry not yet matched has its code and ids (and message, for a
    /// finding that names no id).
    pub fn compare(&self, findings: &[Finding]) -> Compared {
        let mut unmatched: HashMap<Key<'_>, Vec<usize>> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate().rev() {
            let ids = e.ids.iter().map(String::as_str).collect();
            let message = e.message.as_deref().unwrap_or("");
            unmatched
                .entry(key(&e.code, ids, message))
                .or_default()
                .push(i);
        }
        let mut used = vec![false; self.entries.len()];
        let known = findings
            .iter()
            .map(|f| {
                let ids = f.ids.iter().map(|id| id.as_str()).collect();
                let key = key(f.code.as_str(), ids, &f.message);
                let entry = unmatched.get_mut(&key).and_then(Vec::pop);
                if let Some(u) = entry.and_then(|i| used.get_mut(i)) {
                    *u = true;
                }
                entry.is_some()
            })
            .collect();
        let stale = self
            .entries
            .iter()
            .zip(&used)
            .filter(|(_, used)| !**used)
            .map(|(e, _)| e.clone())
            .collect();
        Compared { known, stale }
    }
}

/// What identifies a finding: its code and ids, and its message when it
/// names no id.
type Key<'a> = (&'a str, Vec<&'a str>, &'a str);

fn key<'a>(code: &'a str, ids: Vec<&'a str>, message: &'a str) -> Key<'a> {
    let message = if ids.is_empty() { message } else { "" };
    (code, ids, message)
}

impl Entry {
    /// "cycle `a`, `b`": the code and ids, for a line about a stale entry.
    pub fn describe(&self) -> String {
        let ids: Vec<String> = self.ids.iter().map(|id| format!("`{id}`")).collect();
        if ids.is_empty() {
            self.code.clone()
        } else {
            format!("{} {}", self.code, ids.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Code;

    fn finding(code: Code, ids: &[&str]) -> Finding {
        Finding::new(code, "m").ids(ids.iter().copied())
    }

    /// Findings match by code and ids, each entry once; what is left over
    /// is stale.
    #[test]
    fn matches_by_code_and_ids() {
        let text = r#"{"findings": [
            {"code": "cycle", "ids": ["a", "b"], "line": 3},
            {"code": "dead-end", "ids": ["c"]},
            {"code": "dead-end", "ids": ["c"]},
            {"code": "no-customer", "ids": ["gone"], "message": "person `gone`"}
        ], "summary": {"errors": 0, "warnings": 4}}"#;
        let baseline = Baseline::parse(text).unwrap_or_default();
        let findings = [
            finding(Code::DeadEnd, &["c"]),
            finding(Code::Cycle, &["a", "b"]),
            finding(Code::Cycle, &["b", "a"]),
            finding(Code::DeadEnd, &["c"]),
            finding(Code::DeadEnd, &["c"]),
        ];
        let compared = baseline.compare(&findings);
        assert_eq!(compared.known, [true, true, false, true, false]);
        let stale: Vec<String> = compared.stale.iter().map(Entry::describe).collect();
        assert_eq!(stale, ["no-customer `gone`"]);
    }

    /// Findings that name no id are told apart by their message.
    #[test]
    fn findings_without_ids_match_by_message() {
        let text =
            r#"{"findings": [{"code": "invalid-value", "ids": [], "message": "unknown key `a`"}]}"#;
        let baseline = Baseline::parse(text).unwrap_or_default();
        let findings = [
            Finding::new(Code::InvalidValue, "unknown key `b`"),
            Finding::new(Code::InvalidValue, "unknown key `a`"),
        ];
        assert_eq!(baseline.compare(&findings).known, [false, true]);
    }

    /// Anything but a report is refused with serde's reason.
    #[test]
    fn refuses_what_is_not_a_report() {
        assert!(Baseline::parse("[]").is_err());
        assert!(Baseline::parse(r#"{"findings": [{"ids": []}]}"#).is_err());
    }
}
