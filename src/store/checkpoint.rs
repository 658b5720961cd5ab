//! WAL checkpoints on a helper thread, so the single writer seldom stops to copy pages.
//!
//! Why: SQLite's automatic checkpoint runs in the commit that fills the WAL: on the writer
//! thread, the pipeline's narrowest stage, which then reads the WAL back, writes every page
//! into the database file and waits for two fsyncs while extraction stalls on a full queue.
//! Here the writer only signals its commits, and a helper with its own connection runs a
//! PASSIVE checkpoint after each one, which never blocks the writer or a reader. The
//! writer's automatic checkpoint stays, as the backstop that restarts the WAL: when it fires,
//! the helper has already copied all but the last commit.

use crossbeam_channel::{Sender, TrySendError};
use rusqlite::Connection;
use std::thread::JoinHandle;

/// The helper thread and the way to wake it; dropping it waits for a running checkpoint.
pub struct Checkpointer {
    wake: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// A helper for the database file `conn` writes to; `None` for an in-memory database or
    /// when a second connection cannot be had (the automatic checkpoint then does it all).
    pub fn start(conn: &Connection) -> Option<Checkpointer> {
        let path = conn.path().filter(|p| !p.is_empty())?;
        let helper = Connection::open(path).ok()?;
        helper.busy_timeout(super::BUSY_TIMEOUT).ok()?;
        let (wake, asked) = crossbeam_channel::bounded::<()>(1);
        let thread = std::thread::Builder::new()
            .name("checkpoint".into())
            .spawn(move || {
                for () in asked {
                    // A failed checkpoint leaves its pages to the next one or to the backstop.
                    let done = helper.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                    if let Err(e) = done {
                        log::debug!("checkpoint: {e}");
                    }
                }
            })
            .ok()?;
        Some(Checkpointer {
            wake: Some(wake),
            thread: Some(thread),
        })
    }

    /// Asks for a checkpoint after a commit; one already asked for covers this one.
    pub fn committed(&self) {
        if let Some(wake) = &self.wake {
            if let Err(TrySendError::Disconnected(())) = wake.try_send(()) {
                log::debug!("checkpoint: the helper thread has stopped");
            }
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.wake.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::OpenFlags;

    /// Rows in the database file itself, leaving the WAL aside.
    fn rows_in_file(path: &std::path::Path) -> i64 {
        let uri = format!("file:{}?immutable=1", path.display());
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let file = Connection::open_with_flags(uri, flags).unwrap();
        file.query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
            .unwrap_or(0)
    }

    #[test]
    fn the_helper_copies_a_commit_into_the_database_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3);")
            .unwrap();
        assert_eq!(rows_in_file(&path), 0, "the commit is only in the WAL");
        let helper = Checkpointer::start(&conn).unwrap();
        helper.committed();
        drop(helper); // waits for the checkpoint
        assert_eq!(rows_in_file(&path), 3);
    }

    #[test]
    fn an_in_memory_database_has_no_helper() {
        let conn = Connection::open_in_memory().unwrap();
        assert!(Checkpointer::start(&conn).is_none());
    }
}
