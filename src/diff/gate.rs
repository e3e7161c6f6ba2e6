//! `--fail-on`: the conditions that make `chain diff` exit 1, and what to
//! say on standard error when one is met.

use super::{Change, Diff};
use crate::finding::Finding;

/// A condition that makes `chain diff` exit 1 (`--fail-on`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    /// A person in both organisations who had a route to a paying customer
    /// has none after.
    LostChain,
    /// A new error-level finding.
    NewError,
    /// Any new finding.
    NewFinding,
}

impl Gate {
    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Gate::LostChain => "lost-chain",
            Gate::NewError => "new-error",
            Gate::NewFinding => "new-finding",
        }
    }
}

impl Diff<'_> {
    /// Why the change trips `gate`, or `None` when it does not.
    pub fn trips(&self, gate: Gate) -> Option<String> {
        match gate {
            Gate::LostChain => {
                let lost: Vec<&str> = self.changed(Change::Lost).map(|d| d.id).collect();
                let n = lost.len();
                (n > 0).then(|| {
                    let who = if n == 1 {
                        "person loses"
                    } else {
                        "people lose"
                    };
                    format!(
                        "{n} {who} their route to a paying customer: {}",
                        name_some(lost)
                    )
                })
            }
            Gate::NewError => some_findings(self.new_errors().copied(), "error"),
            Gate::NewFinding => some_findings(self.findings.new.iter().copied(), "finding"),
        }
    }
}

/// "3 new errors (`orphan-role`, `dead-end`)", or `None` for none.
fn some_findings<'a>(found: impl Iterator<Item = &'a Finding>, what: &str) -> Option<String> {
    let mut n = 0;
    let mut codes: Vec<&str> = Vec::new();
    for f in found {
        n += 1;
        if !codes.contains(&f.code.as_str()) {
            codes.push(f.code.as_str());
        }
    }
    let s = if n == 1 { "" } else { "s" };
    (n > 0).then(|| format!("{n} new {what}{s} ({})", name_some(codes)))
}

/// "`a`, `b`, `c`, `d`, `e`, and 3 more".
fn name_some(ids: Vec<&str>) -> String {
    const NAMED: usize = 5;
    let mut out: Vec<String> = ids
        .iter()
        .take(NAMED)
        .map(|id| format!("`{}`", crate::text::escape(id)))
        .collect();
    if ids.len() > NAMED {
        out.push(format!("and {} more", ids.len() - NAMED));
    }
    out.join(", ")
}
