//! Bad input: every class gets its exact diagnostic and exit code 2, and
//! every problem in a file is reported at once.

use crate::util::{chain, chain_on};

/// Runs `chain map` on a fixture and checks it refuses the file.
fn refused(fixture: &str) -> String {
    let path = format!("tests/fixtures/{fixture}.toml");
    let run = chain(&["map", &path]);
    assert_eq!(run.code, 2, "{fixture}: {}", run.stdout);
    assert!(
        run.stdout.is_empty(),
        "nothing on stdout for an invalid file: {}",
        run.stdout
    );
    run.stderr
}

/// Every fixture of bad input, with its whole diagnostic output.
#[test]
fn diagnostics_snapshots() {
    for fixture in [
        "unknown-keys",
        "wrong-types",
        "unknown-ids",
        "duplicate-ids",
        "bad-what",
        "external-hands-on",
        "syntax",
        "sections",
    ] {
        insta::assert_snapshot!(fixture, refused(fixture));
    }
}

/// An unknown key names the allowed keys and suggests the closest one.
#[test]
fn unknown_key_lists_allowed_keys() {
    let err = refused("unknown-keys");
    assert!(err.contains("unknown key `rol` in person `ann`"), "{err}");
    assert!(
        err.contains("did you mean `roles`? allowed keys: `name`, `roles`, `team`, `hands_to`"),
        "{err}"
    );
    assert!(
        err.contains("tests/fixtures/unknown-keys.toml:10:1"),
        "{err}"
    );
    assert!(err.contains("the team file has 5 problems"), "{err}");
}

/// An unknown id gets "did you mean" when something is close, and the
/// caret sits under the exact value.
#[test]
fn unknown_ids_suggest() {
    let err = refused("unknown-ids");
    assert!(
        err.contains("error[unknown-reference]: unknown role `av-tek` in person `lee`"),
        "{err}"
    );
    assert!(err.contains("did you mean `av-tech`?"), "{err}");
    assert!(err.contains("did you mean `students`?"), "{err}");
    assert!(
        err.contains("tests/fixtures/unknown-ids.toml:8:10"),
        "{err}"
    );
    assert!(err.contains("is an external customer, not a role"), "{err}");
    assert!(
        err.contains("declare it as a person, a role or an external customer"),
        "{err}"
    );
}

/// One id in two sections is reported at the second declaration, naming the first.
#[test]
fn duplicate_ids_name_the_first() {
    let err = refused("duplicate-ids");
    assert!(
        err.contains("error[duplicate-id]: id `buyer` is declared twice"),
        "{err}"
    );
    assert!(
        err.contains(
            "first declared as an external customer at tests/fixtures/duplicate-ids.toml:1:11"
        ),
        "{err}"
    );
    assert!(
        err.contains("tests/fixtures/duplicate-ids.toml:10:8"),
        "{err}"
    );
}

/// A missing file says so, with exit code 2.
#[test]
fn missing_file() {
    let run = chain(&["map", "tests/fixtures/no-such-file.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("error: cannot read `tests/fixtures/no-such-file.toml`"),
        "{}",
        run.stderr
    );
}

/// A file that is not UTF-8 names where the first bad byte is.
#[test]
fn not_utf8() {
    let dir = std::env::temp_dir().join(format!("chain-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let path = dir.join("latin1.toml");
    std::fs::write(&path, b"[people.ann]\nname = \"Ren\xe9\"\n").ok();
    let run = chain(&["map", &path.to_string_lossy()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not valid UTF-8: the byte at 2:12"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("re-save it in that encoding"),
        "{}",
        run.stderr
    );
}

/// An unknown ID on the command line suggests the closest id.
#[test]
fn unknown_id_argument() {
    let run = chain(&["map", "examples/media-team.toml", "okonkow"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("no person, role or external customer has the id `okonkow`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `okonkwo`?"),
        "{}",
        run.stderr
    );
}

/// Syntax errors stop the run with the TOML parser's message at the spot.
#[test]
fn syntax_error_location() {
    let run = chain_on("[people.ann]\nname = Ann\n", &["map", "-"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("invalid TOML: string values must be quoted"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("<stdin>:2:8"), "{}", run.stderr);
}

/// Control characters in a file never reach the terminal raw in diagnostics.
#[test]
fn diagnostics_escape_control_characters() {
    let run = chain_on(
        "[people.\"a\\u001b[31mb\"]\nhands_to = [\"x\\u0007y\"]\n",
        &["map", "-"],
    );
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    assert!(!run.stderr.contains('\u{7}'), "{:?}", run.stderr);
    assert!(
        run.stderr
            .contains("unknown id `x\\u{7}y` in a handoff of person `a\\u{1b}[31mb`"),
        "{}",
        run.stderr
    );
}

/// The file of [`declared_twice`]: a person, a role and an external
/// customer each pasted twice, and a key written twice in one table.
const PASTED: &str = r#"[external.readers]
pays = true

[roles.editor]
hands_to = ["readers"]

[people.maria]
name = "Maria Okafor"
roles = ["editor"]
team = "books"

[people.maria]
name = "Maria Okafor"
roles = ["editor"]
team = "books"

[roles.editor]
hands_to = ["readers"]

[external.readers]
pays = true

[people.tove]
name = "Tove"
roles = ["editor"]
name = "Tove Lind"
"#;

/// What `map` and `check` say about [`PASTED`]: one error per thing
/// declared twice, at the second declaration, naming the first; none for
/// the keys a pasted table repeats. Only the first shows source lines (a
/// file that is not TOML is not copied out), the others give positions.
const PASTED_ERRORS: &str = "error: invalid TOML: duplicate key `maria`
  --> <stdin>:12:9
   |
 7 | [people.maria]
   |         ----- first declared here
...
12 | [people.maria]
   |         ^^^^^ declared again here
   |
   = help: a key may appear only once in a table; declare each person, role and external customer once

error: invalid TOML at <stdin>:17:8: duplicate key `editor` (first declared here at 4:8)
 |
 = help: a key may appear only once in a table; declare each person, role and external customer once

error: invalid TOML at <stdin>:20:11: duplicate key `readers` (first declared here at 1:11)
 |
 = help: a key may appear only once in a table; declare each person, role and external customer once

error: invalid TOML at <stdin>:26:1: duplicate key `name` (first declared here at 24:1)
 |
 = help: only the first syntax error shows its line, so a file that is not a team file is never copied out; fix it and run again
";

/// A person, role or external customer pasted twice gives one error at
/// the second declaration with a label at the first, and a key written
/// twice in a table one error at the second with a label at the first,
/// in `map` and in `check`.
#[test]
fn declared_twice() {
    for command in ["map", "check"] {
        let run = chain_on(PASTED, &[command, "-"]);
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert_eq!(run.stderr, PASTED_ERRORS, "{command}");
    }
}
