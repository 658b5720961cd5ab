//! Plain-text articles (`.txt`, `.md`): one file, one article.

use super::{Record, read_all_text};
use crate::model::{Origin, RawArticle};
use std::io::BufRead;

/// Reads one text article; the title is the first line when a blank line follows it.
pub fn read<R: BufRead>(name: &str, stem: String, input: R, sink: &mut dyn FnMut(Record)) {
    let text = match read_all_text(name, input) {
        Ok(t) => t,
        Err(e) => return sink(Err(e)),
    };
    if text.trim().is_empty() {
        return sink(Err(crate::error::RecordError::new(
            name,
            None,
            "empty article: nothing to ingest",
        )));
    }
    // Old Mac files end lines with a lone CR: make every line end with LF.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    let (title, body) = split_title(&text);
    let article = RawArticle {
        ext_id: stem,
        title,
        text: body.to_string(),
        ..RawArticle::default()
    };
    sink(Ok((
        Origin {
            file: name.to_string(),
            line: None,
        },
        article,
    )))
}

/// Splits off a title line: the first non-empty line, when a blank line follows it.
pub fn split_title(text: &str) -> (Option<String>, &str) {
    let trimmed = text.trim_start_matches(['\n', '\r']);
    let Some(nl) = trimmed.find('\n') else {
        return (None, text);
    };
    let first = trimmed[..nl].trim();
    let rest = &trimmed[nl + 1..];
    let next_blank = rest.split('\n').next().is_some_and(|l| l.trim().is_empty());
    if next_blank && !first.is_empty() && !rest.trim().is_empty() {
        let title = first.trim_start_matches('#').trim().to_string();
        (Some(title), rest)
    } else {
        (None, text)
    }
}

#[cfg(test)]
mod tests {
    use super::split_title;

    #[test]
    fn title_needs_a_blank_line_after_it() {
        assert_eq!(
            split_title("Headline\n\nBody here."),
            (Some("Headline".into()), "\nBody here.")
        );
        assert_eq!(split_title("One line\nTwo line").0, None);
        assert_eq!(
            split_title("# Markdown title\n\nText").0.as_deref(),
            Some("Markdown title")
        );
    }
}
