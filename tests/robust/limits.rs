//! Limits: hostile shapes of team file either work or end in a clear error
//! with exit 2, never a crash (a stack overflow or an out-of-memory abort
//! shows as a signal, exit -1 here, or Rust's 101 for a panic). Each test
//! stays within a few seconds: the big inputs are generated in memory, and
//! the input past the read limit is a sparse file or `/dev/zero`, never
//! hundreds of megabytes written out.

use std::ffi::OsString;
use std::fs::File;
use std::process::{Command, Stdio};

use crate::util::{RawRun, chain_bytes};

/// `chain map -` on `text`.
fn map(text: &str) -> RawRun {
    chain_bytes(&["map".into(), "-".into()], Some(text.as_bytes()), &[])
}

/// Asserts `out` is exit 2 with an error on standard error saying `says`.
fn refused(what: &str, out: &RawRun, says: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.code, 2, "{what}: {stderr}");
    assert!(stderr.starts_with("error: "), "{what}: {stderr}");
    assert!(stderr.contains(says), "{what}: {stderr}");
    assert!(
        stderr.len() < 4000,
        "{what}: a short message, not the input"
    );
}

/// Arrays, inline tables and dotted keys 100,000 deep: a syntax error
/// saying how deep TOML may nest and where, not a stack overflow.
#[test]
fn deep_nesting() {
    let n = 100_000;
    let shapes = [
        (
            "arrays",
            format!("a = {}{}\n", "[".repeat(n), "]".repeat(n)),
        ),
        (
            "inline tables",
            format!("a = {}1{}\n", "{b=".repeat(n), "}".repeat(n)),
        ),
        ("dotted key", format!("{} = 1\n", vec!["a"; n].join("."))),
        ("dotted header", format!("[{}]\n", vec!["a"; n].join("."))),
    ];
    for (what, text) in shapes {
        let out = map(&text);
        refused(what, &out, "nest at most 80 deep");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(" --> <stdin>:1:"), "{what}: {stderr}");
    }
}

/// A name of 8 MB, and an unknown id of 1 MB (no did-you-mean can be
/// worth comparing it with 2,000 ids): the first works, the second is the
/// usual finding, both quickly.
#[test]
fn multi_megabyte_strings() {
    let name = "Zoë ".repeat(2 << 20);
    let text = format!(
        "[external.shop]\npays = true\n[people.ana]\nname = \"{name}\"\nhands_to = [\"shop\"]\n"
    );
    let out = map(&text);
    assert_eq!(out.code, 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.len() > name.len(), "the name is shown whole");

    let mut text = String::from("[external.shop]\npays = true\n");
    for i in 0..2000 {
        text.push_str(&format!("[people.p{i}]\nhands_to = [\"shop\"]\n"));
    }
    text.push_str(&format!(
        "[people.z]\nhands_to = [\"{}\"]\n",
        "p".repeat(1 << 20)
    ));
    let out = chain_bytes(&["check".into(), "-".into()], Some(text.as_bytes()), &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.code, 1, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        stdout.contains("unknown-reference"),
        "{}",
        &stdout[..500.min(stdout.len())]
    );
}

/// A million handoffs in one list and a million roles on one person work;
/// 100,000 numbers where ids belong are the first 100 findings, each placed
/// on its own line, and one saying how many more there are.
#[test]
fn a_million_entries() {
    let million = |item: &str| vec![item; 1_000_000].join(",");
    let handoffs = format!(
        "[external.shop]\npays = true\n[people.ana]\nhands_to = [{}]\n",
        million("\"shop\"")
    );
    let out = map(&handoffs);
    assert_eq!(out.code, 0, "{}", String::from_utf8_lossy(&out.stderr));

    let roles = format!(
        "[external.shop]\npays = true\n[roles.r]\nhands_to = [\"shop\"]\n[people.ana]\nroles = [{}]\n",
        million("\"r\"")
    );
    let out = map(&roles);
    assert_eq!(out.code, 0, "{}", String::from_utf8_lossy(&out.stderr));

    let numbers = format!(
        "[people.ana]\nhands_to = [{}]\n",
        vec!["1"; 100_000].join(",\n")
    );
    let args = ["check".into(), "-".into(), "--format".into(), "json".into()];
    let out = chain_bytes(&args, Some(numbers.as_bytes()), &[]);
    assert_eq!(out.code, 1, "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let invalid: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["code"] == "invalid-value")
        .collect();
    let lines: Vec<u64> = invalid.iter().filter_map(|f| f["line"].as_u64()).collect();
    assert_eq!(lines, (2..=102).collect::<Vec<u64>>());
    let more = "99900 more `invalid-value` findings in this file are not shown";
    assert_eq!(invalid.last().map(|f| &f["message"]), Some(&more.into()));
}

/// 20,000 invalid values on one generated line of 140 KB: the first 100
/// and the finding saying how many more there are each show a window of
/// the line, at the line's own column (the JSON report's), so the report
/// is linear in size, not quadratic in the line.
#[test]
fn many_findings_on_one_long_line() {
    let numbers = format!(
        "[people.ana]\nhands_to = [{}]\n",
        vec!["1234"; 20_000].join(", ")
    );
    let text_args = ["check".into(), "-".into()];
    let text = chain_bytes(&text_args, Some(numbers.as_bytes()), &[]);
    assert_eq!(text.code, 1, "{}", String::from_utf8_lossy(&text.stderr));
    let report = String::from_utf8_lossy(&text.stdout);
    let on_line_2 = |l: &&str| l.starts_with(" --> <stdin>:2:");
    let headers: Vec<&str> = report.lines().filter(on_line_2).collect();
    assert_eq!(headers.len(), 101);
    assert!(
        report.lines().all(|l| l.len() < 400),
        "windows, not the line"
    );
    let json_args = ["check".into(), "-".into(), "--format".into(), "json".into()];
    let json = chain_bytes(&json_args, Some(numbers.as_bytes()), &[]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let columns: Vec<String> = doc["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["line"] == 2)
        .map(|f| format!(" --> <stdin>:2:{}", f["column"]))
        .collect();
    assert_eq!(headers, columns);
}

/// A file past the 256 MiB read limit (a sparse file: nothing is written
/// to disk), included or given directly, and an endless stream
/// (`/dev/zero`, as a path and on standard input): exit 2 saying so,
/// without reading (or holding) more than the limit.
#[test]
fn past_the_read_limit() {
    let says = "chain reads at most 256 MiB of team files";
    let dir = tempfile::tempdir().expect("a temporary directory");
    let huge = dir.path().join("huge.toml");
    File::create(&huge)
        .and_then(|f| f.set_len(300 << 20))
        .expect("a sparse file");
    let root = dir.path().join("team.toml");
    std::fs::write(&root, "[org]\ninclude = [\"huge.toml\"]\n").expect("the root file");
    for path in [&huge, &root] {
        let out = chain_bytes(&["map".into(), path.into()], None, &[]);
        refused(&path.display().to_string(), &out, says);
    }
    let out = chain_bytes(&["map".into(), "/dev/zero".into()], None, &[]);
    refused("/dev/zero", &out, says);

    let zero = File::open("/dev/zero").expect("/dev/zero");
    let out = Command::new(env!("CARGO_BIN_EXE_chain"))
        .args([OsString::from("check"), "-".into()])
        .stdin(Stdio::from(zero))
        .output()
        .expect("chain runs");
    let run = RawRun {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: out.stderr,
    };
    refused("stdin from /dev/zero", &run, says);
}
