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
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies every pending migration, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let mut version = check_version(conn)?;
    while version < LATEST_VERSION {
        let (name, sql) = MIGRATIONS[version as usize];
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current > version {
            version = current;
            continue;
        }
        tx.execute_batch(sql)
            .map_err(|e| anyhow::anyhow!("schema/{name}: {e}"))?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
        version += 1;
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
}
