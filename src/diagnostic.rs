//! Rendering a problem rustc-style: `path:line:col`, the source line, a
//! caret under the exact key or value, and a help line.
//!
//! Everything shown is escaped with [`crate::text::escape`], so a team file
//! cannot smuggle terminal control sequences into a report.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::finding::{Finding, Severity};
use crate::source::{Sources, Span};
use crate::text::{escape, escape_with_range};

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

impl From<&Finding> for Diagnostic {
    fn from(f: &Finding) -> Self {
        Diagnostic {
            severity: f.severity,
            code: Some(f.code.as_str()),
            message: f.message.clone(),
            span: f.span,
            label: f.label.clone(),
            help: f.help.clone(),
        }
    }
}

/// Renders diagnostics with ANSI styles (or without, for `styled == false`).
pub struct DiagnosticRenderer<'a> {
    sources: &'a Sources,
    renderer: Renderer,
}

impl<'a> DiagnosticRenderer<'a> {
    /// A renderer over `sources`. Styled output is meant for an
    /// `anstream` writer, which strips the styles when colour is off.
    pub fn new(sources: &'a Sources, styled: bool) -> Self {
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        DiagnosticRenderer { sources, renderer }
    }

    /// One diagnostic, as a block of lines ending without a newline.
    pub fn render(&self, d: &Diagnostic) -> String {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning | Severity::Allow => Level::WARNING,
        };
        let message = escape(&d.message);
        let mut title = level.primary_title(message.as_ref());
        if let Some(code) = d.code {
            title = title.id(code);
        }
        let mut group = Group::with_title(title);
        if let Some(snippet) = d
            .span
            .and_then(|span| self.snippet(span, d.label.as_deref()))
        {
            group = group.element(snippet);
        }
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(escape(help).into_owned()));
        }
        self.renderer.render(&[group])
    }

    /// The source line holding `span`, alone, with a caret under the span.
    ///
    /// Only the one line is handed to the renderer: a diagnostic costs the
    /// same in a 100-line file and in a 100-megabyte one.
    fn snippet(
        &self,
        span: Span,
        label: Option<&str>,
    ) -> Option<Snippet<'static, annotate_snippets::Annotation<'static>>> {
        let file = self.sources.get(span.file)?;
        let (index, line_range) = file.line_of(span.start);
        let line = file.text.get(line_range.clone())?;
        let start = span.start.saturating_sub(line_range.start).min(line.len());
        let end = span
            .end
            .saturating_sub(line_range.start)
            .clamp(start, line.len());
        let (line, range) = escape_with_range(line, start..end);
        let range = if range.is_empty() {
            range.start..range.start
        } else {
            range
        };
        let mut annotation = AnnotationKind::Primary.span(range);
        if let Some(label) = label {
            annotation = annotation.label(escape(label).into_owned());
        }
        Some(
            Snippet::source(line)
                .line_start(index + 1)
                .path(escape(&file.path).into_owned())
                .annotation(annotation),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    /// A diagnostic names path:line:col, shows the line and puts the caret under the span.
    #[test]
    fn renders_location_line_and_caret() {
        let mut sources = Sources::new();
        let file = sources.add("team.toml", "[people.lee]\nroles = [\"av-tek\"]\n".into());
        let d = Diagnostic {
            severity: Severity::Error,
            code: Some("unknown-reference"),
            message: "unknown role `av-tek`".into(),
            span: Some(Span::new(file, 22..30)),
            label: Some("not declared".into()),
            help: Some("did you mean `av-tech`?".into()),
        };
        assert_eq!(FileId(0), file);
        let out = DiagnosticRenderer::new(&sources, false).render(&d);
        assert!(
            out.contains("error[unknown-reference]: unknown role `av-tek`"),
            "{out}"
        );
        assert!(out.contains("team.toml:2:10"), "{out}");
        assert!(out.contains("^^^^^^^^ not declared"), "{out}");
        assert!(out.contains("help: did you mean `av-tech`?"), "{out}");
    }
}
