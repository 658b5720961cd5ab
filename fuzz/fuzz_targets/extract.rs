//! Extraction of cleaned text never panics and every span it returns slices the text.
#![no_main]
use actorgraph::dict::Dictionaries;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn dicts() -> &'static Dictionaries {
    static D: OnceLock<Dictionaries> = OnceLock::new();
    D.get_or_init(|| Dictionaries::builtin().expect("built-in dictionaries"))
}

fn inside(text: &str, (a, b): (usize, usize)) -> bool {
    a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
}

fn check(text: &str) {
    let ex = actorgraph::extract::extract(text, dicts());
    for s in &ex.sentences {
        assert!(inside(text, (s.start, s.end)));
    }
    for m in &ex.mentions {
        assert!(inside(text, (m.start, m.end)) && m.actor < ex.actors.len());
        assert!(m.sentence < ex.sentences.len());
    }
    for e in &ex.events {
        assert!(inside(text, e.trigger));
        assert!(e.sentence < ex.sentences.len());
        assert!(e.source < ex.actors.len() && e.target < ex.actors.len());
    }
}

fuzz_target!(|raw: &str| {
    // Both as the pipeline sees it (cleaned) and raw, since extract is public API.
    check(&actorgraph::clean::clean(raw));
    check(raw);
});
