//! `actorgraph completions SHELL`: a shell completion script on stdout.

use super::{Cli, Outcome};
use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

/// Print a completion script for your shell.
///
/// Source it from your shell's start-up file, or save it where your shell looks for
/// completions.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph completions bash > ~/.local/share/bash-completion/completions/actorgraph\n  actorgraph completions zsh > ~/.zfunc/_actorgraph\n  actorgraph completions fish > ~/.config/fish/completions/actorgraph.fish\n  actorgraph completions powershell >> $PROFILE"
)]
pub struct Args {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Runs `completions`.
pub fn run(args: Args) -> Result<Outcome> {
    let mut cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "actorgraph", &mut out);
    Ok(Outcome::Done)
}
