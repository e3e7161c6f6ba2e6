//! Node ids made only of `[A-Za-z0-9_]`, for Mermaid (and the ports of
//! DOT cards): stable, so removing one person from a file changes only the
//! lines about that person, and reversible, so no two ids ever collide.
//!
//! The kind comes first (`person_`, `role_`, `external_`, `team_`), which
//! keeps kinds apart and keeps every id clear of Mermaid's keywords (`end`,
//! `graph`, `style`, ...). Letters and digits of the key are kept; every
//! other character, `_` included, is written `_HEX_` (its code point in
//! lower-case hexadecimal), so `av-tech` is `role_av_2d_tech`, and an id
//! reads back by splitting at the first `_` and decoding each `_HEX_`.

use std::fmt::Write as _;

/// The safe id of a node of `kind` (`person`, `role`, ...) and `key`.
pub fn safe(kind: &str, key: &str) -> String {
    let mut out = String::with_capacity(kind.len() + 1 + key.len());
    out.push_str(kind);
    out.push('_');
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}_", u32::from(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kind and key a safe id was made from, or `None` if it is not one.
    fn parse(id: &str) -> Option<(&str, String)> {
        let (kind, mut rest) = id.split_once('_')?;
        let mut key = String::with_capacity(rest.len());
        while let Some(i) = rest.find('_') {
            key.push_str(rest.get(..i)?);
            let after = rest.get(i + 1..)?;
            let (hex, tail) = after.split_once('_')?;
            key.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
            rest = tail;
        }
        key.push_str(rest);
        Some((kind, key))
    }

    /// Letters and digits stay; everything else is encoded; ids read back.
    #[test]
    fn ids_are_safe_and_read_back() {
        assert_eq!(safe("role", "av-tech"), "role_av_2d_tech");
        assert_eq!(safe("person", "a_b"), "person_a_5f_b");
        assert_eq!(safe("person", "end"), "person_end");
        for key in [
            "",
            "_",
            "__",
            "a_5f_b",
            "Zoë \"q\\",
            "🚀]-->{}",
            "%%{init}%%",
        ] {
            let id = safe("person", key);
            assert!(
                id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{id}"
            );
            assert_eq!(parse(&id), Some(("person", key.to_string())), "{key}");
        }
    }

    /// Keys that look alike never share an id.
    #[test]
    fn ids_never_collide() {
        let keys = ["a_b", "a-b", "a_5f_b", "a5fb", "a b", "a__b"];
        let mut ids: Vec<String> = keys.iter().map(|k| safe("person", k)).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), keys.len(), "{ids:?}");
    }
}
