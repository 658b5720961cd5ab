//! Finds dictionary forms word by word. Forms are split into words (runs of letters and
//! digits) and filed in a trie keyed by each word's hash; a text is hashed word by word as it
//! is read, and each of its words starts a walk down the trie that stops at the first word no
//! form continues with. The forms at each node reached are then compared with the text whole
//! (which checks what lies between the words, and tells apart words that share a hash).
//!
//! Why not an Aho-Corasick automaton: it reads every byte through a large transition table,
//! reports the forms found inside words only to have them dropped by the boundary check, and
//! its DFA took 223 M instructions to build for the sentence lexicons alone.
//!
//! A form can only match where the text's words equal the form's: inside a match, the form's
//! letters and digits face the text's, and its other characters face the same characters, so
//! each run of the form lines up with a whole run of the text (the match starts and ends on
//! word boundaries). Forms that begin with neither a letter nor a digit ("(ASV)") are few and
//! are tried where their first byte appears after no letter or digit.

use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

/// Forms filed in a trie of words.
pub struct FormIndex {
    /// The forms as matched: ASCII lower case when folded.
    forms: Vec<Box<[u8]>>,
    /// Trie nodes: the forms whose last word is the node's, and whether any form goes on.
    nodes: Vec<Node>,
    /// Form indexes, grouped by node.
    ends: Vec<u32>,
    /// First words: open addressing on the word's hash, (hash, node); hash 0 is empty.
    first: Vec<(u64, u32)>,
    /// Later words: (node, hash of the next word) → node.
    next: HashMap<(u32, u64), u32>,
    /// Forms that begin with neither a letter nor a digit.
    odd: Vec<u32>,
    /// The first bytes of those forms.
    odd_first: [bool; 256],
    /// Texts and forms are compared in ASCII lower case.
    folded: bool,
    /// What a word's byte adds to its hash: the byte (folded when the index is), 0 for ASCII
    /// that is not a letter or digit, [`NON_ASCII`] for the bytes of other characters.
    bytes: [u8; 256],
}

#[derive(Clone, Default)]
struct Node {
    ends: Range<u32>,
    goes_on: bool,
}

/// Marks the bytes of non-ASCII characters in [`FormIndex::bytes`].
const NON_ASCII: u8 = 0x80;

/// A word of a text: where it starts and its hash.
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    hash: u64,
}

/// FNV-1a over a word's bytes, folded as the index folds; never 0 (the empty slot).
#[derive(Clone, Copy)]
struct WordHash(u64);

impl WordHash {
    const START: WordHash = WordHash(0xcbf2_9ce4_8422_2325);

    fn add(self, byte: u8) -> WordHash {
        WordHash((self.0 ^ byte as u64).wrapping_mul(0x0100_0000_01b3))
    }

    fn of(bytes: &[u8]) -> u64 {
        bytes.iter().fold(Self::START, |h, &b| h.add(b)).done()
    }

    fn done(self) -> u64 {
        (self.0 ^ (self.0 >> 29)).max(1)
    }
}

/// The byte length of the character at `i`, and whether it is a letter or digit.
fn char_at(text: &str, i: usize) -> (usize, bool) {
    match text.as_bytes()[i] {
        c if c < 0x80 => (1, c.is_ascii_alphanumeric()),
        _ => text[i..]
            .chars()
            .next()
            .map_or((1, false), |c| (c.len_utf8(), c.is_alphanumeric())),
    }
}

/// The runs of letters and digits of a form, as byte spans.
fn runs(form: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut run: Option<usize> = None;
    for (i, c) in form.char_indices() {
        match (c.is_alphanumeric(), run) {
            (true, None) => run = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                run = None;
            }
            _ => {}
        }
    }
    if let Some(s) = run {
        out.push(s..form.len());
    }
    out
}

impl FormIndex {
    /// Files `forms` (pattern index = position); empty forms never match.
    pub fn new<'a>(forms: impl Iterator<Item = &'a str>, folded: bool) -> FormIndex {
        let mut index = FormIndex {
            forms: Vec::new(),
            nodes: vec![Node::default()], // the root
            ends: Vec::new(),
            first: Vec::new(),
            next: HashMap::new(),
            odd: Vec::new(),
            odd_first: [false; 256],
            folded,
            bytes: std::array::from_fn(|c| match c as u8 {
                c if c >= 0x80 => NON_ASCII,
                c if !c.is_ascii_alphanumeric() => 0,
                c if folded => c.to_ascii_lowercase(),
                c => c,
            }),
        };
        let mut first: HashMap<u64, u32> = HashMap::new();
        let mut at_node: Vec<Vec<u32>> = vec![Vec::new()];
        for (p, form) in forms.enumerate() {
            let form = match folded {
                true => form.to_ascii_lowercase(),
                false => form.to_string(),
            };
            let words = runs(&form);
            match words.first() {
                _ if form.is_empty() => {}
                Some(w) if w.start == 0 => {
                    let node = index.file(&form, &words, &mut first, &mut at_node);
                    at_node[node as usize].push(p as u32);
                }
                _ => {
                    index.odd_first[form.as_bytes()[0] as usize] = true;
                    index.odd.push(p as u32);
                }
            }
            index.forms.push(form.into_bytes().into_boxed_slice());
        }
        for (node, forms) in at_node.into_iter().enumerate() {
            let from = index.ends.len() as u32;
            index.ends.extend(forms);
            index.nodes[node].ends = from..index.ends.len() as u32;
        }
        index.first = vec![(0, 0); (first.len() * 2).next_power_of_two().max(2)];
        for (h, node) in first {
            let slot = index.slot(h);
            index.first[slot] = (h, node);
        }
        index
    }

    /// The node of a form's words, made as needed.
    fn file(
        &mut self,
        form: &str,
        words: &[Range<usize>],
        first: &mut HashMap<u64, u32>,
        at_node: &mut Vec<Vec<u32>>,
    ) -> u32 {
        let mut new_node = |nodes: &mut Vec<Node>| {
            nodes.push(Node::default());
            at_node.push(Vec::new());
            nodes.len() as u32 - 1
        };
        let nodes = &mut self.nodes;
        let h = WordHash::of(&form.as_bytes()[words[0].clone()]);
        let mut node = *first.entry(h).or_insert_with(|| new_node(nodes));
        for w in &words[1..] {
            let h = WordHash::of(&form.as_bytes()[w.clone()]);
            nodes[node as usize].goes_on = true;
            node = *self
                .next
                .entry((node, h))
                .or_insert_with(|| new_node(nodes));
        }
        node
    }

    /// The slot of the first-word table that holds `h`, or the empty one where it would go.
    fn slot(&self, h: u64) -> usize {
        let mask = self.first.len() - 1;
        let mut i = h as usize & mask;
        while self.first[i].0 != 0 && self.first[i].0 != h {
            i = (i + 1) & mask;
        }
        i
    }

    /// Calls `hit(start, end, form)` for every form found on word boundaries (neither
    /// glued to a letter or digit on either side), in no particular order.
    pub fn each(&self, text: &str, hit: impl FnMut(usize, usize, usize)) {
        self.scan(text, false, hit)
    }

    /// [`FormIndex::each`] over a text already in ASCII lower case (same hits, compared
    /// byte for byte).
    pub fn each_lowered(&self, lower: &str, hit: impl FnMut(usize, usize, usize)) {
        self.scan(lower, self.folded, hit)
    }

    /// `lowered`: the text is in ASCII lower case and the forms are folded.
    fn scan(&self, text: &str, lowered: bool, mut hit: impl FnMut(usize, usize, usize)) {
        let words = self.words(text, lowered, &mut hit);
        for (w, word) in words.iter().enumerate() {
            let (found, mut node) = self.first[self.slot(word.hash)];
            if found == 0 {
                continue;
            }
            // Down the trie while the text's next word continues some form.
            let mut j = w;
            loop {
                let n = &self.nodes[node as usize];
                let group = n.ends.start as usize..n.ends.end as usize;
                self.try_forms(text, word.start, group, lowered, &mut hit);
                j += 1;
                let Some(next) = words.get(j).filter(|_| n.goes_on) else {
                    break;
                };
                match self.next.get(&(node, next.hash)) {
                    Some(&child) => node = child,
                    None => break,
                }
            }
        }
    }

    /// The words of `text`, hashed; forms that begin with neither a letter nor a digit are
    /// tried on the way.
    fn words(
        &self,
        text: &str,
        lowered: bool,
        hit: &mut impl FnMut(usize, usize, usize),
    ) -> Vec<Word> {
        let b = text.as_bytes();
        let mut words = Vec::with_capacity(b.len() / 4);
        let mut i = 0;
        let mut after_word = false;
        while i < b.len() {
            let (len, word) = match self.bytes[b[i] as usize] {
                0 => (1, false),
                NON_ASCII => char_at(text, i),
                _ => (1, true),
            };
            if !word {
                if !after_word && self.odd_first[b[i] as usize] {
                    self.try_forms_of(text, i, &self.odd, lowered, hit);
                }
                after_word = false;
                i += len;
                continue;
            }
            let start = i;
            let mut h = WordHash::START;
            // Tight on ASCII, which is nearly all of a word's bytes.
            while i < b.len() {
                let c = self.bytes[b[i] as usize];
                if c == 0 {
                    break;
                }
                if c != NON_ASCII {
                    h = h.add(c);
                    i += 1;
                    continue;
                }
                let (len, word) = char_at(text, i);
                if !word {
                    break;
                }
                b[i..i + len].iter().for_each(|&c| h = h.add(c));
                i += len;
            }
            words.push(Word {
                start,
                hash: h.done(),
            });
            after_word = true;
        }
        words
    }

    /// Tests the forms `ends[group]` at `start`.
    fn try_forms(
        &self,
        text: &str,
        start: usize,
        group: Range<usize>,
        lowered: bool,
        hit: &mut impl FnMut(usize, usize, usize),
    ) {
        self.try_forms_of(text, start, &self.ends[group], lowered, hit)
    }

    /// Tests the forms `ids` at `start` (which follows no letter or digit).
    fn try_forms_of(
        &self,
        text: &str,
        start: usize,
        ids: &[u32],
        lowered: bool,
        hit: &mut impl FnMut(usize, usize, usize),
    ) {
        let rest = &text.as_bytes()[start..];
        for &p in ids {
            let form = &self.forms[p as usize];
            let Some(seen) = rest.get(..form.len()) else {
                continue;
            };
            let same = match self.folded && !lowered {
                true => seen.eq_ignore_ascii_case(form),
                false => seen == &**form,
            };
            let end = start + form.len();
            if same && (end == text.len() || !char_at(text, end).1) {
                hit(start, end, p as usize);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    /// True when the span is not glued to a letter or digit on either side.
    fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    }

    /// Every (start, end, form) the automaton finds on word boundaries.
    fn reference(forms: &[&str], text: &str, folded: bool) -> Vec<(usize, usize, usize)> {
        let fold = |s: &str| match folded {
            true => s.to_ascii_lowercase(),
            false => s.to_string(),
        };
        let ac = AhoCorasick::new(forms.iter().map(|f| fold(f))).unwrap();
        let mut out: Vec<_> = ac
            .find_overlapping_iter(&fold(text))
            .filter(|m| on_word_boundaries(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        out.sort();
        out
    }

    fn found(forms: &[&str], text: &str, folded: bool) -> Vec<(usize, usize, usize)> {
        let index = FormIndex::new(forms.iter().copied(), folded);
        let mut out = Vec::new();
        index.each(text, |s, e, p| out.push((s, e, p)));
        out.sort();
        out
    }

    /// `each_lowered` over the text in lower case, with the same boundary check.
    fn found_lowered(forms: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let index = FormIndex::new(forms.iter().copied(), true);
        let lower = text.to_ascii_lowercase();
        let mut out = Vec::new();
        index.each_lowered(&lower, |s, e, p| out.push((s, e, p)));
        out.sort();
        out
    }

    #[test]
    fn finds_what_the_automaton_finds_at_word_starts() {
        let forms = [
            "US",
            "U.S.",
            "USA",
            "Russia",
            "Russian Federation",
            "al-Shabaab",
            "(ASV)",
            "-",
            "Zürich",
            "São Tomé",
            "EU",
            "e.u",
            "Iran",
            "Iranian",
            "Ölbaum",
            "«Hamas»",
        ];
        let texts = [
            "The U.S. and USA; USAID, the us-led (ASV) pact - Russian Federation's Russia",
            "al-Shabaab and AL-SHABAAB near Zürich, ZÜRICH, São Tomé; Iranian Iran--EU e.u.",
            "Ölbaum-Iran 2US US2 US «hamas» x«Hamas» «HAMAS»",
            "",
            "US",
        ];
        // Not vacuous: the odd non-ASCII form is found, in any case only when folded.
        let hamas = |folded| {
            found(&forms, texts[2], folded)
                .iter()
                .filter(|h| h.2 == 15)
                .count()
        };
        assert_eq!((hamas(false), hamas(true)), (0, 2));
        for folded in [false, true] {
            for text in texts {
                assert_eq!(
                    found(&forms, text, folded),
                    reference(&forms, text, folded),
                    "{text:?} folded={folded}"
                );
                if folded {
                    assert_eq!(found_lowered(&forms, text), reference(&forms, text, true));
                }
            }
        }
    }

    #[test]
    fn long_first_words_and_empty_forms() {
        let long = "a".repeat(80);
        let forms = [long.as_str(), ""];
        let text = format!("x {} y", long.to_uppercase());
        assert_eq!(found(&forms, &text, true), [(2, 82, 0)]);
        assert_eq!(found(&forms, &text, false), []);
    }
}
