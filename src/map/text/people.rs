//! The all-people map as text: one line per person, written on every
//! core, each chain copied whole from the shared steps where it can be.

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::chain::{Labels, TextStep, write_chain};
use super::{BOLD, DIM, GOOD, Painter, WARN};
use crate::map::PeopleMap;
use crate::map::shared::{self, SharedSteps};
use crate::model::Party;
use crate::text::{escape, width};

/// The all-people map: one line per person.
pub fn people(map: &PeopleMap<'_>, out: &mut dyn Write, styled: bool) -> io::Result<()> {
    let rest_bytes = shared::REST_BYTES_PER_PERSON.saturating_mul(map.org.people.len());
    people_keeping(map, out, styled, rest_bytes)
}

/// [`people`], keeping at most `rest_bytes` of the chains' rests.
fn people_keeping(
    map: &PeopleMap<'_>,
    out: &mut dyn Write,
    styled: bool,
    rest_bytes: usize,
) -> io::Result<()> {
    let org = map.org;
    let p = Painter { styled };
    let labels = Labels::new(org);
    let render = TextStep {
        labels: &labels,
        painter: &p,
    };
    let shared = SharedSteps::new(org, &map.to_paying, rest_bytes, &render)?;
    let lines = Lines {
        map,
        labels: &labels,
        shared: &shared,
        painter: &p,
        id_width: id_width(map),
    };
    let header = format!(
        "{:<w$}  {:>8}  chain to a paying customer",
        "person",
        "handoffs",
        w = lines.id_width
    );
    writeln!(out, "{}", p.paint(DIM, &header))?;
    let total = org.people.len();
    let reach = AtomicUsize::new(0);
    // Each line is built on its own, on every core, and the lines are
    // written in order.
    crate::ordered::write_blocks(out, total, |i, buffer| {
        shared.ask_ahead(map, i);
        if lines.write(i, buffer)? {
            reach.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    })?;
    let reach = reach.into_inner();
    let style = if reach == total { GOOD } else { WARN };
    writeln!(out, "\n{}", p.paint(style, &summary(total, reach)))
}

/// The width of the id column: the widest escaped id, at least "person".
fn id_width(map: &PeopleMap<'_>) -> usize {
    let ids = map.org.people.iter().map(|x| width(&escape(&x.id)));
    ids.max().unwrap_or(0).max(6)
}

/// "3 people: 2 reach a paying customer, 1 does not".
fn summary(total: usize, reach: usize) -> String {
    let missing = total.saturating_sub(reach);
    let people = if total == 1 { "person" } else { "people" };
    let reaches = if reach == 1 { "reaches" } else { "reach" };
    let fails = if missing == 1 { "does not" } else { "do not" };
    format!("{total} {people}: {reach} {reaches} a paying customer, {missing} {fails}")
}

/// What every person's line is written from.
struct Lines<'a> {
    map: &'a PeopleMap<'a>,
    labels: &'a Labels<'a>,
    shared: &'a SharedSteps,
    painter: &'a Painter,
    id_width: usize,
}

impl Lines<'_> {
    /// Appends person `i`'s line to `out`: the id, then the distance and
    /// the chain, or a note that there is none. Whether the person reaches
    /// a paying customer.
    fn write(&self, i: usize, out: &mut Vec<u8>) -> io::Result<bool> {
        let (map, p) = (self.map, self.painter);
        let Some(person) = map.org.person(i) else {
            return Ok(false);
        };
        let id = escape(&person.id);
        p.paint_into(out, BOLD, &id);
        let pad = self.id_width.saturating_sub(width(&id));
        out.extend(std::iter::repeat_n(b' ', pad + 2));
        if let Some(d) = map.distance(i) {
            let start = out.len();
            write!(out, "{d:>8}  ")?;
            if self.chain(i, out) {
                out.push(b'\n');
                return Ok(true);
            }
            out.truncate(start);
        }
        let name = escape(map.org.name(Party::Person(i)));
        write!(out, "{:>8}  {name}: ", "-")?;
        p.paint_into(out, WARN, "no route to a paying customer");
        out.push(b'\n');
        Ok(false)
    }

    /// Appends person `i`'s chain, copied whole from a shared step where
    /// one keeps it, else step by step; whether there is one.
    fn chain(&self, i: usize, out: &mut Vec<u8>) -> bool {
        let (map, party) = (self.map, Party::Person(i));
        let first = map.to_paying.first_of_whole(map.graph, party);
        if let Some(whole) = first.and_then(|(next, s)| self.shared.whole(&s, next)) {
            out.extend_from_slice(self.labels.party(party).as_bytes());
            out.extend_from_slice(whole.stream(0));
            return true;
        }
        let Some(chain) = map.chain(i) else {
            return false;
        };
        write_chain(out, self.labels, &chain, self.painter);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::fixture::{assert_most_copied_whole, each_map};

    fn written(map: &PeopleMap<'_>, styled: bool, rest_bytes: usize) -> String {
        let mut out = Vec::new();
        people_keeping(map, &mut out, styled, rest_bytes).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Chains copied whole are byte for byte the chains followed step by
    /// step (no room for rests: nothing is copied whole), styled or not,
    /// elided or not; and most people of this organisation are copied
    /// whole.
    #[test]
    fn lines_copied_whole_are_the_lines_followed_step_by_step() {
        each_map(|map, limit| {
            let labels = Labels::new(map.org);
            let painter = Painter { styled: true };
            let render = TextStep {
                labels: &labels,
                painter: &painter,
            };
            assert_most_copied_whole(map, &render);
            for styled in [false, true] {
                let by_step = written(map, styled, 0);
                assert!(by_step.contains("no route to a paying customer"));
                assert!(by_step.contains(" ─(information, as r"), "{by_step}");
                assert_eq!(by_step.contains(" more …"), limit == 3, "limit {limit}");
                for rest_bytes in [usize::MAX, 1_000] {
                    let copied = written(map, styled, rest_bytes);
                    assert_eq!(copied, by_step, "limit {limit}, {rest_bytes} bytes");
                }
            }
        });
    }
}
