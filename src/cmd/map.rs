//! `chain map FILE [ID]`.

use anyhow::Context as _;

use super::{Exit, Output};
use crate::cli::{MapArgs, MapFormat};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::graph::CustomerGraph;
use crate::load;
use crate::map::{Format, PartyMap, PeopleMap};
use crate::model::Org;
use crate::walk::Way;

/// Loads the file, refuses it if invalid, and writes the map.
pub fn run(args: &MapArgs, output: &mut Output<'_>) -> Result<Exit, Error> {
    let (_sources, org) =
        load::load_path(&args.file, args.includes.root.as_deref())?.into_valid()?;
    let graph = CustomerGraph::build(&org);
    let format = match args.format {
        MapFormat::Text => Format::Text {
            styled: output.out_color,
            width: output.out_width,
        },
        MapFormat::Json => Format::Json,
        MapFormat::Csv => Format::Csv,
    };
    let written = match &args.id {
        None => PeopleMap::new(&org, &graph, args.chain_limit).write(output.out, format),
        Some(id) => {
            let start = lookup(&org, id)?;
            let way = if args.upstream {
                Way::Upstream
            } else {
                Way::Downstream
            };
            let map = PartyMap::new(&org, &graph, start, way, args.depth, args.chain_limit)
                .ok_or_else(|| unknown_id(&org, id))?;
            map.write(output.out, format)
        }
    };
    written.context("cannot write the map")?;
    Ok(Exit::Success)
}

/// The party `id` names, or an error with a suggestion.
pub(super) fn lookup(org: &Org, id: &str) -> Result<crate::model::Party, Error> {
    org.lookup(id).ok_or_else(|| unknown_id(org, id))
}

fn unknown_id(org: &Org, id: &str) -> Error {
    let mut ids: Vec<&str> = org.ids().collect();
    ids.sort_unstable();
    let help = crate::suggest::did_you_mean(crate::suggest::closest(id, ids))
        .unwrap_or_else(|| "`chain map FILE` lists every person; ids are the keys under [people], [roles] and [external]".into());
    Diagnostic::error(format!(
        "no person, role or external customer has the id `{id}`"
    ))
    .help(help)
    .into()
}
