//! `chain graph -o PATH`: the extension picks the format, images come from
//! the real Graphviz, and no failure leaves a file behind or touches the
//! team file.

use std::path::{Path, PathBuf};

use crate::graph::{everyone_to_everyone, says};
use crate::util::{Run, chain, chain_env, tool};

const MEDIA: &str = "examples/media-team.toml";

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// `chain graph MEDIA -o PATH ARGS...`.
fn write_to(path: &Path, args: &[&str]) -> Run {
    let out = path.display().to_string();
    let mut all = vec!["graph", MEDIA, "-o", &out];
    all.extend_from_slice(args);
    chain(&all)
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names in a directory, temporary files included.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Text formats: the file holds exactly what standard output would.
#[test]
fn text_extensions() {
    let dir = temp_dir();
    for (ext, format) in [
        ("dot", "dot"),
        ("gv", "dot"),
        ("mmd", "mermaid"),
        ("json", "json"),
        ("DOT", "dot"),
    ] {
        let path = dir.path().join(format!("team.{ext}"));
        let run = write_to(&path, &[]);
        assert_eq!(run.code, 0, "{ext}: {}", run.stderr);
        assert!(
            run.stdout.is_empty() && run.stderr.is_empty(),
            "{ext}: {run:?}"
        );
        let stdout = chain(&["graph", MEDIA, "--format", format]).stdout;
        assert_eq!(String::from_utf8(read(&path)).ok(), Some(stdout), "{ext}");
    }
}

/// svg, png and pdf are real images, rendered by Graphviz.
#[test]
fn image_extensions() {
    if !tool::has("dot") {
        return;
    }
    let dir = temp_dir();
    for (ext, magic) in [
        ("svg", &b"<?xml"[..]),
        ("png", &b"\x89PNG\r\n\x1a\n"[..]),
        ("pdf", &b"%PDF-"[..]),
    ] {
        let path = dir.path().join(format!("team.{ext}"));
        let run = write_to(&path, &[]);
        assert_eq!(run.code, 0, "{ext}: {}", run.stderr);
        let bytes = read(&path);
        assert!(
            bytes.starts_with(magic),
            "{ext} starts with {:?}",
            bytes.get(..8)
        );
        assert!(bytes.len() > 1000, "{ext}: {} bytes", bytes.len());
    }
    let svg = String::from_utf8(read(&dir.path().join("team.svg"))).unwrap_or_default();
    assert!(svg.contains("Distance students"), "{svg}");
    assert_eq!(entries(dir.path()), ["team.pdf", "team.png", "team.svg"]);
}

/// `--format` agreeing with the extension is fine; contradicting it is
/// exit 2; with an extension chain does not know, it says what to write.
#[test]
fn format_and_extension() {
    let dir = temp_dir();
    let same = write_to(&dir.path().join("a.mmd"), &["--format", "mermaid"]);
    assert_eq!(same.code, 0, "{}", same.stderr);
    let clash = write_to(&dir.path().join("a.svg"), &["--format", "mermaid"]);
    assert_eq!(clash.code, 2);
    says(
        &clash.stderr,
        &["writes svg, but `--format mermaid` asks for something else"],
    );
    let txt = dir.path().join("diagram.txt");
    let chosen = write_to(&txt, &["--format", "json"]);
    assert_eq!(chosen.code, 0, "{}", chosen.stderr);
    assert!(read(&txt).starts_with(b"{\"org\":"));
    assert_eq!(entries(dir.path()), ["a.mmd", "diagram.txt"]);
}

/// An unknown extension without `--format` is exit 2, listing the known ones.
#[test]
fn unknown_extension() {
    let dir = temp_dir();
    for name in ["team.txt", "team"] {
        let run = write_to(&dir.path().join(name), &[]);
        assert_eq!(run.code, 2, "{name}");
        says(
            &run.stderr,
            &[
                "cannot tell what to write to",
                ".dot, .gv, .mmd, .json, .svg, .png, .pdf, .html or .htm",
            ],
        );
    }
    assert!(entries(dir.path()).is_empty());
}

/// Writing over the team file is refused, whatever the path looks like,
/// and the team file is left as it was.
#[test]
fn refuses_the_input_file() {
    let dir = temp_dir();
    let team = dir.path().join("team.dot");
    std::fs::copy(MEDIA, &team).expect("a copy of the example");
    let before = read(&team);
    let spelled = dir.path().join(".").join("team.dot");
    let run = chain(&[
        "graph",
        &team.display().to_string(),
        "-o",
        &spelled.display().to_string(),
    ]);
    assert_eq!(run.code, 2);
    says(&run.stderr, &["refusing to write over the input file"]);
    assert_eq!(read(&team), before);
    assert_eq!(entries(dir.path()), ["team.dot"]);
}

/// An included file is an input too: writing over it is refused.
#[test]
fn refuses_an_included_file() {
    let dir = temp_dir();
    copy_dir(Path::new("tests/fixtures/org"), dir.path());
    let included = dir.path().join("teams").join("bindery.toml");
    let before = read(&included);
    let team = dir.path().join("team.toml").display().to_string();
    let out = included.display().to_string();
    let run = chain(&["graph", &team, "-o", &out, "--format", "dot"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    says(&run.stderr, &["refusing to write over the input file"]);
    assert_eq!(read(&included), before);
}

/// Copies the files of `from`, and of its directories, into `to`.
fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from)
        .expect("a fixture directory")
        .flatten()
    {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir(&target).expect("a directory");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

/// A missing directory is exit 2, before any work.
#[test]
fn missing_directory() {
    let dir = temp_dir();
    let path: PathBuf = dir.path().join("no").join("such").join("team.svg");
    let run = write_to(&path, &[]);
    assert_eq!(run.code, 2);
    says(&run.stderr, &["does not exist"]);
    assert!(entries(dir.path()).is_empty());
}

/// Without Graphviz on PATH, images are a clear error naming the package;
/// the text formats still work.
#[test]
fn missing_graphviz() {
    let dir = temp_dir();
    let empty = temp_dir();
    let path = dir.path().join("team.png");
    let out = path.display().to_string();
    let bare = [("PATH", empty.path().to_str().unwrap_or_default())];
    let run = chain_env(&["graph", MEDIA, "-o", &out], None, &bare);
    assert_eq!(run.code, 2);
    says(
        &run.stderr,
        &[
            "Graphviz `dot` is not on PATH",
            "apt-get install graphviz",
            "brew install graphviz",
        ],
    );
    assert!(entries(dir.path()).is_empty());
    let dot = dir.path().join("team.dot");
    let run = chain_env(
        &["graph", MEDIA, "-o", &dot.display().to_string()],
        None,
        &bare,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A failing `dot` leaves no file (and an old one untouched), and its own
/// message is shown.
#[cfg(unix)]
#[test]
fn failing_graphviz() {
    let fake = fake_dot("echo 'Error: <stdin>: syntax error in line 1' >&2\nexit 3");
    let dir = temp_dir();
    let path = dir.path().join("team.svg");
    std::fs::write(&path, "old").expect("an old picture");
    let out = path.display().to_string();
    let env = [("PATH", fake.path().to_str().unwrap_or_default())];
    let run = chain_env(&["graph", MEDIA, "-o", &out], None, &env);
    assert_eq!(run.code, 2);
    says(
        &run.stderr,
        &[
            "Graphviz `dot -Tsvg` failed (exit status 3)",
            "syntax error in line 1",
        ],
    );
    assert_eq!(read(&path), b"old");
    assert_eq!(entries(dir.path()), ["team.svg"]);
}

/// An image of more edges than Graphviz lays out quickly comes with a warning.
#[cfg(unix)]
#[test]
fn warns_before_a_slow_render() {
    let dir = temp_dir();
    let team = dir.path().join("team.toml");
    std::fs::write(&team, everyone_to_everyone(36)).expect("a team file");
    // A fake dot: the warning, not the (slow) layout, is under test.
    let fake = fake_dot("echo '<svg/>'");
    let out = dir.path().join("team.svg").display().to_string();
    let env = [("PATH", fake.path().to_str().unwrap_or_default())];
    let run = chain_env(
        &["graph", &team.display().to_string(), "-o", &out],
        None,
        &env,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    says(
        &run.stderr,
        &[
            "Graphviz may take many minutes to lay out 1260 edges",
            "--collapse roles",
        ],
    );
}

/// A directory holding a fake `dot` that reads its input, then runs `then`.
#[cfg(unix)]
fn fake_dot(then: &str) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp_dir();
    let script = dir.path().join("dot");
    std::fs::write(&script, format!("#!/bin/sh\ncat >/dev/null\n{then}\n")).expect("a fake dot");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("executable");
    dir
}
