//! Relations inside one sentence: each trigger gets a source and a target from the actor
//! mentions around it, read through negation, modality, passive voice, nominalizations,
//! evaluative adjectives, coordination and reported speech.
//!
//! Everything here works on sentence-relative byte offsets; no parser is involved, only
//! token windows and clause boundaries, which keeps extraction linear in sentence length.

use super::tokens::Token;
use crate::dict::WordHit;
use crate::dict::{Cue, CueKind, Form, Trigger};
use crate::model::{Actor, Relation};

/// An actor mention inside the sentence.
#[derive(Debug, Clone)]
pub struct Local {
    pub start: usize,
    pub end: usize,
    pub actor: usize,
    /// The mention refers back to an earlier act ("these demands"): the act's maker.
    pub anaphor_of: Option<Relation>,
    /// Found through a pronoun or a misspelling, so less certain.
    pub weak: bool,
}

/// An event found in the sentence (trigger span sentence-relative).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub source: usize,
    pub target: usize,
    pub relation: Relation,
    pub trigger: (usize, usize),
    pub rule: String,
    pub confidence: f32,
}

/// The sentence with everything matched in it.
pub struct View<'a> {
    pub s: &'a str,
    pub toks: &'a [Token],
    pub mentions: &'a [Local],
    pub triggers: &'a [WordHit<'a, Trigger>],
    pub cues: &'a [WordHit<'a, Cue>],
    pub actors: &'a [Actor],
}

const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "remain", "remains", "remained", "seemed",
    "seems",
];
const ADVERBS: &[&str] = &[
    "not",
    "also",
    "even",
    "completely",
    "totally",
    "simply",
    "absolutely",
    "clearly",
    "already",
    "still",
    "firmly",
    "strongly",
    "repeatedly",
    "reportedly",
    "allegedly",
    "now",
    "again",
    "once",
    "publicly",
    "sharply",
    "formally",
    "officially",
    "effectively",
    "later",
    "just",
    "never",
    "so",
    "far",
    "then",
];
const LOCATIVE: &[&str] = &[
    "in", "at", "near", "on", "over", "from", "inside", "outside", "across", "around", "into",
    "about", "of", "during", "for", "through", "along",
];
const TARGET_PREPS: &[&str] = &[
    "to", "on", "against", "with", "toward", "towards", "at", "over", "for", "from", "upon",
    "into", "of", "between", "by",
];
const HARD_BOUNDARIES: &[&str] = &[
    ";",
    "but",
    "while",
    "whereas",
    "although",
    "though",
    "however",
    "meanwhile",
    "because",
    "since",
    "whilst",
];
/// Relations whose target's own actions, later in the sentence, are content, not events:
/// "urged Serbia to pull back", "accused Beijing of escalating".
const SPEECH_ACTS: &[Relation] = &[
    Relation::Appeal,
    Relation::Demand,
    Relation::Disapprove,
    Relation::Threaten,
    Relation::Reject,
];

impl View<'_> {
    fn word(&self, k: usize) -> &str {
        let t = self.toks[k];
        &self.s[t.start..t.end]
    }

    fn lword(&self, k: usize) -> String {
        self.word(k).to_ascii_lowercase()
    }

    fn tok_at(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.end <= byte)
    }

    /// The byte offset where the clause holding `pos` starts.
    fn clause_start(&self, pos: usize) -> usize {
        let k = self.tok_at(pos);
        (0..k)
            .rev()
            .find(|&j| HARD_BOUNDARIES.contains(&self.lword(j).as_str()))
            .map_or(0, |j| self.toks[j].end)
    }

    /// The byte offset where the clause holding `pos` ends (for target search).
    fn clause_end(&self, pos: usize) -> usize {
        let k = self.tok_at(pos);
        for j in k..self.toks.len() {
            let w = self.lword(j);
            let after_comma = j > 0 && self.word(j - 1) == ",";
            let relative = after_comma && matches!(w.as_str(), "who" | "which" | "whose" | "where");
            let participle = after_comma && j > k + 1 && w.ends_with("ing") && w.len() > 5;
            if HARD_BOUNDARIES.contains(&w.as_str()) || relative || participle {
                return self.toks[j].start;
            }
        }
        self.s.len()
    }

    fn cue_before(&self, kinds: &[CueKind], pos: usize, from: usize, max_words: usize) -> bool {
        let k = self.tok_at(pos);
        self.cues.iter().any(|c| {
            kinds.contains(&c.value.kind)
                && c.end <= pos
                && c.start >= from
                && k - self.tok_at(c.start) <= max_words + 1
        })
    }

    fn mentions_between(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.mentions.len())
            .filter(move |&i| self.mentions[i].start >= from && self.mentions[i].end <= to)
    }

    /// Index of the mention just left of `pos` in the clause, preferring one that is not the
    /// object of a locative preposition ("in Geneva").
    fn subject_before(&self, pos: usize, from: usize) -> Option<usize> {
        let cands: Vec<usize> = self.mentions_between(from, pos).collect();
        let free = cands
            .iter()
            .rev()
            .find(|&&i| !self.after_preposition(i))
            .copied();
        free.or_else(|| cands.last().copied())
    }

    fn after_preposition(&self, i: usize) -> bool {
        let k = self.tok_at(self.mentions[i].start);
        let mut j = k;
        while j > 0 && matches!(self.lword(j - 1).as_str(), "the" | "a" | "an") {
            j -= 1;
        }
        j > 0 && LOCATIVE.contains(&self.lword(j - 1).as_str())
    }

    /// First mention after `pos` in the clause, within 15 words, not equal to `source`.
    fn object_after(&self, pos: usize, source: Option<&[usize]>) -> Option<usize> {
        let end = self.clause_end(pos);
        let k = self.tok_at(pos);
        self.mentions_between(pos, end).find(|&i| {
            self.tok_at(self.mentions[i].start) <= k + 16
                && source.is_none_or(|src| src.iter().all(|&s| !self.same_side(s, i)))
        })
    }

    fn same_side(&self, a: usize, b: usize) -> bool {
        let (x, y) = (
            &self.actors[self.mentions[a].actor],
            &self.actors[self.mentions[b].actor],
        );
        self.mentions[a].actor == self.mentions[b].actor || (!x.code.is_empty() && x.code == y.code)
    }

    /// The coordination group around mention `i`: "X, Y and Z", "X and other NATO members".
    fn group(&self, i: usize) -> Vec<usize> {
        let mut lo = i;
        while lo > 0 && self.joined(lo - 1, lo).is_some() {
            lo -= 1;
        }
        let mut hi = i;
        while hi + 1 < self.mentions.len() && self.joined(hi, hi + 1).is_some() {
            hi += 1;
        }
        // A chain of bare commas without a closing "and" is not a list ("In Kyiv, Blinken").
        let seps: Vec<bool> = (lo..hi)
            .map(|j| self.joined(j, j + 1) == Some(true))
            .collect();
        if !seps.iter().any(|&and| and) {
            return vec![i];
        }
        let mut out: Vec<usize> = Vec::new();
        for j in lo..=hi {
            if !out
                .iter()
                .any(|&o| self.mentions[o].actor == self.mentions[j].actor)
            {
                out.push(j);
            }
        }
        out
    }

    /// Some(true) when "and"/"or" joins mentions a and b, Some(false) for a bare comma.
    fn joined(&self, a: usize, b: usize) -> Option<bool> {
        if self.mentions[b].start < self.mentions[a].end {
            return None;
        }
        let raw = &self.s[self.mentions[a].end..self.mentions[b].start];
        let lower = raw.to_ascii_lowercase();
        let mut words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        while words
            .last()
            .is_some_and(|w| matches!(*w, "the" | "other" | "fellow"))
        {
            words.pop();
        }
        match words.join(" ").as_str() {
            "" if raw.contains(',') => Some(false),
            "and" | "or" | "as well as" | "along with" | "together with" => Some(true),
            _ => None,
        }
    }
}

/// Finds every event in the sentence.
pub fn find(v: &View) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut sources: Vec<(usize, usize, Vec<usize>)> = Vec::new(); // (trigger start, end, source mentions)
    for t in v.triggers {
        if v.mentions
            .iter()
            .any(|m| m.start < t.end && t.start < m.end)
            || !has_object(v, t)
        {
            continue;
        }
        let Some((relation, mut rule)) = reading(v, t) else {
            continue;
        };
        let Some((src, tgt, how)) = arguments(v, t, relation, &sources) else {
            continue;
        };
        rule = if rule.is_empty() {
            how.to_string()
        } else {
            format!("{how}+{rule}")
        };
        sources.push((t.start, t.end, src.clone()));
        emit(v, t, relation, &rule, &src, &tgt, &mut out);
    }
    drop_speech_content(v, &mut out);
    dedupe(&mut out);
    out
}

/// True when the trigger needs no object word, or one follows within eight words.
fn has_object(v: &View, t: &WordHit<Trigger>) -> bool {
    if t.value.object.is_empty() {
        return true;
    }
    let k = v.tok_at(t.end);
    let end = v.clause_end(t.end);
    (k..(k + 8).min(v.toks.len()))
        .take_while(|&j| v.toks[j].end <= end)
        .any(|j| t.value.object.contains(&v.lword(j)))
}

/// The relation a trigger asserts here, after negation, denial, schedule and modality; the
/// rule suffix says which reading applied.
fn reading(v: &View, t: &WordHit<Trigger>) -> Option<(Relation, String)> {
    let trig = t.value;
    if trig.relation == Relation::MakeStatement {
        return None;
    }
    let clause = v.clause_start(t.start);
    let denied = v
        .cues
        .iter()
        .any(|c| c.value.kind == CueKind::Denial && c.start < t.end && c.start >= clause);
    if denied
        || v.cue_before(
            &[CueKind::Schedule, CueKind::Hypothetical],
            t.start,
            clause,
            6,
        )
    {
        return None;
    }
    let negated = v.cue_before(&[CueKind::Negation], t.start, clause, 4);
    if negated {
        return trig.if_negated.map(|r| (r, "negated".to_string()));
    }
    let modal = v.cue_before(&[CueKind::Modal], t.start, clause, 5);
    if !modal {
        return Some((trig.relation, String::new()));
    }
    use crate::model::Family;
    match trig.relation.family() {
        Family::MaterialConflict => Some((Relation::Threaten, "modal".into())),
        Family::MaterialCooperation if trig.relation != Relation::Investigate => {
            Some((Relation::IntendToCooperate, "modal".into()))
        }
        _ if matches!(
            trig.relation,
            Relation::Consult | Relation::DiplomaticCooperation
        ) =>
        {
            Some((Relation::IntendToCooperate, "modal".into()))
        }
        _ if trig.relation == Relation::ReduceRelations => {
            Some((Relation::Threaten, "modal".into()))
        }
        _ => Some((trig.relation, String::new())),
    }
}

type Args = (Vec<usize>, Vec<usize>, &'static str);

/// Source and target mention groups for a trigger, and the rule that found them.
fn arguments(
    v: &View,
    t: &WordHit<Trigger>,
    relation: Relation,
    prior: &[(usize, usize, Vec<usize>)],
) -> Option<Args> {
    let clause = v.clause_start(t.start);
    let k = v.tok_at(t.start);
    if t.value.form != Form::Noun && is_passive(v, k) {
        let by = by_agent(v, t.end)?;
        let target = v.subject_before(t.start, clause)?;
        return Some((v.group(by), v.group(target), "passive"));
    }
    if matches!(relation, Relation::Disapprove | Relation::Reject) && after_copula(v, k) {
        return evaluative(v, t, relation);
    }
    if t.value.form == Form::Noun {
        return nominal(v, t, clause);
    }
    let src = verb_subject(v, t, clause, prior)?;
    let tgt = v
        .object_after(t.end, Some(&src))
        .map(|i| v.group(i))
        .unwrap_or_default();
    Some((src, tgt, "verb"))
}

/// "was rejected", "has been sanctioned": a form of be right before the trigger.
fn is_passive(v: &View, k: usize) -> bool {
    let mut j = k;
    while j > 0 && ADVERBS.contains(&v.lword(j - 1).as_str()) {
        j -= 1;
    }
    let w = v.toks[k..].first().map(|_| v.lword(k)).unwrap_or_default();
    j > 0
        && matches!(
            v.lword(j - 1).as_str(),
            "was" | "were" | "been" | "being" | "is" | "are" | "be" | "get" | "got"
        )
        && (w.ends_with("ed") || w.ends_with("en") || w.ends_with("wn") || w.ends_with("ld"))
}

/// The mention after "by" within three words of `pos`.
fn by_agent(v: &View, pos: usize) -> Option<usize> {
    let k = v.tok_at(pos);
    let by = (k..(k + 4).min(v.toks.len())).find(|&j| v.lword(j) == "by")?;
    let m = v.mentions.iter().position(|m| m.start >= v.toks[by].end)?;
    (v.tok_at(v.mentions[m].start) <= by + 3).then_some(m)
}

fn after_copula(v: &View, k: usize) -> bool {
    let mut j = k;
    while j > 0 && ADVERBS.contains(&v.lword(j - 1).as_str()) {
        j -= 1;
    }
    j > 0 && BE.contains(&v.lword(j - 1).as_str()) && !v.lword(k).ends_with("ed")
}

/// "X said these demands are unacceptable": the speaker judges the thing before the copula.
fn evaluative(v: &View, t: &WordHit<Trigger>, relation: Relation) -> Option<Args> {
    let target = v.subject_before(t.start, v.clause_start(t.start))?;
    let report_before = v
        .cues
        .iter()
        .rev()
        .find(|c| c.value.kind == CueKind::Report && c.end <= v.mentions[target].start);
    let speaker = match report_before {
        Some(c) => v.subject_before(c.start, v.clause_start(c.start))?,
        None => {
            let c = v
                .cues
                .iter()
                .find(|c| c.value.kind == CueKind::Report && c.start >= t.end)?;
            v.mentions.iter().position(|m| m.start >= c.end)?
        }
    };
    // Judging a demand or a proposal unacceptable is rejecting it (CAMEO 12).
    let rule = if v.mentions[target].anaphor_of.is_some() && relation == Relation::Disapprove {
        "evaluative:reject"
    } else {
        "evaluative"
    };
    Some((v.group(speaker), v.group(target), rule))
}

/// "Moscow's ultimatum to the West", "U.S. sanctions against Russia", "talks between X and Y",
/// or a light verb's subject ("X imposed sanctions on Y").
fn nominal(v: &View, t: &WordHit<Trigger>, clause: usize) -> Option<Args> {
    let k = v.tok_at(t.start);
    let premod = premodifier(v, k);
    let (tgt, between) = noun_target(v, k, t.end);
    if between && t.value.reciprocal {
        let g = v.group(tgt?);
        return (g.len() >= 2).then(|| (g.clone(), g, "nominal:between"));
    }
    let tgt = tgt.map(|i| v.group(i)).unwrap_or_default();
    if let Some(p) = premod {
        return Some((v.group(p), tgt, "nominal"));
    }
    if let Some(by) = by_agent(v, t.end) {
        return Some((v.group(by), tgt, "nominal:by"));
    }
    let src = v.subject_before(t.start, clause)?;
    Some((v.group(src), tgt, "nominal:light-verb"))
}

/// A mention that modifies the noun at token `k`: "Moscow's", "U.S.", "Russian" (adjectives
/// and determiners may stand between).
fn premodifier(v: &View, k: usize) -> Option<usize> {
    let mut j = k;
    for _ in 0..4 {
        if j == 0 {
            return None;
        }
        j -= 1;
        let tok = v.toks[j];
        if let Some(i) = v
            .mentions
            .iter()
            .position(|m| m.end == tok.end || (tok.start == m.end && v.word(j) == "'s"))
        {
            return Some(i);
        }
        let w = v.lword(j);
        if !tok.word
            || BE.contains(&w.as_str())
            || TARGET_PREPS.contains(&w.as_str())
            || matches!(w.as_str(), "the" | "a" | "an")
        {
            return None;
        }
    }
    None
}

/// The mention a noun's preposition introduces within four words, and whether it was "between".
fn noun_target(v: &View, k: usize, end: usize) -> (Option<usize>, bool) {
    let last = (k + 6).min(v.toks.len());
    let Some(p) =
        (k + 1..last).find(|&j| TARGET_PREPS.contains(&v.lword(j).as_str()) && v.lword(j) != "by")
    else {
        return (None, false);
    };
    let between = v.lword(p) == "between";
    let limit = v.clause_end(end);
    let m = v
        .mentions
        .iter()
        .position(|m| m.start >= v.toks[p].end && m.end <= limit);
    let m = m.filter(|&i| v.tok_at(v.mentions[i].start) <= p + 4);
    (m, between)
}

/// The acting side of a verb: the clause subject for a bare participle ("..., concentrating
/// troops"), the earlier verb's subject for a coordinated verb ("X attacked Y and killed"),
/// else the mention just left of the verb.
fn verb_subject(
    v: &View,
    t: &WordHit<Trigger>,
    clause: usize,
    prior: &[(usize, usize, Vec<usize>)],
) -> Option<Vec<usize>> {
    let k = v.tok_at(t.start);
    let w = v.lword(k);
    let bare_participle = w.ends_with("ing")
        && k > 0
        && !BE.contains(&v.lword(k - 1).as_str())
        && !matches!(v.lword(k - 1).as_str(), "'s" | "of" | "in");
    if bare_participle {
        let first = v
            .mentions_between(clause, t.start)
            .find(|&i| !v.after_preposition(i))?;
        return Some(v.group(first));
    }
    let near = v.subject_before(t.start, clause)?;
    let m = &v.mentions[near];
    if let Some((_, _, src)) = prior.iter().rev().find(|(_, e, _)| *e <= m.start) {
        let gap = v.s[m.end..t.start].to_ascii_lowercase();
        if gap.split_whitespace().any(|w| w == "and") && !src.is_empty() {
            return Some(src.clone());
        }
    }
    Some(v.group(near))
}

fn emit(
    v: &View,
    t: &WordHit<Trigger>,
    relation: Relation,
    rule: &str,
    src: &[usize],
    tgt: &[usize],
    out: &mut Vec<Found>,
) {
    let reciprocal = t.value.reciprocal && tgt.is_empty() && src.len() >= 2;
    let targets: &[usize] = if reciprocal { src } else { tgt };
    let relation = if rule.contains("evaluative:reject") {
        Relation::Reject
    } else {
        relation
    };
    for &a in src {
        for &b in targets {
            if a == b || v.same_side(a, b) {
                continue;
            }
            let weak = v.mentions[a].weak || v.mentions[b].weak;
            out.push(Found {
                source: v.mentions[a].actor,
                target: v.mentions[b].actor,
                relation,
                trigger: (t.start, t.end),
                rule: if reciprocal {
                    format!("{rule}+reciprocal")
                } else {
                    rule.to_string()
                },
                confidence: confidence(rule, src.len() > 1 || tgt.len() > 1, weak),
            });
        }
    }
}

fn confidence(rule: &str, coordinated: bool, weak: bool) -> f32 {
    let base = match rule.split(['+', ':']).next().unwrap_or("") {
        "passive" => 0.75,
        "nominal" if !rule.contains(':') => 0.75,
        "nominal" => 0.6,
        "evaluative" => 0.6,
        _ => 0.7,
    };
    let mut c: f32 = base;
    if rule.contains("modal") || rule.contains("negated") {
        c -= 0.1;
    }
    if coordinated {
        c -= 0.05;
    }
    if weak {
        c -= 0.1;
    }
    c
}

/// Drops events that are the content of a speech act ("urged Serbia to pull back troops").
fn drop_speech_content(v: &View, out: &mut Vec<Found>) {
    let acts: Vec<(usize, usize)> = out
        .iter()
        .filter(|f| SPEECH_ACTS.contains(&f.relation))
        .map(|f| (f.trigger.1, f.target))
        .collect();
    let _ = v;
    out.retain(|f| {
        !acts
            .iter()
            .any(|&(end, target)| f.trigger.0 >= end && f.source == target)
    });
}

/// One (source, relation, target) per sentence, keeping the first.
fn dedupe(out: &mut Vec<Found>) {
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert((f.source, f.relation, f.target)));
}
