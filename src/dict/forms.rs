//! Finds dictionary forms where words start. Each form is filed under its first word (its
//! first run of letters and digits, or its first character when it starts with neither), so
//! a text is read word by word, one hash lookup a word, instead of byte by byte through an
//! automaton that also reports the forms found inside words only to have them dropped.
//!
//! A form can only match where the text's word equals the form's first word: the match must
//! end on a word boundary, or the form goes on with a character that is not a letter or
//! digit, which the text must then have too.

use foldhash::{HashMap, HashMapExt};

/// Forms filed by their first word.
pub struct FormIndex {
    /// The forms as matched: ASCII lower case when folded.
    forms: Vec<Box<[u8]>>,
    /// Open addressing on the first word's hash: (hash, range in `ids`); hash 0 is empty.
    /// Forms are verified whole, so words that share a hash only cost a comparison.
    slots: Vec<(u64, u32, u32)>,
    /// Form indexes, grouped by first word.
    ids: Vec<u32>,
    /// First bytes of the forms that begin with neither a letter nor a digit.
    odd_first: [bool; 256],
    /// Texts and forms are compared in ASCII lower case.
    folded: bool,
    /// What a word's byte adds to its hash: the byte (folded when the index is), 0 for ASCII
    /// that is not a letter or digit, [`NON_ASCII`] for the bytes of other characters.
    bytes: [u8; 256],
}

/// Marks the bytes of non-ASCII characters in [`FormIndex::bytes`].
const NON_ASCII: u8 = 0x80;

/// FNV-1a over a word's bytes, folded as the index folds; never 0 (the empty slot).
#[derive(Clone, Copy)]
struct WordHash(u64);

impl WordHash {
    const START: WordHash = WordHash(0xcbf2_9ce4_8422_2325);

    fn add(self, byte: u8) -> WordHash {
        WordHash((self.0 ^ byte as u64).wrapping_mul(0x0100_0000_01b3))
    }

    fn of(bytes: &[u8], folded: bool) -> u64 {
        let fold = |b: &u8| if folded { b.to_ascii_lowercase() } else { *b };
        bytes.iter().map(fold).fold(Self::START, Self::add).done()
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

/// The length of the run of letters and digits at the start of `s`.
fn word_len(s: &str) -> usize {
    s.char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(s.len(), |(i, _)| i)
}

impl FormIndex {
    /// Files `forms` (pattern index = position) by first word; empty forms never match.
    pub fn new<'a>(forms: impl Iterator<Item = &'a str>, folded: bool) -> FormIndex {
        let mut odd_first = [false; 256];
        let mut groups: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut stored = Vec::new();
        for (p, form) in forms.enumerate() {
            let form = match folded {
                true => form.to_ascii_lowercase(),
                false => form.to_string(),
            };
            if let Some(c) = form.chars().next() {
                let key = match word_len(&form) {
                    0 => {
                        odd_first[form.as_bytes()[0] as usize] = true;
                        c.len_utf8()
                    }
                    n => n,
                };
                let h = WordHash::of(&form.as_bytes()[..key], false);
                groups.entry(h).or_default().push(p as u32);
            }
            stored.push(form.into_bytes().into_boxed_slice());
        }
        let mut index = FormIndex {
            forms: stored,
            slots: vec![(0, 0, 0); (groups.len() * 2).next_power_of_two().max(2)],
            ids: Vec::new(),
            odd_first,
            folded,
            bytes: std::array::from_fn(|c| match c as u8 {
                c if c >= 0x80 => NON_ASCII,
                c if !c.is_ascii_alphanumeric() => 0,
                c if folded => c.to_ascii_lowercase(),
                c => c,
            }),
        };
        for (h, ps) in groups {
            let slot = index.slot(h);
            index.slots[slot] = (h, index.ids.len() as u32, ps.len() as u32);
            index.ids.extend(ps);
        }
        index
    }

    /// The slot that holds `h`, or the empty one where it would go.
    fn slot(&self, h: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        while self.slots[i].0 != 0 && self.slots[i].0 != h {
            i = (i + 1) & mask;
        }
        i
    }

    /// Calls `hit(start, end, form)`, in order of start, for the forms found at starts that
    /// follow no letter or digit: all those that also end on a word boundary, and some that
    /// do not (the caller checks the end).
    pub fn each(&self, text: &str, mut hit: impl FnMut(usize, usize, usize)) {
        let b = text.as_bytes();
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
                    self.at(b, i, WordHash::of(&b[i..i + len], self.folded), &mut hit);
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
            self.at(b, start, h.done(), &mut hit);
            after_word = true;
        }
    }

    /// Tests the forms filed under the hash `h` of the word at `start`.
    #[inline]
    fn at(&self, text: &[u8], start: usize, h: u64, hit: &mut impl FnMut(usize, usize, usize)) {
        // Most words file nothing: settled here, without a call.
        let (found, from, n) = self.slots[self.slot(h)];
        if found != 0 {
            self.verify(text, start, from..from + n, hit);
        }
    }

    /// Tests the forms `ids[group]`, all filed under the word at `start`.
    #[inline(never)]
    fn verify(
        &self,
        text: &[u8],
        start: usize,
        group: std::ops::Range<u32>,
        hit: &mut impl FnMut(usize, usize, usize),
    ) {
        let rest = &text[start..];
        for &p in &self.ids[group.start as usize..group.end as usize] {
            let form = &self.forms[p as usize];
            let Some(seen) = rest.get(..form.len()) else {
                continue;
            };
            let same = match self.folded {
                true => seen.eq_ignore_ascii_case(form),
                false => seen == &**form,
            };
            if same {
                hit(start, start + form.len(), p as usize);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::actors::on_word_boundaries;
    use aho_corasick::AhoCorasick;

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
        index.each(text, |s, e, p| {
            if on_word_boundaries(text, s, e) {
                out.push((s, e, p))
            }
        });
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
