//! Rendering DOT to an image with Graphviz: `dot -Tsvg` (or png, pdf) with
//! the DOT text on its standard input and the image read from its standard
//! output, so no temporary DOT file is left anywhere.
//!
//! Graphviz gets a time limit and a size limit: past either it is killed and
//! nothing is written. It is also killed if chain is interrupted
//! ([`crate::interrupt`]), and, on Linux, if chain dies any other way.

use std::io::{self, Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::target::Image;
use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// The Graphviz program that lays out directed graphs.
const DOT: &str = "dot";

/// The largest image kept: as much as all the team files of a run may be.
const MAX_IMAGE_BYTES: u64 = 256 << 20;

/// The most of Graphviz's warnings kept.
const MAX_WARNING_BYTES: u64 = 64 << 10;

/// What Graphviz produced.
#[derive(Debug)]
pub struct Rendered {
    /// The image.
    pub bytes: Vec<u8>,
    /// What Graphviz said on standard error although it succeeded (font
    /// and layout warnings), trimmed; empty when it said nothing. Shown
    /// only through a [`Diagnostic`], which escapes it.
    pub warnings: String,
}

/// How a run of Graphviz ended.
enum Ended {
    /// By itself.
    Exited(ExitStatus),
    /// Killed: it ran past the time limit.
    TimedOut,
    /// Killed: its image grew past [`MAX_IMAGE_BYTES`].
    TooLarge,
}

/// Renders `dot` text as `image` by running Graphviz `dot`, stopping it
/// after `limit` if given.
pub fn render(dot: &[u8], image: Image, limit: Option<Duration>) -> Result<Rendered, Error> {
    render_if_installed(dot, image, limit)?.ok_or_else(|| not_installed(image))
}

/// [`render`], or `None` when Graphviz is not installed.
pub fn render_if_installed(
    dot: &[u8],
    image: Image,
    limit: Option<Duration>,
) -> Result<Option<Rendered>, Error> {
    let flag = format!("-T{}", image.as_str());
    let mut child = match spawn(&flag) {
        Ok(child) => child,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(anyhow::Error::new(e)
                .context("cannot run Graphviz `dot`")
                .into());
        }
    };
    let _killed_if_interrupted = crate::interrupt::kill_on_signal(child.id());
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let too_large = AtomicBool::new(false);
    let deadline = limit.map(|l| Instant::now() + l);
    // Feed standard input and read the outputs on other threads: dot may
    // write a large image before it has read all its input, and a pipe
    // holds only so much.
    let (ended, image_bytes, said) = std::thread::scope(|scope| {
        scope.spawn(move || {
            if let Some(mut pipe) = stdin {
                // A dot that stops reading fails, and says why on stderr.
                let _ = pipe.write_all(dot);
            }
        });
        let out = scope.spawn(|| read_capped(stdout, MAX_IMAGE_BYTES, Some(&too_large)));
        let err = scope.spawn(|| read_capped(stderr, MAX_WARNING_BYTES, None));
        let ended = wait(&mut child, deadline, &too_large);
        let out = out.join().unwrap_or_default();
        let err = err.join().unwrap_or_default();
        (ended, out, err)
    });
    let ended = ended.map_err(|e| anyhow::Error::new(e).context("cannot run Graphviz `dot`"))?;
    let said = String::from_utf8_lossy(&said).trim().to_string();
    match ended {
        Ended::Exited(status) if status.success() => Ok(Some(Rendered {
            bytes: image_bytes,
            warnings: said,
        })),
        Ended::Exited(status) => Err(failed(&flag, status, &said)),
        Ended::TimedOut => Err(timed_out(&flag, limit.unwrap_or_default())),
        Ended::TooLarge => Err(Diagnostic::error(format!(
            "Graphviz `dot {flag}` made an image of more than {} MiB, and was stopped; nothing was written",
            MAX_IMAGE_BYTES >> 20
        ))
        .help("draw fewer nodes (`--focus`, `--collapse`), or write DOT with `-o FILE.dot`")
        .into()),
    }
}

/// Starts `dot` with all three streams piped.
fn spawn(flag: &str) -> io::Result<Child> {
    let mut command = Command::new(DOT);
    command
        .arg(flag)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt as _;
        // SAFETY: prctl is async-signal-safe, and this closure touches
        // nothing else of the parent between fork and exec.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
    }
    command.spawn()
}

/// Everything `pipe` gives up to `max` bytes; past that, `over` is set
/// (the caller then kills the writer) and the rest is thrown away.
fn read_capped(pipe: Option<impl Read>, max: u64, over: Option<&AtomicBool>) -> Vec<u8> {
    let mut bytes = Vec::new();
    let Some(mut pipe) = pipe else {
        return bytes;
    };
    let _ = pipe.by_ref().take(max).read_to_end(&mut bytes);
    let mut rest = [0_u8; 1];
    if matches!(pipe.read(&mut rest), Ok(n) if n > 0) {
        if let Some(over) = over {
            over.store(true, Ordering::SeqCst);
        }
        let _ = io::copy(&mut pipe, &mut io::sink());
    }
    bytes
}

/// Waits for `child` to end, killing it at `deadline` or when its image
/// grows too large.
fn wait(child: &mut Child, deadline: Option<Instant>, too_large: &AtomicBool) -> io::Result<Ended> {
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Ended::Exited(status));
        }
        let ended = if too_large.load(Ordering::SeqCst) {
            Some(Ended::TooLarge)
        } else if deadline.is_some_and(|d| Instant::now() >= d) {
            Some(Ended::TimedOut)
        } else {
            None
        };
        if let Some(ended) = ended {
            let _ = child.kill();
            child.wait()?;
            return Ok(ended);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// The error for a Graphviz that failed by itself.
fn failed(flag: &str, status: ExitStatus, said: &str) -> Error {
    let status = status.code().map_or_else(
        || "it was killed".to_string(),
        |c| format!("exit status {c}"),
    );
    let message = format!("Graphviz `dot {flag}` failed ({status}); nothing was written");
    let d = Diagnostic::error(message);
    if said.is_empty() { d } else { d.said(said) }.into()
}

/// The error for a Graphviz stopped at the time limit.
fn timed_out(flag: &str, limit: Duration) -> Error {
    Diagnostic::error(format!(
        "Graphviz `dot {flag}` took longer than {} s and was stopped; nothing was written",
        limit.as_secs()
    ))
    .help("`--graphviz-timeout SECONDS` allows longer (0: no limit); drawing fewer nodes (`--focus`, `--collapse`) is faster")
    .into()
}

fn not_installed(image: Image) -> Error {
    Diagnostic::error(format!(
        "cannot draw {}: Graphviz `dot` is not on PATH",
        image.as_str()
    ))
    .help(
        "install Graphviz (the `graphviz` package: `apt-get install graphviz`, `brew install graphviz`, \
         `choco install graphviz`), or write DOT with `-o FILE.dot` and render it elsewhere",
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A failed Graphviz's message of several lines is shown line by
    /// line, not run together with escaped line breaks.
    #[cfg(unix)]
    #[test]
    fn a_failure_shows_what_graphviz_said_line_by_line() {
        use std::os::unix::process::ExitStatusExt as _;
        let status = ExitStatus::from_raw(3 << 8);
        let e = failed("-Tsvg", status, "Warning: one\nError: two");
        let shown = e.render(false);
        assert!(shown.contains("failed (exit status 3)"), "{shown}");
        assert!(!shown.contains("\\u{a}"), "{shown}");
        assert!(shown.lines().any(|l| l.trim() == "Error: two"), "{shown}");
    }
}
