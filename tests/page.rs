//! The page, `chain graph FILE -o team.html`: one self-contained file whose
//! strings are all escaped, the same on every run, laid out with or without
//! Graphviz; and, in a real browser, a click lights up exactly what
//! `chain map FILE ID` reports.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::util::browser::Browser;
use crate::util::{chain, chain_env, json, tool};

const MEDIA: &str = "examples/media-team.toml";
const HOSTILE: &str = "tests/fixtures/card-hostile.toml";

/// The files whose every party is clicked in the browser.
const CLICKED: [&str; 3] = [
    "examples/media-team.toml",
    "examples/college-office.toml",
    "tests/fixtures/card-edges.toml",
];

/// `chain graph FILE -o DIR/NAME.html`, which must succeed; its text.
fn page(file: &str, dir: &Path, env: &[(&str, &str)]) -> (PathBuf, String) {
    let out = dir.join("team.html");
    let shown = out.display().to_string();
    let run = chain_env(&["graph", file, "-o", &shown], None, env);
    assert_eq!(run.code, 0, "graph {file} -o team.html: {}", run.stderr);
    let text = fs::read_to_string(&out).expect("the page is written");
    (out, text)
}

/// The page's data block.
fn data(page: &str) -> Value {
    let start = page
        .find("<script type=\"application/json\" id=\"chain-data\">")
        .expect("the data block");
    let rest = &page[start..];
    let body = &rest[rest.find('>').expect("its tag ends") + 1..];
    let end = body.find("</script>").expect("the data block ends");
    serde_json::from_str(&body[..end]).expect("the data is JSON")
}

/// The one inline script, which the Content-Security-Policy names by hash.
fn script(page: &str) -> &str {
    let start = page.rfind("<script>").expect("the script") + "<script>".len();
    let end = page[start..].find("</script>").expect("the script ends");
    &page[start..start + end]
}

#[test]
fn the_page_is_one_file_that_fetches_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (_, text) = page(MEDIA, dir.path(), &[]);
    // The script names the SVG namespace, which is never fetched.
    let lower = text.replace(script(&text), "").to_ascii_lowercase();
    for fetch in [
        "http://",
        "https://",
        "<script src",
        "<link",
        "<iframe",
        "@import",
        "url(",
    ] {
        assert!(!lower.contains(fetch), "the page has `{fetch}`");
    }
    use base64::Engine as _;
    let hash =
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script(&text).as_bytes()));
    let policy = format!("default-src 'none'; script-src 'sha256-{hash}';");
    assert!(text.contains(&policy), "the policy names the script's hash");
    assert_eq!(
        lower.matches("<script").count(),
        2,
        "the data and the script"
    );
    assert_eq!(
        script(&text).matches("http://").count(),
        1,
        "the namespace only"
    );
}

#[test]
fn the_page_is_the_same_on_every_run_and_on_standard_output() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (_, first) = page(MEDIA, dir.path(), &[]);
    let (_, second) = page(MEDIA, dir.path(), &[]);
    assert_eq!(first, second);
    let run = chain(&["graph", MEDIA, "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, first);
}

#[test]
fn the_page_is_not_written_to_a_terminal() {
    if !tool::has("script") {
        return;
    }
    let chain = env!("CARGO_BIN_EXE_chain");
    let out = std::process::Command::new("script")
        .args([
            "-qec",
            &format!("stty rows 40 cols 100; {chain} graph {MEDIA} --format html"),
            "/dev/null",
        ])
        .output()
        .expect("script runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("not for a terminal"), "{text}");
    assert!(text.contains("-o team.html"), "{text}");
    assert!(!text.contains("<html"), "{text}");
}

#[test]
fn strings_from_the_file_stay_text() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (_, text) = page(HOSTILE, dir.path(), &[]);
    let lower = text.to_ascii_lowercase();
    for markup in [
        "<script>alert",
        "<img",
        "<em onclick",
        "<h1>team",
        "href=\"javascript:",
    ] {
        assert!(
            !lower.contains(markup),
            "`{markup}` reached the page as markup"
        );
    }
    assert_eq!(lower.matches("<script").count(), 2);
    let doc = data(&text);
    assert_eq!(
        doc["title"], "# Org <script>alert(1)</script> @acme/everyone",
        "the data keeps the name as it is, for the script to show as text"
    );
}

#[test]
fn without_graphviz_the_page_draws_its_own_layout() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // No `dot` on an empty PATH.
    let (_, text) = page(MEDIA, dir.path(), &[("PATH", "")]);
    assert!(text.contains("<svg class=\"builtin\""));
    let doc = data(&text);
    assert_eq!(doc["view"]["layout"], "chain");
    // Every box and arrow the script looks for is drawn.
    for drawn in doc["drawn"].as_array().expect("drawn") {
        let id = drawn["id"].as_str().expect("an id");
        assert!(text.contains(&format!("id=\"{id}\"")), "no box `{id}`");
    }
    let arrows = doc["arrows"].as_array().expect("arrows").len();
    for k in 0..arrows {
        assert!(text.contains(&format!("id=\"edge_{k}\"")), "no arrow {k}");
    }
}

#[test]
fn with_graphviz_every_box_and_arrow_has_its_element() {
    if !tool::has("dot") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (_, text) = page(MEDIA, dir.path(), &[]);
    let doc = data(&text);
    assert_eq!(doc["view"]["layout"], "graphviz");
    for drawn in doc["drawn"].as_array().expect("drawn") {
        let id = drawn["id"].as_str().expect("an id");
        assert!(text.contains(&format!("id=\"{id}\"")), "no box `{id}`");
    }
    for arrow in doc["arrows"].as_array().expect("arrows") {
        let k = &arrow[0];
        assert!(text.contains(&format!("id=\"edge_{k}\"")), "no arrow {k}");
    }
}

/// A PATH whose only program is a `dot` that runs `script`, in `dir`.
fn fake_dot(dir: &Path, script: &str) -> String {
    use std::os::unix::fs::PermissionsExt as _;
    let bin = dir.join("bin");
    fs::create_dir(&bin).expect("a folder");
    let dot = bin.join("dot");
    fs::write(&dot, script).expect("a fake dot");
    fs::set_permissions(&dot, fs::Permissions::from_mode(0o755)).expect("chmod");
    bin.display().to_string()
}

#[test]
fn when_graphviz_fails_the_page_draws_its_own_layout_and_says_why() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = fake_dot(
        dir.path(),
        "#!/bin/sh\necho 'Error: out of memory' >&2\nexit 1\n",
    );
    let out = dir.path().join("team.html");
    let run = chain_env(
        &["graph", MEDIA, "-o", out.to_str().expect("UTF-8")],
        None,
        &[("PATH", &path)],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("out of memory"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("chain's own layout draws the page's diagram instead"),
        "{}",
        run.stderr
    );
    let doc = data(&fs::read_to_string(&out).expect("the page"));
    assert_eq!(doc["view"]["layout"], "chain");
    assert_eq!(doc["view"]["why"], "Graphviz failed");
}

#[test]
fn what_graphviz_warns_is_passed_on_line_by_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let script = "#!/bin/sh\nprintf 'Warning: no font A\\nWarning: no font B\\n' >&2\n\
                  echo '<svg width=\"1\" height=\"1\"></svg>'\n";
    let path = fake_dot(dir.path(), script);
    for name in ["team.svg", "team.html"] {
        let out = dir.path().join(name);
        let run = chain_env(
            &["graph", MEDIA, "-o", out.to_str().expect("UTF-8")],
            None,
            &[("PATH", &path)],
        );
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(out.exists(), "{name} is written");
        let lines: Vec<&str> = run.stderr.lines().collect();
        for said in ["Warning: no font A", "Warning: no font B"] {
            assert!(
                lines.iter().any(|l| l.trim_end().ends_with(said)),
                "{name}: `{said}` on a line of its own in:\n{}",
                run.stderr
            );
        }
    }
}

#[test]
fn too_many_arrows_for_graphviz_are_drawn_by_chain() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("wide.toml");
    // 120 people (not enough to open by team), each handing to 5 customers.
    let mut toml = String::from("[external.c0]\npays = true\n");
    for c in 1..5 {
        toml.push_str(&format!("[external.c{c}]\n"));
    }
    for p in 0..120 {
        toml.push_str(&format!(
            "[people.p{p}]\nhands_to = [\"c0\", \"c1\", \"c2\", \"c3\", \"c4\"]\n"
        ));
    }
    fs::write(&file, toml).expect("the file is written");
    let (_, text) = page(file.to_str().expect("UTF-8"), dir.path(), &[]);
    let doc = data(&text);
    assert_eq!(doc["arrows"].as_array().map(Vec::len), Some(600));
    assert_eq!(doc["view"]["layout"], "chain");
    assert_eq!(
        doc["view"]["why"],
        "too many arrows for Graphviz to lay out quickly"
    );
}

#[test]
fn a_large_organisation_opens_by_team() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("big.toml");
    fs::write(&file, big_org(5_000)).expect("the file is written");
    let started = std::time::Instant::now();
    let (_, text) = page(file.to_str().expect("UTF-8"), dir.path(), &[]);
    let took = started.elapsed();
    assert!(took.as_secs() < 20, "the page took {took:?}");
    let doc = data(&text);
    assert_eq!(doc["view"]["collapse"], "teams");
    assert!(
        doc["view"]["note"]
            .as_str()
            .is_some_and(|n| n.contains("5000 people")),
        "{}",
        doc["view"]
    );
    assert_eq!(
        doc["parties"].as_array().map(Vec::len),
        Some(5_000 + 20 + 1)
    );
    assert_eq!(doc["view"]["cards"], true);
    assert_eq!(text.matches("<template id=\"card-").count(), 5_000 + 20 + 1);
    assert!(text.len() < 40 << 20, "the page is {} bytes", text.len());
}

#[test]
fn a_very_large_organisation_leaves_the_cards_out() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("bigger.toml");
    fs::write(&file, big_org(10_001)).expect("the file is written");
    let (_, text) = page(file.to_str().expect("UTF-8"), dir.path(), &[]);
    let doc = data(&text);
    assert_eq!(doc["view"]["cards"], false);
    assert!(!text.contains("<template"), "no card is written");
}

/// `n` people in 20 teams of a line of roles to one paying customer.
fn big_org(n: usize) -> String {
    let mut toml = String::from("[external.buyer]\npays = true\n");
    for r in 0..20 {
        let to = if r == 19 {
            "buyer".into()
        } else {
            format!("r{}", r + 1)
        };
        toml.push_str(&format!("[roles.r{r}]\nhands_to = [\"{to}\"]\n"));
    }
    for p in 0..n {
        toml.push_str(&format!(
            "[people.p{p}]\nname = \"Person {p}\"\nroles = [\"r{}\"]\nteam = \"team {}\"\n",
            p % 20,
            p % 20
        ));
    }
    toml
}

// ---- In the browser ----

/// The ids `chain map FILE ID` (or `--upstream`) lists.
fn mapped(file: &str, id: &str, upstream: bool) -> Vec<String> {
    let mut args = vec!["map", file, id, "--format", "json"];
    if upstream {
        args.push("--upstream");
    }
    let doc = json(&chain(&args));
    let key = if upstream { "upstream" } else { "serves" };
    doc[key]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|p| p["id"].as_str().map(String::from))
        .collect()
}

/// What the page shows now: the selected party, the chips listing whom it
/// serves (or who serves it), and the boxes lit on the diagram.
struct Shown {
    selected: Value,
    chips: Vec<String>,
    lit: BTreeSet<String>,
}

fn shown(browser: &Browser) -> Shown {
    let value = browser.script(
        "return {
           selected: document.body.dataset.selected || null,
           chips: Array.from(document.querySelectorAll('#chosen .reach .chip')).map(c => c.dataset.id),
           lit: Array.from(document.querySelectorAll('#diagram .is-lit')).map(e => e.id),
         };",
    );
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    Shown {
        selected: value["selected"].clone(),
        chips: strings(&value["chips"]),
        lit: strings(&value["lit"]).into_iter().collect(),
    }
}

/// Opens the page and folds the key away (as a user may, and as the page
/// does itself on a small screen) so that no box is under it.
fn open(browser: &Browser, path: &Path) {
    browser.open(path);
    let ready = browser.script("return document.body.dataset.ready || null");
    assert_eq!(
        ready, "true",
        "the script did not run to its end (an error, or blocked by the page's own policy?)"
    );
    if browser.script("return document.getElementById('legend').open") == true {
        browser.click("#legend summary");
    }
}

/// The page of `file`, written to a temporary folder (kept while the test
/// runs) and opened in a browser; `None` where there is no browser.
fn in_browser(file: &str) -> Option<(Browser, tempfile::TempDir, Value)> {
    let browser = Browser::start()?;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (path, text) = page(file, dir.path(), &[]);
    open(&browser, &path);
    Some((browser, dir, data(&text)))
}

/// Clicks the box of party `id` on the diagram, as a user would: a card
/// with people in it by its title.
fn click_party(browser: &Browser, doc: &Value, party: &Value) {
    let at = party["at"].as_u64().expect("drawn") as usize;
    let id = doc["drawn"][at]["id"].as_str().expect("an element id");
    let css = format!("#diagram [id=\"{id}\"]");
    if party["kind"] == "role" && party["holders"].as_array().is_some_and(|h| !h.is_empty()) {
        browser.click_near_top(&css, 12.0);
    } else {
        browser.click(&css);
    }
}

/// The element ids of the boxes of the parties `ids`, but `own`.
fn boxes_of(doc: &Value, ids: &[String], own: &Value) -> BTreeSet<String> {
    let parties = doc["parties"].as_array().expect("parties");
    ids.iter()
        .filter_map(|id| parties.iter().find(|p| p["id"] == id.as_str()))
        .filter_map(|p| p["at"].as_u64())
        .filter(|&at| Some(at) != own.as_u64())
        .filter_map(|at| doc["drawn"][at as usize]["id"].as_str().map(String::from))
        .collect()
}

#[test]
fn a_click_lights_up_what_chain_map_reports() {
    let Some(browser) = Browser::start() else {
        return;
    };
    for file in CLICKED {
        clicks_agree_with_map(&browser, file, &[]);
    }
}

#[test]
fn in_every_view_a_click_lights_up_what_chain_map_reports() {
    let Some(browser) = Browser::start() else {
        return;
    };
    for view in [
        &["--collapse", "roles"][..],
        &["--collapse", "teams"],
        &["--group-by", "none"],
        &["--focus", "wren"],
        &["--focus", "wren", "--chain"],
        &["--focus", "students", "--upstream", "--depth", "2"],
    ] {
        clicks_agree_with_map(&browser, MEDIA, view);
    }
}

/// Clicks every party drawn in a box of its own on the page of `file`
/// drawn with `view`, both ways, and checks the list and the lit boxes
/// against `chain map`.
fn clicks_agree_with_map(browser: &Browser, file: &str, view: &[&str]) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("team.html");
    let mut args = vec!["graph", file, "-o", out.to_str().expect("UTF-8")];
    args.extend(view);
    let run = chain(&args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    let doc = data(&fs::read_to_string(&out).expect("the page"));
    open(browser, &out);
    let parties = doc["parties"].as_array().expect("parties");
    // A party with a box of its own (not a team's, nor left out by --focus).
    let own = |n: usize, party: &Value| {
        let at = party["at"].as_u64();
        at.is_some_and(|at| doc["drawn"][at as usize]["party"] == n)
    };
    for upstream in [false, true] {
        let way = if upstream { "#way-up" } else { "#way-down" };
        browser.click(way);
        for (_, party) in parties.iter().enumerate().filter(|&(n, p)| own(n, p)) {
            let id = party["id"].as_str().expect("an id");
            click_party(browser, &doc, party);
            let now = shown(browser);
            let what = format!("{file} {view:?} {id} (upstream: {upstream})");
            assert_eq!(now.selected, id, "{what}: the selection");
            let want = mapped(file, id, upstream);
            assert_eq!(now.chips, want, "{what}: the list");
            let lit = boxes_of(&doc, &want, &party["at"]);
            assert_eq!(now.lit, lit, "{what}: the diagram");
        }
    }
}

#[test]
fn search_selects_and_a_finding_marks_its_parties() {
    let Some((browser, _dir, doc)) = in_browser(MEDIA) else {
        return;
    };

    browser.type_into("#search", "halvor");
    let options = browser.script(
        "return Array.from(document.querySelectorAll('#matches li')).map(li => li.dataset.id)",
    );
    assert_eq!(options, serde_json::json!(["halvorsen"]));
    browser.type_into("#search", "\u{E007}");
    let now = shown(&browser);
    assert_eq!(now.selected, "halvorsen");
    assert_eq!(now.chips, mapped(MEDIA, "halvorsen", false));

    // Wren is a single point: her panel says so, as her box on the diagram does.
    let wren = doc["parties"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["id"] == "wren"))
        .expect("wren");
    assert_eq!(wren["marks"], serde_json::json!(["single-point"]));
    click_party(&browser, &doc, wren);
    let marks = browser.script(
        "return Array.from(document.querySelectorAll('#chosen .marks .badge')).map(b => b.className)",
    );
    assert_eq!(marks, serde_json::json!(["badge single-point"]));

    // The media team's one finding: the vacant `captioner`.
    let finding = &doc["findings"][0];
    assert_eq!(finding["code"], "orphan-role");
    browser.click("#finding-list button");
    let flagged = browser.script(
        "return {open: document.querySelectorAll('#finding-list button.open').length,
                 flagged: document.querySelectorAll('#halos .flagged').length}",
    );
    assert_eq!(flagged["open"], 1);
    assert_eq!(flagged["flagged"], 1, "a mark on `captioner`");

    // Escape, or a click on the diagram's background, clears the selection.
    browser.press("\u{E00C}");
    assert_eq!(shown(&browser).selected, Value::Null);
    click_party(&browser, &doc, &doc["parties"][0]);
    assert_ne!(shown(&browser).selected, Value::Null);
    browser.click_near_top("#diagram > svg", 4.0);
    let now = shown(&browser);
    assert_eq!(now.selected, Value::Null);
    assert!(now.lit.is_empty(), "{:?}", now.lit);
}

#[test]
fn a_hostile_file_shows_its_strings_as_text() {
    let Some((browser, _dir, doc)) = in_browser(HOSTILE) else {
        return;
    };
    for party in doc["parties"].as_array().expect("parties") {
        if party["at"].is_u64() {
            click_party(&browser, &doc, party);
        }
    }
    // Ana's name holds a right-to-left override: written out, not obeyed.
    browser.click_near_top("#diagram [id=\"a_person_a\"]", 8.0);
    let name = browser.script("return document.querySelector('#chosen h2').textContent");
    assert!(
        name.as_str()
            .is_some_and(|n| n.contains("Ana \\u{202e}evil\\u{202c}")),
        "{name}"
    );
    let page = browser.script(
        "return {title: document.getElementById('title').textContent,
                 scripts: document.scripts.length,
                 images: document.images.length,
                 emphasis: document.querySelectorAll('#chosen em, #chosen b').length}",
    );
    assert_eq!(page["title"], doc["title"]);
    assert_eq!(page["scripts"], 2);
    assert_eq!(page["images"], 0);
    assert_eq!(page["emphasis"], 0);
}

#[test]
fn a_large_organisation_opens_fast_and_drills_down_by_team() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("big.toml");
    fs::write(&file, big_org(5_000)).expect("the file is written");
    let file = file.to_str().expect("UTF-8");
    let (path, text) = page(file, dir.path(), &[]);
    let doc = data(&text);
    let started = std::time::Instant::now();
    open(&browser, &path);
    let took = started.elapsed();
    assert!(took.as_secs() < 10, "the page took {took:?} to open");

    let teams = doc["teams"].as_array().expect("teams");
    let team = teams
        .iter()
        .position(|t| t["name"] == "team 3")
        .expect("team 3");
    let drawn = doc["drawn"].as_array().expect("drawn");
    let team_box = drawn
        .iter()
        .find(|d| d["team"] == team)
        .and_then(|d| d["id"].as_str())
        .expect("team 3 is drawn");
    browser.click(&format!("#diagram [id=\"{team_box}\"]"));
    let members = browser.script(
        "return Array.from(document.querySelectorAll('#chosen .members .chip')).map(c => c.dataset.id)",
    );
    assert_eq!(members.as_array().map(Vec::len), Some(250));

    browser.click("#chosen .members .chip");
    let now = shown(&browser);
    let first = &members[0];
    assert_eq!(&now.selected, first);
    let want = mapped(file, first.as_str().expect("an id"), false);
    assert!(want.len() > 200, "{} served", want.len());
    assert_eq!(now.chips, want[..200], "the first 200, in map's order");
    let more = browser.script("return document.querySelector('#chosen .reach .more').textContent");
    assert_eq!(more, format!("and {} more", want.len() - 200));
}

/// Files with next to nothing in them, whose pages must open all the same.
const SMALL: [(&str, &str); 4] = [
    ("blank", ""),
    ("named", "[org]\nname = \"Nobody yet\"\n"),
    ("customer", "[external.buyer]\npays = true\n"),
    ("alone", "[people.a]\nname = \"A\"\n"),
];

#[test]
fn small_files_give_pages_and_pictures() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let browser = Browser::start();
    for (name, text) in SMALL {
        let file = dir.path().join(format!("{name}.toml"));
        fs::write(&file, text).expect("the file is written");
        let file = file.to_str().expect("UTF-8");
        for env in [&[][..], &[("PATH", "")][..]] {
            let (path, page_text) = page(file, dir.path(), env);
            assert!(page_text.contains("</html>"), "{name}");
            if let Some(browser) = &browser {
                open(browser, &path);
            }
        }
        if tool::has("dot") {
            let svg = dir.path().join(format!("{name}.svg"));
            let run = chain(&["graph", file, "-o", svg.to_str().expect("UTF-8")]);
            assert_eq!(run.code, 0, "{name}: {}", run.stderr);
            assert!(run.stderr.is_empty(), "{name}: {}", run.stderr);
        }
    }
}

/// Writes `docs/page.png`, the README's picture of the page with Wren
/// selected: `cargo test page::screenshot -- --ignored`.
#[test]
#[ignore = "writes docs/page.png; run it with --ignored after changing the page"]
fn screenshot_for_the_readme() {
    let (browser, _dir, doc) = in_browser(MEDIA).expect("a browser");
    let wren = doc["parties"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["id"] == "wren"))
        .expect("wren");
    click_party(&browser, &doc, wren);
    fs::write("docs/page.png", browser.screenshot()).expect("the screenshot is written");
}
