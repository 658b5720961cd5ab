//! JSON Lines (`.jsonl`, `.ndjson`) and JSON documents (an object or an array of objects).

use super::decode::decode_line;
use super::{Record, read_all_text};
use crate::error::RecordError;
use crate::model::{Origin, RawArticle};
use serde_json::{Map, Value};
use std::io::BufRead;

/// Streams a JSON Lines input: one object per line, blank lines ignored.
pub fn read_lines<R: BufRead>(name: &str, mut input: R, sink: &mut dyn FnMut(Record)) {
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        match input.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                sink(Err(RecordError::new(
                    name,
                    Some(line_no + 1),
                    format!("cannot read: {e}"),
                )));
                break;
            }
        }
        line_no += 1;
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        sink(parse_line(name, line_no, &buf));
    }
}

fn parse_line(name: &str, line_no: u64, bytes: &[u8]) -> Record {
    let err = |m: String| RecordError::new(name, Some(line_no), m);
    let text = decode_line(bytes, line_no == 1).map_err(err)?;
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

/// Reads a JSON document holding one article object or an array of them.
pub fn read_document<R: BufRead>(name: &str, input: R, sink: &mut dyn FnMut(Record)) {
    let text = match read_all_text(name, input) {
        Ok(t) => t,
        Err(e) => return sink(Err(e)),
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            let line = Some(e.line() as u64);
            return sink(Err(RecordError::new(
                name,
                line,
                format!("malformed JSON: {e}"),
            )));
        }
    };
    match value {
        Value::Object(obj) => sink(one(name, 1, &obj)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let n = i as u64 + 1;
                match item {
                    Value::Object(obj) => sink(one(name, n, obj)),
                    _ => sink(Err(RecordError::new(
                        name,
                        Some(n),
                        "array item is not an object",
                    ))),
                }
            }
        }
        _ => sink(Err(RecordError::new(
            name,
            None,
            "expected an object or an array of objects",
        ))),
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
pub fn from_object(obj: &Map<String, Value>, default_id: &str) -> Result<RawArticle, &'static str> {
    let field = |k: &str| obj.get(k).and_then(scalar);
    let text = ["text", "content", "body"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(|v| v.as_str()))
        .ok_or("no text: the record needs a \"text\" (or \"content\", \"body\") string")?;
    if text.trim().is_empty() {
        return Err("empty text: nothing to ingest");
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
