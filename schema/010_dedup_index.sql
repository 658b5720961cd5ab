-- The dedup key becomes a named unique index instead of the column's inline UNIQUE, so that
-- a load into an empty database can drop it and build it at its end like the other deferred
-- indexes (schema/dedup_index.sql, store/indexes.rs). Kept row by row, its random keys made
-- every commit rewrite a page of it per article once it outgrew a batch: at a million
-- generated articles the load wrote 55 GB (WAL and checkpoints) for a 14 GB database.
--
-- Taken only by a database without articles (store/migrate.rs), since it rebuilds the table:
-- on a full one that would copy every article for nothing, as a load into it is never a bulk
-- load. Such a database keeps its inline UNIQUE, which enforces the same rule.
--
-- The columns are those of schema/001_core.sql; only the dedup key's form changes.

DROP TABLE articles;
CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    ext_id       TEXT NOT NULL,               -- the article's id from its input
    title        TEXT,
    date         TEXT,                        -- YYYY-MM-DD when known
    source       TEXT,                        -- the outlet
    url          TEXT,
    raw_text     TEXT NOT NULL,               -- the body as read, before cleaning
    text         TEXT NOT NULL,               -- the cleaned body
    content_hash TEXT NOT NULL,               -- blake3 of `text`: the dedup key (unique, below)
    origin       TEXT,                        -- file[:line] it was read from
    ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_ext_id ON articles(ext_id);
CREATE INDEX articles_date ON articles(date);
CREATE UNIQUE INDEX articles_content_hash ON articles(content_hash);
