//! Relations inside one sentence: each trigger is read (negated, denied, modal, scheduled?)
//! and given a source and a target from the actor mentions around it (`args`).
//!
//! Everything works on sentence-relative byte offsets and token windows; no parser is
//! involved, which keeps extraction linear in sentence length.

use super::args::{self, Prior};
use super::view::{DETERMINERS, View};
use crate::dict::{CueKind, Form, Trigger, WordHit};
use crate::model::{ActorKind, Family, Relation};

/// An event found in the sentence (trigger span sentence-relative).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub source: usize,
    pub target: usize,
    pub relation: Relation,
    pub trigger: (usize, usize),
    /// End of the target group's last mention (for speech-act content).
    pub target_end: usize,
    pub rule: String,
    pub confidence: f32,
    /// Codes in force at the two mentions, when not the actors' own.
    pub codes: (Option<String>, Option<String>),
}

/// Relations whose target's own actions, later in the sentence, are content, not events:
/// "urged Serbia to pull back", "accused Beijing of escalating".
pub const SPEECH_ACTS: &[Relation] = &[
    Relation::Appeal,
    Relation::Demand,
    Relation::Disapprove,
    Relation::Threaten,
    Relation::Reject,
];

/// Prepositions before a noun trigger that make it a circumstance ("at the summit").
const CIRCUMSTANCE: &[&str] = &["at", "during", "amid", "ahead", "before"];

/// Finds every event in the sentence.
pub fn find(v: &View) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut prior: Vec<Prior> = Vec::new();
    let mut consumed: Vec<usize> = Vec::new();
    for (i, t) in v.triggers.iter().enumerate() {
        if consumed.contains(&t.start) || !is_event_use(v, i) {
            continue;
        }
        let Some((mut relation, reading_rule)) = reading(v, t) else {
            continue;
        };
        if reading_rule == "negated" && relation == Relation::Threaten {
            // "does not rule out holding joint exercises": a cooperative act is an intent.
            if let Some(next) =
                next_trigger(v, i, 6).filter(|n| n.value.relation.family().is_cooperation())
            {
                relation = Relation::IntendToCooperate;
                consumed.push(next.start);
            }
        }
        if relation == Relation::Reject {
            // "ruled out resuming talks", "refused to meet": the rejected act is no event.
            if let Some(next) =
                next_trigger(v, i, 3).filter(|n| n.value.relation.family().is_cooperation())
            {
                consumed.push(next.start);
            }
        }
        let Some((src, tgt, how)) = args::arguments(v, t, relation, &prior) else {
            continue;
        };
        let rule = if reading_rule.is_empty() {
            how.to_string()
        } else {
            format!("{how}+{reading_rule}")
        };
        prior.push((t.end, relation, src.clone(), tgt.clone()));
        emit(v, t, relation, &rule, &src, &tgt, &mut out);
    }
    drop_speech_content(v, &mut out);
    dedupe(&mut out);
    out
}

/// The next trigger after trigger `i` within `words` words.
fn next_trigger<'a>(v: &'a View, i: usize, words: usize) -> Option<&'a WordHit<'a, Trigger>> {
    let t = &v.triggers[i];
    let next = v.triggers.get(i + 1)?;
    (v.tok_at(next.start) <= v.tok_at(t.end) + words).then_some(next)
}

/// False for trigger words that are not used as an event here: inside a mention, glued to a
/// word by a hyphen ("Qatari-mediated"), a participle used as an adjective ("a jailed
/// reporter"), a noun that is the object of another trigger ("requested a meeting") or a
/// circumstance ("at the summit"), or "helped" before the verb that carries the event.
fn is_event_use(v: &View, i: usize) -> bool {
    let t = &v.triggers[i];
    if v.mentions
        .iter()
        // A pronoun inside a trigger ("suspend its participation") does not block it.
        .any(|m| !m.weak && m.start < t.end && t.start < m.end)
        || v.s[..t.start].ends_with('-')
    {
        return false;
    }
    let k = v.tok_at(t.start);
    let prev = if k > 0 { v.lword(k - 1) } else { "" };
    if effective_form(v, t) == Form::Noun {
        return !object_of_trigger(v, i) && !after_circumstance(v, k);
    }
    let adjective = v.lword(k).ends_with("ed")
        && (DETERMINERS.contains(&prev)
            || matches!(prev, "of" | "from" | "in" | "on" | "with" | "for"));
    !adjective && !auxiliary_help(v, i)
}

/// A verb-form trigger after a determiner is used as a noun ("the attack", "a rebuke").
pub fn effective_form(v: &View, t: &WordHit<Trigger>) -> Form {
    let k = v.tok_at(t.start);
    // Up to two lower-case modifiers may stand between: "a sharp rebuke".
    let modifier = |j: usize| {
        v.toks[j].word
            && v.word(j).chars().all(|c| c.is_lowercase() || c == '-')
            && !super::view::ADVERBS.contains(&v.lword(j))
            && !super::view::BE.contains(&v.lword(j))
    };
    // Each test only for the form it can change (this runs several times a trigger).
    let after_det = || {
        (1..=3.min(k))
            .any(|d| DETERMINERS.contains(&v.lword(k - d)) && (k - d + 1..k).all(modifier))
    };
    // "after meeting her counterpart": a gerund after a preposition acts as a verb.
    let gerund = || {
        let prev = if k > 0 { v.lword(k - 1) } else { "" };
        v.lword(k).ends_with("ing")
            && matches!(
                prev,
                "after" | "before" | "while" | "by" | "since" | "without" | "following" | "upon"
            )
    };
    match t.value.form {
        Form::Verb if !v.lword(k).ends_with("ed") && after_det() => Form::Noun,
        Form::Noun if gerund() => Form::Verb,
        form => form,
    }
}

/// "helped detain", "helping to evacuate": the second verb is the event.
fn auxiliary_help(v: &View, i: usize) -> bool {
    let t = &v.triggers[i];
    t.value.relation == Relation::ProvideAid
        && v.triggers.get(i + 1).is_some_and(|n| {
            let (a, b) = (v.tok_at(t.end), v.tok_at(n.start));
            n.value.form != Form::Noun && b >= a && b - a <= 1 && (a..b).all(|j| v.lword(j) == "to")
        })
}

/// A noun shortly after another trigger, with only words between: "eased oil sanctions",
/// "requested an urgent meeting", "a proposal for a ceasefire": the first trigger carries
/// the event and the noun is its object or content. After a noun, that takes a preposition
/// ("a proposal for"): in "the drills followed a meeting" the meeting is an act of its own.
fn object_of_trigger(v: &View, i: usize) -> bool {
    let k = v.tok_at(v.triggers[i].start);
    v.triggers[..i].last().is_some_and(|p| {
        let pk = v.tok_at(p.end);
        let complement =
            effective_form(v, p) != Form::Noun || k == pk || NOUN_COMPLEMENT.contains(&v.lword(pk));
        p.value.relation != Relation::MakeStatement
            && complement
            && k >= pk
            && k - pk <= 5
            && (pk..k).all(|j| {
                v.toks[j].word
                    && !v
                        .mentions
                        .iter()
                        .any(|m| m.start < v.toks[j].end && v.toks[j].start < m.end)
            })
    })
}

/// Prepositions that attach a noun to a noun trigger before it ("a call for talks").
const NOUN_COMPLEMENT: &[&str] = &["for", "of", "on", "over", "about", "to", "with", "against"];

fn after_circumstance(v: &View, k: usize) -> bool {
    let mut j = k;
    for _ in 0..3 {
        if j == 0 {
            return false;
        }
        j -= 1;
        let w = v.lword(j);
        if CIRCUMSTANCE.contains(&w) {
            return true;
        }
        if !v.toks[j].word {
            return false;
        }
    }
    false
}

/// The reading of a trigger phrase that applies here: the first whose object word (if it
/// needs one) follows within eight words in the clause.
pub fn choose<'a>(v: &View, hit: &WordHit<'a, Vec<Trigger>>) -> Option<WordHit<'a, Trigger>> {
    // The window is found only for a reading that needs an object: most readings need none.
    let window = std::cell::OnceCell::new();
    let window = || {
        window.get_or_init(|| {
            let k = v.tok_at(hit.end);
            let end = v.clause_end(hit.end);
            (k..(k + 8).min(v.toks.len()))
                .take_while(|&j| v.toks[j].end <= end)
                .map(|j| v.lword(j))
                .collect::<Vec<&str>>()
        })
    };
    let reading = hit
        .value
        .iter()
        .find(|t| t.object.is_empty() || t.object.iter().any(|o| window().contains(&o.as_str())))?;
    Some(WordHit {
        start: hit.start,
        end: hit.end,
        value: reading,
    })
}

/// The relation a trigger asserts here, after negation, denial, schedule and modality; the
/// second value names the reading that applied ("" for the plain one).
fn reading(v: &View, t: &WordHit<Trigger>) -> Option<(Relation, &'static str)> {
    let trig = t.value;
    if trig.relation == Relation::MakeStatement || denied(v, t) {
        return None;
    }
    let clause = v.clause_start(t.start);
    if v.cue_before(
        &[CueKind::Schedule, CueKind::Hypothetical],
        t.start,
        clause,
        6,
    ) {
        return None;
    }
    if in_condition(v, t.start, clause) {
        return None;
    }
    if v.cue_before(&[CueKind::Negation], t.start, clause, 4) {
        return trig.if_negated.map(|r| (r, "negated"));
    }
    let Some(modal) = v.cues.iter().rev().find(|c| {
        c.value.kind == CueKind::Modal
            && c.end <= t.start
            && c.start >= clause
            && v.tok_at(t.start) - v.tok_at(c.start) <= 6
    }) else {
        return Some((trig.relation, ""));
    };
    let plain_future = matches!(
        v.s[modal.start..modal.end].to_ascii_lowercase().as_str(),
        "will" | "shall" | "'ll"
    );
    let relation = match trig.relation.family() {
        // "will hold talks on Tuesday" is the writer's schedule, not an intent.
        _ if trig.relation == Relation::Consult && plain_future => return None,
        Family::MaterialConflict => Relation::Threaten,
        Family::MaterialCooperation if trig.relation != Relation::Investigate => {
            Relation::IntendToCooperate
        }
        _ if matches!(
            trig.relation,
            Relation::Consult | Relation::DiplomaticCooperation
        ) =>
        {
            Relation::IntendToCooperate
        }
        _ if trig.relation == Relation::ReduceRelations => Relation::Threaten,
        _ => return Some((trig.relation, "")),
    };
    Some((relation, "modal"))
}

/// Inside an "if"/"unless" clause (no comma since the conjunction): the condition of a
/// threat or promise, not an asserted act ("... a harsher response if it retaliated").
fn in_condition(v: &View, pos: usize, clause: usize) -> bool {
    let k = v.tok_at(pos);
    let from = v.tok_at(clause);
    (from..k)
        .rev()
        .take_while(|&j| v.word(j) != ",")
        .any(|j| matches!(v.lword(j), "if" | "unless"))
}

/// A denial ("denied that Moscow was threatening", "rejected Egyptian claims") cancels the
/// triggers from the cue up to the next "and", comma or clause boundary.
fn denied(v: &View, t: &WordHit<Trigger>) -> bool {
    let k = v.tok_at(t.start);
    if (k + 1..(k + 4).min(v.toks.len())).any(|j| v.cue_at(j, CueKind::DenialObject))
        && t.value.relation == Relation::Reject
    {
        return true;
    }
    v.cues
        .iter()
        .filter(|c| c.value.kind == CueKind::Denial && c.start < t.end)
        .any(|c| {
            let from = v.tok_at(c.start);
            c.end >= t.start || (from..k).all(|j| !matches!(v.lword(j), "and" | "," | ";" | "but"))
        })
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
    // "X and Y signed a Russian-brokered deal": a compound modifier is not the partner.
    let modifiers_only = !tgt.is_empty()
        && tgt
            .iter()
            .all(|&b| v.s[v.mentions[b].end..].starts_with('-'));
    let reciprocal = t.value.reciprocal && src.len() >= 2 && (tgt.is_empty() || modifiers_only);
    let targets: &[usize] = if reciprocal { src } else { tgt };
    let relation = if rule.contains("evaluative:reject") {
        Relation::Reject
    } else {
        relation
    };
    let target_end = targets
        .iter()
        .map(|&b| v.mentions[b].end)
        .max()
        .unwrap_or(t.end);
    for &a in src {
        for &b in targets {
            if a == b || v.same_side(a, b) {
                continue;
            }
            let weak = v.mentions[a].weak || v.mentions[b].weak;
            out.push(Found {
                source: v.mentions[a].actor,
                target: v.mentions[b].actor,
                // A crowd's violence is a riot, street action (145).
                relation: if v.mentions[a].crowd
                    && relation.family() == crate::model::Family::MaterialConflict
                {
                    Relation::Protest
                } else {
                    refine(v, t, relation, b)
                },
                trigger: (t.start, t.end),
                target_end,
                rule: if reciprocal {
                    format!("{rule}+reciprocal")
                } else {
                    rule.to_string()
                },
                confidence: confidence(rule, src.len() > 1 || tgt.len() > 1, weak),
                codes: (v.mentions[a].code.clone(), v.mentions[b].code.clone()),
            });
        }
    }
}

/// Roots that depend on the target: force against a named person is an assault; a withdrawal
/// from an organization is leaving it (reduce_relations), not a military pull-back.
fn refine(v: &View, t: &WordHit<Trigger>, relation: Relation, target: usize) -> Relation {
    match (relation, v.kind(target)) {
        (Relation::Fight, ActorKind::Person) => Relation::Assault,
        // One side's drills around a rival are a show of force, not cooperation with it.
        (Relation::MaterialCooperation, _) if v.preceded_by(target, &["around", "near", "off"]) => {
            Relation::ExhibitForcePosture
        }
        (Relation::MaterialCooperation, _) if v.is_place(target) => relation,
        (Relation::Yield, ActorKind::Organization)
            if v.s[t.start..t.end]
                .to_ascii_lowercase()
                .starts_with("withdr") =>
        {
            Relation::ReduceRelations
        }
        _ => relation,
    }
}

fn confidence(rule: &str, coordinated: bool, weak: bool) -> f32 {
    let base = match rule.split(['+', ':']).next().unwrap_or("") {
        "passive" => 0.75,
        "nominal" if !rule.contains(':') => 0.75,
        "nominal" | "evaluative" => 0.6,
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

/// Drops the content of a speech act: later events whose source is the act's target
/// ("urged Serbia to pull back troops"), or any event inside an "of"/"for" complement of
/// the target ("accused him of deporting children"). Perfect-tense background ("troops it
/// has massed") is asserted fact and stays.
fn drop_speech_content(v: &View, out: &mut Vec<Found>) {
    let acts: Vec<(usize, usize, usize)> = out
        .iter()
        .filter(|f| SPEECH_ACTS.contains(&f.relation))
        .map(|f| (f.trigger.1, f.target, f.target_end))
        .collect();
    out.retain(|f| {
        let k = v.tok_at(f.trigger.0);
        let perfect = k > 0 && matches!(v.lword(k - 1), "has" | "have" | "had");
        !acts.iter().any(|&(end, target, target_end)| {
            let after = f.trigger.0 >= end;
            after && !perfect && (f.source == target || in_complement(v, target_end, f.trigger.0))
        })
    });
}

/// True when `pos` lies in the "of"/"for" complement that follows a speech act's target
/// ("accused Pakistan of breaching ..."), which ends at the next "and", comma or boundary.
fn in_complement(v: &View, target_end: usize, pos: usize) -> bool {
    let j = v.tok_at(target_end);
    if pos < target_end || j >= v.toks.len() || !matches!(v.lword(j), "of" | "for") {
        return false;
    }
    (j..v.tok_at(pos)).all(|i| !matches!(v.lword(i), "and" | "," | ";" | "but"))
}

/// One (source, relation, target) per sentence, keeping the first. A sentence yields a few
/// events, so looking through those kept beats hashing them.
fn dedupe(out: &mut Vec<Found>) {
    let mut seen = Vec::new();
    out.retain(|f| {
        let key = (f.source, f.relation, f.target);
        let new = !seen.contains(&key);
        if new {
            seen.push(key);
        }
        new
    });
}
