//! Which texts are already stored, told before extraction so that a repeat costs no
//! extraction (the writer's unique content hash stays the authority).

use rusqlite::{Connection, OptionalExtension};

/// Bits of the filter of texts sent this run: 2 MiB, whatever the corpus size.
const FILTER_BITS: u64 = 1 << 24;

/// Answers "is this content hash already stored?" for `ingest`.
pub(super) struct Known<'a> {
    /// A read-only connection to the database; `None` when it could not be opened.
    lookup: Option<&'a Connection>,
    /// Set when the database held no article at the start: a bit per hash of the texts this
    /// run has sent to the writer. No other text can be stored (one stored meanwhile by
    /// another process is caught by the writer), so a clear bit answers without a lookup.
    /// Why: each lookup reads its index pages again after every commit, and they ran on the
    /// reading thread while the extraction threads waited (0.6 core-s at 100,000 articles).
    sent: Option<Vec<u64>>,
}

impl<'a> Known<'a> {
    pub(super) fn new(lookup: Option<&'a Connection>) -> Known<'a> {
        let empty = lookup.is_some_and(|conn| crate::store::is_empty(conn).unwrap_or(false));
        Known {
            lookup,
            sent: empty.then(|| vec![0; (FILTER_BITS / 64) as usize]),
        }
    }

    /// True when a text with this content hash (lower-case hex) is committed; a text it says
    /// no to is taken as sent to the writer.
    pub(super) fn stored(&mut self, hash: &str) -> bool {
        if let Some(bits) = &mut self.sent {
            let slot =
                u64::from_str_radix(hash.get(..16).unwrap_or("0"), 16).unwrap_or(0) % FILTER_BITS;
            let (word, bit) = ((slot / 64) as usize, 1u64 << (slot % 64));
            if bits[word] & bit == 0 {
                bits[word] |= bit;
                return false;
            }
        }
        self.lookup.is_some_and(|conn| is_stored(conn, hash))
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

    const H1: &str = "00000000000000010000";
    const H2: &str = "00000000000000020000";

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
    fn into_an_empty_database_only_a_text_seen_before_is_looked_up() {
        let (_dir, path) = database();
        let lookup = crate::store::open_read_only(&path).unwrap();
        let mut known = Known::new(Some(&lookup));
        // Stored behind the filter's back: a first sight answers without looking.
        store(&path, H1);
        assert!(!known.stored(H1));
        assert!(known.stored(H1), "a second sight looks it up");
        assert!(!known.stored(H2));
    }

    #[test]
    fn into_a_database_with_articles_every_text_is_looked_up() {
        let (_dir, path) = database();
        store(&path, H1);
        let lookup = crate::store::open_read_only(&path).unwrap();
        let mut known = Known::new(Some(&lookup));
        assert!(known.stored(H1));
        assert!(!known.stored(H2));
    }
}
