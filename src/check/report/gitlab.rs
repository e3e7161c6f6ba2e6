//! The GitLab Code Quality report: a JSON array of issues, each with
//! `description`, `check_name`, `fingerprint`, `severity` and
//! `location.path` and `location.lines.begin`, as GitLab's documentation
//! of the format lists them. GitLab shows them in the merge request.
//!
//! The fingerprint identifies a finding across runs, so GitLab can tell
//! new issues from old: a hash of its code and ids (and of its message
//! when it names no id, such as an unknown key), never its line (which
//! moves whenever the file is edited). GitLab shows one issue per
//! fingerprint, so a second finding with the same code and ids adds its
//! number to the hash. Error-level findings are `major`, warnings `minor`;
//! known findings (in a `--baseline`) are left out.

use std::io::{self, Write};

use serde::Serialize;

use super::{Place, View};
use crate::finding::{Finding, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// Writes the report, pretty-printed.
pub fn write(out: &mut dyn Write, view: &View<'_>) -> io::Result<()> {
    let mut seen: std::collections::HashMap<u128, u32> = std::collections::HashMap::new();
    let issues: Vec<Issue<'_>> = view
        .new_findings()
        .map(|f| {
            let base = key_hash(f, 0);
            let n = seen.entry(base).or_insert(0);
            let hash = if *n == 0 { base } else { key_hash(f, *n) };
            *n += 1;
            let place = Place::of(f, view.sources);
            Issue {
                description: &f.message,
                check_name: f.code.as_str(),
                fingerprint: format!("{hash:032x}"),
                severity: match f.severity {
                    Severity::Error => "major",
                    Severity::Warning | Severity::Allow => "minor",
                },
                location: Location {
                    path: place.path,
                    lines: Lines {
                        begin: place.range.map_or(1, |(start, _)| start.line),
                    },
                },
            }
        })
        .collect();
    crate::json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

/// The hash of a finding's code and ids, and `n` when it is the `n`th
/// repeat of them.
fn key_hash(f: &Finding, n: u32) -> u128 {
    let mut hash = Fnv::new();
    hash.write(f.code.as_str().as_bytes());
    for id in &f.ids {
        hash.write(&[0]);
        hash.write(id.as_bytes());
    }
    if f.ids.is_empty() {
        hash.write(&[0xfe]);
        hash.write(f.message.as_bytes());
    }
    if n > 0 {
        hash.write(&[0xff]);
        hash.write(&n.to_le_bytes());
    }
    hash.0
}

/// 128-bit FNV-1a: a published, fixed algorithm, so fingerprints stay the
/// same from one version of chain (and of Rust) to the next, which the
/// standard library's hashers do not promise. Nothing here needs a
/// cryptographic hash.
struct Fnv(u128);

impl Fnv {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;

    fn new() -> Self {
        Fnv(Self::OFFSET)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u128::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The published test vectors of FNV-1a 128.
    #[test]
    fn fnv1a_128_vectors() {
        let of = |s: &str| {
            let mut h = Fnv::new();
            h.write(s.as_bytes());
            format!("{:032x}", h.0)
        };
        assert_eq!(of(""), "6c62272e07bb014262b821756295c58d");
        assert_eq!(of("a"), "d228cb696f1a8caf78912b704e4a8964");
    }
}
