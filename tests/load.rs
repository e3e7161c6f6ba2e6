//! Loading hostile and mistaken files: floods of invalid values end in a
//! bounded report within bounded memory, a value reported as invalid
//! causes no findings of its own further on, and a handoff to a team says
//! what is wrong with it.

use serde_json::Value;

use crate::util::{chain_on, json};

/// Floods, measured with `wait4` (Linux).
#[cfg(target_os = "linux")]
mod floods {
    use std::io::Read as _;
    use std::process::{Command, Stdio};

    use chain::load::PER_CODE;
    use serde_json::Value;

    /// The most memory a run may take, in multiples of the file's size.
    const MEMORY_PER_BYTE: u64 = 50;

    /// What one measured run wrote, how it ended, and the most memory it held.
    struct Measured {
        code: i32,
        stdout: Vec<u8>,
        stderr: String,
        /// The peak resident set, in bytes.
        peak: u64,
    }

    /// `chain check FILE --format json`, measured: the peak comes from
    /// `wait4`, which reports the resident set of exactly that child.
    #[allow(
        clippy::zombie_processes,
        reason = "reaped by wait4, which also reports its peak memory"
    )]
    fn check_measured(path: &std::path::Path) -> Measured {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chain"))
            .args(["check", "--format", "json"])
            .arg(path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the chain binary runs");
        let mut stderr_pipe = child.stderr.take().expect("a pipe");
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            stderr_pipe.read_to_string(&mut text).map(|_| text)
        });
        let mut stdout = Vec::new();
        if let Some(mut pipe) = child.stdout.take() {
            pipe.read_to_end(&mut stdout).expect("standard output");
        }
        let stderr = stderr
            .join()
            .expect("the reader ends")
            .expect("standard error");
        let pid = libc::pid_t::try_from(child.id()).expect("a process id");
        let mut status = 0;
        // SAFETY: a zeroed `rusage` is a valid value of a plain C struct.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `pid` is our child, not waited for yet; both pointers are to
        // live locals.
        let waited = unsafe { libc::wait4(pid, &raw mut status, 0, &raw mut usage) };
        assert_eq!(waited, pid, "wait4: {}", std::io::Error::last_os_error());
        let code = if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            -1
        };
        let kilobytes = u64::try_from(usage.ru_maxrss).unwrap_or(0);
        Measured {
            code,
            stdout,
            stderr,
            peak: kilobytes * 1024,
        }
    }

    /// Asserts the run on `text` took at most [`MEMORY_PER_BYTE`] times its size.
    fn within_memory(what: &str, text: &str, run: &Measured) {
        let size = text.len() as u64;
        assert!(
            run.peak <= MEMORY_PER_BYTE * size,
            "{what}: {} MB for a file of {} MB",
            run.peak >> 20,
            size >> 20
        );
    }

    /// `head`, then `item` repeated (with `separator`) until the file holds
    /// about `bytes`, then `tail`.
    fn flood(head: &str, item: &dyn Fn(usize) -> String, separator: &str, tail: &str) -> String {
        const BYTES: usize = 8 << 20;
        let mut text = String::with_capacity(BYTES + 1024);
        text.push_str(head);
        let mut i = 0;
        while text.len() < BYTES {
            if i > 0 {
                text.push_str(separator);
            }
            text.push_str(&item(i));
            i += 1;
        }
        text.push_str(tail);
        text
    }

    /// Floods of 8 MB of invalid values, unknown keys and unknown references:
    /// each run takes at most 50 times the file's size in memory and reports
    /// the first 100 findings of each code, then one saying how many more
    /// there are, at the first of them.
    #[test]
    fn floods_are_bounded() {
        let floods = [
            (
                "numbers for roles",
                flood("[people.ana]\nroles = [", &|_| "0".into(), ",", "]\n"),
                "invalid-value",
            ),
            (
                "numbers for handoffs",
                flood("[people.ana]\nhands_to = [", &|_| "1".into(), ",", "]\n"),
                "invalid-value",
            ),
            (
                "unknown keys",
                flood("[people.ana]\n", &|i| format!("k{i} = 0"), "\n", "\n"),
                "invalid-value",
            ),
            (
                "unknown handoff targets",
                flood(
                    "[people.ana]\nhands_to = [",
                    &|i| format!("\"x{i}\""),
                    ",",
                    "]\n",
                ),
                "unknown-reference",
            ),
            (
                "unknown roles",
                flood(
                    "[people.ana]\nroles = [",
                    &|i| format!("\"r{i}\""),
                    ",\n",
                    "]\n",
                ),
                "unknown-reference",
            ),
            (
                "ids declared twice",
                flood("", &|i| format!("[people.p{i}]\n[roles.p{i}]"), "\n", "\n"),
                "duplicate-id",
            ),
        ];
        let dir = tempfile::tempdir().expect("a temporary directory");
        for (what, text, code) in floods {
            let path = dir.path().join("flood.toml");
            std::fs::write(&path, &text).expect("the flood is written");
            let run = check_measured(&path);
            assert_eq!(run.code, 1, "{what}: {}", run.stderr);
            within_memory(what, &text, &run);
            let report: Value = serde_json::from_slice(&run.stdout).expect("JSON");
            let of_code: Vec<&Value> = (report["findings"].as_array().into_iter().flatten())
                .filter(|f| f["code"] == code)
                .collect();
            assert_eq!(of_code.len(), PER_CODE + 1, "{what}");
            let last = of_code.last().and_then(|f| f["message"].as_str());
            let more = format!("more `{code}` findings in this file are not shown");
            assert!(last.is_some_and(|m| m.ends_with(&more)), "{what}: {last:?}");
            let lines: Vec<u64> = of_code.iter().filter_map(|f| f["line"].as_u64()).collect();
            assert!(
                lines.windows(2).all(|w| w[0] <= w[1]),
                "{what}: in file order"
            );
        }
    }

    /// Floods of 8 MB of TOML errors (a table declared again and again, a
    /// broken value on every line) take at most 50 times the file's size in
    /// memory and show the first 100 errors, then say how many more there are.
    #[test]
    fn syntax_error_floods_are_bounded() {
        let floods = [
            (
                "a table declared again",
                flood("", &|_| "[a]".into(), "\n", "\n"),
            ),
            (
                "broken values",
                flood("", &|i| format!("k{i} = ]"), "\n", "\n"),
            ),
        ];
        let dir = tempfile::tempdir().expect("a temporary directory");
        for (what, text) in floods {
            let path = dir.path().join("flood.toml");
            std::fs::write(&path, &text).expect("the flood is written");
            let run = check_measured(&path);
            assert_eq!(run.code, 2, "{what}: {}", run.stderr);
            within_memory(what, &text, &run);
            let errors = run
                .stderr
                .lines()
                .filter(|l| l.starts_with("error"))
                .count();
            // The first with its line, nine by position, and a count.
            assert_eq!(errors, 11, "{what}");
            let last = run.stderr.lines().rfind(|l| l.starts_with("error"));
            let more = last.is_some_and(|l| {
                l.contains("more syntax errors in `") && l.ends_with("` are not listed")
            });
            assert!(more, "{what}: {last:?}");
        }
    }
}

/// A value reported as invalid is unknown, not its default: `pays = "yes"`
/// is one `invalid-value`, and no `no-paying-customer` follows from it.
#[test]
fn an_invalid_pays_causes_nothing_more() {
    let text = "[external.shop]\npays = \"yes\"\n[people.ana]\nhands_to = [\"shop\"]\n";
    let run = chain_on(text, &["check", "-", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let codes: Vec<String> = json(&run)["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["code"].as_str().map(String::from))
        .collect();
    assert_eq!(codes, ["invalid-value"]);
    // Written as `false`, nobody pays.
    let text = text.replace("\"yes\"", "false");
    let run = chain_on(&text, &["check", "-", "--format", "json"]);
    let codes = json(&run)["findings"].to_string();
    assert!(codes.contains("no-paying-customer"), "{codes}");
}

/// A handoff to a team says it names a team, which cannot receive work,
/// and names the team's people and the roles they hold, not a look-alike
/// id.
#[test]
fn a_handoff_to_a_team_names_its_people() {
    let text = r#"
[external.students]
pays = true
[roles.cashier]
hands_to = ["students"]
[people.bo]
team = "front counter"
roles = ["cashier"]
[people.al]
team = "front counter"
[people.cy]
team = "back office"
hands_to = [{ to = "front counter", what = "information" }]
"#;
    let run = chain_on(text, &["check", "-", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = json(&run);
    let findings: Vec<&Value> = (report["findings"].as_array().into_iter().flatten())
        .filter(|f| f["code"] == "unknown-reference")
        .collect();
    let [finding] = findings.as_slice() else {
        panic!("one unknown reference: {findings:?}");
    };
    assert_eq!(
        finding["message"],
        "`front counter` in a handoff of person `cy` names a team, and a team cannot receive work"
    );
    assert_eq!(
        (&finding["line"], &finding["column"]),
        (&13.into(), &20.into())
    );
    assert_eq!(
        finding["help"],
        "hand the work to people of the team: `al`, `bo`, or to a role they hold: `cashier`"
    );
}
