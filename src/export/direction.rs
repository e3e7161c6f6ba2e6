//! Which way a picture runs: left to right or top to bottom, whichever lets
//! it be drawn larger on a 16:9 screen.
//!
//! Graphviz puts each node on a rank (the givers first, the paying customers
//! last). Left to right, the picture is as wide as its chain is long and as
//! tall as its widest rank; top to bottom, the other way round. Both sizes
//! are estimated from the ranks (the longest path over the edges as
//! Graphviz reads them) and from the length of the labels; the direction
//! whose estimate fits 1920 x 1080 pixels at the larger scale wins, and
//! left to right when both fit whole.

use super::{Node, Picture, Rankdir};

/// The screen, in points (1920 x 1080 pixels at 96 pixels an inch).
const SCREEN: (f64, f64) = (1440.0, 810.0);

/// Points of an average character: names are 14 pt bold, details 12 pt.
const NAME_CHAR: f64 = 8.2;
const DETAIL_CHAR: f64 = 6.6;
/// Height of a line of a name or a card's row, and of a detail line.
const NAME_LINE: f64 = 26.0;
const DETAIL_LINE: f64 = 16.0;
/// Space around a node's text, and between ranks and nodes (the DOT's
/// `ranksep` and `nodesep`, in points).
const PAD: (f64, f64) = (24.0, 16.0);
const RANKSEP: f64 = 32.0;
const NODESEP: f64 = 25.0;
/// Height of the title and key above the picture.
const HEADER: f64 = 80.0;
/// How much more room Graphviz takes than the nodes and labels alone
/// (boxes, arrows routed around nodes), across the ranks and along them:
/// measured on the examples and on random organisations.
const ACROSS_LR: f64 = 1.1;
const ACROSS_TB: f64 = 1.35;
const ALONG_TB: f64 = 1.2;
/// How much larger top to bottom must show a picture to be chosen: left to
/// right reads as a chain does, and the estimates are rough.
const PREFER_LR: f64 = 1.1;

/// The direction that shows `picture` largest on a 16:9 screen.
pub fn choose(picture: &Picture<'_>) -> Rankdir {
    let ranks = ranks(picture);
    let lr = scale(estimate(picture, &ranks, Rankdir::LeftRight));
    let tb = scale(estimate(picture, &ranks, Rankdir::TopBottom));
    if tb > lr * PREFER_LR {
        Rankdir::TopBottom
    } else {
        Rankdir::LeftRight
    }
}

/// How much a picture of `size` points is shrunk to fit the screen (1: not at all).
fn scale((w, h): (f64, f64)) -> f64 {
    (SCREEN.0 / w).min(SCREEN.1 / h).min(1.0)
}

/// The nodes Graphviz draws: a person in a card is part of the card.
fn drawn<'p>(picture: &'p Picture<'_>) -> impl Iterator<Item = (usize, &'p Node<'p>)> {
    picture
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.card.is_none())
}

/// The node Graphviz draws for node `i`: its card, if it is in one.
fn graphviz_node(picture: &Picture<'_>, i: usize) -> usize {
    picture.nodes.get(i).and_then(|n| n.card).unwrap_or(i)
}

/// Each node's rank: the longest path to it over the edges as Graphviz
/// reads them (work handed back up the line turned round), paying
/// customers on the last rank; a loop is broken where it is met.
fn ranks(picture: &Picture<'_>) -> Vec<usize> {
    let n = picture.nodes.len();
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut before = vec![0usize; n];
    for e in &picture.edges {
        let (a, b) = (graphviz_node(picture, e.from), graphviz_node(picture, e.to));
        let (a, b) = if e.backward { (b, a) } else { (a, b) };
        if let (true, Some(list), Some(count)) = (a != b, after.get_mut(a), before.get_mut(b)) {
            list.push(b);
            *count += 1;
        }
    }
    let mut rank = vec![0usize; n];
    let mut done = vec![false; n];
    let sources: Vec<usize> = (0..n).filter(|&i| before.get(i) == Some(&0)).collect();
    let mut ready = sources.clone();
    let mut unplaced = 0..n;
    // When every node left is on a loop, go on from the first one.
    while let Some(i) = ready
        .pop()
        .or_else(|| unplaced.find(|&i| done.get(i) == Some(&false)))
    {
        match done.get_mut(i) {
            Some(d) if !*d => *d = true,
            _ => continue,
        }
        let here = rank.get(i).copied().unwrap_or(0);
        for &j in after.get(i).map_or(&[][..], Vec::as_slice) {
            if let (Some(r), Some(b)) = (rank.get_mut(j), before.get_mut(j)) {
                *r = (*r).max(here + 1);
                *b = b.saturating_sub(1);
                if *b == 0 && done.get(j) == Some(&false) {
                    ready.push(j);
                }
            }
        }
    }
    // Graphviz keeps arrows short: a node nobody hands work to sits just
    // before the first node it hands work to, not on the first rank.
    for i in sources {
        let next = after.get(i).into_iter().flatten();
        if let Some(first) = next.filter_map(|&j| rank.get(j).copied()).min() {
            if let Some(r) = rank.get_mut(i) {
                *r = first.saturating_sub(1);
            }
        }
    }
    let last = rank.iter().copied().max().unwrap_or(0);
    for (r, node) in rank.iter_mut().zip(&picture.nodes) {
        if node.pays {
            *r = last;
        }
    }
    rank
}

/// A node's width and height in points.
fn size(picture: &Picture<'_>, node: &Node<'_>) -> (f64, f64) {
    let chars = |s: &str| s.chars().count() as f64;
    let mut width = chars(node.name) * NAME_CHAR;
    let mut height = NAME_LINE;
    let rows = node.rows.iter().chain(&node.also);
    let mut listed = false;
    for name in rows.filter_map(|&i| picture.nodes.get(i)).map(|p| p.name) {
        width = width.max(chars(name) * NAME_CHAR);
        height += NAME_LINE;
        listed = true;
    }
    if let (false, Some(detail)) = (listed, &node.detail) {
        width = width.max(chars(detail) * DETAIL_CHAR);
        height += DETAIL_LINE;
    }
    if node.mark.any() {
        height += DETAIL_LINE;
    }
    let ellipse = if node.kind == super::NodeKind::External {
        1.3
    } else {
        1.0
    };
    (width * ellipse + PAD.0, height + PAD.1)
}

/// The estimated size of the picture drawn in `dir`, in points.
fn estimate(picture: &Picture<'_>, rank: &[usize], dir: Rankdir) -> (f64, f64) {
    let count = rank.iter().copied().max().map_or(0, |r| r + 1);
    // Per rank: the largest extent along the chain, the sum across it.
    let mut along = vec![0.0f64; count];
    let mut across = vec![0.0f64; count];
    for (i, node) in drawn(picture) {
        let (w, h) = size(picture, node);
        let (a, c) = match dir {
            Rankdir::LeftRight => (w, h),
            Rankdir::TopBottom => (h, w),
        };
        let r = rank.get(i).copied().unwrap_or(0);
        if let (Some(x), Some(y)) = (along.get_mut(r), across.get_mut(r)) {
            *x = x.max(a);
            *y += c + NODESEP;
        }
    }
    // An edge's label sits in the gap after its first rank: its width adds
    // to the gap left to right, and to the breadth of the gap top to
    // bottom. An edge across several ranks takes room in each rank between.
    let label = |e: &super::Edge<'_>| {
        let words: usize = e.what.iter().map(|w| w.as_str().len() + 2).sum();
        words as f64 * DETAIL_CHAR
    };
    let mut widest = vec![0.0f64; count];
    let mut between = vec![0.0f64; count];
    for e in &picture.edges {
        let at = |i: usize| rank.get(graphviz_node(picture, i)).copied().unwrap_or(0);
        let (lo, hi) = (at(e.from).min(at(e.to)), at(e.from).max(at(e.to)));
        let (along_label, across_label) = match dir {
            Rankdir::LeftRight => (label(e), DETAIL_LINE),
            Rankdir::TopBottom => (DETAIL_LINE, label(e)),
        };
        if let (Some(w), Some(b)) = (widest.get_mut(lo), between.get_mut(lo)) {
            *w = w.max(along_label);
            *b += across_label + NODESEP;
        }
        for r in across.iter_mut().take(hi).skip(lo + 1) {
            *r += NODESEP;
        }
    }
    let gaps = count.saturating_sub(1) as f64;
    let breadth = between.iter().chain(&across).copied().fold(0.0, f64::max);
    let length = along.iter().sum::<f64>() + gaps * RANKSEP + widest.iter().sum::<f64>();
    match dir {
        Rankdir::LeftRight => (length, breadth * ACROSS_LR + HEADER),
        Rankdir::TopBottom => (breadth * ACROSS_TB, length * ALONG_TB + HEADER),
    }
}
