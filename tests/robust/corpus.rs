//! The fuzz target's body, [`exercise`], replayed in CI over
//! the committed corpus: the examples, every fixture (the hostile ones
//! among them), the seeds in `fuzz/seeds/` and every input that ever made
//! it fail, in `fuzz/regressions/`.

use std::path::{Path, PathBuf};

use crate::util::exercise::exercise;

/// Every file under the corpus directories, in path order.
fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut todo: Vec<PathBuf> = [
        "examples",
        "tests/fixtures",
        "fuzz/seeds",
        "fuzz/regressions",
    ]
    .iter()
    .map(|d| root.join(d))
    .collect();
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_none_or(|e| e != "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Every input of the corpus goes through every command with every
/// invariant holding; the failures are listed by file.
#[test]
fn corpus_replays_clean() {
    let files = corpus();
    assert!(files.len() >= 30, "the corpus is missing: {files:?}");
    let failed: Vec<String> = files
        .iter()
        .filter(|path| {
            let bytes = std::fs::read(path).unwrap_or_default();
            std::panic::catch_unwind(|| exercise(&bytes)).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(failed.is_empty(), "exercise fails on: {failed:#?}");
}
