//! `chain diff` output: snapshots of the three formats for one realistic
//! change, determinism, colour, row limits, and escaping of hostile text.

use serde_json::Value;

use crate::diff::{BASE, diff, edit};
use crate::util::{chain, json};

const OLD: &str = "examples/media-team.toml";
/// The media team after Wren left, Sam joined as caption writer, the
/// library started archiving lectures, Rory's handoff changed what it
/// carries and the producer's note changed.
const NEW: &str = "examples/media-team-next.toml";

/// Runs `chain diff OLD NEW --format FORMAT ARGS`, which succeeds.
fn example(format: &str, args: &[&str]) -> String {
    let mut all = vec!["diff", OLD, NEW, "--format", format];
    all.extend(args);
    let run = chain(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
}

/// The three formats on one realistic change. JSON is shown pretty-printed
/// (keys sorted) for reading; the output itself is one line.
#[test]
fn snapshots() {
    insta::assert_snapshot!("media-team_text", example("text", &[]));
    let doc: Value = serde_json::from_str(&example("json", &[])).expect("JSON");
    insta::assert_snapshot!(
        "media-team_json",
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    );
    insta::assert_snapshot!("media-team_markdown", example("markdown", &[]));
}

/// What-if on the example, as markdown: what a planning issue would show.
#[test]
fn what_if_snapshot() {
    let run = chain(&["diff", OLD, "--without", "okonkwo", "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("media-team_without_okonkwo", run.stdout);
}

/// The same files give byte-identical output every time, in every format.
#[test]
fn output_is_deterministic() {
    for format in ["text", "json", "markdown"] {
        assert_eq!(example(format, &[]), example(format, &[]), "{format}");
    }
}

/// Text is coloured only when asked (never into a pipe by default); JSON
/// and markdown never are.
#[test]
fn colour_only_when_asked() {
    assert!(!example("text", &[]).contains('\u{1b}'));
    let coloured = example("text", &["--color", "always"]);
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    assert!(!example("json", &["--color", "always"]).contains('\u{1b}'));
    assert!(!example("markdown", &["--color", "always"]).contains('\u{1b}'));
}

/// `--max-rows` cuts each section and says how many rows were left out;
/// markdown shows 50 rows by default, JSON always everything.
#[test]
fn max_rows_limits_sections() {
    let text = example("text", &["--max-rows", "1"]);
    assert!(
        text.contains("... and 4 more (`--max-rows 0` shows all)"),
        "{text}"
    );
    assert!(!text.contains("producer    library"), "{text}");
    let md = example("markdown", &["--max-rows", "2"]);
    assert!(
        md.contains("_…and 3 more; `chain diff --format json` lists them all._"),
        "{md}"
    );

    // 60 people added: markdown stops at 50 by default, text and JSON do not.
    let many: String = (0..60)
        .map(|i| format!("\n[people.p{i:02}]\nhands_to = [\"bob\"]\n"))
        .collect();
    let new = format!("{BASE}{many}");
    let md = diff(BASE, &new, &["--format", "markdown"]).stdout;
    assert!(md.contains("| added | person | p49 |"), "{md}");
    assert!(!md.contains("| added | person | p50 |"), "{md}");
    assert!(md.contains("_…and 10 more;"), "{md}");
    let text = diff(BASE, &new, &[]).stdout;
    assert!(text.contains("p59"), "{text}");
    let doc = json(&diff(BASE, &new, &["--format", "json"]));
    assert_eq!(doc["people"]["added"].as_array().map(Vec::len), Some(60));
}

/// A name and a note full of Markdown, HTML and control characters.
fn hostile() -> String {
    let text = edit(
        BASE,
        "name = \"Cy\"",
        "name = \"C|y `x` <b>bold</b> **s** [l](http://x) $m$ \\\\ &amp;\\n\\u001b[31m\"",
    );
    let text = edit(
        &text,
        "hands_to = [\"bob\"]",
        "hands_to = [{ to = \"bob\", note = \"a|b\\r\\n| c | d |\\u202e\" }]",
    );
    edit(&text, "[people.cy]", "[people.\"c|y<i>\"]")
}

/// Markdown: every user string is escaped, so no row gains or loses a
/// cell, no HTML tag, link, code span or line break gets through, and
/// control characters show as `\u{..}`.
#[test]
fn markdown_escapes_user_text() {
    let run = diff("", &hostile(), &["--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = run.stdout;
    assert!(
        !md.contains('\u{1b}') && !md.contains('\r') && !md.contains('\u{202e}'),
        "{md}"
    );
    assert!(md.contains("\\\\u{1b}"), "{md}");
    // Unescaped pipes separate cells: every line of a table has as many.
    for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
        let counts: Vec<usize> = table.lines().map(unescaped_pipes).collect();
        assert!(counts.windows(2).all(|w| w[0] == w[1]), "{table}");
    }
    for raw in ["<b>", "<i>", "`x`", "[l](", "**s**", "$m$"] {
        assert!(!md.contains(raw), "{raw} in {md}");
    }
    assert!(md.contains("C\\|y \\`x\\` \\<b\\>bold\\</b\\>"), "{md}");
}

/// How many `|` in a line are not escaped with a backslash.
fn unescaped_pipes(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => n += 1,
            _ => escaped = false,
        }
    }
    n
}

/// Text: control characters and bidi overrides in names, notes and ids
/// are shown escaped; every row stays on its line.
#[test]
fn text_escapes_control_characters() {
    let run = diff(BASE, &hostile(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = run.stdout;
    assert!(
        !text.contains('\u{1b}') && !text.contains('\r') && !text.contains('\u{202e}'),
        "{text}"
    );
    assert!(
        text.contains("\\u{1b}[31m") && text.contains("\\u{202e}"),
        "{text}"
    );
    // JSON keeps the data exact.
    let doc = json(&diff(BASE, &hostile(), &["--format", "json"]));
    let note = doc["handoffs"]["added"][0]["note"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(note, "a|b\r\n| c | d |\u{202e}");
}
