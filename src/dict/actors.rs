//! The actor dictionary: canonical actors and their surface forms, matched case-sensitively
//! on word boundaries with the longest form winning.

use crate::model::{Actor, ActorKind};
use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{Result, bail};
use std::collections::HashMap;

/// The entry index of a blocking phrase.
const BLOCKED: usize = usize::MAX;

/// A dictionary actor found in a text: byte span and entry index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorHit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// Compiled actor dictionary.
pub struct ActorDict {
    entries: Vec<Actor>,
    pattern_entry: Vec<usize>,
    patterns: Vec<String>,
    matcher: AhoCorasick,
    by_name: HashMap<String, usize>,
    by_code: HashMap<String, usize>,
}

impl ActorDict {
    /// The actor of an entry.
    pub fn actor(&self, entry: usize) -> &Actor {
        &self.entries[entry]
    }

    /// Number of actors.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no actors.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry whose canonical name, code or alias is `name` (exact, then case-insensitive).
    pub fn lookup(&self, name: &str) -> Option<usize> {
        if let Some(&e) = self.by_name.get(name).or_else(|| self.by_code.get(name)) {
            return Some(e);
        }
        let idx = self.patterns.iter().position(|p| p == name).or_else(|| {
            self.patterns
                .iter()
                .position(|p| p.eq_ignore_ascii_case(name))
        })?;
        Some(self.pattern_entry[idx]).filter(|&e| e != BLOCKED)
    }

    /// All non-overlapping matches in `text`, longest first at each position, on word
    /// boundaries.
    pub fn find(&self, text: &str) -> Vec<ActorHit> {
        let mut hits: Vec<ActorHit> = self
            .matcher
            .find_overlapping_iter(text)
            .filter(|m| on_word_boundaries(text, m.start(), m.end()))
            .map(|m| ActorHit {
                start: m.start(),
                end: m.end(),
                entry: self.pattern_entry[m.pattern().as_usize()],
            })
            .collect();
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut out: Vec<ActorHit> = Vec::with_capacity(hits.len());
        for h in hits {
            if out.last().is_none_or(|last| h.start >= last.end) {
                out.push(h);
            }
        }
        out.retain(|h| h.entry != BLOCKED);
        out
    }
}

/// True when the span is not glued to a letter or digit on either side.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Collects dictionary rows from several files; later rows extend or override earlier ones.
#[derive(Default)]
pub struct ActorDictBuilder {
    entries: Vec<Actor>,
    aliases: Vec<Vec<String>>,
    by_name: HashMap<String, usize>,
    by_code: HashMap<String, usize>,
}

impl ActorDictBuilder {
    /// Adds a contract-format CSV (`name,code,type,country,aliases`); returns its row count.
    pub fn add_csv(&mut self, file: &str, bytes: &[u8]) -> Result<usize> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let headers = reader.headers()?.clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let (Some(ni), Some(ci)) = (col("name"), col("code")) else {
            bail!(
                "{file}:1: the header must name at least the columns name and code (name,code,type,country,aliases)"
            );
        };
        let (ti, yi, ai) = (col("type"), col("country"), col("aliases"));
        let mut rows = 0;
        for (i, rec) in reader.records().enumerate() {
            let line = i + 2;
            let rec = rec.map_err(|e| anyhow::anyhow!("{file}:{line}: malformed CSV row: {e}"))?;
            let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim();
            let (name, code) = (get(Some(ni)), get(Some(ci)));
            if name.is_empty() || code.is_empty() {
                bail!("{file}:{line}: every row needs a name and a code");
            }
            let kind = match get(ti) {
                "" => ActorKind::Organization,
                t => ActorKind::parse(t).ok_or_else(|| {
                    anyhow::anyhow!(
                        "{file}:{line}: type '{t}' is not one of state, organization, person, group"
                    )
                })?,
            };
            let country = Some(get(yi).to_string()).filter(|c| !c.is_empty());
            let aliases = get(ai).split('|').map(str::trim).filter(|a| !a.is_empty());
            let actor = Actor {
                name: name.into(),
                code: code.into(),
                kind,
                country,
            };
            self.upsert(actor, aliases.map(String::from).collect());
            rows += 1;
        }
        Ok(rows)
    }

    fn upsert(&mut self, actor: Actor, aliases: Vec<String>) {
        let existing = self.by_name.get(&actor.name).copied().or_else(|| {
            // People share their state's code, so a code only identifies non-people.
            (actor.kind != ActorKind::Person)
                .then(|| self.by_code.get(&actor.code).copied())
                .flatten()
                .filter(|&e| self.entries[e].kind == actor.kind)
        });
        match existing {
            Some(e) => {
                // The replaced name stays a surface form of the actor.
                let old = std::mem::replace(&mut self.entries[e], actor);
                self.by_name.insert(self.entries[e].name.clone(), e);
                self.aliases[e].push(old.name);
                self.aliases[e].extend(aliases);
            }
            None => {
                let e = self.entries.len();
                self.by_name.insert(actor.name.clone(), e);
                if actor.kind != ActorKind::Person {
                    self.by_code.insert(actor.code.clone(), e);
                }
                self.entries.push(actor);
                self.aliases.push(aliases);
            }
        }
    }

    /// Compiles the automaton over every name and alias; `blockers` are phrases that are not
    /// actors but contain an alias ("West Bank"): they win as longer matches and yield nothing.
    pub fn build_with(self, blockers: &[String]) -> Result<ActorDict> {
        let mut patterns = Vec::new();
        let mut pattern_entry = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for b in blockers {
            if seen.insert(b.clone(), patterns.len()).is_none() {
                patterns.push(b.clone());
                pattern_entry.push(BLOCKED);
            }
        }
        for (e, actor) in self.entries.iter().enumerate() {
            let forms = std::iter::once(&actor.name).chain(self.aliases[e].iter());
            for form in forms {
                // A later file's alias wins over an earlier one for the same surface form.
                if let Some(&p) = seen.get(form) {
                    if pattern_entry[p] != BLOCKED {
                        pattern_entry[p] = e;
                    }
                    continue;
                }
                seen.insert(form.clone(), patterns.len());
                patterns.push(form.clone());
                pattern_entry.push(e);
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)?;
        Ok(ActorDict {
            entries: self.entries,
            pattern_entry,
            patterns,
            matcher,
            by_name: self.by_name,
            by_code: self.by_code,
        })
    }

    /// Compiles without blockers.
    #[cfg(test)]
    pub fn build(self) -> Result<ActorDict> {
        self.build_with(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(csv: &str) -> ActorDict {
        let mut b = ActorDictBuilder::default();
        b.add_csv("t.csv", csv.as_bytes()).unwrap();
        b.build().unwrap()
    }

    #[test]
    fn longest_alias_wins_on_word_boundaries() {
        let d = dict(
            "name,code,type,country,aliases\nUnited States,USA,state,USA,US|U.S.|ASV\nRussia,RUS,state,RUS,Russian|Russian Federation\n",
        );
        let text = "The Russian Federation and ASV met; USAID and Russians did not.";
        let hits: Vec<_> = d.find(text).iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(hits, ["Russian Federation", "ASV"]);
    }

    #[test]
    fn blockers_shadow_aliases_inside_longer_phrases() {
        let mut b = ActorDictBuilder::default();
        b.add_csv(
            "t",
            b"name,code,type,country,aliases\nWest,WST,organization,,Western countries\n",
        )
        .unwrap();
        let d = b.build_with(&["West Bank".to_string()]).unwrap();
        let text = "the West and the West Bank";
        let hits: Vec<_> = d.find(text).iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(hits, ["West"]);
    }

    #[test]
    fn user_rows_extend_builtin_by_name_or_code() {
        let mut b = ActorDictBuilder::default();
        b.add_csv(
            "a",
            b"name,code,type,country,aliases\nRussia,RUS,state,RUS,Moscow\n",
        )
        .unwrap();
        b.add_csv(
            "b",
            b"name,code,type,country,aliases\nRussian Federation,RUS,state,RUS,Krievija\n",
        )
        .unwrap();
        let d = b.build().unwrap();
        assert_eq!(d.len(), 1);
        let hits = d.find("Krievija and Moscow");
        assert_eq!(hits.len(), 2);
        assert_eq!(d.actor(hits[0].entry).name, "Russian Federation");
    }

    #[test]
    fn bad_type_names_the_line() {
        let mut b = ActorDictBuilder::default();
        let err = b
            .add_csv("x.csv", b"name,code,type\nA,A,state\nB,B,planet\n")
            .unwrap_err();
        assert!(err.to_string().starts_with("x.csv:3:"), "{err}");
    }
}
