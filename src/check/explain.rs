//! `chain check --explain CODE`: what each code finds, why it matters for
//! the customer chain, how to fix it, and a small example. The same text is
//! the `help` of each rule in the SARIF report.

use std::io::{self, Write};

use anstyle::Style;

use super::config::is_fixed;
use crate::finding::Code;

/// The explanation of one code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// What the code finds.
    pub finds: &'static str,
    /// Why it matters for the customer chain.
    pub matters: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    /// A small team file showing it.
    pub example: &'static str,
    /// The roster the example is checked against, for a code that
    /// compares the file with one (`--roster roster.csv`).
    pub roster: Option<&'static str>,
}

/// The explanation of `code`.
pub fn of(code: Code) -> Explanation {
    let (finds, matters, fix, example) = match code {
        Code::UnknownReference => (
            "A `roles` entry names no declared role, or a handoff's `to` names no declared\nperson, role or external customer: usually a typo, or a party renamed or removed.",
            "The handoff or role is left out, so the chain it belongs to is broken: the work\nit stands for reaches no one. Every chain command refuses such a file.",
            "Correct the id (the help line suggests the closest declared one), or declare\nthe missing party.",
            "[external.students]\npays = true\n\n[roles.av-tech]\nhands_to = [\"students\"]\n\n[people.lee]\nroles = [\"av-tek\"]          # unknown-reference: did you mean `av-tech`?",
        ),
        Code::DuplicateId => (
            "One id declared twice across `[people]`, `[roles]` and `[external]`. They share\none namespace, so that `to = \"x\"` names exactly one party.",
            "A handoff to a duplicated id is ambiguous: chain keeps the first declaration,\nso work meant for one party would be credited to another. Every chain command\nrefuses such a file.",
            "Rename one of the two, and update the handoffs and `roles` entries that meant it.",
            "[external.buyer]\npays = true\n\n[people.buyer]              # duplicate-id: `buyer` is an external customer already\nname = \"Ana Ruiz\"\nhands_to = [\"buyer\"]",
        ),
        Code::InvalidValue => (
            "A key or value the team file format does not allow: an unknown key, a value of\nthe wrong type, a `what` outside the kinds of work, `hands_to` on an external\ncustomer, or an unknown or contradictory code in `[check]`.",
            "chain cannot tell what the file means there, so the value is left out of the\nmodel. Every chain command refuses such a file.",
            "Follow the help line: it names the allowed keys or values and the closest one.",
            "[external.students]\npays = true\n\n[people.lee]\nhands_to = [{ to = \"students\", what = \"teaching\" }]   # invalid-value: not a kind of work",
        ),
        Code::OrphanRole => (
            "A role that nobody holds: no person lists it in `roles`.",
            "Work handed to the role has no one to do it, so it stops there: a vacant role\nhands nothing on, and the customers after it are served on paper only. Anyone\nwhose every route to a paying customer runs through the vacancy has none, and\nis a `dead-end` that names it.",
            "Add the role to the `roles` of the person who does the work (in the example,\n`roles = [\"captioner\"]` under the person who writes captions). While a post is\nopen, `chain map FILE` shows whose work stops at it. If the work is gone, remove\nthe role and the handoffs to it.",
            "[external.students]\npays = true\n\n[roles.captioner]           # orphan-role: nobody lists `captioner` in `roles`\nhands_to = [\"students\"]\n\n[people.rui]\nhands_to = [\"captioner\"]",
        ),
        Code::NoPayingCustomer => (
            "No external customer has `pays = true`.",
            "Every chain ends at the customer who pays. Without one no chain has an end:\ndistances are undefined, and `dead-end` and `single-point` have nothing to\nmeasure against (they are not reported until there is one).",
            "Add `pays = true` to the external customers who pay. If the paying customer is\nmissing, declare it and hand work to it.",
            "[external.dealers]\nname = \"Bicycle dealers\"    # no-paying-customer: add `pays = true` here\n\n[people.kofi]\nhands_to = [\"dealers\"]",
        ),
        Code::DeadEnd => (
            "A person or role that hands work on, but whose work never reaches a paying\ncustomer, however far it is followed. When the work stops at a vacant role that\nwould carry it on if someone held it, the finding names the vacancy. (A party\nthat hands work to no one at all is `no-customer` instead.)",
            "Their customers are real, but the chain stops short of the customer who pays:\na post is empty, a handoff is missing from the file, or the work serves nobody\nthe organisation exists for. Work that goes round a loop and never leaves it\nfor a paying customer ends here too.",
            "If a vacancy is named, fill the post: add the role to the `roles` of whoever\ndoes that work. Otherwise `chain map FILE ID` lists everyone the work reaches:\nadd the missing handoff towards a paying customer, or stop work that serves no\npurpose.",
            "[external.buyers]\npays = true\n\n[external.archive]\n\n[people.ana]\nhands_to = [\"ben\", \"buyers\"]   # not a dead end: one of her handoffs reaches the buyers\n\n[people.ben]\nhands_to = [\"archive\"]      # dead-end: the archive pays nothing and hands nothing on",
        ),
        Code::NoCustomer => (
            "A person or role that hands work to no one: no `hands_to` of its own and, for a\nperson, no role that hands work on. Handing work only to yourself counts too.",
            "Everyone in an organisation has a customer. A party without one is missing its\nhandoffs in the file, or its work goes nowhere, which is worth asking about.",
            "Add `hands_to` naming who receives the work (a person, a role or an external\ncustomer), or give the person a role that hands work on.",
            "[external.buyers]\npays = true\n\n[people.ana]\nhands_to = [\"buyers\"]\n\n[people.kim]\nname = \"Kim Osei\"           # no-customer: Kim hands work to no one",
        ),
        Code::UnservedExternal => (
            "An external customer that nobody hands work to.",
            "The organisation declares a customer it does not serve: a handoff is missing,\nor the customer is out of date. If it pays, no one's work reaches it at all.",
            "Add the customer to the `hands_to` of whoever serves it, or remove it.",
            "[external.buyers]\npays = true\n\n[external.recycler]         # unserved-external: no handoff names `recycler`\n\n[people.ines]\nhands_to = [\"buyers\"]",
        ),
        Code::Cycle => (
            "A loop of handoffs: work goes from one person to another and, through one or\nmore handoffs, comes back. Not reported by default; `--warn cycle` or\n`[check] warn = [\"cycle\"]` lists every loop, once per loop (a group of people\nthat all reach each other), showing one loop through its first person and\nnaming the others caught in it. Handing work to yourself is not a loop.",
            "Most loops are how work is done: a manager instructs and the staff report back,\ninspection sends rework to assembly, a draft goes round for review. A loop that\nwork enters and never leaves for a paying customer is a real problem, and its\nmembers are reported as `dead-end` whether or not this code is on. Listing the\nloops helps find a handoff written the wrong way round.",
            "Nothing to fix when the loop is intended. If a handoff was written the wrong way\nround, reverse or remove it.",
            "[external.dealers]\npays = true\n\n[roles.assembler]\nhands_to = [\"inspector\"]\n\n[roles.inspector]\nhands_to = [\"dealers\", \"assembler\"]   # cycle: rework goes back to assembly\n\n[people.signe]\nroles = [\"assembler\"]\n\n[people.yusra]\nroles = [\"inspector\"]",
        ),
        Code::SinglePoint => (
            "A person through whom every chain of some other people to the paying customers\npasses: if they are away, those people's work reaches no paying customer. Not\nreported by default (in a small team nearly everyone is one for somebody);\n`--warn single-point` or `[check] warn = [\"single-point\"]` asks for it.",
            "A chain is as strong as its weakest link. A single point has no cover, so a\nholiday, an illness or a resignation stops the work of everyone who depends on\nthem: the people counted are exactly those `chain diff FILE --without ID` says\nlose their route, since the roles only they held fall vacant.",
            "Decide whether the risk is worth covering. To cover it, give the work a second\nroute: a second holder of the person's role (in the example, another person\nwith `roles = [\"shipping\"]`), or a handoff that goes around them. To accept it,\nleave the code allowed (its default), or allow it again after a one-off review.",
            "[external.dealers]\npays = true\n\n[roles.shipping]\nhands_to = [\"dealers\"]\n\n[people.gunnar]\nroles = [\"shipping\"]        # single-point: all of Signe's work leaves through Gunnar\n\n[people.signe]\nhands_to = [\"shipping\"]",
        ),
        Code::SoleHolder => (
            "A role held by exactly one person. Not reported by default (small teams have\nmany); `--warn sole-holder` or `[check] warn = [\"sole-holder\"]` turns it on.",
            "When the only holder is away, nobody does the role's work, and every chain\nthrough the role stops there.",
            "Add the role to the `roles` of a second person who can cover it.",
            "[external.students]\npays = true\n\n[roles.bursar]\nhands_to = [\"students\"]\n\n[people.odalys]\nroles = [\"bursar\"]          # sole-holder: only Odalys holds `bursar`",
        ),
        Code::RosterJoiner => (
            "Someone on the roster given with `--roster` who is not in the team file: a\njoiner, or someone the file never had. People are matched by the id\n`chain import` makes for them (from the roster's id column, else the email's\nlocal part, else the name), then by name.",
            "Their work is in no chain: nobody hands them work and they hand nothing on, so\nthe map of the organisation is missing a link that is really there.",
            "Add them to the team file with their roles and handoffs:\n`chain import ROSTER --merge FILE` adds everyone missing. If they are not\npart of the organisation the file describes, take them off the roster.",
            "[external.students]\npays = true\n\n[people.ann-lee]\nname = \"Ann Lee\"\nhands_to = [\"students\"]\n# roster-joiner: Bo Chen (line 3 of roster.csv) is not in this file",
        ),
        Code::RosterLeaver => (
            "Someone in the team file who is not on the roster given with `--roster`: a\nleaver, or someone the roster leaves out. Matched as for `roster-joiner`.",
            "Chains through them are on paper only: the work they stand for is done by\nsomeone else now, or by nobody.",
            "If they have left, see what their going changes with\n`chain diff FILE --without ID`, then remove them and hand their work to whoever\ndoes it now. If they are still here, add them to the roster.",
            "[external.students]\npays = true\n\n[people.ann-lee]\nname = \"Ann Lee\"\nhands_to = [\"students\"]\n\n[people.cy]                  # roster-leaver: Cy is not on roster.csv\nhands_to = [\"students\"]",
        ),
    };
    Explanation {
        finds,
        matters,
        fix,
        example,
        roster: roster_example(code),
    }
}

/// The roster of a roster code's example.
fn roster_example(code: Code) -> Option<&'static str> {
    match code {
        Code::RosterJoiner => {
            Some("name,email\nAnn Lee,ann.lee@example.org\nBo Chen,bo.chen@example.org\n")
        }
        Code::RosterLeaver => Some("name,email\nAnn Lee,ann.lee@example.org\n"),
        _ => None,
    }
}

/// The whole explanation as plain text, ending with a newline.
pub fn text(code: Code) -> String {
    render(code, false)
}

/// Writes the explanation of `code`, with bold headings when `styled`.
pub fn write(out: &mut dyn Write, code: Code, styled: bool) -> io::Result<()> {
    out.write_all(render(code, styled).as_bytes())
}

fn render(code: Code, styled: bool) -> String {
    let bold = |s: &str| {
        if styled {
            let b = Style::new().bold();
            format!("{b}{s}{b:#}")
        } else {
            s.to_string()
        }
    };
    let e = of(code);
    let severity = if is_fixed(code) {
        "error, always".to_string()
    } else {
        format!("{} by default", code.default_severity().as_str())
    };
    let indent = |s: &str| {
        s.lines()
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("    {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut out = format!("{} ({severity}): {}\n", bold(code.as_str()), code.summary());
    let roster = e.roster.map(|r| ("Roster (roster.csv)", r.trim_end()));
    let parts = [
        ("What it finds", e.finds),
        ("Why it matters", e.matters),
        ("How to fix it", e.fix),
        ("Example", e.example),
    ];
    for (heading, body) in parts.into_iter().chain(roster) {
        out.push_str(&format!("\n{}\n{}\n", bold(heading), indent(body)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code has every part, and the example names the code it shows.
    #[test]
    fn every_code_is_explained() {
        for &code in Code::ALL {
            let e = of(code);
            for part in [e.finds, e.matters, e.fix, e.example] {
                assert!(!part.trim().is_empty(), "{code}");
            }
            assert!(e.example.contains(code.as_str()), "{code}");
            assert!(text(code).starts_with(code.as_str()), "{code}");
        }
    }

    /// Every example is a whole team file that shows its own code.
    #[test]
    fn examples_show_their_code() {
        let all_on = crate::check::Settings {
            levels: Code::ALL
                .iter()
                .filter(|&&c| !is_fixed(c))
                .map(|&c| (c, crate::finding::Severity::Warning))
                .collect(),
            deny_warnings: false,
        };
        for &code in Code::ALL {
            let text = of(code).example;
            let input = crate::load::Input::Text {
                name: "example.toml",
                text,
            };
            let mut loaded = crate::load::load(input).expect("the example is TOML");
            let extra = match of(code).roster {
                Some(csv) => {
                    let roster = crate::roster::Roster::parse(
                        &mut loaded.sources,
                        "roster.csv",
                        csv.as_bytes().to_vec(),
                        &[],
                    )
                    .expect("the roster reads");
                    crate::check::roster::findings(&roster, &loaded.org)
                }
                None => Vec::new(),
            };
            let found = crate::check::run_with(&loaded, &all_on, extra);
            assert!(found.iter().any(|f| f.code == code), "{code}: {found:?}");
        }
    }
}
