//! Property tests over arbitrary Unicode, arbitrary bytes and news-like word salad: cleaning,
//! sentence splitting and extraction never panic, every offset lies inside its text on a char
//! boundary, and every stored span is the slice its (character) offsets name in SQL.

use actorgraph::dict::Dictionaries;
use actorgraph::extract::{extract, sentences};
use actorgraph::model::{Extraction, Origin, RawArticle};
use proptest::prelude::*;
use std::sync::OnceLock;

fn dicts() -> &'static Dictionaries {
    static D: OnceLock<Dictionaries> = OnceLock::new();
    D.get_or_init(|| Dictionaries::builtin().unwrap())
}

const WORDS: &[&str] = &[
    "Russia",
    "NATO",
    "Moscow",
    "Kremlin",
    "China",
    "Beijing",
    "Taiwan",
    "Ukraine",
    "Kyiv",
    "President",
    "Vladimir",
    "Putin",
    "Foreign",
    "Minister",
    "Sergei",
    "Lavrov",
    "spokesman",
    "Dmitry",
    "Peskov",
    "He",
    "She",
    "he",
    "they",
    "said",
    "accused",
    "demanded",
    "threatened",
    "rejected",
    "met",
    "talks",
    "with",
    "of",
    "the",
    "that",
    "not",
    "did",
    "would",
    "sanctions",
    "on",
    "against",
    "these",
    "demands",
    "Mr.",
    "U.S.",
    "E.U.",
    ".",
    ",",
    ";",
    "?",
    "!",
    "\"",
    "'",
    "(",
    ")",
    "[",
    "]",
    "—",
    "–",
    "…",
    "«",
    "»",
    "„",
    "“",
    "”",
    "’",
    "é",
    "ß",
    "Ö",
    "日本",
    "中国",
    "🙂",
    "\u{0301}",
    "\u{200b}",
    "\u{feff}",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\0",
    " ",
    "  ",
    "\u{a0}",
    "Türkiye",
    "Côte",
    "d'Ivoire",
    "Hamas",
    "Israel",
    "Gaza",
];

/// Word salad from the vocabulary the extractor reacts to, glued with or without spaces.
fn newsy() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(WORDS), any::<bool>()), 0..80).prop_map(|ws| {
        ws.into_iter()
            .map(|(w, space)| {
                if space {
                    format!("{w} ")
                } else {
                    w.to_string()
                }
            })
            .collect()
    })
}

/// Any of: arbitrary Unicode, arbitrary bytes read leniently, news-like salad.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<u8>(), 0..300)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        newsy(),
    ]
}

fn on_boundary(text: &str, (a, b): (usize, usize)) -> bool {
    a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
}

fn check_spans(text: &str, ex: &Extraction) {
    for s in &ex.sentences {
        assert!(
            on_boundary(text, (s.start, s.end)),
            "sentence {s:?} in {text:?}"
        );
    }
    for m in &ex.mentions {
        assert!(
            on_boundary(text, (m.start, m.end)),
            "mention {m:?} in {text:?}"
        );
        let s = ex.sentences[m.sentence];
        assert!(
            s.start <= m.start && m.end <= s.end,
            "mention {m:?} outside {s:?}"
        );
        assert!(m.actor < ex.actors.len());
    }
    for e in &ex.events {
        assert!(on_boundary(text, e.trigger), "trigger {e:?} in {text:?}");
        assert!(e.sentence < ex.sentences.len());
        assert!(e.source < ex.actors.len() && e.target < ex.actors.len());
    }
}

/// Stores the extraction and checks every span with SQL `substr` on character offsets.
fn check_stored(text: &str, ex: &Extraction) {
    let conn = actorgraph::store::open_memory().unwrap();
    let mut w = actorgraph::store::Writer::new(&conn).unwrap();
    let origin = Origin {
        file: "p".into(),
        line: None,
    };
    let raw = RawArticle {
        ext_id: "p".into(),
        text: text.into(),
        ..RawArticle::default()
    };
    let keys = actorgraph::store::TextKeys::new(text);
    w.article(&origin, &raw, text, &keys, ex).unwrap();
    w.finish().unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let bad = count(
        "SELECT (SELECT COUNT(*) FROM sentences s JOIN articles a ON a.id = s.article_id
                 WHERE substr(a.text, s.start + 1, s.\"end\" - s.start) != s.text)
              + (SELECT COUNT(*) FROM mentions m JOIN articles a ON a.id = m.article_id
                 WHERE substr(a.text, m.start + 1, m.\"end\" - m.start) != m.surface)
              + (SELECT COUNT(*) FROM events e JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_idx
                 WHERE e.evidence_start != s.start OR e.evidence_end != s.\"end\"
                    OR e.trigger_start < 0 OR e.trigger_end > length((SELECT text FROM articles)))",
    );
    assert_eq!(bad, 0, "stored spans disagree with {text:?}");
    assert_eq!(
        count("SELECT COUNT(*) FROM sentences"),
        ex.sentences.len() as i64
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM mentions"),
        ex.mentions.len() as i64
    );
    assert_eq!(count("SELECT COUNT(*) FROM events"), ex.events.len() as i64);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn cleaning_gives_clean_stable_text(raw in text()) {
        let clean = actorgraph::clean::clean(&raw);
        prop_assert!(!clean.chars().any(|c| c.is_control() && c != '\n'), "{clean:?}");
        prop_assert!(!clean.contains("\n\n\n") && !clean.starts_with('\n') && !clean.ends_with('\n'));
        prop_assert_eq!(actorgraph::clean::clean(&clean), clean.clone());
    }

    #[test]
    fn sentences_are_ordered_slices_on_char_boundaries(raw in text()) {
        for t in [raw.clone(), actorgraph::clean::clean(&raw)] {
            let mut last = 0;
            for s in sentences::split(&t) {
                prop_assert!(last <= s.start && on_boundary(&t, (s.start, s.end)), "{s:?} in {t:?}");
                last = s.end;
            }
        }
    }

    #[test]
    fn extraction_spans_are_slices_of_the_text(raw in text()) {
        check_spans(&raw, &extract(&raw, dicts()));
        let clean = actorgraph::clean::clean(&raw);
        check_spans(&clean, &extract(&clean, dicts()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn stored_spans_are_the_sql_substrings_they_name(raw in prop_oneof![newsy(), any::<String>()]) {
        let clean = actorgraph::clean::clean(&raw);
        prop_assume!(!clean.is_empty());
        let ex = extract(&clean, dicts());
        check_spans(&clean, &ex);
        check_stored(&clean, &ex);
    }
}
