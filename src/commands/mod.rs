//! One module per subcommand, each with its own arguments and `run`.

pub mod audit;
pub mod clean;
pub mod dedup;
pub mod explain;
pub mod segment;
pub mod stats;

use crate::cli::{Command, GlobalArgs};

pub fn run(command: Command, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        Command::Audit(args) => audit::run(args, global),
        Command::Stats(args) => stats::run(args, global),
        Command::Segment(args) => segment::run(args, global),
        Command::Clean(args) => clean::run(args, global),
        Command::Dedup(args) => dedup::run(args, global),
        Command::Explain(args) => explain::run(args, global),
    }
}
