-- The full-text index gathers 32 MiB of new terms in memory before it writes a segment.
--
-- Why: the first `search` after a load indexes every new sentence in one statement
-- (store::search::index_pending). With FTS5's default of 1 MiB, 100,000 generated articles
-- (3.4 M sentences) were written as hundreds of small segments and merged again: 19.0 s.
-- With 32 MiB: 10.7 s, at 52 MB peak memory instead of 10 MB (64 MiB: 10.3 s and 97 MB;
-- 128 MiB: 11.3 s and 186 MB). A small batch never fills the buffer, so nothing changes for
-- the searches that follow an ordinary ingest.
--
-- FTS5 keeps the setting in sentences_fts_config, so it holds for any program that writes
-- to the index.

INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('hashsize', 33554432);
