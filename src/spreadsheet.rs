//! CSV for spreadsheets (`--format csv`), safe to open.
//!
//! A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
//! return) is a formula to Excel, LibreOffice and Google Sheets: a name
//! like `=HYPERLINK(...)` from a team file would run when the sheet is
//! opened. As OWASP advises against CSV injection, such a cell is written
//! with an apostrophe before it, which the spreadsheet shows as text; the
//! csv crate quotes every cell that holds a delimiter, quote or line break.
//! Everything else is written exactly, in UTF-8.

use std::borrow::Cow;
use std::io::{self, Write};

/// A CSV writer over `out`.
pub fn writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new().from_writer(out)
}

/// `text` as a cell: with an apostrophe before a leading `=`, `+`, `-`,
/// `@`, tab or carriage return.
pub fn cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Writes one record of `cells`, each made safe with [`cell`].
pub fn row<'a>(
    w: &mut csv::Writer<&mut dyn Write>,
    cells: impl IntoIterator<Item = &'a str>,
) -> io::Result<()> {
    w.write_record(cells.into_iter().map(|c| cell(c).into_owned()))
        .map_err(into_io)
}

/// A CSV error as the I/O error it wraps (writing is all the writer does).
pub fn into_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Formula prefixes are defused; quoting is left to the writer.
    #[test]
    fn defuses_formulas() {
        let mut out = Vec::new();
        {
            let mut w = writer(&mut out);
            let _ = row(&mut w, ["=1+1", "+x", "-y", "@z", "a,b", "\"q\"", "ok"]);
            let _ = w.flush();
        }
        assert_eq!(
            String::from_utf8_lossy(&out),
            "'=1+1,'+x,'-y,'@z,\"a,b\",\"\"\"q\"\"\",ok\n"
        );
    }
}
