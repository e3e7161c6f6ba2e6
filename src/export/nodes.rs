//! Where each party is drawn in a view: the nodes of each `--collapse`
//! mode, the nodes a party's work leaves from and arrives at, and what each
//! node says about itself.

use super::{Cluster, Collapse, GroupBy, Node, NodeKind};
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
            Collapse::None => people.chain(roles.filter(vacant)).collect(),
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
    /// their team (teams mode), or themselves.
    fn person_home(&self, home: Home) -> Home {
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

    /// The nodes `party` takes part in, for deciding what a focus draws:
    /// in roles mode a person takes part in every role they hold.
    pub fn homes(&self, party: Party, out: &mut Vec<Home>) {
        out.clear();
        match party {
            Party::Person(p) if self.collapse == Collapse::Roles => {
                let roles = self
                    .org
                    .person(p)
                    .map(|x| x.roles.as_slice())
                    .unwrap_or(&[]);
                out.extend(roles.iter().map(|r| Home::Role(r.role)));
                if out.is_empty() {
                    out.push(Home::Person(p));
                }
            }
            _ => self.image(party, out),
        }
    }

    /// The nodes `party`'s work leaves from, which are also the nodes work
    /// handed to it arrives at: an occupied role stands for its holders
    /// (or their teams) unless roles are drawn themselves.
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
                if holders.is_empty() || self.collapse == Collapse::Roles {
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

    /// The box a node is drawn in: only people are boxed, by team or by
    /// their first role (a person is drawn once, and boxes cannot overlap).
    pub fn cluster(&self, home: Home, by: GroupBy) -> Option<Cluster<'a>> {
        let Home::Person(p) = home else { return None };
        let person = self.org.person(p)?;
        match by {
            GroupBy::Team => {
                let team = person.team.as_deref()?;
                Some(Cluster {
                    by,
                    key: team,
                    label: team,
                })
            }
            GroupBy::Role => {
                let role = Party::Role(person.roles.first()?.role);
                Some(Cluster {
                    by,
                    key: self.org.id(role),
                    label: self.org.name(role),
                })
            }
            GroupBy::None => None,
        }
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
