//! The text of every file read, and spans that point into it.
//!
//! A [`Span`] is a byte range in one file. Everything that can be wrong in a
//! team file keeps the span of the key or value concerned, so that a report can
//! name `path:line:col` and show the source line long after parsing.

use std::ops::Range;
use std::sync::OnceLock;

/// The most chain reads of team files in one run, all included files
/// together: 256 MiB, about two million people in realistic files. Past
/// it, `chain map /dev/zero` or a runaway generated file end with an error
/// instead of filling memory, and every offset fits in a [`Span`]'s four
/// bytes.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// Which file a span points into: an index into [`Sources`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one source file. All files together hold at most
/// [`MAX_FILE_BYTES`] bytes, so an offset fits in four bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    start: u32,
    end: u32,
}

impl Span {
    /// A span over `range` in `file`; an offset past four bytes' reach
    /// (past any file chain reads) is kept as the largest there is.
    pub fn new(file: FileId, range: Range<usize>) -> Self {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Span {
            file,
            start: offset(range.start),
            end: offset(range.end),
        }
    }

    /// The first byte.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// One past the last byte.
    pub fn end(self) -> usize {
        self.end as usize
    }
}

// Every offset of every file read fits in a span's four bytes.
const _: () = assert!(MAX_FILE_BYTES <= u32::MAX as u64);

/// A human position: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// One file that was read: its display path and its text.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user gave it (`<stdin>` for standard input).
    pub path: String,
    /// The whole text.
    pub text: String,
    /// Byte offset of each line start, computed on first use: only a file
    /// with something to report pays for it.
    line_starts: OnceLock<Vec<usize>>,
    /// The number of characters before each [`BLOCK`] of the text,
    /// computed the first time a column is asked for far into a long line.
    block_chars: OnceLock<Vec<usize>>,
}

/// Bytes per block of [`SourceFile::block_chars`]: a column is never
/// counted over more than two blocks, however long its line.
const BLOCK: usize = 4096;

/// The characters in UTF-8 `bytes` cut anywhere: the bytes that are not
/// continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xc0) != 0x80).count()
}

impl SourceFile {
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The 0-based index of the line holding byte `offset`.
    fn line_index(&self, offset: usize) -> usize {
        let starts = self.line_starts();
        starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// The byte range of line `index` (0-based), without its line break.
    pub fn line_range(&self, index: usize) -> Range<usize> {
        let starts = self.line_starts();
        let start = starts.get(index).copied().unwrap_or(self.text.len());
        let end = starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next.saturating_sub(1));
        let line = self.text.get(start..end).unwrap_or("");
        start..start + line.strip_suffix('\r').unwrap_or(line).len()
    }

    /// The line and column of byte `offset`.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let index = self.line_index(offset);
        let start = self.line_starts().get(index).copied().unwrap_or(0);
        let column = if offset - start <= 2 * BLOCK {
            self.text
                .get(start..offset)
                .map_or(0, |s| s.chars().count())
        } else {
            // Far into a long (generated) line: thousands of findings on
            // it must not each count from the line's start.
            self.chars_before(offset) - self.chars_before(start)
        } + 1;
        LineCol {
            line: index + 1,
            column,
        }
    }

    /// The number of characters before byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let marks = self.block_chars.get_or_init(|| {
            let mut before = 0;
            bytes
                .chunks(BLOCK)
                .map(|block| {
                    let mark = before;
                    before += chars_in(block);
                    mark
                })
                .collect()
        });
        let block = offset / BLOCK;
        let mark = marks.get(block).copied().unwrap_or(0);
        mark + bytes.get(block * BLOCK..offset).map_or(0, chars_in)
    }

    /// The 0-based line index holding `offset` and that line's byte range.
    pub fn line_of(&self, offset: usize) -> (usize, Range<usize>) {
        let index = self.line_index(offset.min(self.text.len()));
        (index, self.line_range(index))
    }
}

/// Every file read during one run.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, path: impl Into<String>, text: String) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile {
            path: path.into(),
            text,
            line_starts: OnceLock::new(),
            block_chars: OnceLock::new(),
        });
        id
    }

    /// The file behind `id`.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// The display path of `id`, or an empty string for an unknown id.
    pub fn path(&self, id: FileId) -> &str {
        self.get(id).map_or("", |f| f.path.as_str())
    }

    /// The line and column where `span` starts.
    pub fn line_col(&self, span: Span) -> LineCol {
        self.get(span.file)
            .map_or(LineCol { line: 1, column: 1 }, |f| f.line_col(span.start()))
    }

    /// All files, in the order they were read.
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A span gives back the offsets it was made with, and one past four
    /// bytes' reach keeps the largest offset there is, never a wrapped one.
    #[test]
    fn spans_keep_their_offsets_in_four_bytes() {
        let span = Span::new(FileId(2), 7..(256 << 20));
        assert_eq!(
            (span.file, span.start(), span.end()),
            (FileId(2), 7, 256 << 20)
        );
        assert_eq!(std::mem::size_of::<Span>(), 12);
        let past = usize::try_from(1u64 << 33).unwrap_or(usize::MAX);
        let far = Span::new(FileId(0), past - 1..past);
        assert_eq!(
            (far.start(), far.end()),
            (u32::MAX as usize, u32::MAX as usize)
        );
    }

    /// Columns count characters, not bytes, and lines start after each `\n`.
    #[test]
    fn line_col_counts_characters() {
        let mut sources = Sources::new();
        let id = sources.add("t.toml", "a = 1\né = \"x\"\r\nlast".to_string());
        let file = sources.get(id).map(|f| f.line_col(10));
        assert_eq!(file, Some(LineCol { line: 2, column: 4 }));
        let last = sources.line_col(Span::new(id, 16..20));
        assert_eq!(last, LineCol { line: 3, column: 1 });
        let range = sources.get(id).map(|f| f.line_range(1));
        assert_eq!(range, Some(6..14));
    }

    /// Far into a long line of mixed-width characters, the column agrees
    /// with counting from the line's start.
    #[test]
    fn long_line_columns_agree_with_counting() {
        let line: String = (0..20_000).map(|i| ["a", "é", "🚀", "\t"][i % 4]).collect();
        let text = format!("x = 1\n{line}\n");
        let mut sources = Sources::new();
        let id = sources.add("t.toml", text.clone());
        let file = sources.get(id).expect("the file");
        for (offset, _) in text.char_indices().step_by(997) {
            let start = file.line_range(file.line_index(offset)).start;
            let counted = text.get(start..offset).map(|s| s.chars().count());
            assert_eq!(Some(file.line_col(offset).column - 1), counted, "{offset}");
        }
    }
}
