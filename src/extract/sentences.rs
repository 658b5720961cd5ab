//! Sentence splitting that survives abbreviations, initials and quotations.
//!
//! A sentence ends at `.`, `!` or `?` (and any closing quotes or brackets after it) when a
//! capitalised word, a digit or the line end follows, unless the word before the period is an
//! abbreviation (Mr., Gen., Jan.) or an initialism (U.S., e.g., J.). Lines are hard breaks.

use crate::model::Sentence;

/// Tokens that end in a period without ending the sentence (lower case, period stripped),
/// sorted for a binary search: every period a sentence has looks its word up.
const ABBREVIATIONS: &[&str] = &[
    "adm", "amb", "approx", "apr", "aug", "brig", "capt", "cdr", "cmdr", "co", "col", "corp",
    "cpl", "cpt", "dec", "dept", "det", "dr", "eg", "est", "etc", "feb", "fig", "ft", "gen", "gov",
    "hon", "ie", "inc", "insp", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "messrs",
    "mlle", "mme", "mr", "mrs", "ms", "mt", "no", "nos", "nov", "oct", "pres", "prof", "pvt",
    "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "supt", "vs",
];
const CLOSERS: &[char] = &['"', '\'', ')', ']', '\u{201D}', '\u{2019}', '\u{00BB}'];
const OPENERS: &[char] = &[
    '"', '\'', '(', '[', '\u{201C}', '\u{2018}', '\u{00AB}', '\u{00BF}', '\u{00A1}',
];

/// Splits cleaned text into sentences (byte spans, trimmed, never empty).
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        if !crate::clean::is_furniture(line) {
            split_line(line, line_start, &mut out);
        }
        line_start += line.len() + 1;
    }
    out
}

fn split_line(line: &str, base: usize, out: &mut Vec<Sentence>) {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    // Jumps from one `.` `!` `?` to the next (memchr3: a word at a time, not a byte).
    while let Some(found) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) {
        i += found;
        let punct_start = i;
        while i < bytes.len() && matches!(bytes[i], b'.' | b'!' | b'?') {
            i += 1;
        }
        let end = skip_closers(line, i);
        i = end;
        if ends_sentence(line, start, punct_start, end) {
            push(line, base, start, end, out);
            start = end;
        }
    }
    push(line, base, start, line.len(), out);
}

fn skip_closers(line: &str, mut i: usize) -> usize {
    while let Some(c) = line[i..].chars().next() {
        if !CLOSERS.contains(&c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Whether the punctuation at `punct..end` closes the sentence begun at `start`.
fn ends_sentence(line: &str, start: usize, punct: usize, end: usize) -> bool {
    let rest = &line[end..];
    if rest.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return false; // "3.5", "U.S.-drafted"
    }
    let next = rest.trim_start().trim_start_matches(OPENERS);
    if let Some(c) = next.chars().next() {
        if !(c.is_uppercase() || c.is_ascii_digit()) {
            return false;
        }
    } else if rest.trim_start().is_empty() && !rest.is_empty() && next.is_empty() {
        // Only closers follow: the line end closes the sentence anyway.
    }
    let punct_run = &line[punct..end];
    if punct_run.starts_with('.') && !punct_run.starts_with("..") {
        let token = line[start..punct]
            .split_whitespace()
            .next_back()
            .unwrap_or("");
        let token = token.trim_start_matches(OPENERS);
        let token = token
            .rsplit(['-', '/', '\u{2013}', '\u{2014}'])
            .next()
            .unwrap_or("");
        if is_abbreviation(token) {
            return false;
        }
    }
    true
}

/// An abbreviation or an initialism (`U.S`, `e.g`, `J`), period stripped.
fn is_abbreviation(token: &str) -> bool {
    // The list is ASCII; only another token needs Unicode lower-casing (the Kelvin sign is a
    // `k`), and only that one is allocated.
    let mut buf = [0u8; 8];
    let listed = if token.is_ascii() && token.len() <= buf.len() {
        let lower = &mut buf[..token.len()];
        lower.copy_from_slice(token.as_bytes());
        lower.make_ascii_lowercase();
        ABBREVIATIONS
            .binary_search_by(|a| a.as_bytes().cmp(lower))
            .is_ok()
    } else {
        !token.is_ascii() && ABBREVIATIONS.contains(&token.to_lowercase().as_str())
    };
    if listed {
        return true;
    }
    // Initialisms: single letters separated by periods ("U.S", "e.g", "J").
    token.chars().count() == 1 && token.chars().all(char::is_alphabetic)
        || super::tokens::is_initialism(token)
}

fn push(line: &str, base: usize, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let piece = &line[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = base + start + lead;
        out.push(Sentence {
            start: s,
            end: s + trimmed.len(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_sorted_for_the_binary_search() {
        assert!(ABBREVIATIONS.is_sorted(), "keep ABBREVIATIONS sorted");
        assert!(is_abbreviation("Gen") && is_abbreviation("SEPT") && !is_abbreviation("said"));
    }

    fn texts(t: &str) -> Vec<&str> {
        split(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let t = "Gen. Mark Milley met U.S. officials on Jan. 5. Mr. Smith, i.e. the envoy, left. Then e.g. this.";
        assert_eq!(
            texts(t),
            [
                "Gen. Mark Milley met U.S. officials on Jan. 5.",
                "Mr. Smith, i.e. the envoy, left.",
                "Then e.g. this."
            ]
        );
    }

    #[test]
    fn quotes_close_sentences_and_lowercase_continues() {
        let t = "\"We will respond,\" he said. \"Never.\" She left! was it? Yes.";
        assert_eq!(
            texts(t),
            [
                "\"We will respond,\" he said.",
                "\"Never.\"",
                "She left! was it?",
                "Yes."
            ]
        );
    }

    #[test]
    fn lines_are_hard_breaks_and_numbers_survive() {
        let t = "Growth was 3.5 percent\nA U.S.-drafted text failed.";
        assert_eq!(
            texts(t),
            ["Growth was 3.5 percent", "A U.S.-drafted text failed."]
        );
    }
}
