//! A chain as text: "Ana Ruiz ─(as av-tech, to producer)→ Lee Chen →
//! Distance students", from labels escaped once.

use std::borrow::Cow;
use std::io;

use super::{DIM, Painter};
use crate::map::shared::Render;
use crate::model::{Org, Party};
use crate::text::escape;
use crate::walk::{Chain, Step};

/// Every party's label and every role's id, escaped once: one name shows
/// in many chains (in a line of 100,000 people, in fifty each).
pub(super) struct Labels<'o> {
    org: &'o Org,
    people: Vec<Cow<'o, str>>,
    roles: Vec<Cow<'o, str>>,
    role_ids: Vec<Cow<'o, str>>,
    externals: Vec<Cow<'o, str>>,
}

impl<'o> Labels<'o> {
    pub(super) fn new(org: &'o Org) -> Self {
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
    pub(super) fn party(&self, party: Party) -> &str {
        let label = match party {
            Party::Person(i) => self.people.get(i),
            Party::Role(i) => self.roles.get(i),
            Party::External(i) => self.externals.get(i),
        };
        label.map_or("", |l| l.as_ref())
    }

    fn role_id(&self, role: usize) -> &str {
        self.role_ids.get(role).map_or("", |r| r.as_ref())
    }
}

/// A step as text: " ─(what, as X, to Y)→ " or " → ", then the label of
/// the party it reaches; one stream, the steps side by side.
pub(super) struct TextStep<'a, 'o> {
    pub(super) labels: &'a Labels<'o>,
    pub(super) painter: &'a Painter,
}

impl Render for TextStep<'_, '_> {
    const SEPARATOR: &'static [u8] = b"";
    const STREAMS: usize = 1;
    // Copying a step's piece measured slower than writing it anew (on a
    // 100,000-person line 84 ms against 59 ms to write the lines).
    const ALONE: bool = false;

    fn piece(&self, _: &Org, s: &Step, _: usize, out: &mut Vec<u8>) -> io::Result<()> {
        push_step(self.labels, out, s, self.painter);
        Ok(())
    }
}

/// Appends "Ana Ruiz ─(as av-tech, to producer)→ Lee Chen → Distance
/// students".
pub(super) fn write_chain(out: &mut Vec<u8>, labels: &Labels<'_>, chain: &Chain, p: &Painter) {
    out.extend_from_slice(labels.party(chain.start).as_bytes());
    for s in &chain.head {
        push_step(labels, out, s, p);
    }
    if chain.elided > 0 {
        let gap = format!(" → … {} more …", chain.elided);
        p.paint_into(out, DIM, &gap);
    }
    for s in &chain.tail {
        push_step(labels, out, s, p);
    }
}

fn push_step(labels: &Labels<'_>, out: &mut Vec<u8>, step: &Step, p: &Painter) {
    let what = step.handoff(labels.org).and_then(|h| h.what);
    let (as_role, to_role) = (step.as_role, step.to_role);
    if what.is_none() && as_role.is_none() && to_role.is_none() {
        out.extend_from_slice(" → ".as_bytes());
    } else {
        p.open(out, DIM);
        out.extend_from_slice(" ─(".as_bytes());
        let mut sep = "";
        if let Some(what) = what {
            out.extend_from_slice(what.as_str().as_bytes());
            sep = ", ";
        }
        for (word, role) in [("as ", as_role), ("to ", to_role)] {
            if let Some(r) = role {
                for part in [sep, word, labels.role_id(r)] {
                    out.extend_from_slice(part.as_bytes());
                }
                sep = ", ";
            }
        }
        out.extend_from_slice(")→ ".as_bytes());
        p.close(out, DIM);
    }
    out.extend_from_slice(labels.party(step.to).as_bytes());
}
