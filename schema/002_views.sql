-- Views with names joined in (version 2).

-- One row per event, readable as it stands.
CREATE VIEW v_events AS
SELECT e.id,
       a.ext_id      AS article,
       a.date        AS date,
       e.sentence_idx AS sentence,
       s.name        AS source,
       s.code        AS source_code,
       e.relation    AS relation,
       e.cameo       AS cameo,
       t.name        AS target,
       t.code        AS target_code,
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

-- One row per (source, relation, target) with its weight (number of events).
CREATE VIEW v_edges AS
SELECT s.name            AS source,
       e.relation        AS relation,
       t.name            AS target,
       e.cameo           AS cameo,
       COUNT(*)          AS weight,
       COUNT(DISTINCT e.article_id) AS articles,
       MIN(a.date)       AS first_date,
       MAX(a.date)       AS last_date,
       e.source_id       AS source_id,
       e.target_id       AS target_id
FROM events e
JOIN articles a ON a.id = e.article_id
JOIN actors s   ON s.id = e.source_id
JOIN actors t   ON t.id = e.target_id
GROUP BY e.source_id, e.relation, e.target_id;

-- Actors with their mention and article counts.
CREATE VIEW v_actors AS
SELECT ac.id, ac.name, ac.code, ac.type, ac.country,
       (SELECT COUNT(*) FROM mentions m WHERE m.actor_id = ac.id) AS mentions,
       (SELECT COUNT(DISTINCT m.article_id) FROM mentions m WHERE m.actor_id = ac.id) AS articles
FROM actors ac;
