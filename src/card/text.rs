//! A card as aligned text for a terminal. Every string from the team file is
//! escaped ([`crate::text::escape`]); styles are written only when asked
//! for (a terminal that takes colour), and notes and chains are wrapped to
//! the terminal's width.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::entry::{Description, Entry, label, list};
use super::facts::facts;
use super::page::{After, Item, Page, lay_out};
use super::words::{self, Section, handoffs};
use super::{Card, Route};
use crate::map::{Wrapped, chain_line};
use crate::model::{Org, Party};
use crate::text::{escape, width};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const WARN: Style = AnsiColor::Yellow.on_default();
const GOOD: Style = AnsiColor::Green.on_default();

/// The widest name column: longer names push their row's kind along.
const NAME_COLUMN: usize = 44;

/// Writes `card` as text.
pub(super) fn write(
    card: &Card<'_>,
    out: &mut dyn Write,
    styled: bool,
    width: Option<usize>,
) -> io::Result<()> {
    lay_out(
        card,
        &mut Text {
            card,
            org: card.org,
            out,
            styled,
            width,
        },
    )
}

struct Text<'c, 'o> {
    card: &'c Card<'c>,
    org: &'c Org,
    out: &'o mut dyn Write,
    styled: bool,
    width: Option<usize>,
}

impl Text<'_, '_> {
    /// `text` in `style`, when styled.
    fn paint(&self, style: Style, text: &str) -> String {
        if self.styled {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    fn label(&self, party: Party) -> String {
        label(self.org, party, |s| escape(s).into_owned())
    }

    /// A section's title line: "Title · what it lists".
    fn title(&mut self, section: Section) -> io::Result<()> {
        let line = format!(
            "\n{} {}",
            self.paint(BOLD, section.title),
            self.paint(DIM, &format!("· {}", section.about))
        );
        writeln!(self.out, "{line}")
    }

    /// An indented line saying there is nothing to list.
    fn none(&mut self, text: &str) -> io::Result<()> {
        let line = format!("  {}", self.paint(DIM, text));
        writeln!(self.out, "{line}")
    }

    /// "role: A, B", "person · as coordinator", "vacant role".
    fn kind(&self, row: &Entry<'_>) -> String {
        let name = |p: Party| escape(self.org.name(p)).into_owned();
        let esc = |s: &str| escape(s).into_owned();
        let (kind, words) = row.kind_words(self.org, self.card.party, name, esc);
        match kind {
            Description::VacantRole => self.paint(WARN, &words),
            Description::Paying => self.paint(GOOD, &words),
            _ => words,
        }
    }

    /// Appends what a list says after a name, whose line holds `column`
    /// columns: names are wrapped to the width, between names.
    fn after(&self, line: &mut Vec<u8>, after: &After, column: usize) {
        let text = match after {
            After::Nothing => return,
            After::Distance(d) => self.paint(DIM, &handoffs(u64::from(*d))),
            After::NoCover => self.paint(WARN, "no cover: nobody else holds it"),
            After::Cover(shown, total) => {
                let names = list(shown, *total, |p| escape(self.org.name(p)).into_owned());
                let mut wrapped = Wrapped::new(line, self.width, column);
                let count = names.split(", ").count();
                for (i, name) in names.split(", ").enumerate() {
                    let comma = if i + 1 < count { "," } else { "" };
                    let piece = format!("{name}{comma}");
                    wrapped
                        .piece(|| width(&piece))
                        .extend_from_slice(piece.as_bytes());
                }
                return;
            }
        };
        line.extend_from_slice(text.as_bytes());
    }

    /// The second line of an entry: "what · note", wrapped to the width.
    fn detail(&mut self, row: &Entry<'_>) -> io::Result<()> {
        let what = row.what.map(|w| w.as_str());
        let note = row.note.map(escape);
        if what.is_none() && note.is_none() {
            return Ok(());
        }
        let mut line = b"      ".to_vec();
        let mut wrapped = Wrapped::new(&mut line, self.width, 6);
        if let Some(what) = what {
            let shown = match note {
                Some(_) => format!("{what} ·"),
                None => what.to_string(),
            };
            let painted = self.paint(DIM, &shown);
            wrapped
                .piece(|| width(&shown))
                .extend_from_slice(painted.as_bytes());
        }
        for word in note.iter().flat_map(|n| n.split(' ')) {
            wrapped
                .piece(|| width(word))
                .extend_from_slice(word.as_bytes());
        }
        line.push(b'\n');
        self.out.write_all(&line)
    }
}

impl Page for Text<'_, '_> {
    fn header(&mut self) -> io::Result<()> {
        let card = self.card;
        let title = self.label(card.party);
        let facts = facts(card, |p| self.label(p), |s| escape(s).into_owned()).join(" · ");
        writeln!(self.out, "{}", self.paint(BOLD, &title))?;
        writeln!(self.out, "{facts}")
    }

    fn entries(&mut self, section: Section, rows: &[Entry<'_>], outgoing: bool) -> io::Result<()> {
        self.title(section)?;
        if rows.is_empty() {
            return self.none(section.none);
        }
        let labels: Vec<String> = rows.iter().map(|r| self.label(r.party)).collect();
        let column = labels.iter().map(|l| width(l)).max().unwrap_or(0);
        let column = column.min(NAME_COLUMN);
        let arrow = if outgoing { "→" } else { "←" };
        for (row, name) in rows.iter().zip(&labels) {
            let pad = " ".repeat(column.saturating_sub(width(name)));
            let kind = self.kind(row);
            let line = format!("  {arrow} {}{pad}  {kind}", self.paint(BOLD, name));
            writeln!(self.out, "{line}")?;
            self.detail(row)?;
        }
        Ok(())
    }

    fn route(&mut self, route: &Route) -> io::Result<()> {
        let section = words::ROUTE;
        match route {
            Route::Reaches { distance, chain } => {
                let count = handoffs(u64::from(*distance));
                let title = format!("\n{} · {count}", self.paint(BOLD, section.title));
                writeln!(self.out, "{title}")?;
                match chain {
                    Some(chain) => {
                        let line = chain_line(self.org, chain, self.styled, self.width, 2);
                        self.out.write_all(b"  ")?;
                        self.out.write_all(&line)?;
                        writeln!(self.out)
                    }
                    None => self.none("each holder's own card shows their chain"),
                }
            }
            Route::Stops { at, more } => {
                let title = format!("\n{} · none", self.paint(BOLD, section.title));
                writeln!(self.out, "{title}")?;
                let roles: Vec<String> = at.iter().map(|&r| self.label(Party::Role(r))).collect();
                let more = if *more { " and more" } else { "" };
                let line = format!("the work stops at vacant {}{more}", roles.join(", "));
                writeln!(self.out, "  {}", self.paint(WARN, &line))
            }
            Route::Nowhere => {
                let title = format!("\n{} · none", self.paint(BOLD, section.title));
                writeln!(self.out, "{title}")?;
                let line = self.paint(WARN, "the work reaches no paying customer");
                writeln!(self.out, "  {line}")
            }
        }
    }

    fn list(&mut self, section: Section, items: &[Item], more: usize) -> io::Result<()> {
        self.title(section)?;
        if items.is_empty() {
            return self.none(section.none);
        }
        let labels: Vec<String> = items.iter().map(|i| self.label(i.party)).collect();
        let column = labels.iter().map(|l| width(l)).max().unwrap_or(0);
        for (item, name) in items.iter().zip(&labels) {
            let pad = " ".repeat(column.saturating_sub(width(name)));
            let mut line = format!("  {name}{pad}  ").into_bytes();
            self.after(&mut line, &item.after, column + 4);
            while line.last() == Some(&b' ') {
                line.pop();
            }
            line.push(b'\n');
            self.out.write_all(&line)?;
        }
        if more > 0 {
            self.none(&format!("and {more} more"))?;
        }
        Ok(())
    }

    fn end(&mut self) -> io::Result<()> {
        Ok(())
    }
}
