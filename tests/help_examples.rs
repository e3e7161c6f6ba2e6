//! Every example in every `--help` runs: each is taken from the help text
//! and run by bash, as a user would paste it, in a fresh folder holding the
//! bundled examples.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The commands whose help has examples (`""`: `chain --help`).
const COMMANDS: [&str; 12] = [
    "",
    "map",
    "card",
    "check",
    "graph",
    "diff",
    "stats",
    "init",
    "import",
    "schema",
    "completions",
    "man",
];

/// The example command lines of `chain COMMAND --help`: the lines of its
/// "Examples:" block that start a command, each up to the two spaces
/// before its description.
fn examples(command: &str) -> Vec<String> {
    let mut args: Vec<&str> = command.split_whitespace().collect();
    args.push("--help");
    let help = crate::util::chain(&args);
    assert_eq!(help.code, 0, "{}", help.stderr);
    let block = help
        .stdout
        .split("Examples:\n")
        .nth(1)
        .unwrap_or_else(|| panic!("`chain {command} --help` has examples"));
    block
        .lines()
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| ["chain ", "cat ", "git "].iter().any(|s| l.starts_with(s)))
        .map(|l| l.split("  ").next().unwrap_or(l).trim_end().to_string())
        .collect()
}

/// The parts of a shell line between pipes, outside quotes.
fn piped(line: &str) -> Vec<&str> {
    let (mut parts, mut start, mut quote) = (Vec::new(), 0, None);
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '|') => {
                parts.push(&line[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&line[start..]);
    parts
}

/// The tools besides chain and the shell that `line` runs.
fn tools(line: &str) -> Vec<&str> {
    let mut tools: Vec<&str> = piped(line)
        .into_iter()
        .skip(1)
        .filter_map(|part| part.split_whitespace().next())
        .filter(|&t| t != "chain")
        .collect();
    if line.starts_with("git ") {
        tools.push("git");
    }
    let image = [".svg", ".png", ".pdf"].iter().any(|e| line.contains(e));
    if image && line.contains(" -o ") {
        tools.push("dot");
    }
    tools
}

fn have(tool: &str) -> bool {
    Command::new("bash")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A fresh folder with the bundled examples (team files and rosters), a home with the folders the
/// completion and manual examples write into, and a git repository for
/// the examples that read the last commit.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    std::fs::create_dir(root.join("examples")).expect("examples/");
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for entry in std::fs::read_dir(&bundled).expect("the bundled examples") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "toml" || e == "csv") {
            let name = path.file_name().expect("a file name");
            std::fs::copy(&path, root.join("examples").join(name)).expect("copied");
        }
    }
    let home = root.join("home");
    for sub in [
        ".local/share/bash-completion/completions",
        ".local/share/man/man1",
        ".zfunc",
        ".config/fish/completions",
        ".config/elvish",
    ] {
        std::fs::create_dir_all(home.join(sub)).expect("a folder in home");
    }
    if have("git") {
        let git = |args: &[&str]| {
            Command::new("git")
                .args(args)
                .current_dir(root)
                .env("HOME", &home)
                .output()
                .expect("git runs")
        };
        git(&["init", "-q"]);
        git(&["add", "examples"]);
        git(&[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "commit",
            "-qm",
            "x",
        ]);
    }
    (dir, home)
}

/// Runs every example of every help text; each exits 0, saying nothing of
/// an error, or 1 (a check or a `--fail-on` that finds something), never 2.
/// An example needing a tool this machine lacks is skipped, visibly.
#[test]
fn every_help_example_runs() {
    let bin = Path::new(env!("CARGO_BIN_EXE_chain"))
        .parent()
        .expect("the binary's folder")
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for command in COMMANDS {
        for line in examples(command) {
            let missing: Vec<&str> = tools(&line).into_iter().filter(|t| !have(t)).collect();
            if !missing.is_empty() {
                eprintln!("skipped (needs {}): {line}", missing.join(", "));
                continue;
            }
            let (dir, home) = workspace();
            let out = Command::new("bash")
                .args(["-o", "pipefail", "-c", &line])
                .current_dir(dir.path())
                .env("PATH", &path)
                .env("HOME", &home)
                .env("PROFILE", dir.path().join("profile.ps1"))
                .env("GITHUB_STEP_SUMMARY", dir.path().join("summary.md"))
                .env("PAGER", "cat")
                .env("NO_COLOR", "1")
                .output()
                .expect("bash runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            let code = out.status.code();
            let fine = match code {
                Some(0) => !stderr.contains("error"),
                Some(1) => !stderr.is_empty() || !out.stdout.is_empty(),
                _ => false,
            };
            assert!(
                fine,
                "`{line}` (from `chain {command} --help`) exited {code:?}:\n{stderr}"
            );
            ran += 1;
        }
    }
    assert!(ran >= 30, "only {ran} examples ran");
}
