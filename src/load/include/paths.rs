//! The paths the walk meets, each numbered once: a thousand files that each
//! include `*.toml` name a thousand files a thousand times over, and with
//! numbers each of those million looks is an index into a list instead of
//! hashing a path.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A path's number in [`Paths`].
pub type PathId = u32;

/// Distinct paths, numbered in the order met.
#[derive(Debug, Default)]
pub struct Paths {
    list: Vec<PathBuf>,
    ids: HashMap<PathBuf, PathId>,
}

impl Paths {
    /// The number of `path`, given it now if it has none yet.
    pub fn id(&mut self, path: PathBuf) -> PathId {
        if let Some(&id) = self.ids.get(&path) {
            return id;
        }
        let id = PathId::try_from(self.list.len()).unwrap_or(PathId::MAX);
        self.list.push(path.clone());
        self.ids.insert(path, id);
        id
    }

    /// The path numbered `id`.
    pub fn get(&self, id: PathId) -> &Path {
        self.list
            .get(id as usize)
            .map_or(Path::new(""), PathBuf::as_path)
    }
}

/// A value for some of the numbered paths.
#[derive(Debug)]
pub struct PerPath<T>(Vec<Option<T>>);

impl<T> Default for PerPath<T> {
    fn default() -> Self {
        PerPath(Vec::new())
    }
}

impl<T> PerPath<T> {
    /// The value for `id`, if set.
    pub fn get(&self, id: PathId) -> Option<&T> {
        self.0.get(id as usize)?.as_ref()
    }

    /// Sets the value for `id`.
    pub fn set(&mut self, id: PathId, value: T) {
        let i = id as usize;
        if self.0.len() <= i {
            self.0.resize_with(i + 1, || None);
        }
        if let Some(slot) = self.0.get_mut(i) {
            *slot = Some(value);
        }
    }

    /// Clears the value for `id`.
    pub fn clear(&mut self, id: PathId) {
        if let Some(slot) = self.0.get_mut(id as usize) {
            *slot = None;
        }
    }
}
