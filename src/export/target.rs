//! What `chain graph` writes: the format `--format` asks for, or that the
//! extension of `-o PATH` names: a text format, an image Graphviz draws, or
//! the interactive page.
//!
//! An explicit `--format` that contradicts a known extension (`-o x.svg
//! --format mermaid`) is refused rather than guessed at; with an extension
//! chain does not know (`-o notes.txt`), `--format` says what to write.

use std::path::Path;

use super::Format;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::text::escape;

/// An image format Graphviz renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Image {
    /// Scalable vector graphics.
    Svg,
    /// A bitmap.
    Png,
    /// A printable document.
    Pdf,
}

impl Image {
    /// The name Graphviz knows it by (`dot -Tsvg`).
    pub fn as_str(self) -> &'static str {
        match self {
            Image::Svg => "svg",
            Image::Png => "png",
            Image::Pdf => "pdf",
        }
    }
}

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Text chain writes itself.
    Text(Format),
    /// An image Graphviz renders from the DOT text.
    Image(Image),
    /// The interactive HTML page ([`crate::page`]).
    Page,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Text(Format::Dot) => "dot",
            Target::Text(Format::Mermaid) => "mermaid",
            Target::Text(Format::Json) => "json",
            Target::Image(image) => image.as_str(),
            Target::Page => "html",
        }
    }
}

/// The extensions `-o` knows, and what each writes.
pub const EXTENSIONS: &[(&str, Target)] = &[
    ("dot", Target::Text(Format::Dot)),
    ("gv", Target::Text(Format::Dot)),
    ("mmd", Target::Text(Format::Mermaid)),
    ("json", Target::Text(Format::Json)),
    ("svg", Target::Image(Image::Svg)),
    ("png", Target::Image(Image::Png)),
    ("pdf", Target::Image(Image::Pdf)),
    ("html", Target::Page),
    ("htm", Target::Page),
];

/// What the extension of `path` names, if chain knows it (any case).
pub fn from_extension(path: &Path) -> Option<Target> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    EXTENSIONS
        .iter()
        .find(|(known, _)| *known == ext)
        .map(|&(_, target)| target)
}

/// What to write, from `-o PATH` (if given) and `--format` (if given, a
/// text format or the page): DOT when neither says.
pub fn choose(path: Option<&Path>, format: Option<Target>) -> Result<Target, Error> {
    let Some(path) = path else {
        return Ok(format.unwrap_or(Target::Text(Format::Dot)));
    };
    let shown = escape(&path.display().to_string()).into_owned();
    match (from_extension(path), format) {
        (Some(target), None) => Ok(target),
        (Some(target), Some(f)) if target == f => Ok(target),
        (Some(target), Some(f)) => Err(Diagnostic::error(format!(
            "`-o {shown}` writes {}, but `--format {}` asks for something else",
            target.name(),
            f.name(),
        ))
        .help("leave out `--format` (the extension picks the format), or change the extension")
        .into()),
        (None, Some(f)) => Ok(f),
        (None, None) => Err(Diagnostic::error(format!(
            "cannot tell what to write to `{shown}` from its extension"
        ))
        .help(format!(
            "end the path with one of {}, or give `--format dot|mermaid|json|html`",
            known_extensions()
        ))
        .into()),
    }
}

/// ".dot, .gv, .mmd, .json, .svg, .png, .pdf, .html or .htm".
fn known_extensions() -> String {
    let all: Vec<String> = EXTENSIONS.iter().map(|(e, _)| format!(".{e}")).collect();
    match all.split_last() {
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every extension, in any case, picks its format; others need `--format`.
    #[test]
    fn extensions_pick_formats() {
        let pick = |p: &str, f| choose(Some(Path::new(p)), f).ok();
        assert_eq!(pick("a.gv", None), Some(Target::Text(Format::Dot)));
        assert_eq!(pick("a.MMD", None), Some(Target::Text(Format::Mermaid)));
        assert_eq!(pick("a.Png", None), Some(Target::Image(Image::Png)));
        assert_eq!(pick("a.HTML", None), Some(Target::Page));
        assert_eq!(pick("a.txt", None), None);
        let json = Target::Text(Format::Json);
        assert_eq!(pick("a.txt", Some(json)), Some(json));
        assert_eq!(pick("a.txt", Some(Target::Page)), Some(Target::Page));
        assert_eq!(pick("a.svg", Some(Target::Text(Format::Dot))), None);
        assert_eq!(pick("a.html", Some(json)), None);
        assert_eq!(choose(None, None).ok(), Some(Target::Text(Format::Dot)));
    }
}
