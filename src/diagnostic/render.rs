//! A diagnostic drawn by annotate-snippets, one snippet per excerpt:
//!
//! ```text
//! error[code]: message
//!  --> path:line:column
//!   |
//! 3 | [people.ana]
//!   |         --- first declared here
//! ...
//! 9 | [people.ana]
//!   |         ^^^ declared again here
//!   |
//!   = help: help
//! ```

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::Parts;
use super::excerpt::{Excerpt, Pointer, excerpts};
use crate::finding::Severity;
use crate::source::Sources;
use crate::text::{escape, escape_lines};

/// The text of `parts`, its spans looked up in `sources`, without a final
/// newline.
pub(super) fn render(parts: &Parts<'_>, sources: &Sources, renderer: &Renderer) -> String {
    let primary = parts.span.map(|span| Pointer {
        span,
        label: parts.label,
        primary: true,
    });
    let others = parts.secondary.iter().map(|l| Pointer {
        span: l.span,
        label: Some(l.text.as_ref()),
        primary: false,
    });
    let pointers: Vec<Pointer<'_>> = primary.into_iter().chain(others).collect();
    let excerpts = excerpts(sources, &pointers);
    let message = escape(parts.message);
    let help = parts.help.map(escape);
    let said = parts.said.map(escape_lines);
    let level = match parts.severity {
        Severity::Error => Level::ERROR,
        _ => Level::WARNING,
    };
    let mut title = level.primary_title(message.as_ref());
    if let Some(code) = parts.code {
        title = title.id(code);
    }
    let mut group = Group::with_title(title).elements(excerpts.iter().map(snippet));
    if let Some(said) = &said {
        group = group.element(Level::NOTE.message(said.as_ref()));
    }
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(help.as_ref()));
    }
    let rendered = renderer.render(&[group]);
    if excerpts.iter().any(|e| e.column.is_some()) {
        name_line_columns(&rendered, &excerpts)
    } else {
        rendered
    }
}

fn snippet<'e>(e: &'e Excerpt<'_>) -> Snippet<'e, annotate_snippets::Annotation<'e>> {
    let annotations = e.marks.iter().map(|m| {
        let kind = if m.primary {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        kind.span(m.range.clone()).label(m.label.as_deref())
    });
    Snippet::source(e.text.as_str())
        .line_start(e.line_number)
        .path(e.path.as_ref())
        .annotations(annotations)
}

/// `rendered` with the header of each window naming the column in the whole
/// line: annotate-snippets names the column in the window it was given.
/// Each excerpt has one header (`-->` or `:::`), in order.
fn name_line_columns(rendered: &str, excerpts: &[Excerpt<'_>]) -> String {
    let mut fixes = excerpts.iter().map(column_fix);
    let mut out = String::with_capacity(rendered.len() + 16);
    for line in rendered.split_inclusive('\n') {
        let fix = if is_header(line) {
            fixes.next().flatten()
        } else {
            None
        };
        let (text, newline) = match line.strip_suffix('\n') {
            Some(text) => (text, "\n"),
            None => (line, ""),
        };
        match fix.and_then(|(shown, real)| Some((text.strip_suffix(&shown)?, real))) {
            Some((before, real)) => out.extend([before, real.as_str(), newline]),
            None => out.push_str(line),
        }
    }
    out
}

/// For a window, the end of its header as annotate-snippets writes it and
/// as it should be: `:line:column`.
fn column_fix(e: &Excerpt<'_>) -> Option<(String, String)> {
    let column = e.column?;
    let mark = e.marks.first()?;
    let shown = e.text.get(..mark.range.start)?.chars().count() + 1;
    Some((
        format!(":{}:{shown}", e.line_number),
        format!(":{}:{column}", e.line_number),
    ))
}

/// Whether a rendered line is a snippet's header, ` --> path:line:column`
/// or ` ::: path:line:column`, styled or not.
fn is_header(line: &str) -> bool {
    let mut rest = line.trim_start_matches(' ');
    while let Some(styled) = rest.strip_prefix("\u{1b}[") {
        rest = styled.split_once('m').map_or("", |(_, after)| after);
    }
    rest.starts_with("--> ") || rest.starts_with("::: ")
}
