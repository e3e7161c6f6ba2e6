//! Writing files so that nothing the user had is lost: every file chain
//! writes goes to a temporary file in the same directory, is flushed to
//! disk, and is then renamed into place. A failure at any point leaves the
//! old file (or no file) where it was, never a half-written one, and an
//! interrupted run leaves no temporary file ([`crate::interrupt`]); a
//! command never writes over one of its own input files.
//!
//! Nor does it write anywhere but where the user pointed: a symbolic link
//! at the path is refused unless [`Links::Follow`] is asked for, since a
//! repository can hold one (`out/diagram.dot -> ../../run.sh`) to turn a
//! diagram into an overwrite of any file the job can write. The written
//! file is never executable, whatever the file it replaces was.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::text::escape;

/// What to do when the destination exists already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Replace it (atomically).
    Replace,
    /// Refuse, and leave it alone.
    CreateNew,
}

/// What to do when the destination is a symbolic link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// Refuse to write (except in `/dev`, the system's, where
    /// `/dev/stdout` is a link the user means).
    Refuse,
    /// Write through it: the file it leads to is replaced, the link stays.
    Follow,
}

/// Writes `contents` to `path` atomically. `inputs` are the files the
/// command read: writing over any of them is refused.
pub fn write(
    path: &Path,
    contents: &[u8],
    inputs: &[&Path],
    mode: Mode,
    links: Links,
) -> Result<(), Error> {
    write_with(path, inputs, mode, links, |file| file.write_all(contents))
}

/// Like [`write()`], with the contents produced by `fill` writing into the
/// temporary file (for output too large to hold in memory).
///
/// A device or a pipe (`/dev/null`, `/dev/stdout` when that is a pipe) is
/// written in place, since it holds nothing to lose and cannot be renamed
/// over.
pub fn write_with(
    path: &Path,
    inputs: &[&Path],
    mode: Mode,
    links: Links,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), Error> {
    refuse_inputs(path, inputs)?;
    if mode == Mode::CreateNew && path.symlink_metadata().is_ok() {
        return Err(exists(path));
    }
    refuse_link(path, links)?;
    let shown = escape(&path.display().to_string()).into_owned();
    let target = match destination(path) {
        Destination::File(target) => target,
        Destination::Special => return write_in_place(path, &shown, fill),
    };
    let dir = directory(&target)?;
    let mut removed_if_interrupted = None;
    let mut temp = tempfile::Builder::new()
        .prefix(".chain-")
        .suffix(".tmp")
        .make_in(&dir, |candidate| {
            // Registered before the file exists, so that a signal at any
            // moment finds it (or finds nothing to remove yet).
            drop(removed_if_interrupted.take());
            removed_if_interrupted = Some(crate::interrupt::remove_on_signal(candidate));
            create(candidate, &target)
        })
        .with_context(|| format!("cannot create a temporary file beside `{shown}`"))?;
    fill(temp.as_file_mut())
        .and_then(|()| temp.as_file_mut().flush())
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("cannot write `{shown}`"))?;
    match mode {
        Mode::Replace => temp.persist(&target).map(drop).map_err(|e| e.error),
        Mode::CreateNew => temp
            .persist_noclobber(&target)
            .map(drop)
            .map_err(|e| e.error),
    }
    .map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            exists(path)
        } else {
            Error::Other(anyhow::Error::new(e).context(format!("cannot write `{shown}`")))
        }
    })
}

/// Where writing a path goes.
enum Destination {
    /// A file (existing or not) to replace atomically.
    File(PathBuf),
    /// Something that is not a file, to write in place.
    Special,
}

fn destination(path: &Path) -> Destination {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => Destination::Special,
        _ => Destination::File(follow_links(path)),
    }
}

/// `path` with symbolic links followed (even to a file that does not exist
/// yet), so that the link itself is never replaced.
fn follow_links(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    // The kernel's own limit on links in a row, against loops.
    for _ in 0..40 {
        let is_link = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        let Some(link) = is_link.then(|| std::fs::read_link(&path).ok()).flatten() else {
            break;
        };
        path = match path.parent() {
            // `join` keeps an absolute link as it is.
            Some(dir) => dir.join(link),
            None => link,
        };
    }
    path
}

/// Writes a device or pipe directly.
fn write_in_place(
    path: &Path,
    shown: &str,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), Error> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open `{shown}`"))?;
    fill(&mut file)
        .and_then(|()| file.flush())
        .with_context(|| format!("cannot write `{shown}`"))?;
    Ok(())
}

/// Creates the temporary file `path`, which must not exist, for a file
/// that will replace `target`. It gets the read and write bits of the file
/// it replaces, or what any new file gets (`0o666` less the umask), not the
/// owner-only mode of a temporary file: a diagram or team file is meant to
/// be shared, and never run, so no execute or set-id bit is kept.
fn create(path: &Path, target: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
        let mode = std::fs::metadata(target).map_or(0o666, |m| m.permissions().mode() & 0o666);
        options.mode(mode);
    }
    let file = options.open(path)?;
    #[cfg(not(unix))]
    if let Ok(meta) = std::fs::metadata(target) {
        file.set_permissions(meta.permissions())?;
    }
    Ok(file)
}

/// Checks that `path` could be written (its directory exists, it is none
/// of `inputs`, it is no link unless links are followed) before a command
/// does slow work whose result would then be thrown away.
pub fn check(path: &Path, inputs: &[&Path], links: Links) -> Result<(), Error> {
    refuse_inputs(path, inputs)?;
    refuse_link(path, links)?;
    directory(path).map(drop)
}

/// Refuses a symbolic link at `path` unless `links` says to follow it.
fn refuse_link(path: &Path, links: Links) -> Result<(), Error> {
    let is_link = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    if !is_link || links == Links::Follow || path.starts_with("/dev") {
        return Ok(());
    }
    let shown = escape(&path.display().to_string()).into_owned();
    Err(Diagnostic::error(format!(
        "refusing to write `{shown}`: it is a symbolic link, which could lead anywhere"
    ))
    .help("give `--follow-symlinks` to write the file it leads to, or write to another path")
    .into())
}

/// The directory `path` will be written in, which must exist.
fn directory(path: &Path) -> Result<PathBuf, Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if dir.is_dir() {
        return Ok(dir);
    }
    let shown = escape(&dir.display().to_string()).into_owned();
    Err(Diagnostic::error(format!(
        "cannot write `{}`: the directory `{shown}` does not exist",
        escape(&path.display().to_string())
    ))
    .help("create the directory first, or write somewhere else")
    .into())
}

/// Refuses to write over any of `inputs` (`-`, standard input, is never a file).
fn refuse_inputs(path: &Path, inputs: &[&Path]) -> Result<(), Error> {
    let Ok(target) = path.canonicalize() else {
        // The destination does not exist yet, so it is none of the inputs.
        return Ok(());
    };
    for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
        if input.canonicalize().is_ok_and(|i| i == target) {
            let shown = escape(&path.display().to_string()).into_owned();
            return Err(Diagnostic::error(format!(
                "refusing to write over the input file `{shown}`"
            ))
            .help("choose another output path")
            .into());
        }
    }
    Ok(())
}

fn exists(path: &Path) -> Error {
    let shown = escape(&path.display().to_string()).into_owned();
    Diagnostic::error(format!(
        "`{shown}` already exists; refusing to overwrite it"
    ))
    .help("choose another path, or move the existing file away first")
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir() -> tempfile::TempDir {
        tempfile::tempdir().expect("a temporary directory")
    }

    /// A write replaces the file whole and leaves no temporary file behind.
    #[test]
    fn replaces_atomically() {
        let dir = temp_dir();
        let path = dir.path().join("out.dot");
        std::fs::write(&path, "old").ok();
        write(&path, b"new", &[], Mode::Replace, Links::Refuse).expect("the write works");
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("new"));
        let entries = std::fs::read_dir(dir.path())
            .map(Iterator::count)
            .unwrap_or(0);
        assert_eq!(entries, 1);
    }

    /// A failing writer leaves the old file untouched and no temporary file.
    #[test]
    fn failure_keeps_the_old_file() {
        let dir = temp_dir();
        let path = dir.path().join("out.dot");
        std::fs::write(&path, "old").ok();
        let result = write_with(&path, &[], Mode::Replace, Links::Refuse, |f| {
            f.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("old"));
        let entries = std::fs::read_dir(dir.path())
            .map(Iterator::count)
            .unwrap_or(0);
        assert_eq!(entries, 1);
    }

    /// Writing over an input is refused, whatever path spells it.
    #[test]
    fn refuses_to_overwrite_inputs() {
        let dir = temp_dir();
        let input = dir.path().join("team.toml");
        std::fs::write(&input, "[org]").ok();
        let spelled = dir.path().join(".").join("team.toml");
        let err = write(&spelled, b"x", &[&input], Mode::Replace, Links::Refuse).err();
        let text = err.map(|e| e.render(false)).unwrap_or_default();
        assert!(
            text.contains("refusing to write over the input file"),
            "{text}"
        );
        assert_eq!(
            std::fs::read_to_string(&input).ok().as_deref(),
            Some("[org]")
        );
    }

    /// `CreateNew` never replaces an existing file.
    #[test]
    fn create_new_keeps_existing_files() {
        let dir = temp_dir();
        let path = dir.path().join("team.toml");
        std::fs::write(&path, "mine").ok();
        let text = write(&path, b"starter", &[], Mode::CreateNew, Links::Refuse)
            .err()
            .map(|e| e.render(false))
            .unwrap_or_default();
        assert!(text.contains("already exists"), "{text}");
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("mine"));
    }

    /// A new file gets the usual permissions (not the temporary file's
    /// owner-only ones); a replaced file keeps its own read and write
    /// bits, and loses its execute and set-id bits.
    #[cfg(unix)]
    #[test]
    fn keeps_usual_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = temp_dir();
        let path = dir.path().join("new.svg");
        write(&path, b"x", &[], Mode::Replace, Links::Refuse).expect("the write works");
        let mode = |p: &Path| {
            std::fs::metadata(p)
                .map(|m| m.permissions().mode() & 0o7777)
                .unwrap_or(0)
        };
        // What the umask gives any new file.
        let plain = dir.path().join("plain");
        std::fs::write(&plain, "x").ok();
        assert_eq!(mode(&path), mode(&plain));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).ok();
        write(&path, b"y", &[], Mode::Replace, Links::Refuse).expect("the write works");
        assert_eq!(mode(&path), 0o640);
        // An executable file replaced by a diagram is no longer executable.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o4755)).ok();
        write(&path, b"z", &[], Mode::Replace, Links::Refuse).expect("the write works");
        assert_eq!(mode(&path), 0o644);
    }

    /// A symbolic link is refused, and leaves its file alone; asked to
    /// follow it, the write goes through: its file changes, the link stays.
    #[cfg(unix)]
    #[test]
    fn writes_through_links() {
        let dir = temp_dir();
        let real = dir.path().join("real.dot");
        let link = dir.path().join("link.dot");
        let dangling = dir.path().join("dangling.dot");
        std::fs::write(&real, "old").ok();
        std::os::unix::fs::symlink("real.dot", &link).ok();
        std::os::unix::fs::symlink("later.dot", &dangling).ok();
        for path in [&link, &dangling] {
            let text = write(path, b"x", &[], Mode::Replace, Links::Refuse)
                .err()
                .map(|e| e.render(false))
                .unwrap_or_default();
            assert!(text.contains("is a symbolic link"), "{text}");
        }
        assert_eq!(std::fs::read_to_string(&real).ok().as_deref(), Some("old"));
        assert!(!dir.path().join("later.dot").exists());
        write(&link, b"new", &[], Mode::Replace, Links::Follow).expect("the write works");
        write(&dangling, b"made", &[], Mode::Replace, Links::Follow).expect("the write works");
        let is_link = |p: &Path| {
            p.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
        };
        assert!(is_link(&link) && is_link(&dangling));
        assert_eq!(std::fs::read_to_string(&real).ok().as_deref(), Some("new"));
        let later = dir.path().join("later.dot");
        assert_eq!(std::fs::read_to_string(later).ok().as_deref(), Some("made"));
    }

    /// A pipe (as a device would be) is written in place, never replaced
    /// by a file.
    #[cfg(unix)]
    #[test]
    fn writes_pipes_in_place() {
        let dir = temp_dir();
        let fifo = dir.path().join("pipe.dot");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // No mkfifo here: nothing to test with.
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap_or_default())
        };
        write(&fifo, b"through", &[], Mode::Replace, Links::Refuse).expect("the write works");
        assert_eq!(reader.join().ok().as_deref(), Some(&b"through"[..]));
        let meta = std::fs::symlink_metadata(&fifo).ok();
        assert!(
            meta.is_some_and(|m| !m.is_file()),
            "the pipe is still a pipe"
        );
    }

    /// A missing directory is a clear error, not a panic.
    #[test]
    fn missing_directory() {
        let dir = temp_dir();
        let path = dir.path().join("no").join("such").join("out.svg");
        let text = write(&path, b"x", &[], Mode::Replace, Links::Refuse)
            .err()
            .map(|e| e.render(false))
            .unwrap_or_default();
        assert!(text.contains("does not exist"), "{text}");
    }
}
