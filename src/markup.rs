//! Making team-file text inert in Markdown and HTML.
//!
//! Every string from a team file goes through one of these before it is put
//! into a Markdown document (`chain diff --format markdown`, `chain card`)
//! or an HTML page. Control characters (newlines included) are first shown
//! as `\u{..}`, as in text output ([`crate::text::escape`]), so nothing can
//! end a table row or a line; then the characters each language would take
//! for syntax are escaped.

/// `s` safe inside a Markdown table cell, paragraph, list item or link
/// text, as GitHub reads Markdown.
///
/// Every character Markdown could take for syntax is backslash-escaped,
/// so an id cannot open a link, an HTML tag, a code span, emphasis, a math
/// block or a new table cell. GitHub then links what it recognises in the
/// text of the page, escaped or not: `@name` and `@org/team` mentions
/// (which notify people), `#12` and `GH-12` references, bare `https://`
/// and `www.` links, `a@b.c` addresses. An empty HTML comment, which shows
/// as nothing, is put inside each of them (`@<!-- -->org/team`), so the
/// text around it is no longer one piece GitHub can match.
///
/// Never put the result in a code span: backslashes are literal there.
pub fn markdown(s: &str) -> String {
    let shown: Vec<char> = crate::text::escape(s).chars().collect();
    let mut out = String::with_capacity(shown.len() + 8);
    for (i, &c) in shown.iter().enumerate() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
        if breaks_after(&shown, i) {
            out.push_str("<!-- -->");
        }
    }
    out
}

/// Whether the character at `i` of `s` is where a mention, reference or
/// link GitHub would make is broken: after `@`, after the `#` of `#1`, the
/// `-` of `GH-1`, the `:` of `://` and the last `w` of `www.`.
fn breaks_after(s: &[char], i: usize) -> bool {
    let at = |j: usize| s.get(j).copied().unwrap_or(' ');
    let before = |n: usize| i.checked_sub(n).map_or(' ', at).to_ascii_lowercase();
    let digit_next = at(i + 1).is_ascii_digit();
    match at(i).to_ascii_lowercase() {
        '@' => true,
        '#' => digit_next,
        '-' => digit_next && before(2) == 'g' && before(1) == 'h',
        ':' => at(i + 1) == '/' && at(i + 2) == '/',
        'w' => at(i + 1) == '.' && before(2) == 'w' && before(1) == 'w',
        _ => false,
    }
}

/// `s` safe as HTML text or inside a quoted attribute value: the five
/// characters HTML gives a meaning as entities, and the two characters XML
/// refuses (U+FFFE, U+FFFF) shown as `\u{..}` like control characters.
pub fn html(s: &str) -> String {
    let shown = crate::text::escape(s);
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{fffe}' | '\u{ffff}' => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{html, markdown};

    /// Pipes, backticks, HTML, emphasis and newlines cannot escape a cell.
    #[test]
    fn escapes_markdown_and_controls() {
        assert_eq!(markdown("a|b"), "a\\|b");
        assert_eq!(markdown("`x`"), "\\`x\\`");
        assert_eq!(markdown("<script>"), "\\<script\\>");
        assert_eq!(
            markdown("**b** _i_ [l](u) $m$"),
            "\\*\\*b\\*\\* \\_i\\_ \\[l\\](u) \\$m\\$"
        );
        assert_eq!(markdown("one\ntwo"), "one\\\\u{a}two");
        assert_eq!(markdown("a\\b &amp;"), "a\\\\b \\&amp;");
        assert_eq!(markdown("Zoë mei-lin"), "Zoë mei-lin");
    }

    /// Mentions, references and links are broken by an empty comment;
    /// other `@`, `#`, `:` and `w` are left alone.
    #[test]
    fn breaks_what_github_links() {
        assert_eq!(markdown("@org/team"), "@<!-- -->org/team");
        assert_eq!(markdown("ana@example.com"), "ana@<!-- -->example.com");
        assert_eq!(
            markdown("see #12, GH-7, gh-8"),
            "see \\#<!-- -->12, GH-<!-- -->7, gh-<!-- -->8"
        );
        assert_eq!(
            markdown("https://x.test WWW.y.test"),
            "https:<!-- -->//x.test WWW<!-- -->.y.test"
        );
        assert_eq!(markdown("a: b, #x, www, gh-x"), "a: b, \\#x, www, gh-x");
    }

    /// Markup becomes entities, quotes included; controls are shown.
    #[test]
    fn escapes_html() {
        assert_eq!(
            html("<b title='x'>&\"</b>"),
            "&lt;b title=&#39;x&#39;&gt;&amp;&quot;&lt;/b&gt;"
        );
        assert_eq!(html("a\u{fffe}\u{1b}[31m"), "a\\u{fffe}\\u{1b}[31m");
        assert_eq!(html("Zoë @ana"), "Zoë @ana");
    }
}
