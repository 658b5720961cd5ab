//! The extract record: one article's metadata, cleaned text and [`Extraction`] as a
//! self-contained, versioned JSON object (`actorgraph extract` writes them, `load` reads them).
//!
//! Offsets in a record count characters (Unicode scalar values), as in SQL and Python, not
//! the bytes [`Extraction`] uses; [`Record::new`] and [`Record::extraction`] convert. The
//! format is documented in `docs/record-format.md`; a breaking change bumps [`FORMAT`].

use crate::model::Sentence;
use crate::model::{Actor, ActorKind, Event, Extraction, Mention, Origin, RawArticle, Relation};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// The format tag every record carries; readers refuse other major versions.
pub const FORMAT: &str = "actorgraph-extract/1";

/// One extracted article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Always [`FORMAT`].
    pub format: String,
    /// Where the article was read (`file:line`, `-:line` for stdin).
    pub origin: String,
    /// The article's id from its input.
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// blake3 of the cleaned text, hex: the dedupe key.
    pub hash: String,
    /// Fingerprint of the dictionaries extraction used (see [`dictionaries_fingerprint`]).
    pub dictionaries: String,
    /// The cleaned text every offset refers to.
    pub text: String,
    /// The body as read, when cleaning changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_text: Option<String>,
    /// `[start, end)` of each sentence.
    pub sentences: Vec<[usize; 2]>,
    pub actors: Vec<ActorRecord>,
    pub mentions: Vec<MentionRecord>,
    pub events: Vec<EventRecord>,
}

/// An actor of the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRecord {
    pub name: String,
    pub code: String,
    /// `state`, `organization`, `person` or `group`.
    #[serde(rename = "type")]
    pub kind: String,
    pub country: Option<String>,
}

/// One occurrence of an actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRecord {
    /// 0-based index into `actors`.
    pub actor: usize,
    /// 0-based index into `sentences`.
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// `name`, `coref` or `anaphor`.
    pub how: String,
}

/// One event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// 0-based indices into `actors`.
    pub source: usize,
    pub target: usize,
    /// Contract relation name.
    pub relation: String,
    /// Two-digit CAMEO root; null for `member_of`.
    pub cameo: Option<String>,
    /// 0-based index into `sentences`.
    pub sentence: usize,
    /// `[start, end)` of the trigger.
    pub trigger: [usize; 2],
    pub rule: String,
    pub confidence: f32,
    /// The source's code here when it differs from the actor's own (dated or agent code).
    pub source_code: Option<String>,
    pub target_code: Option<String>,
}

/// The fingerprint of a dictionary set: blake3 over each file's kind and content
/// fingerprint, in merge order, so file names and paths (which differ between machines) do
/// not count.
pub fn dictionaries_fingerprint(files: &[crate::dict::Source]) -> String {
    let mut h = blake3::Hasher::new();
    for f in files {
        h.update(f.kind.as_str().as_bytes());
        h.update(b"\t");
        h.update(f.fingerprint.as_bytes());
        h.update(b"\n");
    }
    h.finalize().to_hex()[..16].to_string()
}

impl Record {
    /// The record of an article: `text` is its cleaned body, `ex` what extraction found in it.
    pub fn new(
        origin: &Origin,
        raw: &RawArticle,
        text: &str,
        ex: &Extraction,
        dictionaries: &str,
    ) -> Record {
        let at = Chars::new(text);
        let span = |s: usize, e: usize| [at.char_of(s), at.char_of(e)];
        Record {
            format: FORMAT.to_string(),
            origin: origin.to_string(),
            id: raw.ext_id.clone(),
            title: raw.title.clone(),
            date: raw.date.clone(),
            source: raw.source.clone(),
            url: raw.url.clone(),
            hash: blake3::hash(text.as_bytes()).to_hex().to_string(),
            dictionaries: dictionaries.to_string(),
            text: text.to_string(),
            raw_text: (raw.text != text).then(|| raw.text.clone()),
            sentences: ex.sentences.iter().map(|s| span(s.start, s.end)).collect(),
            actors: ex.actors.iter().map(actor_record).collect(),
            mentions: ex
                .mentions
                .iter()
                .map(|m| {
                    let [start, end] = span(m.start, m.end);
                    let (actor, sentence, how) = (m.actor, m.sentence, m.how.to_string());
                    MentionRecord {
                        actor,
                        sentence,
                        start,
                        end,
                        how,
                    }
                })
                .collect(),
            events: ex.events.iter().map(|e| event_record(e, &span)).collect(),
        }
    }

    /// The article as `ingest` would have read it (`origin` aside) and its cleaned text.
    pub fn article(&self) -> RawArticle {
        RawArticle {
            ext_id: self.id.clone(),
            title: self.title.clone(),
            date: self.date.clone(),
            source: self.source.clone(),
            url: self.url.clone(),
            text: self.raw_text.clone().unwrap_or_else(|| self.text.clone()),
        }
    }

    /// Checks the record and rebuilds its [`Extraction`] (byte offsets into `text`); the
    /// error says what is wrong, for a `file:line: ...` report.
    pub fn extraction(&self) -> Result<Extraction, String> {
        if self.format != FORMAT {
            return Err(format!(
                "record format {:?}, this actorgraph reads {FORMAT:?}: extract it again with this version",
                self.format
            ));
        }
        if blake3::hash(self.text.as_bytes()).to_hex().as_str() != self.hash {
            return Err("hash does not match text: the record was altered".into());
        }
        let at = Chars::new(&self.text);
        let span = |[s, e]: [usize; 2], what: &str| -> Result<(usize, usize), String> {
            match (at.byte_of(s), at.byte_of(e)) {
                (Some(bs), Some(be)) if bs <= be => Ok((bs, be)),
                _ => Err(format!("{what} [{s}, {e}] is outside the text")),
            }
        };
        let sentences = self
            .sentences
            .iter()
            .map(|&s| span(s, "sentence").map(|(start, end)| Sentence { start, end }))
            .collect::<Result<Vec<_>, _>>()?;
        let actors = self
            .actors
            .iter()
            .map(actor)
            .collect::<Result<Vec<_>, _>>()?;
        let index = |i: usize, n: usize, what: &str| {
            if i < n {
                Ok(i)
            } else {
                Err(format!("{what} index {i} out of range"))
            }
        };
        let (na, ns) = (actors.len(), sentences.len());
        let mut mentions = Vec::with_capacity(self.mentions.len());
        for m in &self.mentions {
            let (start, end) = span([m.start, m.end], "mention")?;
            mentions.push(Mention {
                actor: index(m.actor, na, "mention actor")?,
                sentence: index(m.sentence, ns, "mention sentence")?,
                start,
                end,
                how: intern(&m.how)?,
            });
        }
        let mut events = Vec::with_capacity(self.events.len());
        for e in &self.events {
            events.push(Event {
                source: index(e.source, na, "event source")?,
                target: index(e.target, na, "event target")?,
                relation: Relation::parse(&e.relation)
                    .ok_or_else(|| format!("unknown relation {:?}", e.relation))?,
                sentence: index(e.sentence, ns, "event sentence")?,
                trigger: span(e.trigger, "trigger")?,
                rule: e.rule.clone(),
                confidence: e.confidence,
                source_code: e.source_code.clone(),
                target_code: e.target_code.clone(),
            });
        }
        Ok(Extraction {
            sentences,
            actors,
            mentions,
            events,
        })
    }
}

fn actor_record(a: &Actor) -> ActorRecord {
    ActorRecord {
        name: a.name.clone(),
        code: a.code.clone(),
        kind: a.kind.as_str().to_string(),
        country: a.country.clone(),
    }
}

fn actor(a: &ActorRecord) -> Result<Actor, String> {
    Ok(Actor {
        name: a.name.clone(),
        code: a.code.clone(),
        kind: ActorKind::parse(&a.kind)
            .ok_or_else(|| format!("unknown actor type {:?}", a.kind))?,
        country: a.country.clone(),
    })
}

fn event_record(e: &Event, span: &dyn Fn(usize, usize) -> [usize; 2]) -> EventRecord {
    EventRecord {
        source: e.source,
        target: e.target,
        relation: e.relation.name().to_string(),
        cameo: e.relation.cameo(),
        sentence: e.sentence,
        trigger: span(e.trigger.0, e.trigger.1),
        rule: e.rule.clone(),
        confidence: e.confidence,
        source_code: e.source_code.clone(),
        target_code: e.target_code.clone(),
    }
}

/// The mention kinds seen so far, as the `&'static str` [`Mention::how`] wants. Bounded, so
/// a hostile file cannot grow it: extraction knows only a handful of kinds.
fn intern(how: &str) -> Result<&'static str, String> {
    const MAX_KINDS: usize = 32;
    static KINDS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut kinds = KINDS
        .get_or_init(|| Mutex::new(["name", "coref", "anaphor"].into_iter().collect()))
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if let Some(k) = kinds.get(how) {
        return Ok(k);
    }
    if kinds.len() >= MAX_KINDS || how.len() > 32 {
        return Err(format!("unknown mention kind {how:?}"));
    }
    let k: &'static str = Box::leak(how.to_string().into_boxed_str());
    kinds.insert(k);
    Ok(k)
}

/// Byte ↔ character offsets of one text; cheap for ASCII.
struct Chars {
    /// Byte offset of every char start, then the text length; empty when the text is ASCII.
    starts: Vec<usize>,
    len: usize,
}

impl Chars {
    fn new(text: &str) -> Chars {
        let starts = if text.is_ascii() {
            Vec::new()
        } else {
            let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            v.push(text.len());
            v
        };
        Chars {
            starts,
            len: text.len(),
        }
    }

    fn char_of(&self, byte: usize) -> usize {
        if self.starts.is_empty() {
            byte
        } else {
            self.starts.partition_point(|&b| b < byte)
        }
    }

    fn byte_of(&self, ch: usize) -> Option<usize> {
        if self.starts.is_empty() {
            (ch <= self.len).then_some(ch)
        } else {
            self.starts.get(ch).copied()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (RawArticle, String, Extraction) {
        let dicts = crate::dict::Dictionaries::builtin().unwrap();
        let raw = RawArticle {
            ext_id: "a1".into(),
            date: Some("2022-01-13".into()),
            text: "Moscow  demanded guarantees from NATO in Zürich. Ukraine attacked Russia in Kyiv’s suburbs, said Mr Šimek.".into(),
            ..RawArticle::default()
        };
        let text = crate::clean::clean(&raw.text);
        let ex = crate::extract::extract(&text, &dicts);
        (raw, text, ex)
    }

    #[test]
    fn extraction_round_trips_through_json() {
        let (raw, text, ex) = sample();
        assert!(!ex.events.is_empty() && !text.is_ascii());
        let origin = Origin {
            file: "-".into(),
            line: Some(3),
        };
        let rec = Record::new(&origin, &raw, &text, &ex, "f");
        let back: Record = serde_json::from_str(&serde_json::to_string(&rec).unwrap()).unwrap();
        assert_eq!(back.extraction().unwrap(), ex);
        assert_eq!(back.article(), raw);
        assert_eq!(back.origin, "-:3");
    }

    /// The record of the sample, read from file "x" with dictionaries "f".
    fn record_of(raw: &RawArticle, text: &str, ex: &Extraction) -> Record {
        let origin = Origin {
            file: "x".into(),
            line: None,
        };
        Record::new(&origin, raw, text, ex, "f")
    }

    #[test]
    fn character_offsets_slice_the_text() {
        let (raw, text, ex) = sample();
        let rec = record_of(&raw, &text, &ex);
        let chars: Vec<char> = rec.text.chars().collect();
        let last = rec.sentences.last().unwrap();
        let s: String = chars[last[0]..last[1]].iter().collect();
        assert_eq!(
            s,
            "Ukraine attacked Russia in Kyiv's suburbs, said Mr Šimek."
        );
    }

    #[test]
    fn bad_records_are_refused_with_a_reason() {
        let (raw, text, ex) = sample();
        let good = record_of(&raw, &text, &ex);
        let mut r = good.clone();
        r.events[0].source = 99;
        assert_eq!(
            r.extraction().unwrap_err(),
            "event source index 99 out of range"
        );
        let mut r = good.clone();
        r.text.push('!');
        assert!(
            r.extraction()
                .unwrap_err()
                .starts_with("hash does not match")
        );
        let mut r = good.clone();
        r.sentences[0] = [0, 10_000];
        assert_eq!(
            r.extraction().unwrap_err(),
            "sentence [0, 10000] is outside the text"
        );
        let mut r = good;
        r.format = "actorgraph-extract/2".into();
        assert!(r.extraction().unwrap_err().contains("extract it again"));
    }
}
