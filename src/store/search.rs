//! Read queries for the commands that look at the database: `stats`, `search` and `show`.

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, params};

/// A label and a count (a row of a `stats` section).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub label: String,
    pub count: i64,
}

/// One dictionary in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dictionary {
    pub name: String,
    pub entries: i64,
    pub fingerprint: String,
    pub loaded_at: String,
}

/// The database at a glance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub articles: i64,
    pub sentences: i64,
    pub actors: i64,
    pub events: i64,
    pub by_month: Vec<Tally>,
    pub top_actors: Vec<Tally>,
    pub by_relation: Vec<Tally>,
    pub dictionaries: Vec<Dictionary>,
}

/// Actors by the events they take part in (an event of an actor with itself counts once).
/// Counted per column and then added up: the target count reads only events_target, and the
/// source count one scan; a join of each event to both its actors took 2.5 s instead of 0.8 s
/// on 1.5 M events.
const TOP_ACTORS: &str = "SELECT a.name, c.n FROM (
        SELECT id, SUM(n) AS n FROM (
            SELECT source_id AS id, COUNT(*) - SUM(target_id = source_id) AS n
            FROM events GROUP BY source_id
            UNION ALL
            SELECT target_id, COUNT(*) FROM events GROUP BY target_id)
        GROUP BY id) c
    JOIN actors a ON a.id = c.id
    ORDER BY c.n DESC, a.name LIMIT ?1";

/// Counts, articles by month, the `top` actors by events, events by relation, dictionaries.
pub fn stats(conn: &Connection, top: usize) -> Result<Stats> {
    let count = |table: &str| -> Result<i64> {
        Ok(conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(Stats {
        articles: count("articles")?,
        sentences: count("sentences")?,
        actors: count("actors")?,
        events: count("events")?,
        by_month: tallies(
            conn,
            "SELECT COALESCE(substr(date, 1, 7), '(undated)') AS month, COUNT(*) FROM articles
             GROUP BY month ORDER BY month = '(undated)', month",
            [],
        )?,
        top_actors: tallies(conn, TOP_ACTORS, [top as i64])?,
        by_relation: tallies(
            conn,
            "SELECT relation, COUNT(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1",
            [],
        )?,
        dictionaries: dictionaries(conn)?,
    })
}

fn tallies(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<Tally>> {
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map(p, |r| {
        Ok(Tally {
            label: r.get(0)?,
            count: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The dictionaries the last run used: `dictionaries_in_force` where the schema has it,
/// otherwise the most recently loaded version of each name.
fn dictionaries(conn: &Connection) -> Result<Vec<Dictionary>> {
    let in_force: Option<String> = conn
        .query_row(
            "SELECT name FROM sqlite_master WHERE name = 'dictionaries_in_force'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let sql = if in_force.is_some() {
        "SELECT d.name, d.entries, d.fingerprint, d.loaded_at
         FROM dictionaries_in_force f JOIN dictionaries d ON d.id = f.dictionary_id
         ORDER BY f.position"
    } else {
        "SELECT name, entries, fingerprint, loaded_at FROM dictionaries d
         WHERE id = (SELECT id FROM dictionaries x WHERE x.name = d.name
                     ORDER BY loaded_at DESC, id DESC LIMIT 1)
         ORDER BY id"
    };
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map([], |r| {
        Ok(Dictionary {
            name: r.get(0)?,
            entries: r.get(1)?,
            fingerprint: r.get(2)?,
            loaded_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One sentence that matches a full-text query.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub article_id: i64,
    pub article: String,
    pub date: Option<String>,
    pub sentence: i64,
    /// The sentence with each matched term wrapped in `open` … `close`.
    pub marked: String,
}

/// Sentences matching an FTS5 query, best first, with matched terms between the markers.
pub fn sentences(
    conn: &Connection,
    fts_query: &str,
    limit: usize,
    (open, close): (&str, &str),
) -> rusqlite::Result<(i64, Vec<Hit>)> {
    let total: i64 = conn.query_row(
        "SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH ?1",
        [fts_query],
        |r| r.get(0),
    )?;
    let mut st = conn.prepare(
        "SELECT a.id, a.ext_id, a.date, f.rowid & 1048575, highlight(sentences_fts, 0, ?2, ?3)
         FROM sentences_fts f JOIN articles a ON a.id = f.rowid >> 20
         WHERE sentences_fts MATCH ?1 ORDER BY f.rank, f.rowid LIMIT ?4",
    )?;
    let rows = st.query_map(params![fts_query, open, close, limit as i64], |r| {
        Ok(Hit {
            article_id: r.get(0)?,
            article: r.get(1)?,
            date: r.get(2)?,
            sentence: r.get(3)?,
            marked: r.get(4)?,
        })
    })?;
    Ok((total, rows.collect::<Result<_, _>>()?))
}

/// A stored article as `show` prints it.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: i64,
    pub ext_id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub origin: Option<String>,
    pub text: String,
}

/// The articles stored under this external id (ext_id is not unique across inputs).
pub fn articles_by_ext_id(conn: &Connection, ext_id: &str) -> Result<Vec<Article>> {
    let mut st = conn.prepare(
        "SELECT id, ext_id, title, date, source, url, origin, text FROM articles
         WHERE ext_id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([ext_id], |r| {
        Ok(Article {
            id: r.get(0)?,
            ext_id: r.get(1)?,
            title: r.get(2)?,
            date: r.get(3)?,
            source: r.get(4)?,
            url: r.get(5)?,
            origin: r.get(6)?,
            text: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every article's external id, for "did you mean".
pub fn ext_ids(conn: &Connection) -> Result<Vec<String>> {
    let mut st = conn.prepare("SELECT DISTINCT ext_id FROM articles")?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A character span of an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Where actors are mentioned in an article (character offsets into its text).
pub fn mention_spans(conn: &Connection, article_id: i64) -> Result<Vec<Span>> {
    spans(
        conn,
        "SELECT start, \"end\" FROM mentions WHERE article_id = ?1 ORDER BY start",
        article_id,
    )
}

/// Where relation triggers are in an article (character offsets into its text).
pub fn trigger_spans(conn: &Connection, article_id: i64) -> Result<Vec<Span>> {
    spans(
        conn,
        "SELECT DISTINCT trigger_start, trigger_end FROM events WHERE article_id = ?1
         ORDER BY trigger_start",
        article_id,
    )
}

fn spans(conn: &Connection, sql: &str, article_id: i64) -> Result<Vec<Span>> {
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map([article_id], |r| {
        Ok(Span {
            start: r.get::<_, i64>(0)?.max(0) as usize,
            end: r.get::<_, i64>(1)?.max(0) as usize,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One event of an article with what produced it.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    pub sentence: i64,
    pub source: String,
    pub relation: String,
    pub target: String,
    pub trigger: String,
    pub rule: String,
    pub confidence: f64,
}

/// An article's events (optionally of one sentence), in text order, with trigger and rule.
pub fn events_of(
    conn: &Connection,
    article_id: i64,
    sentence: Option<i64>,
) -> Result<Vec<Explained>> {
    let mut st = conn.prepare(
        "SELECT sentence, source, relation, target, COALESCE(trigger, ''), rule, confidence
         FROM v_events WHERE article_id = ?1 AND (?2 IS NULL OR sentence = ?2)
         ORDER BY sentence, id",
    )?;
    let rows = st.query_map(params![article_id, sentence], |r| {
        Ok(Explained {
            sentence: r.get(0)?,
            source: r.get(1)?,
            relation: r.get(2)?,
            target: r.get(3)?,
            trigger: r.get(4)?,
            rule: r.get(5)?,
            confidence: r.get(6)?,
        })
    })?;
    rows.collect::<Result<_, _>>()
        .context("reading the article's events")
}

/// An article's sentences: number and character span.
pub fn sentence_spans(conn: &Connection, article_id: i64) -> Result<Vec<(i64, Span)>> {
    let mut st = conn
        .prepare("SELECT idx, start, \"end\" FROM sentences WHERE article_id = ?1 ORDER BY idx")?;
    let rows = st.query_map([article_id], |r| {
        let span = Span {
            start: r.get::<_, i64>(1)?.max(0) as usize,
            end: r.get::<_, i64>(2)?.max(0) as usize,
        };
        Ok((r.get(0)?, span))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Changes not yet applied to the full-text index: queued articles and removed sentences.
pub fn pending(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT (SELECT COUNT(*) FROM sentences_fts_todo)
              + (SELECT COUNT(*) FROM sentences_fts_deleted)",
        [],
        |r| r.get(0),
    )?)
}

/// True when `search` can read the full-text index as it is: nothing queued, and the key
/// index that highlighting reads sentences through exists.
pub fn up_to_date(conn: &Connection) -> Result<bool> {
    Ok(pending(conn)? == 0 && !super::indexes::search_key_missing(conn)?)
}

/// Applies the queued changes to the full-text index in one transaction (see
/// schema/006_fts_by_article.sql), building its key index first if a bulk load left it out;
/// returns how many changes there were. Cheap when there is nothing to do; `ingest` and
/// `rebuild` may call it at the end so that the first `search` does not pay for it. Waits up
/// to `wait` for the write lock while another process writes.
pub fn index_pending(conn: &Connection, wait: std::time::Duration) -> Result<i64> {
    if up_to_date(conn)? {
        return Ok(0);
    }
    let n = pending(conn)?;
    super::write_transaction_within(conn, wait, |conn| {
        conn.execute_batch(super::indexes::SEARCH_KEY)?;
        conn.execute_batch(
            "INSERT INTO sentences_fts (sentences_fts, rowid, text)
                 SELECT 'delete', key, text FROM sentences_fts_deleted;
             DELETE FROM sentences_fts_deleted;
             INSERT INTO sentences_fts (rowid, text)
                 SELECT s.article_id * 1048576 + s.idx, s.text
                 FROM sentences_fts_todo t JOIN sentences s ON s.article_id = t.article_id;
             DELETE FROM sentences_fts_todo;",
        )?;
        Ok(n)
    })
    .context("updating the full-text index")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_actors_count_each_event_once_per_actor() {
        let conn = crate::store::open_memory().unwrap();
        conn.execute_batch(
            "INSERT INTO articles (id, ext_id, raw_text, text, content_hash) VALUES (1, 'a', 'x', 'x', 'h');
             INSERT INTO actors (id, name, type) VALUES (1, 'Athens', 'state'), (2, 'Berlin', 'state'),
                 (3, 'Cairo', 'state'), (4, 'Dakar', 'state');
             INSERT INTO events (article_id, sentence_idx, source_id, target_id, relation, cameo,
                                 trigger_start, trigger_end, evidence_start, evidence_end, rule, confidence)
             VALUES (1, 1, 1, 2, 'threaten', '13', 0, 1, 0, 1, 'r', 1.0),
                    (1, 1, 2, 1, 'reject', '12', 0, 1, 0, 1, 'r', 1.0),
                    (1, 1, 3, 3, 'consult', '04', 0, 1, 0, 1, 'r', 1.0),
                    (1, 1, 3, 3, 'consult', '04', 0, 1, 0, 1, 'r', 1.0),
                    (1, 1, 3, 1, 'demand', '10', 0, 1, 0, 1, 'r', 1.0);",
        )
        .unwrap();
        let top = |n: usize| -> Vec<(String, i64)> {
            let s = stats(&conn, n).unwrap();
            s.top_actors
                .into_iter()
                .map(|t| (t.label, t.count))
                .collect()
        };
        let expected =
            [("Athens", 3), ("Cairo", 3), ("Berlin", 2)].map(|(name, n)| (name.to_string(), n));
        assert_eq!(top(10), expected);
        assert_eq!(top(1), expected[..1]);
    }
}
