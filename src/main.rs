//! The `chain` binary: parse the command line, run, map the result to an exit code.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anstream::AutoStream;
use clap::Parser;

use chain::cli::{Cli, ColorChoice};

fn main() -> ExitCode {
    // clap writes help and usage errors itself, before `Cli` exists: set
    // the colour choice from the raw arguments first so they honour it too.
    anstream_choice(chain::cli::color_in_args(std::env::args_os())).write_global();
    let cli = Cli::parse();
    let choice = anstream_choice(cli.color);
    choice.write_global();
    let stdout = std::io::stdout();
    let out_color = AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
    let err_color = AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
    // Styles are only written when the stream takes colour, so standard
    // output needs no stripping; anstream still adapts them for the console.
    let raw: Box<dyn Write> = if out_color {
        Box::new(AutoStream::always(stdout.lock()))
    } else {
        Box::new(stdout.lock())
    };
    let mut out = BufWriter::with_capacity(1 << 16, raw);
    let mut err = AutoStream::new(std::io::stderr().lock(), choice);
    let mut output = chain::Output {
        out: &mut out,
        err: &mut err,
        out_color,
        err_color,
    };
    let code = match chain::run(cli, &mut output) {
        Ok(exit) => exit.code(),
        Err(e) if e.is_broken_pipe() => 0,
        Err(e) => {
            let _ = out.flush();
            let _ = err.write_all(e.render(err_color).as_bytes());
            e.exit_code()
        }
    };
    ExitCode::from(code)
}

fn anstream_choice(choice: ColorChoice) -> anstream::ColorChoice {
    match choice {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    }
}
