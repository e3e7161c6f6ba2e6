//! Rendering a problem rustc-style: `path:line:col`, the source line, a
//! caret under the exact key or value, and a help line.
//!
//! Everything shown is escaped with [`crate::text::escape`], so a team file
//! cannot smuggle terminal control sequences into a report.

use std::ops::Range;

use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Renderer, Snippet};

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
        let mut header = None;
        if let Some((snippet, fix)) = d
            .span
            .and_then(|span| self.snippet(span, d.label.as_deref()))
        {
            group = group.element(snippet);
            header = fix;
        }
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(escape(help).into_owned()));
        }
        let rendered = self.renderer.render(&[group]);
        match header {
            Some(fix) => fix.apply(rendered),
            None => rendered,
        }
    }

    /// The source line holding `span`, alone, with a caret under the span.
    ///
    /// Only the one line is handed to the renderer: a diagnostic costs the
    /// same in a 100-line file and in a 100-megabyte one. Of a line longer
    /// than [`LONG_LINE`] bytes only a window around the span is handed
    /// over, so that a thousand findings on one generated line of a
    /// megabyte do not each lay out the whole line; the window's column in
    /// the header is then put right by the returned [`HeaderFix`].
    fn snippet(
        &self,
        span: Span,
        label: Option<&str>,
    ) -> Option<(Snippet<'static, Annotation<'static>>, Option<HeaderFix>)> {
        let file = self.sources.get(span.file)?;
        let (index, line_range) = file.line_of(span.start);
        let full = file.text.get(line_range.clone())?;
        let start = span.start.saturating_sub(line_range.start).min(full.len());
        let end = span
            .end
            .saturating_sub(line_range.start)
            .clamp(start, full.len());
        let long = full.len() > LONG_LINE;
        let window = if long {
            window(full, start..end)
        } else {
            0..full.len()
        };
        let line = full.get(window.clone())?;
        let cut_before = if long && window.start > 0 {
            ELLIPSIS
        } else {
            ""
        };
        let cut_after = if long && window.end < full.len() {
            ELLIPSIS
        } else {
            ""
        };
        let (line, range) = escape_with_range(
            line,
            start - window.start..end.min(window.end) - window.start,
        );
        let fix = long.then(|| HeaderFix {
            line: index + 1,
            shown: cut_before.len() + line.get(..range.start).map_or(0, |s| s.chars().count()) + 1,
            column: file.line_col(span.start).column,
        });
        let shift = cut_before.len();
        let range = if range.is_empty() {
            range.start + shift..range.start + shift
        } else {
            range.start + shift..range.end + shift
        };
        let mut annotation = AnnotationKind::Primary.span(range);
        if let Some(label) = label {
            annotation = annotation.label(escape(label).into_owned());
        }
        let snippet = Snippet::source(format!("{cut_before}{line}{cut_after}"))
            .line_start(index + 1)
            .path(escape(&file.path).into_owned())
            .annotation(annotation);
        Some((snippet, fix))
    }
}

/// Lines longer than this many bytes are shown as a window around the span.
const LONG_LINE: usize = 1024;

/// Bytes of context on each side of the span in a window.
const CONTEXT: usize = 96;

/// Marks where a window cuts a long line.
const ELLIPSIS: &str = "...";

/// The byte range of `line` shown for `span`: the span's start and some
/// context on each side (a long span is cut too), on character boundaries.
fn window(line: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.saturating_sub(CONTEXT);
    while !line.is_char_boundary(start) {
        start -= 1;
    }
    let shown_end = span.end.min(span.start + 2 * CONTEXT);
    let mut end = shown_end.saturating_add(CONTEXT).min(line.len());
    while !line.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The header of a diagnostic shown through a window: the renderer names
/// the window's column, this puts the line's own column instead.
#[derive(Clone, Copy, Debug)]
struct HeaderFix {
    /// The 1-based line number.
    line: usize,
    /// The column the renderer counted in the window.
    shown: usize,
    /// The real column in the line.
    column: usize,
}

impl HeaderFix {
    /// `rendered` with the location of its header line (the second line,
    /// after the title, which never spans lines) corrected.
    fn apply(self, rendered: String) -> String {
        let wrong = format!(":{}:{}", self.line, self.shown);
        let right = format!(":{}:{}", self.line, self.column);
        let mut lines = rendered.split_inclusive('\n');
        let mut out = String::with_capacity(rendered.len() + 8);
        out.extend(lines.next());
        if let Some(header) = lines.next() {
            let (text, newline) = match header.strip_suffix('\n') {
                Some(text) => (text, "\n"),
                None => (header, ""),
            };
            match text.strip_suffix(&wrong) {
                Some(before) => out.extend([before, right.as_str(), newline]),
                None => out.push_str(header),
            }
        }
        out.extend(lines);
        out
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

    /// On a long line only a window around the span is shown, cut with
    /// `...`, and the header still names the line's own column.
    #[test]
    fn long_lines_show_a_window_at_the_right_column() {
        let ids: Vec<String> = (0..2000).map(|i| format!("\"é{i}\"")).collect();
        let text = format!("[people.ana]\nhands_to = [{}]\n", ids.join(","));
        let mut sources = Sources::new();
        let file = sources.add("team.toml", text.clone());
        let start = text.find("\"é1500\"").expect("the id");
        let d = Diagnostic {
            severity: Severity::Error,
            code: Some("unknown-reference"),
            message: "unknown id `é1500`".into(),
            span: Some(Span::new(file, start..start + "\"é1500\"".len())),
            label: Some("not declared".into()),
            help: None,
        };
        let out = DiagnosticRenderer::new(&sources, false).render(&d);
        let column = sources.line_col(Span::new(file, start..start)).column;
        assert!(out.contains(&format!("team.toml:2:{column}\n")), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let shown = lines.get(3).copied().unwrap_or_default();
        assert!(
            shown.starts_with("2 | ...") && shown.ends_with("..."),
            "{out}"
        );
        assert!(shown.chars().count() < 400, "a window, not the line: {out}");
        // The caret is under the id in the window.
        let caret = lines.get(4).copied().unwrap_or_default();
        let at = caret.find('^').expect("a caret");
        let under: String = shown.chars().skip(at).take(7).collect();
        assert_eq!(under, "\"é1500\"", "{out}");
    }
}
