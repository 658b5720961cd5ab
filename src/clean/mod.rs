//! Stage 2, clean: raw article text → the cleaned text that every offset points into.
//!
//! Cleaning drops page furniture lines (ads, continuation markers, credits: patterns in
//! `data/boilerplate.csv`), normalizes line endings, whitespace and quotation marks, and
//! separates a closing bracket from the word glued to it. Paragraph breaks survive as one
//! blank line. The output is what `articles.text` stores; nothing downstream sees raw text.

use regex::RegexSet;
use std::sync::OnceLock;

const BOILERPLATE: &str = include_str!("../../data/boilerplate.csv");

fn furniture() -> &'static RegexSet {
    static SET: OnceLock<RegexSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(BOILERPLATE.as_bytes());
        let patterns: Vec<String> = reader
            .records()
            .filter_map(|r| r.ok())
            .map(|r| format!(r"(?i)^\[?\s*(?:{})\s*\]?$", &r[0]))
            .collect();
        RegexSet::new(patterns).expect("data/boilerplate.csv holds valid regexes")
    })
}

/// True for a line that is page furniture, not article text: ads, prompts, credits, or a
/// line without any letter ("–", "***").
pub fn is_furniture(line: &str) -> bool {
    let s = line.trim();
    s.is_empty() || !s.chars().any(char::is_alphabetic) || furniture().is_match(s)
}

/// Cleans an article body. The result has no `\r`, no control characters, single spaces,
/// straight quotes, and paragraphs separated by one blank line.
pub fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank_pending = false;
    // `\r\n` is one line ending; a lone `\r` (old Mac files) is one too.
    let lines = raw
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'));
    for line in lines {
        let line = normalize_line(line);
        if line.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if is_furniture(&line) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_pending { "\n\n" } else { "\n" });
        }
        blank_pending = false;
        out.push_str(&line);
    }
    out
}

/// Normalizes one line: quotes, whitespace, control characters, `]word` gluing.
fn normalize_line(line: &str) -> String {
    let mut s = String::with_capacity(line.len());
    let mut prev_space = true;
    let mut prev_close_bracket = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Fast path: a run of printable ASCII other than ']', with single spaces between
        // its words, is copied as it is (cleaning went char by char, and was a sixth of
        // extraction; stopping at every space left it a tenth).
        if is_plain(bytes[i]) {
            if prev_close_bracket && bytes[i].is_ascii_alphanumeric() {
                s.push(' ');
            }
            let start = i;
            while i < bytes.len() {
                if is_plain(bytes[i]) {
                    i += 1;
                } else if bytes[i] == b' ' && bytes.get(i + 1).is_some_and(|&b| is_plain(b)) {
                    i += 2;
                } else {
                    break;
                }
            }
            s.push_str(&line[start..i]);
            prev_space = false;
            prev_close_bracket = false;
            continue;
        }
        let c = line[i..].chars().next().expect("i is on a char boundary");
        i += c.len_utf8();
        match normalize_char(c) {
            None => continue,
            Some(' ') => {
                if !prev_space {
                    s.push(' ');
                }
                prev_space = true;
                prev_close_bracket = false;
            }
            Some(c) => {
                if prev_close_bracket && c.is_alphanumeric() {
                    s.push(' ');
                }
                s.push(c);
                prev_space = false;
                prev_close_bracket = c == ']';
            }
        }
    }
    s.truncate(s.trim_end().len());
    s
}

/// Printable ASCII that [`normalize_char`] keeps and that changes no state: not a space,
/// not `]`. A table lookup: the fast path tests every byte of every article.
fn is_plain(b: u8) -> bool {
    PLAIN[b as usize]
}

/// [`is_plain`] for each byte value.
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = b'!';
    while b <= b'~' {
        t[b as usize] = b != b']';
        b += 1;
    }
    t
};

/// Maps one character: quotes to ASCII, every kind of space to ' ', controls dropped.
fn normalize_char(c: char) -> Option<char> {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => Some('"'),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' => Some('\''),
        '\t' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Some(' ')
        }
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' => None,
        c if c.is_control() => None,
        c => Some(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_ads_and_dash_lines() {
        let raw = "First line.\n–\nContent will continue after the ad\nAdvertising\nSecond line.";
        assert_eq!(clean(raw), "First line.\nSecond line.");
    }

    #[test]
    fn normalizes_quotes_spaces_and_brackets() {
        let raw = "  “Hi”\tthere’s  [pie galda]Ryabkov\r\n";
        assert_eq!(clean(raw), "\"Hi\" there's [pie galda] Ryabkov");
    }

    #[test]
    fn crlf_and_cr_end_one_line_each() {
        assert_eq!(clean("A.\r\nB.\rC.\r\n\r\nD."), "A.\nB.\nC.\n\nD.");
    }

    #[test]
    fn keeps_paragraphs_as_one_blank_line() {
        assert_eq!(
            clean("A.\n\n\n\nB.\n\n(Reporting by X; editing by Y)"),
            "A.\n\nB."
        );
    }

    #[test]
    fn furniture_does_not_eat_real_sentences() {
        assert!(!is_furniture(
            "Advertising revenue fell as Russia cut ties."
        ));
        assert!(is_furniture("READ ALSO: Ten things about NATO"));
        assert!(is_furniture(
            "(Reporting by Anna Smith; Editing by Tom Ray)"
        ));
    }
}
