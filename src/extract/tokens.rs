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
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                start: i,
                end: i + c.len_utf8(),
                word: false,
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        while end < s.len() {
            let rest = &s[end..];
            let mut it = rest.chars();
            let c0 = it.next().unwrap();
            let c1 = it.next();
            if c0.is_alphanumeric() {
                end += c0.len_utf8();
            } else if matches!(c0, '-' | '.' | '\'') && c1.is_some_and(char::is_alphanumeric) {
                if c0 == '\'' && is_possessive_s(rest) {
                    break;
                }
                end += c0.len_utf8();
            } else {
                break;
            }
        }
        if s[end..].starts_with('.') && is_initialism(&s[i..end]) {
            end += 1;
        }
        out.push(Token {
            start: i,
            end,
            word: true,
        });
        // Skip the chars we consumed.
        while chars.peek().is_some_and(|&(j, _)| j < end) {
            chars.next();
        }
        if is_possessive_s(&s[end..]) {
            out.push(Token {
                start: end,
                end: end + 2,
                word: true,
            });
            while chars.peek().is_some_and(|&(j, _)| j < end + 2) {
                chars.next();
            }
        }
    }
    out
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
