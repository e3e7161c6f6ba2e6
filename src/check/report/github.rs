//! The GitHub Actions report: one workflow command per finding,
//! `::error file=F,line=L,col=C,title=CODE::MESSAGE`, so each shows on the
//! pull request's diff at its line. The help follows the message on a second
//! line. Nothing else is written, so a clean file prints nothing.
//!
//! Escaping follows the runner's rules: in the message `%`, `\r` and `\n`
//! are percent-encoded; in the properties `:` and `,` are too, since they
//! separate the properties. Control characters from the team file are
//! shown as `\u{..}` first, as in the text report, so the log stays clean.
//!
//! With a baseline, known findings are not annotated (the team accepted
//! them), and each stale entry is a `::notice` saying to take it out.

use std::io::{self, Write};

use super::{Place, View};
use crate::finding::Severity;
use crate::text::escape;

/// Writes one workflow command per new finding, and a notice per stale
/// baseline entry.
pub fn write(out: &mut dyn Write, view: &View<'_>) -> io::Result<()> {
    let sources = view.sources;
    for f in view.new_findings() {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning | Severity::Allow => "warning",
        };
        let place = Place::of(f, sources);
        let mut properties = format!("file={}", property(&escape(place.path)));
        if let Some((start, _)) = place.range {
            properties.push_str(&format!(",line={},col={}", start.line, start.column));
        }
        properties.push_str(&format!(",title={}", property(f.code.as_str())));
        let mut message = escape(&f.message).into_owned();
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(&escape(help));
        }
        writeln!(out, "::{command} {properties}::{}", data(&message))?;
    }
    for e in view.stale {
        let message = format!(
            "{} is in the baseline but no longer found: take it out of the baseline",
            escape(&e.describe())
        );
        writeln!(
            out,
            "::notice title=stale baseline entry::{}",
            data(&message)
        )?;
    }
    Ok(())
}

/// A command's message, escaped.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value, escaped.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Percent signs first, so no escape is escaped twice; `:` and `,` only in properties.
    #[test]
    fn escapes_like_the_runner() {
        assert_eq!(data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
        assert_eq!(property("C:\\a,b%.toml"), "C%3A\\a%2Cb%25.toml");
    }
}
