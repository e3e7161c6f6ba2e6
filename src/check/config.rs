//! Severity configuration: which severity each code has in one run.
//!
//! Precedence, lowest first:
//!
//! 1. the code's default ([`Code::default_severity`]);
//! 2. `[check]` in the team file: `allow`, `warn` and `deny` lists. A code in
//!    more than one list is itself a mistake (an `invalid-value` finding);
//!    until it is fixed the strictest list applies;
//! 3. the command line: `--allow`, `--warn` and `--deny CODE` in the order
//!    given, the last flag naming a code winning (as with rustc's lint flags);
//! 4. `--deny warnings`: every code still at warning becomes an error. An
//!    allowed code stays allowed.
//!
//! The codes the loader reports (`unknown-reference`, `duplicate-id`,
//! `invalid-value`) are always errors: a file with them breaks the format and
//! every other command refuses it, so a check that let them pass would be a
//! trap. Lowering one is an `invalid-value` finding in the file and a
//! command-line error (exit 2) on the command line.

use std::fmt;

use crate::finding::{Code, Finding, Severity};
use crate::model::CheckSettings;
use crate::source::Span;

/// The severity settings given on the command line (or by a library caller).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Each code with the severity asked for, in the order given: the last
    /// setting of a code wins.
    pub levels: Vec<(Code, Severity)>,
    /// Whether every warning becomes an error (`--deny warnings`).
    pub deny_warnings: bool,
}

impl Settings {
    /// Refuses a setting that would lower a code that is always an error.
    pub fn validate(&self) -> Result<(), FixedCode> {
        match self
            .levels
            .iter()
            .find(|&&(code, severity)| is_fixed(code) && severity < Severity::Error)
        {
            Some(&(code, severity)) => Err(FixedCode { code, severity }),
            None => Ok(()),
        }
    }
}

/// Whether `code` is always an error: the loader's codes, which make every
/// other command refuse the file.
pub fn is_fixed(code: Code) -> bool {
    matches!(
        code,
        Code::UnknownReference | Code::DuplicateId | Code::InvalidValue
    )
}

/// The name of the `[check]` list (and command-line flag) for a severity.
pub fn list_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Allow => "allow",
        Severity::Warning => "warn",
        Severity::Error => "deny",
    }
}

/// A setting that tries to lower a code that is always an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedCode {
    /// The code.
    pub code: Code,
    /// The severity asked for.
    pub severity: Severity,
}

impl FixedCode {
    /// Why the code cannot be lowered, and what to do instead.
    pub fn help(&self) -> String {
        format!(
            "`{}` findings mean the file breaks the team file format, and every chain command refuses such a file; fix them instead",
            self.code
        )
    }
}

impl fmt::Display for FixedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is always an error and cannot be set to `{}`",
            self.code,
            list_name(self.severity)
        )
    }
}

/// The severity of every code for one run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Levels {
    /// Indexed like [`Code::ALL`].
    by_code: Vec<Severity>,
}

impl Levels {
    /// Resolves the file's `[check]` and the command-line `settings` over the
    /// defaults. Mistakes in `[check]` come back as findings.
    pub fn resolve(file: &CheckSettings, settings: &Settings) -> (Levels, Vec<Finding>) {
        let mut levels = Levels {
            by_code: Code::ALL.iter().map(|c| c.default_severity()).collect(),
        };
        let findings = levels.apply_file(file);
        for &(code, severity) in &settings.levels {
            if !is_fixed(code) {
                levels.set(code, severity);
            }
        }
        if settings.deny_warnings {
            for level in &mut levels.by_code {
                if *level == Severity::Warning {
                    *level = Severity::Error;
                }
            }
        }
        (levels, findings)
    }

    /// The severity of `code`.
    pub fn of(&self, code: Code) -> Severity {
        self.by_code
            .get(code as usize)
            .copied()
            .unwrap_or(code.default_severity())
    }

    /// Whether findings of `code` are reported at all.
    pub fn reports(&self, code: Code) -> bool {
        self.of(code) != Severity::Allow
    }

    fn set(&mut self, code: Code, severity: Severity) {
        if let Some(level) = self.by_code.get_mut(code as usize) {
            *level = severity;
        }
    }

    /// Applies `[check]`: per code, the strictest list naming it.
    fn apply_file(&mut self, file: &CheckSettings) -> Vec<Finding> {
        let mut entries: Vec<(Code, Span, Severity)> = Vec::new();
        for (list, severity) in [
            (&file.allow, Severity::Allow),
            (&file.warn, Severity::Warning),
            (&file.deny, Severity::Error),
        ] {
            entries.extend(list.iter().map(|s| (s.code, s.span, severity)));
        }
        entries.sort_unstable();
        let mut findings = Vec::new();
        for group in entries.chunk_by(|a, b| a.0 == b.0) {
            let Some(&(code, _, _)) = group.first() else {
                continue;
            };
            for &(_, span, severity) in group {
                if is_fixed(code) && severity < Severity::Error {
                    findings.push(lowered(FixedCode { code, severity }, span));
                }
            }
            let kept = group
                .iter()
                .filter(|&&(_, _, severity)| !is_fixed(code) || severity == Severity::Error);
            if let Some(strictest) = kept.map(|&(_, _, s)| s).max() {
                self.set(code, strictest);
            }
            if let Some(conflict) = conflict(code, group) {
                findings.push(conflict);
            }
        }
        findings
    }
}

fn lowered(fixed: FixedCode, span: Span) -> Finding {
    Finding::new(Code::InvalidValue, format!("{fixed} in `[check]`"))
        .at(span)
        .label("always an error")
        .help(fixed.help())
        .ids([fixed.code.as_str()])
}

/// The finding for a code listed under different severities, at its last
/// mention in the file.
fn conflict(code: Code, group: &[(Code, Span, Severity)]) -> Option<Finding> {
    let mut lists: Vec<Severity> = group.iter().map(|&(_, _, s)| s).collect();
    lists.sort_unstable();
    lists.dedup();
    let (&strictest, &last) = (lists.last()?, &group.last()?.1);
    if lists.len() < 2 {
        return None;
    }
    let names: Vec<String> = lists
        .iter()
        .map(|&s| format!("`{}`", list_name(s)))
        .collect();
    let message = format!(
        "check code `{code}` is listed in both {} of `[check]`",
        names.join(" and ")
    );
    let help = format!(
        "list each code once; until then the strictest list, `{}`, applies",
        list_name(strictest)
    );
    Some(
        Finding::new(Code::InvalidValue, message)
            .at(last)
            .label("listed again here")
            .help(help)
            .ids([code.as_str()]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CodeSetting;
    use crate::source::FileId;

    fn at(code: Code, start: usize) -> CodeSetting {
        CodeSetting {
            code,
            span: Span::new(FileId(0), start..start + 1),
        }
    }

    /// Default < file < command line (last flag wins) < `--deny warnings`.
    #[test]
    fn precedence() {
        let file = CheckSettings {
            allow: vec![at(Code::Cycle, 1)],
            warn: vec![at(Code::SoleHolder, 2)],
            deny: vec![at(Code::DeadEnd, 3)],
        };
        let settings = Settings {
            levels: vec![
                (Code::DeadEnd, Severity::Allow),
                (Code::NoCustomer, Severity::Allow),
                (Code::NoCustomer, Severity::Error),
            ],
            deny_warnings: true,
        };
        let (levels, findings) = Levels::resolve(&file, &settings);
        assert!(findings.is_empty());
        assert_eq!(levels.of(Code::Cycle), Severity::Allow);
        assert_eq!(levels.of(Code::SoleHolder), Severity::Error);
        assert_eq!(levels.of(Code::DeadEnd), Severity::Allow);
        assert_eq!(levels.of(Code::NoCustomer), Severity::Error);
        assert_eq!(levels.of(Code::SinglePoint), Severity::Allow);
        assert_eq!(levels.of(Code::OrphanRole), Severity::Error);
    }

    /// A code in two lists is reported once, and the strictest list applies;
    /// a fixed code cannot be lowered.
    #[test]
    fn file_mistakes() {
        let file = CheckSettings {
            allow: vec![at(Code::Cycle, 9), at(Code::UnknownReference, 4)],
            warn: vec![],
            deny: vec![at(Code::Cycle, 5)],
        };
        let (levels, findings) = Levels::resolve(&file, &Settings::default());
        assert_eq!(levels.of(Code::Cycle), Severity::Error);
        assert_eq!(levels.of(Code::UnknownReference), Severity::Error);
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`unknown-reference` is always an error and cannot be set to `allow` in `[check]`",
                "check code `cycle` is listed in both `allow` and `deny` of `[check]`",
            ]
        );
        assert_eq!(
            findings.get(1).and_then(|f| f.span).map(|s| s.start()),
            Some(9)
        );
    }

    /// The command line may not lower a fixed code.
    #[test]
    fn command_line_cannot_lower_fixed_codes() {
        let lower = Settings {
            levels: vec![(Code::DuplicateId, Severity::Warning)],
            deny_warnings: false,
        };
        assert_eq!(
            lower.validate().map_err(|e| e.to_string()),
            Err("`duplicate-id` is always an error and cannot be set to `warn`".into())
        );
        let raise = Settings {
            levels: vec![(Code::DuplicateId, Severity::Error)],
            deny_warnings: false,
        };
        assert_eq!(raise.validate(), Ok(()));
    }
}
