//! Issue 7: bad input, crashes, concurrent use, limits, hostile content, old and new schemas.

mod concurrency;
mod crash;
mod input;
mod limits;
mod properties;
mod schema;

use crate::util::{Dir, Run};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Starts `actorgraph --db test.db ARGS` in the folder without waiting for it.
pub fn spawn(d: &Dir, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .arg("--db")
        .arg(d.db())
        .args(args)
        .current_dir(d.tmp.path())
        .env_remove("ACTORGRAPH_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run actorgraph")
}

/// Runs to completion within `limit` (killed and failed otherwise), sampling its peak
/// resident memory (`VmHWM`, KB) while it runs.
pub fn watched(d: &Dir, args: &[&str], limit: Duration) -> (Run, u64) {
    let mut child = spawn(d, args);
    let started = Instant::now();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    // Drain stderr on a thread so a chatty child never blocks on a full pipe.
    let mut err = child.stderr.take().unwrap();
    let drain = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut s).ok();
        s
    });
    while child.try_wait().unwrap().is_none() {
        peak = peak.max(vm_hwm(&status));
        if started.elapsed() > limit {
            child.kill().ok();
            panic!("actorgraph {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut out = child.wait_with_output().unwrap();
    out.stderr = drain.join().unwrap();
    (Run(out), peak)
}

fn vm_hwm(status: &str) -> u64 {
    std::fs::read_to_string(status)
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Asserts the run's stderr holds no panic or backtrace and every line is one clear message.
pub fn assert_clean_errors(run: &Run) {
    let err = run.stderr();
    assert!(
        !err.contains("panicked") && !err.contains("backtrace") && !err.contains("internal error"),
        "{err}"
    );
    for line in err.lines() {
        assert!(
            line.starts_with("actorgraph: ") || line.contains(" added, "),
            "{line}"
        );
    }
}

/// A JSON Lines corpus of `n` distinct short articles with actors and relations.
pub fn corpus(n: usize, tag: &str) -> String {
    let pairs = [
        ("Russia", "demanded that", "NATO", "halt the drills"),
        ("China", "accused", "Japan", "of provocations"),
        ("Iran", "threatened", "Israel", "with retaliation"),
        ("France", "praised", "Germany", "for its aid"),
        ("India", "held talks with", "Pakistan", "in Geneva"),
    ];
    let mut s = String::new();
    for i in 0..n {
        let (a, v, b, rest) = pairs[i % pairs.len()];
        s.push_str(&format!(
            "{{\"id\": \"{tag}{i}\", \"text\": \"{a} {v} {b} {rest} on day {i}. Officials in {b} said {tag} talk {i} was over.\"}}\n"
        ));
    }
    s
}
