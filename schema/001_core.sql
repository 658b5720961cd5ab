-- actorgraph core schema (version 1).
-- Offsets (start, end, trigger_start, ...) are 0-based character offsets into articles.text,
-- end exclusive: substr(text, start + 1, end - start) is the span.

-- One row per stored article. `text` is the cleaned text every offset points into.
CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    ext_id       TEXT NOT NULL,               -- the article's id from its input
    title        TEXT,
    date         TEXT,                        -- YYYY-MM-DD when known
    source       TEXT,                        -- the outlet
    url          TEXT,
    raw_text     TEXT NOT NULL,               -- the body as read, before cleaning
    text         TEXT NOT NULL,               -- the cleaned body
    content_hash TEXT NOT NULL UNIQUE,        -- blake3 of `text`: the dedup key
    origin       TEXT,                        -- file[:line] it was read from
    ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_ext_id ON articles(ext_id);
CREATE INDEX articles_date ON articles(date);

-- Sentences of each article, numbered from 1.
CREATE TABLE sentences (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,              -- 1-based
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

-- Actors: the graph's nodes. People carry their state's or organization's code.
CREATE TABLE actors (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,             -- canonical name, the node label
    code    TEXT NOT NULL DEFAULT '',         -- ISO alpha-3, acronym or tag
    type    TEXT NOT NULL CHECK (type IN ('state', 'organization', 'person', 'group')),
    country TEXT                              -- code of the actor's state, if any
);
CREATE INDEX actors_code ON actors(code);

-- Surface forms under which each actor was found in the stored articles.
CREATE TABLE actor_aliases (
    actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias    TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
) WITHOUT ROWID;
CREATE INDEX actor_aliases_alias ON actor_aliases(alias);

-- Every occurrence of an actor in an article.
CREATE TABLE mentions (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    actor_id     INTEGER NOT NULL REFERENCES actors(id),
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    surface      TEXT NOT NULL,               -- the text of the span
    how          TEXT NOT NULL                -- name | coref (surname, misspelling, pronoun) | anaphor
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_actor ON mentions(actor_id);

-- Relations between actors, each with its provenance.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence_idx   INTEGER NOT NULL,          -- 1-based; the evidence sentence
    source_id      INTEGER NOT NULL REFERENCES actors(id),
    target_id      INTEGER NOT NULL REFERENCES actors(id),
    relation       TEXT NOT NULL,             -- contract relation name
    cameo          TEXT,                      -- two-digit CAMEO root; NULL for member_of
    trigger_start  INTEGER NOT NULL,          -- span of the trigger word(s) or title
    trigger_end    INTEGER NOT NULL,
    evidence_start INTEGER NOT NULL,          -- span of the evidence sentence
    evidence_end   INTEGER NOT NULL,
    rule           TEXT NOT NULL,             -- the extraction rule that produced it
    confidence     REAL NOT NULL              -- 0..1
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_pair ON events(source_id, target_id, relation);
CREATE INDEX events_target ON events(target_id);

-- The dictionaries in force at each ingest or rebuild: name, entries, fingerprint.
CREATE TABLE dictionaries (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    entries     INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    loaded_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (name, fingerprint)
);
