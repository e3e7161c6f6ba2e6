//! `chain stats` as text: aligned counts and a small histogram. Every id,
//! name and title is escaped, so a team file cannot send control sequences
//! to the terminal.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::Stats;
use crate::map::party_label;
use crate::model::{Org, Party};
use crate::text::{escape, width};
use crate::walk::CHAIN_LIMIT;
use crate::walk::Chain;

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const WARN: Style = AnsiColor::Yellow.on_default();
const BAR: Style = AnsiColor::Cyan.on_default();

/// The widest bar of the histogram, in characters.
const BAR_WIDTH: usize = 40;
/// At most this many rows in the histogram; more distances share rows.
const MAX_ROWS: u32 = 20;

struct Writer<'o> {
    out: &'o mut dyn Write,
    styled: bool,
    /// Whether anything is written yet: sections after the first are
    /// separated by a blank line.
    started: bool,
}

impl Writer<'_> {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.styled {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    fn heading(&mut self, text: &str) -> io::Result<()> {
        let line = self.paint(BOLD, text);
        let gap = if std::mem::replace(&mut self.started, true) {
            "\n"
        } else {
            ""
        };
        writeln!(self.out, "{gap}{line}")
    }
}

/// Writes every section.
pub fn write(stats: &Stats<'_>, out: &mut dyn Write, styled: bool) -> io::Result<()> {
    let mut w = Writer {
        out,
        styled,
        started: false,
    };
    if let Some(name) = &stats.org.name {
        w.heading(&escape(name))?;
    }
    counts(stats, &mut w)?;
    histogram(stats, &mut w)?;
    longest(stats, &mut w)?;
    relied_on(stats, &mut w)?;
    roles(stats, &mut w)
}

fn counts(stats: &Stats<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    let c = &stats.counts;
    let rows = [
        ("people", c.people, teams(c.teams)),
        (
            "roles",
            c.roles,
            format!("{} held, {} vacant", c.held_roles, c.vacant_roles),
        ),
        (
            "external customers",
            c.externals,
            format!("{} paying", c.paying),
        ),
        ("handoffs", c.handoffs, "declared".to_string()),
    ];
    let number_width = rows
        .iter()
        .map(|r| r.1.to_string().len())
        .max()
        .unwrap_or(1);
    w.heading("Counts")?;
    for (label, n, detail) in rows {
        let line = format!("  {label:<18}  {n:>number_width$}  ");
        if detail.is_empty() {
            writeln!(w.out, "{}", line.trim_end())?;
        } else {
            writeln!(w.out, "{line}{}", w.paint(DIM, &detail))?;
        }
    }
    Ok(())
}

/// "in 3 teams", or nothing when no one has a `team`.
fn teams(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => "in 1 team".to_string(),
        _ => format!("in {n} teams"),
    }
}

/// Rows of the histogram: (first distance, last distance, people).
fn rows(distances: &[(u32, usize)]) -> Vec<(u32, u32, usize)> {
    let max = distances.last().map_or(0, |&(d, _)| d);
    let step = max.div_ceil(MAX_ROWS).max(1);
    let mut rows: Vec<(u32, u32, usize)> = Vec::new();
    for &(d, n) in distances {
        let first = (d.saturating_sub(1) / step) * step + 1;
        match rows.last_mut() {
            Some(row) if row.0 == first => row.2 += n,
            _ => rows.push((first, (first + step - 1).min(max), n)),
        }
    }
    rows
}

fn histogram(stats: &Stats<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    w.heading("Handoffs from each person to the nearest paying customer")?;
    let rows = rows(&stats.distances);
    let label = |&(first, last, _): &(u32, u32, usize)| {
        if first == last {
            first.to_string()
        } else {
            format!("{first}-{last}")
        }
    };
    let labels: Vec<String> = rows.iter().map(label).collect();
    let label_width = labels.iter().map(String::len).max().unwrap_or(0).max(8);
    let most = rows.iter().map(|r| r.2).max().unwrap_or(0).max(1);
    for (row, label) in rows.iter().zip(&labels) {
        let length = (row.2 * BAR_WIDTH).div_ceil(most).max(1);
        let bar = w.paint(BAR, &"█".repeat(length));
        writeln!(w.out, "  {label:>label_width$}  {bar} {}", row.2)?;
    }
    let none = format!("{:>label_width$}  {}", "no route", stats.no_route);
    let style = if stats.no_route > 0 { WARN } else { DIM };
    writeln!(w.out, "  {}", w.paint(style, &none))
}

fn longest(stats: &Stats<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    let Some(longest) = &stats.longest else {
        w.heading("Longest chain")?;
        let line = w.paint(WARN, "nobody's work reaches a paying customer");
        return writeln!(w.out, "  {line}");
    };
    let n = longest.chain.len();
    let handoffs = if n == 1 { "handoff" } else { "handoffs" };
    w.heading(&format!("Longest chain: {n} {handoffs}"))?;
    writeln!(w.out, "  {}", chain_text(stats.org, &longest.chain, w))
}

/// "Ana Ruiz → Lee Chen → … 120 more … → Distance students", at most
/// [`CHAIN_LIMIT`] handoffs shown.
fn chain_text(org: &Org, chain: &Chain, w: &Writer<'_>) -> String {
    let parties: Vec<Party> = chain.parties().collect();
    let shown = |p: &Party| party_label(org, *p);
    if parties.len() <= CHAIN_LIMIT + 1 {
        return parties.iter().map(shown).collect::<Vec<_>>().join(" → ");
    }
    let tail = CHAIN_LIMIT / 2;
    let head = CHAIN_LIMIT - tail;
    let (first, rest) = parties.split_at(head + 1);
    let last = rest.get(rest.len() - tail..).unwrap_or_default();
    let gap = w.paint(DIM, &format!("… {} more …", rest.len() - last.len()));
    let first: Vec<String> = first.iter().map(shown).collect();
    let last: Vec<String> = last.iter().map(shown).collect();
    format!("{} → {gap} → {}", first.join(" → "), last.join(" → "))
}

fn relied_on(stats: &Stats<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    w.heading("Relied on most")?;
    for meaning in [
        "how many other people's work runs through each on its shortest way to a paying customer",
        "(a person with several equally short chains counts a share for each)",
    ] {
        writeln!(w.out, "  {}", w.paint(DIM, meaning))?;
    }
    if stats.relied_on.is_empty() {
        let line = w.paint(DIM, "nobody: no one's work runs through another person");
        return writeln!(w.out, "  {line}");
    }
    let org = stats.org;
    let rows: Vec<(String, String, f64)> = stats
        .relied_on
        .iter()
        .map(|&(p, n)| {
            let party = Party::Person(p);
            (
                escape(org.id(party)).into_owned(),
                escape(org.name(party)).into_owned(),
                n,
            )
        })
        .collect();
    let numbers = rows.iter().map(|(_, _, n)| format!("{n:.1}").len());
    let wide = numbers.max().unwrap_or(0);
    table(
        w,
        rows.into_iter()
            .map(|(id, name, n)| [id, name, format!("{n:>wide$.1} people")]),
    )
}

fn roles(stats: &Stats<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    let org = stats.org;
    let role = |r: usize| {
        let party = Party::Role(r);
        (
            escape(org.id(party)).into_owned(),
            escape(org.name(party)).into_owned(),
        )
    };
    w.heading("Roles with a single holder")?;
    if stats.sole_holders.is_empty() {
        let line = w.paint(DIM, "none");
        writeln!(w.out, "  {line}")?;
    } else {
        let rows = stats.sole_holders.iter().map(|&(r, p)| {
            let (id, title) = role(r);
            [id, title, escape(org.id(Party::Person(p))).into_owned()]
        });
        table(w, rows)?;
    }
    w.heading("Vacant roles")?;
    if stats.vacant.is_empty() {
        let line = w.paint(DIM, "none");
        return writeln!(w.out, "  {line}");
    }
    let rows = stats.vacant.iter().map(|&r| {
        let (id, title) = role(r);
        [id, title, String::new()]
    });
    table(w, rows)
}

/// Three aligned columns, the first in bold.
fn table(w: &mut Writer<'_>, rows: impl Iterator<Item = [String; 3]>) -> io::Result<()> {
    let rows: Vec<[String; 3]> = rows.collect();
    let column = |i: usize| {
        rows.iter()
            .map(|r| r.get(i).map_or(0, |s| width(s)))
            .max()
            .unwrap_or(0)
    };
    let (first, second) = (column(0), column(1));
    for [a, b, c] in &rows {
        let pad_a = " ".repeat(first.saturating_sub(width(a)));
        let pad_b = " ".repeat(second.saturating_sub(width(b)));
        let line = format!("  {}{pad_a}  {b}{pad_b}  {c}", w.paint(BOLD, a));
        writeln!(w.out, "{}", line.trim_end())?;
    }
    Ok(())
}
