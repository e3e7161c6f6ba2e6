//! Ids made from what a roster says about a person: short, lowercase,
//! ASCII, readable, and always a bare TOML key (`[people.jose-nunez]`).

use std::collections::{HashMap, HashSet};

/// The longest id made from a name, title or email, in bytes: long enough
/// to tell people apart, short enough to read in a chain.
const MAX_ID: usize = 40;

/// `text` as an id: transliterated to ASCII ("José Núñez" → `jose-nunez`,
/// "王小明" → `wang-xiao-ming`), lowercased, with each run of other
/// characters one `-`, apostrophes dropped (`obrien`), and cut to
/// `MAX_ID` bytes. Empty when `text` has no letter or digit.
pub fn slug(text: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu(text, "-");
    let mut out = String::new();
    let mut gap = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= MAX_ID {
                break;
            }
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            gap = true;
        }
    }
    while out.ends_with('-') || out.len() > MAX_ID {
        out.pop();
    }
    out
}

/// The id for an email address: its local part (`ann.lee@example.org` →
/// `ann-lee`); the whole text when it has no `@`.
pub fn from_email(email: &str) -> String {
    let local = email.rsplit_once('@').map_or(email, |(local, _)| local);
    slug(local)
}

/// Ids already given out, so each new one is unique: a second `alex-kim`
/// becomes `alex-kim-2`.
#[derive(Debug, Default)]
pub struct Taken {
    ids: HashSet<String>,
    /// The next number to try after each base, so a thousand people of one
    /// name are numbered in linear time.
    next: HashMap<String, usize>,
}

impl Taken {
    /// Nothing taken yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `id` as taken (an id already in a team file).
    pub fn insert(&mut self, id: &str) {
        self.ids.insert(id.to_string());
    }

    /// `base` if it is free, else `base-2`, `base-3`, … (`fallback` when
    /// `base` is empty), now taken.
    pub fn claim(&mut self, base: &str, fallback: &str) -> String {
        let base = if base.is_empty() { fallback } else { base };
        let mut id = base.to_string();
        if self.ids.contains(&id) {
            let n = self.next.entry(base.to_string()).or_insert(2);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !self.ids.contains(&id) {
                    break;
                }
            }
        }
        self.ids.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names become readable ASCII ids, whatever they hold.
    #[test]
    fn slugs_are_readable_bare_keys() {
        assert_eq!(slug("José Núñez"), "jose-nunez");
        assert_eq!(slug("Siobhán O'Brien"), "siobhan-obrien");
        assert_eq!(slug("  Dr. Imogen   Sallow "), "dr-imogen-sallow");
        assert_eq!(slug("王小明"), "wang-xiao-ming");
        assert_eq!(slug("=cmd|' /C calc'!A0"), "cmd-c-calc-a0");
        assert_eq!(slug("<b>Bold</b>\u{1b}[31m"), "b-bold-b-31m");
        assert_eq!(slug("!!!"), "");
        let long = slug(&"Bartholomew ".repeat(20));
        assert!(long.len() <= MAX_ID && !long.ends_with('-'), "{long}");
        for id in ["jose-nunez", &long] {
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            );
        }
    }

    /// An email gives its local part.
    #[test]
    fn emails_give_their_local_part() {
        assert_eq!(from_email("Ann.Lee@example.org"), "ann-lee");
        assert_eq!(from_email("kim"), "kim");
    }

    /// Repeats are numbered, skipping numbers already taken.
    #[test]
    fn claims_are_unique() {
        let mut taken = Taken::new();
        taken.insert("alex-kim-2");
        assert_eq!(taken.claim("alex-kim", "person"), "alex-kim");
        assert_eq!(taken.claim("alex-kim", "person"), "alex-kim-3");
        assert_eq!(taken.claim("", "person"), "person");
        assert_eq!(taken.claim("", "person"), "person-2");
    }
}
