//! Schema migrations: `schema/NNN_*.sql` applied in order, keyed on `PRAGMA user_version`.

use anyhow::{Result, bail};
use rusqlite::Connection;

/// The migrations, in order; the version after applying file i is i + 1.
const MIGRATIONS: &[(&str, &str)] = &[
    ("001_core.sql", include_str!("../../schema/001_core.sql")),
    ("002_views.sql", include_str!("../../schema/002_views.sql")),
    (
        "003_dictionaries.sql",
        include_str!("../../schema/003_dictionaries.sql"),
    ),
    ("004_fts.sql", include_str!("../../schema/004_fts.sql")),
    (
        "005_event_codes.sql",
        include_str!("../../schema/005_event_codes.sql"),
    ),
    (
        "006_fts_by_article.sql",
        include_str!("../../schema/006_fts_by_article.sql"),
    ),
    (
        "007_drop_events_pair.sql",
        include_str!("../../schema/007_drop_events_pair.sql"),
    ),
    (
        "008_fts_queue_by_writer.sql",
        include_str!("../../schema/008_fts_queue_by_writer.sql"),
    ),
    (
        "009_fts_hashsize.sql",
        include_str!("../../schema/009_fts_hashsize.sql"),
    ),
    (
        "010_dedup_index.sql",
        include_str!("../../schema/010_dedup_index.sql"),
    ),
];

/// Migrations that rebuild a table, taken only by a database without articles: on a full one
/// they would copy every article (13 GB at a million) for a change that only a bulk load
/// gains from. A database that skips one keeps an equivalent older form.
const ONLY_WHEN_EMPTY: &[&str] = &["010_dedup_index.sql"];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the schema up to date: every pending migration inside one transaction, so an old
/// database is either fully migrated or left as it was.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    apply(conn, MIGRATIONS)
}

fn apply(conn: &Connection, migrations: &[(&str, &str)]) -> Result<()> {
    let latest = migrations.len() as i64;
    if check_version(conn)? >= latest {
        return Ok(());
    }
    super::write_transaction(conn, |conn| pending(conn, migrations))
}

/// Applies the migrations the database lacks; the caller holds the write transaction.
fn pending(conn: &Connection, migrations: &[(&str, &str)]) -> Result<()> {
    // Re-read under the write lock: another process may have migrated while we waited.
    let from = check_version(conn)?;
    for (i, (name, sql)) in migrations.iter().enumerate().skip(from as usize) {
        if ONLY_WHEN_EMPTY.contains(name) && !super::is_empty(conn)? {
            log::info!("schema/{name}: kept the older form, as the database holds articles");
        } else {
            conn.execute_batch(sql)
                .map_err(|e| anyhow::anyhow!("schema/{name}: {e}"))?;
        }
        conn.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    Ok(())
}

/// The database's schema version; an error if a newer actorgraph wrote it.
pub fn check_version(conn: &Connection) -> Result<i64> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > LATEST_VERSION {
        bail!(
            "database schema version {version} is newer than this actorgraph understands ({LATEST_VERSION}): upgrade actorgraph"
        );
    }
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_fresh_and_refuses_newer() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(check_version(&conn).unwrap(), LATEST_VERSION);
        migrate(&mut conn).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
        let err = migrate(&mut conn).unwrap_err().to_string();
        assert!(err.contains("newer"), "{err}");
    }

    #[test]
    fn a_failing_migration_leaves_the_database_as_it_was() {
        let conn = Connection::open_in_memory().unwrap();
        apply(&conn, &MIGRATIONS[..1]).unwrap();
        let broken = [
            MIGRATIONS[0],
            ("002_ok.sql", "CREATE TABLE t (x);"),
            ("003_bad.sql", "NOT SQL"),
        ];
        let err = apply(&conn, &broken).unwrap_err().to_string();
        assert!(err.starts_with("schema/003_bad.sql"), "{err}");
        assert_eq!(check_version(&conn).unwrap(), 1);
        let t: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 't'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(t, 0, "002 was rolled back with 003");
    }

    #[test]
    fn version_7_drops_the_pair_index_and_keeps_the_events() {
        let conn = Connection::open_in_memory().unwrap();
        apply(&conn, &MIGRATIONS[..6]).unwrap();
        conn.execute_batch(
            "INSERT INTO articles (id, ext_id, raw_text, text, content_hash) VALUES (1, 'a', 'x', 'x', 'h');
             INSERT INTO actors (id, name, type) VALUES (1, 'A', 'state'), (2, 'B', 'state');
             INSERT INTO events (article_id, sentence_idx, source_id, target_id, relation, cameo,
                                 trigger_start, trigger_end, evidence_start, evidence_end, rule, confidence)
             VALUES (1, 1, 1, 2, 'threaten', '13', 0, 1, 0, 1, 'r', 1.0);",
        )
        .unwrap();
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let pair = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'events_pair'";
        assert_eq!(count(pair), 1);
        apply(&conn, MIGRATIONS).unwrap();
        assert_eq!(count(pair), 0);
        assert_eq!(count("SELECT COUNT(*) FROM v_edges WHERE weight = 1"), 1);
    }

    #[test]
    fn version_9_gives_the_full_text_index_a_32_mib_buffer() {
        let conn = Connection::open_in_memory().unwrap();
        apply(&conn, &MIGRATIONS[..8]).unwrap();
        let hashsize = || -> Option<i64> {
            conn.query_row(
                "SELECT v FROM sentences_fts_config WHERE k = 'hashsize'",
                [],
                |r| r.get(0),
            )
            .ok()
        };
        assert_eq!(hashsize(), None, "FTS5's default before 009");
        apply(&conn, MIGRATIONS).unwrap();
        assert_eq!(hashsize(), Some(32 << 20));
    }

    /// FTS5's own check that the index equals its content.
    fn index_matches(conn: &Connection) {
        conn.execute(
            "INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .expect("full-text index out of sync with sentences");
    }

    #[test]
    fn a_version_5_search_queue_carries_over_to_the_article_queue() {
        let conn = Connection::open_in_memory().unwrap();
        apply(&conn, &MIGRATIONS[..5]).unwrap();
        let article = |id: i64| {
            conn.execute(
                "INSERT INTO articles (id, ext_id, raw_text, text, content_hash)
                 VALUES (?1, 'a', '', '', ?1)",
                [id],
            )
            .unwrap();
        };
        let sentence = |a: i64, i: i64, text: &str| {
            conn.execute(
                "INSERT INTO sentences VALUES (?1, ?2, 0, 0, ?3)",
                rusqlite::params![a, i, text],
            )
            .unwrap();
        };
        // Version 5: article 1 fully indexed; then article 2 added and one sentence of
        // article 1 edited, both left in the queue.
        article(1);
        sentence(1, 1, "Ankara warned Athens");
        sentence(1, 2, "Athens replied");
        article(2);
        conn.execute_batch(
            "INSERT INTO sentences_fts (rowid, text) SELECT article_id * 1048576 + idx, text FROM sentences;
             DELETE FROM sentences_fts_pending;",
        )
        .unwrap();
        sentence(2, 1, "Cairo hosted Amman");
        conn.execute(
            "UPDATE sentences SET text = 'Athens protested' WHERE article_id = 1 AND idx = 2",
            [],
        )
        .unwrap();
        apply(&conn, MIGRATIONS).unwrap();
        crate::store::search::index_pending(&conn, crate::store::WRITE_WAIT).unwrap();
        index_matches(&conn);
        let hits = |q: &str| -> i64 {
            conn.query_row(
                "SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH ?1",
                [q],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(
            (hits("Ankara"), hits("protested"), hits("replied")),
            (1, 1, 0)
        );
        assert_eq!(hits("Cairo"), 1);
        // Under 006: one sentence of an indexed article deleted, the other kept.
        conn.execute("DELETE FROM sentences WHERE article_id = 1 AND idx = 2", [])
            .unwrap();
        crate::store::search::index_pending(&conn, crate::store::WRITE_WAIT).unwrap();
        index_matches(&conn);
        assert_eq!((hits("protested"), hits("Ankara")), (0, 1));
        // An edit, a rebuild-style replacement and a new article, then one indexing.
        conn.execute(
            "UPDATE sentences SET text = 'Ankara threatened Athens' WHERE article_id = 1 AND idx = 1",
            [],
        )
        .unwrap();
        conn.execute("DELETE FROM sentences WHERE article_id = 2", [])
            .unwrap();
        conn.execute("INSERT OR IGNORE INTO sentences_fts_todo VALUES (2)", [])
            .unwrap();
        sentence(2, 1, "Cairo thanked Amman");
        article(3);
        // Since 008 the writer queues new articles, and so must a hand insert.
        conn.execute("INSERT INTO sentences_fts_todo VALUES (3)", [])
            .unwrap();
        sentence(3, 1, "Cairo hosted Riyadh");
        crate::store::search::index_pending(&conn, crate::store::WRITE_WAIT).unwrap();
        index_matches(&conn);
        assert_eq!(
            (hits("threatened"), hits("warned"), hits("hosted")),
            (1, 0, 1)
        );
        assert_eq!((hits("thanked"), hits("Athens")), (1, 1));
    }

    /// The dedup index's form, and whether a second copy of a text is refused.
    fn dedup_form(conn: &Connection) -> (bool, bool) {
        let named: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'articles_content_hash')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let copy = conn.execute(
            "INSERT INTO articles (ext_id, raw_text, text, content_hash) VALUES ('b', 'x', 'x', 'h')",
            [],
        );
        (named, copy.is_err())
    }

    #[test]
    fn version_10_names_the_dedup_index_of_an_empty_database_and_leaves_a_full_one_as_it_is() {
        let empty = Connection::open_in_memory().unwrap();
        apply(&empty, MIGRATIONS).unwrap();
        empty
            .execute_batch("INSERT INTO articles (ext_id, raw_text, text, content_hash) VALUES ('a', 'x', 'x', 'h');")
            .unwrap();
        assert_eq!(dedup_form(&empty), (true, true));

        let full = Connection::open_in_memory().unwrap();
        apply(&full, &MIGRATIONS[..9]).unwrap();
        full.execute_batch(
            "INSERT INTO articles (id, ext_id, raw_text, text, content_hash) VALUES (1, 'a', 'x', 'x', 'h');
             INSERT INTO sentences VALUES (1, 1, 0, 1, 'x');",
        )
        .unwrap();
        apply(&full, MIGRATIONS).unwrap();
        assert_eq!(check_version(&full).unwrap(), LATEST_VERSION);
        assert_eq!(dedup_form(&full), (false, true), "the inline UNIQUE stays");
        let kept: i64 = full
            .query_row("SELECT COUNT(*) FROM sentences", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 1);
    }
}
