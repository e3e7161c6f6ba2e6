//! The words of a card, the same in every format: each section's title, the
//! line that says what it lists, and what it says when the list is empty.

use super::Card;
use crate::model::Party;

/// A section of a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    /// The title.
    pub title: &'static str,
    /// What the section lists.
    pub about: &'static str,
    /// What it says when there is nothing to list.
    pub none: &'static str,
}

impl Card<'_> {
    /// The customers section; `None` for an external customer, who hands
    /// nothing on.
    pub fn customers_section(&self) -> Option<Section> {
        let (about, none) = match self.party {
            Party::Person(_) => (
                "who they hand work to, themselves or as holders of a role",
                "nobody: they hand no work on",
            ),
            Party::Role(_) if self.org.is_vacant(self.party) => (
                "who the role would hand work to, if anyone held it",
                "nobody: the role hands no work on",
            ),
            Party::Role(_) => (
                "who every holder of the role hands work to",
                "nobody: the role hands no work on",
            ),
            Party::External(_) => return None,
        };
        Some(Section {
            title: "Customers",
            about,
            none,
        })
    }

    /// The suppliers section (for an external customer: what they receive).
    pub fn suppliers_section(&self) -> Section {
        match self.party {
            Party::Person(_) => Section {
                title: "Suppliers",
                about: "who hands them work, directly or in a role they hold",
                none: "nobody hands them work",
            },
            Party::Role(_) => Section {
                title: "Suppliers",
                about: "who hands the role work",
                none: "nobody hands the role work",
            },
            Party::External(_) => Section {
                title: "Receives",
                about: "what the customer receives, and from whom",
                none: "nothing: nobody hands this customer work",
            },
        }
    }
}

/// The route section of a person or a role.
pub const ROUTE: Section = Section {
    title: "Chain to a paying customer",
    about: "the fewest handoffs from their work to a customer who pays",
    none: "none",
};

/// The section of a person's dependents.
pub const RELIED_ON_BY: Section = Section {
    title: "Relied on by",
    about: "the people whose every chain to a paying customer passes through them",
    none: "nobody",
};

/// The section on who covers a person's roles.
pub const COVER: Section = Section {
    title: "Cover",
    about: "who else holds their roles",
    none: "they hold no role",
};

/// The section of an external customer's upstream.
pub const REACHED_BY: Section = Section {
    title: "Reached by",
    about: "everyone whose work reaches this customer, nearest first",
    none: "nobody's work reaches this customer",
};

/// The section of a vacant role: whose work stops there.
pub const VACANCY: Section = Section {
    title: "Vacancy",
    about: "nobody holds the role; the people whose work stops here, with no other way on",
    none: "nobody: everyone whose work reaches the role has another way to a paying customer",
};

/// "1 handoff", "3 handoffs".
pub fn handoffs(n: u64) -> String {
    format!("{n} {}", if n == 1 { "handoff" } else { "handoffs" })
}
