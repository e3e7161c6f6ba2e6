//! The file name of a party's card in a handbook, safe whatever the id.
//!
//! An id made only of lower-case ASCII letters, digits, `-` and `_` (most
//! are) gives `KIND-ID.EXT`: `person-wren.md`. Any other id gives its
//! letters and digits in lower case with every other character as `_`,
//! then a dot and a hash of the whole id: `person-ana_ruiz.418aca6fb4b893a5.md`.
//! So a name never holds a path separator, `..` or anything but `[a-z0-9_.-]`,
//! never starts with a dot (it starts with the kind), and two ids get two
//! names even on a file system that ignores case: names without a hash have
//! no dot before the extension and no upper case, and names with one differ
//! in the hash. The hash is FNV-1a, the same on every run and platform, so a
//! handbook written again keeps its links.

use crate::model::{Org, Party};

/// The longest id kept as it is, and the most characters kept of another.
const KEPT: usize = 64;

/// The name of the file of `party`'s card, ending in `.ext`.
pub fn file_name(org: &Org, party: Party, ext: &str) -> String {
    let kind = party.kind().as_str();
    let id = org.id(party);
    if is_plain(id) {
        return format!("{kind}-{id}.{ext}");
    }
    let slug: String = id
        .chars()
        .take(KEPT)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("{kind}-{slug}.{:016x}.{ext}", fnv1a(id.as_bytes()))
}

/// Whether `id` can be a file name as it is, on every system.
fn is_plain(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= KEPT
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// The 64-bit FNV-1a hash of `bytes`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, load};

    fn names(ids: &[&str]) -> Vec<String> {
        let mut text = String::new();
        for id in ids {
            let key = toml::Value::String((*id).to_string());
            text.push_str(&format!("[people.{key}]\n"));
        }
        let org = load(Input::Text {
            name: "t.toml",
            text: &text,
        })
        .expect("the file loads")
        .org;
        (0..org.people.len())
            .map(|i| file_name(&org, Party::Person(i), "md"))
            .collect()
    }

    /// Plain ids are kept; every other id is made safe and hashed, and no
    /// two names are the same, even ignoring case.
    #[test]
    fn names_are_safe_and_distinct() {
        let ids = [
            "wren",
            "mei-lin",
            "a_b",
            "a b",
            "a/b",
            "a\\b",
            "../../etc/passwd",
            "..",
            ".hidden",
            "Ana",
            "ana",
            "ANA",
            "a\u{0}b",
            "zoë",
            "con",
            &"x".repeat(300),
        ];
        let names = names(&ids);
        assert!(names.contains(&"person-wren.md".to_string()), "{names:?}");
        assert!(names.contains(&"person-a_b.md".to_string()), "{names:?}");
        let mut folded: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        folded.sort();
        folded.dedup();
        assert_eq!(folded.len(), ids.len(), "{names:?}");
        for name in &names {
            assert!(name.starts_with("person-"), "{name}");
            assert!(!name.contains(".."), "{name}");
            assert!(name.len() < 120, "{name}");
            let safe = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c);
            assert!(name.chars().all(safe), "{name}");
        }
    }

    /// The hash is FNV-1a: the same on every run and platform.
    #[test]
    fn hash_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        let names = names(&["Ana Ruiz"]);
        assert_eq!(names, ["person-ana_ruiz.418aca6fb4b893a5.md"]);
    }
}
