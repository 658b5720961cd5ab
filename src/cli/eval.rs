//! `actorgraph eval GOLD.jsonl`: ingest gold articles into a scratch database and score.

use super::Outcome;
use crate::dict::Dictionaries;
use crate::eval::{self, Counts, GoldArticle, SysEvent};
use crate::model::RawArticle;
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::PathBuf;

/// Score extraction against a gold file and print precision, recall and F1 per relation.
///
/// The gold articles are ingested into an in-memory database (yours is not touched); a system
/// event matches a gold relation when the relation is equal and each side's name or code
/// equals the gold actor's name, code or an alias. make_statement is not scored.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph eval gold.jsonl\n  actorgraph eval gold.jsonl --errors | less"
)]
pub struct Args {
    /// The gold JSON Lines file.
    pub gold: PathBuf,
    /// List every missed and spurious event with its sentence.
    #[arg(long)]
    pub errors: bool,
    /// The dictionaries: --actors, --agents, --relations (repeatable), as for every command.
    #[command(flatten)]
    pub dicts: super::dict::Flags,
}

/// Runs `eval`.
pub fn run(args: Args) -> Result<Outcome> {
    let name = args.gold.display().to_string();
    let file = std::fs::File::open(&args.gold).with_context(|| format!("{name}: cannot open"))?;
    let gold = eval::read_gold(&name, BufReader::new(file))?;
    let dicts = super::dict::compile(&super::dict::inputs(&args.dicts)?)?;
    let mut total: BTreeMap<String, Counts> = BTreeMap::new();
    for article in &gold {
        let system = extract_article(article, &dicts);
        let scored = eval::score(article, &system);
        for (rel, c) in &scored.per_relation {
            let t = total.entry(rel.clone()).or_default();
            t.gold += c.gold;
            t.system += c.system;
            t.matched += c.matched;
        }
        if args.errors {
            print_errors(article, &scored);
        }
    }
    print_table(&total);
    Ok(Outcome::Done)
}

/// Runs the same clean → extract path as ingest and returns the events with names.
fn extract_article(article: &GoldArticle, dicts: &Dictionaries) -> Vec<SysEvent> {
    let raw = RawArticle {
        ext_id: article.id.clone(),
        title: article.title.clone(),
        date: article.date.clone(),
        text: article.text.clone(),
        ..RawArticle::default()
    };
    let text = crate::clean::clean(&raw.text);
    let ex = crate::extract::extract_dated(&text, dicts, article.date.as_deref());
    ex.events
        .iter()
        .map(|e| {
            let (s, t) = (&ex.actors[e.source], &ex.actors[e.target]);
            let sent = ex.sentences[e.sentence];
            SysEvent {
                source: s.name.clone(),
                source_code: e.source_code.clone().unwrap_or_else(|| s.code.clone()),
                relation: e.relation.name().to_string(),
                target: t.name.clone(),
                target_code: e.target_code.clone().unwrap_or_else(|| t.code.clone()),
                sentence: e.sentence as i64 + 1,
                evidence: text[sent.start..sent.end].to_string(),
                rule: e.rule.clone(),
            }
        })
        .collect()
}

fn print_errors(article: &GoldArticle, scored: &eval::Scored) {
    let text = crate::clean::clean(&article.text);
    let sentences = crate::extract::sentences::split(&text);
    let sentence = |n: Option<u32>| {
        n.and_then(|n| sentences.get((n as usize).wrapping_sub(1)))
            .map(|s| text[s.start..s.end].to_string())
            .unwrap_or_default()
    };
    for m in &scored.missed {
        println!(
            "MISSED   {} s{}: {} {} {}\n         | {}",
            article.id,
            m.sentence.unwrap_or(0),
            m.source,
            m.relation,
            m.target,
            sentence(m.sentence)
        );
    }
    for s in &scored.spurious {
        println!(
            "SPURIOUS {} s{}: {} {} {} [{}]\n         | {}",
            article.id, s.sentence, s.source, s.relation, s.target, s.rule, s.evidence
        );
    }
}

fn print_table(total: &BTreeMap<String, Counts>) {
    println!(
        "{:<24} {:>5} {:>6} {:>7} {:>6} {:>6} {:>6}",
        "relation", "gold", "system", "matched", "P", "R", "F1"
    );
    let mut all = Counts::default();
    for (rel, c) in total {
        println!(
            "{:<24} {:>5} {:>6} {:>7} {:>6.3} {:>6.3} {:>6.3}",
            rel,
            c.gold,
            c.system,
            c.matched,
            c.precision(),
            c.recall(),
            c.f1()
        );
        all.gold += c.gold;
        all.system += c.system;
        all.matched += c.matched;
    }
    println!(
        "{:<24} {:>5} {:>6} {:>7} {:>6.3} {:>6.3} {:>6.3}",
        "TOTAL (micro)",
        all.gold,
        all.system,
        all.matched,
        all.precision(),
        all.recall(),
        all.f1()
    );
}
