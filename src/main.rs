//! The `actorgraph` binary: parse arguments, run the command, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

/// mimalloc: extraction allocates many small, short-lived values on every core, and glibc's
/// malloc and free were a fifth of the extraction threads' time. Cargo.toml's `override`
/// feature gives SQLite's C allocations to mimalloc too: at 100,000 articles glibc's malloc
/// and free were 6% of the writer thread, churning its page cache's 16 KiB buffers. Its
/// `no_thp` feature keeps mimalloc from asking for 2 MiB pages: the kernel zeroed each one
/// whole on first touch (4-12% of an ingest's samples), for memory mostly never used. The
/// user code runs slower on the smaller pages, so CPU time gains 0-5%, but peak RSS
/// of 10,000 articles is 80-85 MB instead of 120.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    quiet_panics();
    let cli = actorgraph::cli::Cli::parse();
    match actorgraph::cli::run(cli) {
        Ok(actorgraph::cli::Outcome::Done) => ExitCode::SUCCESS,
        Ok(actorgraph::cli::Outcome::Skipped) => ExitCode::from(1),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("actorgraph: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// A bug must still read as one line, not a backtrace; the process then exits 101.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("actorgraph: internal error{place}: {what} (please report this)");
    }));
}

/// A closed pipe on stdout (`... | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<csv::Error>().is_some_and(|c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe))
            || e.downcast_ref::<serde_json::Error>().is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}
