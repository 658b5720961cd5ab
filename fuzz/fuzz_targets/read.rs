//! The file readers never panic on arbitrary bytes, whatever format they are told it is.
#![no_main]
use actorgraph::read::{Format, read_stream};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = [Format::Text, Format::JsonLines, Format::Json, Format::Csv][selector as usize % 4];
    read_stream("fuzz", "fuzz".into(), format, bytes, &mut |record| {
        if let Ok((_, article)) = record {
            assert!(!article.text.trim().is_empty());
        }
    });
});
