//! People: a role title next to a capitalised name ("Kremlin spokesman Dmitry Peskov",
//! "Sergei Ryabkov, Russia's deputy foreign minister", "President of Russia Vladimir Putin")
//! gives a person and, through the actor named beside the title, what they are a member of.

use super::tokens::{Token, is_capitalized};
use crate::dict::{ActorHit, Dictionaries};
use crate::dict::{Role, WordHit};
use crate::model::ActorKind;
use foldhash::HashSet;
use std::sync::OnceLock;

/// A person found next to a title, in sentence-relative byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Titled {
    pub name_start: usize,
    pub name_end: usize,
    /// The whole phrase: "Kremlin spokesman Dmitry Peskov", "Ryabkov, Russia's deputy minister".
    pub phrase: (usize, usize),
    pub title_start: usize,
    pub title_end: usize,
    /// The dictionary entry the title ties the person to.
    pub affiliation: Option<usize>,
    /// The state the title itself names ("secretary of state" → USA).
    pub title_country: Option<String>,
    /// "former", "ex-", "then-": a person, but no membership.
    pub former: bool,
}

/// Capitalised words that never start or continue a personal name.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "And",
    "Or",
    "But",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "To",
    "From",
    "With",
    "By",
    "As",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Meanwhile",
    "However",
    "Also",
    "After",
    "Before",
    "While",
    "When",
    "If",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Gen.",
    "Minister",
    "President",
    "Secretary",
    "Spokesman",
    "Spokeswoman",
    "General",
    "Prime",
    "Foreign",
    "Defence",
    "Defense",
    "Deputy",
    "Ambassador",
    "Envoy",
    "Chief",
    "Leader",
    "Chairman",
    "Commander",
    "King",
    "Queen",
    "Prince",
    "Senator",
    "State",
    "Affairs",
    "Government",
    "Ministry",
    "Office",
    "Council",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Reuters",
    "AP",
    "AFP",
    "Sunday",
    "Day",
    "Week",
    "News",
    "Times",
    "Post",
    "Agency",
    "Press",
];
/// Lower-case particles allowed inside a name ("Ursula von der Leyen", "Osama bin Laden").
const PARTICLES: &[&str] = &[
    "bin", "ibn", "al", "el", "de", "del", "della", "van", "von", "der", "den", "da", "dos", "du",
    "le", "la", "abu", "di",
];
/// Words before a title that do not change whose title it is.
const TITLE_MODIFIERS: &[&str] = &[
    "opposition",
    "late",
    "deputy",
    "vice",
    "acting",
    "senior",
    "top",
    "chief",
    "first",
    "interim",
    "outgoing",
    "incoming",
    "new",
    "the",
    "then",
    "former",
    "ex",
    "'s",
    "-",
];

/// [`NOT_NAMES`] as a set: name words are tested a dozen times a sentence, and scanning
/// the list was 1% of extraction's instructions (foldhash: SipHash was a third of that).
fn not_names() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| NOT_NAMES.iter().copied().collect())
}

/// True for a word that can be part of a personal name.
pub fn is_name_word(w: &str) -> bool {
    is_capitalized(w)
        && !not_names().contains(w)
        && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
}

/// Finds titled people in one sentence. `hits` are the sentence's dictionary actors.
pub fn find_titled(
    s: &str,
    toks: &[Token],
    hits: &[ActorHit],
    roles: &[WordHit<Role>],
    dicts: &Dictionaries,
) -> Vec<Titled> {
    let mut out = Vec::new();
    let in_role = |t: &Token| roles.iter().any(|r| r.start <= t.start && t.end <= r.end);
    for role in roles {
        let Some((ti, glued_former)) = title_token(s, toks, role.start) else {
            continue;
        };
        let Some(tj) = toks.iter().position(|t| t.end == role.end) else {
            continue;
        };
        // "Foreign Minister Sheikh X": the last title of a chain introduces the name, the
        // chain as a whole carries the affiliation.
        if toks.get(tj + 1).is_some_and(&in_role) {
            continue;
        }
        let mut first = ti;
        while first > 0 && in_role(&toks[first - 1]) {
            first -= 1;
        }
        let (affiliation, mut former, left) = affiliation_around(s, toks, first, tj, hits, dicts);
        let title = s[toks[first].start..role.end].to_ascii_lowercase();
        former |= glued_former || title.contains("opposition") || title.contains("former");
        let after = name_after(s, toks, tj + 1, hits, dicts);
        let name = after.or_else(|| name_before_apposition(s, toks, ti, hits, dicts));
        if let Some((ns, ne)) = name {
            // "Foreign Minister Anna Lindqvist of Sweden": the affiliation after the name.
            let trailing = affiliation
                .is_none()
                .then(|| of_after(s, toks, ne, hits, dicts))
                .flatten();
            let affiliation = affiliation.or(trailing.map(|t| t.0));
            let ne_phrase = trailing.map_or(ne, |t| t.1);
            // The whole noun phrase, title and affiliation included, stands for the person.
            let phrase = if after.is_some() {
                (left.min(ns), ne_phrase)
            } else {
                (ns, role.end.max(ne))
            };
            out.push(Titled {
                name_start: ns,
                name_end: ne,
                phrase,
                title_start: role.start,
                title_end: role.end,
                affiliation,
                title_country: role.value.country.clone(),
                former,
            });
        }
    }
    out
}

/// The token a title starts: its own, or one that glues "ex-", "then-" or "former-" to it
/// ("then-president Tsai"), which makes the title a former one.
fn title_token(s: &str, toks: &[Token], start: usize) -> Option<(usize, bool)> {
    let k = toks
        .iter()
        .position(|t| t.start <= start && start < t.end)?;
    let prefix = s[toks[k].start..start].to_ascii_lowercase();
    match prefix.as_str() {
        "" => Some((k, false)),
        "ex-" | "then-" | "former-" => Some((k, true)),
        _ => None,
    }
}

/// The state or organization tied to the title at tokens `ti..=tj`, and whether it is former.
fn affiliation_around(
    s: &str,
    toks: &[Token],
    ti: usize,
    tj: usize,
    hits: &[ActorHit],
    dicts: &Dictionaries,
) -> (Option<usize>, bool, usize) {
    let mut former = false;
    let mut k = ti;
    let mut left = toks[ti].start;
    // The title itself may name the actor ("NATO secretary general", "Kremlin spokesman").
    let inside = hits
        .iter()
        .find(|h| h.start >= toks[ti].start && h.end <= toks[tj].end);
    let mut found = inside.and_then(|h| usable(h.entry, dicts));
    if found.is_some() {
        k = 0;
    }
    // Left: "Russia's deputy", "Kremlin", "U.S.", "the Russian".
    while k > 0 {
        k -= 1;
        let w = &s[toks[k].start..toks[k].end];
        if let Some(h) = hits.iter().find(|h| h.end == toks[k].end) {
            found = usable(h.entry, dicts);
            left = h.start;
            // "then-U.S. House Speaker", "ex-Soviet": a past office.
            let glued = s[..h.start].to_ascii_lowercase();
            former |=
                glued.ends_with("then-") || glued.ends_with("ex-") || glued.ends_with("former ");
            break;
        }
        let lw = w.to_ascii_lowercase();
        // Past office and opposition figures hold no office to be a member through.
        if matches!(
            lw.as_str(),
            "former" | "ex" | "then" | "opposition" | "late"
        ) || lw.starts_with("then-")
            || lw.starts_with("ex-")
        {
            former = true;
        }
        if !TITLE_MODIFIERS.contains(&lw.as_str()) {
            break;
        }
        left = toks[k].start;
    }
    if found.is_none() {
        // Right: "President of Russia", "Minister for Foreign Affairs of Ukraine".
        let next = toks
            .get(tj + 1)
            .map(|t| s[t.start..t.end].to_ascii_lowercase());
        if matches!(next.as_deref(), Some("of" | "for" | "to")) {
            let mut k = tj + 2;
            if toks
                .get(k)
                .is_some_and(|t| s[t.start..t.end].eq_ignore_ascii_case("the"))
            {
                k += 1;
            }
            if let Some(t) = toks.get(k) {
                found = hits
                    .iter()
                    .find(|h| h.start == t.start)
                    .and_then(|h| usable(h.entry, dicts));
            }
        }
    }
    (found, former, left)
}

fn usable(entry: usize, dicts: &Dictionaries) -> Option<usize> {
    (dicts.actors.actor(entry).kind != ActorKind::Person).then_some(entry)
}

/// A name of capitalised words starting at token `k` (after an optional comma, or after an
/// affiliation such as "of Russia"), as a byte span.
fn name_after(
    s: &str,
    toks: &[Token],
    mut k: usize,
    hits: &[ActorHit],
    dicts: &Dictionaries,
) -> Option<(usize, usize)> {
    // Skip "of Russia" / "of the United States" between title and name.
    if let Some(h) = hit_after(s, toks, k, &["of", "for"], hits) {
        k = toks.iter().position(|t| t.start >= h.end)?;
    }
    if toks.get(k).is_some_and(|t| &s[t.start..t.end] == ",") {
        k += 1;
    }
    name_span(s, toks, k, hits, dicts)
}

/// "... Anna Lindqvist of Sweden": the state or organization right after a name, with the
/// end of its mention.
fn of_after(
    s: &str,
    toks: &[Token],
    name_end: usize,
    hits: &[ActorHit],
    dicts: &Dictionaries,
) -> Option<(usize, usize)> {
    let k = toks.iter().position(|t| t.start >= name_end)?;
    let h = hit_after(s, toks, k, &["of", "from"], hits)?;
    usable(h.entry, dicts).map(|e| (e, h.end))
}

/// The actor hit right after token `k` when token `k` is one of `preps` ("of [the] X").
fn hit_after<'h>(
    s: &str,
    toks: &[Token],
    k: usize,
    preps: &[&str],
    hits: &'h [ActorHit],
) -> Option<&'h ActorHit> {
    let word = |j: usize| toks.get(j).map(|t| &s[t.start..t.end]);
    if !word(k).is_some_and(|w| preps.contains(&w)) {
        return None;
    }
    let j = if word(k + 1) == Some("the") {
        k + 2
    } else {
        k + 1
    };
    hits.iter()
        .find(|h| toks.get(j).is_some_and(|t| h.start == t.start))
}

/// "Sergei Ryabkov, Russia's deputy foreign minister": the name before ", [the] [X's] title".
fn name_before_apposition(
    s: &str,
    toks: &[Token],
    ti: usize,
    hits: &[ActorHit],
    dicts: &Dictionaries,
) -> Option<(usize, usize)> {
    let mut k = ti;
    while k > 0 {
        k -= 1;
        let t = toks[k];
        let w = &s[t.start..t.end];
        if w == "," {
            break;
        }
        let in_hit = hits.iter().any(|h| h.start <= t.start && t.end <= h.end);
        if !in_hit && !TITLE_MODIFIERS.contains(&w.to_ascii_lowercase().as_str()) {
            return None;
        }
    }
    if k == 0 {
        return None;
    }
    let end_tok = k; // the comma
    let mut start_tok = end_tok;
    while start_tok > 0 && is_name_tok(s, toks, start_tok - 1, hits, dicts) {
        start_tok -= 1;
    }
    (end_tok - start_tok >= 2).then(|| (toks[start_tok].start, toks[end_tok - 1].end))
}

fn is_name_tok(s: &str, toks: &[Token], k: usize, hits: &[ActorHit], dicts: &Dictionaries) -> bool {
    let t = toks[k];
    let w = &s[t.start..t.end];
    let covered_by_non_person = hits.iter().any(|h| {
        h.start <= t.start
            && t.end <= h.end
            && dicts.actors.actor(h.entry).kind != ActorKind::Person
    });
    t.word
        && is_name_word(w)
        && !covered_by_non_person
        && !dicts
            .roles
            .find(w)
            .iter()
            .any(|r| r.start == 0 && r.end == w.len())
}

/// Up to four name words (particles allowed inside) from token `k`; needs two words unless
/// the single word is a known person.
fn name_span(
    s: &str,
    toks: &[Token],
    k: usize,
    hits: &[ActorHit],
    dicts: &Dictionaries,
) -> Option<(usize, usize)> {
    if k >= toks.len() {
        return None;
    }
    if let Some(h) = hits.iter().find(|h| h.start == toks[k].start) {
        return (dicts.actors.actor(h.entry).kind == ActorKind::Person).then_some((h.start, h.end));
    }
    let mut end = k;
    let mut words = 0;
    while end < toks.len() && words < 4 {
        if is_name_tok(s, toks, end, hits, dicts) {
            words += 1;
            end += 1;
        } else if words > 0
            && PARTICLES.contains(&&s[toks[end].start..toks[end].end])
            && end + 1 < toks.len()
            && is_name_tok(s, toks, end + 1, hits, dicts)
        {
            end += 1;
        } else {
            break;
        }
    }
    (words >= 2).then(|| (toks[k].start, toks[end - 1].end))
}
