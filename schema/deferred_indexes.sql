-- Secondary indexes a bulk load builds at its end instead of row by row.
--
-- When `ingest` or `load` starts on a database without articles, the writer drops these and
-- creates them again when it finishes: one sort per index instead of a B-tree insert per
-- row, which was ~40% of the writer's work. Opening a database for writing runs this file
-- whenever one of them is missing (after a killed bulk load, say), so no reader is ever
-- left without them for long; a missing index only slows queries, it never changes them.
--
-- Only indexes whose keys arrive in random order are deferred. Those on article_id get their
-- keys in increasing order during a load, so each entry is appended where the last one went:
-- kept row by row, they cost the writer no more than sorting them at the end did, and the
-- end-of-load build, when one core idles, took 44% less (callgrind, 2,000 articles).
-- The date and input-id indexes of `articles` take their keys at random too (an archive is
-- not read in date order, and ids are whatever the input has), and nothing reads them during
-- a load, so they wait as well: kept row by row, every commit rewrote pages all over both.
-- The content hash's unique index waits as well, but only in `ingest` and `load`, whose
-- readers then answer "already stored?" exactly on their own (schema/dedup_index.sql).
--
-- Each line must repeat a definition from the numbered migrations, with IF NOT EXISTS
-- (a unit test in store/indexes.rs compares them). The full-text index's key index is in
-- schema/search_key_index.sql instead: a bulk load drops it too, but only `search` builds it.

CREATE INDEX IF NOT EXISTS articles_ext_id ON articles(ext_id);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
CREATE INDEX IF NOT EXISTS mentions_actor ON mentions(actor_id);
CREATE INDEX IF NOT EXISTS events_target ON events(target_id);
