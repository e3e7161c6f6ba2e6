//! Rendering DOT to an image with Graphviz: `dot -Tsvg` (or png, pdf) with
//! the DOT text on its standard input and the image read from its standard
//! output, so no temporary DOT file is left anywhere.

use std::io::{self, Write};
use std::process::{Command, Stdio};

use super::target::Image;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::text::escape;

/// The Graphviz program that lays out directed graphs.
const DOT: &str = "dot";

/// What Graphviz produced.
#[derive(Debug)]
pub struct Rendered {
    /// The image.
    pub bytes: Vec<u8>,
    /// What Graphviz said on standard error although it succeeded (font
    /// and layout warnings), trimmed; empty when it said nothing.
    pub warnings: String,
}

/// Renders `dot` text as `image` by running Graphviz `dot`.
pub fn render(dot: &[u8], image: Image) -> Result<Rendered, Error> {
    let flag = format!("-T{}", image.as_str());
    let mut child = match Command::new(DOT)
        .arg(&flag)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(not_installed(image)),
        Err(e) => {
            return Err(anyhow::Error::new(e)
                .context("cannot run Graphviz `dot`")
                .into());
        }
    };
    let stdin = child.stdin.take();
    // Feed standard input from another thread: dot may write a large image
    // before it has read all its input, and a pipe holds only so much.
    let output = std::thread::scope(|scope| {
        scope.spawn(move || {
            if let Some(mut pipe) = stdin {
                // A dot that stops reading fails, and says why on stderr.
                let _ = pipe.write_all(dot);
            }
        });
        child.wait_with_output()
    })
    .map_err(|e| anyhow::Error::new(e).context("cannot run Graphviz `dot`"))?;
    let said = String::from_utf8_lossy(&output.stderr);
    let said = escape(said.trim()).into_owned();
    if !output.status.success() {
        let status = output.status.code().map_or_else(
            || "it was killed".to_string(),
            |c| format!("exit status {c}"),
        );
        let mut message = format!("Graphviz `dot {flag}` failed ({status}); nothing was written");
        if !said.is_empty() {
            message.push_str(":\n");
            message.push_str(&said);
        }
        return Err(Diagnostic::error(message).into());
    }
    Ok(Rendered {
        bytes: output.stdout,
        warnings: said,
    })
}

fn not_installed(image: Image) -> Error {
    Diagnostic::error(format!(
        "cannot draw {}: Graphviz `dot` is not on PATH",
        image.as_str()
    ))
    .help(
        "install Graphviz (the `graphviz` package: `apt-get install graphviz`, `brew install graphviz`, \
         `choco install graphviz`), or write DOT with `-o FILE.dot` and render it elsewhere",
    )
    .into()
}
