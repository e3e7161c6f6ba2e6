//! `chain stats FILE`.

use anyhow::Context as _;

use super::{Exit, Output};
use crate::cli::{StatsArgs, StatsFormat};
use crate::error::Error;
use crate::graph::CustomerGraph;
use crate::load;
use crate::stats::{Format, Stats};

/// Loads the file, refuses it if invalid, and writes its statistics.
pub fn run(args: &StatsArgs, output: &mut Output<'_>) -> Result<Exit, Error> {
    let (_sources, org) =
        load::load_path(&args.file, args.includes.root.as_deref())?.into_valid()?;
    let graph = CustomerGraph::build(&org);
    let format = match args.format {
        StatsFormat::Text => Format::Text {
            styled: output.out_color,
        },
        StatsFormat::Json => Format::Json,
        StatsFormat::Csv => Format::Csv,
    };
    Stats::new(&org, &graph, args.top)
        .write(output.out, format)
        .context("cannot write the statistics")?;
    Ok(Exit::Success)
}
