//! The doors CI users come through: the GitHub Action (`action.yml`, whose
//! steps are `scripts/action.sh`, run here with a fake `GITHUB_*`
//! environment and this build of chain on `PATH`), the pre-commit hook
//! (`.pre-commit-hooks.yaml`, its entry run on real files), and the
//! Cargo metadata that `cargo binstall` reads, against the archive
//! `scripts/package.sh` makes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn have(tool: &str) -> bool {
    Command::new("bash")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A folder with `chain` (this build) in it, to put first on `PATH`.
fn bin_dir(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("bin/");
    std::fs::copy(env!("CARGO_BIN_EXE_chain"), bin.join("chain")).expect("chain copied");
    bin
}

fn path_with(bin: &Path) -> String {
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// A repository whose `main` (fetched, as `origin/main`) has the media
/// team, and whose working tree has the team after the change.
struct Repo {
    dir: tempfile::TempDir,
    bin: PathBuf,
}

impl Repo {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let root = dir.path();
        let git = |args: &[&str]| {
            let out = Command::new("git")
                .args(args)
                .current_dir(root)
                .env("HOME", root)
                .output()
                .expect("git runs");
            assert!(
                out.status.success(),
                "git {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        git(&["init", "-q", "-b", "main"]);
        std::fs::copy(
            Path::new(ROOT).join("examples/media-team.toml"),
            root.join("team.toml"),
        )
        .expect("copied");
        git(&["add", "team.toml"]);
        git(&[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "commit",
            "-qm",
            "base",
        ]);
        git(&["update-ref", "refs/remotes/origin/main", "HEAD"]);
        std::fs::copy(
            Path::new(ROOT).join("examples/media-team-next.toml"),
            root.join("team.toml"),
        )
        .expect("copied");
        let bin = bin_dir(root);
        Repo { dir, bin }
    }

    /// Runs `action.sh STEP` in the repository with `env` and the fake
    /// `GITHUB_*` variables.
    fn step(&self, step: &str, env: &[(&str, &str)]) -> (Output, String, String) {
        let root = self.dir.path();
        let summary = root.join("summary.md");
        let outputs = root.join("outputs.txt");
        let _ = std::fs::remove_file(&summary);
        let _ = std::fs::remove_file(&outputs);
        let mut cmd = Command::new("bash");
        cmd.arg(Path::new(ROOT).join("scripts/action.sh"))
            .arg(step)
            .current_dir(root)
            .env("PATH", path_with(&self.bin))
            .env("HOME", root)
            .env("GITHUB_ACTION_PATH", ROOT)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_OUTPUT", &outputs)
            .env("GITHUB_BASE_REF", "main")
            .env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("bash runs");
        let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
        (out, read(&summary), read(&outputs))
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `install` uses the chain already on `PATH`; `check` writes annotations
/// for the pull request, a summary line and the exit code as an output,
/// and fails as `fail-level` says; `diff` writes the markdown diff against
/// the base branch to the job summary, and fails on `diff-fail-on`.
#[test]
fn the_action_script_runs_its_steps() {
    if !have("git") {
        eprintln!("skipped: the action's steps need git");
        return;
    }
    let repo = Repo::new();
    let (out, _, _) = repo.step("install", &[]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).starts_with("using chain "), "{}", stdout(&out));

    let (out, summary, outputs) = repo.step("check", &[("INPUT_FILE", "team.toml")]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        stdout(&out).contains("::warning file=team.toml,line="),
        "{}",
        stdout(&out)
    );
    assert!(summary.contains("### chain check"), "{summary}");
    assert!(
        summary.contains("team.toml: 0 errors, 2 warnings"),
        "{summary}"
    );
    assert_eq!(outputs.trim(), "exit-code=0");

    let strict = [("INPUT_FILE", "team.toml"), ("INPUT_FAIL_LEVEL", "warning")];
    let (out, _, outputs) = repo.step("check", &strict);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        stdout(&out).contains("::error file=team.toml"),
        "{}",
        stdout(&out)
    );
    assert_eq!(outputs.trim(), "exit-code=1");

    let report_only = [
        ("INPUT_FAIL_LEVEL", "none"),
        ("INPUT_ROSTER", "missing.csv"),
    ];
    let (out, summary, _) = repo.step("check", &report_only);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a roster that cannot be read is exit 2: {out:?}"
    );
    assert!(summary.contains("cannot read `missing.csv`"), "{summary}");

    let sarif = [("INPUT_FORMAT", "sarif"), ("INPUT_OUTPUT", "chain.sarif")];
    let (out, _, _) = repo.step("check", &sarif);
    assert!(out.status.success(), "{out:?}");
    let log = std::fs::read_to_string(repo.dir.path().join("chain.sarif")).unwrap_or_default();
    assert!(log.contains("\"version\": \"2.1.0\""));

    let (out, _, _) = repo.step("check", &[("INPUT_FAIL_LEVEL", "sometimes")]);
    assert_eq!(out.status.code(), Some(2));

    let (out, summary, _) = repo.step("diff", &[("INPUT_FILE", "./team.toml")]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        summary.starts_with("### chain diff: ")
            && summary
                .lines()
                .next()
                .is_some_and(|l| l.ends_with("→ team.toml")),
        "{summary}"
    );
    assert!(
        summary.contains("**1 person loses their route**"),
        "{summary}"
    );
    let (out, _, _) = repo.step("diff", &[("INPUT_DIFF_FAIL_ON", "new-error,lost-chain")]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let (out, summary, _) = repo.step("diff", &[("INPUT_FILE", "new.toml")]);
    assert!(out.status.success(), "{out:?}");
    assert!(summary.contains("new in this pull request"), "{summary}");
    let (out, summary, _) = repo.step("diff", &[("GITHUB_BASE_REF", "")]);
    assert!(
        out.status.success() && summary.is_empty(),
        "not a pull request"
    );
}

/// Inputs whose values would be shell if pasted into a script reach chain
/// as data.
#[test]
fn inputs_are_not_shell() {
    if !have("git") {
        eprintln!("skipped: the action's steps need git");
        return;
    }
    let repo = Repo::new();
    let marker = repo.dir.path().join("pwned");
    let hostile = format!("team.toml; touch {}", marker.display());
    let (out, summary, _) = repo.step("check", &[("INPUT_FILE", &hostile)]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(summary.contains("cannot read"), "{summary}");
    assert!(!marker.exists());
}

/// The lines of `text` under the top-level key `key:`, up to the next
/// top-level key.
fn section<'a>(text: &'a str, key: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| *l != format!("{key}:"))
        .skip(1)
        .take_while(|l| l.is_empty() || l.starts_with(' ') || l.starts_with('#'))
        .collect()
}

/// action.yml: a composite action whose every input is used and every
/// input used is declared, each passed through the environment; each
/// step runs one of the script's subcommands; the script is executable.
#[test]
fn action_yml_matches_its_script() {
    let yml = read("action.yml");
    assert!(yml.contains("\n  using: composite\n"));
    let declared: Vec<&str> = section(&yml, "inputs")
        .into_iter()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && l.ends_with(':'))
        .map(|l| l.trim().trim_end_matches(':'))
        .collect();
    assert!(declared.len() >= 6, "{declared:?}");
    // Every `inputs.NAME` inside a `${{ ... }}` expression.
    let used: Vec<&str> = yml
        .split("${{")
        .skip(1)
        .filter_map(|rest| rest.split("}}").next())
        .flat_map(|expression| expression.split("inputs.").skip(1))
        .filter_map(|rest| {
            rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .next()
        })
        .collect();
    for input in &declared {
        assert!(used.contains(input), "input `{input}` is never used");
        let env = format!("INPUT_{}", input.to_uppercase().replace('-', "_"));
        let script = read("scripts/action.sh");
        if *input != "diff-against-base" {
            assert!(
                yml.contains(&format!("{env}: ${{{{ inputs.{input} }}}}")),
                "{env}"
            );
            assert!(script.contains(&env), "the script reads {env}");
        }
    }
    for input in &used {
        assert!(declared.contains(input), "`inputs.{input}` is not declared");
    }
    let runs: Vec<&str> = yml
        .lines()
        .filter(|l| l.trim_start().starts_with("run:"))
        .collect();
    assert_eq!(
        runs.iter().map(|l| l.trim()).collect::<Vec<_>>(),
        [
            "run: '\"$GITHUB_ACTION_PATH/scripts/action.sh\" install'",
            "run: '\"$GITHUB_ACTION_PATH/scripts/action.sh\" check'",
            "run: '\"$GITHUB_ACTION_PATH/scripts/action.sh\" diff'",
        ]
    );
    assert_eq!(yml.matches("shell: bash").count(), runs.len());
    assert!(!yml.contains('\t'), "YAML is indented with spaces");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(Path::new(ROOT).join("scripts/action.sh"))
            .map(|m| m.permissions().mode())
            .unwrap_or(0);
        assert!(mode & 0o111 != 0, "scripts/action.sh is executable");
    }
}

/// .pre-commit-hooks.yaml: one `chain-check` hook with the keys
/// pre-commit requires; its entry, run as pre-commit runs it (entry,
/// then the staged file names), passes a good file and stops a bad one
/// with its diagnostic.
#[test]
fn pre_commit_hook_checks_each_file() {
    let yaml = read(".pre-commit-hooks.yaml");
    let hook: Vec<&str> = yaml
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    assert_eq!(hook.first().copied(), Some("- id: chain-check"));
    let value = |key: &str| {
        hook.iter()
            .find_map(|l| {
                l.trim_start_matches("- ")
                    .trim()
                    .strip_prefix(&format!("{key}: "))
            })
            .unwrap_or_else(|| panic!("the hook has `{key}`"))
    };
    for key in ["name", "entry", "language", "files"] {
        assert!(!value(key).is_empty(), "{key}");
    }
    assert_eq!(value("language"), "rust");
    let files = value("files");
    assert_eq!(files, "(^|/)team\\.toml$");
    let entry = value("entry");
    let script = entry
        .strip_prefix("sh -c '")
        .and_then(|s| s.strip_suffix("' --"))
        .unwrap_or_else(|| panic!("entry: {entry}"));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let bin = bin_dir(dir.path());
    let good = dir.path().join("team.toml");
    std::fs::copy(Path::new(ROOT).join("examples/media-team.toml"), &good).expect("copied");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[people.a]\nroles = [\"nope\"]\n").expect("write");
    let run = |files: &[&Path]| {
        Command::new("sh")
            .args(["-c", script, "--"])
            .args(files)
            .env("PATH", path_with(&bin))
            .env("NO_COLOR", "1")
            .output()
            .expect("sh runs")
    };
    assert!(run(&[&good]).status.success());
    let out = run(&[&bad, &good]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("unknown role `nope`") && text.contains("bad.toml:2:"),
        "{text}"
    );
    assert!(text.contains("team.toml:"), "every file is checked: {text}");
}

/// `[package.metadata.binstall]` describes the archive `scripts/package.sh`
/// makes: its name and the binary's place in it.
#[test]
fn binstall_metadata_matches_the_release_archive() {
    if !have("tar") {
        eprintln!("skipped: packaging needs tar");
        return;
    }
    let manifest: toml::Table = read("Cargo.toml").parse().expect("Cargo.toml is TOML");
    let binstall = &manifest["package"]["metadata"]["binstall"];
    let field = |k: &str| binstall[k].as_str().unwrap_or_default().to_string();
    assert_eq!(field("pkg-fmt"), "tgz");
    let target = "x86_64-unknown-linux-gnu";
    let fill = |template: &str| {
        template
            .replace("{ name }", "chain")
            .replace("{ version }", env!("CARGO_PKG_VERSION"))
            .replace("{ target }", target)
            .replace("{ archive-suffix }", ".tar.gz")
            .replace("{ bin }", "chain")
            .replace("{ binary-ext }", "")
    };
    let url = fill(&field("pkg-url"));
    let archive = url.rsplit('/').next().unwrap_or_default().to_string();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = Command::new("bash")
        .arg(Path::new(ROOT).join("scripts/package.sh"))
        .args([env!("CARGO_BIN_EXE_chain"), target])
        .arg(dir.path())
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        stdout(&out).trim(),
        dir.path().join(&archive).display().to_string()
    );
    let list = Command::new("tar")
        .args(["-tzf"])
        .arg(dir.path().join(&archive))
        .output()
        .expect("tar runs");
    let listed = stdout(&list);
    assert!(
        listed.lines().any(|l| l == fill(&field("bin-dir"))),
        "{} in {listed}",
        fill(&field("bin-dir"))
    );
}
