//! Writing only where the user pointed: a
//! symbolic link committed at the `-o` path is refused and the file it
//! leads to stays as it was; a file written is never executable; an
//! interrupted run leaves no temporary file; Graphviz is stopped at its
//! time limit and when chain is ended. Graphviz itself is replaced by a
//! script that never finishes, so these tests need no Graphviz and are
//! timed by the limit alone.

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::hostile::{MARKER, Scene, ended, run};

const MEDIA: &str = "examples/media-team.toml";

fn media() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(MEDIA)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).map_or(0, |m| m.permissions().mode() & 0o7777)
}

/// `outside/run.sh`, executable, and `repo/out/NAME` a link to it.
fn linked_script(scene: &Scene, name: &str) -> PathBuf {
    let script = scene.outside.join("run.sh");
    std::fs::write(&script, format!("#!/bin/sh\necho {MARKER}\n")).expect("write");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    scene.link(&format!("out/{name}"), "../../outside/run.sh");
    script
}

/// `-o` at a committed link to an outside script, for every format: exit 2,
/// the script and its mode untouched, the link still a link.
#[test]
fn refuses_a_link_at_the_output_path() {
    let scene = Scene::new();
    let media = media();
    let media = media.to_str().unwrap_or_default();
    for name in ["diagram.dot", "diagram.mmd", "diagram.json", "diagram.svg"] {
        let script = linked_script(&scene, name);
        let out = scene.run(&["graph", media, "-o", &format!("out/{name}")]);
        out.assert_refused(name, "is a symbolic link");
        let kept = std::fs::read_to_string(&script).unwrap_or_default();
        assert!(kept.contains(MARKER), "{name}: {kept}");
        assert_eq!(mode(&script), 0o755, "{name}");
        std::fs::remove_file(scene.repo.join("out").join(name)).expect("rm");
    }
    // `init` never writes over anything, a link included.
    let script = linked_script(&scene, "team.toml");
    let out = scene.run(&["init", "out/team.toml"]);
    out.assert_refused("init", "already exists");
    assert!(
        std::fs::read_to_string(&script)
            .unwrap_or_default()
            .contains(MARKER)
    );
}

/// Asked to follow the link, chain writes the diagram there, and the file
/// it replaces loses its execute bits.
#[test]
fn a_followed_link_is_never_made_executable() {
    let scene = Scene::new();
    let script = linked_script(&scene, "diagram.dot");
    let media = media();
    let args = [
        "graph",
        media.to_str().unwrap_or_default(),
        "-o",
        "out/diagram.dot",
        "--follow-symlinks",
    ];
    let out = scene.run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written = std::fs::read_to_string(&script).unwrap_or_default();
    assert!(written.starts_with("digraph"), "{written}");
    assert_eq!(mode(&script) & 0o7111, 0, "{:o}", mode(&script));
}

/// A directory holding a `dot` that writes its process id and never ends.
fn slow_graphviz() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let dot = dir.path().join("dot");
    let pid = dir.path().join("dot.pid");
    let script = format!("#!/bin/sh\necho $$ > '{}'\nexec sleep 60\n", pid.display());
    std::fs::write(&dot, script).expect("write");
    std::fs::set_permissions(&dot, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    dir
}

/// `PATH` with `dir` first.
fn path_with(dir: &Path) -> String {
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// The process id the fake Graphviz wrote, once it has.
fn graphviz_pid(dir: &Path) -> i32 {
    let file = dir.join("dot.pid");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if let Ok(pid) = text.trim().parse() {
            return pid;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the fake Graphviz never started");
}

/// Waits up to a few seconds for `pid` to end.
fn assert_ends(pid: i32, what: &str) {
    let started = Instant::now();
    while !ended(pid) {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{what}: Graphviz still runs"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Graphviz past `--graphviz-timeout` is stopped: exit 2 within the limit
/// and a little, nothing written, and no Graphviz left running.
#[test]
fn graphviz_is_stopped_at_the_time_limit() {
    let scene = Scene::new();
    let dot = slow_graphviz();
    let path = path_with(dot.path());
    let media = media();
    let args = [
        "graph",
        media.to_str().unwrap_or_default(),
        "-o",
        "team.svg",
        "--graphviz-timeout",
        "1",
    ];
    let out = run(&scene.repo, &args, &[("PATH", &path)]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("took longer than 1 s"),
        "{}",
        out.stderr
    );
    assert!(out.took < Duration::from_secs(5), "{:?}", out.took);
    assert!(!scene.repo.join("team.svg").exists());
    assert_ends(graphviz_pid(dot.path()), "after the time limit");
}

/// `chain graph -o x.svg` with the fake Graphviz, started in the background.
fn start_drawing(scene: &Scene, dot: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_chain"))
        .args([
            "graph",
            media().to_str().unwrap_or_default(),
            "-o",
            "team.svg",
        ])
        .current_dir(&scene.repo)
        .env("PATH", path_with(dot))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chain runs")
}

/// Graphviz does not outlive chain: not when chain is interrupted
/// (SIGTERM, SIGINT), nor, on Linux, when it is killed outright.
#[test]
fn graphviz_ends_with_chain() {
    let mut signals = vec![libc::SIGTERM, libc::SIGINT];
    if cfg!(target_os = "linux") {
        signals.push(libc::SIGKILL);
    }
    for signal in signals {
        let scene = Scene::new();
        let dot = slow_graphviz();
        let mut chain = start_drawing(&scene, dot.path());
        let pid = graphviz_pid(dot.path());
        let chain_pid = i32::try_from(chain.id()).expect("a pid");
        // SAFETY: a signal to our own child, not yet reaped.
        unsafe { libc::kill(chain_pid, signal) };
        let status = chain.wait().expect("chain ends");
        assert!(status.code().is_none(), "signal {signal}: {status:?}");
        assert_ends(pid, &format!("signal {signal}"));
    }
}

/// Interrupted while it writes, chain leaves no temporary file: a large
/// diagram is written, and SIGTERM sent the moment its temporary file
/// appears (or, if the write wins the race, after it).
#[test]
fn an_interrupted_write_leaves_nothing_behind() {
    let scene = Scene::new();
    let ids: Vec<String> = (0..60_000).map(|i| format!("person-{i:05}")).collect();
    let team = scene.write("team.toml", &crate::util::line_org(&ids, "buyer"));
    let mut caught = 0;
    for _ in 0..5 {
        let mut chain = Command::new(env!("CARGO_BIN_EXE_chain"))
            .args(["graph", team.to_str().unwrap_or_default(), "-o", "out.dot"])
            .current_dir(&scene.repo)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chain runs");
        let chain_pid = i32::try_from(chain.id()).expect("a pid");
        let started = Instant::now();
        let seen = loop {
            if temporary_files(&scene.repo) > 0 {
                break true;
            }
            if chain.try_wait().ok().flatten().is_some()
                || started.elapsed() > Duration::from_secs(20)
            {
                break false;
            }
        };
        // SAFETY: a signal to our own child, not yet reaped (or ended,
        // in which case the signal goes nowhere).
        unsafe { libc::kill(chain_pid, libc::SIGTERM) };
        let status = chain.wait().expect("chain ends");
        if seen && status.code().is_none() {
            caught += 1;
        }
        assert_eq!(temporary_files(&scene.repo), 0, "a temporary file is left");
        let _ = std::fs::remove_file(scene.repo.join("out.dot"));
    }
    if caught == 0 {
        eprintln!("skipped: no write was caught half-way in five tries on this machine");
    }
}

/// How many `.chain-*.tmp` files are in `dir`.
fn temporary_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".chain-"))
            .count()
    })
}
