//! `actorgraph man`: the manual page (roff), generated from the same definitions as --help.

use super::{Cli, Outcome};
use anyhow::{Context, Result};
use clap::CommandFactory;
use std::io::Write;
use std::path::PathBuf;

/// Print the manual page, or write one page per command into a folder.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph man | man -l -\n  actorgraph man --out target/man   # actorgraph.1, actorgraph-ingest.1, ..."
)]
pub struct Args {
    /// Write actorgraph.1 and one actorgraph-COMMAND.1 per command into this folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs `man`.
pub fn run(args: Args) -> Result<Outcome> {
    let cmd = Cli::command();
    match args.out {
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("{}: cannot create folder", dir.display()))?;
            clap_mangen::generate_to(cmd, &dir)
                .with_context(|| format!("{}: cannot write the pages", dir.display()))?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(cmd).render(&mut out)?;
            out.flush()?;
        }
    }
    Ok(Outcome::Done)
}
