//! Programs some tests need besides chain: Graphviz `dot`, `groff`,
//! `prlimit` and `unshare`. Where one is missing, the test says on the
//! terminal that it skips what needs it; under CI, where `.ci/run`
//! installs them all, a missing one fails the test instead.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;
use std::sync::Mutex;

/// Whether `program` is on `PATH`. Where it is not, writes
/// "skipped: TEST ..." once per test and program, or panics when the `CI`
/// environment variable is set.
pub fn has(program: &str) -> bool {
    if on_path(program) {
        return true;
    }
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    assert!(
        !ci,
        "`{program}` is not on PATH, and CI must run every test"
    );
    skipped(&format!("needs `{program}`, which is not on PATH"));
    false
}

/// Says on the terminal that the running test skips a part, `why`, once
/// per test and reason. libtest captures `eprintln!` (and shows it only for
/// a failing test), so this writes to standard error directly.
pub fn skipped(why: &str) {
    static SAID: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let line = format!("skipped: {test} {why}");
    let first = SAID
        .lock()
        .map_or(true, |mut said| said.insert(line.clone()));
    if first {
        let _ = writeln!(std::io::stderr(), "{line}");
    }
}

fn on_path(program: &str) -> bool {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).any(|dir| is_program(&dir.join(program)))
}

fn is_program(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}
