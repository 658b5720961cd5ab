//! Secondary indexes that a bulk load into an empty database builds once at its end
//! (schema/deferred_indexes.sql, and the dedup key's in schema/dedup_index.sql), and the
//! full-text key index that it leaves to the first search (schema/search_key_index.sql).

use anyhow::{Context, Result};
use rusqlite::Connection;

/// `CREATE INDEX IF NOT EXISTS` statements, one per deferred index.
const DEFERRED: &str = include_str!("../../schema/deferred_indexes.sql");
/// `CREATE UNIQUE INDEX IF NOT EXISTS` for the dedup key, deferred only by `ingest` and `load`.
const DEDUP: &str = include_str!("../../schema/dedup_index.sql");
/// `CREATE INDEX IF NOT EXISTS` for the index that only the full-text search reads through.
pub const SEARCH_KEY: &str = include_str!("../../schema/search_key_index.sql");

/// The deferred indexes' names, in file order.
fn names() -> impl Iterator<Item = &'static str> {
    names_in(DEFERRED)
}

/// The names of the indexes that `sql` creates.
fn names_in(sql: &'static str) -> impl Iterator<Item = &'static str> {
    sql.lines().filter_map(names_in_line)
}

/// The name of the index a line creates, if it creates one.
fn names_in_line(line: &str) -> Option<&str> {
    line.strip_prefix("CREATE INDEX IF NOT EXISTS ")
        .or_else(|| line.strip_prefix("CREATE UNIQUE INDEX IF NOT EXISTS "))
        .and_then(|rest| rest.split_whitespace().next())
}

/// How many deferred indexes the database lacks, the dedup key's included.
pub fn missing(conn: &Connection) -> Result<usize> {
    Ok(missing_deferred(conn)? + usize::from(dedup_missing(conn)?))
}

/// How many of schema/deferred_indexes.sql the database lacks.
fn missing_deferred(conn: &Connection) -> Result<usize> {
    let mut st = conn
        .prepare_cached("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?1")?;
    let mut n = 0;
    for name in names() {
        let found: i64 = st.query_row([name], |r| r.get(0))?;
        n += usize::from(found == 0);
    }
    Ok(n)
}

/// True when no unique index keeps `articles.content_hash` unique: neither the named one nor
/// the inline UNIQUE of a database migrated while full (schema/010_dedup_index.sql).
fn dedup_missing(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM pragma_index_list('articles') l
                            JOIN pragma_index_info(l.name) i
                            WHERE l.\"unique\" AND i.name = 'content_hash')",
        [],
        |r| r.get(0),
    )?)
}

/// Creates whichever deferred index is missing (a sort of its table each); a no-op, without
/// a write lock, when none is. An empty database's dedup index is left to the next writer
/// (store/write.rs, `bulk_load`): built here, a second load into it would find every index
/// in place and drop that one again while the first load still writes without it.
pub fn ensure(conn: &Connection) -> Result<()> {
    build(conn, !super::is_empty(conn)?)
}

/// [`ensure`], the dedup index included whatever the database holds: for the end of a load.
pub fn ensure_all(conn: &Connection) -> Result<()> {
    build(conn, true)
}

fn build(conn: &Connection, dedup: bool) -> Result<()> {
    let dedup = dedup && dedup_missing(conn)?;
    if dedup || missing_deferred(conn)? > 0 {
        super::write_transaction(conn, |conn| create(conn, dedup))?;
    }
    Ok(())
}

/// Creates every missing deferred index inside the caller's write transaction.
pub fn create_missing(conn: &Connection) -> Result<()> {
    create(conn, dedup_missing(conn)?)
}

fn create(conn: &Connection, dedup: bool) -> Result<()> {
    log::info!("building the secondary indexes");
    let dedup = if dedup { DEDUP } else { "" };
    conn.execute_batch(&format!("{DEFERRED}\n{dedup}"))
        .context("building the secondary indexes")
}

/// True when the full-text key index is missing (after a bulk load, until a search).
pub fn search_key_missing(conn: &Connection) -> Result<bool> {
    let name = names_in(SEARCH_KEY).next().unwrap_or_default();
    let found: i64 = conn.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?1",
        [name],
        |r| r.get(0),
    )?;
    Ok(found == 0)
}

/// Drops the deferred indexes of the tables `rebuild` rewrites: it deletes and inserts again
/// every article's mentions and events, whose indexes by actor and by target take those keys
/// at random, so every commit rewrote pages all over both (a 100,000-article rebuild took
/// nearly three times as long as the ingest).
pub fn drop_rewritten(conn: &Connection) -> Result<()> {
    for line in DEFERRED.lines() {
        let on = line.split(" ON ").nth(1).and_then(|t| t.split('(').next());
        if matches!(on, Some("mentions" | "events")) {
            let name = names_in_line(line).context("a deferred index without a name")?;
            conn.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
        }
    }
    Ok(())
}

/// Drops the deferred indexes and the full-text key index, for a bulk load that builds the
/// former again at its end; with `dedup`, the named dedup index too, if the database has it.
pub fn drop_deferred(conn: &Connection, dedup: bool) -> Result<()> {
    let dedup = names_in(DEDUP).filter(|_| dedup);
    for name in names().chain(names_in(SEARCH_KEY)).chain(dedup) {
        conn.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_deferred_index_repeats_a_migration_definition() {
        let conn = crate::store::open_memory().unwrap();
        assert_eq!(names().count(), 4);
        assert_eq!(missing(&conn).unwrap(), 0);
        assert!(!search_key_missing(&conn).unwrap());
        let all = DEFERRED
            .lines()
            .chain(SEARCH_KEY.lines())
            .chain(DEDUP.lines());
        for line in all.filter(|l| l.starts_with("CREATE")) {
            let name = names_in(line).next().unwrap();
            let sql: String = conn
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .unwrap();
            let ours = line.replace(" IF NOT EXISTS", "");
            assert_eq!(sql, ours.trim_end_matches(';'), "{name}");
        }
        drop_rewritten(&conn).unwrap();
        let left: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE name IN ('mentions_actor', 'events_target', 'articles_date', 'articles_ext_id') ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            left,
            ["articles_date", "articles_ext_id"],
            "rebuild keeps those of articles"
        );
        drop_deferred(&conn, false).unwrap();
        assert_eq!(missing(&conn).unwrap(), 4, "the dedup index stays");
        drop_deferred(&conn, true).unwrap();
        assert_eq!(missing(&conn).unwrap(), 5);
        assert!(search_key_missing(&conn).unwrap());
        ensure(&conn).unwrap();
        assert_eq!(
            missing(&conn).unwrap(),
            1,
            "an empty database's dedup index waits"
        );
        ensure_all(&conn).unwrap();
        assert_eq!(missing(&conn).unwrap(), 0);
        assert!(
            search_key_missing(&conn).unwrap(),
            "only a search builds it"
        );
        crate::store::search::index_pending(&conn, crate::store::WRITE_WAIT).unwrap();
        assert!(!search_key_missing(&conn).unwrap());
    }
}
