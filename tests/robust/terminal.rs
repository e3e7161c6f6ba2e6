//! Terminal safety: control characters in a team file, in its path or on
//! the command line never reach the terminal raw, from any command, in any
//! format, on standard output or standard error. Text shows them escaped
//! (`\u{1b}`); JSON escapes them too (`\u001b`), keeping the data exact.
//!
//! The fixtures hide ESC, BEL, CR, backspace, NUL and other C0 codes, tab,
//! DEL, C1 codes, bidirectional overrides, isolates and marks in every
//! string a team file holds.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::commands::{self, RUNS, Shape};
use crate::util::exercise::assert_terminal_safe;
use crate::util::{RawRun, chain_bytes};

/// A valid organisation with the characters in every string.
const GOOD: &str = "tests/fixtures/terminal.toml";
/// Findings about strings with the characters.
const BAD: &str = "tests/fixtures/terminal-bad.toml";
/// Raw control characters where TOML allows none.
const SYNTAX: &str = "tests/fixtures/terminal-syntax.toml";
/// An ordinary organisation to compare the fixtures with (`chain diff`).
const OTHER: &str = "examples/assembly-line.toml";

/// What the fixtures hide in every string (their `\u` escapes decoded).
const HIDDEN: &str = "\u{1b}[31m\u{7}\r\u{8}\u{1}\u{1f}\t\u{b}\u{7f}\u{85}\u{9b}\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{61c}";

/// How [`HIDDEN`] starts when shown escaped.
const SHOWN: &str = "\\u{1b}[31m\\u{7}\\u{d}\\u{8}\\u{1}";

/// Something to type on a command line: an escape sequence that would set
/// the window title, a bell, a carriage return, a C1 CSI and a right-to-left
/// override.
const TYPED: &str = "x\u{1b}]0;pwned\u{7}\r\u{9b}2J\u{202e}y";

fn ana() -> String {
    format!("ana {HIDDEN}")
}

/// Runs `run` on `file` (and `--color always` first when `color`).
fn run_on(run: &[&str], file: &Path, color: bool) -> (Vec<OsString>, RawRun) {
    let file = OsString::from(file);
    let other = OsString::from(OTHER);
    let mut args: Vec<OsString> = Vec::new();
    if color {
        args.push("--color=always".into());
    }
    args.extend(commands::fill(run, &file, &other, &ana()));
    let out = chain_bytes(&args, None, &[]);
    (args, out)
}

/// Both streams of `out` are safe on a terminal; JSON output parses.
fn assert_safe(args: &[OsString], out: &RawRun, shape: Shape, color: bool) -> Option<Value> {
    let what = format!("`chain {args:?}`");
    let styled = color && shape == Shape::Text;
    assert_terminal_safe(&format!("{what} stdout"), &out.stdout, styled);
    assert_terminal_safe(&format!("{what} stderr"), &out.stderr, color);
    if shape != Shape::Json || out.code == 2 {
        return None;
    }
    match serde_json::from_slice(&out.stdout) {
        Ok(value) => Some(value),
        Err(e) => panic!("{what}: stdout is not JSON ({e})"),
    }
}

/// Whether `value` holds a string that `test` accepts, anywhere.
fn holds(value: &Value, test: &dyn Fn(&str) -> bool) -> bool {
    match value {
        Value::String(x) => test(x),
        Value::Array(items) => items.iter().any(|v| holds(v, test)),
        Value::Object(map) => map.values().any(|v| holds(v, test)),
        _ => false,
    }
}

/// Every command, in every format, with and without colour, on a valid
/// file full of control characters: text shows them escaped, JSON holds
/// the ids exactly, and nothing raw reaches either stream.
#[test]
fn every_command_escapes_the_team_file() {
    for color in [false, true] {
        for run in RUNS {
            let (args, out) = run_on(run, Path::new(GOOD), color);
            assert!(
                out.code == 0 || out.code == 1,
                "{args:?}: exit {}",
                out.code
            );
            let shape = commands::shape(run);
            let json = assert_safe(&args, &out, shape, color);
            if !commands::reads_file(run) || run.first() == Some(&"check") {
                continue;
            }
            match json {
                Some(json) => {
                    let org = format!("org {HIDDEN}");
                    let exact = holds(&json, &|s| s == ana() || s == org);
                    assert!(exact, "{args:?}: an id or the org name, exactly");
                }
                None => {
                    // DOT strings double the backslash of an escape;
                    // Markdown does too, and backslash-escapes `[`.
                    let text = String::from_utf8_lossy(&out.stdout);
                    let doubled = SHOWN.replace('\\', "\\\\");
                    let markdown = doubled.replace('[', "\\[");
                    let escaped = [SHOWN, &doubled, &markdown]
                        .iter()
                        .any(|s| text.contains(s));
                    assert!(escaped, "{args:?}: shown escaped:\n{text}");
                }
            }
        }
    }
}

/// Findings about strings full of control characters (unknown keys, ids,
/// kinds of work and codes, duplicates): `check` shows them escaped in
/// text and on GitHub, exact in JSON and SARIF; the commands that refuse
/// the file say why, escaped.
#[test]
fn every_command_escapes_findings() {
    for color in [false, true] {
        for run in RUNS.iter().filter(|r| commands::reads_file(r)) {
            let (args, out) = run_on(run, Path::new(BAD), color);
            let json = assert_safe(&args, &out, commands::shape(run), color);
            let shown = match run.first() {
                Some(&"check") => {
                    assert_eq!(out.code, 1, "{args:?}");
                    &out.stdout
                }
                _ => {
                    assert_eq!(out.code, 2, "{args:?}");
                    &out.stderr
                }
            };
            match json {
                Some(json) => {
                    let id = format!("`nobody {HIDDEN}`");
                    let exact = holds(&json, &|s| s.contains(&id));
                    assert!(exact, "{args:?}: the id, exactly, in a message");
                }
                None => {
                    let text = String::from_utf8_lossy(shown);
                    assert!(text.contains(SHOWN), "{args:?}: shown escaped:\n{text}");
                }
            }
        }
    }
}

/// A line with raw control characters that TOML refuses: the diagnostic
/// shows the line escaped, the caret under the right place.
#[test]
fn syntax_errors_show_the_line_escaped() {
    for color in [false, true] {
        for run in RUNS.iter().filter(|r| commands::reads_file(r)) {
            let (args, out) = run_on(run, Path::new(SYNTAX), color);
            assert_eq!(out.code, 2, "{args:?}");
            assert_safe(&args, &out, Shape::Text, color);
            let text = String::from_utf8_lossy(&out.stderr);
            assert!(text.contains("\\u{1b}]0;title\\u{7}"), "{args:?}:\n{text}");
        }
    }
}

/// A temporary directory with the fixtures copied under hostile names.
struct HostilePaths {
    _dir: tempfile::TempDir,
    good: PathBuf,
    bad: PathBuf,
    missing: PathBuf,
}

impl HostilePaths {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let name = |stem: &str| dir.path().join(format!("{stem} {TYPED}.toml"));
        let (good, bad, missing) = (name("good"), name("bad"), name("missing"));
        std::fs::copy(GOOD, &good).expect("copy");
        std::fs::copy(BAD, &bad).expect("copy");
        HostilePaths {
            _dir: dir,
            good,
            bad,
            missing,
        }
    }
}

/// File paths holding control characters are shown escaped wherever a
/// message or report names them: a file that is fine, one with findings,
/// and one that does not exist.
#[test]
fn paths_are_escaped() {
    let paths = HostilePaths::new();
    for file in [&paths.good, &paths.bad, &paths.missing] {
        for run in RUNS.iter().filter(|r| commands::reads_file(r)) {
            let (args, out) = run_on(run, file, false);
            assert_safe(&args, &out, commands::shape(run), false);
        }
    }
    let shown = "\\u{1b}]0;pwned\\u{7}\\u{d}\\u{9b}2J\\u{202e}y";
    let (_, out) = run_on(&["check", "{file}"], &paths.bad, false);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("bad x{shown}.toml: ")), "{text}");
    let (_, out) = run_on(&["map", "{file}"], &paths.missing, false);
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("cannot read `") && text.contains(shown),
        "{text}"
    );
}

/// Command lines holding control characters, wrong in every way clap and
/// chain check: each is exit 2 with the value shown escaped, with and
/// without colour, and nothing on standard output.
#[test]
fn arguments_are_escaped() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let into = |name: &str| dir.path().join("no such dir").join(name);
    let missing_dir = into(&format!("{TYPED}.dot"));
    let init_into = into(&format!("{TYPED}.toml"));
    let lines: Vec<Vec<OsString>> = vec![
        vec![TYPED.into()],
        vec![format!("--{TYPED}").into()],
        vec!["map".into(), GOOD.into(), "--depth".into(), TYPED.into()],
        vec!["map".into(), GOOD.into(), TYPED.into()],
        vec!["map".into(), GOOD.into(), format!("--{TYPED}").into()],
        vec!["graph".into(), GOOD.into(), "--focus".into(), TYPED.into()],
        vec![
            "graph".into(),
            GOOD.into(),
            "--collapse".into(),
            TYPED.into(),
        ],
        vec![
            "graph".into(),
            GOOD.into(),
            "-o".into(),
            format!("{TYPED}.txt").into(),
        ],
        vec!["graph".into(), GOOD.into(), "-o".into(), missing_dir.into()],
        vec!["check".into(), "--explain".into(), TYPED.into()],
        vec!["check".into(), GOOD.into(), "--deny".into(), TYPED.into()],
        vec!["check".into(), GOOD.into(), "--allow".into(), TYPED.into()],
        vec!["stats".into(), GOOD.into(), "--top".into(), TYPED.into()],
        vec!["init".into(), init_into.into()],
        vec!["completions".into(), TYPED.into()],
        vec!["man".into(), TYPED.into()],
    ];
    for line in lines {
        for color in [false, true] {
            let mut args: Vec<OsString> = Vec::new();
            if color {
                args.push("--color=always".into());
            }
            args.extend(line.iter().cloned());
            let out = chain_bytes(&args, None, &[]);
            assert_eq!(out.code, 2, "{args:?}");
            assert!(out.stdout.is_empty(), "{args:?}");
            assert_terminal_safe(&format!("{args:?}"), &out.stderr, color);
            let text = String::from_utf8_lossy(&out.stderr);
            assert!(text.contains("\\u{1b}]0;pwned\\u{7}"), "{args:?}:\n{text}");
        }
    }
}

/// `chain init` into a path with control characters writes the file and
/// names it escaped.
#[test]
fn init_names_its_file_escaped() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(format!("{TYPED}.toml"));
    let out = chain_bytes(&["init".into(), path.clone().into()], None, &[]);
    assert_eq!(out.code, 0);
    assert_terminal_safe("init stderr", &out.stderr, false);
    assert!(String::from_utf8_lossy(&out.stderr).contains("\\u{1b}]0;pwned"));
    assert!(path.is_file());
}

/// The team file on standard input is read and reported as `<stdin>`.
#[test]
fn standard_input_is_escaped_too() {
    let text = std::fs::read(BAD).expect("the fixture");
    let args: Vec<OsString> = ["check", "-"].iter().map(OsString::from).collect();
    let out = chain_bytes(&args, Some(&text), &[]);
    assert_eq!(out.code, 1);
    assert_terminal_safe("check -", &out.stdout, false);
    assert!(String::from_utf8_lossy(&out.stdout).contains(SHOWN));
}
