//! Writing: each article with its sentences, mentions and events, stored whole or not at all;
//! many articles share one transaction for speed, and a storage error rolls back the open one.
//!
//! Concurrency: the write transaction is opened lazily, when there is something to write, and
//! committed every [`BATCH`] articles or [`BATCH_TIME`], so another process waiting to write
//! gets the lock while this one is busy extracting. Actors are looked up in the database on a
//! cache miss, since another process may have added them.

use super::checkpoint::Checkpointer;
use super::rows::Inserts;
use crate::model::{Extraction, Origin, RawArticle};
use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, params};
// foldhash: these maps are keyed by names and looked up per mention; SipHash was 1.7% of all
// instructions (callgrind, 2,000 articles).
use foldhash::{HashMap, HashMapExt, HashSet};
use std::time::{Duration, Instant};

/// Articles per transaction: large enough to amortize the commit, small enough to lose little.
/// Each commit writes every page it changed to the WAL, and the hash, date and id indexes of
/// `articles` take their keys at random, so in a large database a commit of 256 articles
/// rewrote hundreds of their pages; 1024 cut a 100,000-article load from 16.3-17.3 s to
/// 14.4-15.4 s (runs alternated).
const BATCH: usize = 1024;
/// Bytes of WAL at which the writer checkpoints itself, should the helper fall behind.
const WAL_LIMIT: i64 = 32 << 20;
/// The longest a transaction stays open, so concurrent writers take turns.
const BATCH_TIME: Duration = Duration::from_millis(250);
/// How often a writer leaves the lock free between batches, and for how long. Without the
/// gap the next `BEGIN IMMEDIATE` follows `COMMIT` within microseconds, a waiting load
/// (polling every millisecond) seldom sees the lock free, and it waited for the whole of the
/// other load; the gap costs under 0.5% of the writer's time.
const TURN_EVERY: Duration = Duration::from_secs(1);
const TURN_GAP: Duration = Duration::from_millis(5);

/// What happened to one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// Stored under this id.
    Added(i64),
    /// The same cleaned text is already stored (under this id).
    Duplicate(i64),
}

/// A batched writer over an open connection.
pub struct Writer<'c> {
    conn: &'c Connection,
    /// canonical name → (id, code)
    actors: HashMap<String, (i64, String)>,
    /// (actor id, alias) pairs known to be stored: most mentions repeat one, and skipping the
    /// `INSERT OR IGNORE` saves a third of the statements per article.
    aliases: HashMap<i64, HashSet<String>>,
    pending: usize,
    /// When the open write transaction began; `None` when none is open.
    began: Option<Instant>,
    /// When this writer last left the lock free for others.
    turn: Instant,
    /// Loading into an empty database, or rebuilding: deferred indexes are built at the end.
    bulk: bool,
    purpose: Purpose,
    sentences: Inserts<'c>,
    mentions: Inserts<'c>,
    events: Inserts<'c>,
    /// Checkpoints the WAL off this thread (store/checkpoint.rs).
    checkpointer: Option<Checkpointer>,
}

impl<'c> Writer<'c> {
    /// A writer; its write transaction starts with the first write.
    pub fn new(conn: &'c Connection) -> Result<Writer<'c>> {
        Self::open(conn, Purpose::Store)
    }

    /// A writer whose caller never sends a text twice, nor one stored before the load began
    /// (`ingest` and `load` check each against all they sent): a load into an empty database
    /// then builds the dedup index at its end too.
    pub fn for_unique_texts(conn: &'c Connection) -> Result<Writer<'c>> {
        Self::open(conn, Purpose::StoreUniqueTexts)
    }

    /// A writer that replaces every stored article's extraction (`rebuild`): it builds the
    /// indexes of mentions by actor and events by target at its end.
    pub fn for_rebuild(conn: &'c Connection) -> Result<Writer<'c>> {
        Self::open(conn, Purpose::Rebuild)
    }

    fn open(conn: &'c Connection, purpose: Purpose) -> Result<Writer<'c>> {
        let mut w = Writer {
            conn,
            actors: HashMap::new(),
            aliases: HashMap::new(),
            pending: 0,
            began: None,
            turn: Instant::now(),
            bulk: false,
            purpose,
            sentences: Inserts::new("sentences", "article_id, idx, start, \"end\", text"),
            mentions: Inserts::new(
                "mentions",
                "article_id, sentence_idx, actor_id, start, \"end\", surface, how",
            ),
            events: Inserts::new(
                "events",
                "article_id, sentence_idx, source_id, target_id, relation, cameo, trigger_start, \
                 trigger_end, evidence_start, evidence_end, rule, confidence, source_code, target_code",
            ),
            checkpointer: Checkpointer::start(conn),
        };
        tune(conn)?;
        w.reload_actors()?;
        // Decided and acted on under the write lock, so it waits for another load, never races it.
        w.bulk = super::write_transaction(conn, |conn| bulk_load(conn, purpose))?;
        Ok(w)
    }

    /// Opens the write transaction unless one is open, waiting for other writers.
    fn begin(&mut self) -> Result<()> {
        if self.began.is_none() {
            super::begin_immediate(self.conn)?;
            self.began = Some(Instant::now());
        }
        Ok(())
    }

    /// Commits the open transaction, if any.
    fn commit(&mut self) -> Result<()> {
        log::debug!("commit: {} articles in this transaction", self.pending);
        if self.began.take().is_some() {
            self.conn.execute_batch("COMMIT")?;
            if let Some(c) = &self.checkpointer {
                c.committed();
            }
            if self.purpose == Purpose::Rebuild {
                // Once a rebuild's page cache was full, nearly every page it touched was read
                // again from the OS (24 misses an article against 0.4 before, 15 s of 26 in
                // the kernel at 100,000 articles), so it starts each batch with an empty one.
                self.conn.execute_batch("PRAGMA shrink_memory")?;
            }
        }
        self.pending = 0;
        Ok(())
    }

    /// Records the dictionaries in force (`name\tentries\tfingerprint` lines).
    pub fn dictionaries(&mut self, sources: &[String]) -> Result<()> {
        self.begin()?;
        let mut st = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO dictionaries (name, entries, fingerprint) VALUES (?1, ?2, ?3)",
        )?;
        for line in sources {
            let mut f = line.split('\t');
            let (name, n, fp) = (
                f.next().unwrap_or(""),
                f.next().unwrap_or("0"),
                f.next().unwrap_or(""),
            );
            st.execute(params![name, n.parse::<i64>().unwrap_or(0), fp])?;
        }
        Ok(())
    }

    /// The id of the stored article with this content hash, if any.
    pub fn existing(&self, hash: &str) -> Result<Option<i64>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?;
        Ok(st.query_row([hash], |r| r.get(0)).optional()?)
    }

    /// Stores one article whole, or nothing of it, and skips it if its text is already stored.
    /// `keys` are `text`'s, made by [`TextKeys::new`] (on an extraction thread, ideally).
    pub fn article(
        &mut self,
        origin: &Origin,
        raw: &RawArticle,
        text: &str,
        keys: &TextKeys,
        ex: &Extraction,
    ) -> Result<Inserted> {
        // Inside the write transaction, so no other process can store the same text meanwhile.
        // The insert itself tells a stored text (one lookup fewer for every new article).
        self.atomically(|w| {
            let Some(id) = w.insert_article(origin, raw, text, &keys.hash)? else {
                let id = w
                    .existing(&keys.hash)?
                    .context("a duplicate text without its row")?;
                return Ok(Inserted::Duplicate(id));
            };
            w.insert_extraction(id, text, &keys.chars, ex)?;
            Ok(Inserted::Added(id))
        })
    }

    /// Replaces a stored article's sentences, mentions and events (for `rebuild`).
    pub fn replace(&mut self, article_id: i64, text: &str, ex: &Extraction) -> Result<()> {
        self.atomically(|w| {
            for table in ["events", "mentions", "sentences"] {
                w.conn
                    .prepare_cached(&format!("DELETE FROM {table} WHERE article_id = ?1"))?
                    .execute([article_id])?;
            }
            // Deleting indexed sentences queued the article for the search index; one that had
            // none is queued here (schema/006_fts_by_article.sql).
            w.conn
                .prepare_cached("INSERT OR IGNORE INTO sentences_fts_todo VALUES (?1)")?
                .execute([article_id])?;
            w.insert_extraction(article_id, text, &CharMap::new(text), ex)
        })
    }

    /// Runs `f` for one article inside the open transaction. Every caller stops at the first
    /// storage error, so instead of a savepoint per article (a sixth of ingest's CPU) an error
    /// rolls back the whole open batch: no article is ever half-stored, and the articles of
    /// that batch are simply not stored (ingesting again stores them).
    fn atomically<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.begin()?;
        match f(self) {
            Ok(v) => {
                self.pending += 1;
                let old = self.began.is_some_and(|t| t.elapsed() >= BATCH_TIME);
                if self.pending >= BATCH || old {
                    self.commit()?;
                    self.give_turn();
                }
                Ok(v)
            }
            Err(e) => {
                if self.began.take().is_some() {
                    self.conn.execute_batch("ROLLBACK")?;
                }
                self.pending = 0;
                // Caches may name rows the rollback removed.
                self.reload_actors()?;
                self.aliases.clear();
                Err(e)
            }
        }
    }

    /// Between batches, leaves the lock free for [`TURN_GAP`] once every [`TURN_EVERY`].
    fn give_turn(&mut self) {
        if self.turn.elapsed() >= TURN_EVERY {
            std::thread::sleep(TURN_GAP);
            self.turn = Instant::now();
        }
    }

    fn reload_actors(&mut self) -> Result<()> {
        let mut st = self.conn.prepare("SELECT name, id, code FROM actors")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?))))?;
        self.actors = rows.collect::<Result<_, _>>()?;
        Ok(())
    }

    /// True when `finish` will build the deferred indexes (a load into an empty database).
    pub fn builds_indexes(&self) -> bool {
        self.bulk
    }

    /// Commits what is pending and, after a bulk load, builds the deferred indexes.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        if self.bulk {
            // The index builds sort whole tables: in files, or memory grows with the corpus
            // (254 MB at 100k articles, against 12 MB), and on every core, idle by then. The
            // sorter hands work to its helper threads only run by run, and a run is as large
            // as the page cache, so a 1 MiB cache splits the sort: the build at the end of
            // 10k articles took 380-430 ms instead of 490-620 ms, and mentions_actor at 100k
            // 1.15 s instead of 2.1 s.
            self.conn.pragma_update(None, "temp_store", "FILE")?;
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            self.conn.pragma_update(None, "threads", cores as i64)?;
            self.conn.pragma_update(None, "cache_size", -1024)?; // KiB
            super::indexes::ensure_all(self.conn)?;
        }
        Ok(())
    }

    /// Inserts the article's row; `None` when its text is already stored.
    fn insert_article(
        &mut self,
        origin: &Origin,
        raw: &RawArticle,
        text: &str,
        hash: &str,
    ) -> Result<Option<i64>> {
        let mut st = self.conn.prepare_cached(
            // OR IGNORE: `ON CONFLICT (content_hash)` would need the dedup index, which a bulk
            // load drops.
            "INSERT OR IGNORE INTO articles (ext_id, title, date, source, url, raw_text, text, content_hash, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let inserted = st.execute(params![
            raw.ext_id,
            raw.title,
            raw.date,
            raw.source,
            raw.url,
            raw.text,
            text,
            hash,
            origin.to_string()
        ])?;
        if inserted == 0 {
            return Ok(None);
        }
        let id = self.conn.last_insert_rowid();
        // For the full-text index (schema/008_fts_queue_by_writer.sql).
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO sentences_fts_todo VALUES (?1)")?
            .execute([id])?;
        Ok(Some(id))
    }

    /// Inserts an article's sentences, mentions and events, many rows a statement
    /// (store/rows.rs).
    fn insert_extraction(
        &mut self,
        id: i64,
        text: &str,
        chars: &CharMap,
        ex: &Extraction,
    ) -> Result<()> {
        let rows = Rows {
            id,
            text,
            chars,
            ex,
        };
        self.insert_sentences(&rows)?;
        let ids: Vec<i64> = ex
            .actors
            .iter()
            .map(|a| self.actor_id(a))
            .collect::<Result<_>>()?;
        self.insert_mentions(&rows, &ids)?;
        self.insert_aliases(&rows, &ids)?;
        self.insert_events(&rows, &ids)
    }

    fn insert_sentences(&mut self, rows: &Rows) -> Result<()> {
        let (text, chars) = (rows.text, rows.chars);
        let sentences = &rows.ex.sentences;
        self.sentences.run(self.conn, sentences.len(), |st, p, i| {
            let s = sentences[i];
            st.raw_bind_parameter(p + 1, rows.id)?;
            st.raw_bind_parameter(p + 2, i as i64 + 1)?;
            st.raw_bind_parameter(p + 3, chars.at(s.start))?;
            st.raw_bind_parameter(p + 4, chars.at(s.end))?;
            st.raw_bind_parameter(p + 5, &text[s.start..s.end])
        })
    }

    /// `ids`: the database id of each of the extraction's actors.
    fn insert_mentions(&mut self, rows: &Rows, ids: &[i64]) -> Result<()> {
        let (text, chars) = (rows.text, rows.chars);
        let mentions = &rows.ex.mentions;
        self.mentions.run(self.conn, mentions.len(), |st, p, i| {
            let m = &mentions[i];
            st.raw_bind_parameter(p + 1, rows.id)?;
            st.raw_bind_parameter(p + 2, m.sentence as i64 + 1)?;
            st.raw_bind_parameter(p + 3, ids[m.actor])?;
            st.raw_bind_parameter(p + 4, chars.at(m.start))?;
            st.raw_bind_parameter(p + 5, chars.at(m.end))?;
            st.raw_bind_parameter(p + 6, &text[m.start..m.end])?;
            st.raw_bind_parameter(p + 7, m.how)
        })
    }

    /// Records the names under which the article's actors were found, once per new name.
    fn insert_aliases(&mut self, rows: &Rows, ids: &[i64]) -> Result<()> {
        let mut alias = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?1, ?2)",
        )?;
        for m in rows.ex.mentions.iter().filter(|m| m.how == "name") {
            let (actor, surface) = (ids[m.actor], &rows.text[m.start..m.end]);
            // Looked up without allocating: most mentions repeat a known alias.
            if !(self.aliases.get(&actor)).is_some_and(|set| set.contains(surface)) {
                alias.execute(params![actor, surface])?;
                self.aliases
                    .entry(actor)
                    .or_default()
                    .insert(surface.to_string());
            }
        }
        Ok(())
    }

    /// `ids`: the database id of each of the extraction's actors.
    fn insert_events(&mut self, rows: &Rows, ids: &[i64]) -> Result<()> {
        let chars = rows.chars;
        let events = &rows.ex.events;
        self.events.run(self.conn, events.len(), |st, p, i| {
            let e = &events[i];
            let s = rows.ex.sentences[e.sentence];
            st.raw_bind_parameter(p + 1, rows.id)?;
            st.raw_bind_parameter(p + 2, e.sentence as i64 + 1)?;
            st.raw_bind_parameter(p + 3, ids[e.source])?;
            st.raw_bind_parameter(p + 4, ids[e.target])?;
            st.raw_bind_parameter(p + 5, e.relation.name())?;
            st.raw_bind_parameter(p + 6, e.relation.cameo())?;
            st.raw_bind_parameter(p + 7, chars.at(e.trigger.0))?;
            st.raw_bind_parameter(p + 8, chars.at(e.trigger.1))?;
            st.raw_bind_parameter(p + 9, chars.at(s.start))?;
            st.raw_bind_parameter(p + 10, chars.at(s.end))?;
            st.raw_bind_parameter(p + 11, &e.rule)?;
            st.raw_bind_parameter(p + 12, e.confidence as f64)?;
            st.raw_bind_parameter(p + 13, &e.source_code)?;
            st.raw_bind_parameter(p + 14, &e.target_code)
        })
    }

    /// The database id of an actor, inserting it (or filling in a missing code) as needed.
    fn actor_id(&mut self, a: &crate::model::Actor) -> Result<i64> {
        if let Some((id, code)) = self.actors.get(&a.name) {
            let id = *id;
            if code.is_empty() && !a.code.is_empty() {
                self.conn
                    .prepare_cached("UPDATE actors SET code = ?2, country = ?3 WHERE id = ?1")?
                    .execute(params![id, a.code, a.country])?;
                self.actors.insert(a.name.clone(), (id, a.code.clone()));
            }
            return Ok(id);
        }
        // Another process may have stored the actor since the cache was filled.
        let stored: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT id, code FROM actors WHERE name = ?1")?
            .query_row([&a.name], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some(v) = stored {
            self.actors.insert(a.name.clone(), v);
            return self.actor_id(a);
        }
        let mut st = self.conn.prepare_cached(
            "INSERT INTO actors (name, code, type, country) VALUES (?1, ?2, ?3, ?4)",
        )?;
        st.execute(params![a.name, a.code, a.kind.as_str(), a.country])?;
        let id = self.conn.last_insert_rowid();
        self.actors.insert(a.name.clone(), (id, a.code.clone()));
        Ok(id)
    }
}

/// What a writer is for, which decides the indexes it may build at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// Storing articles.
    Store,
    /// Storing articles that are unique among themselves and new to the database.
    StoreUniqueTexts,
    /// Replacing every article's extraction.
    Rebuild,
}

/// Whether this is a bulk load, which drops deferred indexes and builds them at its end:
/// into an empty database that has them all, or a rebuild (the indexes of the tables it
/// rewrites). One missing means another load is under way (or was killed), so it is built
/// here, before this one writes: of two loads, at most one ever writes without the dedup
/// index, and its own texts are unique.
fn bulk_load(conn: &Connection, purpose: Purpose) -> Result<bool> {
    if super::indexes::missing(conn)? > 0 {
        super::indexes::create_missing(conn)?;
        return Ok(false);
    }
    if purpose == Purpose::Rebuild {
        log::info!("rebuild: the indexes of the rewritten tables are built after it");
        super::indexes::drop_rewritten(conn)?;
        return Ok(true);
    }
    let empty = is_empty(conn)?;
    if empty {
        log::info!("empty database: secondary indexes are built after the load");
        super::indexes::drop_deferred(conn, purpose == Purpose::StoreUniqueTexts)?;
    }
    Ok(empty)
}

/// Per-connection settings for bulk writing: temporary structures in memory, a page cache
/// that keeps a batch's index pages, and a WAL restarted every [`WAL_LIMIT`] bytes. Foreign
/// keys are not checked while the writer lives: it only writes ids it has just read or
/// inserted, and the checks were a tenth of its work (the ingest tests run
/// `PRAGMA foreign_key_check`); dropping the writer turns them back on.
fn tune(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", -32_768)?; // KiB: 32 MiB
    // Counted in pages, which differ between databases: 32 MiB of WAL.
    let page: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0))?;
    conn.pragma_update(None, "wal_autocheckpoint", WAL_LIMIT / page.max(512))?;
    Ok(())
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        // Outside a transaction this takes effect; inside one (an error path), the connection
        // is being abandoned anyway.
        let _ = self.conn.pragma_update(None, "foreign_keys", "ON");
    }
}

/// True when no article is stored.
pub fn is_empty(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM articles)", [], |r| {
            r.get(0)
        })?,
    )
}

/// What the writer derives from a cleaned text: its dedup hash and its byte-to-character
/// offset map. Made where the text is extracted, since the single writer thread is the
/// pipeline's bottleneck (these were 5% of its work).
pub struct TextKeys {
    /// The dedup key: blake3 of the text, in hex (`articles.content_hash`).
    pub hash: String,
    /// The hash's first 128 bits, for sets of texts held in memory: two of a billion texts
    /// share them with a chance of about 1 in 10^20.
    pub key: u128,
    chars: CharMap,
}

impl TextKeys {
    /// The keys of a cleaned text.
    pub fn new(text: &str) -> TextKeys {
        let digest = blake3::hash(text.as_bytes());
        let bytes = digest.as_bytes();
        TextKeys {
            hash: digest.to_hex().to_string(),
            key: u128::from_be_bytes(std::array::from_fn(|i| bytes[i])),
            chars: CharMap::new(text),
        }
    }
}

/// One article's extraction, as the insert statements read it.
#[derive(Clone, Copy)]
struct Rows<'a> {
    /// The article's database id.
    id: i64,
    text: &'a str,
    chars: &'a CharMap,
    ex: &'a Extraction,
}

/// Byte offset → character offset, cheap for ASCII text.
struct CharMap {
    /// Byte offset of every UTF-8 continuation byte, in order; empty for ASCII. Sparse,
    /// since most letters of most articles are ASCII: a list of every char start cost a
    /// third of TextKeys::new and its lookups went through 12 halvings instead of about 3.
    continuations: Vec<usize>,
}

impl CharMap {
    fn new(text: &str) -> CharMap {
        const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
        let bytes = text.as_bytes();
        let mut continuations = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            // Eight ASCII bytes at a time: most of an article is ASCII even when some of it
            // is not (a byte at a time was half of TextKeys::new).
            if let Some(word) = bytes.get(i..i + 8) {
                let word = u64::from_ne_bytes(word.try_into().expect("eight bytes"));
                if word & HIGH_BITS == 0 {
                    i += 8;
                    continue;
                }
            }
            if bytes[i] & 0xC0 == 0x80 {
                continuations.push(i);
            }
            i += 1;
        }
        CharMap { continuations }
    }

    /// The character offset of a byte offset on a char boundary: the bytes before it
    /// minus the continuation bytes among them.
    fn at(&self, byte: usize) -> i64 {
        (byte - self.continuations.partition_point(|&b| b < byte)) as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row that fails inside an article's multi-row INSERT (`OR FAIL` keeps the rows
    /// before it) still leaves nothing of the open batch: the writer rolls it all back, and
    /// it can store again afterwards.
    #[test]
    fn a_failing_row_rolls_back_the_whole_open_batch() {
        let dir = tempfile::tempdir().unwrap();
        let conn = super::super::open(&dir.path().join("t.db")).unwrap();
        let dicts = crate::dict::Dictionaries::builtin().unwrap();
        let article = |id: &str, text: &str| {
            let raw = RawArticle {
                ext_id: id.to_string(),
                title: None,
                date: None,
                source: None,
                url: None,
                text: text.to_string(),
            };
            let ex = crate::extract::extract_dated(text, &dicts, None);
            (raw, ex)
        };
        let origin = Origin {
            file: "t.jsonl".to_string(),
            line: None,
        };
        let good = article(
            "a",
            "Russia demanded that Ukraine withdraw. France criticized Germany.",
        );
        let bad = article(
            "b",
            "Iran threatened Israel. China met Japan. Egypt condemned Iran.",
        );
        assert!(bad.1.mentions.len() > 2, "the failing row is not the first");
        // The third mention of "b" fails after two rows of the same statement went in.
        conn.execute_batch(
            "CREATE TRIGGER fail_third BEFORE INSERT ON mentions
             WHEN new.article_id = 2 AND (SELECT COUNT(*) FROM mentions WHERE article_id = 2) = 2
             BEGIN SELECT RAISE(FAIL, 'disk trouble'); END",
        )
        .unwrap();
        let count = |table: &str| -> i64 {
            conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        let mut w = Writer::new(&conn).unwrap();
        let store = |w: &mut Writer, (raw, ex): &(RawArticle, Extraction)| {
            let text = raw.text.clone();
            w.article(&origin, raw, &text, &TextKeys::new(&text), ex)
        };
        assert!(matches!(store(&mut w, &good), Ok(Inserted::Added(1))));
        let err = store(&mut w, &bad).unwrap_err();
        assert!(format!("{err:#}").contains("disk trouble"), "{err:#}");
        for table in ["articles", "sentences", "mentions", "events"] {
            assert_eq!(count(table), 0, "{table} keeps rows of the failed batch");
        }
        assert!(matches!(store(&mut w, &good), Ok(Inserted::Added(_))));
        w.finish().unwrap();
        assert_eq!(count("articles"), 1);
        assert_eq!(count("mentions") as usize, good.1.mentions.len());
    }

    /// A load of unique texts into an empty database writes without the dedup index and builds
    /// it at its end. A second load that starts meanwhile builds it first and is no bulk load,
    /// so two loads never both write without it.
    #[test]
    fn of_two_loads_into_an_empty_database_only_one_writes_without_the_dedup_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let has_it = |c: &Connection| -> bool {
            c.query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'articles_content_hash')",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        let (one, two) = (
            super::super::open(&path).unwrap(),
            super::super::open(&path).unwrap(),
        );
        let mut first = Writer::for_unique_texts(&one).unwrap();
        assert!(first.builds_indexes());
        assert!(!has_it(&one));
        let three = super::super::open(&path).unwrap();
        assert!(
            !has_it(&three),
            "opening leaves an empty database's dedup index to writers"
        );
        let mut second = Writer::for_unique_texts(&two).unwrap();
        assert!(!second.builds_indexes());
        assert!(has_it(&one));

        let dicts = crate::dict::Dictionaries::builtin().unwrap();
        let origin = Origin {
            file: "t.jsonl".to_string(),
            line: None,
        };
        let text = "Russia met Japan.".to_string();
        let ex = crate::extract::extract_dated(&text, &dicts, None);
        let raw = RawArticle {
            ext_id: "a".to_string(),
            title: None,
            date: None,
            source: None,
            url: None,
            text: text.clone(),
        };
        let keys = TextKeys::new(&text);
        let added = first.article(&origin, &raw, &text, &keys, &ex).unwrap();
        first.finish().unwrap();
        let again = second.article(&origin, &raw, &text, &keys, &ex).unwrap();
        second.finish().unwrap();
        assert!(matches!(added, Inserted::Added(_)));
        assert!(matches!(again, Inserted::Duplicate(_)));
    }

    /// A writer that stores without pause still leaves the lock free now and then: another
    /// connection that polls every millisecond, as `begin_immediate` does, gets in.
    #[test]
    fn a_long_load_leaves_the_lock_free_for_a_waiting_writer() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let conn = super::super::open(&path).unwrap();
        let dicts = crate::dict::Dictionaries::builtin().unwrap();
        let origin = Origin {
            file: "t.jsonl".to_string(),
            line: None,
        };
        let (holding, writing) = (AtomicBool::new(false), AtomicBool::new(true));
        let (got_in, ended) = std::thread::scope(|scope| {
            let waiter = scope.spawn(|| {
                let other = Connection::open(&path).unwrap();
                other.busy_timeout(Duration::ZERO).unwrap();
                // A deadline, so that a writer that panics fails the test instead of hanging it.
                let deadline = Instant::now() + Duration::from_secs(60);
                while !holding.load(Ordering::Relaxed) && Instant::now() < deadline {
                    std::thread::yield_now();
                }
                while writing.load(Ordering::Relaxed) && Instant::now() < deadline {
                    if other.execute_batch("BEGIN IMMEDIATE; COMMIT").is_ok() {
                        return Some(Instant::now());
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
                None
            });
            // Extracted beforehand, so that as in `ingest` the writer only writes; stored
            // again and again (as duplicates after the first round) without a pause.
            let articles: Vec<_> = (0..2000)
                .map(|i| {
                    let text = format!("Russia met Japan on day {i}.");
                    let ex = crate::extract::extract_dated(&text, &dicts, None);
                    let raw = RawArticle {
                        ext_id: i.to_string(),
                        title: None,
                        date: None,
                        source: None,
                        url: None,
                        text,
                    };
                    (TextKeys::new(&raw.text), raw, ex)
                })
                .collect();
            let mut w = Writer::new(&conn).unwrap();
            let started = Instant::now();
            // Twice the turn interval and a half, after the waiter has started polling.
            for (keys, raw, ex) in articles.iter().cycle() {
                w.article(&origin, raw, &raw.text, keys, ex).unwrap();
                holding.store(true, Ordering::Relaxed);
                if started.elapsed() > 2 * TURN_EVERY + TURN_EVERY / 2 {
                    break;
                }
            }
            // After the last write: a lock the waiter got before now, it got while the load ran.
            let ended = Instant::now();
            w.finish().unwrap();
            writing.store(false, Ordering::Relaxed);
            (waiter.join().unwrap(), ended)
        });
        assert!(
            got_in.is_some_and(|t| t < ended),
            "the waiting writer never saw the lock free while the load ran"
        );
    }

    #[test]
    fn char_offsets_count_characters_not_bytes() {
        for text in [
            "",
            "plain ASCII",
            "Zelenskyy – Кремль, “quoted” café 🇺🇦 end",
            // Non-ASCII at every offset of an eight-byte word, after long ASCII runs.
            "abcdefghijé12345678ü1234567890ñabcdefgh€",
        ] {
            let map = CharMap::new(text);
            for (n, (byte, _)) in text.char_indices().enumerate() {
                assert_eq!(map.at(byte), n as i64, "{text:?} at byte {byte}");
            }
            assert_eq!(map.at(text.len()), text.chars().count() as i64);
        }
    }
}
