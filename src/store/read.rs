//! Reading rows back for the graph, the exports and `eval`.

use anyhow::Result;
use foldhash::{HashMap, HashMapExt};
use rusqlite::Connection;

/// One actor with its mention count: a node, if an edge links it.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeRow {
    pub id: i64,
    pub name: String,
    pub code: String,
    pub kind: String,
    pub country: Option<String>,
    pub mentions: i64,
}

/// One (source, relation, target) with its events aggregated.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeRow {
    pub source: i64,
    pub target: i64,
    pub relation: String,
    pub cameo: Option<String>,
    pub weight: i64,
    pub articles: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// One event with names and evidence joined in (the `events.csv` row).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EventRow {
    pub article: String,
    pub sentence: i64,
    pub source: String,
    pub source_code: String,
    pub relation: String,
    pub cameo: Option<String>,
    pub target: String,
    pub target_code: String,
    pub evidence: String,
    pub rule: String,
    pub confidence: f64,
    pub date: Option<String>,
}

/// Every actor, with its mention count. The graph keeps those that its edges link
/// (graph::filter); asking SQLite for only the actors that take part in events scanned all
/// events, 0.5 s of 0.7 s at 1.5 M events.
pub fn nodes(conn: &Connection) -> Result<Vec<NodeRow>> {
    let mut st = conn.prepare(
        "SELECT a.id, a.name, a.code, a.type, a.country,
                (SELECT COUNT(*) FROM mentions m WHERE m.actor_id = a.id)
         FROM actors a
         ORDER BY a.id",
    )?;
    let rows = st.query_map([], |r| {
        Ok(NodeRow {
            id: r.get(0)?,
            name: r.get(1)?,
            code: r.get(2)?,
            kind: r.get(3)?,
            country: r.get(4)?,
            mentions: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// An inclusive date range over `articles.date`; either end may be open. `until` may be a
/// prefix (`2022` or `2022-03`) and then covers the whole year or month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateRange {
    pub since: Option<String>,
    pub until: Option<String>,
}

impl DateRange {
    /// True when neither end is set (undated articles are then kept too).
    pub fn is_open(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }
}

/// The SQL condition on `a.date` for a [`DateRange`] bound as `?1`, `?2`. An undated article
/// falls outside any range with an end set.
const IN_RANGE: &str =
    "(?1 IS NULL OR a.date >= ?1) AND (?2 IS NULL OR substr(a.date, 1, length(?2)) <= ?2)";

/// Edges: events grouped by (source, target, relation).
pub fn edges(conn: &Connection) -> Result<Vec<EdgeRow>> {
    edges_in(conn, &DateRange::default())
}

/// Edges over the events of articles dated inside `dates`, in (source, target, relation)
/// order. The events are read in table order (through the (source, target) index every
/// event would fetch its article's row at random: 6.5 s instead of 1.7 s for 1.5 M events)
/// and grouped here in a hash map, where SQLite's GROUP BY sorted them all: 2.8 s of 3.4 s.
pub fn edges_in(conn: &Connection, dates: &DateRange) -> Result<Vec<EdgeRow>> {
    match edges_in_article_order(conn, dates)? {
        Some(edges) => Ok(edges),
        None => edges_by_sort(conn, dates),
    }
}

/// The edges, if the events come in article order, as the writer stores them; `None` when
/// an event was added out of that order (by hand, say), since counting each edge's articles
/// as they change is then not exact.
fn edges_in_article_order(conn: &Connection, dates: &DateRange) -> Result<Option<Vec<EdgeRow>>> {
    let mut st = conn.prepare(&format!(
        "SELECT e.source_id, e.target_id, e.relation, e.cameo, e.article_id, a.date
         FROM events e NOT INDEXED JOIN articles a ON a.id = e.article_id
         WHERE {IN_RANGE}"
    ))?;
    let mut groups: HashMap<(i64, i64), Vec<Group>> = HashMap::new();
    let mut rows = st.query((&dates.since, &dates.until))?;
    let mut previous = i64::MIN;
    while let Some(r) = rows.next()? {
        let article: i64 = r.get(4)?;
        if article < previous {
            log::debug!("events out of article order: edges grouped by SQLite");
            return Ok(None);
        }
        previous = article;
        let relation = r.get_ref(2)?.as_str()?;
        let list = groups.entry((r.get(0)?, r.get(1)?)).or_default();
        let at = match list.iter().position(|g| g.edge.relation == relation) {
            Some(at) => at,
            None => {
                list.push(Group::new(r)?);
                list.len() - 1
            }
        };
        list[at].add(article, r.get_ref(5)?.as_str_or_null()?);
    }
    let mut edges: Vec<EdgeRow> = groups.into_values().flatten().map(|g| g.edge).collect();
    edges.sort_unstable_by(|a, b| {
        (a.source, a.target, &a.relation).cmp(&(b.source, b.target, &b.relation))
    });
    Ok(Some(edges))
}

/// The edges grouped by SQLite, whatever order the events are in.
fn edges_by_sort(conn: &Connection, dates: &DateRange) -> Result<Vec<EdgeRow>> {
    let mut st = conn.prepare(&format!(
        "SELECT e.source_id, e.target_id, e.relation, e.cameo, COUNT(*), COUNT(DISTINCT e.article_id), MIN(a.date), MAX(a.date)
         FROM events e NOT INDEXED JOIN articles a ON a.id = e.article_id
         WHERE {IN_RANGE}
         GROUP BY e.source_id, e.target_id, e.relation
         ORDER BY e.source_id, e.target_id, e.relation"
    ))?;
    let rows = st.query_map((&dates.since, &dates.until), |r| {
        Ok(EdgeRow {
            source: r.get(0)?,
            target: r.get(1)?,
            relation: r.get(2)?,
            cameo: r.get(3)?,
            weight: r.get(4)?,
            articles: r.get(5)?,
            first_date: r.get(6)?,
            last_date: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One edge being aggregated from events that come in article order.
struct Group {
    edge: EdgeRow,
    last_article: i64,
}

impl Group {
    /// A group for the edge of this row (source, target, relation, cameo), with no events yet.
    fn new(r: &rusqlite::Row) -> rusqlite::Result<Group> {
        let edge = EdgeRow {
            source: r.get(0)?,
            target: r.get(1)?,
            relation: r.get(2)?,
            cameo: r.get(3)?,
            weight: 0,
            articles: 0,
            first_date: None,
            last_date: None,
        };
        Ok(Group {
            edge,
            last_article: i64::MIN,
        })
    }

    /// Counts one event of `article`, dated `date`; dates compare as text, as MIN and MAX do.
    fn add(&mut self, article: i64, date: Option<&str>) {
        let e = &mut self.edge;
        e.weight += 1;
        if article != self.last_article {
            e.articles += 1;
            self.last_article = article;
        }
        if let Some(d) = date {
            if e.first_date.as_deref().is_none_or(|f| d < f) {
                e.first_date = Some(d.to_string());
            }
            if e.last_date.as_deref().is_none_or(|l| d > l) {
                e.last_date = Some(d.to_string());
            }
        }
    }
}

/// Streams every event in article and sentence order.
pub fn events(conn: &Connection, sink: &mut dyn FnMut(EventRow) -> Result<()>) -> Result<()> {
    events_in(conn, &DateRange::default(), &mut |_, row| sink(row))
}

/// The actor ids of an event's (source, target), handed to sinks that filter by edge.
pub type Endpoints = (i64, i64);

/// Streams the events of articles dated inside `dates`, each with its actor ids.
pub fn events_in(
    conn: &Connection,
    dates: &DateRange,
    sink: &mut dyn FnMut(Endpoints, EventRow) -> Result<()>,
) -> Result<()> {
    let mut st = conn.prepare(&format!(
        "{EVENT_SELECT} WHERE {IN_RANGE} ORDER BY e.article_id, e.sentence_idx, e.id"
    ))?;
    let mut rows = st.query((&dates.since, &dates.until))?;
    while let Some(r) = rows.next()? {
        sink((r.get(12)?, r.get(13)?), event_row(r)?)?;
    }
    Ok(())
}

/// The first `limit` events behind one edge (in article order): its evidence.
pub fn edge_evidence(
    conn: &Connection,
    (source, target): Endpoints,
    relation: &str,
    dates: &DateRange,
    limit: usize,
) -> Result<Vec<EventRow>> {
    let mut st = conn.prepare_cached(&format!(
        "{EVENT_SELECT} WHERE {IN_RANGE} AND e.source_id = ?3 AND e.target_id = ?4 AND e.relation = ?5
         ORDER BY e.article_id, e.sentence_idx, e.id LIMIT ?6"
    ))?;
    let rows = st.query_map(
        (
            &dates.since,
            &dates.until,
            source,
            target,
            relation,
            limit as i64,
        ),
        event_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const EVENT_SELECT: &str = "SELECT a.ext_id, e.sentence_idx, s.name, COALESCE(e.source_code, s.code), e.relation, e.cameo, t.name, COALESCE(e.target_code, t.code), se.text, e.rule, e.confidence, a.date, e.source_id, e.target_id
         FROM events e
         JOIN articles a ON a.id = e.article_id
         JOIN actors s ON s.id = e.source_id
         JOIN actors t ON t.id = e.target_id
         JOIN sentences se ON se.article_id = e.article_id AND se.idx = e.sentence_idx";

fn event_row(r: &rusqlite::Row) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        article: r.get(0)?,
        sentence: r.get(1)?,
        source: r.get(2)?,
        source_code: r.get(3)?,
        relation: r.get(4)?,
        cameo: r.get(5)?,
        target: r.get(6)?,
        target_code: r.get(7)?,
        evidence: r.get(8)?,
        rule: r.get(9)?,
        confidence: r.get(10)?,
        date: r.get(11)?,
    })
}

/// Every actor as (id, name, code), and every stored alias as (actor id, alias).
pub type ActorNames = (Vec<(i64, String, String)>, Vec<(i64, String)>);

/// Every actor's names and aliases, for resolving the actor names users type.
pub fn actor_names(conn: &Connection) -> Result<ActorNames> {
    let mut st = conn.prepare("SELECT id, name, code FROM actors ORDER BY id")?;
    let actors = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut st = conn.prepare("SELECT actor_id, alias FROM actor_aliases ORDER BY actor_id")?;
    let aliases = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok((actors, aliases))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three articles (one undated) and events whose edges repeat within and across them.
    fn database() -> Connection {
        let conn = crate::store::open_memory().unwrap();
        conn.execute_batch(
            "INSERT INTO articles (id, ext_id, date, raw_text, text, content_hash) VALUES
                 (1, 'a', '2022-03-01', 'x', 'x', 'h1'), (2, 'b', NULL, 'y', 'y', 'h2'),
                 (3, 'c', '2021-12-31', 'z', 'z', 'h3');
             INSERT INTO actors (id, name, type) VALUES (1, 'A', 'state'), (2, 'B', 'state'), (3, 'C', 'state');",
        )
        .unwrap();
        for (article, source, target, relation) in [
            (1, 1, 2, "threaten"),
            (1, 1, 2, "threaten"),
            (1, 2, 3, "consult"),
            (2, 1, 2, "threaten"),
            (2, 1, 2, "reject"),
            (3, 1, 2, "threaten"),
            (3, 3, 1, "member_of"),
        ] {
            event(&conn, article, source, target, relation);
        }
        conn
    }

    fn event(conn: &Connection, article: i64, source: i64, target: i64, relation: &str) {
        let cameo = crate::model::Relation::parse(relation).and_then(|r| r.cameo());
        conn.execute(
            "INSERT INTO events (article_id, sentence_idx, source_id, target_id, relation, cameo,
                                 trigger_start, trigger_end, evidence_start, evidence_end, rule, confidence)
             VALUES (?1, 1, ?2, ?3, ?4, ?5, 0, 1, 0, 1, 'r', 1.0)",
            rusqlite::params![article, source, target, relation, cameo],
        )
        .unwrap();
    }

    #[test]
    fn edges_grouped_here_equal_sqlites_grouping() {
        let conn = database();
        let all = DateRange::default();
        let ours = edges_in_article_order(&conn, &all).unwrap().unwrap();
        assert_eq!(ours, edges_by_sort(&conn, &all).unwrap());
        let reject = &ours[0];
        assert_eq!(
            (reject.relation.as_str(), reject.weight, reject.articles),
            ("reject", 1, 1)
        );
        let threats = &ours[1];
        assert_eq!((threats.weight, threats.articles), (4, 3));
        assert_eq!(
            (threats.first_date.as_deref(), threats.last_date.as_deref()),
            (Some("2021-12-31"), Some("2022-03-01"))
        );
        let dated = DateRange {
            since: Some("2022".into()),
            until: None,
        };
        let ours = edges_in_article_order(&conn, &dated).unwrap().unwrap();
        assert_eq!(ours, edges_by_sort(&conn, &dated).unwrap());
    }

    #[test]
    fn events_out_of_article_order_are_grouped_by_sqlite() {
        let conn = database();
        // A threat of article 1 added last: counting articles as they change would say 4.
        event(&conn, 1, 1, 2, "threaten");
        let all = DateRange::default();
        assert!(edges_in_article_order(&conn, &all).unwrap().is_none());
        let edges = edges_in(&conn, &all).unwrap();
        assert_eq!(edges, edges_by_sort(&conn, &all).unwrap());
        assert_eq!((edges[1].weight, edges[1].articles), (5, 3));
    }
}
