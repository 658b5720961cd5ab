//! The words every sentence is searched for, in one pass: relation triggers, role titles,
//! cues, crowd words, descriptions and the actor dictionary's forms. Each lexicon, and the
//! actor dictionary, still picks its own hits, longest first.

use super::Dictionaries;
use super::actors::ActorHit;
use super::forms::FormIndex;
use super::lexicon::{Cue, Role, Trigger, WordHit};
use crate::model::ActorKind;

/// Number of lexicons searched together, besides the actor forms.
const LEXICONS: usize = 5;

/// The phrases of the sentence lexicons and the actor forms, filed by word (dict/forms.rs).
/// An Aho-Corasick DFA over the lexicons searched no faster, and building it was three
/// quarters of start-up's instructions (223 M of 304 M); a second pass for the actors cost
/// as much as this one.
pub struct SentenceWords {
    index: FormIndex,
    /// Where each lexicon's patterns end in the index's pattern ids; the actor forms follow.
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

/// Whole-word occurrences as (start, end, pattern id within their lexicon).
type Raw = Vec<(usize, usize, usize)>;

impl SentenceWords {
    /// Files the phrases of the five lexicons (in `WordHits` order) and the actor forms (in
    /// the actor dictionary's pattern order), ignoring ASCII case.
    pub fn new<'a>(
        phrases: [&'a [String]; LEXICONS],
        actor_forms: impl Iterator<Item = &'a str>,
    ) -> SentenceWords {
        let mut ends = [0; LEXICONS];
        let mut total = 0;
        for (end, list) in ends.iter_mut().zip(phrases) {
            total += list.len();
            *end = total;
        }
        let all = phrases.into_iter().flatten().map(String::as_str);
        SentenceWords {
            index: FormIndex::new(all.chain(actor_forms), true),
            ends,
        }
    }

    /// Every whole-word occurrence in `lower` (the text in ASCII lower case), sorted into its
    /// lexicon, and those of the actor forms (their case is not checked yet).
    fn raw(&self, lower: &str) -> ([Raw; LEXICONS], Raw) {
        let mut raw: [Raw; LEXICONS] = Default::default();
        let mut actors = Raw::new();
        self.index.each_lowered(lower, |start, end, p| {
            match self.ends.partition_point(|&e| e <= p) {
                LEXICONS => actors.push((start, end, p - self.ends[LEXICONS - 1])),
                0 => raw[0].push((start, end, p)),
                i => raw[i].push((start, end, p - self.ends[i - 1])),
            }
        });
        (raw, actors)
    }
}

impl Dictionaries {
    /// The sentence's hits in the relation, role, cue, crowd and description lexicons:
    /// what each lexicon's own `find` gives.
    pub fn sentence_words(&self, text: &str) -> WordHits<'_> {
        self.sentence_scan(text, &text.to_ascii_lowercase()).1
    }

    /// The sentence's actor hits (what `actors.find` gives) and lexicon hits, from one
    /// search; `lower` is `text` in ASCII lower case.
    pub fn sentence_scan(&self, text: &str, lower: &str) -> (Vec<ActorHit>, WordHits<'_>) {
        let ([triggers, roles, cues, crowds, anaphors], actors) = self.words.raw(lower);
        let words = WordHits {
            triggers: self.lexicon.select(triggers),
            roles: self.roles.select(roles),
            cues: self.cues.select(cues),
            crowds: self.crowds.select(crowds),
            anaphors: self.anaphors.select(anaphors),
        };
        (self.actors.select(text, actors), words)
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
        let actors = |text: &str| d.sentence_scan(text, &text.to_ascii_lowercase()).0;
        for t in [
            text,
            "Russia and the RUSSIAN Federation; russia, NATO's Nato allies in Kyiv.",
        ] {
            assert_eq!(actors(t), d.actors.find(t), "{t}");
        }
        assert!(w.triggers.len() >= 4 && w.cues.len() >= 2 && !w.crowds.is_empty());
        assert!(!w.roles.is_empty() && w.anaphors.len() >= 2);
    }
}
