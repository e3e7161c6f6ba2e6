//! Running the real `chain` binary from tests.

pub mod browser;
pub mod exercise;
pub mod tool;

use std::ffi::OsString;
use std::io::Write;
use std::process::{Command, Stdio};

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `chain` with `args` in the crate root, colour off, no standard input.
pub fn chain(args: &[&str]) -> Run {
    chain_with_stdin(args, None)
}

/// Runs `chain` with `args`, feeding `stdin` when given.
pub fn chain_with_stdin(args: &[&str], stdin: Option<&str>) -> Run {
    chain_env(args, stdin, &[])
}

/// Runs `chain` with `args`, `stdin` and extra environment variables.
pub fn chain_env(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
    let args: Vec<OsString> = args.iter().map(OsString::from).collect();
    let out = chain_bytes(&args, stdin.map(str::as_bytes), env);
    Run {
        code: out.code,
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// What one run of the binary produced, byte for byte.
#[derive(Debug)]
pub struct RawRun {
    /// The exit code (-1 if a signal ended the process).
    pub code: i32,
    /// Standard output.
    pub stdout: Vec<u8>,
    /// Standard error.
    pub stderr: Vec<u8>,
}

/// Runs `chain` with any arguments (not only UTF-8), `stdin` and extra
/// environment variables, in the crate root with colour off.
pub fn chain_bytes(args: &[OsString], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> RawRun {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chain"));
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the chain binary runs");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        // A command that fails before it reads (`chain diff - -`) closes
        // its end: what it does then is for the test to check, not a failure
        // to feed it.
        if let Err(e) = pipe.write_all(bytes) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "stdin: {e}");
        }
    }
    let out = child.wait_with_output().expect("the chain binary finishes");
    RawRun {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

/// Runs `chain` on a team file given as text (through standard input).
pub fn chain_on(text: &str, args: &[&str]) -> Run {
    chain_with_stdin(args, Some(text))
}

/// The ids of the people listed in a JSON map, in the order listed.
pub fn people_ids(doc: &serde_json::Value) -> Vec<&str> {
    doc["people"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["id"].as_str())
        .collect()
}

/// Parses standard output as JSON.
pub fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}):\n{}", run.stdout))
}

/// A team file of people in a line, each handing to the next, the last to
/// the paying customer `customer`: the deepest chain a file of that size can
/// hold, for tests that every walk is iterative.
pub fn line_org(ids: &[String], customer: &str) -> String {
    let mut text = format!("[external.{customer}]\npays = true\n");
    for (i, id) in ids.iter().enumerate() {
        let next = ids.get(i + 1).map_or(customer, String::as_str);
        text.push_str(&format!("[people.{id}]\nhands_to = [\"{next}\"]\n"));
    }
    text
}
