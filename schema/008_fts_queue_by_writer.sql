-- The writer queues each new article for the full-text index itself, instead of a trigger.
--
-- Why: a statement that fires a trigger runs with a statement journal, so every insert into
-- `articles` copied the pages it was about to change (16 KiB each: the table's last page and
-- a page of each index) before changing them: 2% of all ingest instructions.
--
-- Invariant (006) unchanged: the index holds the sentences of the articles not in
-- sentences_fts_todo. Code that inserts an article queues it in the same transaction
-- (store::write::Writer::insert_article); an article inserted by hand with its sentences
-- needs `INSERT OR IGNORE INTO sentences_fts_todo VALUES (article_id)`, as hand-added
-- sentences already did.

DROP TRIGGER articles_fts_insert;
