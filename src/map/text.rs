//! `chain map` as aligned text. Every id, name and title is escaped, so a
//! team file cannot send control sequences to the terminal.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{PartyMap, PeopleMap, internal, step_roles};
use crate::model::{Org, Party};
use crate::text::{escape, width};
use crate::walk::{Chain, Step, Way};

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
            text.to_string()
        }
    }
}

/// The all-people map: one line per person.
pub fn people(map: &PeopleMap<'_>, out: &mut dyn Write, styled: bool) -> io::Result<()> {
    let org = map.org;
    let p = Painter { styled };
    let id_width = org
        .people
        .iter()
        .map(|x| width(&escape(&x.id)))
        .max()
        .unwrap_or(0)
        .max(6);
    let header = format!(
        "{:<id_width$}  {:>8}  chain to a paying customer",
        "person", "handoffs"
    );
    writeln!(out, "{}", p.paint(DIM, &header))?;
    let (mut reach, mut total) = (0usize, 0usize);
    for (i, distance, chain) in map.rows() {
        let Some(person) = org.person(i) else {
            continue;
        };
        total += 1;
        let id = escape(&person.id);
        let pad = " ".repeat(id_width.saturating_sub(width(&id)));
        write!(out, "{}{pad}  ", p.paint(BOLD, &id))?;
        match (distance, chain) {
            (Some(d), Some(chain)) => {
                reach += 1;
                writeln!(out, "{d:>8}  {}", chain_text(org, &chain, &p))?;
            }
            _ => {
                let name = escape(org.name(Party::Person(i)));
                writeln!(
                    out,
                    "{:>8}  {name}: {}",
                    "-",
                    p.paint(WARN, "no route to a paying customer")
                )?;
            }
        }
    }
    let missing = total - reach;
    let people = if total == 1 { "person" } else { "people" };
    let summary = format!("{total} {people}: {reach} reach a paying customer, {missing} do not");
    let style = if missing == 0 { GOOD } else { WARN };
    writeln!(out, "\n{}", p.paint(style, &summary))
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
    for chain in &map.chains {
        writeln!(
            out,
            "  {:>3}  {}",
            chain.len(),
            chain_text(map.org, chain, p)
        )?;
    }
    Ok(())
}

/// "Ana Ruiz ─(as av-tech, to producer)→ Lee Chen → Distance students".
fn chain_text(org: &Org, chain: &Chain, p: &Painter) -> String {
    let mut s = party_label(org, chain.start);
    for step in &chain.head {
        push_step(org, &mut s, step, p);
    }
    if chain.elided > 0 {
        s.push_str(&p.paint(DIM, &format!(" → … {} more …", chain.elided)));
    }
    for step in &chain.tail {
        push_step(org, &mut s, step, p);
    }
    s
}

fn push_step(org: &Org, s: &mut String, step: &Step, p: &Painter) {
    let mut parts: Vec<String> = Vec::new();
    if let Some(what) = step.handoff(org).and_then(|h| h.what) {
        parts.push(what.as_str().to_string());
    }
    let (as_role, to_role) = step_roles(org, step);
    if let Some(r) = as_role {
        parts.push(format!("as {}", escape(r)));
    }
    if let Some(r) = to_role {
        parts.push(format!("to {}", escape(r)));
    }
    if parts.is_empty() {
        s.push_str(" → ");
    } else {
        s.push_str(&p.paint(DIM, &format!(" ─({})→ ", parts.join(", "))));
    }
    s.push_str(&party_label(org, step.to));
}

/// A party's name, marked when it is a vacant role.
pub(crate) fn party_label(org: &Org, party: Party) -> String {
    let name = escape(org.name(party)).into_owned();
    match party {
        Party::Role(r) if org.role(r).is_some_and(|role| role.is_vacant()) => {
            format!("{name} (vacant role)")
        }
        _ => name,
    }
}
