//! Errors that stop a run, as opposed to findings, which are data.
//!
//! Every error ends the process with exit code 2; main renders it to stderr.

use crate::diagnostic::{Diagnostic, DiagnosticRenderer};
use crate::finding::Finding;
use crate::source::Sources;

/// Why a command could not do its job.
#[derive(Debug)]
pub enum Error {
    /// The file is not valid TOML, or a roster (CSV) cannot be used: one
    /// diagnostic per problem.
    Parse {
        /// The files read, for rendering.
        sources: Sources,
        /// One diagnostic per syntax error.
        diagnostics: Vec<Diagnostic>,
    },
    /// The file is TOML but breaks the format (see the findings).
    Invalid {
        /// The files read, for rendering.
        sources: Sources,
        /// What is wrong, all of it.
        findings: Vec<Finding>,
    },
    /// A problem of the command line or its inputs, with a help line where
    /// one helps (an unknown id, a file that is not UTF-8).
    Message(Box<Diagnostic>),
    /// Anything else: a file that cannot be read, a failed write.
    Other(anyhow::Error),
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Message(Box::new(d))
    }
}

impl From<anyhow::Error> for Error {
    fn from(e: anyhow::Error) -> Self {
        Error::Other(e)
    }
}

impl Error {
    /// The documented exit code: 2 for every error.
    pub fn exit_code(&self) -> u8 {
        2
    }

    /// Whether the error is only the reader of our output going away
    /// (`chain map big.toml | head`), which is not worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        let Error::Other(e) = self else { return false };
        e.chain().any(|cause| {
            cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        })
    }

    /// The message for stderr, ending with a newline. `styled` output carries
    /// ANSI styles for an `anstream` writer to keep or strip.
    pub fn render(&self, styled: bool) -> String {
        match self {
            Error::Parse {
                sources,
                diagnostics,
            } => render_all(sources, diagnostics.iter().cloned(), styled),
            Error::Invalid { sources, findings } => {
                let n = findings.len();
                let problems = if n == 1 { "problem" } else { "problems" };
                let summary = Diagnostic::error(format!("the team file has {n} {problems}; nothing was done"))
                    .help("`chain check FILE` reports every problem with its code; fix them and run again");
                let renderer = DiagnosticRenderer::new(sources, styled);
                let mut blocks: Vec<String> = findings
                    .iter()
                    .map(|f| renderer.render_finding(f))
                    .collect();
                blocks.push(renderer.render(&summary));
                joined(&blocks)
            }
            Error::Message(d) => {
                render_all(&Sources::new(), std::iter::once((**d).clone()), styled)
            }
            Error::Other(e) => {
                let d = Diagnostic::error(format!("{e:#}"));
                render_all(&Sources::new(), std::iter::once(d), styled)
            }
        }
    }
}

fn render_all(
    sources: &Sources,
    diagnostics: impl Iterator<Item = Diagnostic>,
    styled: bool,
) -> String {
    let renderer = DiagnosticRenderer::new(sources, styled);
    let rendered: Vec<String> = diagnostics.map(|d| renderer.render(&d)).collect();
    joined(&rendered)
}

/// Rendered diagnostics, a blank line between two, a newline after the last.
fn joined(blocks: &[String]) -> String {
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}
