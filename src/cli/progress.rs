//! Progress on stderr for `ingest`, `rebuild` and the indexing that a `search` may start: a
//! bar on a terminal, nothing on a pipe, a file or with `--quiet`, so logs and scripts never
//! see escape codes.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A progress bar (or nothing) that many threads may advance.
#[derive(Clone)]
pub struct Progress {
    bar: ProgressBar,
    articles: Arc<AtomicU64>,
    by_bytes: bool,
}

/// True when a bar should be drawn: stderr is a terminal and the user did not ask for quiet.
pub fn shows(quiet: bool, stderr_is_terminal: bool) -> bool {
    !quiet && stderr_is_terminal
}

impl Progress {
    /// A bar over bytes of input (`total` when every input's size is known: ETA and percent).
    pub fn bytes(quiet: bool, total: Option<u64>) -> Progress {
        let template = match total {
            Some(_) => {
                "{spinner} {elapsed:>4} [{wide_bar}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} · {msg}"
            }
            None => "{spinner} {elapsed:>4} {binary_bytes} {binary_bytes_per_sec} · {msg}",
        };
        Progress::new(quiet, total, template, true)
    }

    /// A bar over a known number of articles (`rebuild`).
    pub fn articles(quiet: bool, total: u64) -> Progress {
        let template =
            "{spinner} {elapsed:>4} [{wide_bar}] {pos}/{len} articles {per_sec} ETA {eta}";
        Progress::new(quiet, Some(total), template, false)
    }

    /// A turning spinner and a message, for one long step that has nothing to count.
    pub fn step(what: &str) -> Progress {
        let p = Progress::new(false, None, "{spinner} {elapsed:>4} {msg}", false);
        p.bar.set_message(what.to_string());
        p.bar
            .enable_steady_tick(std::time::Duration::from_millis(120));
        p
    }

    fn new(quiet: bool, total: Option<u64>, template: &str, by_bytes: bool) -> Progress {
        let bar = if shows(quiet, std::io::stderr().is_terminal()) {
            let style = ProgressStyle::with_template(template)
                .expect("the progress templates are valid")
                .progress_chars("=> ");
            ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr()).with_style(style)
        } else {
            ProgressBar::hidden()
        };
        Progress {
            bar,
            articles: Arc::new(AtomicU64::new(0)),
            by_bytes,
        }
    }

    /// One more article done, `bytes` long.
    pub fn advance(&self, bytes: u64) {
        if self.bar.is_hidden() {
            return;
        }
        let n = self.articles.fetch_add(1, Ordering::Relaxed) + 1;
        if self.by_bytes {
            self.bar.inc(bytes);
            self.bar.set_message(format!("{n} articles"));
        } else {
            self.bar.inc(1);
        }
    }

    /// Names a final step the bar would otherwise wait on silently ("building indexes").
    pub fn phase(&self, what: &str) {
        let n = self.articles.load(Ordering::Relaxed);
        self.bar.set_message(format!("{n} articles · {what}"));
        // Nothing advances the bar during the step: keep the spinner turning.
        self.bar
            .enable_steady_tick(std::time::Duration::from_millis(120));
    }

    /// Prints a line on stderr without tearing the bar.
    pub fn println(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    /// Removes the bar, leaving the terminal as it was.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_only_on_a_terminal_and_never_when_quiet() {
        assert!(shows(false, true));
        assert!(!shows(false, false));
        assert!(!shows(true, true));
    }
}
