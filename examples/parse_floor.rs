//! The floor of the benchmark: read a file and parse it into a
//! `toml::Table` with the toml crate, nothing more. `bench/run.sh` times
//! chain against it: `cargo run --release --example parse_floor -- big.toml`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_floor FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("parse_floor: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    match text.parse::<toml::Table>() {
        Ok(table) => {
            println!("{} top-level keys", table.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("parse_floor: {e}");
            ExitCode::from(2)
        }
    }
}
