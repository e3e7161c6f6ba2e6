//! A roster's bytes as text, and the shape of its lines: the encoding
//! (UTF-8, with or without the byte order mark spreadsheets write), the
//! delimiter, and where each cell of a record starts, for diagnostics.

use std::io::Read;
use std::ops::Range;
use std::path::Path;

use anyhow::Context as _;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::text::escape;

/// The most chain reads of a roster: the limit on team files.
const MAX_BYTES: u64 = crate::source::MAX_FILE_BYTES;

/// The name to show for `path` and its bytes (`-`: standard input).
pub fn read(path: &Path) -> Result<(String, Vec<u8>), Error> {
    let mut bytes = Vec::new();
    let name = if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .context("cannot read the roster from standard input")?;
        "<stdin>".to_string()
    } else {
        let name = path.display().to_string();
        let shown = || format!("cannot read `{}`", escape(&name));
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
            .with_context(shown)?;
        name
    };
    if u64::try_from(bytes.len()).map_or(true, |n| n > MAX_BYTES) {
        return Err(Diagnostic::error(format!(
            "`{}` is larger than the {} MiB chain reads",
            escape(&name),
            MAX_BYTES >> 20
        ))
        .into());
    }
    Ok((name, bytes))
}

/// `bytes` as text without a byte order mark, or an error saying where
/// the first byte that is not UTF-8 is, and how to save the file.
pub fn text(name: &str, mut bytes: Vec<u8>) -> Result<String, Error> {
    let help = "save the roster as \"CSV UTF-8\" (Excel: File > Save As; LibreOffice: \
                Character set: Unicode (UTF-8))";
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        let message = format!("`{}` is UTF-16 text, not UTF-8", escape(name));
        return Err(Diagnostic::error(message).help(help).into());
    }
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.as_bytes().get(..e.utf8_error().valid_up_to());
        let valid = valid.unwrap_or_default();
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let message = format!(
            "`{}` is not UTF-8: line {line} has a byte that is not part of any character \
             (a spreadsheet's own encoding, such as Windows-1252)",
            escape(name)
        );
        Diagnostic::error(message).help(help).into()
    })
}

/// The delimiter of a roster, read from its header line: the most common
/// of `,`, `;` and tab outside quotes (`;` where the decimal mark is a
/// comma), `,` when there is none.
pub fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in &mut counts {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    // The first of the most common, so `,` wins a tie.
    let most = counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
    counts
        .iter()
        .find(|&&(_, n)| n == most && n > 0)
        .map_or(b',', |&(d, _)| d)
}

/// The byte range of each cell of the record that starts at `raw`,
/// relative to it, quotes included: where a diagnostic points.
pub fn cells(raw: &str, delimiter: u8) -> Vec<Range<usize>> {
    let mut cells = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, b) in raw.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => {
                cells.push(start..i);
                return cells;
            }
            _ if b == delimiter && !quoted => {
                cells.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    cells.push(start..raw.len());
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The delimiter is sniffed from the header alone, quotes respected.
    #[test]
    fn sniffs_the_delimiter() {
        assert_eq!(delimiter("name;team;manager\na,b;c"), b';');
        assert_eq!(delimiter("\"Name; full\",Team\n"), b',');
        assert_eq!(delimiter("name\tteam\n"), b'\t');
        assert_eq!(delimiter("name\n"), b',');
    }

    /// Cells keep their quotes, and a quoted delimiter or line break is
    /// inside a cell.
    #[test]
    fn finds_cells() {
        assert_eq!(cells("a,\"b,c\",,d\ne,f", b','), [0..1, 2..7, 8..8, 9..10]);
        assert_eq!(cells("\"x\ny\";z\r\n", b';'), [0..5, 6..7]);
    }

    /// A byte order mark is dropped; UTF-16 and Latin-1 are refused with a
    /// line number.
    #[test]
    fn decodes_utf8_only() {
        assert_eq!(
            text("r.csv", b"\xef\xbb\xbfname\n".to_vec()).ok(),
            Some("name\n".into())
        );
        let utf16 = text("r.csv", b"\xff\xfen\0".to_vec()).err();
        assert!(format!("{utf16:?}").contains("UTF-16"));
        let latin1 = text("r.csv", b"name\nJos\xe9\n".to_vec()).err();
        assert!(format!("{latin1:?}").contains("line 2"), "{latin1:?}");
    }
}
