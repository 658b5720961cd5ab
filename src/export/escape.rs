//! Escaping for each output format, in one place.

/// A DOT double-quoted string: quotes and backslashes escaped, line breaks as `\n`, other
/// control characters dropped.
pub fn dot_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_strings_survive_hostile_names() {
        assert_eq!(dot_string("a\"b\\c\nd\u{7}<e>"), "\"a\\\"b\\\\c\\nd<e>\"");
        assert_eq!(dot_string("Россия"), "\"Россия\"");
    }
}
