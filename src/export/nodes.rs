//! Where each party is drawn in a view: the nodes of each `--collapse`
//! mode, the nodes a party's work leaves from and arrives at, and what each
//! node says about itself.
//!
//! By default every role is a node (a card listing its people), so a
//! role's handoff leaves from one place; a person is a node too, drawn as a
//! row of their first role's card when they hold one.

use super::{Cluster, Collapse, GroupBy, Mark, Node, NodeKind};
use crate::model::{Org, Party};

/// What a node of the picture stands for. The derived order (kind, then
/// index, and indices follow ids) is the order nodes are drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Home {
    /// Index into [`Layout::teams`].
    Team(usize),
    /// Index into `org.people`.
    Person(usize),
    /// Index into `org.roles`.
    Role(usize),
    /// Index into `org.externals`.
    External(usize),
}

/// The nodes of one `--collapse` mode and how parties map onto them.
pub(super) struct Layout<'a> {
    org: &'a Org,
    collapse: Collapse,
    /// Team names, sorted, without repeats.
    teams: Vec<&'a str>,
    /// How many people each team has.
    team_sizes: Vec<usize>,
    /// Each person's index into `teams`.
    person_team: Vec<Option<usize>>,
}

impl<'a> Layout<'a> {
    /// The layout of `org` in `collapse` mode.
    pub fn new(org: &'a Org, collapse: Collapse) -> Self {
        let mut teams: Vec<&str> = org
            .people
            .iter()
            .filter_map(|p| p.team.as_deref())
            .collect();
        teams.sort_unstable();
        teams.dedup();
        let person_team: Vec<Option<usize>> = org
            .people
            .iter()
            .map(|p| {
                let team = p.team.as_deref()?;
                teams.binary_search(&team).ok()
            })
            .collect();
        let mut team_sizes = vec![0; teams.len()];
        for t in person_team.iter().flatten() {
            if let Some(n) = team_sizes.get_mut(*t) {
                *n += 1;
            }
        }
        Layout {
            org,
            collapse,
            teams,
            team_sizes,
            person_team,
        }
    }

    /// The organisation drawn.
    pub fn org(&self) -> &'a Org {
        self.org
    }

    /// How many teams there are.
    pub fn team_count(&self) -> usize {
        self.teams.len()
    }

    /// The index of person `p`'s team.
    pub fn team_of(&self, p: usize) -> Option<usize> {
        self.person_team.get(p).copied().flatten()
    }

    /// How many homes there are of every kind together (the range of [`Layout::slot`]).
    pub fn slots(&self) -> usize {
        self.teams.len() + self.org.people.len() + self.org.roles.len() + self.org.externals.len()
    }

    /// A dense index for `home`, in drawing order.
    pub fn slot(&self, home: Home) -> usize {
        let (t, p, r) = (
            self.teams.len(),
            self.org.people.len(),
            self.org.roles.len(),
        );
        match home {
            Home::Team(i) => i,
            Home::Person(i) => t + i,
            Home::Role(i) => t + p + i,
            Home::External(i) => t + p + r + i,
        }
    }

    /// Every node the view can draw, in drawing order.
    pub fn candidates(&self) -> Vec<Home> {
        let org = self.org;
        let teams = (0..self.teams.len()).map(Home::Team);
        let people = (0..org.people.len()).map(Home::Person);
        let roles = (0..org.roles.len()).map(Home::Role);
        let externals = (0..org.externals.len()).map(Home::External);
        let vacant =
            |h: &Home| matches!(*h, Home::Role(r) if org.role(r).is_some_and(|x| x.is_vacant()));
        let all: Vec<Home> = match self.collapse {
            Collapse::None => people.chain(roles).collect(),
            Collapse::Roles => people
                .filter(|h| self.person_home(*h) == *h)
                .chain(roles)
                .collect(),
            Collapse::Teams => teams
                .chain(people.filter(|h| self.person_home(*h) == *h))
                .chain(roles.filter(vacant))
                .collect(),
        };
        all.into_iter().chain(externals).collect()
    }

    /// Where a person's own work is drawn: their first role (roles mode),
    /// their team (teams mode), or themselves (by default, as a row of
    /// their first role's card: see [`Layout::card`]).
    pub fn person_home(&self, home: Home) -> Home {
        let Home::Person(p) = home else { return home };
        let first_role = || {
            let person = self.org.person(p)?;
            person.roles.first().map(|r| Home::Role(r.role))
        };
        let team = || self.team_of(p).map(Home::Team);
        match self.collapse {
            Collapse::None => None,
            Collapse::Roles => first_role(),
            Collapse::Teams => team(),
        }
        .unwrap_or(home)
    }

    /// The roles person `p` holds, in file order.
    pub fn roles_of(&self, p: usize) -> impl Iterator<Item = usize> + '_ {
        let roles = self.org.person(p).map_or(&[][..], |x| x.roles.as_slice());
        roles.iter().map(|r| r.role)
    }

    /// The card person `p` is drawn in: their first role's, in the default
    /// view; `None` in the collapsed views or when they hold no role.
    pub fn card(&self, p: usize) -> Option<usize> {
        if self.collapse != Collapse::None {
            return None;
        }
        self.roles_of(p).next()
    }

    /// The nodes `party` takes part in, for deciding what a focus draws: a
    /// person takes part in every role they hold (by default, as a row of
    /// each role's card; in roles mode, as the role).
    pub fn homes(&self, party: Party, out: &mut Vec<Home>) {
        out.clear();
        match party {
            Party::Person(p) if self.collapse == Collapse::None => {
                out.push(Home::Person(p));
                out.extend(self.roles_of(p).map(Home::Role));
            }
            Party::Person(p) if self.collapse == Collapse::Roles => {
                out.extend(self.roles_of(p).map(Home::Role));
                if out.is_empty() {
                    out.push(Home::Person(p));
                }
            }
            _ => self.image(party, out),
        }
    }

    /// The nodes `party`'s work leaves from, which are also the nodes work
    /// handed to it arrives at: a role is its own node, except that with
    /// `--collapse teams` an occupied role stands for its holders' teams.
    pub fn image(&self, party: Party, out: &mut Vec<Home>) {
        out.clear();
        match party {
            Party::Person(p) => out.push(self.person_home(Home::Person(p))),
            Party::External(e) => out.push(Home::External(e)),
            Party::Role(r) => {
                let holders = self
                    .org
                    .role(r)
                    .map(|x| x.holders.as_slice())
                    .unwrap_or(&[]);
                if holders.is_empty() || self.collapse != Collapse::Teams {
                    out.push(Home::Role(r));
                } else {
                    out.extend(holders.iter().map(|&h| self.person_home(Home::Person(h))));
                    // Holders come sorted, their teams do not.
                    out.sort_unstable();
                    out.dedup();
                }
            }
        }
    }

    /// The node drawn for `home`, without its cluster.
    pub fn node(&self, home: Home) -> Node<'a> {
        let org = self.org;
        let base = |kind, key, name| Node {
            kind,
            key,
            name,
            detail: None,
            roles: Vec::new(),
            team: None,
            people: None,
            pays: false,
            vacant: false,
            focus: false,
            cluster: None,
            distance: None,
            card: None,
            rows: Vec::new(),
            also: Vec::new(),
            mark: Mark::default(),
        };
        match home {
            Home::Team(t) => {
                let name = self.teams.get(t).copied().unwrap_or("");
                let size = self.team_sizes.get(t).copied().unwrap_or(0);
                Node {
                    detail: Some(head_count(size)),
                    people: Some(size),
                    ..base(NodeKind::Team, name, name)
                }
            }
            Home::Person(p) => {
                let party = Party::Person(p);
                let person = org.person(p);
                let roles: Vec<usize> = person
                    .map(|x| x.roles.iter().map(|r| r.role).collect())
                    .unwrap_or_default();
                let titles: Vec<&str> = roles.iter().map(|&r| org.name(Party::Role(r))).collect();
                Node {
                    detail: (!titles.is_empty()).then(|| titles.join(", ")),
                    roles: roles.iter().map(|&r| org.id(Party::Role(r))).collect(),
                    team: person.and_then(|x| x.team.as_deref()),
                    ..base(NodeKind::Person, org.id(party), org.name(party))
                }
            }
            Home::Role(r) => {
                let party = Party::Role(r);
                let size = org.role(r).map_or(0, |x| x.holders.len());
                let detail = if size == 0 {
                    "vacant role".to_string()
                } else {
                    head_count(size)
                };
                Node {
                    detail: Some(detail),
                    people: Some(size),
                    vacant: size == 0,
                    ..base(NodeKind::Role, org.id(party), org.name(party))
                }
            }
            Home::External(e) => {
                let party = Party::External(e);
                let pays = org.pays(party);
                let detail = if pays {
                    "paying customer"
                } else {
                    "external customer"
                };
                Node {
                    detail: Some(detail.to_string()),
                    pays,
                    ..base(NodeKind::External, org.id(party), org.name(party))
                }
            }
        }
    }

    /// The team box a node is drawn in, with `--group-by team`: a person's
    /// team (unless they are drawn in a card), or the team every holder
    /// of a role belongs to.
    pub fn cluster(&self, home: Home, by: GroupBy) -> Option<Cluster<'a>> {
        if by != GroupBy::Team {
            return None;
        }
        let team = match home {
            Home::Person(p) if self.card(p).is_none() => self.org.person(p)?.team.as_deref()?,
            Home::Role(r) => self.common_team(r)?,
            _ => return None,
        };
        Some(Cluster { team })
    }

    /// The team all the holders of role `r` belong to, if they share one.
    fn common_team(&self, r: usize) -> Option<&'a str> {
        let org = self.org;
        let mut teams = org.role(r)?.holders.iter().map(|&h| {
            let person = org.person(h)?;
            person.team.as_deref()
        });
        let first = teams.next()??;
        teams.all(|t| t == Some(first)).then_some(first)
    }
}

/// "1 person", "12 people".
fn head_count(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{n} people")
    }
}
