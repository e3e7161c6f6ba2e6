//! The SARIF 2.1.0 report, for code scanning (GitHub's `upload-sarif`).
//!
//! Only the part of the format chain needs, written with serde: one run,
//! one rule per code (id, short and full description, the `--explain`
//! text as help, the default level), and one result per finding with a
//! physical location: the file as a URI reference and, when the finding
//! has a span, the region (1-based lines, columns in Unicode code points
//! as `columnKind` says, `endColumn` one past the end).

use std::io::{self, Write};

use serde::Serialize;

use super::{Place, State, View};
use crate::check::explain;
use crate::finding::{Code, Finding, Severity};
use crate::source::Sources;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    results: Vec<ResultJson>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultJson {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    /// `new` or `unchanged` against a baseline (`--baseline`).
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// Writes the log, pretty-printed.
pub fn write(out: &mut dyn Write, view: &View<'_>) -> io::Result<()> {
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "chain",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: Code::ALL.iter().map(|&c| rule(c)).collect(),
                },
            },
            results: view
                .findings
                .iter()
                .map(|&(f, state)| ResultJson {
                    baseline_state: state.map(|s| match s {
                        State::New => "new",
                        State::Known => "unchanged",
                    }),
                    ..result(f, view.sources)
                })
                .collect(),
            column_kind: "unicodeCodePoints",
        }],
    };
    crate::json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn rule(code: Code) -> Rule {
    Rule {
        id: code.as_str(),
        short_description: Text {
            text: code.summary().to_string(),
        },
        full_description: Text {
            text: explain::of(code).finds.replace('\n', " "),
        },
        help: Text {
            text: explain::text(code),
        },
        default_configuration: Configuration {
            level: level(code.default_severity()),
        },
    }
}

fn result(f: &Finding, sources: &Sources) -> ResultJson {
    let place = Place::of(f, sources);
    let mut text = f.message.clone();
    if let Some(help) = &f.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    ResultJson {
        rule_id: f.code.as_str(),
        rule_index: f.code as usize,
        level: level(f.severity),
        message: Text { text },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: uri(place.path, cfg!(windows)),
                },
                region: place.range.map(|(start, end)| Region {
                    start_line: start.line,
                    start_column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                }),
            },
        }],
        baseline_state: None,
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Allow => "none",
    }
}

/// A path as a URI reference: relative paths stay relative (code scanning
/// resolves them against the repository), absolute ones become `file:` URIs,
/// and every byte outside the unreserved set and `/` is percent-encoded.
/// `\` separates folders only on Windows; elsewhere it is a character a
/// file name may hold (`a\b.toml` is one file), percent-encoded like others.
fn uri(path: &str, windows: bool) -> String {
    let path = if windows {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let bytes = path.as_bytes();
    let drive = windows
        && bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.get(1) == Some(&b':')
        && bytes.get(2) == Some(&b'/');
    let mut out = if path.starts_with('/') {
        "file://".to_string()
    } else if drive {
        "file:///".to_string()
    } else {
        String::new()
    };
    for (i, &b) in bytes.iter().enumerate() {
        let keep = b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (drive && i == 1);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    /// Relative paths stay relative; anything unusual is percent-encoded.
    #[test]
    fn paths_become_uri_references() {
        let uri = |path| uri(path, false);
        assert_eq!(uri("teams/media team.toml"), "teams/media%20team.toml");
        assert_eq!(uri("/srv/ä.toml"), "file:///srv/%C3%A4.toml");
        assert_eq!(uri("a:b.toml"), "a%3Ab.toml");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
    }

    /// A backslash separates folders on Windows only; elsewhere it is part
    /// of a file's name.
    #[test]
    fn backslashes_are_separators_on_windows_only() {
        assert_eq!(uri("C:\\teams\\a.toml", true), "file:///C:/teams/a.toml");
        assert_eq!(uri("teams\\a.toml", true), "teams/a.toml");
        assert_eq!(uri("teams/a\\b.toml", false), "teams/a%5Cb.toml");
        assert_eq!(uri("/srv/a\\b.toml", false), "file:///srv/a%5Cb.toml");
        assert_eq!(uri("c:/a.toml", false), "c%3A/a.toml");
    }
}
