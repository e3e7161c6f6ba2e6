//! "Did you mean" suggestions for misspelt ids, keys and codes.

/// Below this Jaro similarity a candidate is not worth suggesting (clap's threshold).
const THRESHOLD: f64 = 0.7;

/// The candidate most similar to `name`, if any is similar enough.
///
/// Ties go to the candidate that sorts first, so the suggestion is the same
/// whatever order the candidates come in.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
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
}
