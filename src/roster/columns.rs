//! Which column of a roster says what: recognised by common header names,
//! case-insensitively, or named with `--column FIELD=HEADER`.

use std::fmt;
use std::str::FromStr;

/// What a column can say about a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The whole name.
    Name,
    /// The given name, when the name is split in two columns.
    FirstName,
    /// The family name, when the name is split in two columns.
    LastName,
    /// An id from the HR system.
    Id,
    /// The work email address.
    Email,
    /// The job title.
    Title,
    /// The team or department.
    Team,
    /// Who the person reports to: their name, email or id.
    Manager,
}

impl Field {
    /// Every field, in the order `--help` lists them.
    pub const ALL: [Field; 8] = [
        Field::Name,
        Field::FirstName,
        Field::LastName,
        Field::Id,
        Field::Email,
        Field::Title,
        Field::Team,
        Field::Manager,
    ];

    /// The name used in `--column`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::FirstName => "first-name",
            Field::LastName => "last-name",
            Field::Id => "id",
            Field::Email => "email",
            Field::Title => "title",
            Field::Team => "team",
            Field::Manager => "manager",
        }
    }

    /// Headers recognised for the field, folded (see [`fold`]).
    fn headers(self) -> &'static [&'static str] {
        match self {
            Field::Name => &[
                "name",
                "fullname",
                "displayname",
                "employeename",
                "employee",
                "person",
                "staffname",
            ],
            Field::FirstName => &["firstname", "givenname", "forename"],
            Field::LastName => &["lastname", "surname", "familyname"],
            Field::Id => &[
                "id",
                "employeeid",
                "employeenumber",
                "staffid",
                "staffnumber",
                "personid",
                "userid",
                "username",
                "login",
            ],
            Field::Email => &["email", "emailaddress", "mail", "workemail"],
            Field::Title => &["title", "jobtitle", "role", "position", "job"],
            Field::Team => &["team", "department", "dept", "group", "unit", "division"],
            Field::Manager => &[
                "manager",
                "reportsto",
                "managername",
                "manageremail",
                "managerid",
                "linemanager",
                "supervisor",
            ],
        }
    }

    fn index(self) -> usize {
        Field::ALL.iter().position(|&f| f == self).unwrap_or(0)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `--column FIELD=HEADER`: the column with header HEADER says FIELD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnChoice {
    /// What the column says.
    pub field: Field,
    /// Its header, as in the roster (compared case-insensitively).
    pub header: String,
}

impl FromStr for ColumnChoice {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let names = || {
            let all: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
            all.join(", ")
        };
        let Some((field, header)) = s.split_once('=') else {
            return Err(format!(
                "expected FIELD=HEADER, such as `name=Full Name`; FIELD is one of {}",
                names()
            ));
        };
        let field = field.trim();
        let Some(found) = Field::ALL.iter().find(|f| f.as_str() == field) else {
            let close = crate::suggest::closest(field, Field::ALL.iter().map(|f| f.as_str()));
            let hint = crate::suggest::did_you_mean(close)
                .unwrap_or_else(|| format!("FIELD is one of {}", names()));
            return Err(format!("unknown field `{field}`: {hint}"));
        };
        Ok(ColumnChoice {
            field: *found,
            header: header.trim().to_string(),
        })
    }
}

/// The columns of one roster: which says each field, and which say
/// nothing chain uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    by_field: [Option<usize>; Field::ALL.len()],
    /// The columns no field was found in, by index.
    pub ignored: Vec<usize>,
}

impl Columns {
    /// Recognises the columns of `header`: first the choices given (each
    /// must name a header), then common names for the fields still
    /// unassigned. A second column for a field already found is ignored.
    /// Errors name the choice that matches no header.
    pub fn recognise(header: &[&str], choices: &[ColumnChoice]) -> Result<Columns, String> {
        let mut columns = Columns::default();
        let mut used = vec![false; header.len()];
        for choice in choices {
            let wanted = fold(&choice.header);
            let Some(i) = header.iter().position(|h| fold(h) == wanted) else {
                return Err(choice.header.clone());
            };
            columns.set(choice.field, i);
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        }
        for (i, name) in header.iter().enumerate() {
            if used.get(i).copied().unwrap_or(true) {
                continue;
            }
            let folded = fold(name);
            let field = Field::ALL
                .into_iter()
                .find(|f| columns.get(*f).is_none() && f.headers().contains(&folded.as_str()));
            match field {
                Some(field) => columns.set(field, i),
                None => columns.ignored.push(i),
            }
        }
        Ok(columns)
    }

    /// The column that says `field`, if any.
    pub fn get(&self, field: Field) -> Option<usize> {
        self.by_field.get(field.index()).copied().flatten()
    }

    fn set(&mut self, field: Field, column: usize) {
        if let Some(slot) = self.by_field.get_mut(field.index()) {
            *slot = Some(column);
        }
    }

    /// Whether a person's name can be read: a name column, or first and
    /// last name columns (either alone will do).
    pub fn has_name(&self) -> bool {
        [Field::Name, Field::FirstName, Field::LastName]
            .iter()
            .any(|&f| self.get(f).is_some())
    }
}

/// A header as compared: lowercase letters and digits only, so `Job
/// Title`, `job_title` and `JOB-TITLE` are one.
pub fn fold(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Common headers are found whatever their case and punctuation;
    /// unknown ones are listed; a second manager column is ignored.
    #[test]
    fn recognises_common_headers() {
        let header = [
            "Full Name",
            "E-mail",
            "Job_Title",
            "Department",
            "Reports To",
            "Phone",
            "Manager Email",
        ];
        let columns = Columns::recognise(&header, &[]).unwrap_or_default();
        assert_eq!(columns.get(Field::Name), Some(0));
        assert_eq!(columns.get(Field::Email), Some(1));
        assert_eq!(columns.get(Field::Title), Some(2));
        assert_eq!(columns.get(Field::Team), Some(3));
        assert_eq!(columns.get(Field::Manager), Some(4));
        assert_eq!(columns.ignored, [5, 6]);
    }

    /// A choice wins over recognition, and must name a header.
    #[test]
    fn choices_come_first() {
        let header = ["Name", "Preferred name", "Boss"];
        let choices: Vec<ColumnChoice> = ["name=preferred name", "manager=BOSS"]
            .iter()
            .filter_map(|s| s.parse().ok())
            .collect();
        let columns = Columns::recognise(&header, &choices).unwrap_or_default();
        assert_eq!(columns.get(Field::Name), Some(1));
        assert_eq!(columns.get(Field::Manager), Some(2));
        assert_eq!(columns.ignored, [0]);
        let missing = "team=Unit".parse::<ColumnChoice>().map(|c| vec![c]);
        let missing = missing.map(|c| Columns::recognise(&header, &c));
        assert_eq!(missing, Ok(Err("Unit".into())));
    }

    /// `--column` values are checked, with a suggestion.
    #[test]
    fn choices_parse() {
        assert!("name".parse::<ColumnChoice>().is_err());
        let err = "emial=Mail"
            .parse::<ColumnChoice>()
            .err()
            .unwrap_or_default();
        assert!(err.contains("did you mean `email`"), "{err}");
    }
}
