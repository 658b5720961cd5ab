//! A sentence seen by the relation rules: tokens, mentions, triggers and cues, with the
//! clause and argument helpers every rule shares.

use super::tokens::Token;
use crate::dict::{Cue, CueKind, Trigger, WordHit};
use crate::model::{Actor, ActorKind};

/// An actor mention inside the sentence (sentence-relative byte offsets).
#[derive(Debug, Clone)]
pub struct Local {
    pub start: usize,
    pub end: usize,
    /// The span recorded as the mention (the name inside a titled phrase).
    pub name: (usize, usize),
    pub actor: usize,
    /// The mention refers back to an earlier act ("these demands"): the act's maker.
    pub anaphor_of: Option<crate::model::Relation>,
    /// Found through a pronoun or a misspelling, so less certain.
    pub weak: bool,
    /// The code in force here when it is not the actor's own (dated or agent-qualified).
    pub code: Option<String>,
    /// An unnamed crowd ("Kazakh protesters"): a group of its state, acting against it too.
    pub crowd: bool,
}

/// The sentence with everything matched in it.
pub struct View<'a> {
    pub s: &'a str,
    /// `s` in ASCII lower case (same byte offsets), so word tests do not allocate.
    pub lower: &'a str,
    pub toks: &'a [Token],
    pub mentions: &'a [Local],
    pub triggers: &'a [WordHit<'a, Trigger>],
    pub cues: &'a [WordHit<'a, Cue>],
    pub actors: &'a [Actor],
    /// How each mention is joined to the next, found on first use: `group` reads them for
    /// every argument of every trigger.
    pub gaps: std::cell::OnceCell<Vec<Option<Gap>>>,
}

/// Forms of "be" (and look-alikes) before passives and evaluative adjectives.
pub const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "remain", "remains", "remained", "seemed",
    "seems",
];
/// Words that may stand between an auxiliary and its verb.
pub const ADVERBS: &[&str] = &[
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
/// Prepositions after which a mention is a place or circumstance, not a subject.
const LOCATIVE: &[&str] = &[
    "in", "at", "near", "on", "over", "from", "inside", "outside", "across", "around", "into",
    "about", "of", "during", "for", "through", "along", "with", "by",
];
/// Prepositions after which a mention is a place, not the one acted upon.
const PLACE: &[&str] = &[
    "in",
    "near",
    "inside",
    "outside",
    "across",
    "around",
    "during",
    "throughout",
    "within",
    "along",
    "over",
    "via",
];
/// Words that may stand between a preposition and a place ("in southern Lebanon").
const PLACE_ADJECTIVES: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "occupied",
    "neighbouring",
    "neighboring",
    "mainland",
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
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "our", "that",
];

impl<'a> View<'a> {
    /// The token's text.
    pub fn word(&self, k: usize) -> &str {
        let t = self.toks[k];
        &self.s[t.start..t.end]
    }

    /// The token's text in lower case.
    pub fn lword(&self, k: usize) -> &'a str {
        let t = self.toks[k];
        &self.lower[t.start..t.end]
    }

    /// Index of the token holding (or first after) byte `byte`.
    pub fn tok_at(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.end <= byte)
    }

    /// The byte offset where the clause holding `pos` starts.
    pub fn clause_start(&self, pos: usize) -> usize {
        let k = self.tok_at(pos);
        (0..k)
            .rev()
            .find(|&j| HARD_BOUNDARIES.contains(&self.lword(j)))
            .map_or(0, |j| self.toks[j].end)
    }

    /// The word that opened the clause holding `pos`, if a boundary word did.
    pub fn clause_opener(&self, pos: usize) -> Option<&'a str> {
        let start = self.clause_start(pos);
        (start > 0).then(|| self.lword(self.tok_at(start) - 1))
    }

    /// The byte offset where the clause holding `pos` ends, for target search: a boundary
    /// word, a relative or participial clause, or reported speech ("..., a U.S. official said").
    pub fn clause_end(&self, pos: usize) -> usize {
        let k = self.tok_at(pos);
        for j in k..self.toks.len() {
            let w = self.lword(j);
            let after_comma = j > 0 && self.word(j - 1) == ",";
            let relative = after_comma && matches!(w, "who" | "which" | "whose" | "where");
            let participle = after_comma && j > k && w.ends_with("ing") && w.len() > 5;
            let report = j > k && self.cue_at(j, CueKind::Report);
            // ", and she ruled out ...": a comma before a conjunction starts a new clause.
            let comma_and = w == ","
                && j + 1 < self.toks.len()
                && matches!(self.lword(j + 1), "and" | "but" | "while");
            let comma_report = w == ","
                && (j + 1..(j + 7).min(self.toks.len())).any(|i| self.cue_at(i, CueKind::Report));
            if HARD_BOUNDARIES.contains(&w)
                || relative
                || participle
                || report
                || comma_report
                || comma_and
            {
                return self.toks[j].start;
            }
        }
        self.s.len()
    }

    /// True when a cue of `kind` starts at token `j`.
    pub fn cue_at(&self, j: usize, kind: CueKind) -> bool {
        let start = self.toks[j].start;
        self.cues
            .iter()
            .any(|c| c.value.kind == kind && c.start == start)
    }

    /// True when a cue of one of `kinds` ends before `pos`, after `from`, within `max_words`.
    pub fn cue_before(&self, kinds: &[CueKind], pos: usize, from: usize, max_words: usize) -> bool {
        let k = self.tok_at(pos);
        // Found only when a cue is in reach: most sentences have none.
        let mut relatives = None;
        self.cues.iter().any(|c| {
            kinds.contains(&c.value.kind)
                && c.end <= pos
                && c.start >= from
                && k - self.tok_at(c.start) <= max_words + 1
                // "Zelensky, who was not in Jeddah, thanked Trump": the relative's negation stays there.
                && !(relatives.get_or_insert_with(|| self.closed_relatives(pos)))
                    .iter()
                    .any(|&(a, b)| c.start >= a && c.end <= b)
        })
    }

    /// Indexes of the mentions inside `from..to`.
    pub fn mentions_between(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.mentions.len())
            .filter(move |&i| self.mentions[i].start >= from && self.mentions[i].end <= to)
    }

    /// The mention just left of `pos` in `from..pos`, preferring one that is not the object
    /// of a preposition ("in Geneva").
    pub fn subject_before(&self, pos: usize, from: usize) -> Option<usize> {
        let relatives = self.closed_relatives(pos);
        let inside = |i: usize| {
            relatives
                .iter()
                .any(|&(a, b)| self.mentions[i].start >= a && self.mentions[i].end <= b)
        };
        let cands: Vec<usize> = self
            .mentions_between(from, pos)
            .filter(|&i| !inside(i))
            .collect();
        let free = cands
            .iter()
            .rev()
            .find(|&&i| !self.preceded_by(i, LOCATIVE))
            .copied();
        free.or_else(|| cands.last().copied())
    }

    /// Spans of relative clauses (", who met Wang Yi on Monday,") that close before `pos`:
    /// their mentions are not the subject of what follows.
    pub fn closed_relatives(&self, pos: usize) -> Vec<(usize, usize)> {
        let end = self.tok_at(pos);
        let mut out = Vec::new();
        for j in 1..end {
            let opener = self.word(j - 1) == ","
                && matches!(self.lword(j), "who" | "which" | "whose" | "whom");
            if !opener {
                continue;
            }
            if let Some(close) = (j + 1..end).find(|&c| self.word(c) == ",") {
                out.push((self.toks[j].start, self.toks[close].start));
            }
        }
        out
    }

    /// True when mention `i` follows one of `preps` (determiners may stand between).
    pub fn preceded_by(&self, i: usize, preps: &[&str]) -> bool {
        let mut j = self.tok_at(self.mentions[i].start);
        while j > 0
            && (DETERMINERS.contains(&self.lword(j - 1))
                || PLACE_ADJECTIVES.contains(&self.lword(j - 1)))
        {
            j -= 1;
        }
        j > 0 && preps.contains(&self.lword(j - 1))
    }

    /// First mention after `pos` in the clause, within 15 words, not on `source`'s side.
    /// Places ("in Kyiv") count only when `places` is true.
    pub fn object_after(&self, pos: usize, source: &[usize], places: bool) -> Option<usize> {
        let end = self.clause_end(pos);
        let k = self.tok_at(pos);
        self.mentions_between(pos, end).find(|&i| {
            self.tok_at(self.mentions[i].start) <= k + 16
                && source.iter().all(|&s| !self.same_side(s, i))
                && self.can_be_target(i, places)
        })
    }

    /// Whether mention `i` can be acted upon: a place only when `places` is true.
    pub fn can_be_target(&self, i: usize, places: bool) -> bool {
        places || !self.is_place(i)
    }

    /// True for a mention introduced by a place preposition ("in Kyiv", "around Taiwan").
    pub fn is_place(&self, i: usize) -> bool {
        self.preceded_by(i, PLACE)
    }

    /// Two mentions of one actor, or of actors with the same code (a person and their state).
    pub fn same_side(&self, a: usize, b: usize) -> bool {
        let (ma, mb) = (&self.mentions[a], &self.mentions[b]);
        let (x, y) = (&self.actors[ma.actor], &self.actors[mb.actor]);
        ma.actor == mb.actor || (!x.code.is_empty() && x.code == y.code && ma.crowd == mb.crowd)
    }

    /// The kind of the actor behind mention `i`.
    pub fn kind(&self, i: usize) -> ActorKind {
        self.actors[self.mentions[i].actor].kind
    }

    /// The coordination group around mention `i`: "X, Y and Z", "X and other NATO members".
    pub fn group(&self, i: usize) -> Vec<usize> {
        let mut lo = i;
        while lo > 0 && self.links(lo - 1) {
            lo -= 1;
        }
        let mut hi = i;
        while hi + 1 < self.mentions.len() && self.links(hi) {
            hi += 1;
        }
        // A chain of bare commas without a closing "and" is not a list ("In Kyiv, Blinken").
        if !(lo..hi).any(|j| self.joined(j).is_some_and(|g| g != Gap::Comma)) {
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

    /// Whether mentions `a` and `a + 1` belong to one list. ", and" closes a list only after
    /// bare commas ("France, Germany, and Italy"); after "X and Y" it starts a new clause
    /// ("brokered by Egypt and Qatar, and Israel freed ...").
    fn links(&self, a: usize) -> bool {
        match self.joined(a) {
            None => false,
            Some(Gap::CommaAnd) => a > 0 && self.joined(a - 1) == Some(Gap::Comma),
            Some(_) => true,
        }
    }

    /// How mentions a and a + 1 are joined, if they are.
    fn joined(&self, a: usize) -> Option<Gap> {
        let gaps = self.gaps.get_or_init(|| {
            let pairs = self.mentions.len().saturating_sub(1);
            (0..pairs).map(|a| self.gap(a, a + 1)).collect()
        });
        gaps.get(a).copied().flatten()
    }

    /// How mentions a and b are joined, if they are. Reads the gap's words from its end and
    /// stops after four: this ran for every pair of neighbouring mentions, and lower-casing
    /// and joining whole gaps was 2% of ingest.
    fn gap(&self, a: usize, b: usize) -> Option<Gap> {
        if self.mentions[b].start < self.mentions[a].end {
            return None;
        }
        let raw = &self.s[self.mentions[a].end..self.mentions[b].start];
        let mut from_end = raw
            .rsplit(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .skip_while(|w| {
                ["the", "other", "fellow"]
                    .iter()
                    .any(|t| w.eq_ignore_ascii_case(t))
            });
        // The longest joining phrase has three words.
        let mut words = [""; 3];
        let mut n = 0;
        for w in from_end.by_ref().take(3) {
            words[2 - n] = w;
            n += 1;
        }
        if from_end.next().is_some() {
            return None;
        }
        let phrase = &words[3 - n..];
        let is = |p: &[&str]| {
            p.len() == phrase.len() && p.iter().zip(phrase).all(|(x, y)| y.eq_ignore_ascii_case(x))
        };
        let comma = raw.contains(',');
        if phrase.is_empty() {
            return comma.then_some(Gap::Comma);
        }
        if is(&["and"]) || is(&["or"]) {
            return Some(if comma { Gap::CommaAnd } else { Gap::And });
        }
        let others: [&[&str]; 3] = [
            &["as", "well", "as"],
            &["along", "with"],
            &["together", "with"],
        ];
        others.iter().any(|p| is(p)).then_some(Gap::And)
    }
}

/// What stands between two listed mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    Comma,
    And,
    CommaAnd,
}
