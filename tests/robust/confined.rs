//! A hostile team file reads nothing outside the repository and cannot
//! hang or exhaust the job: every include that
//! leads out (an absolute path, `..`, a committed symbolic link, a glob
//! through a linked directory, `.git`) is refused with exit 2 at the entry;
//! link loops, pipes and include floods end in seconds with bounded memory
//! and output. Each test builds its repository in a temporary directory,
//! with a marker in every file outside it that no output may hold.

use super::hostile::{MARKER, Scene, run};

/// Every command that reads a team file, as the CI of a pull request runs it.
const COMMANDS: &[&[&str]] = &[
    &["map", "team.toml"],
    &["map", "team.toml", "--format", "json"],
    &["check", "team.toml"],
    &["check", "team.toml", "--format", "github"],
    &["check", "team.toml", "--format", "sarif"],
    &["stats", "team.toml"],
    &["graph", "team.toml", "--format", "mermaid"],
    &[
        "diff",
        "team.toml",
        "--without",
        "ana",
        "--format",
        "markdown",
    ],
];

/// Runs every command in `scene` and asserts each is refused saying `says`.
fn all_refused(scene: &Scene, what: &str, says: &str) {
    for command in COMMANDS {
        let out = scene.run(command);
        out.assert_refused(&format!("{what}: chain {command:?}"), says);
    }
}

/// Absolute paths, system files and `..` out of the repository are refused
/// before anything is read.
#[test]
fn paths_out_of_the_repository() {
    let scene = Scene::new();
    let outside = scene.outside.join("secret.toml");
    let outside = outside.to_str().unwrap_or_default();
    for (entry, says) in [
        ("/etc/passwd", "is an absolute path"),
        ("/proc/self/environ", "is an absolute path"),
        (outside, "is an absolute path"),
        (
            "../outside/secret.toml",
            "leads out of the current directory",
        ),
        ("teams/../../outside/env", "leads out of"),
        ("/**/*.nomatch", "is an absolute path"),
        ("../*/*.toml", "leads out of"),
    ] {
        scene.team(&[entry]);
        all_refused(&scene, entry, says);
    }
}

/// The runner's environment (tokens) cannot be read through
/// `/proc/self/environ`, by path or by link.
#[test]
fn environment_stays_private() {
    let scene = Scene::new();
    scene.link("env.toml", "/proc/self/environ");
    for entry in ["/proc/self/environ", "env.toml"] {
        scene.team(&[entry]);
        let out = run(&scene.repo, &["check", "team.toml"], &[("LEAK", MARKER)]);
        out.assert_refused(entry, "not read");
    }
}

/// A committed symbolic link that leads out, to a file or through a
/// directory, by path or by glob, is refused; so is a root team file that
/// is itself such a link, and anything in `.git`.
#[test]
fn links_out_of_the_repository() {
    let scene = Scene::new();
    scene.write("teams/a.toml", "[people.bo]\nhands_to = [\"buyer\"]\n");
    scene.link("link.toml", "../outside/secret.toml");
    scene.link("teams/out", "../../outside");
    scene.write(".git/config", &format!("token = \"{MARKER}\"\n"));
    scene.link("config.toml", ".git/config");
    for (entry, says) in [
        ("link.toml", "through a symbolic link"),
        ("teams/out/secret.toml", "through a symbolic link"),
        ("teams/out/*.toml", "through a symbolic link"),
        (".git/config", "`.git`"),
        ("config.toml", "`.git`"),
    ] {
        scene.team(&[entry]);
        all_refused(&scene, entry, says);
    }
    // A glob below the linked directory does not follow it.
    scene.team(&["teams/**/*.toml"]);
    let out = scene.run(&["map", "team.toml", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_contained("teams/**/*.toml", 5);
    assert!(out.stdout.contains("\"bo\""), "{}", out.stdout);
    // The team file named on the command line, a link that leads out.
    scene.link("linked.toml", "../outside/secret.toml");
    let out = scene.run(&["map", "linked.toml"]);
    out.assert_refused("a linked root file", "leads out of");
    let out = scene.run(&["map", "config.toml"]);
    out.assert_refused("a root file linked into .git", "`.git`");
}

/// `--root` on the command line widens the root; a file cannot.
#[test]
fn only_the_command_line_widens_the_root() {
    let scene = Scene::new();
    scene.team(&["../outside/secret.toml"]);
    let out = scene.run(&["map", "team.toml", "--root", "..", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(MARKER), "--root .. reads the file");
    let out = scene.run(&["map", "team.toml", "--root", "no-such-dir"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("cannot use `--root no-such-dir`"),
        "{}",
        out.stderr
    );
}

/// Two links to their own directory and `teams/**/*.toml`: no loop, no
/// growth; `/**` never walks the disk.
#[test]
fn link_loops_end_at_once() {
    let scene = Scene::new();
    scene.write("teams/a.toml", "[people.bo]\nhands_to = [\"buyer\"]\n");
    scene.link("teams/l1", ".");
    scene.link("teams/l2", ".");
    scene.team(&["teams/**/*.toml"]);
    for command in COMMANDS {
        let out = scene.run(command);
        assert!(
            out.code == 0 || out.code == 1,
            "{command:?}: {}",
            out.stderr
        );
        out.assert_contained(&format!("{command:?}"), 5);
        assert!(
            out.peak_kib < 100 << 10,
            "{command:?}: {} KiB",
            out.peak_kib
        );
    }
}

/// A named pipe nobody writes to, by path, through a link or matched by a
/// glob, is refused at once instead of hanging the job; a root team file
/// that is such a pipe reads as empty.
#[test]
fn pipes_never_hang() {
    let scene = Scene::new();
    scene.fifo("pipe.toml");
    scene.link("piped.toml", "pipe.toml");
    for entry in ["pipe.toml", "piped.toml", "pip*.toml"] {
        scene.team(&[entry]);
        all_refused(&scene, entry, "it is a named pipe, not a regular file");
    }
    let out = scene.run(&["map", "pipe.toml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_contained("a pipe as the team file", 5);
    let scene = Scene::new();
    scene.team(&["dev.toml"]);
    scene.link("dev.toml", "/dev/zero");
    all_refused(&scene, "a link to a device", "not read");
}

/// 800 files of 20 bytes that each include `*.toml`, and each name the root
/// again: every file is read once, in well under a second, with one
/// finding for the loop however many files repeat it.
#[test]
fn include_floods_are_linear() {
    let scene = Scene::new();
    for i in 1..800 {
        let text = format!("[org]\ninclude = [\"*.toml\", \"f0.toml\"]\n[people.p{i}]\n");
        scene.write(&format!("f{i}.toml"), &text);
    }
    scene.write(
        "f0.toml",
        "[org]\ninclude = [\"*.toml\"]\n[external.buyer]\npays = true\n",
    );
    let out = scene.run(&["check", "f0.toml", "--format", "github"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_contained("an include flood", 3);
    assert!(out.peak_kib < 100 << 10, "{} KiB", out.peak_kib);
    let loops = out.stdout.matches("include loop").count();
    assert_eq!(loops, 1, "{}", out.stdout);
    assert!(out.stdout.len() < 400 << 10, "{} bytes", out.stdout.len());
    let out = scene.run(&["map", "f0.toml", "--format", "json"]);
    assert_eq!(out.code, 2, "the loop is an error: {}", out.stderr);
    out.assert_contained("an include flood, map", 3);
}

/// A file that is not TOML shows the line of its first syntax error only;
/// an included one shows none of its lines, only where the error is.
#[test]
fn files_that_are_not_toml_are_not_echoed() {
    let scene = Scene::new();
    let lines: Vec<String> = (0..50).map(|i| format!("KEY{i} {MARKER}-{i}")).collect();
    scene.write("notes.toml", &lines.join("\n"));
    scene.team(&["notes.toml"]);
    for command in COMMANDS {
        let out = scene.run(command);
        out.assert_refused(
            &format!("{command:?}"),
            "is not valid TOML: a syntax error at 1:",
        );
    }
    let out = scene.run(&["check", "notes.toml"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.matches(MARKER).count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("more syntax errors"), "{}", out.stderr);
    assert!(out.stderr.len() < 4000, "{}", out.stderr);
}
