//! Cleaning never panics and yields text without `\r` or control characters other than `\n`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &str| {
    let text = actorgraph::clean::clean(raw);
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    // Cleaning is idempotent: cleaned text is a fixed point.
    assert_eq!(actorgraph::clean::clean(&text), text);
});
