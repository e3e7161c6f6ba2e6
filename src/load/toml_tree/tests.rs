//! The tree against the toml crate: the same documents accepted, the same
//! values at the same spans, the same errors (as a reader sees them: the
//! first on each line), on hand-written edge cases and on random documents.

use std::collections::BTreeMap;
use std::ops::Range;

use proptest::prelude::*;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::build::{SyntaxError, parse_in_chunks};
use super::{Kind, TableId, Tree, Value};

/// `text` parsed as chain parses a file, and the first errors.
fn parse(text: &str) -> (Tree<'_>, Vec<SyntaxError>) {
    let (tree, errors) = super::parse(text);
    (tree, errors.first)
}

/// A top-level table, or the errors shown for a document.
type Outcome = Result<BTreeMap<String, (Range<usize>, Norm)>, Vec<(String, Option<Range<usize>>)>>;

/// A value with its span, in a form both parsers can be turned into.
#[derive(Debug, PartialEq)]
enum Norm {
    String(String, Range<usize>),
    Integer(Range<usize>),
    Float(Range<usize>),
    Boolean(bool, Range<usize>),
    Datetime(Range<usize>),
    Array(Vec<Norm>, Range<usize>),
    Table(BTreeMap<String, (Range<usize>, Norm)>, Range<usize>),
}

fn from_toml(value: &Spanned<DeValue<'_>>) -> Norm {
    let span = value.span();
    match value.get_ref() {
        DeValue::String(s) => Norm::String(s.to_string(), span),
        DeValue::Integer(_) => Norm::Integer(span),
        DeValue::Float(_) => Norm::Float(span),
        DeValue::Boolean(b) => Norm::Boolean(*b, span),
        DeValue::Datetime(_) => Norm::Datetime(span),
        DeValue::Array(a) => Norm::Array(a.iter().map(from_toml).collect(), span),
        DeValue::Table(t) => Norm::Table(toml_table(t), span),
    }
}

fn toml_table(t: &DeTable<'_>) -> BTreeMap<String, (Range<usize>, Norm)> {
    t.iter()
        .map(|(k, v)| (k.get_ref().to_string(), (k.span(), from_toml(v))))
        .collect()
}

fn from_tree(tree: &Tree<'_>, value: Value) -> Norm {
    let span = value.pos.range();
    match value.kind {
        Kind::String(s) => Norm::String(tree.str(s).to_string(), span),
        Kind::Integer => Norm::Integer(span),
        Kind::Float => Norm::Float(span),
        Kind::Boolean(b) => Norm::Boolean(b, span),
        Kind::Datetime => Norm::Datetime(span),
        Kind::Array(a) => Norm::Array(
            tree.items(a).iter().map(|&v| from_tree(tree, v)).collect(),
            span,
        ),
        Kind::Table(t) => Norm::Table(tree_table(tree, t), span),
    }
}

fn tree_table(tree: &Tree<'_>, t: TableId) -> BTreeMap<String, (Range<usize>, Norm)> {
    tree.entries(t)
        .iter()
        .map(|e| {
            let key = tree.str(e.key.name).to_string();
            (key, (e.key.pos.range(), from_tree(tree, e.value)))
        })
        .collect()
}

/// Errors as a reader sees them: sorted by where they are, the first of
/// each line.
fn shown(
    text: &str,
    errors: Vec<(String, Option<Range<usize>>)>,
) -> Vec<(String, Option<Range<usize>>)> {
    let mut errors = errors;
    errors.sort_by_key(|(_, span)| span.as_ref().map(|s| (s.start, s.end)));
    let mut lines = std::collections::BTreeSet::new();
    errors.retain(|(_, span)| {
        let line = span.as_ref().map(|s| {
            text.get(..s.start.min(text.len()))
                .map_or(0, |t| t.matches('\n').count())
        });
        lines.insert(line)
    });
    errors
}

/// What the toml crate makes of `text`: the top-level table, or the errors.
fn toml_crate(text: &str) -> Outcome {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        Ok(toml_table(table.get_ref()))
    } else {
        let errors = errors
            .iter()
            .map(|e| (e.message().to_string(), e.span()))
            .collect();
        Err(shown(text, errors))
    }
}

/// What the tree makes of `text`, parsed in chunks of about `chunk` tokens.
fn ours(text: &str, chunk: usize) -> Outcome {
    let (tree, errors) = parse_in_chunks(text, chunk);
    let errors = errors.first;
    if errors.is_empty() {
        Ok(tree_table(&tree, tree.root()))
    } else {
        let errors = errors.into_iter().map(|e| (e.message, e.span)).collect();
        Err(shown(text, errors))
    }
}

/// Whether an error is one of the range checks the toml crate's document
/// type leaves to deserialization.
fn is_range_check(message: &str) -> bool {
    message.starts_with("integer out of range") || message == "floating-point number overflowed"
}

/// Both parsers agree on `text`, whole and in the smallest chunks; and a
/// document the tree accepts is one the toml crate's strict `Table` accepts.
///
/// The toml crate's document type does not check that numbers fit in 64
/// bits (its strict `Table` does, later); the tree does it at once, so for
/// those documents it is enough that both refuse them. And where the toml
/// crate says a dotted key nests too deep without saying where, the tree
/// points at the key: only the message is compared then.
fn agree(text: &str) {
    let expected = toml_crate(text);
    let whole = ours(text, usize::MAX);
    assert_eq!(ours(text, 1), whole, "chunked: {text:?}");
    let strict = text.parse::<toml::Table>();
    let (tree, errors) = parse_in_chunks(text, usize::MAX);
    let others: Vec<_> = (errors.first.into_iter())
        .filter(|e| !is_range_check(&e.message))
        .map(|e| match e.message.as_str() {
            "recursion limit" if unplaced_depth(&expected) => (e.message, None),
            _ => (e.message, e.span),
        })
        .collect();
    if others.is_empty() && whole.is_err() {
        assert!(expected.is_ok() && strict.is_err(), "{text:?}: {whole:?}");
    } else if others.is_empty() {
        assert_eq!(whole, expected, "{text:?}");
    } else {
        assert_eq!(Err(shown(text, others)), expected, "{text:?}");
    }
    drop(tree);
    if whole.is_ok() {
        assert!(
            strict.is_ok(),
            "accepted, but the toml crate refuses it: {text:?}"
        );
    }
}

/// Whether the toml crate reports a nesting too deep without a place.
fn unplaced_depth(outcome: &Outcome) -> bool {
    outcome.as_ref().is_err_and(|errors| {
        errors
            .iter()
            .any(|(m, s)| m == "recursion limit" && s.is_none())
    })
}

/// Hand-written edge cases of TOML 1.1, valid and invalid, in the manner of
/// toml-test: every value type, every kind of key and table, and the ways
/// tables may and may not be defined twice.
#[test]
fn edge_cases_agree() {
    let cases = [
        "",
        "# only a comment\n",
        "a = 1\nb = 'x'\nc = \"y\\n\\u00e9\"\nd = true\ne = 1.5\nf = 1979-05-27T07:32:00Z",
        "a = 0x_ff\n",
        "a = 0xff\nb = 0o17\nc = 0b101\nd = 1_000\ne = -0.0\nf = inf\ng = -nan\nh = 6.02e23",
        "a = 1979-05-27\nb = 07:32:00\nc = 1979-05-27T07:32:00.999\nd = 1979-05-27 07:32:00-07:00",
        "a = 1979-13-27\n",
        "a = 2024-02-30\n",
        "a = \"\"\"\nmulti\\\n   line\"\"\"\nb = '''\nraw\\n'''",
        "\"quoted key\" = 1\n'literal key' = 2\n\"\" = 3\n\"é\" = 4",
        "a.b.c = 1\na.b.d = 2\na.e = 3",
        "a . b = 1\n",
        "[a]\nx = 1\n[a.b]\ny = 2\n[c.d.e]\nz = 3",
        "[a.b]\nx = 1\n[a]\ny = 2",
        "[a.b]\nx = 1\n[a]\ny = 2\n[a]\n",
        "[a]\n[a]\n",
        "a = 1\na = 2\n",
        "a = 1\n[a]\n",
        "a = 1\n[a.b]\n",
        "a.b = 1\n[a]\n",
        "[a]\nb.c = 1\n[a.b]\n",
        "[a.b]\n[a]\nb.c = 1\n",
        "[[a]]\nx = 1\n[[a]]\nx = 2\n[a.b]\ny = 3\n[[a.c]]\n[[a.c]]",
        "a = []\n[[a]]\n",
        "[a]\n[[a]]\n",
        "[[a]]\n[a]\n",
        "a = [1, 2]\n[a.b]\n",
        "a = { b = 1 }\n[a.c]\n",
        "a = { b = 1 }\na.c = 2\n",
        "a = { b.c = 1, b.d = 2, e = { f = [1, { g = 2 }] } }",
        "a = { b = 1, b = 2 }",
        "a = { b.c = 1, b = { d = 1 } }",
        "a = { b = { c = 1 }, b.d = 2 }",
        "a = {\n  b = 1,\n  c = 2,\n}\n",
        "a = [\n  1, # one\n  2,\n]\n",
        "a = [1, 'x', [2.0], { b = true }]",
        "a = [[[[[[[[[[1]]]]]]]]]]",
        "people.ana.name = \"Ana\"\n[people.lee]\nname = \"Lee\"",
        "a = \n",
        "a\n",
        "= 1\n",
        "[a\nb = 1\n",
        "[]\n",
        "a = [1 2]\n",
        "a = [1,,2]\n",
        "a = {b = 1 c = 2}\n",
        "a = \"unterminated\n",
        "a = \"bad \\q escape\"\n",
        "a = 01\n",
        "a = 1__0\n",
        "a = 99999999999999999999\n",
        "a = 1e999\n",
        "a = truee\n",
        "\"a\nb\" = 1\n",
        "a = 1 b = 2\n",
        "a = ]\nb = 1\n[c]\nd = 2",
        "[[a.b]]\n[a]\nb = 1",
        "x = 1\n\u{feff}y = 2",
        "\u{feff}a = 1",
        "a = 1\r\nb = 2\r\n",
        "a = 1\rb = 2",
        "a = \"\u{7}\"\n",
        "# comment with \u{0} nul\n",
    ];
    for case in cases {
        agree(case);
    }
}

/// Nesting past the limit is refused like the toml crate refuses it, and
/// deep nesting never overflows the stack.
#[test]
fn deep_nesting_is_bounded() {
    for depth in [79, 80, 81, 200, 100_000] {
        let arrays = format!("a = {}1{}", "[".repeat(depth), "]".repeat(depth));
        let (_, errors) = parse(&arrays);
        assert_eq!(errors.is_empty(), depth <= 80, "arrays {depth}");
        let tables = format!("a = {}1{}", "{ b = ".repeat(depth), " }".repeat(depth));
        let (_, errors) = parse(&tables);
        assert_eq!(errors.is_empty(), depth <= 80, "inline tables {depth}");
    }
    for depth in [79, 81] {
        agree(&format!("a = {}1{}", "[".repeat(depth), "]".repeat(depth)));
        let key = vec!["k"; depth].join(".");
        agree(&format!("{key} = 1\n[{key}x]\n"));
    }
    // A dotted key too deep is pointed at, whole.
    let key = vec!["k"; 81].join(".");
    let text = format!("[org]\n{key} = 1\n");
    let (_, errors) = parse(&text);
    let spans: Vec<_> = errors.iter().map(|e| e.span.clone()).collect();
    assert_eq!(spans, [Some(6..6 + key.len())]);
}

/// Thousands of errors keep the first of the parser's and the first of
/// the tree's, and count the rest.
#[test]
fn errors_past_the_first_are_counted() {
    let mut lines: String = (0..1_000).map(|i| format!("k{i} = ]\n")).collect();
    lines.push_str(&"d = 1\n".repeat(1_001));
    let (_, errors) = super::parse(&lines);
    let parser = errors.first.iter().filter(|e| e.message != "duplicate key");
    assert_eq!(parser.count(), crate::load::PER_CODE);
    assert_eq!(errors.first.len(), 2 * crate::load::PER_CODE);
    assert_eq!(errors.more, 2 * (1_000 - crate::load::PER_CODE));
}

/// A table with thousands of keys is indexed, and still finds each key and
/// every duplicate.
#[test]
fn big_tables_find_every_key() {
    let mut text = String::from("[people]\n");
    for i in 0..5_000 {
        text.push_str(&format!("p{i} = {i}\n"));
    }
    agree(&text);
    text.push_str("p4321 = 1\n");
    agree(&text);
    let (tree, _) = parse(&text);
    let people = tree.get(tree.root(), "people").map(|e| e.value.kind);
    let Some(Kind::Table(people)) = people else {
        panic!("people is a table")
    };
    assert!(tree.get(people, "p4999").is_some());
    assert!(tree.get(people, "p5000").is_none());
}

/// Lines of a document with large tables whose keys come again: headers,
/// arrays of tables and dotted keys over twenty names, in two tables.
fn crowded_line() -> impl Strategy<Value = String> {
    let name = (0..20usize).prop_map(|i| format!("k{i}"));
    let table = prop::sample::select(vec!["t", "u"]);
    (table, name.clone(), name, 0..8usize).prop_map(|(t, k, j, shape)| match shape {
        0 => format!("[{t}.{k}]"),
        1 => format!("[{t}.{k}.{j}]"),
        2 => format!("[[{t}.{k}]]"),
        3 => format!("{k}.{j} = 1"),
        4 => format!("{k}.{j}.{k} = 1"),
        5 => format!("[[{t}.{k}.{j}]]"),
        _ => format!("{k} = {{ {j} = 1 }}"),
    })
}

/// Pieces random documents are made of: headers, dotted keys, every kind of
/// value, and now and then something broken.
fn line() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "a", "b", "c", "\"a\"", "'b'", "\"é\"", "\"\"", "a.b", "b.c", "a . c", "1",
    ]);
    let scalar = prop::sample::select(vec![
        "1",
        "-2",
        "0x1f",
        "1_000",
        "3.5",
        "1e3",
        "inf",
        "true",
        "false",
        "\"s\"",
        "'lit'",
        "\"esc\\t\\u00e9\"",
        "\"\"\"ml\n\"\"\"",
        "1979-05-27",
        "07:32:00",
        "1979-05-27T07:32:00Z",
        "1979-13-01",
        "99999999999999999999",
        "01",
        "tru",
        "\"bad\\q\"",
    ]);
    let value =
        (scalar.clone(), scalar.clone(), key.clone(), 0..6usize).prop_map(|(s, t, k, shape)| {
            match shape {
                0 | 1 => s.to_string(),
                2 => format!("[{s}, {t}]"),
                3 => format!("{{ {k} = {s}, x = [{t}] }}"),
                4 => format!("[{{ {k} = {s} }}, [{t}]]"),
                _ => format!("{{ {k} = {{ {k} = {s} }} }}"),
            }
        });
    let junk = prop::sample::select(vec![
        "=", "]", "[", "{", "a =", "a = [1,", ",", "a = 1 2", "[a", "[[a]",
    ]);
    (key.clone(), value, junk, 0..20usize).prop_map(|(k, v, j, shape)| match shape {
        0..=1 => format!("[{k}]"),
        2 => format!("[[{k}]]"),
        3 => j.to_string(),
        _ => format!("{k} = {v}"),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Random documents: both parsers accept the same ones, build the same
    /// values at the same spans, and report the same errors.
    #[test]
    fn random_documents_agree(lines in prop::collection::vec(line(), 0..12)) {
        agree(&lines.join("\n"));
    }

    /// Documents with large tables (indexed past a few keys) whose keys
    /// come again, as headers, arrays of tables and dotted keys: both
    /// parsers agree on them too.
    #[test]
    fn crowded_documents_agree(lines in prop::collection::vec(crowded_line(), 0..60)) {
        agree(&lines.join("\n"));
    }
}
