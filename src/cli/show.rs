//! `actorgraph show ARTICLE`: an article with its actors and triggers marked, then its events.

use super::color::{self, ColorChoice};
use super::{Outcome, output};
use crate::store::{self, search::Article, search::Span};
use anyhow::{Result, bail};
use rusqlite::Connection;
use std::io::Write;
use std::path::Path;

/// Show one stored article: its cleaned text, sentence by sentence, with actor mentions and
/// relation triggers marked, then every event found in it with the rule that produced it.
///
/// The quickest way to see why an edge exists or is missing: an actor that is not marked was
/// not recognized (add it to a dictionary); a verb that is not marked is not in the trigger
/// lexicon. On a terminal mentions and triggers are coloured; on a pipe they are written
/// [Russia] and {demanded}.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph show 01_baltic_talks\n  actorgraph show 01_baltic_talks --text | less -R\n  actorgraph query \"SELECT DISTINCT article FROM v_events WHERE relation = 'threaten'\""
)]
pub struct Args {
    /// The article's id from its input (the file stem, or the `id` field).
    pub article: String,
    /// Print the text as it is stored (paragraphs kept) instead of one numbered sentence a line.
    #[arg(long)]
    pub text: bool,
    /// Colour mentions and triggers: auto (on a terminal), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// What a marked span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Actor,
    Trigger,
}

/// A span to mark, in character offsets into the article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    start: usize,
    end: usize,
    kind: Kind,
}

/// Runs `show`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let conn = store::open_read_only(db)?;
    let found = store::search::articles_by_ext_id(&conn, &args.article)?;
    if found.is_empty() {
        bail!("{}", not_found(&conn, &args.article)?);
    }
    let on = args.color.enabled();
    let mut out = output::create(Path::new("-"))?;
    for (i, a) in found.iter().enumerate() {
        if i > 0 {
            writeln!(out, "\n{}\n", "=".repeat(72))?;
        }
        show(&conn, a, &args, on, &mut out)?;
    }
    out.flush()?;
    Ok(Outcome::Done)
}

fn not_found(conn: &Connection, wanted: &str) -> Result<String> {
    let best = store::search::ext_ids(conn)?
        .into_iter()
        .map(|id| (strsim::jaro_winkler(&id, wanted), id))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    Ok(match best {
        Some((_, id)) => format!("no article with id {wanted:?}; did you mean {id:?}?"),
        None => format!(
            "no article with id {wanted:?}: list them with `actorgraph query \"SELECT ext_id, title FROM articles\"`"
        ),
    })
}

fn show(conn: &Connection, a: &Article, args: &Args, on: bool, out: &mut dyn Write) -> Result<()> {
    header(a, on, out)?;
    let marks = marks(conn, a.id)?;
    if args.text {
        writeln!(
            out,
            "{}",
            render(&a.text, 0, a.text.chars().count(), &marks, on)
        )?;
    } else {
        for (idx, s) in store::search::sentence_spans(conn, a.id)? {
            let line = render(&a.text, s.start, s.end, &marks, on);
            writeln!(out, "{:>4}  {}", idx, line.replace('\n', " "))?;
        }
    }
    events(conn, a.id, out)
}

fn header(a: &Article, on: bool, out: &mut dyn Write) -> Result<()> {
    let title = a.title.as_deref().unwrap_or("(untitled)");
    writeln!(out, "{}", color::paint(on, color::BOLD, title))?;
    let facts: Vec<&str> = [
        Some(a.ext_id.as_str()),
        a.date.as_deref(),
        a.source.as_deref(),
        a.url.as_deref(),
        a.origin.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect();
    writeln!(out, "{}", color::paint(on, color::DIM, &facts.join(" · ")))?;
    let legend = format!(
        "{} actor mention   {} relation trigger",
        color::paint(on, color::ACTOR, if on { "Actor" } else { "[Actor]" }),
        color::paint(on, color::TRIGGER, if on { "trigger" } else { "{trigger}" }),
    );
    writeln!(out, "{legend}\n")?;
    Ok(())
}

/// Mentions and triggers, sorted outermost first, without spans that cross another.
fn marks(conn: &Connection, article_id: i64) -> Result<Vec<Mark>> {
    let tag = |kind| {
        move |s: Span| Mark {
            start: s.start,
            end: s.end,
            kind,
        }
    };
    let mut all: Vec<Mark> = store::search::mention_spans(conn, article_id)?
        .into_iter()
        .map(tag(Kind::Actor))
        .chain(
            store::search::trigger_spans(conn, article_id)?
                .into_iter()
                .map(tag(Kind::Trigger)),
        )
        .filter(|m| m.start < m.end)
        .collect();
    all.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.kind));
    all.dedup();
    Ok(nest(all))
}

/// Keeps the spans that nest (a span inside another is kept; one that crosses is dropped).
fn nest(sorted: Vec<Mark>) -> Vec<Mark> {
    let mut open: Vec<usize> = Vec::new();
    let mut kept = Vec::new();
    for m in sorted {
        while open.last().is_some_and(|&end| end <= m.start) {
            open.pop();
        }
        if open.last().is_none_or(|&end| m.end <= end) {
            open.push(m.end);
            kept.push(m);
        }
    }
    kept
}

/// The characters `from..to` of `text` with the marks inside that range wrapped in colour
/// (on) or in [ ] for actors and { } for triggers (off).
fn render(text: &str, from: usize, to: usize, marks: &[Mark], on: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let to = to.min(chars.len());
    let from = from.min(to);
    let mut s = String::new();
    let mut stack: Vec<Mark> = Vec::new();
    let mut pos = from;
    let close = |s: &mut String, stack: &mut Vec<Mark>, pos: &mut usize, m: Mark| {
        s.extend(&chars[*pos..m.end]);
        *pos = m.end;
        stack.pop();
        s.push_str(&closing(m.kind, stack.last().map(|m| m.kind), on));
    };
    for &m in marks.iter().filter(|m| m.start >= from && m.end <= to) {
        while let Some(&top) = stack.last().filter(|t| t.end <= m.start) {
            close(&mut s, &mut stack, &mut pos, top);
        }
        s.extend(&chars[pos..m.start]);
        pos = m.start;
        s.push_str(opening(m.kind, on));
        stack.push(m);
    }
    while let Some(&top) = stack.last() {
        close(&mut s, &mut stack, &mut pos, top);
    }
    s.extend(&chars[pos..to]);
    s
}

fn opening(kind: Kind, on: bool) -> &'static str {
    match (kind, on) {
        (Kind::Actor, true) => color::ACTOR,
        (Kind::Trigger, true) => color::TRIGGER,
        (Kind::Actor, false) => "[",
        (Kind::Trigger, false) => "{",
    }
}

/// Ends a mark; with colour, the enclosing mark's colour comes back.
fn closing(kind: Kind, outer: Option<Kind>, on: bool) -> String {
    match (kind, on) {
        (_, true) => format!("{}{}", color::RESET, outer.map_or("", |k| opening(k, true))),
        (Kind::Actor, false) => "]".into(),
        (Kind::Trigger, false) => "}".into(),
    }
}

fn events(conn: &Connection, article_id: i64, out: &mut dyn Write) -> Result<()> {
    let events = store::search::events_of(conn, article_id, None)?;
    writeln!(
        out,
        "\n{} event{}",
        events.len(),
        if events.len() == 1 { "" } else { "s" }
    )?;
    if events.is_empty() {
        return Ok(());
    }
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_header([
            "sentence",
            "source",
            "relation",
            "target",
            "trigger",
            "rule",
            "confidence",
        ]);
    for e in events {
        t.add_row([
            e.sentence.to_string(),
            e.source,
            e.relation,
            e.target,
            e.trigger,
            e.rule,
            format!("{:.2}", e.confidence),
        ]);
    }
    writeln!(out, "{t}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, kind: Kind) -> Mark {
        Mark { start, end, kind }
    }

    #[test]
    fn marks_nest_and_crossing_spans_are_dropped() {
        let text = "Foreign Minister Anna Lindqvist rejected it.";
        let marks = nest(vec![
            mark(0, 31, Kind::Actor),
            mark(0, 16, Kind::Trigger),
            mark(10, 20, Kind::Actor),
            mark(32, 40, Kind::Trigger),
        ]);
        assert_eq!(
            render(text, 0, text.len(), &marks, false),
            "[{Foreign Minister} Anna Lindqvist] {rejected} it."
        );
        let coloured = render(text, 32, 40, &marks, true);
        assert_eq!(
            coloured,
            format!("{}rejected{}", color::TRIGGER, color::RESET)
        );
    }
}
