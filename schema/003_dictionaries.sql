-- actorgraph schema version 3: dictionaries kept whole, and the set in force.
-- `rebuild` without dictionary flags re-reads exactly the files the last run used.

-- What each recorded dictionary file is, and its bytes.
ALTER TABLE dictionaries ADD COLUMN kind TEXT NOT NULL DEFAULT 'actors';   -- actors | agents | relations
ALTER TABLE dictionaries ADD COLUMN format TEXT NOT NULL DEFAULT 'csv';    -- builtin | csv | petrarch
ALTER TABLE dictionaries ADD COLUMN content BLOB;                          -- the file; NULL for built-ins (in the binary)

-- The dictionaries the last ingest or rebuild ran with, in merge order.
CREATE TABLE dictionaries_in_force (
    position      INTEGER PRIMARY KEY,                                    -- 1-based merge order
    dictionary_id INTEGER NOT NULL REFERENCES dictionaries(id)
);
