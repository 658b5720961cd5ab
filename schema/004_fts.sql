-- Full-text search over sentences (FTS5), for `actorgraph search`.
--
-- Key: `sentences` is WITHOUT ROWID and FTS5 needs an integer key, so the index is keyed on
-- article_id * 1048576 + idx (an article has far fewer than 2^20 sentences) and reads text
-- back through a view over that key; an index on the same expression makes a read one lookup.
--
-- Sync: triggers only queue changes (sentences_fts_pending, sentences_fts_deleted); the
-- queue is applied in one statement by store::search::index_pending, which `search` runs
-- first. Writing FTS5 from a trigger inside ingest's per-article savepoints cost ~65% of
-- ingest time; a queue insert costs a few percent, and the bulk index is fast.
--
-- Query it with
--   SELECT rowid >> 20 AS article_id, rowid & 1048575 AS idx FROM sentences_fts
--   WHERE sentences_fts MATCH 'ultimatum'

CREATE INDEX sentences_fts_key ON sentences(article_id * 1048576 + idx);

-- The index's content: one row per sentence under its integer key.
CREATE VIEW sentences_fts_content AS
SELECT article_id * 1048576 + idx AS key, text FROM sentences;

-- Porter stemming, so "threaten" finds "threatened" and "threatens".
CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text,
    content = 'sentences_fts_content',
    content_rowid = 'key',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Sentences stored but not yet in the index.
CREATE TABLE sentences_fts_pending (
    article_id INTEGER NOT NULL,
    idx        INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

-- Indexed sentences since deleted: FTS5 needs the old text to take them out.
CREATE TABLE sentences_fts_deleted (
    key  INTEGER PRIMARY KEY,
    text TEXT NOT NULL
);

CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT OR IGNORE INTO sentences_fts_pending VALUES (new.article_id, new.idx);
END;

-- A sentence still pending was never indexed: it only leaves the queue.
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT OR IGNORE INTO sentences_fts_deleted (key, text)
    SELECT old.article_id * 1048576 + old.idx, old.text
    WHERE NOT EXISTS (SELECT 1 FROM sentences_fts_pending
                      WHERE article_id = old.article_id AND idx = old.idx);
    DELETE FROM sentences_fts_pending WHERE article_id = old.article_id AND idx = old.idx;
END;

CREATE TRIGGER sentences_fts_update AFTER UPDATE OF article_id, idx, text ON sentences BEGIN
    INSERT OR IGNORE INTO sentences_fts_deleted (key, text)
    SELECT old.article_id * 1048576 + old.idx, old.text
    WHERE NOT EXISTS (SELECT 1 FROM sentences_fts_pending
                      WHERE article_id = old.article_id AND idx = old.idx);
    DELETE FROM sentences_fts_pending WHERE article_id = old.article_id AND idx = old.idx;
    INSERT OR IGNORE INTO sentences_fts_pending VALUES (new.article_id, new.idx);
END;

-- Sentences stored before this version are indexed by the first search.
INSERT INTO sentences_fts_pending SELECT article_id, idx FROM sentences;
