//! Arbitrary bytes as a team file, through every command: see
//! `chain::fuzz::exercise` and docs/RELIABILITY.md.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    chain::fuzz::exercise(data);
});
