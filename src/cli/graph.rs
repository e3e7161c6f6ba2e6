//! The arguments of `chain graph`.

use std::path::PathBuf;

use clap::{ArgAction, Args, ValueEnum};

const GRAPH_EXAMPLES: &str = "\
Examples:
  chain graph examples/media-team.toml -o team.svg   everyone, as an image (needs Graphviz)
  chain graph examples/media-team.toml -o team.html  a page to click through: whom each party
                                                     serves, their card, the findings of check
  chain graph examples/media-team.toml | dot -Tpng > team.png
                                                     the same, piping DOT to Graphviz yourself
  chain graph examples/media-team.toml --focus wren -o wren.png
                                                     Wren and everyone her work reaches
  chain graph examples/media-team.toml --focus students --upstream --depth 2
                                                     who serves the students, up to 2 handoffs away
  chain graph examples/media-team.toml --focus fitzgerald --chain -o rory.svg
                                                     just Rory's shortest chain to the students
  chain graph examples/media-team.toml --collapse roles -o roles.svg
                                                     one box per role, for large organisations
  chain graph examples/media-team.toml --format mermaid > team.mmd
                                                     a flowchart for GitHub or GitLab markdown

-o picks the format from the extension: .dot or .gv, .mmd, .json, .svg, .png, .pdf,
.html (the page: one file, nothing fetched; laid out by Graphviz when installed).
Each role is a card holding its people, and each handoff one arrow: a role's
handoffs leave from its card, a person's own from their row, which is in the
card of the first role listed for them (--collapse roles draws them there too).
A vacant role's handoffs are dashed: they carry nothing while nobody holds it.";

/// `chain graph`.
#[derive(Debug, Args)]
#[command(after_help = GRAPH_EXAMPLES)]
pub struct GraphArgs {
    /// The team file (`-` for standard input).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Output format [default: dot, or what the extension of -o says];
    /// SVG, PNG and PDF come from `-o FILE.svg` (or .png, .pdf); `html` is
    /// the interactive page.
    #[arg(long, value_name = "FORMAT", value_parser = FormatParser)]
    pub format: Option<GraphFormat>,

    /// Write to PATH instead of standard output; the extension picks the
    /// format (.dot .gv .mmd .json, .svg .png .pdf rendered by Graphviz, or
    /// .html for the page).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Draw only ID (a person, role or external customer) and everyone ID
    /// serves.
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,

    /// With --focus: draw ID and everyone who serves ID instead.
    #[arg(long, requires = "focus")]
    pub upstream: bool,

    /// With --focus: go no further than N handoffs from ID.
    #[arg(long, value_name = "N", requires = "focus")]
    pub depth: Option<u32>,

    /// With --focus: draw only ID's shortest chain to each paying customer
    /// it reaches.
    #[arg(long, requires = "focus", conflicts_with_all = ["upstream", "depth"])]
    pub chain: bool,

    /// Which way the chains run: LR (left to right) or TB (top to bottom)
    /// [default: whichever shows the picture larger on a 16:9 screen].
    #[arg(long, value_enum, value_name = "DIR", ignore_case = true)]
    pub rankdir: Option<Rankdir>,

    /// Mark vacancies, dead ends and single points, as `chain check`
    /// finds them (`--highlight=false` or `--no-highlight`: mark nothing).
    #[arg(
        long,
        value_name = "BOOL",
        num_args = 0..=1,
        require_equals = true,
        default_value_t = true,
        default_missing_value = "true",
        action = ArgAction::Set,
        overrides_with = "no_highlight"
    )]
    pub highlight: bool,

    /// Mark nothing: the same as `--highlight=false`.
    #[arg(long, overrides_with = "highlight")]
    pub no_highlight: bool,

    /// Draw one node per role (its people not listed) or per team instead
    /// of one per person.
    #[arg(long, value_enum, default_value_t = Collapse::None, value_name = "WHAT")]
    pub collapse: Collapse,

    /// Draw a box around each team, or none (roles are boxes of their
    /// people either way).
    #[arg(long, value_enum, default_value_t = GroupBy::Team, value_name = "WHAT")]
    pub group_by: GroupBy,

    /// Refuse to draw more than N edges: with --collapse teams a role's
    /// handoffs run from every team of its holders, and multiply out.
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    pub max_edges: u64,

    /// Write through PATH when it is a symbolic link (by default a link
    /// there is refused, so a link committed to a repository cannot send
    /// the diagram outside it).
    #[arg(long)]
    pub follow_symlinks: bool,

    /// Stop Graphviz after this many seconds (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub graphviz_timeout: u64,

    /// Where includes may be read.
    #[command(flatten)]
    pub includes: super::Includes,
}

/// Parses `--format` with [`parse_format`], and lists the formats for
/// help and shell completions.
#[derive(Clone, Copy, Debug)]
struct FormatParser;

impl clap::builder::TypedValueParser for FormatParser {
    type Value = GraphFormat;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<GraphFormat, clap::Error> {
        parse_format.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let formats = GraphFormat::value_variants().iter();
        Some(Box::new(formats.filter_map(ValueEnum::to_possible_value)))
    }
}

/// A `--format`, with the way to an image for `svg`, `png` and `pdf`.
fn parse_format(name: &str) -> Result<GraphFormat, String> {
    if let Ok(format) = GraphFormat::from_str(name, true) {
        return Ok(format);
    }
    let lower = name.to_ascii_lowercase();
    if ["svg", "png", "pdf"].contains(&lower.as_str()) {
        return Err(format!(
            "images are not written to standard output: use `-o FILE.{lower}`, which Graphviz draws (the formats here are dot, mermaid, json and html)"
        ));
    }
    Err(format!(
        "`{name}` is not a format: use dot, mermaid, json or html, or `-o FILE.svg` (or .png, .pdf) for an image"
    ))
}

/// Output formats of `chain graph` on standard output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// A Mermaid flowchart (GitHub and GitLab render it in markdown).
    Mermaid,
    /// Nodes and edges for scripts.
    Json,
    /// The page to click through: one self-contained HTML file.
    Html,
}

/// What one node of the picture stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Collapse {
    /// A node per person and per role, each role a card listing its people.
    None,
    /// One node per role; people who hold no role stay as people.
    Roles,
    /// One node per team; people with no team stay as people.
    Teams,
}

/// Which boxes are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    /// One box per team, around its people and the roles all of whose holders are in it.
    Team,
    /// No team boxes: only the roles, each a box of its people.
    Role,
    /// No team boxes.
    None,
}

/// Which way the chains run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Rankdir {
    /// Left to right.
    #[value(name = "LR")]
    Lr,
    /// Top to bottom.
    #[value(name = "TB")]
    Tb,
}
