//! Colour on a terminal, plain text on a pipe: the `--color` flag shared by `show` and `search`.

use std::io::IsTerminal;

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to write ANSI colour codes to stdout.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Bold cyan: actor mentions.
pub const ACTOR: &str = "\x1b[1;36m";
/// Bold yellow: relation triggers and search matches.
pub const TRIGGER: &str = "\x1b[1;33m";
/// Dim: secondary information.
pub const DIM: &str = "\x1b[2m";
/// Bold: headings.
pub const BOLD: &str = "\x1b[1m";
/// Back to normal.
pub const RESET: &str = "\x1b[0m";

/// `text` in `style` when colouring, else as it is.
pub fn paint(on: bool, style: &str, text: &str) -> String {
    if on {
        format!("{style}{text}{RESET}")
    } else {
        text.to_string()
    }
}
