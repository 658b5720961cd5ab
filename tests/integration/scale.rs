//! Parallel ingest stores exactly what a one-thread ingest stores, over a generated corpus.

use crate::util::Dir;
use std::process::Command;

/// Every table's rows in id order, without the ingest timestamp.
const DUMP: &str = "SELECT group_concat(r, '|') FROM (
    SELECT id || ext_id || content_hash || origin AS r FROM articles
    UNION ALL SELECT article_id || ',' || idx || ',' || start || ',' || \"end\" FROM sentences
    UNION ALL SELECT id || name || code || type FROM actors
    UNION ALL SELECT actor_id || alias FROM actor_aliases
    UNION ALL SELECT id || ',' || article_id || ',' || actor_id || ',' || start || how FROM mentions
    UNION ALL SELECT id || ',' || article_id || ',' || source_id || relation || target_id || rule FROM events)";

/// Events and mentions without their row ids (which `rebuild` renumbers).
const CONTENT: &str = "SELECT group_concat(r, '|') FROM (
    SELECT article_id || ',' || sentence_idx || ',' || source_id || relation || target_id || rule AS r FROM events
    UNION ALL SELECT article_id || ',' || actor_id || ',' || start || how FROM mentions ORDER BY 1)";

fn ingest(threads: &str, corpus: &std::path::Path) -> (String, i64) {
    let d = Dir::new();
    let out = Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(["--db", d.db().to_str().unwrap(), "ingest", "--quiet"])
        .arg(corpus)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dump = d.rows(DUMP)[0][0].clone();
    // The writer skips foreign-key checks for speed: every reference must still resolve.
    assert!(d.rows("PRAGMA foreign_key_check").is_empty());
    // A parallel rebuild with the same dictionaries re-creates the same events and mentions.
    let before = d.rows(CONTENT);
    d.run(&["search", "talks"]).ok();
    d.run(&["rebuild", "--quiet"]).ok();
    assert!(d.rows(CONTENT) == before, "rebuild changed the extraction");
    assert!(d.rows("PRAGMA foreign_key_check").is_empty());
    // It drops the indexes by actor and by target while it runs, and builds them again.
    assert_eq!(
        d.count(
            "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('mentions_actor', 'events_target')"
        ),
        2
    );
    // The search index, filled before the rebuild, follows it: each sentence once.
    d.run(&["search", "talks"]).ok();
    assert_eq!(
        d.count("SELECT COUNT(*) FROM sentences_fts"),
        d.count("SELECT COUNT(*) FROM sentences")
    );
    let conn = rusqlite::Connection::open(d.db()).unwrap();
    conn.execute(
        "INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .expect("full-text index out of sync with sentences");
    (dump, d.count("SELECT COUNT(*) FROM articles"))
}

#[test]
fn parallel_ingest_stores_what_one_thread_stores() {
    let d = Dir::new();
    // 600 records: three chunks, with the generator's repeated texts among them.
    let generated = Command::new(env!("CARGO_BIN_EXE_actorgraph-gen"))
        .args(["600", "--seed", "7"])
        .output()
        .unwrap();
    assert!(generated.status.success());
    let corpus = d.write("corpus.jsonl", &generated.stdout);
    let (one, n) = ingest("1", &corpus);
    let (four, _) = ingest("4", &corpus);
    assert!(n > 500 && n < 600, "some repeats were dropped: {n}");
    assert!(one == four, "the databases differ");
}
