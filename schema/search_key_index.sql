-- The key index that the full-text index reads sentences through (schema/004_fts.sql).
--
-- Only FTS5 uses it, to fetch a matched sentence's text for `highlight` and `snippet`. So a
-- load into an empty database drops it with the deferred indexes but does not build it at
-- its end (it was an eighth of that end-of-load sort); store::search::index_pending builds it
-- before it indexes the queued sentences, that is before the first `search`. Until then a
-- query of your own that calls highlight() on sentences_fts scans `sentences` per row.

CREATE INDEX IF NOT EXISTS sentences_fts_key ON sentences(article_id * 1048576 + idx);
