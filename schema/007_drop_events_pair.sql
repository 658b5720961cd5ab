-- Drops the index on events(source_id, target_id, relation).
--
-- Why: it cost more than it gave.
--   * Reads: SQLite's planner chose it for the GROUP BY of v_edges, then fetched every event
--     and article row in index order, at random: `SELECT * FROM v_edges` on 100,000 articles
--     (1.49 M events) took 6.3 s with it and 2.2 s without it (a sequential scan and a sort).
--     Its one other reader, the evidence lookup of `graph path`, now goes through
--     events_target: about 26 ms a hop instead of 0.5 ms, next to the seconds that loading
--     the graph takes.
--   * Writes: its keys are random, so ingesting 1,000 articles into that database dirtied
--     most of its leaf pages and wrote them to the WAL at every commit; and a first load
--     sorted it at its end.
-- The other indexes on events stay: events_article (rebuild, show) and events_target.

DROP INDEX IF EXISTS events_pair;
