//! `chain import`'s arguments.

use std::path::PathBuf;

use clap::Args;

use crate::roster::ColumnChoice;

const IMPORT_HELP: &str = "\
Examples:
  chain import examples/media-team-staff.csv -o team.toml
                                            draft a team file from a roster
  chain import examples/media-team-staff.csv
                                            print the draft instead
  chain import examples/media-team-staff.csv --column title=Department
                                            say which column is which
  chain import examples/media-team-staff.csv --merge examples/media-team.toml -o team-new.toml
                                            add who joined; list who left

The roster is CSV with a header line, comma- or semicolon-separated, UTF-8 with or without
a byte order mark. Columns are recognised by their headers, whatever their case:
  name        Name, Full name, Display name, Employee (or First name and Last name)
  id          ID, Employee ID, Staff ID, User ID, Username, Login
  email       Email, E-mail, Email address, Work email
  title       Title, Job title, Role, Position
  team        Team, Department, Dept, Group, Unit, Division
  manager     Manager, Reports to, Line manager, Supervisor (a name, email or id)
Other columns are ignored and listed. Each person's id comes from the id column, else the
email's local part, else the name (`José Núñez` -> `jose-nunez`), numbered when repeated.

Nothing is written when the roster has a problem (no name column, a row without a name,
two rows with one id or email, a manager not on the roster): every problem is reported
with its line, and the exit code is 2. An existing file is never overwritten.";

/// `chain import`.
#[derive(Debug, Args)]
#[command(after_help = IMPORT_HELP)]
pub struct ImportArgs {
    /// The roster: a CSV file with a header line (`-` for standard input).
    #[arg(value_name = "ROSTER")]
    pub roster: PathBuf,

    /// Where to write the team file (never over an existing file);
    /// standard output when not given.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Add the people on the roster who are missing from this team file,
    /// and list those in it who are not on the roster (they are not removed).
    #[arg(long, value_name = "TEAM_FILE")]
    pub merge: Option<PathBuf>,

    /// The column with header HEADER says FIELD (name, first-name,
    /// last-name, id, email, title, team, manager); repeatable.
    #[arg(long, value_name = "FIELD=HEADER")]
    pub column: Vec<ColumnChoice>,
}
