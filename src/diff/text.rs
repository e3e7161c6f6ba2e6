//! `chain diff` as text: the files compared, one aligned section per kind
//! of change, and a summary line. Every cell is escaped, so a team file
//! cannot send control sequences to the terminal; colour only when styled.

use std::borrow::Cow;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::Diff;
use super::summary;
use super::table::{self, Table, Tone};
use crate::text::{escape, width};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const GOOD: Style = AnsiColor::Green.on_default();
const BAD: Style = AnsiColor::Red.on_default();

/// Writes lines, styled or not.
struct Painter<'o> {
    out: &'o mut dyn Write,
    styled: bool,
}

impl Painter<'_> {
    /// Writes `text` in `style` as one line, indented by `indent`.
    fn line(&mut self, indent: &str, style: Style, text: &str) -> io::Result<()> {
        if self.styled {
            writeln!(self.out, "{indent}{style}{text}{style:#}")
        } else {
            writeln!(self.out, "{indent}{text}")
        }
    }

    fn paint(&self, style: Style, text: &str) -> String {
        if self.styled {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }
}

/// Writes the diff; each section shows at most `max_rows` rows (0: all).
pub(super) fn write(
    diff: &Diff<'_>,
    out: &mut dyn Write,
    styled: bool,
    max_rows: usize,
) -> io::Result<()> {
    let mut p = Painter { out, styled };
    p.line("", BOLD, &escape(&summary::headline(diff)))?;
    for t in table::tables(diff) {
        writeln!(p.out)?;
        section(&mut p, &t, max_rows)?;
    }
    writeln!(p.out)?;
    let parts = summary::summary(diff);
    if parts.is_empty() {
        let line =
            "no change to people, roles, external customers, handoffs, distances or findings";
        return p.line("", GOOD, line);
    }
    let line: Vec<String> = parts
        .iter()
        .map(|part| {
            if part.bad {
                p.paint(BAD, &part.text)
            } else {
                part.text.clone()
            }
        })
        .collect();
    writeln!(p.out, "{}", line.join("; "))
}

/// One section: its title, a dimmed header, aligned rows, and a line for
/// the rows left out.
fn section(p: &mut Painter<'_>, t: &Table<'_>, max_rows: usize) -> io::Result<()> {
    p.line("", BOLD, t.title)?;
    let shown = t.shown(max_rows);
    let header: Vec<Cow<'_, str>> = t.columns.iter().map(|&c| c.into()).collect();
    let rows: Vec<(Tone, Vec<Cow<'_, str>>)> = t
        .rows
        .iter()
        .take(shown)
        .map(|r| (r.tone, r.cells.iter().map(|c| escape(c)).collect()))
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|c| width(c)).collect();
    for (_, cells) in &rows {
        for (w, c) in widths.iter_mut().zip(cells) {
            *w = (*w).max(width(c));
        }
    }
    let mut line = String::new();
    aligned(&mut line, &header, &widths);
    p.line("  ", DIM, &line)?;
    for (tone, cells) in &rows {
        line.clear();
        aligned(&mut line, cells, &widths);
        p.line("  ", style(*tone), &line)?;
    }
    if shown < t.rows.len() {
        let more = t.rows.len() - shown;
        let more = format!("... and {more} more (`--max-rows 0` shows all)");
        p.line("  ", DIM, &more)?;
    }
    Ok(())
}

/// Cells padded to their column's width, two spaces apart, the last one
/// unpadded.
fn aligned(line: &mut String, cells: &[Cow<'_, str>], widths: &[usize]) {
    let last = cells.len().saturating_sub(1);
    for (i, (cell, &w)) in cells.iter().zip(widths).enumerate() {
        line.push_str(cell);
        if i < last {
            line.extend(std::iter::repeat_n(' ', w.saturating_sub(width(cell)) + 2));
        }
    }
    line.truncate(line.trim_end().len());
}

fn style(tone: Tone) -> Style {
    match tone {
        Tone::Added | Tone::Better => GOOD,
        Tone::Removed | Tone::Worse => BAD,
        Tone::Changed => AnsiColor::Yellow.on_default(),
    }
}
