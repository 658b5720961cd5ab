//! Scoring extraction against gold articles (the contract's gold format).
//!
//! A system event matches a gold relation of the same article when the relation is the same
//! and each side's name or code equals the gold actor's name, code or one of its aliases,
//! case-insensitively. Matching is one-to-one (maximum bipartite matching); `make_statement`
//! is left out on both sides; scores are micro averages.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::BufRead;

/// One gold article.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldArticle {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    pub text: String,
    #[serde(default)]
    pub actors: Vec<GoldActor>,
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
}

/// A gold actor with its surface forms.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldActor {
    pub name: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A gold relation.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldRelation {
    pub source: String,
    pub relation: String,
    pub target: String,
    #[serde(default)]
    pub sentence: Option<u32>,
}

/// A system event as eval sees it.
#[derive(Debug, Clone)]
pub struct SysEvent {
    pub source: String,
    pub source_code: String,
    pub relation: String,
    pub target: String,
    pub target_code: String,
    pub sentence: i64,
    pub evidence: String,
    pub rule: String,
}

/// Reads a gold JSON Lines file; a malformed line is an error naming it.
pub fn read_gold<R: BufRead>(name: &str, input: R) -> Result<Vec<GoldArticle>> {
    let mut out = Vec::new();
    for (i, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("{name}:{}: cannot read", i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let a: GoldArticle = serde_json::from_str(&line)
            .with_context(|| format!("{name}:{}: not a gold article", i + 1))?;
        out.push(a);
    }
    Ok(out)
}

/// Per-relation counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub system: usize,
    pub matched: usize,
}

impl Counts {
    /// Precision (1 when nothing was proposed).
    pub fn precision(&self) -> f64 {
        if self.system == 0 {
            1.0
        } else {
            self.matched as f64 / self.system as f64
        }
    }

    /// Recall (1 when nothing was expected).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.matched as f64 / self.gold as f64
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// The score of one article: counts per relation, and what was missed or spurious.
#[derive(Debug, Default)]
pub struct Scored {
    pub per_relation: BTreeMap<String, Counts>,
    pub missed: Vec<GoldRelation>,
    pub spurious: Vec<SysEvent>,
}

fn side_matches(actor: Option<&GoldActor>, gold_name: &str, name: &str, code: &str) -> bool {
    let eq = |a: &str, b: &str| !a.is_empty() && a.eq_ignore_ascii_case(b);
    let forms: Vec<&str> = match actor {
        Some(a) => std::iter::once(a.name.as_str())
            .chain(std::iter::once(a.code.as_str()))
            .chain(a.aliases.iter().map(String::as_str))
            .collect(),
        None => vec![gold_name],
    };
    forms.iter().any(|f| eq(f, name) || eq(f, code))
}

/// Whether a system event matches a gold relation of the same article.
pub fn matches(article: &GoldArticle, g: &GoldRelation, s: &SysEvent) -> bool {
    let actor = |n: &str| {
        article
            .actors
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(n))
    };
    g.relation == s.relation
        && side_matches(actor(&g.source), &g.source, &s.source, &s.source_code)
        && side_matches(actor(&g.target), &g.target, &s.target, &s.target_code)
}

/// Scores one article's system events against its gold relations.
pub fn score(article: &GoldArticle, system: &[SysEvent]) -> Scored {
    let gold: Vec<&GoldRelation> = article
        .relations
        .iter()
        .filter(|r| r.relation != "make_statement")
        .collect();
    let sys: Vec<&SysEvent> = system
        .iter()
        .filter(|e| e.relation != "make_statement")
        .collect();
    let adj: Vec<Vec<usize>> = gold
        .iter()
        .map(|g| {
            (0..sys.len())
                .filter(|&j| matches(article, g, sys[j]))
                .collect()
        })
        .collect();
    let pair = max_matching(&adj, sys.len());
    let mut out = Scored::default();
    for g in &gold {
        out.per_relation.entry(g.relation.clone()).or_default().gold += 1;
    }
    for s in &sys {
        out.per_relation
            .entry(s.relation.clone())
            .or_default()
            .system += 1;
    }
    for (gi, g) in gold.iter().enumerate() {
        if pair.contains(&Some(gi)) {
            out.per_relation
                .get_mut(&g.relation)
                .expect("counted above")
                .matched += 1;
        } else {
            out.missed.push((*g).clone());
        }
    }
    for (j, s) in sys.iter().enumerate() {
        if pair[j].is_none() {
            out.spurious.push((*s).clone());
        }
    }
    out
}

/// Kuhn's augmenting paths: for each system event, the gold relation it is paired with.
fn max_matching(adj: &[Vec<usize>], n_sys: usize) -> Vec<Option<usize>> {
    fn augment(
        g: usize,
        adj: &[Vec<usize>],
        seen: &mut [bool],
        pair: &mut [Option<usize>],
    ) -> bool {
        for &s in &adj[g] {
            if !seen[s] {
                seen[s] = true;
                if pair[s].is_none_or(|other| augment(other, adj, seen, pair)) {
                    pair[s] = Some(g);
                    return true;
                }
            }
        }
        false
    }
    let mut pair = vec![None; n_sys];
    for g in 0..adj.len() {
        let mut seen = vec![false; n_sys];
        augment(g, adj, &mut seen, &mut pair);
    }
    pair
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> GoldArticle {
        serde_json::from_str(r#"{"id":"a","text":"x","actors":[{"name":"Russia","code":"RUS","aliases":["Moscow"]},{"name":"NATO","code":"NATO","aliases":[]},{"name":"Sergei Ryabkov","code":"RUS","aliases":["Ryabkov"]}],
            "relations":[{"source":"Russia","relation":"demand","target":"NATO","sentence":1},{"source":"Sergei Ryabkov","relation":"demand","target":"NATO","sentence":2}]}"#).unwrap()
    }

    fn ev(source: &str, code: &str, relation: &str, target: &str) -> SysEvent {
        SysEvent {
            source: source.into(),
            source_code: code.into(),
            relation: relation.into(),
            target: target.into(),
            target_code: target.into(),
            sentence: 1,
            evidence: String::new(),
            rule: String::new(),
        }
    }

    #[test]
    fn codes_and_aliases_match_one_to_one() {
        let a = article();
        let sys = [
            ev("Moscow", "RUS", "demand", "NATO"),
            ev("Russia", "RUS", "demand", "NATO"),
            ev("Russia", "RUS", "reject", "NATO"),
        ];
        let s = score(&a, &sys);
        let c = s.per_relation["demand"];
        assert_eq!((c.gold, c.system, c.matched), (2, 2, 2));
        assert_eq!(s.spurious.len(), 1);
        assert!(s.missed.is_empty());
    }

    #[test]
    fn empty_codes_never_match() {
        let a = article();
        let s = score(&a, &[ev("Somebody", "", "demand", "NATO")]);
        assert_eq!(s.per_relation["demand"].matched, 0);
    }
}
