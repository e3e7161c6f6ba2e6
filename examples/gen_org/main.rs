//! Generates synthetic team files for benchmarks: `cargo run --release
//! --example gen_org -- [--shape SHAPE] [--seed N] PEOPLE > big.toml`.
//!
//! Shapes:
//! - `realistic` (default): about 15 people per role, role sizes skewed (a few
//!   roles with thousands of holders), roles in layers handing work towards
//!   several paying and non-paying external customers, rework loops back to
//!   earlier layers, vacant roles, dead ends, one person in ten with a
//!   personal handoff to a manager, names, notes and teams.
//! - `line`: PEOPLE people, each handing to the next, the last to a paying
//!   customer: the longest chains there are.
//! - `two-roles`: two roles of PEOPLE/2 holders each handing to the other,
//!   one of them also to a paying customer: the case that would need
//!   PEOPLE²/4 edges if role handoffs were multiplied out.
//! - `fanout`: PEOPLE people handing to 20 others each (one in a hundred also
//!   to a paying customer): many edges per person.
//!
//! The output depends only on the shape, the seed and PEOPLE, and loads
//! without findings.

mod org_gen;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use org_gen::Shape;

const USAGE: &str = "usage: gen_org [--shape realistic|line|two-roles|fanout] [--seed N] PEOPLE";

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("gen_org: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = org_gen::write(args.shape, args.people, args.seed, &mut out);
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_org: cannot write: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    shape: Shape,
    seed: u64,
    people: usize,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
        let (mut shape, mut seed, mut people) = (Shape::Realistic, 1, None);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--shape" => {
                    let name = args.next().unwrap_or_default();
                    shape = Shape::parse(&name).ok_or(format!("unknown shape {name:?}"))?;
                }
                "--seed" => {
                    let value = args.next().unwrap_or_default();
                    seed = value.parse().map_err(|_| format!("bad seed {value:?}"))?;
                }
                n => people = Some(n.parse().map_err(|_| format!("bad count {n:?}"))?),
            }
        }
        let people = people.ok_or("the number of people is missing")?;
        Ok(Args {
            shape,
            seed,
            people,
        })
    }
}
