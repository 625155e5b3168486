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

/// Segmenting and fingerprinting allocate many small, short-lived vectors
/// per document; glibc's allocator spent a fifth of `dedup`'s time on them
/// (perf, reuters21578, one thread). mimalloc's thread-local free lists take
/// that to a few percent.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
