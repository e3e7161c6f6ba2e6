//! Findings, at most a fixed number of each code per file.
//!
//! A hostile or generated file can hold millions of the same mistake
//! (`roles = [0, 0, 0, ...]`): reporting each would take gigabytes and
//! bury the first one. Each file and code keeps its first findings in
//! report order, up to the collector's cap, and one more finding says how
//! many were left out and where the first of them is. A finding that would
//! be left out is not even made: [`Findings::push`] takes a closure.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

use super::{Code, Finding};
use crate::source::{FileId, Span};

/// How many findings of one code one file reports while loading: the
/// loader's findings are mistakes in the format, and a hundred of one kind
/// say all there is to say.
pub const PER_CODE: usize = 100;

/// Findings, grouped by file and code, each group capped.
#[derive(Debug)]
pub struct Findings {
    cap: usize,
    groups: BTreeMap<(Option<FileId>, Code), Group>,
}

/// The findings of one file and code.
#[derive(Debug, Default)]
struct Group {
    /// The first ones in report order, the last of them on top.
    kept: BinaryHeap<InOrder>,
    /// How many were left out, and where the first of them is.
    left_out: usize,
    first_left_out: Option<Span>,
}

/// A finding ordered as reports order the findings of one code: by place,
/// then by message (see [`Finding::sort_key`]).
#[derive(Debug)]
struct InOrder(Finding);

impl Ord for InOrder {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.sort_key().cmp(&other.0.sort_key())
    }
}

impl PartialOrd for InOrder {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for InOrder {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for InOrder {}

impl Default for Findings {
    /// No findings yet; at most [`PER_CODE`] of each file and code.
    fn default() -> Self {
        Findings::capped(PER_CODE)
    }
}

impl Findings {
    /// No findings yet; at most [`PER_CODE`] of each file and code.
    pub fn new() -> Self {
        Findings::default()
    }

    /// No findings yet; at most `cap` of each file and code.
    pub fn capped(cap: usize) -> Self {
        Findings {
            cap,
            groups: BTreeMap::new(),
        }
    }

    /// Adds the finding of `code` at `span` that `make` makes, if
    /// [`Findings::admit`] admits it.
    pub fn push(&mut self, code: Code, span: Option<Span>, make: impl FnOnce() -> Finding) {
        if self.admit(code, span) {
            self.add(make());
        }
    }

    /// Whether a finding of `code` at `span` is worth making: false, and
    /// the finding counted as left out, when its file already has the cap
    /// of that code before it in report order.
    pub fn admit(&mut self, code: Code, span: Option<Span>) -> bool {
        let group = self.groups.entry((span.map(|s| s.file), code)).or_default();
        let last_kept = group.kept.peek().map(|f| f.0.span);
        if group.kept.len() >= self.cap && last_kept.is_some_and(|last| span > last) {
            group.leave_out(span);
            return false;
        }
        true
    }

    /// Adds `finding`; if that makes one more than the cap of its file and
    /// code, the last of them in report order is left out.
    pub fn add(&mut self, finding: Finding) {
        let key = (finding.span.map(|s| s.file), finding.code);
        let group = self.groups.entry(key).or_default();
        group.kept.push(InOrder(finding));
        if group.kept.len() > self.cap {
            let last = group.kept.pop().map(|f| f.0.span);
            group.leave_out(last.flatten());
        }
    }

    /// How many findings were reported so far, kept or left out: a step
    /// that reports some can tell by comparing before and after.
    pub fn seen(&self) -> usize {
        self.groups
            .values()
            .map(|g| g.kept.len() + g.left_out)
            .sum()
    }

    /// Every finding kept, and for each group with some left out, one that
    /// says how many: by file and code, each group in report order.
    pub fn into_vec(self) -> Vec<Finding> {
        let mut all = Vec::new();
        for ((_, code), group) in self.groups {
            all.extend(group.kept.into_sorted_vec().into_iter().map(|f| f.0));
            if group.left_out > 0 {
                all.push(left_out(
                    code,
                    self.cap,
                    group.left_out,
                    group.first_left_out,
                ));
            }
        }
        all
    }
}

impl Group {
    fn leave_out(&mut self, span: Option<Span>) {
        self.left_out += 1;
        self.first_left_out = match (self.first_left_out, span) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
}

/// The finding that stands for `count` findings of `code` left out past
/// `cap`, the first of them at `first`.
fn left_out(code: Code, cap: usize, count: usize, first: Option<Span>) -> Finding {
    let message = format!("{count} more `{code}` findings in this file are not shown");
    let finding = Finding::new(code, message).help(format!(
        "chain reports at most {cap} findings of each code in a file; fix these and run it again to see the rest"
    ));
    match first {
        Some(span) => finding.at(span).label("the first finding not shown"),
        None => finding,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: u32, start: usize) -> Span {
        Span::new(FileId(file), start..start + 1)
    }

    fn finding(code: Code, span: Span) -> Finding {
        Finding::new(code, format!("at {}", span.start())).at(span)
    }

    /// Each file and code keeps its first findings in report order,
    /// whatever order they come in, and says how many more there were and
    /// where the first of those is; findings that are left out are never
    /// made.
    #[test]
    fn keeps_the_first_of_each_file_and_code() {
        let mut findings = Findings::new();
        let mut made = 0;
        for i in (0..PER_CODE * 3).rev().chain(PER_CODE * 3..PER_CODE * 50) {
            for (file, code) in [(0, Code::InvalidValue), (1, Code::InvalidValue)] {
                findings.push(code, Some(at(file, i)), || {
                    made += 1;
                    finding(code, at(file, i))
                });
            }
        }
        findings.add(finding(Code::DuplicateId, at(0, 5)));
        assert!(made < PER_CODE * 8, "{made} findings made");
        let mut all = findings.into_vec();
        crate::finding::sort(&mut all);
        assert_eq!(all.len(), 2 * (PER_CODE + 1) + 1);
        let file0: Vec<&Finding> = all
            .iter()
            .filter(|f| f.span.is_some_and(|s| s.file == FileId(0)))
            .filter(|f| f.code == Code::InvalidValue)
            .collect();
        let starts: Vec<usize> = file0
            .iter()
            .filter_map(|f| f.span)
            .map(|s| s.start())
            .collect();
        let expected: Vec<usize> = (0..PER_CODE).chain([PER_CODE]).collect();
        assert_eq!(starts, expected);
        let last = file0.last().map(|f| f.message.as_str());
        let more = PER_CODE * 49;
        assert_eq!(
            last,
            Some(
                format!("{more} more `invalid-value` findings in this file are not shown").as_str()
            )
        );
    }
}
