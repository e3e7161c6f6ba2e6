//! Reading one team file's bytes as text, safely.
//!
//! Every file is opened without blocking and looked at before it is read.
//! An included file must be a regular file: never a pipe, a device or a
//! directory, which could hang the run or never end. The team file named on
//! the command line may be a stream the user made (standard input,
//! `<(git show ...)`, `/dev/stdin`), but when it is a regular file it too
//! must lie in the root once symbolic links are followed (a committed
//! `team.toml` linking to `/proc/self/environ` is refused). A regular file
//! is read up to the size it says it has, so a file of the kernel's that
//! calls itself empty (`/proc`) reads as empty. All files of a run together
//! hold at most [`MAX_FILE_BYTES`].

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use anyhow::Context as _;

use super::include::{Refusal, Root};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::source::{FileId, MAX_FILE_BYTES, Sources};
use crate::text::escape;

/// Reads the team file the command line names (not `-`), which must be in
/// `root` if it is a regular file.
pub fn read_root(sources: &mut Sources, path: &Path, root: &Root) -> Result<FileId, Error> {
    let name = path.display().to_string();
    let shown = || cannot(path);
    let file = open(path).with_context(shown)?;
    let meta = file.metadata().with_context(shown)?;
    let size = if meta.is_file() {
        // `/dev/stdin` and `/dev/fd/N` lead to wherever the shell pointed
        // them; no repository holds a file in `/dev`.
        if !path.starts_with("/dev") {
            let real = path.canonicalize().with_context(shown)?;
            if let Err(refusal) = root.inside(&real) {
                return Err(outside(&name, &refusal, root));
            }
        }
        Some(meta.len())
    } else if is_stream(&meta) {
        make_blocking(&file).with_context(shown)?;
        None
    } else {
        return Err(anyhow::anyhow!("{}", kind(&meta)).context(shown()).into());
    };
    let bytes = read_limited(file, size, left(sources)).with_context(shown)?;
    let text = utf8(&name, bytes)?;
    Ok(sources.add(name, text))
}

/// "cannot read `path`", the context of every error reading the team file.
fn cannot(path: &Path) -> String {
    format!("cannot read `{}`", escape(&path.display().to_string()))
}

/// The error for the team file at `path` that cannot be read.
pub fn cannot_read(path: &Path, e: io::Error) -> Error {
    Error::Other(anyhow::Error::new(e).context(cannot(path)))
}

/// Reads standard input as the team file.
pub fn read_stdin(sources: &mut Sources) -> Result<FileId, Error> {
    let name = "<stdin>".to_string();
    let bytes = read_limited(io::stdin().lock(), None, left(sources))
        .context("cannot read the team file from standard input")?;
    let text = utf8(&name, bytes)?;
    Ok(sources.add(name, text))
}

/// Reads the included file at `real` (symbolic links resolved), shown as
/// `name`; the error is why it cannot be, in a few words.
pub fn read_included(sources: &mut Sources, real: &Path, name: String) -> Result<FileId, Error> {
    // Looked at before it is opened, so no device is even opened; and
    // again after, in case it changed in between.
    let io = |e: io::Error| Error::Other(e.into());
    let meta = std::fs::metadata(real).map_err(io)?;
    if !meta.is_file() {
        return Err(anyhow::anyhow!("{}", kind(&meta)).into());
    }
    let file = open(real).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(anyhow::anyhow!("{}", kind(&meta)).into());
    }
    let bytes = read_limited(file, Some(meta.len()), left(sources))?;
    let text = utf8(&name, bytes)?;
    Ok(sources.add(name, text))
}

/// What is left of [`MAX_FILE_BYTES`] after the files already read.
fn left(sources: &Sources) -> u64 {
    let read: usize = sources.files().iter().map(|f| f.text.len()).sum();
    MAX_FILE_BYTES.saturating_sub(u64::try_from(read).unwrap_or(u64::MAX))
}

/// Opens `path` for reading without waiting: opening a pipe that no one
/// writes to would otherwise block for ever.
fn open(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Makes reads of `file` wait for data again, for a stream the user named:
/// `<(git show ...)` is a pipe whose writer may be slower than chain.
fn make_blocking(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd as _;
        let fd = file.as_raw_fd();
        // SAFETY: fcntl on a descriptor `file` owns, only reading and
        // setting its status flags.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        // SAFETY: as above.
        if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// Whether `meta` is a pipe, socket or character device: something read as
/// a stream, which the team file named on the command line may be.
fn is_stream(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let kind = meta.file_type();
        kind.is_fifo() || kind.is_socket() || kind.is_char_device()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// What a file that is not a regular file is, as the reason it is not read.
fn kind(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "it is a directory, not a file";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "it is a named pipe, not a regular file";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "it is a device, not a regular file";
        }
        if kind.is_socket() {
            return "it is a socket, not a regular file";
        }
    }
    "it is not a regular file"
}

/// The error for a team file whose real path is out of the root.
fn outside(name: &str, refusal: &Refusal, root: &Root) -> Error {
    let shown = escape(name);
    let message = match refusal {
        Refusal::GitDirectory => format!(
            "refusing to read `{shown}`: it leads into a `.git` directory, which is Git's, not the team's"
        ),
        _ => format!(
            "refusing to read `{shown}`: it is a symbolic link that leads out of {}",
            root.describe()
        ),
    };
    Diagnostic::error(message)
        .help("name the file itself, or widen the directory chain may read from with `--root DIR`")
        .into()
}

/// Everything `reader` holds, if that is at most `limit` bytes; `size` is
/// what a regular file says it holds, and no more is read.
pub fn read_limited(reader: impl Read, size: Option<u64>, limit: u64) -> anyhow::Result<Vec<u8>> {
    let too_large = || {
        anyhow::anyhow!(
            "chain reads at most {} MiB of team files in one run, and this goes past it",
            MAX_FILE_BYTES >> 20
        )
    };
    if size.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let capacity = usize::try_from(size.unwrap_or(0)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(size.unwrap_or(limit.saturating_add(1)))
        .read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).map_or(true, |n| n > limit) {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The bytes of the file `name` as text, or an error naming the first byte
/// that is not UTF-8.
pub fn utf8(name: &str, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| not_utf8(name, e.as_bytes(), e.utf8_error().valid_up_to()))
}

/// The error for a file that is not UTF-8, naming where the first bad byte is.
fn not_utf8(name: &str, bytes: &[u8], valid_up_to: usize) -> Error {
    let valid = bytes.get(..valid_up_to).unwrap_or_default();
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(valid.get(line_start..).unwrap_or_default())
        .chars()
        .count()
        + 1;
    let message = format!(
        "`{}` is not valid UTF-8: the byte at {line}:{column} is not part of any character",
        escape(name)
    );
    Diagnostic::error(message)
        .help("a team file is text in UTF-8; re-save it in that encoding")
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source past the limit is refused whether its size is known
    /// beforehand (a file) or only found by reading (a pipe); a file is
    /// read up to the size it gives.
    #[test]
    fn reads_up_to_the_limit() {
        let ten = &b"0123456789"[..];
        assert_eq!(read_limited(ten, None, 10).ok().as_deref(), Some(ten));
        assert!(read_limited(ten, None, 9).is_err());
        assert!(read_limited(&b""[..], Some(11), 10).is_err());
        assert_eq!(
            read_limited(ten, Some(4), 10).ok().as_deref(),
            Some(&ten[..4])
        );
        assert_eq!(
            read_limited(ten, Some(0), 10).ok().as_deref(),
            Some(&b""[..])
        );
        let message = read_limited(ten, Some(10), 5).err().map(|e| e.to_string());
        assert!(message.is_some_and(|m| m.contains("256 MiB")));
    }
}
