//! The root: the one directory whose files a team file may include.
//!
//! It is the directory of the team file named on the command line (the
//! current directory for standard input), or the directory `--root DIR` names;
//! nothing in a file can widen it. An include entry is a relative path,
//! read against the directory of the file that includes it; it is refused if
//! it is absolute, if its `..` lead out of the root, if it leads out once
//! symbolic links are followed, or if it enters a `.git` directory (Git's own
//! state, which can hold credentials, is no part of the repository's files).
//!
//! Entries are first resolved by their words alone (`a/../b` is `b`), so
//! the same entry always names the same place, as Bazel labels and Docker
//! build contexts do; then every symbolic link on the way is followed and
//! the real path checked again.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// The directory includes stay in.
#[derive(Debug)]
pub struct Root {
    /// The directory, every symbolic link resolved.
    real: PathBuf,
    /// The directory as the command line names it (empty: the current one).
    shown: PathBuf,
}

/// Why an include entry is not followed.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The entry is an absolute path.
    Absolute,
    /// Its `..` lead out of the root.
    Leaves,
    /// A symbolic link on its way leads out of the root.
    LinksOut,
    /// It is in a `.git` directory.
    GitDirectory,
}

impl Root {
    /// The directory `dir` (empty: the current directory), shown as written.
    pub fn new(dir: &Path) -> io::Result<Root> {
        let real = if dir.as_os_str().is_empty() {
            std::env::current_dir()?.canonicalize()?
        } else {
            dir.canonicalize()?
        };
        Ok(Root {
            real,
            shown: dir.to_path_buf(),
        })
    }

    /// The root `--root DIR` names, or the error that it names no directory.
    pub fn given(dir: &Path) -> Result<Root, Error> {
        let root = Root::new(dir).and_then(|root| {
            if root.real.is_dir() {
                Ok(root)
            } else {
                Err(io::Error::other("it is not a directory"))
            }
        });
        root.map_err(|e| {
            let shown = crate::text::escape(&dir.display().to_string()).into_owned();
            Error::Other(anyhow::Error::new(e).context(format!("cannot use `--root {shown}`")))
        })
    }

    /// The root in words for a message: "`teams`", or "the current directory".
    pub fn describe(&self) -> String {
        if self.shown.as_os_str().is_empty() {
            "the current directory".to_string()
        } else {
            let shown = self.shown.display().to_string();
            format!("`{}`", crate::text::escape(&shown))
        }
    }

    /// How to show the file at `inside` (a path relative to the root).
    pub fn shown(&self, inside: &Path) -> PathBuf {
        self.shown.join(inside)
    }

    /// Where the directory `dir` lies in the root, if it does, with every
    /// symbolic link resolved (the starting directory of the root team file).
    pub fn locate(&self, dir: &Path) -> Option<PathBuf> {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let real = dir.canonicalize().ok()?;
        self.inside(&real).ok()
    }

    /// The path `entry` names, written in a file in the directory `from` (both
    /// relative to the root), resolved by its words alone; and how many of
    /// its first components are `from`'s (the rest are the entry's).
    pub fn join(&self, from: &Path, entry: &str) -> Result<(PathBuf, usize), Refusal> {
        let entry = Path::new(entry);
        if entry.has_root() || entry.is_absolute() {
            return Err(Refusal::Absolute);
        }
        let mut path = PathBuf::from_iter(from.components().filter(|c| c != &Component::CurDir));
        let mut kept = path.components().count();
        for part in entry.components() {
            match part {
                Component::CurDir => {}
                Component::ParentDir => {
                    if !path.pop() {
                        return Err(Refusal::Leaves);
                    }
                    kept = kept.min(path.components().count());
                }
                Component::Normal(name) => path.push(name),
                Component::RootDir | Component::Prefix(_) => return Err(Refusal::Absolute),
            }
        }
        Ok((path, kept))
    }

    /// The real path of `inside` (relative to the root), every symbolic
    /// link followed, if it stays in the root and out of `.git`.
    pub fn resolve(&self, inside: &Path) -> io::Result<Result<PathBuf, Refusal>> {
        let real = self.real.join(inside).canonicalize()?;
        Ok(self.inside(&real).map(|_| real))
    }

    /// Where the real path `real` lies in the root, or why it is refused.
    pub fn inside(&self, real: &Path) -> Result<PathBuf, Refusal> {
        let Ok(rest) = real.strip_prefix(&self.real) else {
            return Err(Refusal::LinksOut);
        };
        if rest.components().any(|c| is_git_directory(c.as_os_str())) {
            return Err(Refusal::GitDirectory);
        }
        Ok(rest.to_path_buf())
    }
}

/// Whether a path component is `.git` (in any case, as Git itself refuses
/// it on case-insensitive file systems).
pub fn is_git_directory(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.eq_ignore_ascii_case(".git"))
}

impl Refusal {
    /// What is wrong with `entry`, for a message.
    pub fn message(&self, entry: &str, root: &Root) -> String {
        let entry = crate::text::escape(entry);
        let root = root.describe();
        match self {
            Refusal::Absolute => format!(
                "`{entry}` is an absolute path; an include names a file in {root} relative to the including file"
            ),
            Refusal::Leaves => format!("`{entry}` leads out of {root}"),
            Refusal::LinksOut => {
                format!("`{entry}` leads out of {root} through a symbolic link")
            }
            Refusal::GitDirectory => {
                format!("`{entry}` leads into a `.git` directory, which is Git's, not the team's")
            }
        }
    }
}

/// The help line for every refused entry.
pub const HELP: &str = "chain reads only files in the directory of the team file named on the command line and below it; \
     `--root DIR` on the command line widens that to DIR";

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> Root {
        Root {
            real: PathBuf::from("/repo"),
            shown: PathBuf::from("repo"),
        }
    }

    /// Entries resolve by their words; absolute paths and `..` past the
    /// root are refused.
    #[test]
    fn joins_by_words() {
        let r = root();
        let join = |from: &str, entry: &str| r.join(Path::new(from), entry).map(|(p, _)| p);
        assert_eq!(join("teams", "a.toml"), Ok(PathBuf::from("teams/a.toml")));
        assert_eq!(join("teams", "../a.toml"), Ok(PathBuf::from("a.toml")));
        assert_eq!(join("", "./x/./y/../z"), Ok(PathBuf::from("x/z")));
        assert_eq!(join("teams", "../../a.toml"), Err(Refusal::Leaves));
        assert_eq!(join("", "x/../../a"), Err(Refusal::Leaves));
        assert_eq!(join("", "/etc/passwd"), Err(Refusal::Absolute));
        assert_eq!(join("", "/**/*.toml"), Err(Refusal::Absolute));
        let kept = |from: &str, entry: &str| r.join(Path::new(from), entry).map(|(_, k)| k);
        assert_eq!(kept("a/b", "*.toml"), Ok(2));
        assert_eq!(kept("a/b", "../*/x.toml"), Ok(1));
    }

    /// A real path is inside when it is under the root and not in `.git`.
    #[test]
    fn checks_real_paths() {
        let r = root();
        let inside = |p: &str| r.inside(Path::new(p));
        assert_eq!(inside("/repo/a/b.toml"), Ok(PathBuf::from("a/b.toml")));
        assert_eq!(inside("/repository/a.toml"), Err(Refusal::LinksOut));
        assert_eq!(inside("/etc/passwd"), Err(Refusal::LinksOut));
        assert_eq!(inside("/repo/.git/config"), Err(Refusal::GitDirectory));
        assert_eq!(inside("/repo/sub/.GIT/x"), Err(Refusal::GitDirectory));
        assert_eq!(
            inside("/repo/.github/team.toml"),
            Ok(PathBuf::from(".github/team.toml"))
        );
    }
}
