//! The `chain` binary: parse the command line, run, map the result to an exit code.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::ffi::OsString;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anstream::AutoStream;
use clap::Parser;

use chain::cli::{Cli, ColorChoice};
use chain::workflow::{Inert, in_github_actions};

fn main() -> ExitCode {
    ignore_file_size_signal();
    let args: Vec<OsString> = std::env::args_os().collect();
    // clap writes help and usage errors itself, before `Cli` exists: set
    // the colour choice from the raw arguments first so they honour it too.
    anstream_choice(chain::cli::color_in_args(&args)).write_global();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => return command_line(&e, &args),
    };
    let choice = anstream_choice(cli.color);
    choice.write_global();
    let stdout = std::io::stdout();
    let out_color = AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
    let err_choice = AutoStream::choice(&std::io::stderr());
    let err_color = err_choice != anstream::ColorChoice::Never;
    let out_width = terminal_size::terminal_size_of(&stdout).map(|(w, _)| usize::from(w.0));
    let guard = in_github_actions();
    let out_raw = inert_if(guard && !cli.writes_workflow_commands(), stdout.lock());
    // Styles are only written when the stream takes colour, so standard
    // output needs no stripping; anstream still adapts them for the console.
    let raw: Box<dyn Write> = if out_color {
        Box::new(AutoStream::always(out_raw))
    } else {
        out_raw
    };
    let mut out = BufWriter::with_capacity(1 << 16, raw);
    let mut err = AutoStream::new(inert_if(guard, std::io::stderr().lock()), err_choice);
    let mut output = chain::Output {
        out: &mut out,
        err: &mut err,
        out_color,
        err_color,
        out_width,
    };
    let code = match chain::run(cli, &mut output) {
        Ok(exit) => exit.code(),
        Err(e) => report(&e, &mut out, &mut err, err_color),
    };
    ExitCode::from(code)
}

/// Writes `e` to standard error (nothing for a reader that went away) and
/// returns its exit code.
fn report(e: &chain::Error, out: &mut dyn Write, err: &mut dyn Write, err_color: bool) -> u8 {
    if e.is_broken_pipe() {
        return 0;
    }
    let _ = out.flush();
    let _ = err.write_all(e.render(err_color).as_bytes());
    e.exit_code()
}

/// `stream`, passed through [`Inert`] when `inert` (in a GitHub Actions
/// job), so nothing written to it can be taken for a workflow command.
fn inert_if(inert: bool, stream: impl Write + 'static) -> Box<dyn Write> {
    if inert {
        Box::new(Inert::new(stream))
    } else {
        Box::new(stream)
    }
}

/// Help and version go to standard output, where failing to write them is
/// an error like any other; usage errors go to standard error, escaped when
/// the arguments they repeat hold control characters.
fn command_line(e: &clap::Error, args: &[OsString]) -> ExitCode {
    let guard = in_github_actions();
    let err_choice = AutoStream::choice(&std::io::stderr());
    let err_color = err_choice != anstream::ColorChoice::Never;
    let mut err = AutoStream::new(inert_if(guard, std::io::stderr().lock()), err_choice);
    if !e.use_stderr() {
        let out_choice = AutoStream::choice(&std::io::stdout());
        let mut out = AutoStream::new(inert_if(guard, std::io::stdout().lock()), out_choice);
        let written = write!(out, "{}", e.render().ansi()).and_then(|()| out.flush());
        return match written {
            Ok(()) => ExitCode::SUCCESS,
            Err(io) => {
                let what = match e.kind() {
                    clap::error::ErrorKind::DisplayVersion => "cannot write the version",
                    _ => "cannot write the help",
                };
                let e = chain::Error::Other(anyhow::Error::new(io).context(what));
                ExitCode::from(report(&e, &mut std::io::sink(), &mut err, err_color))
            }
        };
    }
    let text = match chain::cli::escaped_error(e, args) {
        Some(text) => text,
        None => e.render().ansi().to_string(),
    };
    let _ = err.write_all(text.as_bytes());
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// Lets a write past the file size limit (`ulimit -f`) fail with an error
/// that chain reports, and its temporary file be removed, instead of the
/// signal killing the process half-way through (Rust ignores SIGPIPE the
/// same way, for the same reason).
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN installs no
    // handler, and runs first thing, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

fn anstream_choice(choice: ColorChoice) -> anstream::ColorChoice {
    match choice {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    }
}
