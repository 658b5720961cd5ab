//! A small tokenizer over one sentence: word and punctuation tokens with byte spans.

/// One token of a sentence (byte offsets into the sentence string).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// True for words (letters, digits, inner `-` `.` `'`), false for punctuation.
    pub word: bool,
}

/// Splits a sentence into tokens. "U.S." stays one word, "Russia's" gives "Russia" + "'s".
pub fn tokenize(s: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(s.len() / 5);
    let mut i = 0;
    while i < s.len() {
        let b = s.as_bytes()[i];
        if b == b' ' {
            i += 1;
            continue;
        }
        if ASCII_WORD[b as usize] {
            i = word(s, i, &mut out);
            continue;
        }
        let c = char_at(s, i);
        if c.is_whitespace() {
            i += c.len_utf8();
        } else if !c.is_alphanumeric() {
            let end = i + c.len_utf8();
            out.push(Token {
                start: i,
                end,
                word: false,
            });
            i = end;
        } else {
            i = word(s, i, &mut out);
        }
    }
    out
}

/// Pushes the word starting at `start` (and a possessive "'s" after it); returns where
/// the next token may start.
fn word(s: &str, start: usize, out: &mut Vec<Token>) -> usize {
    let bytes = s.as_bytes();
    let mut end = start;
    while end < s.len() {
        // ASCII letters and digits, most of every word, are taken without decoding.
        if ASCII_WORD[bytes[end] as usize] {
            end += 1;
            continue;
        }
        let c0 = char_at(s, end);
        if c0.is_alphanumeric() {
            end += c0.len_utf8();
            continue;
        }
        // "well-known", "3.5", "O'Brien": inner punctuation between letters or digits.
        let inner = matches!(c0, '-' | '.' | '\'')
            && end + 1 < s.len()
            && char_at(s, end + 1).is_alphanumeric();
        if !inner || (c0 == '\'' && is_possessive_s(&s[end..])) {
            break;
        }
        end += 1;
    }
    if s[end..].starts_with('.') && is_initialism(&s[start..end]) {
        end += 1;
    }
    out.push(Token {
        start,
        end,
        word: true,
    });
    if bytes.get(end) == Some(&b'\'') && is_possessive_s(&s[end..]) {
        out.push(Token {
            start: end,
            end: end + 2,
            word: true,
        });
        return end + 2;
    }
    end
}

/// ASCII letters and digits, by byte: a table is cheaper than the range tests per byte.
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The character at byte `i` (a char boundary), without decoding when it is ASCII.
fn char_at(s: &str, i: usize) -> char {
    match s.as_bytes()[i] {
        b if b.is_ascii() => b as char,
        _ => s[i..].chars().next().unwrap_or(' '),
    }
}

fn is_possessive_s(rest: &str) -> bool {
    (rest.starts_with("'s") || rest.starts_with("'S"))
        && !rest[2..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Single letters separated by periods: "U.S", "e.g".
pub fn is_initialism(t: &str) -> bool {
    t.contains('.')
        && t.split('.').all(|p| {
            let mut cs = p.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
        })
}

/// True when the token starts with an upper-case letter.
pub fn is_capitalized(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn keeps_initialisms_and_splits_possessives() {
        assert_eq!(
            words("U.S. and Russia's well-known N.A.T.O., 3.5"),
            [
                "U.S.",
                "and",
                "Russia",
                "'s",
                "well-known",
                "N.A.T.O.",
                ",",
                "3.5"
            ]
        );
        assert_eq!(
            words("O'Brien's \"no\""),
            ["O'Brien", "'s", "\"", "no", "\""]
        );
    }
}
