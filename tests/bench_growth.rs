//! The benchmark's measure of growth (`bench/growth.awk`), which issue 5's
//! growth target is judged by: the median of the pairs' ratios and its
//! 95% interval, on pairs whose answer is known.

use std::io::Write;
use std::process::{Command, Stdio};

/// What `awk -f bench/growth.awk` prints for `pairs` ("small large" lines)
/// on standard input, and whether it succeeded.
fn growth(pairs: &str) -> (String, bool) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/growth.awk");
    let mut child = Command::new("awk")
        .args(["-f", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("awk runs");
    let mut stdin = child.stdin.take().expect("a pipe");
    stdin
        .write_all(pairs.as_bytes())
        .expect("the pairs are written");
    drop(stdin);
    let out = child.wait_with_output().expect("awk ends");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.success(),
    )
}

/// `n` pairs of 1 s and 10 + i/10 s, i from `n` down to 1 (so that the
/// ratios come unsorted): ratios 10.1x to (10 + n/10)x.
fn pairs(n: usize) -> String {
    (1..=n)
        .rev()
        .map(|i| format!("1 {}\n", 10.0 + i as f64 / 10.0))
        .collect()
}

/// The interval runs from the k-th smallest ratio to the k-th largest,
/// k the largest with P(Binomial(n, 1/2) < k) <= 2.5%: the 2nd of 9, the
/// 6th of 21, the 10th of 31; with fewer than six pairs there is none.
#[test]
fn the_interval_is_the_binomial_order_statistics() {
    for (n, expected) in [
        (
            9,
            "10.50x (95% 10.20x to 10.80x; median of 9 pairs, 10.10x to 10.90x",
        ),
        (
            21,
            "11.10x (95% 10.60x to 11.60x; median of 21 pairs, 10.10x to 12.10x",
        ),
        (
            31,
            "11.60x (95% 11.00x to 12.20x; median of 31 pairs, 10.10x to 13.10x",
        ),
        (6, "10.35x (95% 10.10x to 10.60x; median of 6 pairs"),
        (
            5,
            "10.30x (too few pairs for a 95% interval; median of 5 pairs",
        ),
    ] {
        let (out, ok) = growth(&pairs(n));
        assert!(ok, "{n} pairs: {out}");
        assert!(out.starts_with(expected), "{n} pairs: {out}");
    }
}

/// Past a thousand pairs 0.5^n is 0 in floating point, and the interval
/// comes from the normal approximation: k = n/2 - 0.98 sqrt(n).
#[test]
fn many_pairs_take_the_normal_approximation() {
    let (out, ok) = growth(&pairs(2000));
    assert!(ok, "{out}");
    assert!(
        out.starts_with("110.05x (95% 105.60x to 114.50x; median of 2000 pairs"),
        "{out}"
    );
}

/// The best runs are each size's fastest, whichever pairs they are in;
/// lines that are not pairs are left out; no pairs is an error.
#[test]
fn best_runs_and_bad_lines() {
    let (out, ok) =
        growth("0.2 2.4\n\n0.25 2.2\nnot a pair\n0 1\n0.3 3.0\n0.21 2.3\n0.22 2.5\n0.24 2.6\n");
    assert!(ok, "{out}");
    assert!(out.contains("median of 6 pairs"), "{out}");
    assert!(
        out.ends_with("best runs 0.200 s to 2.200 s, 11.00x)"),
        "{out}"
    );
    let (out, ok) = growth("");
    assert!(!ok);
    assert_eq!(out, "no pairs\n");
}
