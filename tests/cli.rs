//! The conventions of the command line itself: help with examples on every
//! command, completion scripts, manual pages, and colour that follows
//! `--color`, NO_COLOR and CLICOLOR_FORCE on every command.

use clap::CommandFactory;

use chain::cli::Cli;

use crate::util::{chain, chain_env, tool};

const ESC: char = '\u{1b}';

/// Every subcommand at every depth (clap's own `help` aside).
fn subcommands() -> Vec<clap::Command> {
    let mut found = Vec::new();
    let mut stack: Vec<clap::Command> = Cli::command().get_subcommands().cloned().collect();
    while let Some(command) = stack.pop() {
        stack.extend(command.get_subcommands().cloned());
        if command.get_name() != "help" {
            found.push(command);
        }
    }
    found.sort_by(|a, b| a.get_name().cmp(b.get_name()));
    found
}

/// Every command's `--help` ends with a block of examples, each a `chain`
/// command line, so commands added later are held to it too.
#[test]
fn every_command_has_examples() {
    let commands = subcommands();
    assert!(commands.len() >= 6);
    for command in commands {
        let name = command.get_name().to_string();
        let after = command
            .get_after_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(
            after.starts_with("Examples:\n"),
            "`chain {name}` has no examples block"
        );
        assert!(
            after.contains(&format!("  chain {name}")),
            "`chain {name}`'s examples do not run it"
        );
        let help = chain(&[&name, "--help"]);
        assert_eq!(help.code, 0);
        assert!(
            help.stdout.contains("Examples:\n  chain "),
            "{}",
            help.stdout
        );
    }
}

/// `chain --help` lists every command with its one-line summary.
#[test]
fn main_help_lists_every_command() {
    let run = chain(&["--help"]);
    assert_eq!(run.code, 0);
    for command in subcommands().iter().filter(|c| !c.is_hide_set()) {
        let about = command
            .get_about()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(
            !about.is_empty() && !about.contains('\n'),
            "{}",
            command.get_name()
        );
        let line = format!("  {:<12} {about}\n", command.get_name());
        assert!(
            run.stdout.contains(&line),
            "missing {line:?} in\n{}",
            run.stdout
        );
    }
}

/// Each shell's completion script is produced and knows every command.
#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = chain(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for command in subcommands() {
            assert!(
                run.stdout.contains(command.get_name()),
                "{shell} lacks {}",
                command.get_name()
            );
        }
    }
    // Values are completed too: graph's formats, the page among them.
    let bash = chain(&["completions", "bash"]).stdout;
    assert!(bash.contains("\"dot mermaid json html\""), "{bash}");
    let run = chain(&["completions", "tcsh"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("possible values: bash, elvish, fish, powershell, zsh"),
        "{}",
        run.stderr
    );
}

/// Checks a manual page is roff a man reader takes: a title, the standard
/// sections, only known requests, and (where groff is installed) no
/// warning from groff itself.
fn assert_valid_roff(page: &str, title: &str) {
    assert!(page.contains(&format!(".TH {title} 1 ")), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS"] {
        assert!(page.contains(section), "{section} in\n{page}");
    }
    let known = ["ie", "el", "TH", "SH", "TP", "PP", "RS", "RE", "IP", "br"];
    for line in page.lines().filter(|l| l.starts_with('.')) {
        let request = line
            .trim_start_matches('.')
            .split([' ', '\\'])
            .next()
            .unwrap_or_default();
        assert!(known.contains(&request), "unknown request in {line:?}");
    }
    if !tool::has("groff") {
        return;
    }
    let mut groff = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("groff runs");
    use std::io::Write as _;
    groff.stdin.take().map(|mut s| s.write_all(page.as_bytes()));
    let out = groff.wait_with_output().expect("groff finishes");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `chain man` is chain(1), naming every command; `chain man CMD` is the
/// command's own page; an unknown command gets a suggestion.
#[test]
fn manual_pages() {
    let run = chain(&["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_valid_roff(&run.stdout, "chain");
    for command in subcommands() {
        let page = format!("chain\\-{}(1)", command.get_name());
        assert!(run.stdout.contains(&page), "{page}");
        let own = chain(&["man", command.get_name()]);
        assert_eq!(own.code, 0, "{}", own.stderr);
        assert_valid_roff(&own.stdout, &format!("chain-{}", command.get_name()));
    }
    let run = chain(&["man", "stat"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `stats`?"),
        "{}",
        run.stderr
    );
}

/// Commands whose text output may be coloured, and machine formats that never are.
const STYLED: &[&[&str]] = &[
    &["map", "examples/media-team.toml"],
    &["map", "examples/media-team.toml", "wren"],
    &["stats", "examples/media-team.toml"],
];
const PLAIN: &[&[&str]] = &[
    &["map", "examples/media-team.toml", "--format", "json"],
    &["stats", "examples/media-team.toml", "--format", "json"],
    &["schema"],
    &["init", "-"],
    &["completions", "bash"],
    &["man"],
];

fn colored(args: &[&str], env: &[(&str, &str)]) -> (bool, bool) {
    let run = chain_env(args, None, env);
    (run.stdout.contains(ESC), run.stderr.contains(ESC))
}

/// Output and errors are never coloured into a pipe by default; CLICOLOR_FORCE
/// and `--color always` colour them, NO_COLOR and `--color never` win over
/// CLICOLOR_FORCE, and machine formats are never coloured at all.
#[test]
fn colour_follows_the_conventions() {
    let force = [("CLICOLOR_FORCE", "1")];
    let both = [("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")];
    for &args in STYLED {
        assert!(!colored(args, &[]).0, "{args:?} in a pipe");
        assert!(colored(args, &force).0, "{args:?} with CLICOLOR_FORCE");
        assert!(!colored(args, &both).0, "{args:?} with NO_COLOR");
        let always: Vec<&str> = args.iter().copied().chain(["--color", "always"]).collect();
        assert!(colored(&always, &both).0, "{args:?} --color always");
        let never: Vec<&str> = args.iter().copied().chain(["--color=never"]).collect();
        assert!(!colored(&never, &force).0, "{args:?} --color=never");
    }
    for &args in PLAIN {
        let always: Vec<&str> = args.iter().copied().chain(["--color", "always"]).collect();
        assert!(!colored(&always, &force).0, "{args:?} is never coloured");
    }
    let error = ["map", "no-such-file.toml"];
    assert_eq!(colored(&error, &[]), (false, false));
    assert_eq!(colored(&error, &force), (false, true));
    assert_eq!(
        colored(&["--color", "always", "map", "no-such-file.toml"], &both),
        (false, true)
    );
    assert_eq!(colored(&error, &both), (false, false));
}

/// clap's own help and usage errors honour the same choice.
#[test]
fn help_and_usage_errors_honour_colour() {
    let force = [("CLICOLOR_FORCE", "1")];
    assert_eq!(colored(&["--help"], &[]), (false, false));
    assert_eq!(colored(&["--help"], &force), (true, false));
    assert_eq!(
        colored(&["--color", "never", "--help"], &force),
        (false, false)
    );
    assert_eq!(
        colored(&["stats", "--help", "--color=always"], &[]),
        (true, false)
    );
    assert_eq!(colored(&["stats"], &force), (false, true));
    assert_eq!(
        colored(&["stats", "--color", "never"], &force),
        (false, false)
    );
}
