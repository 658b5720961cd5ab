//! The word lexicons every sentence is searched with, in one automaton pass: relation
//! triggers, role titles, cues, crowd words and descriptions. Five passes (and five
//! automata) cost about twice as much; each lexicon still picks its own hits, longest first.

use super::Dictionaries;
use super::actors::on_word_boundaries;
use super::lexicon::{Cue, Role, Trigger, WordHit};
use crate::model::ActorKind;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use anyhow::Result;

/// Number of lexicons searched together.
const LEXICONS: usize = 5;

/// One automaton over the phrases of the sentence lexicons.
pub struct SentenceWords {
    matcher: AhoCorasick,
    /// Where each lexicon's patterns end in the automaton's pattern ids.
    ends: [usize; LEXICONS],
}

/// A sentence's hits in each lexicon (byte offsets into the sentence).
pub struct WordHits<'a> {
    pub triggers: Vec<WordHit<'a, Vec<Trigger>>>,
    pub roles: Vec<WordHit<'a, Role>>,
    pub cues: Vec<WordHit<'a, Cue>>,
    pub crowds: Vec<WordHit<'a, ()>>,
    pub anaphors: Vec<WordHit<'a, ActorKind>>,
}

impl SentenceWords {
    /// Compiles the phrases of the five lexicons (in `WordHits` order), ignoring ASCII case.
    pub fn new(phrases: [&[String]; LEXICONS]) -> Result<SentenceWords> {
        let mut ends = [0; LEXICONS];
        let mut total = 0;
        for (end, list) in ends.iter_mut().zip(phrases) {
            total += list.len();
            *end = total;
        }
        // Phrases and text are folded to ASCII lower case here instead of by the automaton
        // (same offsets, same matches): its own folding doubles the DFA and its build time.
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            // A DFA: a few thousand phrases, and matching is what every sentence pays for.
            .kind(Some(AhoCorasickKind::DFA))
            .build(
                phrases
                    .into_iter()
                    .flatten()
                    .map(|p| p.to_ascii_lowercase()),
            )?;
        Ok(SentenceWords { matcher, ends })
    }

    /// Every whole-word occurrence in `lower` (the text in ASCII lower case), sorted into its
    /// lexicon as (start, end, pattern id within that lexicon).
    fn raw(&self, lower: &str) -> [Vec<(usize, usize, usize)>; LEXICONS] {
        let mut raw: [Vec<(usize, usize, usize)>; LEXICONS] = Default::default();
        for m in self.matcher.find_overlapping_iter(lower) {
            if !on_word_boundaries(lower, m.start(), m.end()) {
                continue;
            }
            let p = m.pattern().as_usize();
            let i = self.ends.partition_point(|&e| e <= p);
            let first = if i == 0 { 0 } else { self.ends[i - 1] };
            raw[i].push((m.start(), m.end(), p - first));
        }
        raw
    }
}

impl Dictionaries {
    /// The sentence's hits in the relation, role, cue, crowd and description lexicons:
    /// what each lexicon's own `find` gives, from one search.
    pub fn sentence_words(&self, text: &str) -> WordHits<'_> {
        self.sentence_words_folded(&text.to_ascii_lowercase())
    }

    /// `sentence_words` of a text already in ASCII lower case (same offsets).
    pub fn sentence_words_folded(&self, lower: &str) -> WordHits<'_> {
        let [triggers, roles, cues, crowds, anaphors] = self.words.raw(lower);
        WordHits {
            triggers: self.lexicon.select(triggers),
            roles: self.roles.select(roles),
            cues: self.cues.select(cues),
            crowds: self.crowds.select(crowds),
            anaphors: self.anaphors.select(anaphors),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::dict::Dictionaries;

    /// The one-pass search equals each lexicon's own, on text full of near misses.
    #[test]
    fn one_pass_equals_each_lexicon_alone() {
        let d = Dictionaries::builtin().unwrap();
        let text = "The foreign minister said protesters had not rejected the bloc's demand; \
                    Navalny's aides warned, and the militants may strike. Unsaid: warnings, \
                    non-rejection, demanded talks with the prime minister, rebels' threats.";
        let w = d.sentence_words(text);
        fn spans<T>(hits: &[crate::dict::WordHit<'_, T>]) -> Vec<(usize, usize)> {
            hits.iter().map(|h| (h.start, h.end)).collect()
        }
        assert_eq!(spans(&w.triggers), spans(&d.lexicon.find(text)));
        assert_eq!(spans(&w.roles), spans(&d.roles.find(text)));
        assert_eq!(spans(&w.cues), spans(&d.cues.find(text)));
        assert_eq!(spans(&w.crowds), spans(&d.crowds.find(text)));
        assert_eq!(spans(&w.anaphors), spans(&d.anaphors.find(text)));
        assert!(w.triggers.len() >= 4 && w.cues.len() >= 2 && !w.crowds.is_empty());
        assert!(!w.roles.is_empty() && w.anaphors.len() >= 2);
    }
}
