//! The hand renderer against annotate-snippets, and what a diagnostic shows.

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

mod identity {
    //! Random diagnostics drawn by the hand renderer and by annotate-snippets
    //! come out byte for byte the same, plain and styled.

    use std::borrow::Cow;

    use proptest::prelude::*;

    use super::super::layout::{Excerpt, Layout};
    use super::super::paint::Styles;
    use super::super::{oracle, render};
    use super::*;
    use crate::text::{escape, escape_with_range};

    /// Characters that move carets and cut lines: wide, zero-width,
    /// combining, whitespace of several kinds, and what `escape` escapes.
    const ODD: &[char] = &[
        ' ', ' ', 'é', '\u{301}', '漢', 'Ａ', '🚀', '\u{200d}', '\u{200b}', '\u{feff}', '\t',
        '\u{1b}', '\u{7}', '\u{0}', '\u{7f}', '\r', '\n', '\u{85}', '\u{a0}', '\u{3000}',
        '\u{2028}', '\u{202e}', '\u{2066}', '`', '^', '|', '.',
    ];

    fn piece() -> impl Strategy<Value = char> {
        prop_oneof![
            6 => prop::char::range('a', 'z'),
            2 => prop::sample::select(ODD),
            1 => any::<char>(),
        ]
    }

    /// Up to `max` characters of raw (unescaped) text.
    fn raw(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..max).prop_map(|v| v.into_iter().collect())
    }

    /// User text as a diagnostic carries it: mostly short, sometimes long.
    fn user_text() -> impl Strategy<Value = String> {
        prop_oneof![4 => raw(24), 1 => raw(160)]
    }

    /// A source line: some leading whitespace, then short or long text.
    fn line() -> impl Strategy<Value = String> {
        let indent = prop_oneof![
            3 => Just(0usize),
            1 => 0usize..70,
        ];
        let body = prop_oneof![3 => raw(40), 2 => raw(400), 1 => raw(900)];
        (
            indent,
            prop::sample::select(vec![" ", "\u{a0}", "\t"]),
            body,
        )
            .prop_map(|(n, ws, body)| format!("{}{body}", ws.repeat(n)))
    }

    /// Line numbers of 1 to 9 digits.
    fn line_number() -> impl Strategy<Value = usize> {
        (0u32..9).prop_flat_map(|d| 10usize.pow(d)..10usize.pow(d + 1))
    }

    /// A byte range of `line` on character boundaries: at the start, the
    /// end, the whole line, empty, or anywhere.
    fn span_in(line: &str, kind: u8, a: u16, b: u16) -> std::ops::Range<usize> {
        let mut bounds: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
        bounds.push(line.len());
        let last = bounds.len() - 1;
        let at = |x: u16| bounds[usize::from(x) * last / usize::from(u16::MAX)];
        let (x, y) = (at(a.min(b)), at(a.max(b)));
        match kind {
            0 => 0..y,
            1 => x..line.len(),
            2 => 0..line.len(),
            3 => x..x,
            _ => x..y,
        }
    }

    prop_compose! {
        fn excerpt()(
            path in raw(30),
            line_number in line_number(),
            line in line(),
            kind in 0u8..8,
            a in any::<u16>(),
            b in any::<u16>(),
            label in prop::option::weighted(0.8, user_text()),
            window in prop::option::weighted(0.2, 1usize..2_000_000),
        ) -> Excerpt<'static> {
            let span = span_in(&line, kind, a, b);
            let (text, span) = escape_with_range(&line, span);
            let (text, span, column) = match window {
                Some(column) => (format!("...{text}..."), span.start + 3..span.end + 3, Some(column)),
                None => (text, span, None),
            };
            Excerpt {
                path: owned(&path),
                line_number,
                text,
                span,
                label: label.map(|l| owned(&l)),
                column,
            }
        }
    }

    fn owned(s: &str) -> Cow<'static, str> {
        Cow::Owned(escape(s).into_owned())
    }

    prop_compose! {
        fn layout()(
            error in any::<bool>(),
            code in prop::option::of(prop::sample::select(vec!["single-point", "x", ""])),
            message in user_text(),
            excerpt in prop::option::weighted(0.85, excerpt()),
            help in prop::option::of(user_text()),
        ) -> Layout<'static> {
            Layout {
                error,
                code,
                message: owned(&message),
                excerpt,
                help: help.map(|h| owned(&h)),
            }
        }
    }

    /// The hand renderer's text of `layout` equals annotate-snippets',
    /// plain and styled.
    fn assert_same(layout: &Layout<'_>) -> Result<(), TestCaseError> {
        for (styles, styled) in [(Styles::PLAIN, false), (Styles::styled(layout.error), true)] {
            let mut ours = Vec::new();
            render::render(layout, styles, &mut ours);
            let ours = String::from_utf8(ours).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&ours, &oracle::render(layout, styled), "{:?}", layout);
        }
        Ok(())
    }

    /// A file of a few lines, one of them longer than a window.
    fn file() -> impl Strategy<Value = String> {
        let long = raw(30).prop_map(|s| format!("{}{s}", "x = [\"é\", 漢] ".repeat(120)));
        prop::collection::vec(prop_oneof![3 => line(), 1 => long], 1..5)
            .prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3_000))]

        /// Random layouts of every part (line numbers of 1 to 9 digits,
        /// wide, combining and escaped characters, long lines and spans,
        /// leading whitespace, windows) draw the same as annotate-snippets.
        #[test]
        fn random_layouts_draw_the_same(layout in layout()) {
            assert_same(&layout)?;
        }

        /// Random spans in random files, through the whole path from a
        /// `Diagnostic` (the window of a long line included), draw the same.
        #[test]
        fn random_diagnostics_draw_the_same(
            text in file(),
            a in any::<u16>(),
            b in any::<u16>(),
            kind in 0u8..8,
            warning in any::<bool>(),
            label in prop::option::of(user_text()),
            help in prop::option::of(user_text()),
        ) {
            let mut sources = Sources::new();
            let file = sources.add("dir/team.toml", text.clone());
            let d = Diagnostic {
                severity: if warning { Severity::Warning } else { Severity::Error },
                code: Some("unknown-reference"),
                message: "unknown id `x`".into(),
                span: Some(Span::new(file, span_in(&text, kind, a, b))),
                label,
                help,
            };
            assert_same(&Layout::new((&d).into(), &sources))?;
        }
    }
}
