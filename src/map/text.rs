//! `chain map` as aligned text. Every id, name and title is escaped, so a
//! team file cannot send control sequences to the terminal.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use anstyle::{AnsiColor, Style};

use super::{PartyMap, PeopleMap, internal};
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
        let mut s = String::new();
        self.paint_into(&mut s, style, text);
        s
    }

    /// Appends `text` in `style` to `out`.
    fn paint_into(&self, out: &mut String, style: Style, text: &str) {
        self.open(out, style);
        out.push_str(text);
        self.close(out, style);
    }

    /// Appends what starts `style` to `out`, when styled.
    fn open(&self, out: &mut String, style: Style) {
        if self.styled {
            let _ = write!(out, "{style}");
        }
    }

    /// Appends what ends `style` to `out`, when styled.
    fn close(&self, out: &mut String, style: Style) {
        if self.styled {
            let _ = write!(out, "{style:#}");
        }
    }
}

/// Room for a line of the all-people map: most chains are a few steps.
const LINE: usize = 256;

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
    let total = org.people.len();
    let reach = AtomicUsize::new(0);
    let labels = Labels::new(org);
    // Each line is built on its own, on every core, and the lines are
    // written in order.
    crate::ordered::write_blocks(out, total, |i, buffer| {
        ask_ahead(map, &labels, i);
        let mut line = String::with_capacity(LINE);
        if person_line(&mut line, map, &labels, i, id_width, &p) {
            reach.fetch_add(1, Ordering::Relaxed);
        }
        buffer.extend_from_slice(line.as_bytes());
        Ok(())
    })?;
    let reach = reach.into_inner();
    let missing = total - reach;
    let people = if total == 1 { "person" } else { "people" };
    let reaches = if reach == 1 { "reaches" } else { "reach" };
    let fails = if missing == 1 { "does not" } else { "do not" };
    let summary =
        format!("{total} {people}: {reach} {reaches} a paying customer, {missing} {fails}");
    let style = if missing == 0 { GOOD } else { WARN };
    writeln!(out, "\n{}", p.paint(style, &summary))
}

/// Steps of each chain asked for ahead of its line.
const STEPS_ASKED: usize = 3;

/// Asks for what the lines of the people a few after person `i` will
/// read, a step of their chains at a time: each step is in a random place
/// on a million people and leads to the next, so the people nearer `i` get
/// the steps further along. For step `k + 1` of a chain: the step after it,
/// its receiver's label and its handoff; and step `k`'s label text.
fn ask_ahead(map: &PeopleMap<'_>, labels: &Labels<'_>, i: usize) {
    let org = map.org;
    for k in 0..STEPS_ASKED {
        let person = Party::Person(i + 2 * (STEPS_ASKED - k));
        let mut path = map
            .to_paying
            .path(map.graph, person)
            .skip(k.saturating_sub(1));
        if k > 0 {
            let Some((_, shown)) = path.next() else {
                continue;
            };
            labels.ask_text(shown.to);
        }
        let Some((node, step)) = path.next() else {
            continue;
        };
        map.to_paying.ask_next(node);
        labels.ask(step.to);
        crate::prefetch::at(org.hands_to(step.declared_by), step.index);
    }
}

/// Appends person `i`'s line to `line`: the id, then the distance and the
/// chain, or a note that there is none. Whether the person reaches a
/// paying customer.
fn person_line(
    line: &mut String,
    map: &PeopleMap<'_>,
    labels: &Labels<'_>,
    i: usize,
    id_width: usize,
    p: &Painter,
) -> bool {
    let Some(person) = map.org.person(i) else {
        return false;
    };
    let id = escape(&person.id);
    p.paint_into(line, BOLD, &id);
    let pad = id_width.saturating_sub(width(&id));
    line.extend(std::iter::repeat_n(' ', pad + 2));
    let reached = match map.row(i) {
        (Some(d), Some(chain)) => {
            let _ = write!(line, "{d:>8}  ");
            write_chain(line, labels, &chain, p);
            true
        }
        _ => {
            let name = escape(map.org.name(Party::Person(i)));
            let _ = write!(line, "{:>8}  {name}: ", "-");
            p.paint_into(line, WARN, "no route to a paying customer");
            false
        }
    };
    line.push('\n');
    reached
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
    for chain in &map.chains {
        let mut line = String::new();
        write_chain(&mut line, &labels, chain, p);
        writeln!(out, "  {:>3}  {line}", chain.len())?;
    }
    Ok(())
}

/// Every party's label and every role's id, escaped once: one name shows
/// in many chains (in a line of 100,000 people, in fifty each).
struct Labels<'o> {
    org: &'o Org,
    people: Vec<Cow<'o, str>>,
    roles: Vec<Cow<'o, str>>,
    role_ids: Vec<Cow<'o, str>>,
    externals: Vec<Cow<'o, str>>,
}

impl<'o> Labels<'o> {
    fn new(org: &'o Org) -> Self {
        let name = |p: Party| escape(org.name(p));
        Labels {
            org,
            people: (0..org.people.len())
                .map(|i| name(Party::Person(i)))
                .collect(),
            roles: org
                .roles
                .iter()
                .enumerate()
                .map(|(i, role)| {
                    let label = name(Party::Role(i));
                    if role.is_vacant() {
                        Cow::Owned(format!("{label} (vacant role)"))
                    } else {
                        label
                    }
                })
                .collect(),
            role_ids: org.roles.iter().map(|r| escape(&r.id)).collect(),
            externals: (0..org.externals.len())
                .map(|i| name(Party::External(i)))
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
        label.map_or("", |l| l.as_ref())
    }

    /// Asks for `party`'s label, where its text is found.
    fn ask(&self, party: Party) {
        if let Party::Person(i) = party {
            crate::prefetch::at(&self.people, i);
        }
    }

    /// Asks for the text of `party`'s label, once [`Labels::ask`]'s has come.
    fn ask_text(&self, party: Party) {
        crate::prefetch::text(self.party(party));
    }

    fn role_id(&self, role: usize) -> &str {
        self.role_ids.get(role).map_or("", |r| r.as_ref())
    }
}

/// Appends "Ana Ruiz ─(as av-tech, to producer)→ Lee Chen → Distance students".
fn write_chain(s: &mut String, labels: &Labels<'_>, chain: &Chain, p: &Painter) {
    s.push_str(labels.party(chain.start));
    for step in &chain.head {
        push_step(labels, s, step, p);
    }
    if chain.elided > 0 {
        p.paint_into(s, DIM, &format!(" → … {} more …", chain.elided));
    }
    for step in &chain.tail {
        push_step(labels, s, step, p);
    }
}

fn push_step(labels: &Labels<'_>, s: &mut String, step: &Step, p: &Painter) {
    let what = step.handoff(labels.org).and_then(|h| h.what);
    let (as_role, to_role) = (step.as_role, step.to_role);
    if what.is_none() && as_role.is_none() && to_role.is_none() {
        s.push_str(" → ");
    } else {
        p.open(s, DIM);
        s.push_str(" ─(");
        let mut sep = "";
        if let Some(what) = what {
            s.push_str(what.as_str());
            sep = ", ";
        }
        for (word, role) in [("as ", as_role), ("to ", to_role)] {
            if let Some(r) = role {
                s.push_str(sep);
                s.push_str(word);
                s.push_str(labels.role_id(r));
                sep = ", ";
            }
        }
        s.push_str(")→ ");
        p.close(s, DIM);
    }
    s.push_str(labels.party(step.to));
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
