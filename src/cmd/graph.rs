//! `chain graph FILE`.

use std::io::{BufWriter, Write as _};
use std::path::Path;

use anyhow::Context as _;

use super::map::lookup;
use super::{Exit, Output, page};
use crate::atomic::{self, Links, Mode};
use crate::check::{self, Settings};
use crate::cli::{self, GraphArgs, GraphFormat};
use crate::diagnostic::{Diagnostic, DiagnosticRenderer};
use crate::error::Error;
use crate::export::render::{Rendered, render};
use crate::export::target::{self, Target};
use crate::export::{
    Collapse, Focus, Format, GroupBy, MERMAID_MAX_EDGES, MERMAID_MAX_TEXT, Marks, Options, Picture,
    Rankdir, TooBig,
};
use crate::finding::Severity;
use crate::graph::CustomerGraph;
use crate::load::{self, Loaded};
use crate::model::{Org, Party};
use crate::page::Page;
use crate::source::Sources;
use crate::text::escape;
use crate::walk::{Search, Stops, Way};
use petgraph::Direction;

/// Graphviz takes minutes, not seconds, to lay out more edges than this.
const GRAPHVIZ_SLOW_EDGES: usize = 1_000;

/// Loads the file, refuses it if invalid, and draws it.
pub fn run(args: &GraphArgs, output: &mut Output<'_>) -> Result<Exit, Error> {
    // A bad `-o` is reported before any work is done.
    let target = target::choose(args.output.as_deref(), args.format.map(target_of))?;
    if target == Target::Page && args.output.is_none() && output.out_width.is_some() {
        return Err(
            Diagnostic::error("the page is HTML for a browser, not for a terminal")
                .help("write it to a file with `-o team.html`, or pipe it")
                .into(),
        );
    }
    if let Some(path) = &args.output {
        atomic::check(path, &[&args.file], links(args))?;
    }
    let loaded = load::load_path(&args.file, args.includes.root.as_deref())?.valid()?;
    let marks = marks(args, &loaded);
    // The page lists what `chain check` reports, at the file's severities.
    let findings = match target {
        Target::Page => check::run(&loaded, &Settings::default()),
        _ => Vec::new(),
    };
    let (sources, org) = (loaded.sources, loaded.org);
    let graph = CustomerGraph::build(&org);
    let mut options = options(args, &org, marks)?;
    let note = match target {
        Target::Page => page::collapse_large(args, &org, &mut options),
        _ => None,
    };
    let picture = Picture::build(&org, &graph, &options).map_err(|e| too_big(e, args))?;
    if let Some(focus) = options
        .focus
        .filter(|f| f.chains && picture.edges.is_empty())
    {
        warn(output, no_chain(&org, &graph, focus.party))?;
    }
    let edges = picture.edges.len();
    match target {
        Target::Text(Format::Mermaid) => check_mermaid(&picture, args, output)?,
        Target::Image(_) if edges > GRAPHVIZ_SLOW_EDGES => {
            let d = Diagnostic::error(format!(
                "Graphviz may take many minutes to lay out {edges} edges"
            ));
            warn(output, d.help(fewer(args)))?;
        }
        _ => {}
    }
    if target == Target::Page {
        let page = Page {
            org: &org,
            graph: &graph,
            sources: &sources,
            picture: &picture,
            diagram: page::diagram(&picture, args, output)?,
            findings: &findings,
            marks: &options.marks,
            note,
        };
        return write_page(&page, &args.file, args, output);
    }
    match (&args.output, target) {
        (Some(path), target) => {
            let inputs = inputs(&args.file, &sources);
            write_file(&picture, path, target, &inputs, args, output)?;
        }
        (None, Target::Text(format)) => picture
            .write(output.out, format)
            .context("cannot write the diagram")?,
        // `choose` gives images only for `-o`, and the page is written above.
        (None, Target::Image(_) | Target::Page) => {}
    }
    Ok(Exit::Success)
}

/// Writes the page to `-o PATH` atomically, or to standard output.
fn write_page(
    page: &Page<'_>,
    file: &Path,
    args: &GraphArgs,
    output: &mut Output<'_>,
) -> Result<Exit, Error> {
    match &args.output {
        Some(path) => {
            let inputs = inputs(file, page.sources);
            atomic::write_with(path, &inputs, Mode::Replace, links(args), |f| page.write(f))?;
        }
        None => page.write(output.out).context("cannot write the page")?,
    }
    Ok(Exit::Success)
}

/// Warns when the flowchart is larger than Mermaid draws by default.
fn check_mermaid(
    picture: &Picture<'_>,
    args: &GraphArgs,
    output: &mut Output<'_>,
) -> Result<(), Error> {
    let mut size = Counter(0);
    picture
        .write(&mut size, Format::Mermaid)
        .context("cannot write the diagram")?;
    let edges = picture.edges.len();
    let mut over = Vec::new();
    if edges > MERMAID_MAX_EDGES {
        over.push(format!(
            "{edges} edges (Mermaid's `maxEdges` is {MERMAID_MAX_EDGES})"
        ));
    }
    if size.0 > MERMAID_MAX_TEXT {
        over.push(format!(
            "{} characters (Mermaid's `maxTextSize` is {MERMAID_MAX_TEXT})",
            size.0
        ));
    }
    if over.is_empty() {
        return Ok(());
    }
    let d = Diagnostic::error(format!(
        "the flowchart has {}: GitHub and GitLab will not draw it",
        over.join(" and ")
    ));
    warn(output, d.help(fewer(args)))
}

/// Counts what is written and keeps none of it.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Whether `-o` may write through a symbolic link.
fn links(args: &GraphArgs) -> Links {
    if args.follow_symlinks {
        Links::Follow
    } else {
        Links::Refuse
    }
}

/// Writes the picture to `path` atomically, rendering it first for images.
fn write_file(
    picture: &Picture<'_>,
    path: &Path,
    target: Target,
    inputs: &[&Path],
    args: &GraphArgs,
    output: &mut Output<'_>,
) -> Result<(), Error> {
    let links = links(args);
    match target {
        Target::Text(format) => atomic::write_with(path, inputs, Mode::Replace, links, |file| {
            let mut w = BufWriter::new(file);
            picture.write(&mut w, format)?;
            w.flush()
        }),
        Target::Image(image) => {
            let mut dot = Vec::new();
            picture
                .write(&mut dot, Format::Dot)
                .context("cannot write the diagram")?;
            let limit = (args.graphviz_timeout > 0)
                .then(|| std::time::Duration::from_secs(args.graphviz_timeout));
            let rendered = render(&dot, image, limit)?;
            graphviz_said(output, &rendered)?;
            atomic::write(path, &rendered.bytes, inputs, Mode::Replace, links)
        }
        // Written by `write_page`.
        Target::Page => Ok(()),
    }
}

/// What `--highlight` marks: the vacancies, dead ends and single points
/// `chain check` finds, whatever the file's `[check]` settings allow.
fn marks(args: &GraphArgs, loaded: &Loaded) -> Marks {
    if !args.highlight || args.no_highlight {
        return Marks::default();
    }
    let settings = Settings {
        levels: Marks::CODES
            .iter()
            .map(|&code| (code, Severity::Warning))
            .collect(),
        deny_warnings: false,
    };
    Marks::from_findings(&loaded.org, &check::run(loaded, &settings))
}

/// The warning for `--chain` on a party whose work reaches no paying
/// customer: where it stops, if at vacancies.
fn no_chain(org: &Org, g: &CustomerGraph, party: Party) -> Diagnostic {
    let id = escape(org.id(party));
    let to_paying = Search::run(g, &g.paying(org), Direction::Incoming, None);
    let stops = Stops::new(org, g, &to_paying);
    let (roles, more) = stops.of(g, party);
    let mut message =
        format!("the work of `{id}` reaches no paying customer: only `{id}` is drawn");
    if !roles.is_empty() {
        let named: Vec<String> = roles
            .iter()
            .map(|&r| format!("`{}`", escape(org.id(Party::Role(r)))))
            .collect();
        let more = if more { " and more" } else { "" };
        message.push_str(&format!(
            " (it stops at vacant role {}{more})",
            named.join(", ")
        ));
    }
    Diagnostic::error(message).help(format!(
        "`chain map FILE {id}` shows whom the work reaches; `chain graph FILE --focus {id}` draws it"
    ))
}

/// The library's view of the command line.
fn options(args: &GraphArgs, org: &Org, marks: Marks) -> Result<Options, Error> {
    let focus = match &args.focus {
        None => None,
        Some(id) => Some(Focus {
            party: lookup(org, id)?,
            way: if args.upstream {
                Way::Upstream
            } else {
                Way::Downstream
            },
            depth: args.depth,
            chains: args.chain,
        }),
    };
    Ok(Options {
        collapse: match args.collapse {
            cli::Collapse::None => Collapse::None,
            cli::Collapse::Roles => Collapse::Roles,
            cli::Collapse::Teams => Collapse::Teams,
        },
        group_by: match args.group_by {
            cli::GroupBy::Team => GroupBy::Team,
            cli::GroupBy::Role => GroupBy::Role,
            cli::GroupBy::None => GroupBy::None,
        },
        focus,
        max_edges: args.max_edges,
        rankdir: args.rankdir.map(|r| match r {
            cli::Rankdir::Lr => Rankdir::LeftRight,
            cli::Rankdir::Tb => Rankdir::TopBottom,
        }),
        marks,
    })
}

fn target_of(f: GraphFormat) -> Target {
    match f {
        GraphFormat::Dot => Target::Text(Format::Dot),
        GraphFormat::Mermaid => Target::Text(Format::Mermaid),
        GraphFormat::Json => Target::Text(Format::Json),
        GraphFormat::Html => Target::Page,
    }
}

/// Every file read, none of which may be written over.
pub(super) fn inputs<'a>(file: &'a Path, sources: &'a Sources) -> Vec<&'a Path> {
    let read = sources
        .files()
        .iter()
        .filter(|f| f.path != "<stdin>")
        .map(|f| Path::new(&f.path));
    std::iter::once(file).chain(read).collect()
}

fn too_big(e: TooBig, args: &GraphArgs) -> Error {
    let raise = "`--max-edges N` raises the limit";
    let fewer = fewer(args);
    let help = if fewer.is_empty() {
        raise.to_string()
    } else {
        format!("{fewer}; {raise}")
    };
    Diagnostic::error(format!(
        "the diagram would have up to {} edges, more than the limit of {}",
        e.edges, e.limit
    ))
    .help(help)
    .into()
}

/// How to draw fewer edges than `args` do: the options not used yet.
fn fewer(args: &GraphArgs) -> String {
    let mut ways = Vec::new();
    if args.collapse == cli::Collapse::None {
        ways.push("one node per role with `--collapse roles`");
    }
    if args.collapse != cli::Collapse::Teams {
        ways.push("one node per team with `--collapse teams`");
    }
    match (&args.focus, args.depth) {
        (None, _) => ways.push("only part of the organisation with `--focus ID`"),
        (Some(_), None) => ways.push("fewer handoffs from the focus with `--depth N`"),
        (Some(_), Some(_)) => ways.push("fewer handoffs from the focus with a smaller `--depth`"),
    }
    match ways.split_last() {
        None => String::new(),
        Some((last, [])) => format!("draw {last}"),
        Some((last, rest)) => format!("draw {}, or {last}", rest.join(", ")),
    }
}

/// Passes on, as a warning, what Graphviz said although it succeeded (font
/// and layout warnings), line by line.
pub(super) fn graphviz_said(output: &mut Output<'_>, rendered: &Rendered) -> Result<(), Error> {
    if rendered.warnings.is_empty() {
        return Ok(());
    }
    warn(
        output,
        Diagnostic::error("Graphviz warned while drawing").said(rendered.warnings.clone()),
    )
}

/// Writes `d` to standard error as a warning.
pub(super) fn warn(output: &mut Output<'_>, mut d: Diagnostic) -> Result<(), Error> {
    d.severity = Severity::Warning;
    let text = DiagnosticRenderer::new(&Sources::new(), output.err_color).render(&d);
    writeln!(output.err, "{text}").context("cannot write to standard error")?;
    Ok(())
}
