//! Rendering a problem rustc-style with annotate-snippets: `path:line:col`,
//! the source line, a caret under the exact key or value, other places
//! with their labels, and a help line.
//!
//! Everything shown is escaped with [`crate::text::escape`], so a team file
//! cannot smuggle terminal control sequences into a report.

mod excerpt;
mod render;

#[cfg(test)]
mod tests;

use std::borrow::Cow;

use crate::finding::{Finding, Label, Severity};
use crate::source::{Sources, Span};

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
    /// Other places worth seeing, each with its label.
    pub secondary: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// What another program (Graphviz) said, shown under the message with
    /// its line breaks kept: each line is escaped on its own, since one
    /// line holding all of them escaped is no longer readable.
    pub said: Option<String>,
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
            secondary: Vec::new(),
            help: None,
            said: None,
        }
    }

    /// Points the diagnostic at `span`.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Sets the label under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds another place to show, with its label.
    pub fn secondary(mut self, span: Span, label: impl Into<Cow<'static, str>>) -> Self {
        self.secondary.push(Label::new(span, label));
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets what another program said, shown line by line.
    pub fn said(mut self, said: impl Into<String>) -> Self {
        self.said = Some(said.into());
        self
    }
}

/// Renders diagnostics with ANSI styles (or without, for `styled == false`).
pub struct DiagnosticRenderer<'a> {
    sources: &'a Sources,
    renderer: annotate_snippets::Renderer,
}

impl<'a> DiagnosticRenderer<'a> {
    /// A renderer over `sources`. Styled output is meant for an
    /// `anstream` writer, which strips the styles when colour is off.
    pub fn new(sources: &'a Sources, styled: bool) -> Self {
        let renderer = if styled {
            annotate_snippets::Renderer::styled()
        } else {
            annotate_snippets::Renderer::plain()
        };
        DiagnosticRenderer { sources, renderer }
    }

    /// One diagnostic, as a block of lines ending without a newline.
    pub fn render(&self, d: &Diagnostic) -> String {
        self.render_parts(Parts::from(d))
    }

    /// One finding, rendered as a diagnostic: [`DiagnosticRenderer::render`]
    /// without first copying the finding's text into a [`Diagnostic`].
    pub fn render_finding(&self, finding: &Finding) -> String {
        self.render_parts(Parts::from(finding))
    }

    /// Appends `finding`, rendered as a diagnostic, to `out`, with no
    /// newline after it: what a report of many findings calls.
    pub fn write_finding(&self, finding: &Finding, out: &mut Vec<u8>) {
        out.extend_from_slice(self.render_finding(finding).as_bytes());
    }

    fn render_parts(&self, parts: Parts<'_>) -> String {
        render::render(&parts, self.sources, &self.renderer)
    }
}

/// The parts of a [`Diagnostic`] or a [`Finding`], borrowed: a report
/// draws its findings without copying them into diagnostics first.
#[derive(Clone, Copy, Debug)]
struct Parts<'a> {
    severity: Severity,
    code: Option<&'a str>,
    message: &'a str,
    span: Option<Span>,
    label: Option<&'a str>,
    secondary: &'a [Label],
    help: Option<&'a str>,
    said: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for Parts<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        Parts {
            severity: d.severity,
            code: d.code,
            message: &d.message,
            span: d.span,
            label: d.label.as_deref(),
            secondary: &d.secondary,
            help: d.help.as_deref(),
            said: d.said.as_deref(),
        }
    }
}

impl<'a> From<&'a Finding> for Parts<'a> {
    fn from(f: &'a Finding) -> Self {
        Parts {
            severity: f.severity,
            code: Some(f.code.as_str()),
            message: &f.message,
            span: f.span,
            label: f.label.as_deref(),
            secondary: &f.secondary,
            help: f.help.as_deref(),
            said: None,
        }
    }
}
