//! Findings: what is wrong with a team file, as data.
//!
//! A finding is never an `Err`: the loader and the rules produce findings, and
//! the caller decides what they mean (`map` refuses a file with error-level
//! findings from the loader, `check` reports them all). Each finding has a
//! stable kebab-case [`Code`], a [`Severity`], a message naming the ids
//! involved, and the span of the exact key or value concerned.

mod capped;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use compact_str::CompactString;
use serde::Serialize;

use crate::source::Span;

pub use capped::{Findings, PER_CODE};

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Not reported.
    Allow,
    /// Reported; does not fail the run.
    Warning,
    /// Reported; fails the run.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Allow => "allow",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $summary:literal;)*) => {
        /// The stable identifier of a kind of finding.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $summary] $variant,)*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case name, as written in files, flags and reports.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity a finding has unless configured otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line saying what the code finds.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }
        }
    };
}

codes! {
    UnknownReference = "unknown-reference", Error,
        "a `roles` entry or a `to` names no declared id";
    DuplicateId = "duplicate-id", Error,
        "one id is declared in two of people, roles and external";
    InvalidValue = "invalid-value", Error,
        "a key or value the team file format does not allow";
    OrphanRole = "orphan-role", Warning,
        "a role that nobody holds: work handed to it stops there";
    NoPayingCustomer = "no-paying-customer", Error,
        "no external customer has `pays = true`";
    DeadEnd = "dead-end", Warning,
        "a person or role whose work never reaches a paying customer";
    NoCustomer = "no-customer", Warning,
        "a person or role that hands work to no one";
    UnservedExternal = "unserved-external", Warning,
        "an external customer that nobody hands work to";
    Cycle = "cycle", Allow,
        "a loop of handoffs";
    SinglePoint = "single-point", Allow,
        "a person through whom every chain of some others passes";
    SoleHolder = "sole-holder", Allow,
        "a role held by exactly one person";
    RosterJoiner = "roster-joiner", Warning,
        "someone on the roster (`--roster`) who is not in the team file";
    RosterLeaver = "roster-leaver", Warning,
        "someone in the team file who is not on the roster (`--roster`)";
}

impl Code {
    /// Whether the code compares the team file with a roster, so that only
    /// `chain check --roster` reports it.
    pub fn needs_roster(self) -> bool {
        matches!(self, Code::RosterJoiner | Code::RosterLeaver)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The error of parsing an unknown code name; carries a suggestion if one is close.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode {
    /// The name that was given.
    pub name: String,
    /// The closest known code, if any is close enough.
    pub suggestion: Option<&'static str>,
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown check code `{}`", self.name)?;
        if let Some(s) = self.suggestion {
            write!(f, " (did you mean `{s}`?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownCode {}

impl FromStr for Code {
    type Err = UnknownCode;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == name)
            .ok_or_else(|| UnknownCode {
                name: name.to_string(),
                suggestion: crate::suggest::closest(name, Code::ALL.iter().map(|c| c.as_str())),
            })
    }
}

/// A place in a file with a short text about it: shown beside the main
/// span of a finding or a diagnostic ("first declared here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there.
    pub text: Cow<'static, str>,
}

impl Label {
    /// `text` at `span`.
    pub fn new(span: Span, text: impl Into<Cow<'static, str>>) -> Self {
        Label {
            span,
            text: text.into(),
        }
    }
}

/// One thing wrong with a team file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What kind of finding this is.
    pub code: Code,
    /// How much it matters (the code's default until configured).
    pub severity: Severity,
    /// What is wrong, naming the ids involved in backticks.
    pub message: String,
    /// The key or value concerned; `None` for a finding about the whole organisation.
    pub span: Option<Span>,
    /// A short label shown under the caret: most are fixed text, kept
    /// without an allocation (a line of 100,000 people has as many findings).
    pub label: Option<Cow<'static, str>>,
    /// How to fix it, if there is something useful to say.
    pub help: Option<String>,
    /// Other places worth seeing, each with its label ("first declared
    /// here"); text reports show them, JSON and SARIF do not.
    pub secondary: Vec<Label>,
    /// The ids the finding is about, for scripts: inline up to 24 bytes,
    /// as the ids of the model are.
    pub ids: Vec<CompactString>,
}

impl Finding {
    /// A finding of `code` at its default severity.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.default_severity(),
            message: message.into(),
            span: None,
            label: None,
            help: None,
            secondary: Vec::new(),
            ids: Vec::new(),
        }
    }

    /// Points the finding at `span`.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Sets the label shown under the caret.
    pub fn label(mut self, label: impl Into<Cow<'static, str>>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds another place to show, with its label.
    pub fn secondary(mut self, span: Span, label: impl Into<Cow<'static, str>>) -> Self {
        self.secondary.push(Label::new(span, label));
        self
    }

    /// Sets the help line when there is one.
    pub fn maybe_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Adds the ids the finding is about.
    pub fn ids<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<CompactString>,
    {
        if self.ids.is_empty() {
            // Collected, a vector of ids keeps its allocation.
            self.ids = ids.into_iter().map(Into::into).collect();
        } else {
            self.ids.extend(ids.into_iter().map(Into::into));
        }
        self
    }

    /// The order every report uses: file, position, code, then message,
    /// so the same input always gives the same output.
    pub fn sort_key(&self) -> (Option<Span>, Code, &str) {
        (self.span, self.code, self.message.as_str())
    }
}

/// Sorts findings into report order (see [`Finding::sort_key`]).
///
/// A finding is large, and a sort moves each element many times: 100,000
/// findings are sorted by their place and code first, as small keys, and
/// then moved once each; only findings at the same place with the same
/// code are then ordered by message.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by_cached_key(|f| (f.span, f.code));
    for same in findings.chunk_by_mut(|a, b| (a.span, a.code) == (b.span, b.code)) {
        same.sort_by(|a, b| a.message.cmp(&b.message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code round-trips through its name, and a typo gets a suggestion.
    #[test]
    fn codes_parse_and_suggest() {
        for code in Code::ALL {
            assert_eq!(code.as_str().parse::<Code>(), Ok(*code));
        }
        let err = "orphan-rol".parse::<Code>().err();
        assert_eq!(err.and_then(|e| e.suggestion), Some("orphan-role"));
    }
}
