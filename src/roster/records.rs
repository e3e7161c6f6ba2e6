//! The records of a roster's CSV text, each cell trimmed and with its span.

use crate::source::{FileId, Span};

use super::decode;

/// One cell: its text, unquoted and trimmed, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The text.
    pub text: String,
    /// The cell in the file, quotes included.
    pub span: Span,
}

/// One record (a line, or more for a quoted line break).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Its cells, in column order.
    pub cells: Vec<Cell>,
    /// Where the record starts.
    pub start: Span,
}

impl Record {
    /// The cell of `column` when the record has it and it is not empty.
    pub fn get(&self, column: Option<usize>) -> Option<&Cell> {
        self.cells.get(column?).filter(|cell| !cell.text.is_empty())
    }

    /// Where `column` is, or where the record starts when it is short of it.
    pub fn span(&self, column: Option<usize>) -> Span {
        column
            .and_then(|c| self.cells.get(c))
            .map_or(self.start, |cell| cell.span)
    }

    /// Whether every cell is empty (a blank line, or a row of delimiters).
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.text.is_empty())
    }
}

/// Every record of `text` (in `file`), the header first. A record shorter
/// than the header has no cells past its end; the CSV reader is told the
/// records may differ in length, so nothing here fails on valid UTF-8.
pub fn read(text: &str, file: FileId, delimiter: u8) -> Vec<Record> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records().map_while(Result::ok) {
        let at = record.position().map_or(0, |p| p.byte() as usize);
        let raw = text.get(at..).unwrap_or("");
        let spans = decode::cells(raw, delimiter);
        let cells = record
            .iter()
            .enumerate()
            .map(|(i, value)| {
                let range = spans.get(i).cloned().unwrap_or(0..0);
                Cell {
                    text: value.trim().to_string(),
                    span: Span::new(file, at + range.start..at + range.end),
                }
            })
            .collect();
        records.push(Record {
            cells,
            start: Span::new(file, at..at),
        });
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Quoted cells lose their quotes and keep their delimiters and line
    /// breaks; spans point at the cell in the text.
    #[test]
    fn reads_quoted_cells_with_spans() {
        let text = "name,team\n\"Lee, Ann\",\"Media\nand AV\"\n Bo ,\n";
        let records = read(text, FileId(0), b',');
        assert_eq!(records.len(), 3);
        let ann = records.get(1).map(|r| r.cells.clone()).unwrap_or_default();
        assert_eq!(ann.first().map(|c| c.text.as_str()), Some("Lee, Ann"));
        assert_eq!(ann.get(1).map(|c| c.text.as_str()), Some("Media\nand AV"));
        let span = ann.first().map(|c| c.span.start()..c.span.end());
        assert_eq!(span.and_then(|r| text.get(r)), Some("\"Lee, Ann\""));
        let bo = records.get(2);
        assert_eq!(
            bo.and_then(|r| r.get(Some(0))).map(|c| c.text.as_str()),
            Some("Bo")
        );
        assert_eq!(bo.and_then(|r| r.get(Some(1))), None);
    }
}
