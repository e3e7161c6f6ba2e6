//! Rendering a problem rustc-style: `path:line:col`, the source line, a
//! caret under the exact key or value, and a help line.
//!
//! Everything shown is escaped with [`crate::text::escape`], so a team file
//! cannot smuggle terminal control sequences into a report.
//!
//! The text is exactly what annotate-snippets 0.12 draws for the same
//! diagnostic; chain draws it itself (`render.rs`) because a report of
//! 100,000 findings spent most of its time in annotate-snippets' general
//! layout. The tests keep annotate-snippets as the oracle.

mod cells;
mod layout;
mod margin;
mod paint;
mod render;
mod snippet;
mod width;

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;

use crate::finding::{Finding, Severity};
use crate::source::{Sources, Span};
use layout::{Layout, Parts};
use paint::Styles;

/// A problem ready to render: a finding, or an error that stops the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The finding's code, if it is a finding.
    pub code: Option<&'static str>,
    /// What is wrong.
    pub message: String,
    /// Where, if it is somewhere in particular.
    pub span: Option<Span>,
    /// Under the caret.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error with no code.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: None,
            message: message.into(),
            span: None,
            label: None,
            help: None,
        }
    }

    /// Points the diagnostic at `span`.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Renders diagnostics with ANSI styles (or without, for `styled == false`).
pub struct DiagnosticRenderer<'a> {
    sources: &'a Sources,
    styled: bool,
}

impl<'a> DiagnosticRenderer<'a> {
    /// A renderer over `sources`. Styled output is meant for an
    /// `anstream` writer, which strips the styles when colour is off.
    pub fn new(sources: &'a Sources, styled: bool) -> Self {
        DiagnosticRenderer { sources, styled }
    }

    /// One diagnostic, as a block of lines ending without a newline.
    pub fn render(&self, d: &Diagnostic) -> String {
        self.to_string(Parts::from(d))
    }

    /// One finding, rendered as a diagnostic: [`DiagnosticRenderer::render`]
    /// without first copying the finding's text into a [`Diagnostic`].
    pub fn render_finding(&self, finding: &Finding) -> String {
        self.to_string(Parts::from(finding))
    }

    fn to_string(&self, parts: Parts<'_>) -> String {
        let mut out = Vec::new();
        self.write(parts, &mut out);
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// Appends `finding`, rendered as a diagnostic, to `out`, with no
    /// newline after it: what a report of many findings calls.
    pub fn write_finding(&self, finding: &Finding, out: &mut Vec<u8>) {
        self.write(Parts::from(finding), out);
    }

    fn write(&self, parts: Parts<'_>, out: &mut Vec<u8>) {
        let layout = Layout::new(parts, self.sources);
        let styles = if self.styled {
            Styles::styled(layout.error)
        } else {
            Styles::PLAIN
        };
        render::render(&layout, styles, out);
    }
}
