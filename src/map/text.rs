//! `chain map` as aligned text. Every id, name and title is escaped, so a
//! team file cannot send control sequences to the terminal; on a terminal,
//! chains are wrapped to its width.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::wrap::Wrapped;
use super::{PartyMap, PeopleMap};
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
            text.to_owned()
        }
    }

    /// Appends `text` in `style` to `out`.
    fn paint_into(&self, out: &mut Vec<u8>, style: Style, text: &str) {
        if self.styled {
            let _ = write!(out, "{style}{text}{style:#}");
        } else {
            out.extend_from_slice(text.as_bytes());
        }
    }
}

/// Every party's label and every role's id, escaped once: one name shows
/// in many chains.
struct Labels {
    people: Vec<String>,
    roles: Vec<String>,
    role_ids: Vec<String>,
    externals: Vec<String>,
}

impl Labels {
    fn new(org: &Org) -> Self {
        let label = |p: Party| party_label(org, p);
        Labels {
            people: (0..org.people.len())
                .map(|i| label(Party::Person(i)))
                .collect(),
            roles: (0..org.roles.len())
                .map(|i| label(Party::Role(i)))
                .collect(),
            role_ids: org
                .roles
                .iter()
                .map(|r| escape(&r.id).into_owned())
                .collect(),
            externals: (0..org.externals.len())
                .map(|i| label(Party::External(i)))
                .collect(),
        }
    }

    /// A party's name, marked when it is a vacant role.
    fn party(&self, party: Party) -> &str {
        let label = match party {
            Party::Person(i) => self.people.get(i),
            Party::Role(i) => self.roles.get(i),
            Party::External(i) => self.externals.get(i),
        };
        label.map_or("", String::as_str)
    }

    fn role_id(&self, role: usize) -> &str {
        self.role_ids.get(role).map_or("", String::as_str)
    }
}

/// A party's name, escaped, marked when it is a vacant role.
pub(crate) fn party_label(org: &Org, party: Party) -> String {
    let name = escape(org.name(party));
    if org.is_vacant(party) {
        format!("{name} (vacant role)")
    } else {
        name.into_owned()
    }
}

/// A chain as the map writes it (escaped, styled when `styled`), for a
/// line whose first `column` columns are written already, wrapped to
/// `width` when given.
pub(crate) fn chain_line(
    org: &Org,
    chain: &Chain,
    styled: bool,
    width: Option<usize>,
    column: usize,
) -> Vec<u8> {
    let mut line = Vec::new();
    let mut wrapped = Wrapped::new(&mut line, width, column);
    write_chain(
        &mut wrapped,
        org,
        &Labels::new(org),
        chain,
        &Painter { styled },
    );
    line
}

/// Writes a chain's pieces: "Ana Ruiz", "─(as av-tech, to producer)→ Lee
/// Chen", "→ Distance students".
fn write_chain(line: &mut Wrapped<'_>, org: &Org, labels: &Labels, chain: &Chain, p: &Painter) {
    let start = labels.party(chain.start);
    line.piece(|| width(start))
        .extend_from_slice(start.as_bytes());
    let mut arrow = String::new();
    for s in &chain.head {
        write_step(line, org, labels, s, p, &mut arrow);
    }
    if chain.elided > 0 {
        let gap = format!("→ … {} more …", chain.elided);
        p.paint_into(line.piece(|| width(&gap)), DIM, &gap);
    }
    for s in &chain.tail {
        write_step(line, org, labels, s, p, &mut arrow);
    }
}

/// One step as a piece: "─(what, as X, to Y)→ Name" or "→ Name"; `arrow`
/// is a buffer to reuse.
fn write_step(
    line: &mut Wrapped<'_>,
    org: &Org,
    labels: &Labels,
    step: &Step,
    p: &Painter,
    arrow: &mut String,
) {
    arrow.clear();
    let what = step.handoff(org).and_then(|h| h.what).map(|w| w.as_str());
    let roles = [("as ", step.as_role), ("to ", step.to_role)];
    let labelled = roles
        .iter()
        .filter_map(|&(word, r)| Some((word, labels.role_id(r?))));
    let parts = what.map(|w| ("", w)).into_iter().chain(labelled);
    for (i, (word, part)) in parts.enumerate() {
        arrow.push_str(if i == 0 { "─(" } else { ", " });
        arrow.push_str(word);
        arrow.push_str(part);
    }
    arrow.push_str(if arrow.is_empty() { "→ " } else { ")→ " });
    let to = labels.party(step.to);
    let out = line.piece(|| width(arrow) + width(to));
    p.paint_into(out, DIM, arrow);
    out.extend_from_slice(to.as_bytes());
}

/// The all-people map: one line per person.
pub fn people(
    map: &PeopleMap<'_>,
    out: &mut dyn Write,
    styled: bool,
    width: Option<usize>,
) -> io::Result<()> {
    let org = map.org;
    let p = Painter { styled };
    let labels = Labels::new(org);
    let id_width = org
        .people
        .iter()
        .map(|x| crate::text::width(&escape(&x.id)))
        .max()
        .unwrap_or(0)
        .max(6);
    let header = format!(
        "{:<id_width$}  {:>8}  chain to a paying customer",
        "person", "handoffs"
    );
    writeln!(out, "{}", p.paint(DIM, &header))?;
    let mut reach = 0;
    let mut line = Vec::new();
    for (i, person) in org.people.iter().enumerate() {
        line.clear();
        let id = escape(&person.id);
        let pad = " ".repeat(id_width.saturating_sub(crate::text::width(&id)));
        write!(line, "{}{pad}  ", p.paint(BOLD, &id))?;
        let column = id_width + 2 + 8 + 2;
        match (map.distance(i), map.chain(i)) {
            (Some(d), Some(chain)) => {
                reach += 1;
                write!(line, "{d:>8}  ")?;
                let mut wrapped = Wrapped::new(&mut line, width, column);
                write_chain(&mut wrapped, org, &labels, &chain, &p);
            }
            _ => {
                let name = labels.party(Party::Person(i));
                write!(line, "{:>8}  {name}: ", "-")?;
                let (stops, more) = map.stopped_at(i);
                let why = stopped(org, &labels, stops, more);
                line.extend_from_slice(p.paint(WARN, &why).as_bytes());
            }
        }
        line.push(b'\n');
        out.write_all(&line)?;
    }
    let total = org.people.len();
    let style = if reach == total { GOOD } else { WARN };
    writeln!(out, "\n{}", p.paint(style, &summary(total, reach)))
}

/// Why a person reaches no paying customer: "no route to a paying
/// customer", or the vacancies that stop their work.
fn stopped(org: &Org, labels: &Labels, stops: &[usize], more: bool) -> String {
    if stops.is_empty() {
        return "no route to a paying customer".to_string();
    }
    let named: Vec<String> = stops
        .iter()
        .map(|&r| {
            let title = escape(org.name(Party::Role(r)));
            format!("`{}` ({title})", labels.role_id(r))
        })
        .collect();
    let roles = if named.len() == 1 && !more {
        "role"
    } else {
        "roles"
    };
    let and_more = if more { " and more" } else { "" };
    format!("stops at vacant {roles} {}{and_more}", named.join(", "))
}

/// "3 people: 2 reach a paying customer, 1 does not".
fn summary(total: usize, reach: usize) -> String {
    let missing = total.saturating_sub(reach);
    let people = if total == 1 { "person" } else { "people" };
    let reaches = if reach == 1 { "reaches" } else { "reach" };
    let fails = if missing == 1 { "does not" } else { "do not" };
    format!("{total} {people}: {reach} {reaches} a paying customer, {missing} {fails}")
}

/// Everyone one party serves, or who serves it, grouped by distance.
pub fn party(
    map: &PartyMap<'_>,
    out: &mut dyn Write,
    styled: bool,
    width: Option<usize>,
) -> io::Result<()> {
    let org = map.org;
    let p = Painter { styled };
    let who = format!(
        "{} ({})",
        escape(org.name(map.start)),
        escape(org.id(map.start))
    );
    let n = map.parties.len();
    let (parties, serve) = if n == 1 {
        ("party", "serves")
    } else {
        ("parties", "serve")
    };
    let within = map
        .depth
        .map(|d| format!(" within {d} handoff{}", if d == 1 { "" } else { "s" }))
        .unwrap_or_default();
    let title = match map.way {
        Way::Downstream => format!("{who} serves {n} {parties}{within}"),
        Way::Upstream => format!("{n} {parties} {serve} {who}{within}"),
    };
    writeln!(out, "{}", p.paint(BOLD, &title))?;
    write_groups(map, out, &p)?;
    if map.way == Way::Downstream {
        write_chains(map, out, &p, width)?;
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
        let kind = describe(org, party);
        writeln!(
            out,
            "    {}{id_pad}  {name}{name_pad}  {kind}",
            p.paint(BOLD, id)
        )?;
    }
    Ok(())
}

/// "person", "role", "role, vacant", "external", "external, pays".
fn describe(org: &Org, party: Party) -> String {
    let kind = party.kind().as_str();
    if org.is_vacant(party) {
        format!("{kind}, vacant")
    } else if org.pays(party) {
        format!("{kind}, pays")
    } else {
        kind.to_string()
    }
}

fn write_chains(
    map: &PartyMap<'_>,
    out: &mut dyn Write,
    p: &Painter,
    width: Option<usize>,
) -> io::Result<()> {
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
        let mut wrapped = Wrapped::new(&mut line, width, 7);
        write_chain(&mut wrapped, map.org, &labels, chain, p);
        line.push(b'\n');
        out.write_all(&line)?;
    }
    Ok(())
}
