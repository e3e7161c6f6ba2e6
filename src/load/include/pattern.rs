//! Expanding a glob include entry inside the root.
//!
//! The part of the path before the first wildcard is a directory, found like
//! any include path (symbolic links followed, the result checked to be in
//! the root). Below it the directories are walked without following symbolic
//! links to directories, so a link cannot lead the walk out of the root or
//! round in a loop, and never into `.git`; each walk goes only as deep as
//! the pattern can match (any depth only for `**`). Directories are never
//! matches.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use glob::{MatchOptions, Pattern, PatternError};

use super::root::{Refusal, Root, is_git_directory};

/// How patterns match: `*` stays within a directory, and a leading dot must be
/// written, so hidden and temporary files are left out.
const OPTIONS: MatchOptions = MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: true,
};

/// Why a pattern matches nothing it could read.
#[derive(Debug)]
pub enum Unmatched {
    /// The pattern is not a valid glob.
    Invalid(PatternError),
    /// Its directory is refused.
    Refused(Refusal),
}

/// Whether an include entry is a glob pattern rather than a path.
pub fn is_pattern(entry: &str) -> bool {
    entry.contains(['*', '?', '['])
}

/// The files `path` matches, relative to the root, in path order. `path`
/// is a pattern resolved by its words, whose first `literal` components
/// are a directory's name and hold no wildcard whatever they look like.
pub fn matches(root: &Root, path: &Path, literal: usize) -> Result<Vec<PathBuf>, Unmatched> {
    let parts: Vec<&OsStr> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name),
            _ => None,
        })
        .collect();
    let split = parts
        .iter()
        .enumerate()
        .position(|(i, p)| i >= literal && p.to_str().is_none_or(is_pattern))
        .unwrap_or(parts.len());
    let (directory, rest) = parts.split_at(split);
    let directory = PathBuf::from_iter(directory);
    let rest: Vec<&str> = rest.iter().filter_map(|p| p.to_str()).collect();
    let pattern = Pattern::new(&rest.join("/")).map_err(Unmatched::Invalid)?;
    let depth = (!rest.contains(&"**")).then_some(rest.len());
    let start = match root.resolve(&directory) {
        Ok(Ok(real)) => real,
        Ok(Err(refusal)) => return Err(Unmatched::Refused(refusal)),
        // A directory that is not there holds no match.
        Err(_) => return Ok(Vec::new()),
    };
    let found = walk(&start, depth, &pattern);
    Ok(found.into_iter().map(|p| directory.join(p)).collect())
}

/// The paths under `start`, relative to it, that `pattern` matches, going
/// at most `depth` directories down (`None`: any depth), sorted.
fn walk(start: &Path, depth: Option<usize>, pattern: &Pattern) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut directories = vec![(PathBuf::new(), 0_usize)];
    while let Some((directory, level)) = directories.pop() {
        // Unreadable directories are skipped: a pattern includes what it can see.
        let Ok(entries) = std::fs::read_dir(start.join(&directory)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let path = directory.join(&name);
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if !is_git_directory(&name) && depth.is_none_or(|d| level + 1 < d) {
                    directories.push((path, level + 1));
                }
            } else if kind.is_symlink() && entry.path().is_dir() {
                // A link to a directory is not followed, and not a file.
            } else if pattern.matches_path_with(&path, OPTIONS) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only as deep as the pattern reaches, `**` at any depth; directories and
    /// hidden files are not matched.
    #[test]
    fn walks_as_deep_as_the_pattern() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        for file in [
            "a.toml",
            "t/b.toml",
            "t/u/c.toml",
            "t/.d.toml",
            "x.toml/e.toml",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().expect("a directory")).expect("mkdir");
            std::fs::write(path, "").expect("write");
        }
        let root = Root::new(dir.path()).expect("the root");
        let found = |p: &str| {
            let (path, literal) = root.join(Path::new(""), p).expect("inside");
            let found = matches(&root, &path, literal).expect("valid");
            found
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(found("*.toml"), ["a.toml"]);
        assert_eq!(found("t/*.toml"), ["t/b.toml"]);
        assert_eq!(found("*/*.toml"), ["t/b.toml", "x.toml/e.toml"]);
        assert_eq!(
            found("**/*.toml"),
            ["a.toml", "t/b.toml", "t/u/c.toml", "x.toml/e.toml"]
        );
        assert_eq!(found("nothing/*.toml"), Vec::<String>::new());
    }

    /// A directory whose name looks like a pattern is still a directory.
    #[test]
    fn literal_directories_are_not_patterns() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        std::fs::create_dir_all(dir.path().join("[t]")).expect("mkdir");
        std::fs::write(dir.path().join("[t]/a.toml"), "").expect("write");
        let root = Root::new(dir.path()).expect("the root");
        let (path, literal) = root.join(Path::new("[t]"), "*.toml").expect("inside");
        let found = matches(&root, &path, literal).expect("valid");
        assert_eq!(found, [PathBuf::from("[t]/a.toml")]);
    }
}
