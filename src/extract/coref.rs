//! Later references to people already named in the article: surnames ("Ryabkov"),
//! misspelled surnames ("Pekov" for Peskov, edit distance 1-2) and he/she pronouns
//! (the last person named).

use super::people::is_name_word;
use super::tokens::Token;
use super::view::Local;
use crate::model::{Actor, ActorKind};

const PERSONAL: &[&str] = &["he", "she", "him", "his", "her"];
/// Pronouns for states and organizations, resolved only inside their sentence.
const COLLECTIVE: &[&str] = &["it", "its", "they", "them", "their"];

/// Adds mentions for surnames, misspellings and pronouns not yet covered by `locals`.
pub fn resolve(
    s: &str,
    toks: &[Token],
    masks: &[(usize, usize)],
    actors: &[Actor],
    last_person: Option<usize>,
    locals: &mut Vec<Local>,
) {
    let people: Vec<(usize, &str)> = actors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind == ActorKind::Person)
        .filter_map(|(i, a)| family_name(&a.name).map(|sur| (i, sur)))
        .filter(|(_, sur)| sur.chars().count() >= 3)
        .collect();
    for t in toks.iter().filter(|t| t.word) {
        let covered = locals.iter().any(|l| l.start < t.end && t.start < l.end)
            || masks.iter().any(|&(a, b)| a < t.end && t.start < b);
        if covered {
            continue;
        }
        let w = &s[t.start..t.end];
        let is = |list: &[&str]| list.iter().any(|p| p.eq_ignore_ascii_case(w));
        let found = if is(PERSONAL) {
            antecedent(s, t.start, locals, actors, true)
                .or(last_person)
                .map(|p| (p, true))
        } else if is(COLLECTIVE) {
            antecedent(s, t.start, locals, actors, false).map(|p| (p, true))
        } else if is_name_word(w) {
            surname(w, &people)
        } else {
            None
        };
        if let Some((actor, weak)) = found {
            locals.push(Local {
                start: t.start,
                end: t.end,
                name: (t.start, t.end),
                actor,
                anaphor_of: None,
                weak,
                code: None,
                crowd: false,
            });
        }
    }
}

/// The nearest mention before `pos` in the sentence of a person (or of a non-person).
/// Subjects are preferred: a mention after a preposition ("around Taiwan") is a place.
fn antecedent(
    s: &str,
    pos: usize,
    locals: &[Local],
    actors: &[Actor],
    person: bool,
) -> Option<usize> {
    let cands: Vec<&Local> = locals
        .iter()
        .filter(|l| l.end <= pos && (actors[l.actor].kind == ActorKind::Person) == person)
        .collect();
    let after_prep = |l: &Local| {
        let before = s[..l.start].trim_end().to_ascii_lowercase();
        let before = before.trim_end_matches("the").trim_end();
        let last = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        PREPOSITIONS.contains(&last)
    };
    let best = cands
        .iter()
        .filter(|l| !after_prep(l))
        .max_by_key(|l| l.end)
        .or_else(|| cands.iter().max_by_key(|l| l.end));
    best.map(|l| l.actor)
}

const PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "of", "to", "from", "with", "by", "for", "around", "near", "into", "against",
    "over", "about",
];

/// The family name of a personal name: the last word, or the first when the given name is
/// a hyphenated East Asian one ("Lai Ching-te", "Moon Jae-in").
fn family_name(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = *words.last()?;
    let hyphenated_given = words.len() == 2
        && last
            .split_once('-')
            .is_some_and(|(_, b)| b.chars().next().is_some_and(char::is_lowercase));
    Some(if hyphenated_given { words[0] } else { last })
}

/// The person whose surname `w` is, exactly (strong) or within a small edit distance (weak).
fn surname(w: &str, people: &[(usize, &str)]) -> Option<(usize, bool)> {
    if let Some(&(i, _)) = people.iter().find(|(_, sur)| *sur == w) {
        return Some((i, false));
    }
    let n = w.chars().count();
    if n < 4 {
        return None;
    }
    let max = if n >= 7 { 2 } else { 1 };
    people
        .iter()
        .filter(|(_, sur)| sur.chars().next() == w.chars().next())
        // The distance is at least the difference in length: skip the computation.
        .filter(|(_, sur)| sur.chars().count().abs_diff(n) <= max)
        .map(|&(i, sur)| (i, strsim::damerau_levenshtein(w, sur)))
        .filter(|&(_, d)| d <= max)
        .min_by_key(|&(_, d)| d)
        .map(|(i, _)| (i, true))
}

#[cfg(test)]
mod tests {
    use super::surname;

    #[test]
    fn misspelled_surname_resolves_weakly() {
        let people = [(0, "Peskov"), (1, "Ryabkov")];
        assert_eq!(surname("Peskov", &people), Some((0, false)));
        assert_eq!(surname("Pekov", &people), Some((0, true)));
        assert_eq!(surname("Ryabkow", &people), Some((1, true)));
        assert_eq!(surname("Putin", &people), None);
    }
}
