//! `chain map` as aligned text. Every id, name and title is escaped, so a
//! team file cannot send control sequences to the terminal.

mod chain;
mod people;

pub use people::people;

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{PartyMap, internal};
use crate::model::{Org, Party};
use crate::text::{escape, width};
use crate::walk::Way;
use chain::{Labels, write_chain};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const WARN: Style = AnsiColor::Yellow.on_default();
const GOOD: Style = AnsiColor::Green.on_default();

/// Writes `text` in `style` when `styled`.
struct Painter {
    styled: bool,
}

impl Painter {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.styled {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    /// Appends `text` in `style` to `out`.
    fn paint_into(&self, out: &mut Vec<u8>, style: Style, text: &str) {
        self.open(out, style);
        out.extend_from_slice(text.as_bytes());
        self.close(out, style);
    }

    /// Appends what starts `style` to `out`, when styled.
    fn open(&self, out: &mut Vec<u8>, style: Style) {
        if self.styled {
            let _ = write!(out, "{style}");
        }
    }

    /// Appends what ends `style` to `out`, when styled.
    fn close(&self, out: &mut Vec<u8>, style: Style) {
        if self.styled {
            let _ = write!(out, "{style:#}");
        }
    }
}

/// Everyone one party serves, or who serves it, grouped by distance.
pub fn party(map: &PartyMap<'_>, out: &mut dyn Write, styled: bool) -> io::Result<()> {
    let org = map.org;
    let p = Painter { styled };
    let who = format!(
        "{} ({})",
        escape(org.name(map.start)),
        escape(org.id(map.start))
    );
    let n = map.parties.len();
    let parties = if n == 1 { "party" } else { "parties" };
    let within = map
        .depth
        .map(|d| format!(" within {d} handoff{}", if d == 1 { "" } else { "s" }))
        .unwrap_or_default();
    let title = match map.way {
        Way::Downstream => format!("{who} serves {n} {parties}{within}"),
        Way::Upstream => format!("{n} {parties} serve {who}{within}"),
    };
    writeln!(out, "{}", p.paint(BOLD, &title))?;
    write_groups(map, out, &p)?;
    if map.way == Way::Downstream {
        write_chains(map, out, &p)?;
    }
    Ok(())
}

fn write_groups(map: &PartyMap<'_>, out: &mut dyn Write, p: &Painter) -> io::Result<()> {
    let org = map.org;
    let ids: Vec<String> = map
        .parties
        .iter()
        .map(|&(x, _)| escape(org.id(x)).into_owned())
        .collect();
    let names: Vec<String> = map
        .parties
        .iter()
        .map(|&(x, _)| escape(org.name(x)).into_owned())
        .collect();
    let id_w = ids.iter().map(|s| width(s)).max().unwrap_or(0);
    let name_w = names.iter().map(|s| width(s)).max().unwrap_or(0);
    let mut current = None;
    for ((&(party, d), id), name) in map.parties.iter().zip(&ids).zip(&names) {
        if current != Some(d) {
            current = Some(d);
            writeln!(out, "\n  {}", p.paint(DIM, &format!("distance {d}")))?;
        }
        let id_pad = " ".repeat(id_w.saturating_sub(width(id)));
        let name_pad = " ".repeat(name_w.saturating_sub(width(name)));
        let side = describe(org, party);
        writeln!(
            out,
            "    {}{id_pad}  {name}{name_pad}  {side}",
            p.paint(BOLD, id)
        )?;
    }
    Ok(())
}

/// "person  internal", "role  internal, vacant", "external  external, pays".
fn describe(org: &Org, party: Party) -> String {
    let kind = party.kind().as_str();
    let side = if internal(party) {
        "internal"
    } else {
        "external"
    };
    let extra = match party {
        Party::Role(r) if org.role(r).is_some_and(|role| role.is_vacant()) => ", vacant",
        Party::External(_) if org.pays(party) => ", pays",
        _ => "",
    };
    format!("{kind:<8}  {side}{extra}")
}

fn write_chains(map: &PartyMap<'_>, out: &mut dyn Write, p: &Painter) -> io::Result<()> {
    if map.chains.is_empty() {
        let note = "no paying customer is reached";
        return writeln!(out, "\n{}", p.paint(WARN, note));
    }
    writeln!(
        out,
        "\n{}",
        p.paint(BOLD, "Shortest chains to paying customers")
    )?;
    let labels = Labels::new(map.org);
    let mut line = Vec::new();
    for chain in &map.chains {
        line.clear();
        write!(line, "  {:>3}  ", chain.len())?;
        write_chain(&mut line, &labels, chain, p);
        line.push(b'\n');
        out.write_all(&line)?;
    }
    Ok(())
}

/// A party's name, marked when it is a vacant role.
pub(crate) fn party_label(org: &Org, party: Party) -> String {
    let name = escape(org.name(party));
    match party {
        Party::Role(r) if org.role(r).is_some_and(|role| role.is_vacant()) => {
            format!("{name} (vacant role)")
        }
        _ => name.into_owned(),
    }
}
