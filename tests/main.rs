//! The integration tests: one binary, one module per feature, each driving
//! the real `chain` binary (or, for property tests, the library).

mod util;

mod agreement;
mod baseline;
mod card;
mod check;
mod check_config;
mod check_props;
mod check_report;
mod ci_doors;
mod cli;
mod csv_output;
mod diff;
mod diff_props;
mod diff_report;
mod diff_without;
mod gen_org;
mod graph;
mod graph_files;
mod graph_render;
mod graph_views;
mod help_examples;
mod import;
mod include;
mod init;
mod load;
mod map;
mod map_errors;
mod map_props;
mod page;
mod report_formats;
mod robust;
mod roster;
mod schema;
mod stats;
