//! Any bytes through every command, checking what must hold for any input.
//!
//! [`exercise`] is the body of the fuzz target (`fuzz/fuzz_targets/exercise.rs`
//! includes this file) and of the test that replays the committed corpus in
//! CI (`tests/robust/corpus.rs`). It loads the bytes as a team file, and
//! then, on the model or the error, runs what each command runs, writing
//! into memory: `check` in every format, `map` for everyone and for one
//! party, `stats`, `graph` in every format and view, and `diff`
//! (`exercise/diff.rs`). Beyond "no panic" it asserts that every JSON output
//! parses, that text outputs hold no raw control characters, that JSON keeps
//! ids exact, that counts agree between formats, and that a second run gives
//! the same bytes. A panic is how a fuzzer learns that an invariant broke.

// Indexing a `serde_json::Value` gives `Null` for a missing key or index;
// it never panics, and reads far better than chains of `.get()`.
#![allow(clippy::indexing_slicing)]

// A path of its own, so the fuzz target can include this file from elsewhere.
#[path = "exercise/diff.rs"]
mod diff;

use std::fmt::Debug;
use std::io::Write as _;

use serde_json::Value;

use chain::check::report::{self, Summary};
use chain::check::{self, Settings};
use chain::error::Error;
use chain::export::{self, Collapse, Focus, GroupBy, Options, Picture};
use chain::finding::{self, Severity};
use chain::graph::CustomerGraph;
use chain::load::{self, Input, Loaded};
use chain::map::{self, PartyMap, PeopleMap};
use chain::model::{Org, Party};
use chain::page::{Diagram, Page, Why};
use chain::stats::{self, Stats};
use chain::text::is_unsafe;
use chain::walk::Way;

/// Runs `bytes` through every command twice and panics if any invariant
/// fails. Includes are refused ([`Input::Isolated`]), so nothing is read
/// from disk, and nothing is rendered by Graphviz.
pub fn exercise(bytes: &[u8]) {
    let first = Outputs::of(bytes);
    let again = Outputs::of(bytes);
    for ((what, a), (_, b)) in first.written.iter().zip(&again.written) {
        assert!(a == b, "{what} differs between two runs on the same input");
    }
    let (a, b) = (first.written.len(), again.written.len());
    assert_eq!(a, b, "two runs wrote different outputs");
}

/// Every output written, named by what wrote it, and what the outputs of
/// one command say that another's must agree with.
#[derive(Default)]
struct Outputs {
    written: Vec<(String, Vec<u8>)>,
    /// Each person's distance to a paying customer, as `map` says.
    distances: Vec<Option<u64>>,
}

impl Outputs {
    fn of(bytes: &[u8]) -> Self {
        let mut o = Outputs::default();
        match load::load(Input::Isolated {
            name: "fuzz.toml",
            bytes,
        }) {
            Ok(loaded) => o.loaded(&loaded),
            Err(e) => o.error(&e),
        }
        o
    }

    /// Writes with `write` into memory and keeps the bytes under `what`.
    fn write(
        &mut self,
        what: impl Debug,
        write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
    ) -> &[u8] {
        let mut out = Vec::new();
        let result = write(&mut out);
        assert!(result.is_ok(), "{what:?}: writing to memory failed");
        self.written.push((format!("{what:?}"), out));
        self.written
            .last()
            .map_or(&[], |(_, bytes)| bytes.as_slice())
    }

    /// Writes text plain and styled: both safe on a terminal, and the same
    /// once the styles are taken out.
    fn text(
        &mut self,
        what: impl Debug,
        write: impl Fn(&mut Vec<u8>, bool) -> std::io::Result<()>,
    ) {
        let what = format!("{what:?}");
        let plain = self
            .write((&what, "plain"), |out| write(out, false))
            .to_vec();
        let styled = self.write((&what, "styled"), |out| write(out, true));
        assert_terminal_safe(&what, &plain, false);
        assert_terminal_safe(&what, styled, true);
        let unstyled = strip_styles(&String::from_utf8_lossy(styled));
        assert!(
            unstyled.as_bytes() == plain,
            "{what}: styles change the text"
        );
    }

    /// A file that cannot be loaded: a clear message, safe either way.
    fn error(&mut self, e: &Error) {
        assert_eq!(e.exit_code(), 2);
        assert!(!e.is_broken_pipe(), "a load error taken for a closed pipe");
        let plain = e.render(false);
        assert!(plain.ends_with('\n') && plain.len() > 1, "empty error");
        self.text("error", |out, styled| {
            out.write_all(e.render(styled).as_bytes())
        });
    }

    fn loaded(&mut self, l: &Loaded) {
        spans_in_bounds(l);
        for settings in [
            Settings::default(),
            Settings {
                deny_warnings: true,
                ..Settings::default()
            },
        ] {
            self.check(l, &settings);
        }
        // `map`, `stats` and `graph` refuse a file with findings; the model
        // is consistent all the same, so exercise them on it anyway.
        let graph = CustomerGraph::build(&l.org);
        self.map(&l.org, &graph);
        let party = pick(&l.org, self.written.len());
        if let Some(party) = party {
            self.party(&l.org, &graph, party);
        }
        self.stats(&l.org, &graph);
        self.graph(&l.org, &graph, party);
        self.page(l, &graph);
        self.diff(l);
    }

    fn check(&mut self, l: &Loaded, settings: &Settings) {
        let findings = check::run(l, settings);
        let mut sorted = findings.clone();
        finding::sort(&mut sorted);
        assert!(sorted == findings, "check findings are not in report order");
        let summary = Summary::of(&findings);
        // The loader's findings are errors that cannot be allowed.
        assert!(
            summary.errors >= l.findings.len(),
            "a loader finding went missing"
        );
        let shown = summary.errors + summary.warnings;
        let write = |o: &mut Self, format| {
            let what = (settings.deny_warnings, format);
            o.write(what, |out| {
                report::write(out, format, &findings, &l.sources)
            })
            .to_vec()
        };
        self.text(("check", settings.deny_warnings), |out, styled| {
            let format = report::Format::Text { styled };
            report::write(out, format, &findings, &l.sources)
        });
        let json = parse_json("check json", &write(self, report::Format::Json));
        assert_eq!(count(&json["findings"]), shown, "check json findings");
        assert_eq!(json["summary"]["errors"], summary.errors);
        assert_eq!(json["summary"]["warnings"], summary.warnings);
        let sarif = parse_json("check sarif", &write(self, report::Format::Sarif));
        assert_eq!(count(&sarif["runs"][0]["results"]), shown, "sarif results");
        let github = write(self, report::Format::Github);
        assert_terminal_safe("check github", &github, false);
        let text = String::from_utf8_lossy(&github);
        assert_eq!(
            text.lines().count(),
            shown,
            "one workflow command per finding"
        );
        for line in text.lines() {
            let command = line.starts_with("::error ") || line.starts_with("::warning ");
            assert!(command, "a github line is not a workflow command: {line:?}");
        }
    }

    fn map(&mut self, org: &Org, graph: &CustomerGraph) {
        for limit in [0, 3, 50] {
            let map = PeopleMap::new(org, graph, limit);
            self.text(("map", limit), |out, styled| {
                map.write(
                    out,
                    map::Format::Text {
                        styled,
                        width: None,
                    },
                )
            });
            let json = self.write(("map", limit), |out| map.write(out, map::Format::Json));
            let json = parse_json("map json", json);
            let people = array(&json["people"]);
            let ids: Vec<&str> = people
                .iter()
                .map(|p| p["id"].as_str().unwrap_or("\u{0}not a string"))
                .collect();
            let expected: Vec<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
            assert!(
                ids == expected,
                "map json does not list every person's id exactly"
            );
            if limit == 0 {
                self.distances = people.iter().map(|p| p["distance"].as_u64()).collect();
                for p in people {
                    // Unelided, a chain of d handoffs names d + 1 parties.
                    let parties = p["chain"].as_array().map(Vec::len);
                    let handoffs = p["distance"].as_u64().and_then(|d| usize::try_from(d).ok());
                    assert_eq!(parties, handoffs.map(|d| d + 1), "a chain's length: {p}");
                }
            }
        }
    }

    fn party(&mut self, org: &Org, graph: &CustomerGraph, party: Party) {
        for way in [Way::Downstream, Way::Upstream] {
            for depth in [None, Some(0), Some(1), Some(u32::MAX)] {
                let map = PartyMap::new(org, graph, party, way, depth, 4);
                let Some(map) = map else {
                    panic!("`chain map FILE {}` finds no such id", org.id(party));
                };
                self.text(("map party", way, depth), |out, styled| {
                    map.write(
                        out,
                        map::Format::Text {
                            styled,
                            width: None,
                        },
                    )
                });
                let json = self.write(("map party", way, depth), |out| {
                    map.write(out, map::Format::Json)
                });
                let json = parse_json("map party json", json);
                assert_eq!(json["id"].as_str(), Some(org.id(party)), "map party id");
            }
        }
    }

    fn stats(&mut self, org: &Org, graph: &CustomerGraph) {
        for top in [0, 1, 10] {
            let stats = Stats::new(org, graph, top);
            self.text(("stats", top), |out, styled| {
                stats.write(out, stats::Format::Text { styled })
            });
            let json = self.write(("stats", top), |out| stats.write(out, stats::Format::Json));
            let json = parse_json("stats json", json);
            assert_eq!(json["counts"]["people"], org.people.len(), "stats people");
            assert_eq!(json["counts"]["roles"], org.roles.len(), "stats roles");
            // The histogram counts the distances `map` gives.
            let no_route = self.distances.iter().filter(|d| d.is_none()).count();
            assert_eq!(json["distance"]["no_route"], no_route, "stats no_route");
            for bucket in array(&json["distance"]["histogram"]) {
                let at = bucket["distance"].as_u64();
                let n = self
                    .distances
                    .iter()
                    .filter(|&&d| d.is_some() && d == at)
                    .count();
                assert_eq!(bucket["people"], n, "stats histogram {bucket}");
            }
        }
    }

    fn graph(&mut self, org: &Org, graph: &CustomerGraph, party: Option<Party>) {
        let mut views = Vec::new();
        for collapse in [Collapse::None, Collapse::Roles, Collapse::Teams] {
            for group_by in [GroupBy::Team, GroupBy::Role, GroupBy::None] {
                views.push((collapse, group_by, None));
            }
            if let Some(party) = party {
                for (way, depth, chains) in [
                    (Way::Downstream, None, false),
                    (Way::Upstream, Some(1), false),
                    (Way::Downstream, None, true),
                ] {
                    let focus = Focus {
                        party,
                        way,
                        depth,
                        chains,
                    };
                    views.push((collapse, GroupBy::Team, Some(focus)));
                }
            }
        }
        for (collapse, group_by, focus) in views {
            let options = Options {
                collapse,
                group_by,
                focus,
                max_edges: 20_000,
                rankdir: None,
                marks: export::Marks::default(),
            };
            let picture = match Picture::build(org, graph, &options) {
                Ok(picture) => picture,
                Err(e) => {
                    assert!(e.edges > e.limit, "refused a picture under the limit");
                    continue;
                }
            };
            self.picture(&picture, &options);
        }
    }

    /// The page (`graph -o team.html`), with chain's own layout and the
    /// marks `check` gives: its data parses, and every box it names is
    /// drawn.
    fn page(&mut self, l: &Loaded, graph: &CustomerGraph) {
        let findings = check::run(l, &Settings::default());
        let marks = export::Marks::from_findings(&l.org, &findings);
        let options = Options {
            collapse: Collapse::None,
            group_by: GroupBy::Team,
            focus: None,
            max_edges: 20_000,
            rankdir: None,
            marks,
        };
        let Ok(picture) = Picture::build(&l.org, graph, &options) else {
            return;
        };
        let page = Page {
            org: &l.org,
            graph,
            sources: &l.sources,
            picture: &picture,
            diagram: Diagram::Builtin(Why::NoGraphviz),
            findings: &findings,
            marks: &options.marks,
            note: None,
        };
        let html = self.write("page", |out| page.write(out));
        let html = std::str::from_utf8(html).expect("the page is UTF-8");
        let start = html
            .find("<script type=\"application/json\" id=\"chain-data\">")
            .expect("the page's data");
        let block = &html[start..];
        let body = &block[block.find('>').expect("a tag") + 1..];
        let data = parse_json(
            "page data",
            &body.as_bytes()[..body.find("</script>").expect("its end")],
        );
        for drawn in data["drawn"].as_array().into_iter().flatten() {
            let id = drawn["id"].as_str().expect("a box's id");
            assert!(
                html.contains(&format!("id=\"{id}\"")),
                "page: box `{id}` is not drawn"
            );
        }
        assert_eq!(
            html.matches("<script").count(),
            2,
            "page: only its own scripts"
        );
    }

    fn picture(&mut self, picture: &Picture<'_>, options: &Options) {
        for format in [export::Format::Dot, export::Format::Mermaid] {
            let what = (format, options);
            let text = self.write(what, |out| picture.write(out, format));
            assert_terminal_safe("graph", text, false);
        }
        let json = self.write(options, |out| picture.write(out, export::Format::Json));
        let json = parse_json("graph json", json);
        assert_eq!(
            count(&json["nodes"]),
            picture.nodes.len(),
            "graph json nodes"
        );
        assert_eq!(
            count(&json["edges"]),
            picture.edges.len(),
            "graph json edges"
        );
        if options.collapse == Collapse::None && options.focus.is_none() {
            // Each person's node is at the distance `map` gives.
            let people = array(&json["nodes"])
                .iter()
                .filter(|n| n["kind"] == "person");
            let distances: Vec<Option<u64>> = people.map(|n| n["distance"].as_u64()).collect();
            assert!(
                distances == self.distances,
                "graph and map distances differ"
            );
        }
    }
}

/// A party that exists, chosen by how much was written so far (so
/// different inputs pick different kinds of party), or none in an empty
/// organisation.
fn pick(org: &Org, salt: usize) -> Option<Party> {
    let mut ids: Vec<&str> = org.ids().collect();
    ids.sort_unstable();
    let id = ids.get(salt.checked_rem(ids.len())?)?;
    let party = org.lookup(id);
    assert!(party.is_some_and(|p| org.id(p) == *id), "lookup of `{id}`");
    party
}

/// Every finding's span lies in its file, on character boundaries.
fn spans_in_bounds(l: &Loaded) {
    for f in &l.findings {
        let Some(span) = f.span else { continue };
        let text = l.sources.get(span.file).map(|s| s.text.as_str());
        let Some(text) = text else {
            panic!("a finding points into no file: {f:?}");
        };
        let ok = span.start() <= span.end()
            && text.is_char_boundary(span.start())
            && text.is_char_boundary(span.end());
        assert!(ok, "a span is out of its file: {f:?}");
    }
    let shown = l.findings.iter().filter(|f| f.severity != Severity::Allow);
    assert_eq!(
        shown.count(),
        l.findings.len(),
        "the loader allowed a finding"
    );
}

/// Panics if `bytes`, shown on a terminal, could do anything but print: it
/// must be UTF-8 holding no control character but line breaks, and, when
/// `styled`, escape sequences that only set styles (`ESC [ digits ; m`).
pub fn assert_terminal_safe(what: &str, bytes: &[u8], styled: bool) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        panic!("{what} is not UTF-8");
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && styled && chars.peek() == Some(&'[') {
            chars.next();
            let mut end = None;
            for c in chars.by_ref() {
                if !(c.is_ascii_digit() || c == ';') {
                    end = Some(c);
                    break;
                }
            }
            assert_eq!(
                end,
                Some('m'),
                "{what} holds an escape sequence other than a style"
            );
            continue;
        }
        assert!(
            c == '\n' || !is_unsafe(c),
            "{what} holds a raw {c:?}:\n{}",
            String::from_utf8_lossy(bytes)
        );
    }
}

/// `text` without its style sequences (`ESC [ ... m`).
fn strip_styles(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("\u{1b}[") {
        out.push_str(rest.get(..i).unwrap_or_default());
        let after = rest.get(i + 2..).unwrap_or_default();
        let end = after.find('m').map_or(after.len(), |m| m + 1);
        rest = after.get(end..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

fn parse_json(what: &str, bytes: &[u8]) -> Value {
    assert_terminal_safe(what, bytes, false);
    match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(e) => panic!(
            "{what} is not JSON ({e}):\n{}",
            String::from_utf8_lossy(bytes)
        ),
    }
}

fn array(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

fn count(value: &Value) -> usize {
    assert!(value.is_array(), "not an array: {value}");
    array(value).len()
}
