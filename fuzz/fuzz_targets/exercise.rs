//! Arbitrary bytes as a team file, through every command: the harness is
//! `tests/util/exercise.rs`, shared with the test that replays the corpus
//! in CI; see docs/RELIABILITY.md.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/util/exercise.rs"]
mod exercise;

fuzz_target!(|data: &[u8]| {
    exercise::exercise(data);
});
