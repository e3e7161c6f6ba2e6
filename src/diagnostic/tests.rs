//! What a diagnostic shows: the place, the line, the caret, other places,
//! windows of long lines, and nothing a terminal would act on.

use proptest::prelude::*;

use super::*;
use crate::source::FileId;
use crate::text::is_unsafe;

/// A diagnostic of `message` at `range` of the only file.
fn at(range: std::ops::Range<usize>, label: Option<&str>) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        code: Some("unknown-reference"),
        message: "unknown id".into(),
        span: Some(Span::new(FileId(0), range)),
        label: label.map(String::from),
        secondary: Vec::new(),
        help: None,
        said: None,
    }
}

/// `d` rendered plain over one file `team.toml` of `text`.
fn plain(text: &str, d: &Diagnostic) -> String {
    let mut sources = Sources::new();
    sources.add("team.toml", text.to_string());
    DiagnosticRenderer::new(&sources, false).render(d)
}

/// The byte range of the `n`-th (0-based) `needle` in `text`.
fn nth(text: &str, needle: &str, n: usize) -> std::ops::Range<usize> {
    let start = text.match_indices(needle).nth(n).map_or(0, |(i, _)| i);
    start..start + needle.len()
}

/// A diagnostic names path:line:col, shows the line and puts the caret under the span.
#[test]
fn renders_location_line_and_caret() {
    let text = "[people.lee]\nroles = [\"av-tek\"]\n";
    let mut d = at(22..30, Some("not declared"));
    d.message = "unknown role `av-tek`".into();
    d.help = Some("did you mean `av-tech`?".into());
    let out = plain(text, &d);
    assert_eq!(
        out,
        "error[unknown-reference]: unknown role `av-tek`\n \
         --> team.toml:2:10\n  |\n2 | roles = [\"av-tek\"]\n  \
         |          ^^^^^^^^ not declared\n  |\n  = help: did you mean `av-tech`?"
    );
}

/// On a long line only a window around the span is shown, cut with
/// `...`, and the header still names the line's own column.
#[test]
fn long_lines_show_a_window_at_the_right_column() {
    let ids: Vec<String> = (0..2000).map(|i| format!("\"é{i}\"")).collect();
    let text = format!("[people.ana]\nhands_to = [{}]\n", ids.join(","));
    let span = nth(&text, "\"é1500\"", 0);
    let column = text.get(13..span.start).map_or(0, |s| s.chars().count()) + 1;
    let out = plain(&text, &at(span, Some("not declared")));
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

/// A diagnostic on a line of 100 KB is a few hundred bytes, with the
/// span in it.
#[test]
fn a_huge_line_gives_a_short_diagnostic() {
    let text = format!(
        "x = [{}\"here\"{}]",
        "1, ".repeat(20_000),
        ", 2".repeat(20_000)
    );
    let out = plain(&text, &at(nth(&text, "\"here\"", 0), Some("this")));
    assert!(out.len() < 1_000, "{} bytes", out.len());
    assert!(out.contains("\"here\""), "{out}");
    assert!(out.contains("team.toml:1:60006"), "{out}");
}

/// Another place close by is shown in the same snippet, with its label,
/// and the header names the diagnostic's own place.
#[test]
fn a_secondary_label_close_by_shares_the_snippet() {
    let text = "[people.maria]\nname = \"M\"\n\n[people.maria]\nname = \"M\"\n";
    let d = at(nth(text, "maria", 1), Some("declared again here")).secondary(
        Span::new(FileId(0), nth(text, "maria", 0)),
        "first declared here",
    );
    assert_eq!(
        plain(text, &d),
        "error[unknown-reference]: unknown id\n \
         --> team.toml:4:9\n  |\n\
         1 | [people.maria]\n  |         ----- first declared here\n\
         ...\n\
         4 | [people.maria]\n  |         ^^^^^ declared again here"
    );
}

/// A place far away gets a snippet of its own after the diagnostic's, and
/// one on a long line a window whose header names the line's column.
#[test]
fn secondary_labels_far_away_get_their_own_snippets() {
    let long = format!("names = [{}\"ana\"]", "\"x\", ".repeat(1_000));
    let text = format!("{long}\n{}[people.ana]\n", "# filler\n".repeat(200));
    let d = at(nth(&text, "ana", 1), None)
        .secondary(Span::new(FileId(0), nth(&text, "ana", 0)), "named here");
    let out = plain(&text, &d);
    let column = nth(&text, "ana", 0).start; // ASCII: bytes are columns
    assert!(out.contains(" --> team.toml:202:9\n"), "{out}");
    assert!(
        out.contains(&format!(" ::: team.toml:1:{}\n", column + 1)),
        "{out}"
    );
    assert!(out.contains("named here"), "{out}");
    assert!(out.len() < 1_000, "{out}");
    let header = out.find("-->").unwrap_or(usize::MAX);
    assert!(header < out.find(":::").unwrap_or(0), "{out}");
}

/// A secondary label in a file that was not read is left out.
#[test]
fn a_label_in_no_file_read_is_left_out() {
    let text = "a = 1\n";
    let d = at(0..1, None).secondary(Span::new(FileId(7), 0..1), "elsewhere");
    assert!(!plain(text, &d).contains("elsewhere"));
}

/// Characters that are odd on a terminal, in every part.
const ODD: &[char] = &[
    'é', '\u{301}', '漢', '🚀', '\u{200d}', '\t', '\u{1b}', '\u{7}', '\u{0}', '\u{7f}', '\r', '\n',
    '\u{85}', '\u{202e}', '\u{2066}', '`', '^', '|',
];

fn raw(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::char::range('a', 'z'),
        2 => prop::sample::select(ODD),
        1 => any::<char>(),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|v| v.into_iter().collect())
}

/// A byte range of `text` on character boundaries.
fn span_in(text: &str, a: u16, b: u16) -> std::ops::Range<usize> {
    let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    bounds.push(text.len());
    let last = bounds.len() - 1;
    let at = |x: u16| bounds[usize::from(x) * last / usize::from(u16::MAX)];
    at(a.min(b))..at(a.max(b))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Whatever the file, path, message, labels and help hold, a
    /// diagnostic shows no character a terminal acts on (the line breaks
    /// aside), plain or styled but for the styles, and stays short.
    #[test]
    fn nothing_unsafe_reaches_the_terminal(
        path in raw(20),
        lines in prop::collection::vec(prop_oneof![3 => raw(60), 1 => raw(3_000)], 1..6),
        message in raw(40),
        label in prop::option::of(raw(20)),
        help in prop::option::of(raw(40)),
        spans in prop::collection::vec((any::<u16>(), any::<u16>(), raw(10)), 1..4),
        styled in any::<bool>(),
    ) {
        let text = lines.join("\n");
        let mut sources = Sources::new();
        let file = sources.add(path, text.clone());
        let span = |(a, b): (u16, u16)| Span::new(file, span_in(&text, a, b));
        let mut d = Diagnostic::error(message).at(span((spans[0].0, spans[0].1)));
        d.label = label;
        d.help = help;
        for (a, b, l) in spans.iter().skip(1) {
            d = d.secondary(span((*a, *b)), l.clone());
        }
        let out = DiagnosticRenderer::new(&sources, styled).render(&d);
        let mut shown = out.as_str().to_string();
        if styled {
            // Remove annotate-snippets' own styles: `ESC [ digits ; m`.
            let mut plain = String::new();
            let mut rest = shown.as_str();
            while let Some(i) = rest.find("\u{1b}[") {
                plain.push_str(rest.get(..i).unwrap_or(""));
                let after = rest.get(i + 2..).unwrap_or("");
                let end = after.find('m').map_or(after.len(), |m| m + 1);
                prop_assert!(after.get(..end - 1).is_some_and(|s| s.chars().all(|c| c.is_ascii_digit() || c == ';')));
                rest = after.get(end..).unwrap_or("");
            }
            plain.push_str(rest);
            shown = plain;
        }
        prop_assert!(!shown.chars().any(|c| c != '\n' && is_unsafe(c)), "{:?}", out);
        prop_assert!(shown.len() < 8 * 1024, "{} bytes", shown.len());
    }
}

/// What another program said keeps its line breaks, each line escaped on
/// its own, so a tool's message of several lines stays readable and
/// still moves nothing on the terminal.
#[test]
fn said_keeps_line_breaks_and_escapes_lines() {
    let d = Diagnostic::error("Graphviz failed").said("Warning: one\nError: \u{1b}[31mtwo");
    let shown = plain("", &d);
    assert!(!shown.contains('\u{1b}'), "{shown}");
    assert!(!shown.contains("\\u{a}"), "{shown}");
    let lines: Vec<&str> = shown.lines().collect();
    assert!(
        lines.iter().any(|l| l.ends_with("note: Warning: one")),
        "{shown}"
    );
    assert!(
        lines.iter().any(|l| l.trim() == "Error: \\u{1b}[31mtwo"),
        "{shown}"
    );
}
