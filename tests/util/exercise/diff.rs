//! `chain diff` in the fuzz target: the file against itself (nothing
//! changed), against an empty organisation both ways (everything removed,
//! everything added), and without its first person (`--without`), in
//! every format.

use super::{Outputs, parse_json};
use chain::check::{self, Settings};
use chain::diff::{Diff, Format, Side, without};
use chain::load::Loaded;
use chain::model::{Org, Party};
use chain::source::Sources;

impl Outputs {
    pub(super) fn diff(&mut self, l: &Loaded) {
        let findings = check::run(l, &Settings::default());
        let this = Side {
            sources: &l.sources,
            org: &l.org,
            findings: &findings,
        };
        let same = Diff::new(this, this);
        assert!(same.is_empty(), "a file differs from itself");
        self.diff_formats("diff itself", &same);

        let nobody = Org::default();
        let empty = Side {
            org: &nobody,
            findings: &[],
            ..this
        };
        let gone = Diff::new(this, empty);
        let removed = gone.people.removed.len();
        assert_eq!(
            removed,
            l.org.people.len(),
            "diff to nothing removes everyone"
        );
        self.diff_formats("diff to nothing", &gone);
        let came = Diff::new(empty, this);
        assert_eq!(
            came.people.added.len(),
            l.org.people.len(),
            "diff from nothing"
        );
        self.diff_formats("diff from nothing", &came);

        if l.org.people.is_empty() {
            return;
        }
        // As `chain diff FILE --without ID` builds it: the what-if keeps the
        // spans of the original, so its findings are placed with its sources.
        let after = Loaded {
            sources: Sources::new(),
            org: without(&l.org, &[Party::Person(0)]),
            findings: Vec::new(),
        };
        let after_findings = check::run(&after, &Settings::default());
        let after = Side {
            org: &after.org,
            findings: &after_findings,
            ..this
        };
        let first = l.org.id(Party::Person(0));
        let what_if = Diff {
            without: vec![first],
            ..Diff::new(this, after)
        };
        let removed: Vec<&str> = what_if.people.removed.iter().map(|e| e.id).collect();
        assert!(removed == [first], "--without {first} removes {removed:?}");
        self.diff_formats("diff --without", &what_if);
    }

    fn diff_formats(&mut self, what: &str, diff: &Diff<'_>) {
        for max_rows in [0, 2] {
            self.text((what, max_rows), |out, styled| {
                diff.write(out, Format::Text { styled, max_rows })
            });
            let markdown = self.write((what, "markdown", max_rows), |out| {
                diff.write(out, Format::Markdown { max_rows })
            });
            super::assert_terminal_safe(what, markdown, false);
        }
        let json = self.write((what, "json"), |out| diff.write(out, Format::Json));
        parse_json(what, json);
    }
}
