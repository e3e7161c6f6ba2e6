//! chain's own layout of a picture, for a page made where Graphviz is not
//! installed (or gave up): a column per number of handoffs to a paying
//! customer, the paying customers at the right, and at the left whatever
//! reaches none. In a column, nodes come by team box, then in the picture's
//! order (by kind and id). Simple and linear, and every node is where the
//! question "how far is this from a paying customer?" puts it.
//!
//! Sizes are estimated from the number of characters: there is no font to
//! measure with, so boxes are generous.

use crate::export::{Node, Picture};

/// The gap between two columns, where the arrows and their labels run.
const COLUMN_GAP: f64 = 120.0;
/// The gap between the parts of a column too tall to be one.
const PART_GAP: f64 = 40.0;
/// The gap between two boxes in a column, and the extra between teams.
const ROW_GAP: f64 = 16.0;
const TEAM_GAP: f64 = 20.0;
/// Room above the columns for their headings.
const TOP: f64 = 48.0;
/// The page's margin.
pub(super) const MARGIN: f64 = 24.0;
/// Line heights: a name (14 px) and a line of detail (12 px).
pub(super) const NAME_LINE: f64 = 20.0;
pub(super) const DETAIL_LINE: f64 = 16.0;
/// Inside a box: the space around the text.
pub(super) const PAD: f64 = 10.0;

/// A rectangle.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// The middle of its height.
    pub fn mid_y(self) -> f64 {
        self.y + self.h / 2.0
    }

    /// Its right edge.
    pub fn right(self) -> f64 {
        self.x + self.w
    }
}

/// A column and its heading.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Column {
    /// Where its boxes start, and how wide the widest is.
    pub x: f64,
    pub w: f64,
    /// Handoffs to a paying customer; `None` for those that reach none.
    pub distance: Option<u32>,
}

/// A person's row in a card.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Row {
    /// The card's node and the person's.
    pub card: usize,
    pub person: usize,
    /// Where the row is.
    pub rect: Rect,
    /// Whether the card is the person's own (their first role drawn),
    /// where their handoffs leave from; else the row says where that is.
    pub own: bool,
}

/// Where everything goes.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Layout {
    /// For each node of the picture: its box, or its row in its own card.
    pub rects: Vec<Rect>,
    /// Every row of every card, card by card.
    pub rows: Vec<Row>,
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// The size of the whole drawing.
    pub width: f64,
    pub height: f64,
}

/// The width of `text` at `px` pixels: an estimate, on the generous side.
pub(super) fn text_width(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * px * 0.62
}

impl Layout {
    /// Lays `picture` out.
    pub fn new(picture: &Picture<'_>) -> Self {
        let nodes = &picture.nodes;
        let mut rects = vec![Rect::default(); nodes.len()];
        for (i, node) in nodes.iter().enumerate() {
            if node.card.is_none() {
                if let Some(r) = rects.get_mut(i) {
                    *r = size(picture, node);
                }
            }
        }
        let columns = columns(picture);
        let boxes: usize = columns.iter().map(|(_, m)| m.len()).sum();
        let tallest = tallest_column(boxes);
        let mut placed = Vec::with_capacity(columns.len());
        let mut x = MARGIN;
        for (distance, members) in &columns {
            let start = x;
            // A column of more boxes than the tallest allowed is set in
            // several side by side, under one heading.
            for part in members.chunks(tallest) {
                let w = part
                    .iter()
                    .filter_map(|&i| rects.get(i))
                    .fold(0.0_f64, |w, r| w.max(r.w));
                stack(picture, part, x, &mut rects);
                x += w + PART_GAP;
            }
            x -= PART_GAP;
            placed.push(Column {
                x: start,
                w: x - start,
                distance: *distance,
            });
            x += COLUMN_GAP;
        }
        let height = centre(&columns, &mut rects);
        let mut rows = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            if node.is_card() {
                place_rows(picture, i, &mut rects, &mut rows);
            }
        }
        Layout {
            rects,
            rows,
            columns: placed,
            // Room for the margins at least, when nothing is drawn.
            width: (x - COLUMN_GAP).max(MARGIN) + MARGIN,
            height: height + MARGIN,
        }
    }
}

/// The most boxes stacked in one column of a drawing of `boxes` boxes:
/// about one and a half times the square root, so that a large drawing is
/// roughly as wide as it is tall rather than one long column.
fn tallest_column(boxes: usize) -> usize {
    let root = (boxes as f64).sqrt();
    ((root * 1.5).ceil() as usize).max(6)
}

/// The size of a node's box: its name over its lines of detail, or for a
/// card its title over a row per person.
fn size(picture: &Picture<'_>, node: &Node<'_>) -> Rect {
    let details = node.details();
    let mut w = text_width(node.name, 14.0);
    let mut h = NAME_LINE + DETAIL_LINE * details.len() as f64;
    for line in &details {
        w = w.max(text_width(line, 12.0));
    }
    for row in rows(node).filter_map(|i| picture.nodes.get(i)) {
        let (rw, rh) = row_size(row);
        w = w.max(rw + PAD);
        h += rh + PAD / 2.0;
    }
    Rect {
        x: 0.0,
        y: 0.0,
        w: w + 2.0 * PAD,
        h: h + 2.0 * PAD,
    }
}

/// The people drawn in a card: its own rows, then the other holders.
pub(super) fn rows<'n>(node: &'n Node<'_>) -> impl Iterator<Item = usize> + 'n {
    node.rows.iter().chain(&node.also).copied()
}

/// The size of a person's row in a card, without its padding.
fn row_size(person: &Node<'_>) -> (f64, f64) {
    let details = person.details();
    let w = details.iter().fold(text_width(person.name, 14.0), |w, l| {
        w.max(text_width(l, 12.0))
    });
    (w + PAD, NAME_LINE + DETAIL_LINE * details.len() as f64)
}

/// The nodes drawn as boxes (not rows), by column: left to right, each
/// column's by team box, then in picture order.
fn columns(picture: &Picture<'_>) -> Vec<(Option<u32>, Vec<usize>)> {
    let top: Vec<usize> = (0..picture.nodes.len())
        .filter(|&i| picture.nodes.get(i).is_some_and(|n| n.card.is_none()))
        .collect();
    let distance = |i: usize| picture.nodes.get(i).and_then(|n| n.distance);
    let far = top.iter().filter_map(|&i| distance(i)).max().unwrap_or(0);
    // Column 0 for those that reach no paying customer, then the farthest.
    let column = |i: usize| distance(i).map_or(0, |d| 1 + far - d.min(far));
    let mut by_column: Vec<(u32, Option<usize>, usize)> = top
        .iter()
        .map(|&i| {
            let cluster = picture.nodes.get(i).and_then(|n| n.cluster);
            (column(i), cluster, i)
        })
        .collect();
    by_column.sort_unstable();
    let mut out: Vec<(Option<u32>, Vec<usize>)> = Vec::new();
    for run in by_column.chunk_by(|a, b| a.0 == b.0) {
        let Some(&(c, _, _)) = run.first() else {
            continue;
        };
        let d = (c > 0).then(|| far + 1 - c);
        out.push((d, run.iter().map(|&(_, _, i)| i).collect()));
    }
    out
}

/// Stacks a column's boxes from the top, a little apart between teams.
fn stack(picture: &Picture<'_>, members: &[usize], x: f64, rects: &mut [Rect]) {
    let mut y = TOP;
    let mut team = None;
    for (k, &i) in members.iter().enumerate() {
        let cluster = picture.nodes.get(i).and_then(|n| n.cluster);
        if k > 0 && cluster != team {
            y += TEAM_GAP;
        }
        team = cluster;
        if let Some(r) = rects.get_mut(i) {
            r.x = x;
            r.y = y;
            y += r.h + ROW_GAP;
        }
    }
}

/// Centres each column on the tallest; returns the drawing's height.
fn centre(columns: &[(Option<u32>, Vec<usize>)], rects: &mut [Rect]) -> f64 {
    let bottom = |members: &[usize], rects: &[Rect]| {
        members
            .iter()
            .filter_map(|&i| rects.get(i))
            .fold(TOP, |b, r| b.max(r.y + r.h))
    };
    let tallest = columns
        .iter()
        .fold(TOP, |h, (_, m)| h.max(bottom(m, rects)));
    for (_, members) in columns {
        let shift = (tallest - bottom(members, rects)) / 2.0;
        for &i in members {
            if let Some(r) = rects.get_mut(i) {
                r.y += shift;
            }
        }
    }
    tallest
}

/// Places the rows of card `i` inside it, under its title.
fn place_rows(picture: &Picture<'_>, i: usize, rects: &mut [Rect], rows: &mut Vec<Row>) {
    let (Some(card), Some(&outer)) = (picture.nodes.get(i), rects.get(i)) else {
        return;
    };
    let mut y = outer.y + PAD + NAME_LINE + DETAIL_LINE * card.details().len() as f64;
    for person in self::rows(card) {
        let Some(node) = picture.nodes.get(person) else {
            continue;
        };
        let (_, h) = row_size(node);
        let rect = Rect {
            x: outer.x + PAD / 2.0,
            y: y + PAD / 2.0,
            w: outer.w - PAD,
            h,
        };
        let own = node.card == Some(i);
        if let Some(r) = rects.get_mut(person).filter(|_| own) {
            *r = rect;
        }
        rows.push(Row {
            card: i,
            person,
            rect,
            own,
        });
        y += h + PAD / 2.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Collapse, GroupBy, Marks, Options};
    use crate::graph::CustomerGraph;
    use crate::load::{Input, load};

    /// 200 vacant roles (one column: they reach no paying customer) are
    /// set in parts side by side, no box over another, and the drawing is
    /// not much taller than it is wide.
    #[test]
    fn a_tall_column_is_set_in_parts() {
        let mut text =
            String::from("[external.buyer]\npays = true\n[people.a]\nhands_to = [\"buyer\"]\n");
        for r in 0..200 {
            text.push_str(&format!("[roles.r{r}]\n"));
        }
        let loaded = load(Input::Text {
            name: "t.toml",
            text: &text,
        })
        .expect("the file loads");
        let g = CustomerGraph::build(&loaded.org);
        let options = Options {
            collapse: Collapse::None,
            group_by: GroupBy::Team,
            focus: None,
            max_edges: 1_000,
            rankdir: None,
            marks: Marks::default(),
        };
        let picture = Picture::build(&loaded.org, &g, &options).expect("a picture");
        let layout = Layout::new(&picture);
        let boxes: Vec<Rect> = layout.rects.iter().copied().filter(|r| r.w > 0.0).collect();
        assert_eq!(boxes.len(), 202);
        let apart = |a: &Rect, b: &Rect| {
            a.right() <= b.x || b.right() <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y
        };
        for (i, a) in boxes.iter().enumerate() {
            for b in boxes.iter().skip(i + 1) {
                assert!(apart(a, b), "{a:?} and {b:?} overlap");
            }
        }
        assert!(
            layout.height < 3.0 * layout.width,
            "{} x {}",
            layout.width,
            layout.height
        );
    }
}
