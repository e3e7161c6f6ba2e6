//! Walking the customer graph: each party's distance and chain to the paying
//! customers, everyone a party serves or is served by, who the others rely
//! on, and where work stops at a vacancy.
//!
//! Every walk is iterative and linear in the size of the graph.

mod chain;
#[cfg(test)]
pub(crate) mod fixture;
mod reach;
mod relied;
mod search;
mod stopped;
mod to_paying;

pub use chain::{CHAIN_LIMIT, Chain, Step};
pub use reach::{Reach, Way};
pub use search::Search;
pub use stopped::{SHOWN as STOPS_SHOWN, Stops};
pub use to_paying::ToPaying;
