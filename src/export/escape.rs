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

/// XML character data or attribute text: `& < > " '` as entities, and the characters XML 1.0
/// forbids even as references (C0 controls other than tab and line breaks, U+FFFE, U+FFFF)
/// dropped, since NetworkX and Gephi refuse a file containing them.
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// JSON for a `<script type="application/json">` block: `<`, `>` and `&` as `\u` escapes so
/// no text can close the script element or open a comment, and U+2028/2029 escaped for old
/// JavaScript parsers.
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
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

    #[test]
    fn xml_text_escapes_markup_and_drops_forbidden_controls() {
        assert_eq!(
            xml_text("a<b>&\"c'\u{1}\u{8}\u{b}\u{1f}\td\u{ffff}é"),
            "a&lt;b&gt;&amp;&quot;c&apos;\td é".replace(' ', "")
        );
    }

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let json = serde_json::to_string("</script><script>alert(1)</script>&\u{2028}").unwrap();
        let safe = script_json(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "</script><script>alert(1)</script>&\u{2028}");
    }
}
