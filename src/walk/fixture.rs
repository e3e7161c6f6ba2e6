//! An organisation that exercises every way a chain is found and written:
//! for the tests of the walks and of the maps.

use crate::load::{Input, Loaded, load};

/// Roles whose holders share their chains, holders of two roles,
/// personal handoffs, a vacant role, people with no chain, and a line
/// of people longer than a short chain limit.
fn org_text() -> String {
    let mut text = String::from(
        "[external.buyer]\npays = true\n[external.archive]\n\
         [roles.vacant]\nhands_to = [\"buyer\"]\n[roles.idle]\nhands_to = [\"archive\"]\n",
    );
    for r in 0..30 {
        let to = match r {
            0 => "{ to = \"buyer\", what = \"product\", note = \"a \\u202e note\" }".into(),
            r if r % 9 == 0 => "\"vacant\"".to_string(),
            r => format!(
                "\"r{}\", {{ to = \"r{}\", what = \"information\" }}",
                r - 1,
                r / 2
            ),
        };
        text.push_str(&format!("[roles.r{r}]\nhands_to = [{to}]\n"));
    }
    for p in 0..300 {
        let roles = match p % 13 {
            0 => format!("\"r{}\", \"r{}\"", p % 30, (p + 7) % 30),
            12 => "\"idle\"".to_string(),
            _ => format!("\"r{}\"", (p * 7) % 30),
        };
        let own = if p % 10 == 3 {
            format!("\nhands_to = [\"p{}\"]", p / 2)
        } else {
            String::new()
        };
        let team = if p % 4 == 0 { "\nteam = \"ops\"" } else { "" };
        text.push_str(&format!("[people.p{p}]\nroles = [{roles}]{own}{team}\n"));
    }
    for i in 0..12 {
        let to = if i == 11 {
            "r3".to_string()
        } else {
            format!("line{}", i + 1)
        };
        text.push_str(&format!(
            "[people.line{i}]\nname = \"Line {i}\"\nhands_to = [\"{to}\"]\n"
        ));
    }
    text
}

/// The organisation, loaded.
pub(crate) fn loaded() -> Loaded {
    let text = org_text();
    load(Input::Text {
        name: "t.toml",
        text: &text,
    })
    .expect("the file loads")
}
