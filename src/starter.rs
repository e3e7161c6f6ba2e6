//! The starter team file `chain init` writes: a small invented organisation
//! whose comments teach the format by example, and which passes every check.

/// The starter, naming itself `team.toml`.
pub const STARTER: &str = include_str!("starter.toml");

/// The starter for a file called `name`: its comments name the file the
/// user will actually run commands on. A name that could break out of a
/// TOML comment (a line break or another control character) is not used.
pub fn starter_for(name: &str) -> String {
    if name.is_empty() || name.chars().any(char::is_control) {
        return STARTER.to_string();
    }
    STARTER.replace("team.toml", name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The commands in the comments name the chosen file, unless its name
    /// could end the comment.
    #[test]
    fn names_the_chosen_file() {
        let text = starter_for("ops.toml");
        assert!(text.contains("chain map ops.toml"), "{text}");
        assert!(!text.contains("team.toml\n"), "{text}");
        assert_eq!(starter_for("a\nb.toml"), STARTER);
    }
}
