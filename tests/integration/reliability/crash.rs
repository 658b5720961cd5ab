//! SIGKILL at several moments of an ingest: every article is whole or absent, and running the
//! same ingest again completes the job.

use super::{corpus, spawn};
use crate::util::Dir;
use rusqlite::{Connection, OpenFlags};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// ext_id → (sentences, mentions, events) for every stored article.
/// Empty when a kill came before the schema existed.
fn contents(db: &std::path::Path) -> HashMap<String, (i64, i64, i64)> {
    let Ok(conn) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return HashMap::new();
    };
    let Ok(mut st) = conn.prepare(
        "SELECT ext_id, (SELECT COUNT(*) FROM sentences s WHERE s.article_id = a.id),
                    (SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id),
                    (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id)
             FROM articles a",
    ) else {
        return HashMap::new();
    };
    let rows = st
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn stored(db: &std::path::Path) -> i64 {
    let Ok(conn) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return 0;
    };
    conn.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))
        .unwrap_or(0)
}

#[test]
fn sigkill_leaves_whole_articles_and_a_rerun_completes() {
    const N: usize = 3000;
    let reference = Dir::new();
    let input = reference.write("feed.jsonl", corpus(N, "k"));
    let feed = input.to_str().unwrap();
    reference.run(&["ingest", "--quiet", feed]).ok();
    let want = contents(&reference.db());
    assert_eq!(want.len(), N);

    let d = Dir::new();
    let db = d.db();
    let mut partial = 0;
    // Kill at start-up (schema being created), then once 1, 800 and 2000 articles are stored.
    for after in [None, Some(1), Some(800), Some(2000)] {
        let bulk = stored(&db) == 0;
        let mut child = spawn(&d, &["ingest", "--quiet", feed]);
        let started = Instant::now();
        if let Some(n) = after {
            while stored(&db) < n && child.try_wait().unwrap().is_none() {
                assert!(started.elapsed() < Duration::from_secs(60));
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let got = contents(&db);
        for (id, counts) in &got {
            assert_eq!(
                Some(counts),
                want.get(id),
                "article {id} after a kill at {after:?}"
            );
        }
        if !got.is_empty() && got.len() < N {
            partial += 1;
        }
        if bulk && !got.is_empty() && got.len() < N {
            // A first load killed before its index build: readers are told, not left slow.
            let stats = d.run(&["stats"]);
            assert!(
                stats.stderr().contains("some indexes are missing"),
                "{}",
                stats.stderr()
            );
        }
    }
    assert!(
        partial >= 2,
        "the kills did not land mid-run: the test proves little"
    );
    d.run(&["ingest", "--quiet", feed]).ok();
    assert_eq!(contents(&db), want);
    // The first kill interrupted a bulk load, whose indexes come at its end: the next
    // writer built them.
    assert_eq!(indexes(&db), indexes(&reference.db()));
}

/// The names of the database's indexes.
fn indexes(db: &std::path::Path) -> Vec<String> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut st = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
        .unwrap();
    let names = st.query_map([], |r| r.get(0)).unwrap();
    names.collect::<Result<_, _>>().unwrap()
}
