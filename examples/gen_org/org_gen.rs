//! The generator of synthetic team files, shared by `gen_org` (`main.rs`,
//! which describes the shapes) and `tests/gen_org.rs`.

use std::fmt::Write as _;
use std::io::{self, Write};

/// Which kind of organisation to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Roles in layers, skewed sizes, loops, vacancies, dead ends, managers.
    Realistic,
    /// Each person hands to the next.
    Line,
    /// Two big roles handing to each other.
    TwoRoles,
    /// Everyone hands to 20 others.
    Fanout,
}

impl Shape {
    /// The shape called `name` on the command line.
    pub fn parse(name: &str) -> Option<Shape> {
        match name {
            "realistic" => Some(Shape::Realistic),
            "line" => Some(Shape::Line),
            "two-roles" => Some(Shape::TwoRoles),
            "fanout" => Some(Shape::Fanout),
            _ => None,
        }
    }
}

/// Writes the team file of `people` people of `shape` to `out`.
pub fn write(shape: Shape, people: usize, seed: u64, out: &mut impl Write) -> io::Result<()> {
    match shape {
        Shape::Realistic => Realistic::new(people, seed).write(out),
        Shape::Line => line(people, out),
        Shape::TwoRoles => two_roles(people, out),
        Shape::Fanout => fanout(people, seed, out),
    }
}

/// The team file of `people` people of `shape`, as text.
#[allow(dead_code)] // used by the tests, not by gen_org
pub fn generate(shape: Shape, people: usize, seed: u64) -> String {
    let mut out = Vec::new();
    let _ = write(shape, people, seed, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// splitmix64: small, fast and the same everywhere, so a size and a seed
/// always give the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ana", "Lee", "Suvi", "Chidi", "Wren", "Imogen", "Rory", "Mei-Lin", "Astrid", "Tomás", "Zoë",
    "Kwame", "Priya", "Olek", "Noor", "Farida", "Jonas", "Ines", "Hiro", "Amara", "Bram", "Lucía",
    "Dmitri", "Aiyana", "Esme", "Kofi", "Saoirse", "Yusuf", "Maren", "Tariq",
];
const LAST: &[&str] = &[
    "Ruiz",
    "Chen",
    "Haapala",
    "Okonkwo",
    "Castellano",
    "Sallow",
    "Fitzgerald",
    "Zhao",
    "Halvorsen",
    "Ode",
    "Brandt",
    "Mensah",
    "Iyer",
    "Nowak",
    "Haddad",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Adeyemi",
    "Kowalski",
    "Silva",
    "Novak",
    "Byrne",
    "Osei",
    "Varga",
    "Quinn",
];
const JOBS: &[&str] = &[
    "intake",
    "planner",
    "drafter",
    "reviewer",
    "builder",
    "tester",
    "editor",
    "buyer",
    "clerk",
    "analyst",
    "packer",
    "courier",
    "advisor",
    "scheduler",
    "auditor",
    "designer",
    "assembler",
    "inspector",
    "writer",
    "producer",
];
const TEAMS: &[&str] = &[
    "front-office",
    "operations",
    "production",
    "quality",
    "logistics",
    "finance",
    "support",
    "research",
];
const WHAT: &[&str] = &[
    "materials",
    "information",
    "instruction",
    "participation",
    "assistance",
    "product",
    "service",
];
const NOTES: &[&str] = &[
    "weekly batch",
    "signed-off drafts",
    "corrections sent back for rework",
    "the monthly figures",
    "parts checked against the order",
    "answers to open questions",
];

/// The realistic organisation, planned before it is written.
struct Realistic {
    rng: Rng,
    people: usize,
    /// For each role: its layer (0 farthest from the customers).
    layers: Vec<usize>,
    /// For each role: how many people hold it (0: vacant).
    sizes: Vec<usize>,
    /// External customers: (id, pays).
    externals: Vec<(String, bool)>,
}

const LAYERS: usize = 8;

impl Realistic {
    fn new(people: usize, seed: u64) -> Self {
        let mut rng = Rng(seed ^ (people as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
        let roles = (people / 15).max(1);
        let layers = (0..roles).map(|r| r * LAYERS / roles).collect();
        let sizes = role_sizes(&mut rng, people, roles);
        let paying = (people / 25_000).clamp(2, 12);
        let mut externals = Vec::new();
        for e in 0..paying * 2 {
            externals.push((format!("customer-{e}"), e % 2 == 0));
        }
        Realistic {
            rng,
            people,
            layers,
            sizes,
            externals,
        }
    }

    fn role_id(r: usize) -> String {
        format!("{}-{r}", JOBS[r % JOBS.len()])
    }

    fn person_id(&self, p: usize) -> String {
        let first = FIRST[p % FIRST.len()].to_lowercase();
        let last = LAST[(p / FIRST.len()) % LAST.len()].to_lowercase();
        format!("{first}-{last}-{p}")
    }

    fn write(mut self, out: &mut impl Write) -> io::Result<()> {
        writeln!(
            out,
            "# A synthetic organisation of {} people, generated by gen_org.\n\n[org]\nname = \"Synthetic Org ({} people)\"\n",
            self.people, self.people
        )?;
        for (id, pays) in &self.externals {
            writeln!(
                out,
                "[external.{id}]\nname = \"Customer {}\"\npays = {pays}\n",
                id.trim_start_matches("customer-")
            )?;
        }
        for r in 0..self.layers.len() {
            let block = self.role(r);
            out.write_all(block.as_bytes())?;
        }
        // Holders are handed out role by role, so people of one role are
        // neighbours in the file, as they would be in a hand-kept one.
        let mut holder_of = Vec::with_capacity(self.people);
        for (r, &size) in self.sizes.iter().enumerate() {
            holder_of.extend(std::iter::repeat_n(r, size));
        }
        let mut first_holder = vec![None; self.sizes.len()];
        for (p, &r) in holder_of.iter().enumerate().rev() {
            first_holder[r] = Some(p);
        }
        for p in 0..self.people {
            let role = holder_of.get(p).copied().unwrap_or(0);
            let block = self.person(p, role, &first_holder);
            out.write_all(block.as_bytes())?;
        }
        Ok(())
    }

    fn role(&mut self, r: usize) -> String {
        let mut s = String::new();
        let id = Self::role_id(r);
        let _ = writeln!(s, "[roles.{id}]");
        let _ = writeln!(s, "title = \"{} {}\"", capitalise(JOBS[r % JOBS.len()]), r);
        let mut targets = Vec::new();
        let layer = self.layers[r];
        // One role in twenty is a dead end: it hands nothing on.
        if !self.rng.chance(5) {
            let forward = 1 + self.rng.below(3);
            for _ in 0..forward {
                if layer + 1 >= LAYERS || self.rng.chance(8) {
                    let e = self.rng.below(self.externals.len());
                    targets.push(self.externals[e].0.clone());
                } else {
                    targets.push(Self::role_id(self.role_in_layer(layer + 1)));
                }
            }
            // Rework: one role in ten sends work back a layer.
            if layer > 0 && self.rng.chance(10) {
                targets.push(Self::role_id(self.role_in_layer(layer - 1)));
            }
        }
        targets.sort();
        targets.dedup();
        let items: Vec<String> = targets.iter().map(|t| self.handoff(t)).collect();
        let _ = writeln!(s, "hands_to = [{}]\n", items.join(", "));
        s
    }

    /// A role of `layer`, bigger roles more often.
    fn role_in_layer(&mut self, layer: usize) -> usize {
        let roles = self.layers.len();
        let start = (layer * roles).div_ceil(LAYERS);
        let end = ((layer + 1) * roles).div_ceil(LAYERS).max(start + 1);
        let span = end - start;
        // The square skews picks towards the start of the layer.
        let x = self.rng.below(span);
        (start + x * x / span).min(roles - 1)
    }

    fn handoff(&mut self, to: &str) -> String {
        match self.rng.below(3) {
            0 => format!("\"{to}\""),
            1 => format!("{{ to = \"{to}\", what = \"{}\" }}", self.rng.pick(WHAT)),
            _ => format!(
                "{{ to = \"{to}\", what = \"{}\", note = \"{}\" }}",
                self.rng.pick(WHAT),
                self.rng.pick(NOTES)
            ),
        }
    }

    fn person(&mut self, p: usize, role: usize, first_holder: &[Option<usize>]) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "[people.{}]", toml_key(&self.person_id(p)));
        let first = FIRST[p % FIRST.len()];
        let last = LAST[(p / FIRST.len()) % LAST.len()];
        let _ = writeln!(s, "name = \"{first} {last}\"");
        let mut roles = vec![Self::role_id(role)];
        if self.rng.chance(5) {
            let other = self.rng.below(self.layers.len());
            if other != role && self.sizes[other] > 0 {
                roles.push(Self::role_id(other));
            }
        }
        let quoted: Vec<String> = roles.iter().map(|r| format!("\"{r}\"")).collect();
        let _ = writeln!(s, "roles = [{}]", quoted.join(", "));
        let team = TEAMS[self.layers[role] % TEAMS.len()];
        let _ = writeln!(s, "team = \"{team}\"");
        // One in ten reports work to a manager: the first holder of a role
        // a layer nearer the customers.
        if self.rng.chance(10) {
            let layer = (self.layers[role] + 1).min(LAYERS - 1);
            let boss_role = self.role_in_layer(layer);
            if let Some(m) = first_holder[boss_role].filter(|&m| m != p) {
                let to = self.person_id(m);
                let h = format!(
                    "{{ to = \"{to}\", what = \"information\", note = \"status reports\" }}"
                );
                let _ = writeln!(s, "hands_to = [{h}]");
            }
        }
        s.push('\n');
        s
    }
}

/// Skewed role sizes adding up to `people`: a few roles get thousands of
/// holders (Zipf-like), one role in thirty is vacant, and every other role
/// has at least one holder.
fn role_sizes(rng: &mut Rng, people: usize, roles: usize) -> Vec<usize> {
    let weights: Vec<f64> = (0..roles)
        .map(|r| {
            if r > 0 && rng.chance(3) {
                0.0
            } else {
                1.0 / ((rng.below(roles) + 1) as f64).powf(1.1) + 0.02
            }
        })
        .collect();
    let total: f64 = weights.iter().sum();
    let mut sizes: Vec<usize> = weights
        .iter()
        .map(|w| {
            if *w == 0.0 {
                0
            } else {
                ((w / total) * people as f64).floor().max(1.0) as usize
            }
        })
        .collect();
    // Make the sizes add up exactly, trimming or growing the biggest role.
    let sum: usize = sizes.iter().sum();
    let biggest = (0..roles).max_by_key(|&r| sizes[r]).unwrap_or(0);
    if sum > people {
        sizes[biggest] = sizes[biggest].saturating_sub(sum - people).max(1);
    } else {
        sizes[biggest] += people - sum;
    }
    // A role of one holder may have been left with more people than remain.
    let mut over: usize = sizes.iter().sum::<usize>().saturating_sub(people);
    for size in sizes.iter_mut().rev() {
        if over == 0 {
            break;
        }
        if *size > 1 {
            let cut = (*size - 1).min(over);
            *size -= cut;
            over -= cut;
        }
    }
    sizes
}

/// `id` as a table key: bare when TOML allows, quoted otherwise (`zoë-…`).
fn toml_key(id: &str) -> String {
    if id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        id.to_string()
    } else {
        format!("\"{id}\"")
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn paying(out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "[external.buyers]\nname = \"Buyers\"\npays = true\n")
}

/// A line: person i hands to person i + 1, the last to the buyers.
fn line(people: usize, out: &mut impl Write) -> io::Result<()> {
    paying(out)?;
    for p in 0..people {
        let to = if p + 1 == people {
            "buyers".to_string()
        } else {
            format!("p{}", p + 1)
        };
        writeln!(
            out,
            "[people.p{p}]\nname = \"Person {p}\"\nhands_to = [\"{to}\"]\n"
        )?;
    }
    Ok(())
}

/// Two big roles handing to each other; the second also to the buyers.
fn two_roles(people: usize, out: &mut impl Write) -> io::Result<()> {
    paying(out)?;
    writeln!(out, "[roles.makers]\nhands_to = [\"checkers\"]\n")?;
    writeln!(
        out,
        "[roles.checkers]\nhands_to = [\"makers\", \"buyers\"]\n"
    )?;
    for p in 0..people {
        let role = if p % 2 == 0 { "makers" } else { "checkers" };
        writeln!(out, "[people.p{p}]\nroles = [\"{role}\"]\n")?;
    }
    Ok(())
}

/// Everyone hands to 20 others; one in a hundred also to the buyers.
fn fanout(people: usize, seed: u64, out: &mut impl Write) -> io::Result<()> {
    let mut rng = Rng(seed);
    paying(out)?;
    for p in 0..people {
        let mut targets: Vec<String> = (0..20)
            .map(|_| format!("\"p{}\"", rng.below(people)))
            .collect();
        if p % 100 == 0 {
            targets.push("\"buyers\"".into());
        }
        writeln!(out, "[people.p{p}]\nhands_to = [{}]\n", targets.join(", "))?;
    }
    Ok(())
}
