//! Word-sequence dictionaries matched case-insensitively: relation triggers
//! (`data/relations.csv`), role titles (`data/roles.csv`) and grammatical cues (`data/cues.csv`).

use super::forms::FormIndex;
use crate::model::Relation;
use anyhow::{Result, anyhow, bail};
use std::sync::OnceLock;

/// Case-insensitive, whole-word, longest-first matcher of phrases carrying a payload.
pub struct WordMatcher<T> {
    /// Filed on first use: extraction searches the sentence lexicons through one combined
    /// index (`SentenceWords`), so their own are for tests, tools and agent words.
    index: OnceLock<FormIndex>,
    payload: Vec<T>,
    phrases: Vec<String>,
}

/// One phrase found in a text.
#[derive(Debug, Clone, Copy)]
pub struct WordHit<'a, T> {
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
}

impl<T> WordMatcher<T> {
    /// A matcher of `(phrase, payload)` pairs; the first pair of a phrase (in any case) wins.
    pub(crate) fn new(entries: Vec<(String, T)>) -> WordMatcher<T> {
        let mut phrases = Vec::with_capacity(entries.len());
        let mut payload = Vec::with_capacity(entries.len());
        let mut seen = std::collections::HashSet::new();
        for (phrase, value) in entries {
            // Matching ignores case, so "Demand" and "demand" are one phrase.
            if seen.insert(phrase.to_lowercase()) {
                phrases.push(phrase);
                payload.push(value);
            }
        }
        WordMatcher {
            index: OnceLock::new(),
            payload,
            phrases,
        }
    }

    /// Every non-overlapping whole-word match, longest first at each position. (Whole
    /// sentences are searched once for all sentence lexicons: `Dictionaries::sentence_scan`.)
    pub fn find<'a>(&'a self, text: &str) -> Vec<WordHit<'a, T>> {
        let index = self
            .index
            .get_or_init(|| FormIndex::new(self.phrases.iter().map(String::as_str), true));
        let mut hits = Vec::new();
        index.each(text, |start, end, p| hits.push((start, end, p)));
        self.select(hits)
    }

    /// From whole-word occurrences `(start, end, phrase index)`, the longest at each
    /// position, without overlaps.
    pub(crate) fn select(&self, mut hits: Vec<(usize, usize, usize)>) -> Vec<WordHit<'_, T>> {
        hits.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut out: Vec<WordHit<'_, T>> = Vec::with_capacity(hits.len());
        for (start, end, p) in hits {
            if out.last().is_none_or(|last| start >= last.end) {
                out.push(WordHit {
                    start,
                    end,
                    value: &self.payload[p],
                });
            }
        }
        out
    }

    /// The phrases, in pattern order.
    pub(crate) fn phrases(&self) -> &[String] {
        &self.phrases
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }
}

/// How a trigger relates to its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A verb: the subject acts.
    Verb,
    /// A nominalization: "X's ultimatum to Y", "sanctions on Y".
    Noun,
    /// A fixed expression behaving like a verb.
    Phrase,
    /// A phrase whose grammatical subject is the one acted upon; the speaker who says it
    /// acts ("vowed that America would pay a heavy price").
    Patient,
    /// A verb whose object acts on its subject: "Egypt hosted Jordan's king" is a visit of
    /// Jordan to Egypt (visitor → host).
    Inverse,
}

/// A relation trigger row.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub relation: Relation,
    pub form: Form,
    /// A coordinated subject acts on each other ("X and Y met").
    pub reciprocal: bool,
    /// The relation when the trigger is negated ("did not rule out" → threaten).
    pub if_negated: Option<Relation>,
    /// When not empty, the trigger counts only with one of these words within the next
    /// eight words ("deployed" + troops, "recalled" + ambassador).
    pub object: Vec<String>,
    /// 1-based line in the lexicon file, for provenance.
    pub line: usize,
}

/// The relation lexicon: each phrase carries its readings, object-constrained ones first
/// ("fired" + missiles is `fight`; bare "fired" is nothing).
pub type Lexicon = WordMatcher<Vec<Trigger>>;

impl WordMatcher<Vec<Trigger>> {
    /// Parses `phrase,relation,form,reciprocal,if_negated,object,notes` (only the first two
    /// required; `object` lists `|`-separated head words the trigger needs after it).
    pub fn parse(text: &str) -> Result<Lexicon> {
        Ok(WordMatcher::new(readings(triggers(text)?)))
    }

    /// The built-in lexicon with user files (`name`, CSV text) merged over it: a phrase a
    /// user file lists replaces all the built-in readings of that phrase; a later file wins.
    pub fn parse_merged(builtin: &str, user: &[(String, String)]) -> Result<Lexicon> {
        let mut entries = Vec::new();
        for (name, text) in user.iter().rev() {
            let rows = triggers(text).map_err(|e| anyhow!("{name}: {e}"))?;
            entries.extend(readings(rows));
        }
        entries.extend(readings(triggers(builtin)?));
        Ok(WordMatcher::new(entries))
    }
}

/// Groups `(phrase, trigger)` rows by phrase into readings, object-constrained ones first.
fn readings(rows: Vec<(String, Trigger)>) -> Vec<(String, Vec<Trigger>)> {
    let mut entries: Vec<(String, Vec<Trigger>)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (phrase, trigger) in rows {
        match index.get(&phrase.to_lowercase()) {
            Some(&i) => entries[i].1.push(trigger),
            None => {
                index.insert(phrase.to_lowercase(), entries.len());
                entries.push((phrase, vec![trigger]));
            }
        }
    }
    for (_, readings) in &mut entries {
        readings.sort_by_key(|t| t.object.is_empty());
    }
    entries
}

/// The `(phrase, trigger)` rows of a relations CSV, one per phrase of each row.
pub fn triggers(text: &str) -> Result<Vec<(String, Trigger)>> {
    let mut entries = Vec::new();
    for (line, get) in rows(text, &["phrase", "relation"])? {
        let rel = get("relation");
        let relation = Relation::parse(&rel)
            .ok_or_else(|| anyhow!("line {line}: unknown relation '{rel}'"))?;
        let form = match get("form").as_str() {
            "noun" => Form::Noun,
            "phrase" => Form::Phrase,
            "patient" => Form::Patient,
            "inverse" => Form::Inverse,
            _ => Form::Verb,
        };
        let neg = get("if_negated");
        let if_negated = match neg.as_str() {
            "" => None,
            n => Some(
                Relation::parse(n).ok_or_else(|| anyhow!("line {line}: unknown relation '{n}'"))?,
            ),
        };
        let reciprocal = matches!(get("reciprocal").as_str(), "yes" | "true" | "1");
        let object = split_forms(&get("object"))
            .into_iter()
            .map(|o| o.to_lowercase())
            .collect();
        let trigger = Trigger {
            relation,
            form,
            reciprocal,
            if_negated,
            object,
            line,
        };
        for phrase in split_forms(&get("phrase")) {
            entries.push((phrase, trigger.clone()));
        }
    }
    Ok(entries)
}

/// A role title row ("foreign minister").
#[derive(Debug, Clone)]
pub struct Role {
    pub kind: String,
    /// The state the title itself names, if it names one ("secretary of state" → USA).
    pub country: Option<String>,
}

/// The role lexicon.
pub type Roles = WordMatcher<Role>;

impl WordMatcher<Role> {
    /// Parses `phrase,kind,country,notes`.
    pub fn parse(text: &str) -> Result<Roles> {
        let mut entries = Vec::new();
        for (_, get) in rows(text, &["phrase"])? {
            let role = Role {
                kind: get("kind"),
                country: Some(get("country")).filter(|c| !c.is_empty()),
            };
            for phrase in split_forms(&get("phrase")) {
                entries.push((phrase, role.clone()));
            }
        }
        Ok(WordMatcher::new(entries))
    }
}

/// What a cue does to a nearby trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Negation,
    Denial,
    Modal,
    Schedule,
    Report,
    Hypothetical,
    /// An object that turns a rejection into a denial ("rejected the claims").
    DenialObject,
    /// A hostile act whose object is its victim ("the attack on X"): condemning it is not
    /// condemning the victim.
    HostileAct,
}

/// A grammatical cue row.
#[derive(Debug, Clone, Copy)]
pub struct Cue {
    pub kind: CueKind,
}

/// Parses a `phrase,notes` word list (`|`-separated forms), e.g. `data/crowds.csv`.
pub fn parse_words(text: &str) -> Result<WordMatcher<()>> {
    let mut entries = Vec::new();
    for (_, get) in rows(text, &["phrase"])? {
        for phrase in split_forms(&get("phrase")) {
            entries.push((phrase, ()));
        }
    }
    Ok(WordMatcher::new(entries))
}

/// Parses `phrase,kind,notes` where kind is an actor type (`data/anaphors.csv`).
pub fn parse_kinds(text: &str) -> Result<WordMatcher<crate::model::ActorKind>> {
    let mut entries = Vec::new();
    for (line, get) in rows(text, &["phrase", "kind"])? {
        let kind = crate::model::ActorKind::parse(&get("kind")).ok_or_else(|| {
            anyhow!("line {line}: kind must be state, organization, person or group")
        })?;
        for phrase in split_forms(&get("phrase")) {
            entries.push((phrase, kind));
        }
    }
    Ok(WordMatcher::new(entries))
}

/// Parses `cue,kind,notes`.
pub fn parse_cues(text: &str) -> Result<WordMatcher<Cue>> {
    let mut entries = Vec::new();
    for (line, get) in rows(text, &["cue", "kind"])? {
        let kind = match get("kind").as_str() {
            "negation" => CueKind::Negation,
            "denial" => CueKind::Denial,
            "modal" => CueKind::Modal,
            "schedule" => CueKind::Schedule,
            "report" => CueKind::Report,
            "hypothetical" => CueKind::Hypothetical,
            "denial_object" => CueKind::DenialObject,
            "hostile_act" => CueKind::HostileAct,
            k => bail!("line {line}: unknown cue kind '{k}'"),
        };
        for phrase in split_forms(&get("cue")) {
            entries.push((phrase, Cue { kind }));
        }
    }
    Ok(WordMatcher::new(entries))
}

fn split_forms(field: &str) -> Vec<String> {
    field
        .split('|')
        .map(|f| f.trim().replace('\u{2019}', "'"))
        .filter(|f| !f.is_empty())
        .collect()
}

type Getter = Box<dyn Fn(&str) -> String>;

/// Reads a CSV with a header; yields (line, column getter by header name) per row.
fn rows(text: &str, required: &[&str]) -> Result<Vec<(usize, Getter)>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    for r in required {
        if !headers.iter().any(|h| h == r) {
            bail!("line 1: missing column '{r}'");
        }
    }
    let mut out: Vec<(usize, Getter)> = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| anyhow!("line {}: {e}", i + 2))?;
        let headers = headers.clone();
        let get = move |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|c| rec.get(c))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        out.push((i + 2, Box::new(get)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_matches_inflections_case_insensitively() {
        let lex = Lexicon::parse(
            "phrase,relation,form\ndemand|demanded,demand,verb\nruled out,reject,phrase\n",
        )
        .unwrap();
        let text = "Moscow DEMANDED guarantees and ruled out talks; demandedly no.";
        let hits: Vec<_> = lex
            .find(text)
            .iter()
            .map(|h| (&text[h.start..h.end], h.value[0].relation))
            .collect();
        assert_eq!(
            hits,
            [
                ("DEMANDED", Relation::Demand),
                ("ruled out", Relation::Reject)
            ]
        );
    }

    #[test]
    fn unknown_relation_names_its_line() {
        let err = Lexicon::parse("phrase,relation\nx,demand\ny,shout\n")
            .err()
            .unwrap();
        assert!(err.to_string().contains("line 3"), "{err}");
    }

    #[test]
    fn user_relations_replace_builtin_phrases_and_add_new_ones() {
        let builtin = "phrase,relation,object\nfired,fight,missiles\nfired,reduce_relations,\n";
        let user = [(
            "u.csv".to_string(),
            "phrase,relation\nFired|snubbed,reject\n".to_string(),
        )];
        let lex = Lexicon::parse_merged(builtin, &user).unwrap();
        let text = "X fired and snubbed Y";
        let got: Vec<_> = lex
            .find(text)
            .iter()
            .map(|h| {
                (
                    &text[h.start..h.end],
                    h.value.iter().map(|t| t.relation).collect::<Vec<_>>(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("fired", vec![Relation::Reject]),
                ("snubbed", vec![Relation::Reject])
            ]
        );
        let err = Lexicon::parse_merged(
            builtin,
            &[("u.csv".into(), "phrase,relation\nx,shout\n".into())],
        );
        assert!(err.err().unwrap().to_string().starts_with("u.csv: line 2"));
    }
}
