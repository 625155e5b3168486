//! `copydesk`: a thin command-line frame over the library crates.

mod cli;
mod clusters;
mod commands;
mod error;
mod pipeline;
mod segmenting;
mod spool;
mod style;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    if let Some(threads) = cli.global.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
        {
            eprintln!("copydesk: cannot start {threads} threads: {e}");
            return ExitCode::from(error::EXIT_FAILURE);
        }
    }
    match commands::run(cli.command, &cli.global) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("copydesk: {err:#}");
            ExitCode::from(error::exit_code(&err))
        }
    }
}
