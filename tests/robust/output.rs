//! Output safety: a failure to write (a full disk, a read-only directory, a
//! file size limit, a full standard output) is exit 2 with a clear message
//! and leaves nothing half-written and no temporary file behind; a reader
//! that goes away (`| head`) ends the run quietly; inputs are never written
//! over, and symbolic links are written through (when asked), not replaced.
//!
//! Tests run as root in CI, where permissions stop no write, so the
//! failures are provoked honestly: `/dev/full`, `prlimit --fsize`, and a
//! 64 KiB tmpfs (full, then read-only) mounted in a user and mount
//! namespace with `unshare`. A machine without those skips that part and
//! says so on standard error.

use std::ffi::OsString;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::commands::{self, RUNS};
use crate::util::tool;

const CHAIN: &str = env!("CARGO_BIN_EXE_chain");
const MEDIA: &str = "examples/media-team.toml";

/// `chain` with `args`, in the crate root, colour off.
fn chain(args: &[OsString]) -> Command {
    let mut cmd = Command::new(CHAIN);
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null());
    cmd
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

/// A temporary directory with `big.toml`: a line of 3,000 people, whose
/// map, statistics and diagram each run to hundreds of kilobytes.
fn big() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut text = String::from("[external.end]\npays = true\n");
    for i in 0..3000 {
        let next = if i == 2999 {
            "end".to_string()
        } else {
            format!("p{}", i + 1)
        };
        text.push_str(&format!(
            "[people.p{i}]\nname = \"Person number {i}\"\nteam = \"t{}\"\nhands_to = [{{ to = \"{next}\", what = \"information\" }}]\n",
            i / 100
        ));
    }
    let path = dir.path().join("big.toml");
    std::fs::write(&path, text).expect("the big file");
    (dir, path)
}

/// The names in `dir`, sorted, temporary files included.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every command writing into a full standard output (`/dev/full`) is
/// exit 2 saying so, and so are help and version.
#[test]
fn full_standard_output_is_an_error() {
    let media = OsString::from(MEDIA);
    let mut lines: Vec<Vec<OsString>> = RUNS
        .iter()
        .map(|run| commands::fill(run, &media, &media, "wren"))
        .collect();
    lines.extend([os(&["--help"]), os(&["--version"]), os(&["map", "--help"])]);
    for args in lines {
        let normal = chain(&args).output().expect("chain runs");
        if normal.stdout.is_empty() {
            continue; // Nothing to write, nothing to fail.
        }
        let full = File::options()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = chain(&args).stdout(full).output().expect("chain runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: cannot write") && stderr.contains("No space left"),
            "{args:?}: {stderr}"
        );
    }
}

/// A reader that goes away before reading anything (`chain map big | head
/// -0`) ends every command quietly: no message beyond the warnings of a
/// normal run, no failure.
#[test]
fn closed_pipe_ends_quietly() {
    let (_dir, big) = big();
    let file = big.into_os_string();
    let mut lines: Vec<Vec<OsString>> = RUNS
        .iter()
        .map(|run| commands::fill(run, &file, &file, "p0"))
        .collect();
    lines.extend([os(&["--help"]), os(&["man"])]);
    for args in lines {
        let normal = chain(&args).output().expect("chain runs");
        let mut child = chain(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chain runs");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("chain finishes");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.stderr == normal.stderr, "{args:?}: {stderr}");
        assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}");
    }
}

/// `prlimit --fsize`: the file size limit (`ulimit -f`). The write fails
/// with "File too large" instead of a signal killing chain half-way, so
/// the diagram's old file stays whole, `init` leaves nothing, standard
/// output redirected to a file is exit 2, and no temporary file is left.
#[test]
fn file_size_limit() {
    if !tool::has("prlimit") {
        return;
    }
    let (_big_dir, big) = big();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let old = dir.path().join("out.dot");
    std::fs::write(&old, "old").expect("the old file");
    let limited = |args: Vec<OsString>, stdout: Stdio| -> Output {
        let mut all = os(&["--fsize=20000", "--", CHAIN]);
        all.extend(args);
        Command::new("prlimit")
            .args(all)
            .stdout(stdout)
            .output()
            .expect("prlimit runs")
    };
    let graph = vec![
        "graph".into(),
        big.clone().into(),
        "-o".into(),
        old.clone().into(),
    ];
    let init_path = dir.path().join("team.toml");
    let init = vec!["init".into(), init_path.clone().into()];
    let captured = dir.path().join("map.txt");
    let map_to_file = File::create(&captured).expect("the output file");
    let map = vec!["map".into(), big.clone().into()];
    for (args, stdout) in [(graph, Stdio::null()), (map, Stdio::from(map_to_file))] {
        let out = limited(args.clone(), stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("File too large"), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read_to_string(&old).ok().as_deref(), Some("old"));
    // The starter is smaller than 20,000 bytes: a tighter limit for init.
    let mut args = os(&["--fsize=1000", "--", CHAIN]);
    args.extend(init);
    let out = Command::new("prlimit")
        .args(args)
        .output()
        .expect("prlimit runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!init_path.exists());
    assert_eq!(entries(dir.path()), ["map.txt", "out.dot"]);
}

/// Runs `script` with `sh` in new user and mount namespaces, where `$1` is
/// a fresh 64 KiB tmpfs, `$2` the chain binary and `$3` a large team file;
/// `None` (after saying why) where this machine cannot make one.
fn on_small_disk(script: &str, big: &Path) -> Option<String> {
    if !tool::has("unshare") {
        return None;
    }
    let dir = tempfile::tempdir().ok()?;
    let script = format!("mount -t tmpfs -o size=64k tmpfs \"$1\" || exit 99\n{script}");
    for flags in ["-rm", "-m"] {
        let out = Command::new("unshare")
            .args([flags, "sh", "-c", &script, "sh"])
            .arg(dir.path())
            .arg(CHAIN)
            .arg(big)
            .output();
        if let Ok(out) = out {
            if out.status.success() {
                return Some(String::from_utf8_lossy(&out.stdout).into_owned());
            }
        }
    }
    tool::skipped("cannot mount a tmpfs in a new namespace here");
    None
}

/// Runs `graph -o` over an old file and `init` on a small disk after
/// `setup` has broken it: both are exit 2 naming `cause`, the old file stays
/// whole, and the disk holds exactly `files` (no temporary file).
fn on_broken_disk(setup: &str, cause: &str, files: &str) {
    let (_dir, big) = big();
    let script = format!(
        r#"
printf old > "$1/out.dot"
{setup}
"$2" graph "$3" -o "$1/out.dot" 2>&1; echo "graph exit=$?"
"$2" init "$1/team.toml" 2>&1; echo "init exit=$?"
echo "files: $(ls -A "$1" | tr '\n' ' ')"
echo "old: $(cat "$1/out.dot")"
"#
    );
    let Some(out) = on_small_disk(&script, &big) else {
        return;
    };
    assert_eq!(out.matches(cause).count(), 2, "{out}");
    assert!(
        out.contains("graph exit=2") && out.contains("init exit=2"),
        "{out}"
    );
    assert!(out.contains(&format!("files: {files} \n")), "{out}");
    assert!(out.contains("old: old\n"), "{out}");
}

/// A full disk: the diagram's old file stays whole, `init` writes
/// nothing, both are exit 2 naming the cause, and no temporary file is left.
#[test]
fn full_disk() {
    let fill = r#"head -c 100000 /dev/zero > "$1/filler" 2>/dev/null"#;
    on_broken_disk(fill, "No space left on device", "filler out.dot");
}

/// A read-only directory: exit 2 naming the cause, the old file whole.
#[test]
fn read_only_directory() {
    let remount = r#"mount -o remount,ro "$1" || exit 98"#;
    on_broken_disk(remount, "Read-only file system", "out.dot");
}

/// A symbolic link to the team file is the team file: writing the diagram
/// over it is refused, and both stay as they were.
#[test]
fn refuses_a_link_to_the_input() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let team = dir.path().join("team.toml");
    let link = dir.path().join("team.dot");
    std::fs::copy(MEDIA, &team).expect("copy");
    std::os::unix::fs::symlink("team.toml", &link).expect("a link");
    let args = vec![
        "graph".into(),
        team.clone().into(),
        "-o".into(),
        link.clone().into(),
    ];
    let out = chain(&args).output().expect("chain runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("refusing to write over the input file"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&team).ok(), std::fs::read(MEDIA).ok());
    assert!(
        link.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
    );
}

/// `-o` through a symbolic link, with `--follow-symlinks`, replaces the
/// file it leads to and keeps the link (a diagram kept elsewhere and linked
/// in stays linked). Without the flag the link is refused (tests/robust/attacks.rs).
#[test]
fn writes_through_a_link() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let real = dir.path().join("real.dot");
    let link = dir.path().join("link.dot");
    std::fs::write(&real, "old").expect("the old file");
    std::os::unix::fs::symlink("real.dot", &link).expect("a link");
    let args = vec![
        "graph".into(),
        MEDIA.into(),
        "-o".into(),
        link.clone().into(),
        "--follow-symlinks".into(),
    ];
    let out = chain(&args).output().expect("chain runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        link.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
    );
    let written = std::fs::read_to_string(&real).unwrap_or_default();
    assert!(written.starts_with("digraph"), "{written}");
    assert_eq!(entries(dir.path()), ["link.dot", "real.dot"]);
}
