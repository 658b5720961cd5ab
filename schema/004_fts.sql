-- Full-text search over sentences (FTS5), for `actorgraph search`.
-- `sentences` is WITHOUT ROWID, and FTS5 needs an integer key, so the index is keyed on
-- article_id * 1048576 + idx (an article has far fewer than 2^20 sentences) and reads its
-- text back through a view over that key; an index on the same expression makes each read
-- one lookup. Query it with:
--   SELECT * FROM sentences_fts WHERE sentences_fts MATCH 'ultimatum'
-- and join back with article_id = rowid >> 20, idx = rowid & 1048575 (or use the view).

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

-- Kept in sync with sentences (ingest inserts, rebuild deletes and re-inserts).
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts (rowid, text) VALUES (new.article_id * 1048576 + new.idx, new.text);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts (sentences_fts, rowid, text)
    VALUES ('delete', old.article_id * 1048576 + old.idx, old.text);
END;
CREATE TRIGGER sentences_fts_update AFTER UPDATE ON sentences BEGIN
    INSERT INTO sentences_fts (sentences_fts, rowid, text)
    VALUES ('delete', old.article_id * 1048576 + old.idx, old.text);
    INSERT INTO sentences_fts (rowid, text) VALUES (new.article_id * 1048576 + new.idx, new.text);
END;

-- Sentences stored before this version.
INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild');
