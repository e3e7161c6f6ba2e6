//! Output that commands nothing: under
//! `GITHUB_ACTIONS=true` no workflow command from a team file reaches the
//! runner in a form it obeys, while `check --format github` annotations
//! still work; Mermaid text carries no directive; the Markdown summary
//! mentions, references and links nothing and stays under GitHub's 1 MiB;
//! invisible characters are shown escaped; SARIF keeps `\` in a Linux path.

use std::ffi::OsString;
use std::path::Path;

use super::commands::{self, RUNS};
use super::hostile::Scene;
use crate::util::{RawRun, chain_bytes};

const GOOD: &str = "tests/fixtures/workflow.toml";
const BAD: &str = "tests/fixtures/workflow-bad.toml";
const SYNTAX: &str = "tests/fixtures/workflow-syntax.toml";
const OTHER: &str = "examples/assembly-line.toml";

/// The commands the runner has handlers for (actions/runner's
/// `ActionCommandManager`), and `stop-commands`.
const REGISTERED: &[&str] = &[
    "add-mask",
    "add-matcher",
    "add-path",
    "debug",
    "echo",
    "endgroup",
    "error",
    "group",
    "notice",
    "remove-matcher",
    "save-state",
    "set-env",
    "set-output",
    "stop-commands",
    "warning",
];

/// A model of how the GitHub Actions runner reads a step's output
/// (actions/runner `ActionCommand.TryParseV2`, `TryParse` and
/// `ActionCommandManager.TryProcessCommand`): lines end at `\n`, `\r` or
/// both; `::NAME props::data` counts after leading white space, and
/// `##[NAME props]data` anywhere in the line; names are matched without
/// regard to case; after `stop-commands` only the token given resumes.
#[derive(Debug, Default)]
struct Runner {
    stop_token: Option<String>,
    /// Every command obeyed, as its name.
    obeyed: Vec<String>,
}

impl Runner {
    fn feed(&mut self, text: &str) {
        for line in text.split("\r\n").flat_map(|l| l.split(['\r', '\n'])) {
            self.line(line);
        }
    }

    fn line(&mut self, line: &str) {
        let Some((name, data)) = self.parse_v2(line).or_else(|| self.parse_legacy(line)) else {
            return;
        };
        if let Some(token) = &self.stop_token {
            if name.eq_ignore_ascii_case(token) {
                self.stop_token = None;
            }
            return;
        }
        if name.eq_ignore_ascii_case("stop-commands") {
            self.stop_token = Some(data);
        }
        self.obeyed.push(name.to_ascii_lowercase());
    }

    fn known(&self, name: &str) -> bool {
        REGISTERED.iter().any(|r| r.eq_ignore_ascii_case(name))
            || self
                .stop_token
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(name))
    }

    fn parse_v2(&self, line: &str) -> Option<(String, String)> {
        let rest = line.trim_start().strip_prefix("::")?;
        let end = rest.find("::")?;
        let info = rest.get(..end)?;
        let name = info.split(' ').next()?;
        let data = rest.get(end + 2..)?;
        self.known(name)
            .then(|| (name.to_string(), data.to_string()))
    }

    fn parse_legacy(&self, line: &str) -> Option<(String, String)> {
        let start = line.find("##[")? + 3;
        let end = start + line.get(start..)?.find(']')?;
        let name = line.get(start..end)?.split(' ').next()?;
        let data = line.get(end + 1..)?;
        self.known(name)
            .then(|| (name.to_string(), data.to_string()))
    }
}

/// What the runner obeys in a run's two streams, read in either order.
fn obeyed(out: &RawRun) -> Vec<String> {
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    let mut all = Vec::new();
    for (first, second) in [(&stdout, &stderr), (&stderr, &stdout)] {
        let mut runner = Runner::default();
        runner.feed(first);
        runner.feed(second);
        all.extend(runner.obeyed);
    }
    all
}

/// Runs `run` on `file`, in or out of GitHub Actions.
fn run_on(run: &[&str], file: &str, in_actions: bool) -> (Vec<OsString>, RawRun) {
    let args = commands::fill(run, &file.into(), &OTHER.into(), "::error::ana");
    let env: &[(&str, &str)] = if in_actions {
        &[("GITHUB_ACTIONS", "true")]
    } else {
        &[("GITHUB_ACTIONS", "false")]
    };
    let out = chain_bytes(&args, None, env);
    (args, out)
}

/// The model sees the fixture's commands when chain is not in GitHub
/// Actions: the fixture attacks, and the model catches it.
#[test]
fn the_runner_model_sees_the_attack() {
    let (args, out) = run_on(&["map", commands::FILE], GOOD, false);
    assert_eq!(out.code, 0, "{args:?}");
    let commands = obeyed(&out);
    assert!(commands.contains(&"error".to_string()), "{commands:?}");
    let (_, out) = run_on(&["stats", commands::FILE], GOOD, false);
    assert!(obeyed(&out).contains(&"stop-commands".to_string()));
}

/// Every command, on a valid file, a file with findings and a file with a
/// syntax error, all full of workflow commands: the runner obeys none,
/// on either stream, in any order of the two.
#[test]
fn nothing_from_the_file_is_obeyed() {
    for file in [GOOD, BAD, SYNTAX] {
        for run in RUNS {
            if run.contains(&"github") {
                continue;
            }
            let (args, out) = run_on(run, file, true);
            assert!(out.code >= 0, "{args:?}: killed");
            let obeyed = obeyed(&out);
            assert!(obeyed.is_empty(), "{args:?} on {file}: obeyed {obeyed:?}");
        }
    }
}

/// `check --format github` still annotates: one obeyed `error` or
/// `warning` per finding, nothing else, and no block stops them.
#[test]
fn annotations_are_obeyed() {
    for file in [GOOD, BAD] {
        let (args, out) = run_on(&["check", commands::FILE, "--format", "github"], file, true);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let lines = stdout.lines().count();
        assert!(lines > 0, "{args:?}: no annotation");
        let obeyed = obeyed(&out);
        assert_eq!(obeyed.len(), 2 * lines, "{args:?}: {obeyed:?}\n{stdout}");
        assert!(
            obeyed.iter().all(|c| c == "error" || c == "warning"),
            "{args:?}: {obeyed:?}"
        );
    }
}

/// Usage errors and help repeat what was typed; nothing typed is obeyed,
/// and JSON stays exact.
#[test]
fn command_lines_and_json_stay_inert() {
    for args in [
        &["map", GOOD, "--depth", "::error::x"][..],
        &["map", GOOD, "--depth", "1\n::error::x\r##[add-mask]y"],
        &["::stop-commands::x"],
        &["map", GOOD, "::error::nobody"],
    ] {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let out = chain_bytes(&args, None, &[("GITHUB_ACTIONS", "true")]);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(obeyed(&out).is_empty(), "{args:?}: {:?}", obeyed(&out));
    }
    let (_, out) = run_on(&["map", commands::FILE, "--format", "json"], GOOD, true);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["org"], "::stop-commands::pwned");
    let names: Vec<&str> = doc["people"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(names.contains(&"##[error]Bo"), "{names:?}");
}

/// A name holding a Mermaid directive: no `%` from it reaches the text.
#[test]
fn mermaid_carries_no_directive() {
    let scene = Scene::new();
    let team = scene.write(
        "team.toml",
        "[external.buyer]\npays = true\nname = \"%%{init: {'theme':'dark','themeCSS':'url(https://tracker.test/x)'}}%%\"\n\
         [people.ana]\nname = \"%%{init: {}}%%\"\nhands_to = [\"buyer\"]\n",
    );
    let out = scene.run(&[
        "graph",
        team.to_str().unwrap_or_default(),
        "--format",
        "mermaid",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains('%'), "{}", out.stdout);
    assert!(out.stdout.contains("#37;#37;{init"), "{}", out.stdout);
}

/// The Markdown summary: mentions, references, links and addresses are
/// broken up, and a 1.5 MB name leaves a summary under 1 MiB with a note.
#[test]
fn markdown_summary_is_inert_and_small() {
    let scene = Scene::new();
    let team = scene.write(
        "team.toml",
        "[external.buyer]\npays = true\n\
         [people.ana]\nname = \"@octo-org/everyone @octocat see #123 GH-45 https://evil.test www.evil.test ana@evil.test\"\nhands_to = [\"buyer\"]\n",
    );
    let team = team.to_str().unwrap_or_default();
    let out = scene.run(&["diff", team, "--without", "ana", "--format", "markdown"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for live in [
        "@octo",
        "@evil",
        "#123",
        "GH-45",
        "https://evil",
        "www.evil",
    ] {
        assert!(!out.stdout.contains(live), "{live} in:\n{}", out.stdout);
    }
    assert!(
        out.stdout.contains("@<!-- -->octo-org/everyone"),
        "{}",
        out.stdout
    );
    let name = "n".repeat(1_500_000);
    let big = scene.write(
        "big.toml",
        &format!("[external.buyer]\npays = true\n[people.ana]\nname = \"{name}\"\nhands_to = [\"buyer\"]\n[people.bo]\nhands_to = [\"buyer\"]\n"),
    );
    let big = big.to_str().unwrap_or_default();
    let out = scene.run(&[
        "diff",
        big,
        "--without",
        "ana",
        "bo",
        "--format",
        "markdown",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.len() < 1 << 20, "{} bytes", out.stdout.len());
    assert!(
        out.stdout.contains("The summary stops here"),
        "{}",
        &out.stdout[..200]
    );
}

/// Zero-width and other invisible characters in ids are shown escaped in
/// text, so two ids cannot look alike; JSON keeps them exact.
#[test]
fn invisible_characters_are_shown() {
    let scene = Scene::new();
    let team = scene.write(
        "team.toml",
        "[external.buyer]\npays = true\n[people.ana]\nhands_to = [\"buyer\"]\n\
         [people.\"a\\u200Bna\\uFEFF\\U000E0041\"]\nhands_to = [\"buyer\"]\n",
    );
    let team = team.to_str().unwrap_or_default();
    let out = scene.run(&["map", team]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("a\\u{200b}na\\u{feff}\\u{e0041}"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains('\u{200b}'), "{}", out.stdout);
    let out = scene.run(&["map", team, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let ids = crate::util::people_ids(&doc);
    assert!(ids.contains(&"a\u{200b}na\u{feff}\u{e0041}"), "{ids:?}");
}

/// A file whose name holds a backslash, on Linux: SARIF names that file,
/// not a `/` path that does not exist.
#[test]
fn sarif_keeps_backslashes_in_linux_paths() {
    let scene = Scene::new();
    let team = scene.write("a\\b.toml", "[people.ana]\n");
    let out = scene.run(&["check", "a\\b.toml", "--format", "sarif"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(Path::new(&team).exists());
    assert!(
        out.stdout.contains("\"uri\": \"a%5Cb.toml\""),
        "{}",
        out.stdout
    );
}
