//! Who acts and who is acted upon, for one trigger: passive by-phrases, evaluative
//! adjectives, nominalizations, participles, infinitives and coordinated verbs.

use super::view::{ADVERBS, BE, DETERMINERS, View};
use crate::dict::{Cue, CueKind, Form, Trigger, WordHit};
use crate::model::{Family, Relation};

/// Source and target mention groups, and the rule that found them.
pub type Args = (Vec<usize>, Vec<usize>, &'static str);

/// What earlier triggers of the sentence resolved to: (trigger end, relation, sources).
pub type Prior = (usize, Relation, Vec<usize>, Vec<usize>);

/// Prepositions that introduce the one acted upon after a noun.
const TARGET_PREPS: &[&str] = &[
    "to", "on", "against", "with", "toward", "towards", "at", "over", "for", "upon", "into", "of",
    "between",
];

/// Finds source and target for a trigger read as `relation`.
pub fn arguments(
    v: &View,
    t: &WordHit<Trigger>,
    relation: Relation,
    prior: &[Prior],
) -> Option<Args> {
    let clause = v.clause_start(t.start);
    let k = v.tok_at(t.start);
    // Force lands on places; drills "around Taiwan" aim at them.
    // Force and condemnation land on places ("shelled Kharkiv", "condemned the coup in
    // Niger"); drills "around Taiwan" aim at them; meetings merely happen there.
    let places = matches!(
        relation.family(),
        Family::MaterialConflict | Family::VerbalConflict
    ) || matches!(
        relation,
        Relation::MaterialCooperation | Relation::ProvideAid
    );
    let form = super::relations::effective_form(v, t);
    if form != Form::Noun && is_passive(v, k) {
        let by = by_agent(v, t.end)?;
        let target = v.subject_before(t.start, clause)?;
        return Some((v.group(by), v.group(target), "passive"));
    }
    if matches!(relation, Relation::Disapprove | Relation::Reject) && after_copula(v, k) {
        return evaluative(v, t, relation);
    }
    if form == Form::Patient {
        return patient(v, t, clause);
    }
    if form == Form::Noun {
        return nominal(v, t, clause, places);
    }
    let (src, inherited) = verb_subject(v, t, clause, prior)?;
    let tgt = v
        .object_after(t.end, &src, false)
        .or_else(|| places.then(|| v.object_after(t.end, &src, true)).flatten());
    let tgt = match (relation, tgt) {
        (Relation::Disapprove, Some(i)) => condemned_doer(v, t, i),
        (_, tgt) => tgt,
    };
    let tgt = tgt.map(|i| v.group(i));
    // "accused Pakistan of ... and warned that ...": a coordinated speech act keeps the target.
    let speech = super::relations::SPEECH_ACTS.contains(&relation);
    // Only when nothing else follows the verb ("and warned that ..."), not "called on the world".
    let bare = v
        .toks
        .get(v.tok_at(t.end))
        .is_none_or(|n| matches!(v.lword(v.tok_at(t.end)), "that" | "," | ".") || !n.word);
    let tgt = tgt.or_else(|| {
        (speech && bare)
            .then_some(inherited)
            .filter(|g| !g.is_empty())
    });
    let tgt = tgt.unwrap_or_default();
    if form == Form::Inverse {
        return (!tgt.is_empty()).then_some((tgt, src, "verb:inverse"));
    }
    Some((src, tgt, "verb"))
}

/// "condemned the attack on X", "denounced the arrest of X by Y": when the object is a
/// hostile act (`hostile_act` in data/cues.csv) and the mention found comes after it, that
/// mention suffered the act; the condemnation is aimed at its doer, named after "by", or at
/// no one. A doer named before the act ("Israel's attack on Rafah") is the mention found.
fn condemned_doer(v: &View, t: &WordHit<Trigger>, found: usize) -> Option<usize> {
    let k = v.tok_at(t.end);
    let act = v.cues.iter().find(|c| {
        let kc = v.tok_at(c.start);
        c.value.kind == CueKind::HostileAct
            && c.start >= t.start
            && kc <= k + 4
            && (k..kc).all(|j| v.toks[j].word)
    });
    // The mention is the act's victim when the act's own preposition introduces it
    // ("the attack on the UN mission"), not a later phrase ("the arrest and urged Pristina").
    let victim = |a: &&WordHit<Cue>| {
        let (ka, kf) = (v.tok_at(a.end), v.tok_at(v.mentions[found].start));
        v.mentions[found].start >= a.end
            && ka < v.toks.len()
            && matches!(
                v.lword(ka),
                "on" | "of" | "against" | "in" | "into" | "at" | "upon"
            )
            && kf <= ka + 4
            && (ka..kf).all(|j| v.toks[j].word)
    };
    let Some(act) = act.filter(victim) else {
        return Some(found);
    };
    let ka = v.tok_at(act.end);
    let limit = v.clause_end(act.end);
    let by = (ka..(ka + 8).min(v.toks.len()))
        .take_while(|&j| v.toks[j].end <= limit)
        .find(|&j| v.lword(j) == "by")?;
    let m = v.mentions.iter().position(|m| m.start >= v.toks[by].end)?;
    (v.tok_at(v.mentions[m].start) <= by + 3).then_some(m)
}

/// "was rejected", "has been sanctioned": a form of be right before a participle.
fn is_passive(v: &View, k: usize) -> bool {
    let mut j = k;
    while j > 0 && ADVERBS.contains(&v.lword(j - 1)) {
        j -= 1;
    }
    let w = v.lword(k);
    j > 0
        && matches!(
            v.lword(j - 1),
            "was" | "were" | "been" | "being" | "is" | "are" | "be" | "get" | "got"
        )
        && (w.ends_with("ed") || w.ends_with("en") || w.ends_with("wn") || w.ends_with("ld"))
}

/// The mention after "by" within three words of `pos`.
fn by_agent(v: &View, pos: usize) -> Option<usize> {
    after_word(v, pos, "by")
}

/// The mention right after `word` when `word` comes within three words of `pos`.
fn after_word(v: &View, pos: usize, word: &str) -> Option<usize> {
    let k = v.tok_at(pos);
    let at = (k..(k + 4).min(v.toks.len())).find(|&j| v.lword(j) == word)?;
    let m = v.mentions.iter().position(|m| m.start >= v.toks[at].end)?;
    (v.tok_at(v.mentions[m].start) <= at + 3).then_some(m)
}

fn after_copula(v: &View, k: usize) -> bool {
    let mut j = k;
    while j > 0 && ADVERBS.contains(&v.lword(j - 1)) {
        j -= 1;
    }
    j > 0 && BE.contains(&v.lword(j - 1)) && !v.lword(k).ends_with("ed")
}

/// "vowed that America and Britain would pay a heavy price": the subject is threatened by
/// whoever vowed, warned or said it.
fn patient(v: &View, t: &WordHit<Trigger>, clause: usize) -> Option<Args> {
    let target = v.subject_before(t.start, clause)?;
    let said =
        |c: &&WordHit<crate::dict::Cue>| matches!(c.value.kind, CueKind::Report | CueKind::Modal);
    let speaker = match v
        .cues
        .iter()
        .rev()
        .filter(said)
        .find(|c| c.end <= v.mentions[target].start)
    {
        Some(cue) => v.subject_before(cue.start, v.clause_start(cue.start))?,
        // '"Pakistan must shut the camps," Rao told reporters': the speaker follows.
        None => {
            let cue = v
                .cues
                .iter()
                .filter(said)
                .find(|c| c.start >= t.end && c.value.kind == CueKind::Report)?;
            v.mentions
                .iter()
                .position(|m| m.start >= cue.end)
                .or_else(|| v.subject_before(cue.start, t.end))?
        }
    };
    Some((v.group(speaker), v.group(target), "patient"))
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

/// "Moscow's ultimatum to the West", "U.S. sanctions against Russia", "talks between X and
/// Y", "a rebuke from Egypt", or a light verb's subject ("X imposed sanctions on Y").
fn nominal(v: &View, t: &WordHit<Trigger>, clause: usize, places: bool) -> Option<Args> {
    let k = v.tok_at(t.start);
    let (tgt, between) = noun_target(v, k, t.end, places);
    if between && t.value.reciprocal {
        let g = v.group(tgt?);
        return (g.len() >= 2).then(|| (g.clone(), g, "nominal:between"));
    }
    let tgt = tgt.map(|i| v.group(i)).unwrap_or_default();
    if let Some(p) = premodifier(v, k) {
        return Some((v.group(p), tgt, "nominal"));
    }
    if let Some(by) = by_agent(v, t.end) {
        return Some((v.group(by), tgt, "nominal:by"));
    }
    if let Some(from) = after_word(v, t.end, "from") {
        let subject = v
            .subject_before(t.start, clause)
            .map(|i| v.group(i))
            .unwrap_or_default();
        return Some((v.group(from), subject, "nominal:from"));
    }
    let src = v.subject_before(t.start, clause)?;
    Some((v.group(src), tgt, "nominal:light-verb"))
}

/// A mention that modifies the noun at token `k`: "Moscow's", "U.S.", "Russian" (adjectives
/// may stand between).
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
        if !tok.word || BE.contains(&w) || TARGET_PREPS.contains(&w) || DETERMINERS.contains(&w) {
            return None;
        }
    }
    None
}

/// The mention a noun's preposition introduces (within four words of the preposition, the
/// preposition within five of the noun), and whether the preposition was "between".
fn noun_target(v: &View, k: usize, end: usize, places: bool) -> (Option<usize>, bool) {
    let limit = v.clause_end(end);
    let last = (k + 6).min(v.toks.len());
    for p in (k + 1..last).filter(|&j| TARGET_PREPS.contains(&v.lword(j))) {
        let m = v
            .mentions
            .iter()
            .position(|m| m.start >= v.toks[p].end && m.end <= limit);
        if let Some(i) =
            m.filter(|&i| v.tok_at(v.mentions[i].start) <= p + 4 && v.can_be_target(i, places))
        {
            return (Some(i), v.lword(p) == "between");
        }
    }
    // Force lands on the place named right after it ("shelling of Kharkiv", "strikes across Ukraine").
    let near = v
        .mentions
        .iter()
        .position(|m| m.start >= end && m.end <= limit);
    let near = near
        .filter(|&i| places && v.tok_at(v.mentions[i].start) <= k + 6 && v.can_be_target(i, true));
    (near, false)
}

/// The acting side of a verb, and for a coordinated verb the earlier verb's target: the
/// clause subject for a bare participle ("..., concentrating troops"), the controlling
/// verb's subject for an infinitive ("met Y to discuss"), the earlier verb's subject for a
/// coordinated verb ("X accused Y of ... and warned"), else the mention just left of the
/// verb (or of the clause before "but").
fn verb_subject(
    v: &View,
    t: &WordHit<Trigger>,
    clause: usize,
    prior: &[Prior],
) -> Option<(Vec<usize>, Vec<usize>)> {
    let k = v.tok_at(t.start);
    let w = v.lword(k);
    let prev = if k > 0 { v.lword(k - 1) } else { "" };
    let bare_participle = w.ends_with("ing")
        && k > 0
        && !BE.contains(&prev)
        && !matches!(
            prev,
            "'s" | "of"
                | "in"
                | "after"
                | "before"
                | "while"
                | "by"
                | "since"
                | "without"
                | "following"
                | "upon"
        );
    if bare_participle {
        let free = v
            .mentions_between(clause, t.start)
            .find(|&i| !v.preceded_by(i, &["in", "at", "of", "on", "from", "with", "for", "to"]));
        if let Some(first) = free {
            return Some((v.group(first), Vec::new()));
        }
    }
    let last_prior = prior.iter().rev().find(|p| p.0 >= clause && p.0 <= t.start);
    if prev == "to" {
        if let Some(p) = last_prior.filter(|p| !super::relations::SPEECH_ACTS.contains(&p.1)) {
            return Some((p.2.clone(), Vec::new()));
        }
    }
    let Some(near) = v.subject_before(t.start, clause) else {
        // "..., but warned Israel": the subject of the clause before "but".
        let before_but = clause > 0 && v.clause_opener(t.start) == Some("but");
        let i = before_but
            .then(|| v.subject_before(clause, v.clause_start(clause.saturating_sub(1))))
            .flatten()?;
        return Some((v.group(i), Vec::new()));
    };
    let m = &v.mentions[near];
    if let Some(p) = prior.iter().rev().find(|p| p.0 <= m.start && p.0 >= clause) {
        let gap = v.s[m.end..t.start].to_ascii_lowercase();
        if gap.split_whitespace().any(|w| w == "and") && !p.2.is_empty() {
            return Some((p.2.clone(), p.3.clone()));
        }
    }
    Some((v.group(near), Vec::new()))
}
