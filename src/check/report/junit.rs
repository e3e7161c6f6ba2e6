//! The JUnit XML report, for CI servers that show test results (Jenkins,
//! GitLab, Azure Pipelines, CircleCI and others): one `<testsuite>` for
//! the team file, one `<testcase>` per finding, named by its code and
//! message and placed at its file and line.
//!
//! An error-level finding is a `<failure>`; a warning passes, its message
//! in `<system-out>`; a known finding (in a `--baseline`) and a stale
//! baseline entry are `<skipped>`. A file with nothing to report has one
//! passing test case, so the suite is never empty. Every string is escaped
//! for XML, control characters first shown as `\u{..}` (XML 1.0 cannot
//! hold most of them even escaped).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Place, State, View};
use crate::finding::{Finding, Severity};
use crate::source::FileId;
use crate::text::escape;

/// One test case, ready to write.
struct Case {
    name: String,
    classname: String,
    file: Option<String>,
    line: Option<usize>,
    outcome: Outcome,
}

enum Outcome {
    Passed(Option<String>),
    Failed { message: String, body: String },
    Skipped(String),
}

/// Writes the report.
pub fn write(out: &mut dyn Write, view: &View<'_>) -> io::Result<()> {
    let mut cases: Vec<Case> = view
        .findings
        .iter()
        .map(|&(f, state)| case(f, state, view))
        .collect();
    cases.extend(view.stale.iter().map(|e| Case {
        name: format!("stale baseline entry: {}", e.describe()),
        classname: format!("chain.{}", e.code),
        file: None,
        line: None,
        outcome: Outcome::Skipped(
            "in the baseline but no longer found: take it out of the baseline".into(),
        ),
    }));
    let path = view.sources.path(FileId(0));
    if cases.is_empty() {
        cases.push(Case {
            name: "no errors or warnings".into(),
            classname: "chain.check".into(),
            file: Some(path.to_string()),
            line: None,
            outcome: Outcome::Passed(None),
        });
    }
    let failures = count(&cases, |o| matches!(o, Outcome::Failed { .. }));
    let skipped = count(&cases, |o| matches!(o, Outcome::Skipped(_)));
    let totals = format!(
        "tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\"",
        cases.len()
    );
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(xml, "<testsuites name=\"chain check\" {totals}>");
    let _ = writeln!(xml, "  <testsuite name=\"{}\" {totals}>", attr(path));
    for c in &cases {
        write_case(&mut xml, c);
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    out.write_all(xml.as_bytes())
}

fn count(cases: &[Case], which: impl Fn(&Outcome) -> bool) -> usize {
    cases.iter().filter(|c| which(&c.outcome)).count()
}

fn case(f: &Finding, state: Option<State>, view: &View<'_>) -> Case {
    let place = Place::of(f, view.sources);
    let start = place.range.map(|(start, _)| start);
    let at = match start {
        Some(s) => format!("{}:{}:{}", place.path, s.line, s.column),
        None => place.path.to_string(),
    };
    let mut body = format!("{at}: {}[{}]: {}", f.severity.as_str(), f.code, f.message);
    if let Some(help) = &f.help {
        body.push_str("\nhelp: ");
        body.push_str(help);
    }
    let outcome = match (state, f.severity) {
        (Some(State::Known), _) => Outcome::Skipped("known: in the baseline".into()),
        (_, Severity::Error) => Outcome::Failed {
            message: f.message.clone(),
            body,
        },
        _ => Outcome::Passed(Some(body)),
    };
    Case {
        name: format!("{}: {}", f.code, f.message),
        classname: format!("chain.{}", f.code),
        file: Some(place.path.to_string()),
        line: start.map(|s| s.line),
        outcome,
    }
}

fn write_case(xml: &mut String, c: &Case) {
    let _ = write!(
        xml,
        "    <testcase name=\"{}\" classname=\"{}\"",
        attr(&c.name),
        attr(&c.classname)
    );
    if let Some(file) = &c.file {
        let _ = write!(xml, " file=\"{}\"", attr(file));
    }
    if let Some(line) = c.line {
        let _ = write!(xml, " line=\"{line}\"");
    }
    match &c.outcome {
        Outcome::Passed(None) => xml.push_str("/>\n"),
        Outcome::Passed(Some(out)) => {
            let _ = write!(
                xml,
                ">\n      <system-out>{}</system-out>\n    </testcase>\n",
                text(out)
            );
        }
        Outcome::Failed { message, body } => {
            let _ = write!(
                xml,
                ">\n      <failure message=\"{}\" type=\"error\">{}</failure>\n    </testcase>\n",
                attr(message),
                text(body)
            );
        }
        Outcome::Skipped(why) => {
            let _ = write!(
                xml,
                ">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                attr(why)
            );
        }
    }
}

/// Text content: each line escaped for the terminal, then for XML.
fn text(s: &str) -> String {
    let lines: Vec<String> = s.split('\n').map(|l| xml_escape(&escape(l))).collect();
    lines.join("\n")
}

/// An attribute value: one line, escaped for the terminal, then for XML.
fn attr(s: &str) -> String {
    xml_escape(&escape(s))
}

/// `s` with XML's five special characters as entities, and the two
/// non-characters XML cannot hold (U+FFFE, U+FFFF) as `\u{..}`.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markup, quotes, controls and non-characters cannot escape their place.
    #[test]
    fn escapes_for_xml() {
        assert_eq!(
            attr("<a href=\"x\">&'\u{1b}\u{ffff}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\\u{1b}\\u{ffff}"
        );
        assert_eq!(text("a\nb\r<"), "a\nb\\u{d}&lt;");
    }
}
