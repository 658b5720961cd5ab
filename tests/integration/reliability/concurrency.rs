//! Two ingests into one database at once both finish and lose nothing; `query` answers meanwhile.

use super::{corpus, spawn, watched};
use crate::util::Dir;
use std::process::Output;
use std::time::{Duration, Instant};

/// Fails with the process's error output unless it exited 0.
fn succeeded(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn two_ingests_at_once_both_succeed_and_lose_nothing() {
    let d = Dir::new();
    // The two feeds share 100 articles and every actor, to race on dedup and actor rows. Each
    // is long enough for several commits (1,024 articles each), so the first one a query sees
    // leaves work to do.
    let shared = corpus(100, "s");
    let a = d.write("a.jsonl", corpus(2500, "a") + &shared);
    let b = d.write("b.jsonl", shared + &corpus(2500, "b"));
    let mut one = spawn(&d, &["ingest", a.to_str().unwrap()]);
    let mut two = spawn(&d, &["ingest", b.to_str().unwrap()]);
    // Queries while they run answer at once (WAL readers never wait for writers).
    let started = Instant::now();
    loop {
        let q = d.run(&["query", "--format", "csv", "SELECT COUNT(*) FROM articles"]);
        if q.code() == 0 && q.stdout().lines().nth(1).is_some_and(|n| n != "0") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{}",
            q.stderr()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let still_running = one.try_wait().unwrap().is_none() || two.try_wait().unwrap().is_none();
    let (one, two) = (
        one.wait_with_output().unwrap(),
        two.wait_with_output().unwrap(),
    );
    succeeded(&one);
    succeeded(&two);
    assert!(
        still_running,
        "the query ran after both ingests ended: the test proves nothing"
    );
    assert_eq!(d.count("SELECT COUNT(*) FROM articles"), 5100);
    assert_eq!(d.count("SELECT COUNT(DISTINCT ext_id) FROM articles"), 5100);
    assert_eq!(d.count("SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id)"), 0);
    assert_eq!(
        d.count("SELECT COUNT(*) FROM actors"),
        d.count("SELECT COUNT(DISTINCT name) FROM actors")
    );
}

/// A database of 20 articles (ids `f0`..`f19`), and a connection that holds its write lock
/// in an open transaction that deletes `f0`.
fn locked_after_a_load() -> (Dir, rusqlite::Connection) {
    let d = Dir::new();
    let first = d.write("first.jsonl", corpus(20, "f"));
    d.run(&["ingest", first.to_str().unwrap()]).ok();
    let holder = rusqlite::Connection::open(d.db()).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM articles WHERE ext_id = 'f0';")
        .unwrap();
    (d, holder)
}

/// SQLite's own wait for a lock ends after 5 seconds; a load must outwait a writer that holds
/// the database longer (another load's index build, a `query --write`), in every write it
/// makes: recording its dictionaries, deciding on a bulk load, its batches. So must a
/// `query --write`.
#[test]
fn ingest_and_query_write_outwait_a_writer_that_holds_the_lock_for_longer_than_sqlite_waits() {
    let (d, holder) = locked_after_a_load();
    let second = d.write("second.jsonl", corpus(20, "s"));
    let mut ingest = spawn(&d, &["ingest", second.to_str().unwrap()]);
    let update = "UPDATE articles SET title = 'waited' WHERE ext_id = 'f1'";
    let mut write = spawn(&d, &["query", "--write", update]);
    std::thread::sleep(Duration::from_secs(6));
    let waited = ingest.try_wait().unwrap().is_none() && write.try_wait().unwrap().is_none();
    holder.execute_batch("COMMIT").unwrap();
    let written = write.wait_with_output().unwrap();
    succeeded(&written);
    assert_eq!(
        d.count("SELECT COUNT(*) FROM articles WHERE title = 'waited'"),
        1
    );
    let out = ingest.wait_with_output().unwrap();
    succeeded(&out);
    assert!(
        waited,
        "the ingest did not wait for the lock: the test proves nothing"
    );
    // Once, with the database's path, so that a stalled progress bar has its reason.
    let told = String::from_utf8_lossy(&out.stderr).into_owned();
    let notice = "test.db: another process is writing to it; waiting for its turn";
    assert_eq!(told.matches(notice).count(), 1, "{told}");
    assert_eq!(
        d.count("SELECT COUNT(*) FROM articles WHERE ext_id LIKE 's%'"),
        20
    );
    assert_eq!(
        d.count("SELECT COUNT(*) FROM articles WHERE ext_id = 'f0'"),
        0
    );
}

/// `search` indexes new sentences before searching, which needs the write lock. While another
/// process keeps the lock, it waits a little (a running load leaves it free every second),
/// then searches the index as it is and says so, instead of waiting the ten minutes a load
/// would; once the lock is free, the next search indexes and finds the new sentences.
#[test]
fn search_waits_briefly_for_a_writer_that_keeps_the_lock_then_searches_what_is_indexed() {
    let (d, holder) = locked_after_a_load();
    let started = Instant::now();
    let (stale, _) = watched(&d, &["search", "drills"], Duration::from_secs(60));
    let took = started.elapsed();
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(stale.code(), 0, "{}", stale.stderr());
    assert!(took >= Duration::from_secs(10), "it did not wait: {took:?}");
    let err = stale.stderr();
    assert_eq!(
        err.matches("another process is writing to it; waiting for its turn (up to 10 seconds)")
            .count(),
        1,
        "{err}"
    );
    assert!(
        err.contains(
            "test.db: another process kept it locked, so the search index may miss recent articles"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        stale.stdout().contains("no sentence matches"),
        "{}",
        stale.stdout()
    );
    let fresh = d.run(&["search", "drills"]);
    assert!(
        fresh.stdout().contains("4 matching sentences"),
        "{}",
        fresh.stdout()
    );
    assert_eq!(fresh.stderr(), "");
}

/// Loads that create the database together all succeed. Each switches the new file to WAL,
/// and SQLite answers that switch with SQLITE_BUSY, without waiting, while another load has
/// begun writing.
#[test]
fn loads_that_create_the_database_together_all_succeed() {
    for round in 0..5 {
        let d = Dir::new();
        let small = d.write("small.jsonl", corpus(5, "s"));
        let large = d.write("large.jsonl", corpus(3000, "l"));
        let loads: Vec<_> = [small, large]
            .iter()
            .map(|f| spawn(&d, &["ingest", "--quiet", f.to_str().unwrap()]))
            .collect();
        for load in loads {
            let out = load.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "round {round}: {err}");
        }
        assert_eq!(d.count("SELECT COUNT(*) FROM articles"), 3005);
    }
}
