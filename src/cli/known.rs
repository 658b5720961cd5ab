//! Which texts are already stored, told before extraction so that a repeat costs no
//! extraction. The dedup index stays the authority, except in a load into an empty database,
//! where this answers exactly and the writer builds that index at the end.

use crate::store::TextKeys;
use foldhash::HashSet;
use rusqlite::{Connection, OptionalExtension};

/// The texts one run has sent to the writer, by [`TextKeys::key`]: 16 bytes a text, 16-32 MB
/// a million with the table's slack.
#[derive(Default)]
pub(super) struct Sent(HashSet<u128>);

impl Sent {
    /// True the first time it is given a text.
    pub(super) fn first(&mut self, keys: &TextKeys) -> bool {
        self.0.insert(keys.key)
    }
}

/// Answers "is this text already stored?" for `ingest`.
pub(super) struct Known<'a> {
    /// A read-only connection to the database; `None` when it could not be opened.
    lookup: Option<&'a Connection>,
    /// Set when the database held no article at the start: the texts this run has sent to
    /// the writer. No other text can be stored (one stored meanwhile by another process is
    /// caught by the writer), so it answers without a lookup, and exactly, which lets the
    /// writer drop the dedup index until the end of the load (store::Writer::for_unique_texts).
    /// Why: each lookup reads its index pages again after every commit, and they ran on the
    /// reading thread while the extraction threads waited (0.6 core-s at 100,000 articles).
    sent: Option<Sent>,
}

impl<'a> Known<'a> {
    pub(super) fn new(lookup: Option<&'a Connection>) -> Known<'a> {
        let empty = lookup.is_some_and(|conn| crate::store::is_empty(conn).unwrap_or(false));
        Known {
            lookup,
            sent: empty.then(Sent::default),
        }
    }

    /// True when every text it says no to is unique in the database and among those it said
    /// no to: the writer may then load without the dedup index.
    pub(super) fn exact(&self) -> bool {
        self.sent.is_some()
    }

    /// True when the text is committed, or was sent this run into an empty database; a text
    /// it says no to is taken as sent to the writer.
    pub(super) fn stored(&mut self, keys: &TextKeys) -> bool {
        match &mut self.sent {
            Some(sent) => !sent.first(keys),
            None => self.lookup.is_some_and(|conn| is_stored(conn, &keys.hash)),
        }
    }
}

/// True when the database has committed a text with this content hash.
fn is_stored(conn: &Connection, hash: &str) -> bool {
    let found = conn
        .prepare_cached("SELECT 1 FROM articles WHERE content_hash = ?1")
        .and_then(|mut st| st.query_row([hash], |_| Ok(())).optional());
    // On a lookup error the writer's own check still keeps the text unique.
    matches!(found, Ok(Some(())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> (TextKeys, TextKeys) {
        (TextKeys::new("one"), TextKeys::new("two"))
    }

    fn database() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        drop(crate::store::open(&path).unwrap());
        (dir, path)
    }

    fn store(path: &std::path::Path, hash: &str) {
        let conn = crate::store::open(path).unwrap();
        conn.execute(
            "INSERT INTO articles (ext_id, raw_text, text, content_hash) VALUES ('a', 'x', 'x', ?1)",
            [hash],
        )
        .unwrap();
    }

    #[test]
    fn into_an_empty_database_a_text_is_known_once_sent_and_never_looked_up() {
        let (_dir, path) = database();
        let lookup = crate::store::open_read_only(&path).unwrap();
        let mut known = Known::new(Some(&lookup));
        assert!(known.exact());
        let (one, two) = texts();
        // Stored behind its back: the writer catches that one, not this.
        store(&path, &one.hash);
        assert!(!known.stored(&one));
        assert!(known.stored(&one), "sent once");
        assert!(!known.stored(&two));
        assert!(known.stored(&two));
    }

    #[test]
    fn into_a_database_with_articles_every_text_is_looked_up() {
        let (_dir, path) = database();
        let (one, two) = texts();
        store(&path, &one.hash);
        let lookup = crate::store::open_read_only(&path).unwrap();
        let mut known = Known::new(Some(&lookup));
        assert!(!known.exact());
        assert!(known.stored(&one));
        assert!(!known.stored(&two));
        assert!(!known.stored(&two), "not stored, so not known");
    }
}
