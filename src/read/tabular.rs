//! CSV input: one article per row, fields by header name as for JSON Lines.

use super::Record;
use crate::error::RecordError;
use crate::model::Origin;
use serde_json::{Map, Value};
use std::io::BufRead;

/// Streams a CSV file with a header row.
pub fn read<R: BufRead>(name: &str, input: R, sink: &mut dyn FnMut(Record)) {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = match reader.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_ascii_lowercase())
            .collect::<Vec<_>>(),
        Err(e) => {
            return sink(Err(RecordError::new(
                name,
                Some(1),
                format!("bad CSV header: {e}"),
            )));
        }
    };
    let stem = std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    for row in reader.byte_records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line());
                sink(Err(RecordError::new(
                    name,
                    line,
                    format!("malformed CSV: {e}"),
                )));
                continue;
            }
        };
        let line = row.position().map(|p| p.line()).unwrap_or(0);
        if row.as_slice().len() > super::MAX_ARTICLE_BYTES {
            let msg = super::too_big(Some(row.as_slice().len()));
            sink(Err(RecordError::new(name, Some(line), msg)));
            continue;
        }
        sink(parse_row(name, line, &stem, &headers, &row));
    }
}

fn parse_row(
    name: &str,
    line: u64,
    stem: &str,
    headers: &[String],
    row: &csv::ByteRecord,
) -> Record {
    let err = |m: &str| RecordError::new(name, Some(line), m.to_string());
    let mut obj = Map::new();
    for (h, field) in headers.iter().zip(row.iter()) {
        let value = std::str::from_utf8(field)
            .map_err(|_| err("invalid UTF-8: convert the file to UTF-8"))?;
        obj.insert(h.clone(), Value::String(value.to_string()));
    }
    let article = super::json::from_object(&obj, &format!("{stem}-{line}")).map_err(|m| err(&m))?;
    Ok((
        Origin {
            file: name.to_string(),
            line: Some(line),
        },
        article,
    ))
}
