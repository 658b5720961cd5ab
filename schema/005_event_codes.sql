-- Per-event actor codes (version 5).
-- An event's side may carry a code other than its actor's own: a date-restricted code from a
-- PETRARCH dictionary (Putin as RUSGOV in 2005, RUSELI in 1995) or an agent-qualified one
-- ("Russian troops": RUSMIL). NULL means the actor's own code (actors.code).
ALTER TABLE events ADD COLUMN source_code TEXT;
ALTER TABLE events ADD COLUMN target_code TEXT;

DROP VIEW v_events;
CREATE VIEW v_events AS
SELECT e.id,
       a.ext_id      AS article,
       a.date        AS date,
       e.sentence_idx AS sentence,
       s.name        AS source,
       COALESCE(e.source_code, s.code) AS source_code,
       e.relation    AS relation,
       e.cameo       AS cameo,
       t.name        AS target,
       COALESCE(e.target_code, t.code) AS target_code,
       se.text       AS evidence,
       substr(a.text, e.trigger_start + 1, e.trigger_end - e.trigger_start) AS trigger,
       e.rule        AS rule,
       e.confidence  AS confidence,
       e.article_id  AS article_id
FROM events e
JOIN articles a  ON a.id = e.article_id
JOIN actors s    ON s.id = e.source_id
JOIN actors t    ON t.id = e.target_id
JOIN sentences se ON se.article_id = e.article_id AND se.idx = e.sentence_idx;
