//! Stage 4, store: the SQLite database. Opening applies pragmas and migrations; writing
//! stores each article whole or not at all; reading streams rows for graph and export.

mod checkpoint;
pub mod indexes;
mod migrate;
pub mod read;
mod rows;
pub mod search;
mod write;

pub use migrate::{LATEST_VERSION, migrate};
pub use write::{Inserted, TextKeys, Writer, is_empty};

use anyhow::{Context, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::Path;
use std::time::{Duration, Instant};

/// Bytes per database page, for databases created from now on (SQLite's default is 4096).
pub const PAGE_SIZE: i64 = 16_384;
/// How long SQLite itself waits for a lock before reporting SQLITE_BUSY.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a writer keeps retrying `BEGIN IMMEDIATE` while another process writes.
pub const WRITE_WAIT: Duration = Duration::from_secs(600);

/// How long a writer waits before saying that it is waiting.
const WAIT_NOTICE: Duration = Duration::from_secs(3);

/// Starts a write transaction, waiting (up to [`WRITE_WAIT`]) while another process writes.
pub fn begin_immediate(conn: &Connection) -> Result<()> {
    begin_within(conn, WRITE_WAIT)
}

/// [`begin_immediate`], giving up after `limit`.
fn begin_within(conn: &Connection, limit: Duration) -> Result<()> {
    while_busy_within(conn, limit, || conn.execute_batch("BEGIN IMMEDIATE"))
}

/// Runs `f` again every millisecond while it fails with SQLITE_BUSY, for up to [`WRITE_WAIT`]:
/// SQLite's own wait gives up after [`BUSY_TIMEOUT`], and some lock requests (switching a
/// new database to WAL) do not wait at all. After [`WAIT_NOTICE`] it says, once per run,
/// that it waits, so that a stalled progress bar has its reason.
pub fn while_busy<T>(conn: &Connection, f: impl FnMut() -> rusqlite::Result<T>) -> Result<T> {
    while_busy_within(conn, WRITE_WAIT, f)
}

/// [`while_busy`], giving up after `limit` instead of [`WRITE_WAIT`].
fn while_busy_within<T>(
    conn: &Connection,
    limit: Duration,
    mut f: impl FnMut() -> rusqlite::Result<T>,
) -> Result<T> {
    static TOLD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let started = Instant::now();
    let db = || conn.path().unwrap_or("the database").to_string();
    loop {
        match f() {
            Ok(v) => return Ok(v),
            Err(e) if is_busy(&e) && started.elapsed() < limit => {
                if started.elapsed() >= WAIT_NOTICE
                    && !TOLD.swap(true, std::sync::atomic::Ordering::Relaxed)
                {
                    eprintln!(
                        "actorgraph: {}: another process is writing to it; waiting for its turn (up to {})",
                        db(),
                        in_words(limit)
                    );
                }
                std::thread::sleep(Duration::from_millis(1));
            }
            Err(e) if is_busy(&e) => {
                return Err(anyhow::Error::new(e).context(format!(
                    "{}: the database stayed locked by another process for {}: try again later",
                    db(),
                    in_words(limit)
                )));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// "10 minutes", "10 seconds": a wait as the messages say it.
fn in_words(d: Duration) -> String {
    match d.as_secs() {
        s if s >= 120 && s % 60 == 0 => format!("{} minutes", s / 60),
        1 => "1 second".to_string(),
        s => format!("{s} seconds"),
    }
}

/// Runs `f` inside a write transaction begun by [`begin_immediate`]: committed when `f`
/// succeeds, rolled back when it fails. Every write outside the ingest batches goes through
/// here, so none gives up after SQLite's own [`BUSY_TIMEOUT`] while another process loads.
pub fn write_transaction<T>(
    conn: &Connection,
    f: impl FnOnce(&Connection) -> Result<T>,
) -> Result<T> {
    write_transaction_within(conn, WRITE_WAIT, f)
}

/// [`write_transaction`], giving up waiting for the lock after `limit`.
pub fn write_transaction_within<T>(
    conn: &Connection,
    limit: Duration,
    f: impl FnOnce(&Connection) -> Result<T>,
) -> Result<T> {
    begin_within(conn, limit)?;
    match f(conn) {
        Ok(v) => {
            conn.execute_batch("COMMIT")?;
            Ok(v)
        }
        Err(e) => {
            if !conn.is_autocommit() {
                conn.execute_batch("ROLLBACK")?;
            }
            Err(e)
        }
    }
}

/// True when `e` ends in SQLite's "database is locked": another process kept the lock.
pub fn is_locked(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<rusqlite::Error>())
        .any(is_busy)
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// Opens (creating if needed) a database for writing and brings its schema up to date.
pub fn open(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open(path)
        .with_context(|| format!("{}: cannot open database", path.display()))?;
    pragmas(&conn, true)?;
    migrate(&mut conn).with_context(|| format!("{}", path.display()))?;
    // A bulk load killed before its end leaves its deferred indexes to the next writer.
    indexes::ensure(&conn).with_context(|| format!("{}", path.display()))?;
    Ok(conn)
}

/// An in-memory database with the schema, for `eval` and tests.
pub fn open_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    pragmas(&conn, false)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// How reading commands open a database: writes fail and the file is never created.
const READ_ONLY: OpenFlags = OpenFlags::SQLITE_OPEN_READ_ONLY
    .union(OpenFlags::SQLITE_OPEN_URI)
    .union(OpenFlags::SQLITE_OPEN_NO_MUTEX);

/// Opens an existing database read-only: writes fail, the file is never created. Warns when
/// a load has left out the secondary indexes (reads may be slow until a writer builds them).
pub fn open_read_only(path: &Path) -> Result<Connection> {
    let conn = open_reader(path)?;
    warn_missing_indexes(&conn, path);
    Ok(conn)
}

/// [`open_read_only`] without the warning, for a writer's own lookups: it builds the indexes.
pub fn open_reader(path: &Path) -> Result<Connection> {
    if !path.exists() {
        anyhow::bail!(
            "{}: no such database: run `actorgraph ingest` first, or pass --db",
            path.display()
        );
    }
    let mut conn = Connection::open_with_flags(path, READ_ONLY)
        .with_context(|| format!("{}: cannot open database", path.display()))?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    if let Err(e) = migrate::check_version(&conn) {
        conn = match immutable(path, &e) {
            Some(c) => c,
            None => return Err(e.context(format!("{}", path.display()))),
        };
        migrate::check_version(&conn).with_context(|| format!("{}", path.display()))?;
    }
    Ok(conn)
}

/// A second way in when reading failed because SQLite could not create its `-wal` and `-shm`
/// files beside the database (a folder the user cannot write, a read-only share). With no
/// `-wal` file there, no writer has the database open and every committed page is in the
/// file itself, so it can be read as immutable: without locks and without those files.
fn immutable(path: &Path, err: &anyhow::Error) -> Option<Connection> {
    let code = err
        .downcast_ref::<rusqlite::Error>()?
        .sqlite_error()?
        .extended_code;
    // READONLY_DIRECTORY where the folder denies writing; CANTOPEN where creating is refused
    // otherwise (an immutable folder, a read-only mount).
    let refused = [
        rusqlite::ffi::SQLITE_READONLY_DIRECTORY,
        rusqlite::ffi::SQLITE_CANTOPEN,
    ];
    if !refused.contains(&code) || beside(path, "-wal").exists() {
        return None;
    }
    let mut uri = String::from("file:");
    for c in path.to_str()?.chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    Connection::open_with_flags(uri, READ_ONLY).ok()
}

/// The path of a file SQLite keeps beside the database (`-wal`, `-shm`).
fn beside(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    p.into()
}

/// Removes the empty `-wal` and `-shm` files that read-only connections leave beside a
/// database. SQLite deletes them only when the last connection to close can write, so one
/// that can is opened and closed; if any other process still has the database open, SQLite
/// sees its lock and leaves both files. A database that cannot be written is left as is.
pub fn tidy(path: &Path) {
    if !beside(path, "-wal").exists() && !beside(path, "-shm").exists() {
        return;
    }
    // Never SQLITE_OPEN_CREATE: tidying must not make a database where there was none.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if let Ok(conn) = Connection::open_with_flags(path, flags) {
        // SQLite opens the WAL lazily: a read makes this connection one of its users.
        let _ = conn.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |_| Ok(()));
    }
}

/// Says so when a load into an empty database is running or was killed before building its
/// indexes: reads stay correct but may be slow until a writer builds them.
fn warn_missing_indexes(conn: &Connection, path: &Path) {
    if indexes::missing(conn).is_ok_and(|n| n > 0) {
        eprintln!(
            "actorgraph: warning: {}: some indexes are missing (a first load is running or was interrupted), so queries may be slow; the next write builds them, e.g. `actorgraph query --write \"SELECT 1\"`",
            path.display()
        );
    }
}

fn pragmas(conn: &Connection, wal: bool) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Only a new database takes it, and only before its first write (switching to WAL is
    // one). An article row of both texts (about 5 KB) then fits a page instead of spilling
    // into overflow pages, and a load makes a quarter of the write calls: on 10,000 generated
    // articles the kernel's share of the CPU fell from 0.50 to 0.31 core-seconds.
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    if wal {
        // Two loads that create the database together both switch it; one gets SQLITE_BUSY.
        while_busy(conn, || conn.pragma_update(None, "journal_mode", "WAL"))?;
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_said_in_minutes_when_whole_and_long_else_in_seconds() {
        assert_eq!(in_words(WRITE_WAIT), "10 minutes");
        assert_eq!(in_words(Duration::from_secs(10)), "10 seconds");
        assert_eq!(in_words(Duration::from_secs(90)), "90 seconds");
        assert_eq!(in_words(Duration::from_secs(1)), "1 second");
    }

    fn page_size(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_new_database_gets_large_pages_and_an_old_one_keeps_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.db");
        assert_eq!(page_size(&open(&new).unwrap()), PAGE_SIZE);

        let old = dir.path().join("old.db");
        let made = Connection::open(&old).unwrap();
        made.execute_batch("PRAGMA page_size = 4096; CREATE TABLE before_us (x);")
            .unwrap();
        drop(made);
        let conn = open(&old).unwrap();
        assert_eq!(page_size(&conn), 4096);
        let n: i64 = conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "the schema was still created");
    }
}
