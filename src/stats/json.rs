//! `chain stats` as JSON, for scripts: exact data, fields in a fixed order.

use std::io::{self, Write};

use serde::Serialize;

use super::{Counts, Stats};
use crate::model::Party;

#[derive(Serialize)]
struct Doc<'a> {
    org: Option<&'a str>,
    counts: Counts,
    distance: DistanceJson,
    longest_chain: Option<LongestJson<'a>>,
    relied_on: Vec<ReliedOnJson<'a>>,
    sole_holders: Vec<SoleHolderJson<'a>>,
    vacant_roles: Vec<&'a str>,
}

/// People per distance (only distances somebody is at) and those with no route.
#[derive(Serialize)]
struct DistanceJson {
    histogram: Vec<BucketJson>,
    no_route: usize,
}

#[derive(Serialize)]
struct BucketJson {
    distance: u32,
    people: usize,
}

#[derive(Serialize)]
struct LongestJson<'a> {
    id: &'a str,
    distance: usize,
    chain: Vec<&'a str>,
}

#[derive(Serialize)]
struct ReliedOnJson<'a> {
    id: &'a str,
    name: &'a str,
    through: f64,
}

#[derive(Serialize)]
struct SoleHolderJson<'a> {
    role: &'a str,
    holder: &'a str,
}

/// Writes the statistics as one JSON document and a newline.
pub fn write(stats: &Stats<'_>, out: &mut dyn Write) -> io::Result<()> {
    let org = stats.org;
    let doc = Doc {
        org: org.name.as_deref(),
        counts: stats.counts,
        distance: DistanceJson {
            histogram: stats
                .distances
                .iter()
                .map(|&(distance, people)| BucketJson { distance, people })
                .collect(),
            no_route: stats.no_route,
        },
        longest_chain: stats.longest.as_ref().map(|l| LongestJson {
            id: org.id(Party::Person(l.person)),
            distance: l.chain.len(),
            chain: l.chain.parties().map(|p| org.id(p)).collect(),
        }),
        relied_on: stats
            .relied_on
            .iter()
            .map(|&(p, through)| ReliedOnJson {
                id: org.id(Party::Person(p)),
                name: org.name(Party::Person(p)),
                through,
            })
            .collect(),
        sole_holders: stats
            .sole_holders
            .iter()
            .map(|&(r, p)| SoleHolderJson {
                role: org.id(Party::Role(r)),
                holder: org.id(Party::Person(p)),
            })
            .collect(),
        vacant_roles: stats
            .vacant
            .iter()
            .map(|&r| org.id(Party::Role(r)))
            .collect(),
    };
    crate::json::to_writer(&mut *out, &doc)?;
    writeln!(out)
}
