//! Records read into bounded chunks on their own thread, ahead of the stage that extracts
//! them: `ingest`'s and `extract`'s unit of parallel work.
//!
//! Why a thread: read inline, the next chunk was parsed only after the extraction of the last
//! one had finished, and both extraction threads idled meanwhile (reading was 3% of an
//! ingest's instructions).

use crate::read::Record;
use crossbeam_channel::Receiver;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::Scope;

/// Records per chunk, and the byte cap that keeps a chunk of long articles small.
const CHUNK_RECORDS: usize = 256;
const CHUNK_BYTES: usize = 4 << 20;
/// Chunks read but not yet taken: one to work on and one in reserve.
const AHEAD: usize = 1;

/// Records read but not yet handed on.
#[derive(Default)]
struct Chunk {
    records: Vec<Record>,
    bytes: usize,
}

impl Chunk {
    /// Adds a record; true when the chunk is full.
    fn push(&mut self, record: Record) -> bool {
        self.bytes += record.as_ref().map_or(0, |(_, raw)| raw.text.len());
        self.records.push(record);
        self.records.len() >= CHUNK_RECORDS || self.bytes >= CHUNK_BYTES
    }

    fn take(&mut self) -> Vec<Record> {
        self.bytes = 0;
        std::mem::take(&mut self.records)
    }
}

/// Reads every record under `paths` on a thread of `scope` and yields them in input order,
/// chunk by chunk. Reading stops early once `stop` is set or the receiver is dropped.
pub(super) fn read_ahead<'scope>(
    scope: &'scope Scope<'scope, '_>,
    paths: &'scope [String],
    stop: &'scope AtomicBool,
) -> Receiver<Vec<Record>> {
    let (tx, rx) = crossbeam_channel::bounded(AHEAD);
    scope.spawn(move || {
        let mut chunk = Chunk::default();
        crate::read::read_paths(paths, &mut |record| {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            if chunk.push(record) && tx.send(chunk.take()).is_err() {
                stop.store(true, Ordering::Relaxed);
            }
        });
        if !chunk.records.is_empty() && !stop.load(Ordering::Relaxed) {
            let _ = tx.send(chunk.take());
        }
    });
    rx
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Every record arrives once, in input order, in chunks of at most CHUNK_RECORDS.
    #[test]
    fn chunks_keep_every_record_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let mut f = std::fs::File::create(&path).unwrap();
        for i in 0..600 {
            writeln!(f, r#"{{"id": "a{i}", "text": "Text number {i}."}}"#).unwrap();
        }
        drop(f);
        let paths = vec![path.display().to_string()];
        let stop = AtomicBool::new(false);
        let chunks: Vec<Vec<Record>> =
            std::thread::scope(|s| read_ahead(s, &paths, &stop).iter().collect());
        let sizes: Vec<usize> = chunks.iter().map(Vec::len).collect();
        assert_eq!(sizes, [256, 256, 88]);
        let ids: Vec<String> = (chunks.into_iter().flatten())
            .map(|r| r.unwrap().1.ext_id)
            .collect();
        let expected: Vec<String> = (0..600).map(|i| format!("a{i}")).collect();
        assert_eq!(ids, expected);
    }

    /// Dropping the receiver ends the reading thread instead of leaving it blocked.
    #[test]
    fn a_dropped_receiver_stops_the_reader() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let line = r#"{"text": "Some text."}"#;
        std::fs::write(&path, format!("{line}\n").repeat(5000)).unwrap();
        let paths = vec![path.display().to_string()];
        let stop = AtomicBool::new(false);
        std::thread::scope(|s| {
            let rx = read_ahead(s, &paths, &stop);
            assert_eq!(rx.recv().unwrap().len(), 256);
        });
        assert!(stop.load(Ordering::Relaxed));
    }
}
