//! `chain check`: severity from the file's `[check]` and the command line,
//! their precedence, `--deny warnings`, `--explain`, and the exit codes.

use crate::util::{chain, chain_on, json};

/// A file with two warnings (`orphan-role`, `unserved-external`) and one
/// allowed finding (`sole-holder`), and `[check]` added by the caller.
fn team(check: &str) -> String {
    format!(
        r#"
[external.buyers]
pays = true
[external.press]
[roles.seller]
hands_to = ["buyers"]
[roles.scout]
hands_to = ["seller"]
[people.ann]
roles = ["seller"]
{check}"#
    )
}

/// (code, severity) of each finding reported, and the exit code.
fn reported(text: &str, flags: &[&str]) -> (Vec<(String, String)>, i32) {
    let mut args = vec!["check", "-", "--format", "json"];
    args.extend_from_slice(flags);
    let run = chain_on(text, &args);
    let doc = json(&run);
    let list = doc["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("severity"))
        })
        .collect();
    (list, run.code)
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|&(c, s)| (c.to_string(), s.to_string()))
        .collect()
}

/// The defaults: warnings pass, allowed codes are not reported, and an
/// error (nobody pays) fails with exit 1.
#[test]
fn default_severities() {
    let (found, code) = reported(&team(""), &[]);
    assert_eq!(
        found,
        pairs(&[("unserved-external", "warning"), ("orphan-role", "warning")])
    );
    assert_eq!(code, 0);
    let unpaid = "[external.buyers]\n[people.ann]\nhands_to = [\"buyers\"]\n";
    let (found, code) = reported(unpaid, &[]);
    assert_eq!(found, pairs(&[("no-paying-customer", "error")]));
    assert_eq!(code, 1);
}

/// `[check]` in the file changes severities; the file then passes.
#[test]
fn severity_from_the_file() {
    let check = "[check]\nwarn = [\"orphan-role\"]\nallow = [\"unserved-external\"]\ndeny = [\"sole-holder\"]\n";
    let (found, code) = reported(&team(check), &[]);
    assert_eq!(
        found,
        pairs(&[("sole-holder", "error"), ("orphan-role", "warning")])
    );
    assert_eq!(code, 1);
    let (found, code) = reported(&team("[check]\nwarn = [\"orphan-role\"]\n"), &[]);
    assert_eq!(
        found,
        pairs(&[("unserved-external", "warning"), ("orphan-role", "warning")])
    );
    assert_eq!(code, 0);
}

/// The command line wins over the file, and among flags the last one
/// naming a code wins.
#[test]
fn command_line_over_file_last_flag_wins() {
    let check = "[check]\nallow = [\"orphan-role\"]\n";
    let (found, code) = reported(&team(check), &["--deny", "orphan-role"]);
    assert!(
        found.contains(&("orphan-role".into(), "error".into())),
        "{found:?}"
    );
    assert_eq!(code, 1);
    let (found, code) = reported(
        &team(""),
        &["--deny", "orphan-role", "--allow", "orphan-role"],
    );
    assert_eq!(found, pairs(&[("unserved-external", "warning")]));
    assert_eq!(code, 0);
    let (found, _) = reported(
        &team(""),
        &["--allow", "orphan-role", "--warn", "orphan-role"],
    );
    assert!(
        found.contains(&("orphan-role".into(), "warning".into())),
        "{found:?}"
    );
}

/// `--deny warnings` makes every warning an error, but not what is allowed.
#[test]
fn deny_warnings() {
    let check = "[check]\nwarn = [\"orphan-role\"]\n";
    let (found, code) = reported(&team(check), &["--deny", "warnings"]);
    assert_eq!(
        found,
        pairs(&[("unserved-external", "error"), ("orphan-role", "error")])
    );
    assert_eq!(code, 1);
    let (found, code) = reported(
        &team(check),
        &[
            "--deny",
            "warnings",
            "--allow",
            "unserved-external",
            "--allow",
            "orphan-role",
        ],
    );
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(code, 0);
}

/// Mistakes in `[check]` are findings: an unknown code, a code in two
/// lists (the strictest applies), a code that is always an error, and
/// `warnings`, which is a flag, not a code.
#[test]
fn mistakes_in_the_check_table() {
    let check = "[check]\nallow = [\"orphan-role\", \"unknown-reference\", \"cycel\"]\ndeny = [\"orphan-role\"]\n";
    let run = chain_on(&team(check), &["check", "-"]);
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    assert!(out.contains("error[orphan-role]"), "{out}");
    assert!(
        out.contains("check code `orphan-role` is listed in both `allow` and `deny` of `[check]`"),
        "{out}"
    );
    assert!(
        out.contains("`unknown-reference` is always an error and cannot be set to `allow`"),
        "{out}"
    );
    assert!(out.contains("unknown check code `cycel`"), "{out}");
    assert!(out.contains("did you mean `cycle`?"), "{out}");
    let run = chain_on(&team("[check]\ndeny = [\"warnings\"]\n"), &["check", "-"]);
    assert!(
        run.stdout
            .contains("`chain check --deny warnings` makes every warning an error"),
        "{}",
        run.stdout
    );
}

/// Bad flags stop the run with exit 2 before anything is read (so no
/// standard input is given here): an unknown
/// code (with a suggestion), `warnings` outside `--deny`, lowering a code
/// that is always an error.
#[test]
fn bad_flags_exit_2() {
    let run = chain(&["check", "-", "--deny", "orphan-rol"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("unknown check code `orphan-rol` (did you mean `orphan-role`?)"),
        "{}",
        run.stderr
    );
    let run = chain(&["check", "-", "--deny", "warning"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `warnings`?"),
        "{}",
        run.stderr
    );
    let run = chain(&["check", "-", "--allow", "warnings"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`warnings` goes with `--deny` only"),
        "{}",
        run.stderr
    );
    let run = chain(&["check", "-", "--warn", "duplicate-id"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`duplicate-id` is always an error and cannot be set to `warn`"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

/// Exit 0 with nothing to report, and a clear line saying so.
#[test]
fn clean_file_exit_0() {
    let text = "[external.buyers]\npays = true\n[people.ann]\nhands_to = [\"buyers\"]\n[people.bob]\nhands_to = [\"buyers\"]\n";
    let run = chain_on(text, &["check", "-"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "<stdin>: no errors or warnings\n");
    assert!(run.stderr.is_empty());
}

/// Warnings alone pass (exit 0); the summary counts them.
#[test]
fn warnings_pass() {
    let text =
        "[external.buyers]\npays = true\n[external.press]\n[people.ann]\nhands_to = [\"buyers\"]\n";
    let run = chain_on(text, &["check", "-"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.ends_with("<stdin>: 0 errors, 1 warning\n"),
        "{}",
        run.stdout
    );
}

/// A file that cannot be read, is not UTF-8 or is not TOML stops the run
/// with exit 2 and nothing on standard output.
#[test]
fn unreadable_files_exit_2() {
    let run = chain(&["check", "tests/fixtures/no-such-file.toml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
    let run = chain(&["check", "tests/fixtures/syntax.toml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid TOML"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let latin1 = dir.path().join("latin1.toml");
    std::fs::write(&latin1, b"[people.j\xf6rg]\n").expect("written");
    let run = chain(&["check", &latin1.display().to_string()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not valid UTF-8"), "{}", run.stderr);
}

/// `--explain CODE` needs no file and explains what, why, how, with an example.
#[test]
fn explain() {
    let run = chain(&["check", "--explain", "single-point"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for part in [
        "single-point (allow by default)",
        "What it finds",
        "Why it matters",
        "How to fix it",
        "Example",
        "[people.gunnar]",
    ] {
        assert!(run.stdout.contains(part), "{part} in {}", run.stdout);
    }
    let run = chain(&["check", "--explain", "duplicate-id"]);
    assert!(
        run.stdout.starts_with("duplicate-id (error, always)"),
        "{}",
        run.stdout
    );
}

/// `--explain` with an unknown code is exit 2 with a suggestion; `check`
/// with neither a file nor `--explain` is exit 2.
#[test]
fn explain_unknown_code() {
    let run = chain(&["check", "--explain", "single-pont"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `single-point`?"),
        "{}",
        run.stderr
    );
    let run = chain(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("<FILE>"), "{}", run.stderr);
}

/// `chain check --help` lists the codes and says where the report goes.
#[test]
fn help_lists_codes() {
    let run = chain(&["check", "--help"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("single-point        allow"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("The report goes to standard output"),
        "{}",
        run.stdout
    );
}
