//! A pull request's checkout, for the attack tests: a temporary directory
//! with a `repo` the team file lives in, and an `outside` beside it whose
//! files hold a marker no output may ever contain. Each run of the real
//! binary is timed, its peak memory watched, and killed if it hangs, so a
//! regression fails the test instead of stalling the suite.
//!
//! The peak is the kernel's high-water mark of the process's memory
//! (`VmHWM`), read every few milliseconds while it runs: `ru_maxrss` would
//! count the test process's own memory, which the child shares until it
//! starts chain. A run that grows without end is caught; one that ends in
//! a few milliseconds may show less than its true peak.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::{Duration, Instant};

/// What no output may contain: the content of every file outside the repo.
pub const MARKER: &str = "OUTSIDE-SECRET-7f3a9c";

/// Longer than any run may take: the watchdog kills it then.
const HANG: Duration = Duration::from_secs(20);

/// A repository checkout and the world outside it.
pub struct Scene {
    _dir: tempfile::TempDir,
    /// The checkout: the team file's directory.
    pub repo: PathBuf,
    /// Beside the checkout: files the team file must not reach.
    pub outside: PathBuf,
}

impl Scene {
    /// An empty repo, and `outside/secret.toml` and `outside/env` holding
    /// the marker (the first is valid TOML, so only reading it would show
    /// it; the second is not).
    pub fn new() -> Scene {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let repo = dir.path().join("repo");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&repo).expect("mkdir");
        std::fs::create_dir_all(&outside).expect("mkdir");
        let secret = format!("[people.\"{MARKER}\"]\nname = \"{MARKER}\"\n");
        std::fs::write(outside.join("secret.toml"), secret).expect("write");
        std::fs::write(outside.join("env"), format!("TOKEN={MARKER}\n")).expect("write");
        Scene {
            _dir: dir,
            repo,
            outside,
        }
    }

    /// Writes `text` to `name` in the repo, making directories on the way.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.repo.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, text).expect("write");
        path
    }

    /// A symbolic link `name` in the repo to `target`, as a commit holds one.
    pub fn link(&self, name: &str, target: &str) -> PathBuf {
        let path = self.repo.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::os::unix::fs::symlink(target, &path).expect("a link");
        path
    }

    /// A named pipe `name` in the repo, that nobody writes to.
    pub fn fifo(&self, name: &str) -> PathBuf {
        let path = self.repo.join(name);
        let made = Command::new("mkfifo").arg(&path).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
        path
    }

    /// The team file `team.toml`: `include` and a valid organisation.
    pub fn team(&self, include: &[&str]) -> PathBuf {
        let entries: Vec<String> = include.iter().map(|e| format!("{e:?}")).collect();
        let text = format!(
            "[org]\ninclude = [{}]\n[external.buyer]\npays = true\n[people.ana]\nhands_to = [\"buyer\"]\n",
            entries.join(", ")
        );
        self.write("team.toml", &text)
    }

    /// Runs `chain args...` in the repo.
    pub fn run(&self, args: &[&str]) -> Outcome {
        run(&self.repo, args, &[])
    }
}

/// What one run did.
#[derive(Debug)]
pub struct Outcome {
    /// The exit code (-1: a signal ended it).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
    /// The most memory the process was seen to hold at once, in KiB.
    pub peak_kib: i64,
}

impl Outcome {
    /// Both streams, for searching.
    pub fn output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Asserts that nothing from outside the repo reached any output and
    /// the run took less than `seconds`.
    pub fn assert_contained(&self, what: &str, seconds: u64) {
        assert!(
            !self.output().contains(MARKER),
            "{what}: outside text in the output:\n{}",
            self.output()
        );
        assert!(
            self.took < Duration::from_secs(seconds),
            "{what}: took {:?}",
            self.took
        );
    }

    /// Asserts exit 2 with an error saying `says`, and [`Self::assert_contained`].
    pub fn assert_refused(&self, what: &str, says: &str) {
        assert_eq!(self.code, 2, "{what}: {}", self.stderr);
        assert!(self.stderr.contains(says), "{what}: {}", self.stderr);
        self.assert_contained(what, 5);
    }
}

/// Runs `chain args...` in `dir` with `env`, measuring time and memory,
/// killing it after [`HANG`].
pub fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Outcome {
    let args: Vec<OsString> = args.iter().map(OsString::from).collect();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chain"));
    cmd.args(&args)
        .current_dir(dir)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("GITHUB_ACTIONS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let mut child = cmd.spawn().expect("chain runs");
    let pid = i32::try_from(child.id()).expect("a pid");
    let (Some(mut out), Some(mut err)) = (child.stdout.take(), child.stderr.take()) else {
        panic!("piped streams");
    };
    let done = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicI64::new(0));
    let watchdog = {
        let (done, peak) = (Arc::clone(&done), Arc::clone(&peak));
        std::thread::spawn(move || {
            while started.elapsed() < HANG {
                if done.load(Ordering::SeqCst) {
                    return;
                }
                peak.fetch_max(high_water_kib(pid), Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(5));
            }
            // SAFETY: a signal to our own child, not yet reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        })
    };
    let out = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = out.read_to_end(&mut text);
        text
    });
    let mut stderr = Vec::new();
    let _ = err.read_to_end(&mut stderr);
    let status = wait(pid);
    done.store(true, Ordering::SeqCst);
    let took = started.elapsed();
    let _ = watchdog.join();
    // Reaped by `wait` already.
    std::mem::forget(child);
    Outcome {
        code: status,
        stdout: String::from_utf8_lossy(&out.join().unwrap_or_default()).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        took,
        peak_kib: peak.load(Ordering::SeqCst),
    }
}

/// The high-water mark of `pid`'s memory in KiB (0 once it has ended).
fn high_water_kib(pid: i32) -> i64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Waits for `pid` and returns its exit code (-1 for a signal).
fn wait(pid: i32) -> i32 {
    let mut status = 0;
    // SAFETY: waits for our own child, writing into a local.
    let waited = unsafe { libc::waitpid(pid, &mut status, 0) };
    assert_eq!(waited, pid, "waitpid");
    if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    }
}

/// Whether process `pid` has ended (gone, or a zombie nobody reaped).
pub fn ended(pid: i32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // `pid (name) STATE ...`: the state follows the name's closing parenthesis.
    let state = stat
        .rsplit(')')
        .next()
        .and_then(|r| r.split_whitespace().next());
    matches!(state, None | Some("Z" | "X"))
}
