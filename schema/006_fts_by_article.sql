-- The full-text index's queue, kept per article instead of per sentence.
--
-- Why: 004 queued every inserted sentence through a trigger, which made each sentence insert
-- a three-statement program with its own statement journal: a quarter of the writer's work
-- during ingest. Now an article is queued once, when it is inserted, and the triggers on
-- delete and update, which ingest never fires, keep the index exact.
--
-- Invariant: the index holds exactly the sentences of the articles that are NOT in
-- sentences_fts_todo, minus the (key, text) rows of sentences_fts_deleted, which are indexed
-- rows that left `sentences`. store::search::index_pending removes those, adds every
-- sentence of the queued articles and empties both tables, in one transaction.

CREATE TABLE sentences_fts_todo (
    article_id INTEGER PRIMARY KEY
);

-- From 004's queue: an article with any pending sentence is queued whole, and its sentences
-- that were already indexed come out of the index first, so none is indexed twice.
INSERT INTO sentences_fts_todo SELECT DISTINCT article_id FROM sentences_fts_pending;
INSERT OR IGNORE INTO sentences_fts_deleted (key, text)
SELECT s.article_id * 1048576 + s.idx, s.text
FROM sentences s
WHERE s.article_id IN (SELECT article_id FROM sentences_fts_todo)
  AND NOT EXISTS (SELECT 1 FROM sentences_fts_pending p
                  WHERE p.article_id = s.article_id AND p.idx = s.idx);

DROP TRIGGER sentences_fts_insert;
DROP TRIGGER sentences_fts_delete;
DROP TRIGGER sentences_fts_update;
DROP TABLE sentences_fts_pending;

-- A new article is queued once, by a trigger on `articles`; its sentences then cost nothing
-- extra. Code that replaces an article's sentences (store::write::Writer::replace) deletes
-- them first, which queues the article; adding sentences by hand to an indexed article
-- needs `INSERT OR IGNORE INTO sentences_fts_todo VALUES (article_id)`.
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
BEGIN
    INSERT OR IGNORE INTO sentences_fts_todo VALUES (new.id);
END;

-- A sentence removed from an indexed article (rebuild, a deleted article): the removed row
-- and the article's other indexed rows come out, and the article is queued whole.
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences
WHEN NOT EXISTS (SELECT 1 FROM sentences_fts_todo WHERE article_id = old.article_id)
BEGIN
    INSERT OR IGNORE INTO sentences_fts_deleted (key, text)
    VALUES (old.article_id * 1048576 + old.idx, old.text);
    INSERT OR IGNORE INTO sentences_fts_deleted (key, text)
    SELECT article_id * 1048576 + idx, text FROM sentences WHERE article_id = old.article_id;
    INSERT INTO sentences_fts_todo VALUES (old.article_id);
END;

-- A sentence edited in place: as a delete from its old article and an insert into its new
-- one (the new row itself was never indexed).
CREATE TRIGGER sentences_fts_update AFTER UPDATE OF article_id, idx, text ON sentences
BEGIN
    INSERT OR IGNORE INTO sentences_fts_deleted (key, text)
    SELECT old.article_id * 1048576 + old.idx, old.text
    WHERE NOT EXISTS (SELECT 1 FROM sentences_fts_todo WHERE article_id = old.article_id);
    INSERT OR IGNORE INTO sentences_fts_deleted (key, text)
    SELECT s.article_id * 1048576 + s.idx, s.text FROM sentences s
    WHERE s.article_id IN (old.article_id, new.article_id)
      AND NOT (s.article_id = new.article_id AND s.idx = new.idx)
      AND NOT EXISTS (SELECT 1 FROM sentences_fts_todo t WHERE t.article_id = s.article_id);
    INSERT OR IGNORE INTO sentences_fts_todo VALUES (old.article_id), (new.article_id);
END;
