//! clap's messages about a bad command line, made safe for a terminal.
//!
//! clap repeats what the user typed (`invalid value 'X' for '--depth <N>'`)
//! as it was typed, so an argument holding an escape sequence, a carriage
//! return or a bidirectional override would reach the terminal raw. When
//! any argument holds such a character, the message is written again
//! without clap's styles (so every escape character in it is the user's)
//! and shown escaped like everything else chain prints.

use std::ffi::OsString;

use clap::builder::Styles;
use clap::{CommandFactory as _, FromArgMatches as _};

use super::Cli;
use crate::text::{escape_lines, is_unsafe};

/// The message for `e`, a failure to parse `args`, escaped; `None` when no
/// argument holds an unsafe character, so clap's own message is safe to
/// print as it is (and keeps its colours).
pub fn escaped_error(e: &clap::Error, args: &[OsString]) -> Option<String> {
    let hostile = args
        .iter()
        .any(|a| a.to_string_lossy().chars().any(is_unsafe));
    if !hostile {
        return None;
    }
    let mut command = Cli::command().styles(Styles::plain());
    let plain = match command.try_get_matches_from_mut(args) {
        Err(again) => again,
        Ok(mut matches) => match Cli::from_arg_matches_mut(&mut matches) {
            Err(again) => again.format(&mut command),
            // Not reached: the same arguments failed a moment ago. Fall
            // back to clap's message without its styles.
            Ok(_) => return Some(escape_lines(&e.render().to_string()).into_owned()),
        },
    };
    Some(escape_lines(&plain.render().ansi().to_string()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    fn error_for(args: &[&str]) -> Option<String> {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let e = Cli::try_parse_from(&args).err()?;
        escaped_error(&e, &args)
    }

    /// A value with an escape sequence is shown escaped, with no raw control
    /// character anywhere in the message.
    #[test]
    fn escapes_the_users_value() {
        let text = error_for(&["chain", "map", "t.toml", "--depth", "\u{1b}]0;x\u{7}"]);
        let text = text.unwrap_or_default();
        assert!(text.contains("'\\u{1b}]0;x\\u{7}'"), "{text}");
        assert!(!text.chars().any(|c| c != '\n' && is_unsafe(c)), "{text}");
    }

    /// Errors raised after clap's own parsing (the severity flags) are
    /// escaped too.
    #[test]
    fn escapes_errors_of_our_parsers() {
        let text = error_for(&["chain", "check", "t.toml", "--deny", "cy\u{202e}cle"]);
        let text = text.unwrap_or_default();
        assert!(text.contains("cy\\u{202e}cle"), "{text}");
    }

    /// Ordinary arguments leave clap's message alone.
    #[test]
    fn leaves_safe_arguments_to_clap() {
        assert_eq!(error_for(&["chain", "map", "t.toml", "--depth", "x"]), None);
    }
}
