//! Secondary indexes that a bulk load into an empty database builds once at its end
//! (schema/deferred_indexes.sql), and the full-text key index that it leaves to the first
//! search (schema/search_key_index.sql).

use anyhow::{Context, Result};
use rusqlite::Connection;

/// `CREATE INDEX IF NOT EXISTS` statements, one per deferred index.
const DEFERRED: &str = include_str!("../../schema/deferred_indexes.sql");
/// `CREATE INDEX IF NOT EXISTS` for the index that only the full-text search reads through.
pub const SEARCH_KEY: &str = include_str!("../../schema/search_key_index.sql");

/// The deferred indexes' names, in file order.
fn names() -> impl Iterator<Item = &'static str> {
    names_in(DEFERRED)
}

/// The names of the indexes that `sql` creates.
fn names_in(sql: &'static str) -> impl Iterator<Item = &'static str> {
    sql.lines()
        .filter_map(|l| l.strip_prefix("CREATE INDEX IF NOT EXISTS "))
        .filter_map(|rest| rest.split_whitespace().next())
}

/// How many deferred indexes the database lacks.
pub fn missing(conn: &Connection) -> Result<usize> {
    let mut st = conn
        .prepare_cached("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?1")?;
    let mut n = 0;
    for name in names() {
        let found: i64 = st.query_row([name], |r| r.get(0))?;
        n += usize::from(found == 0);
    }
    Ok(n)
}

/// Creates whichever deferred index is missing (a sort of its table each); a no-op, without
/// a write lock, when none is.
pub fn ensure(conn: &Connection) -> Result<()> {
    if missing(conn)? > 0 {
        log::info!("building the secondary indexes");
        super::write_transaction(conn, |conn| Ok(conn.execute_batch(DEFERRED)?))
            .context("building the secondary indexes")?;
    }
    Ok(())
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

/// Drops the deferred indexes and the full-text key index, for a bulk load that builds the
/// former again at its end.
pub fn drop_deferred(conn: &Connection) -> Result<()> {
    for name in names().chain(names_in(SEARCH_KEY)) {
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
        let all = DEFERRED.lines().chain(SEARCH_KEY.lines());
        for line in all.filter(|l| l.starts_with("CREATE")) {
            let name = line.split_whitespace().nth(5).unwrap();
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
        drop_deferred(&conn).unwrap();
        assert_eq!(missing(&conn).unwrap(), 4);
        assert!(search_key_missing(&conn).unwrap());
        ensure(&conn).unwrap();
        assert_eq!(missing(&conn).unwrap(), 0);
        assert!(
            search_key_missing(&conn).unwrap(),
            "only a search builds it"
        );
        crate::store::search::index_pending(&conn, crate::store::WRITE_WAIT).unwrap();
        assert!(!search_key_missing(&conn).unwrap());
    }
}
