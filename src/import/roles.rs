//! A role for each distinct job title: `Lecture producer` becomes
//! `[roles.lecture-producer]` with the title kept, and a title a team file
//! already has a role for (by title or by id) is that role.

use std::collections::HashMap;

use crate::model::Org;
use crate::roster::ids::{self, Taken};
use crate::roster::{Entry, fold_name};

use super::toml_text::Table;

/// The roles titles have been given, and the new ones to write.
#[derive(Debug, Default)]
pub struct Roles {
    by_title: HashMap<String, String>,
    by_id: HashMap<String, String>,
    /// Roles made for titles no role had, in the order first met.
    pub added: Vec<Table>,
}

impl Roles {
    /// No roles yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The roles of `org`, found by title (or id, for a role without one).
    pub fn of_org(org: &Org) -> Self {
        let mut roles = Roles::new();
        for role in &org.roles {
            let title = role.title.as_deref().unwrap_or(&role.id);
            let id = role.id.to_string();
            roles.by_title.entry(fold_name(title)).or_insert(id.clone());
            roles.by_id.entry(role.id.to_string()).or_insert(id);
        }
        roles
    }

    /// The roles of `entry`: the one for its job title, if it has one.
    pub fn of_entry(&mut self, entry: &Entry, taken: &mut Taken) -> Vec<String> {
        entry
            .title
            .iter()
            .map(|t| self.for_title(t, taken))
            .collect()
    }

    /// The role id for `title`, making a role (with an id not in `taken`)
    /// the first time a title is met.
    pub fn for_title(&mut self, title: &str, taken: &mut Taken) -> String {
        let folded = fold_name(title);
        if let Some(id) = self.by_title.get(&folded) {
            return id.clone();
        }
        let slug = ids::slug(title);
        let id = match self.by_id.get(&slug) {
            Some(id) => id.clone(),
            None => {
                let id = taken.claim(&slug, "role");
                self.added.push(Table {
                    kind: "roles",
                    id: id.clone(),
                    name: Some(("title", title.to_string())),
                    ..Table::default()
                });
                id
            }
        };
        self.by_title.insert(folded, id.clone());
        id
    }
}
