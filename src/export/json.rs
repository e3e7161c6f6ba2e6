//! The picture as JSON, for scripts: the nodes, the edges between them
//! (by node id), the boxes, and the view they were drawn with. Strings are
//! exact (JSON escapes them itself) and fields come in a fixed order.

use std::io::{self, Write};

use serde::Serialize;

use super::Picture;

#[derive(Serialize)]
struct Doc<'a> {
    org: Option<&'a str>,
    view: ViewJson<'a>,
    nodes: Vec<NodeJson<'a>>,
    edges: Vec<EdgeJson<'a>>,
    clusters: Vec<ClusterJson<'a>>,
}

#[derive(Serialize)]
struct ViewJson<'a> {
    collapse: &'static str,
    group_by: &'static str,
    focus: Option<&'a str>,
    upstream: bool,
    depth: Option<u32>,
    chain: bool,
    highlight: bool,
    rankdir: &'static str,
}

#[derive(Serialize)]
struct NodeJson<'a> {
    id: String,
    kind: &'static str,
    label: String,
    key: &'a str,
    name: &'a str,
    roles: &'a [&'a str],
    team: Option<&'a str>,
    people: Option<usize>,
    pays: bool,
    vacant: bool,
    focus: bool,
    cluster: Option<String>,
    distance: Option<u32>,
    card: Option<String>,
    marks: Vec<&'static str>,
}

#[derive(Serialize)]
struct EdgeJson<'a> {
    from: String,
    to: String,
    what: Vec<&'static str>,
    handoffs: usize,
    dormant: bool,
    notes: Vec<NoteJson<'a>>,
}

#[derive(Serialize)]
struct NoteJson<'a> {
    what: Option<&'static str>,
    note: &'a str,
}

#[derive(Serialize)]
struct ClusterJson<'a> {
    id: String,
    by: &'static str,
    label: &'a str,
}

/// Writes `picture` as one JSON document.
pub fn write(picture: &Picture<'_>, out: &mut dyn Write) -> io::Result<()> {
    let cluster_id = |c: usize| {
        let cluster = picture.clusters.get(c)?;
        Some(format!("team:{}", cluster.team))
    };
    let node_id = |i: usize| picture.nodes.get(i).map(|n| n.id()).unwrap_or_default();
    let nodes = picture
        .nodes
        .iter()
        .map(|n| NodeJson {
            id: n.id(),
            kind: n.kind.as_str(),
            label: n.label_lines().collect::<Vec<_>>().join("\n"),
            key: n.key,
            name: n.name,
            roles: &n.roles,
            team: n.team,
            people: n.people,
            pays: n.pays,
            vacant: n.vacant,
            focus: n.focus,
            cluster: n.cluster.and_then(cluster_id),
            distance: n.distance,
            card: n.card.map(node_id),
            marks: n.mark.names(),
        })
        .collect();
    let edges = picture
        .edges
        .iter()
        .map(|e| EdgeJson {
            from: node_id(e.from),
            to: node_id(e.to),
            what: e.what.iter().map(|w| w.as_str()).collect(),
            handoffs: e.handoffs,
            dormant: e.dormant,
            notes: e
                .notes
                .iter()
                .map(|n| NoteJson {
                    what: n.what.map(|w| w.as_str()),
                    note: n.text,
                })
                .collect(),
        })
        .collect();
    let clusters = (0..picture.clusters.len())
        .filter_map(|c| {
            let cluster = picture.clusters.get(c)?;
            Some(ClusterJson {
                id: cluster_id(c)?,
                by: "team",
                label: cluster.team,
            })
        })
        .collect();
    let doc = Doc {
        org: picture.title,
        view: view(picture),
        nodes,
        edges,
        clusters,
    };
    crate::json::to_writer(&mut *out, &doc)?;
    writeln!(out)
}

fn view<'a>(picture: &Picture<'a>) -> ViewJson<'a> {
    let v = &picture.view;
    ViewJson {
        collapse: v.collapse.as_str(),
        group_by: v.group_by.as_str(),
        focus: v.focus,
        upstream: v.upstream,
        depth: v.depth,
        chain: v.chains,
        highlight: v.highlight,
        rankdir: picture.rankdir.as_str(),
    }
}
