//! The same [`Layout`] drawn by annotate-snippets, the renderer chain used
//! before drawing diagnostics itself: what the hand renderer must match.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::layout::{Excerpt, Layout};

/// `layout` as annotate-snippets draws it, styled or plain.
pub(super) fn render(layout: &Layout<'_>, styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let level = if layout.error {
        Level::ERROR
    } else {
        Level::WARNING
    };
    let mut title = level.primary_title(layout.message.as_ref());
    if let Some(code) = layout.code {
        title = title.id(code);
    }
    let mut group = Group::with_title(title);
    if let Some(e) = &layout.excerpt {
        let mut annotation = AnnotationKind::Primary.span(e.span.clone());
        if let Some(label) = &e.label {
            annotation = annotation.label(label.as_ref());
        }
        let snippet = Snippet::source(e.text.as_str())
            .line_start(e.line_number)
            .path(e.path.as_ref())
            .annotation(annotation);
        group = group.element(snippet);
    }
    if let Some(help) = &layout.help {
        group = group.element(Level::HELP.message(help.as_ref()));
    }
    let rendered = renderer.render(&[group]);
    match layout.excerpt.as_ref().and_then(HeaderFix::of) {
        Some(fix) => fix.apply(rendered),
        None => rendered,
    }
}

/// The header of a diagnostic shown through a window: annotate-snippets
/// names the window's column, this puts the line's own column instead.
#[derive(Clone, Copy, Debug)]
struct HeaderFix {
    /// The 1-based line number.
    line: usize,
    /// The column annotate-snippets counts in the window.
    shown: usize,
    /// The real column in the line.
    column: usize,
}

impl HeaderFix {
    /// The fix for an excerpt that names its own column.
    fn of(e: &Excerpt<'_>) -> Option<Self> {
        let before = e.text.get(..e.span.start)?;
        Some(HeaderFix {
            line: e.line_number,
            shown: before.chars().count() + 1,
            column: e.column?,
        })
    }

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
