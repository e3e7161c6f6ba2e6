//! "Did you mean" suggestions for misspelt ids, keys and codes.

/// Below this Jaro similarity a candidate is not worth suggesting (clap's threshold).
const THRESHOLD: f64 = 0.7;

/// Names longer than this (in characters) get no suggestion: nobody
/// misspells an id that long, and a comparison costs the product of the
/// two lengths, which a hostile file could make hours long.
pub const MAX_CHARS: usize = 100;

/// The candidate most similar to `name`, if any is similar enough.
///
/// Ties go to the candidate that sorts first, so the suggestion is the same
/// whatever order the candidates come in.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = chars_up_to(name, MAX_CHARS + 1);
    if length > MAX_CHARS {
        return None;
    }
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        // Jaro similarity is at most (2 + shorter / longer) / 3, so not
        // above the threshold when one is ten times as long as the other.
        let other = chars_up_to(candidate, 10 * length + 1);
        if 10 * length.min(other) <= length.max(other) {
            continue;
        }
        let score = strsim::jaro(name, candidate);
        if score <= THRESHOLD {
            continue;
        }
        let better = match best {
            None => true,
            Some((s, c)) => score > s || (score == s && candidate < c),
        };
        if better {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The number of characters in `s`, counting no further than `limit`.
pub fn chars_up_to(s: &str, limit: usize) -> usize {
    s.chars().take(limit).count()
}

/// `" (did you mean `x`?)"` style help text for a suggestion.
pub fn did_you_mean(suggestion: Option<&str>) -> Option<String> {
    suggestion.map(|s| format!("did you mean `{s}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A near miss is suggested; something unrelated is not.
    #[test]
    fn suggests_only_close_names() {
        let ids = ["av-tech", "producer", "students"];
        assert_eq!(closest("av-tek", ids), Some("av-tech"));
        assert_eq!(closest("zzz", ids), None);
    }

    /// Long names and candidates of very different length cost nothing:
    /// a comparison of two 200,000-character ids once took minutes.
    #[test]
    fn long_names_are_not_compared() {
        let long = "b".repeat(200_000);
        let other = "a".repeat(200_000);
        assert_eq!(closest(&long, [other.as_str()]), None);
        assert_eq!(closest("ab", [other.as_str(), "abc"]), Some("abc"));
        // Just under ten times as long can still be similar enough.
        assert_eq!(closest("a", ["a"]), Some("a"));
    }
}
