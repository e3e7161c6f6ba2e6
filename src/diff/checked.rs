//! One side of a diff: an organisation loaded and checked with its own
//! `[check]`, shared by `chain diff` and its tests.

use super::{Side, without};
use crate::check::{self, Settings};
use crate::finding::Finding;
use crate::load::Loaded;
use crate::model::Party;
use crate::source::Sources;

/// A loaded organisation and what `chain check` reports on it.
pub struct Checked {
    /// The files and the model.
    pub loaded: Loaded,
    /// The reported findings, in report order.
    pub findings: Vec<Finding>,
}

impl Checked {
    /// Checks what was loaded with its own `[check]`.
    pub fn new(loaded: Loaded) -> Self {
        let findings = check::run(&loaded, &Settings::default());
        Checked { loaded, findings }
    }

    /// This organisation without `parties`, checked on its own. It keeps
    /// the spans of the original, so its findings point into this one's
    /// files: place them with [`Checked::side_within`].
    pub fn without(&self, parties: &[Party]) -> Self {
        Checked::new(Loaded {
            sources: Sources::new(),
            org: without(&self.loaded.org, parties),
            findings: Vec::new(),
        })
    }

    /// The side of a diff this makes.
    pub fn side(&self) -> Side<'_> {
        Side {
            sources: &self.loaded.sources,
            org: &self.loaded.org,
            findings: &self.findings,
        }
    }

    /// The side of a what-if made from `full` by [`Checked::without`]: its
    /// findings are placed in `full`'s files.
    pub fn side_within<'a>(&'a self, full: &'a Checked) -> Side<'a> {
        Side {
            sources: &full.loaded.sources,
            ..self.side()
        }
    }
}
