//! A card as a small standalone HTML page: its style inline, no script,
//! nothing fetched (a Content-Security-Policy says so to the browser), and
//! readable printed. Every string from the team file is escaped
//! ([`crate::markup::html`]); in a handbook, each party named links to its
//! card.

use std::io::{self, Write};

use super::entry::{Description, Entry, label, list};
use super::facts::facts;
use super::page::{After, Item, Page, lay_out};
use super::words::{self, Section, handoffs};
use super::{Card, Links, Route, chain};
use crate::markup::html as escape;
use crate::model::{Org, Party};
use crate::walk::Chain;

/// The page's style: plain, narrow enough to read, and without colour or
/// links' underlines on paper.
const STYLE: &str = "\
body{font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1b1b1b;background:#fff;margin:0}
main{max-width:56rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.8rem;margin:0 0 .25rem}
h2{font-size:1.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin:1.8rem 0 .3rem}
p{margin:.3rem 0}
.facts,.about{color:#555}
.id{color:#666;font-size:.9em}
table{border-collapse:collapse;width:100%;margin-top:.5rem}
th,td{text-align:left;vertical-align:top;padding:.3rem .6rem .3rem 0;border-bottom:1px solid #e5e5e5}
th{font-weight:600}
th:nth-child(1){width:30%}th:nth-child(2){width:28%}th:nth-child(3){width:12%}
.warn{color:#8a4600;font-weight:600}
.pays{color:#1d6b2a;font-weight:600}
ul{padding-left:1.2rem}
ul.chain{list-style:none;padding-left:0}
ul.chain li+li{padding-left:1.5rem}
@media print{main{margin:0;max-width:none}a{color:inherit;text-decoration:none}h2{break-after:avoid}tr,li{break-inside:avoid}}
";

/// Writes `card` as an HTML page, or with `whole` false only what its
/// `<main>` holds (for a page that shows cards inside its own, `chain
/// graph -o team.html`); with `links`, parties named link to their cards.
pub(super) fn write(
    card: &Card<'_>,
    out: &mut dyn Write,
    links: Option<Links<'_>>,
    whole: bool,
) -> io::Result<()> {
    lay_out(
        card,
        &mut Html {
            card,
            org: card.org,
            out,
            links,
            whole,
        },
    )
}

/// The start of a page titled `title` (escaped already), up to `<main>`.
pub(super) fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n"
    )
}

/// The end of a page.
pub(super) const FOOT: &str = "</main>\n</body>\n</html>\n";

struct Html<'c, 'o> {
    card: &'c Card<'c>,
    org: &'c Org,
    out: &'o mut dyn Write,
    links: Option<Links<'o>>,
    /// A whole page, or only the body of its `<main>`.
    whole: bool,
}

impl Html<'_, '_> {
    /// The file of `party`'s card, in a handbook (never the card's own).
    fn link(&self, party: Party) -> Option<String> {
        let link = self.links.filter(|_| party != self.card.party)?;
        Some(link(party))
    }

    /// A party's name, a link to its card in a handbook.
    fn name(&self, party: Party) -> String {
        name(self.org, party, self.link(party).as_deref())
    }

    /// The name and, when it differs, the id.
    fn label(&self, party: Party) -> String {
        linked(self.org, party, self.link(party).as_deref())
    }

    fn title(&mut self, section: Section) -> io::Result<()> {
        writeln!(
            self.out,
            "<section>\n<h2>{}</h2>\n<p class=\"about\">{}</p>",
            section.title, section.about
        )
    }

    /// A chain of `count` handoffs, a step a line.
    fn chain(&mut self, count: &str, chain: &Chain) -> io::Result<()> {
        let pieces = chain::pieces(self.org, chain, |p| self.name(p), escape);
        writeln!(self.out, "<p>{count}:</p>\n<ul class=\"chain\">")?;
        for piece in pieces {
            writeln!(self.out, "<li>{piece}</li>")?;
        }
        writeln!(self.out, "</ul>")
    }

    fn kind(&self, row: &Entry<'_>) -> String {
        let me = self.card.party;
        let (kind, words) = row.kind_words(self.org, me, |p| self.name(p), escape);
        match kind {
            Description::VacantRole => format!("<span class=\"warn\">{words}</span>"),
            Description::Paying => format!("<span class=\"pays\">{words}</span>"),
            _ => words,
        }
    }
}

/// A party's name, a link to `file` when given.
fn name(org: &Org, party: Party, file: Option<&str>) -> String {
    let name = escape(org.name(party));
    match file {
        Some(file) => format!("<a href=\"{}\">{name}</a>", escape(file)),
        None => name,
    }
}

/// A party's name (a link to `file` when given) and, when it differs, its id.
pub(super) fn linked(org: &Org, party: Party, file: Option<&str>) -> String {
    let name = name(org, party, file);
    if org.name(party) == org.id(party) {
        name
    } else {
        let id = escape(org.id(party));
        format!("{name} <span class=\"id\">({id})</span>")
    }
}

impl Page for Html<'_, '_> {
    fn header(&mut self) -> io::Result<()> {
        let party = self.card.party;
        let plain = label(self.org, party, escape);
        let facts = facts(self.card, |p| self.label(p), escape).join(" · ");
        if self.whole {
            self.out.write_all(head(&plain).as_bytes())?;
        }
        writeln!(
            self.out,
            "<h1>{}</h1>\n<p class=\"facts\">{facts}</p>",
            self.label(party)
        )
    }

    fn entries(&mut self, section: Section, rows: &[Entry<'_>], outgoing: bool) -> io::Result<()> {
        self.title(section)?;
        if rows.is_empty() {
            return writeln!(self.out, "<p>{}</p>\n</section>", section.none);
        }
        let who = if outgoing { "To" } else { "From" };
        writeln!(
            self.out,
            "<table>\n<thead><tr><th>{who}</th><th>Kind</th><th>What</th><th>Note</th></tr></thead>\n<tbody>"
        )?;
        for row in rows {
            let what = row.what.map_or("", |w| w.as_str());
            let note = row.note.map(escape).unwrap_or_default();
            writeln!(
                self.out,
                "<tr><td>{}</td><td>{}</td><td>{what}</td><td>{note}</td></tr>",
                self.label(row.party),
                self.kind(row)
            )?;
        }
        writeln!(self.out, "</tbody>\n</table>\n</section>")
    }

    fn route(&mut self, route: &Route) -> io::Result<()> {
        writeln!(self.out, "<section>\n<h2>{}</h2>", words::ROUTE.title)?;
        match route {
            Route::Reaches { distance, chain } => {
                let count = handoffs(u64::from(*distance));
                match chain {
                    Some(chain) => self.chain(&count, chain)?,
                    None => writeln!(
                        self.out,
                        "<p>{count} from the role's work; each holder's card shows their chain.</p>"
                    )?,
                }
            }
            Route::Stops { at, more } => {
                let roles: Vec<String> = at.iter().map(|&r| self.label(Party::Role(r))).collect();
                let more = if *more { " and more" } else { "" };
                writeln!(
                    self.out,
                    "<p><span class=\"warn\">None</span>: the work stops at vacant {}{more}.</p>",
                    roles.join(", ")
                )?;
            }
            Route::Nowhere => writeln!(
                self.out,
                "<p><span class=\"warn\">None</span>: the work reaches no paying customer.</p>"
            )?,
        }
        writeln!(self.out, "</section>")
    }

    fn list(&mut self, section: Section, items: &[Item], more: usize) -> io::Result<()> {
        self.title(section)?;
        if items.is_empty() {
            return writeln!(self.out, "<p>{}</p>\n</section>", section.none);
        }
        writeln!(self.out, "<ul>")?;
        for item in items {
            let after = match &item.after {
                After::Nothing => String::new(),
                After::Distance(d) => format!(", {}", handoffs(u64::from(*d))),
                After::Cover(shown, total) => {
                    format!(": {}", list(shown, *total, |p| self.label(p)))
                }
                After::NoCover => {
                    ": <span class=\"warn\">no cover</span>, nobody else holds it".to_string()
                }
            };
            writeln!(self.out, "<li>{}{after}</li>", self.label(item.party))?;
        }
        if more > 0 {
            writeln!(self.out, "<li>and {more} more</li>")?;
        }
        writeln!(self.out, "</ul>\n</section>")
    }

    fn end(&mut self) -> io::Result<()> {
        if self.whole {
            self.out.write_all(FOOT.as_bytes())?;
        }
        Ok(())
    }
}
