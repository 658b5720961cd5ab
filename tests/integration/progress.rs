//! Progress bar and end-of-ingest summary (issue 8, points 1-2).

use crate::util::Dir;
use std::process::Command;

/// The number written just before `word` in `text` ("3 articles added" → 3 for "articles").
fn number_before(text: &str, word: &str) -> i64 {
    let words: Vec<&str> = text.split_whitespace().collect();
    let i = words
        .iter()
        .position(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == word)
        .unwrap_or_else(|| panic!("no {word:?} in {text:?}"));
    words[i - 1]
        .parse()
        .unwrap_or_else(|_| panic!("no number before {word:?} in {text:?}"))
}

/// Four good records (one repeating another's text) and one malformed line.
fn feed(d: &Dir) -> std::path::PathBuf {
    d.write(
        "feed.jsonl",
        concat!(
            "{\"id\": \"a\", \"text\": \"Russia demanded that NATO halt its expansion.\"}\n",
            "{\"id\": \"b\", \"text\": \"China criticized Japan over the islands. Japan rejected the claim.\"}\n",
            "{\"id\": \"c\", \"text\": oops}\n",
            "{\"id\": \"d\", \"text\": \"Russia demanded that NATO halt its expansion.\"}\n",
            "{\"id\": \"e\", \"text\": \"Iran threatened Israel with retaliation.\"}\n",
        ),
    )
}

#[test]
fn the_summary_numbers_equal_the_database() {
    let d = Dir::new();
    let f = feed(&d);
    let run = d.run(&["ingest", f.to_str().unwrap()]);
    assert_eq!(run.code(), 1, "a malformed record makes exit 1");
    // Every connection closed in order: the WAL was checkpointed and removed.
    assert!(!d.path("test.db-wal").exists());
    let err = run.stderr();
    let line = err
        .lines()
        .find(|l| l.contains(" added, "))
        .unwrap_or_else(|| panic!("no summary in {err}"));
    let (summary, totals) = line
        .split_once("database:")
        .unwrap_or_else(|| panic!("no totals in {line}"));
    assert_eq!(
        number_before(summary, "articles"),
        d.count("SELECT COUNT(*) FROM articles")
    );
    assert_eq!(number_before(summary, "articles"), 3);
    assert_eq!(number_before(summary, "already"), 1, "{summary}");
    assert_eq!(number_before(summary, "skipped"), 1, "{summary}");
    assert_eq!(
        number_before(summary, "new"),
        d.count("SELECT COUNT(*) FROM events")
    );
    assert_eq!(
        number_before(totals, "actors"),
        d.count("SELECT COUNT(*) FROM actors")
    );
    assert_eq!(
        number_before(totals, "events"),
        d.count("SELECT COUNT(*) FROM events")
    );
    assert!(
        totals.contains("MB/s") && totals.contains("articles/s"),
        "{totals}"
    );

    // Again: everything is a duplicate now, and the database totals do not move.
    let again = d.run(&["ingest", f.to_str().unwrap()]).stderr();
    assert!(
        again.contains("0 articles added, 4 already stored"),
        "{again}"
    );
}

#[test]
fn no_progress_on_a_pipe_and_nothing_but_errors_when_quiet() {
    let d = Dir::new();
    let f = feed(&d);
    let err = d.run(&["ingest", f.to_str().unwrap()]).stderr();
    assert!(
        !err.contains('\r') && !err.contains('\x1b') && !err.contains("ETA"),
        "{err:?}"
    );
    let quiet = d.run(&["ingest", "--quiet", f.to_str().unwrap()]).stderr();
    let lines: Vec<&str> = quiet.lines().collect();
    assert_eq!(lines.len(), 1, "only the bad record's error: {quiet}");
    assert!(lines[0].contains("feed.jsonl:3: malformed JSON"), "{quiet}");
}

#[test]
fn a_progress_bar_on_a_terminal() {
    let d = Dir::new();
    let f = feed(&d);
    // `script` (util-linux) runs the command on a pseudo-terminal and copies what it draws.
    let cmd = format!(
        "{} --db {} ingest {}",
        env!("CARGO_BIN_EXE_actorgraph"),
        d.db().display(),
        f.display()
    );
    let out = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .output()
        .expect("script(1) from util-linux");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("ETA") && shown.contains("articles"),
        "{shown:?}"
    );
    assert!(
        shown.contains("1 already stored"),
        "the summary follows: {shown:?}"
    );
}
