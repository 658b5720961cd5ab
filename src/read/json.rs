//! JSON Lines (`.jsonl`, `.ndjson`) and JSON documents (an object or an array of objects).

use super::lines::{Line, Lines};
use super::{MAX_ARTICLE_BYTES, Record, too_big};
use crate::error::RecordError;
use crate::model::{Origin, RawArticle};
use serde::de::{Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::io::BufRead;

/// Streams a JSON Lines input: one object per line, blank lines ignored. Lines end at `\n`,
/// `\r\n` or `\r`; a line longer than the article limit is skipped unread.
pub fn read_lines<R: BufRead>(name: &str, input: R, sink: &mut dyn FnMut(Record)) {
    let mut lines = Lines::new(input, MAX_ARTICLE_BYTES);
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        let line = match lines.next_line(&mut buf) {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => {
                let msg = format!("cannot read: {e}");
                return sink(Err(RecordError::new(name, Some(line_no + 1), msg)));
            }
        };
        line_no += 1;
        match line {
            Line::TooLong(n) => sink(Err(RecordError::new(name, Some(line_no), too_big(Some(n))))),
            Line::Fits if buf.iter().all(|b| b.is_ascii_whitespace()) => {}
            Line::Fits => sink(parse_line(name, line_no, &buf)),
        }
    }
}

fn parse_line(name: &str, line_no: u64, bytes: &[u8]) -> Record {
    let err = |m: String| RecordError::new(name, Some(line_no), m);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        err(format!(
            "invalid UTF-8 at byte {}: convert the file to UTF-8 (e.g. iconv -t UTF-8)",
            e.valid_up_to()
        ))
    })?;
    let value: Value =
        serde_json::from_str(text.trim()).map_err(|e| err(format!("malformed JSON: {e}")))?;
    let Value::Object(obj) = value else {
        return Err(err(
            "not a JSON object: each line must be {\"text\": ...}".into()
        ));
    };
    let article = from_object(&obj, &format!("{}-{line_no}", stem_of(name)))
        .map_err(|m| err(m.to_string()))?;
    Ok((origin(name, line_no), article))
}

/// Reads a JSON document holding one article object or an array of them, streaming: one
/// array item is in memory at a time.
pub fn read_document<R: BufRead>(name: &str, input: R, sink: &mut dyn FnMut(Record)) {
    let mut de = serde_json::Deserializer::from_reader(input);
    let items = Items { name, sink };
    let result = (&mut de).deserialize_any(items).and_then(|()| de.end());
    if let Err(e) = result {
        let line = (e.line() > 0).then_some(e.line() as u64);
        let msg = if e.is_io() {
            format!("cannot read: {e}")
        } else {
            format!("malformed JSON: {e}")
        };
        sink(Err(RecordError::new(name, line, msg)));
    }
}

/// Hands each article of a JSON document to the sink as it is parsed.
struct Items<'s> {
    name: &'s str,
    sink: &'s mut dyn FnMut(Record),
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object or an array of objects")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let obj: Map<String, Value> =
            serde::Deserialize::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        (self.sink)(one(self.name, 1, &obj));
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0u64;
        while let Some(item) = seq.next_element::<Value>()? {
            n += 1;
            (self.sink)(match item {
                Value::Object(obj) => one(self.name, n, &obj),
                _ => Err(RecordError::new(
                    self.name,
                    Some(n),
                    format!("record {n}: array item is not an object"),
                )),
            });
        }
        Ok(())
    }
}

/// One object of a JSON document; `n` is its 1-based position (reported as the record number).
fn one(name: &str, n: u64, obj: &Map<String, Value>) -> Record {
    from_object(obj, &format!("{}-{n}", stem_of(name)))
        .map(|a| (origin(name, n), a))
        .map_err(|m| RecordError::new(name, Some(n), format!("record {n}: {m}")))
}

fn origin(name: &str, line: u64) -> Origin {
    Origin {
        file: name.to_string(),
        line: Some(line),
    }
}

fn stem_of(name: &str) -> String {
    std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".into())
}

/// Builds an article from an object's fields; `default_id` is used when it has no `id`.
pub fn from_object(obj: &Map<String, Value>, default_id: &str) -> Result<RawArticle, String> {
    let field = |k: &str| obj.get(k).and_then(scalar);
    let text = ["text", "content", "body"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(|v| v.as_str()))
        .ok_or("no text: the record needs a \"text\" (or \"content\", \"body\") string")?;
    if text.trim().is_empty() {
        return Err("empty text: nothing to ingest".into());
    }
    if text.len() > MAX_ARTICLE_BYTES {
        return Err(too_big(Some(text.len())));
    }
    Ok(RawArticle {
        ext_id: field("id").unwrap_or_else(|| default_id.to_string()),
        title: field("title"),
        date: field("date"),
        source: field("source"),
        url: field("url"),
        text: text.to_string(),
    })
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
