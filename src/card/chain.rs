//! A chain to a paying customer written out for Markdown and HTML, in the
//! words `chain map` uses: "Ana ─(materials, as av-tech, to producer)→ Lee".

use crate::model::{Org, Party};
use crate::walk::{Chain, Step};

/// The chain in one line (see [`pieces`]).
pub(super) fn line(
    org: &Org,
    chain: &Chain,
    name: impl Fn(Party) -> String,
    escape: impl Fn(&str) -> String,
) -> String {
    pieces(org, chain, name, escape).join(" ")
}

/// The chain in pieces: the first party named by `name`, then each
/// handoff with the party it reaches, "─(what, as X, to Y)→ Name" (role
/// ids escaped by `escape`), and the elided middle of a long chain as
/// "→ … N more …".
pub(super) fn pieces(
    org: &Org,
    chain: &Chain,
    name: impl Fn(Party) -> String,
    escape: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut out = vec![name(chain.start)];
    for (i, s) in chain.steps().enumerate() {
        if i == chain.head.len() && chain.elided > 0 {
            out.push(format!("→ … {} more …", chain.elided));
        }
        let label = arrow(org, s, &escape);
        let to = name(s.to);
        out.push(if label.is_empty() {
            format!("→ {to}")
        } else {
            format!("─({label})→ {to}")
        });
    }
    out
}

/// What a step's arrow says: "materials, as av-tech, to producer".
fn arrow(org: &Org, step: &Step, escape: impl Fn(&str) -> String) -> String {
    let what = step
        .handoff(org)
        .and_then(|h| h.what)
        .map(|w| w.as_str().to_string());
    let role = |word: &str, r: Option<usize>| {
        let role = org.role(r?)?;
        Some(format!("{word} {}", escape(&role.id)))
    };
    let parts = [what, role("as", step.as_role), role("to", step.to_role)];
    parts.into_iter().flatten().collect::<Vec<_>>().join(", ")
}
