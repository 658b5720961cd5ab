//! Bytes → UTF-8: a byte-order mark is stripped, UTF-16 (with a BOM, or recognizably without
//! one) is transcoded while streaming; invalid UTF-8 is left for the readers to report.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};
use std::io::{BufRead, BufReader, Read};

/// A stream decoded to UTF-8 (or passed through unchanged when it claims to be UTF-8).
pub type Decoded<R> = BufReader<DecodeReaderBytes<R, Vec<u8>>>;

/// Wraps `input` so it reads as UTF-8 without a BOM.
pub fn stream<R: BufRead>(mut input: R) -> std::io::Result<Decoded<R>> {
    let guess = bomless_utf16(input.fill_buf()?);
    let decoder = DecodeReaderBytesBuilder::new()
        .encoding(guess)
        .bom_override(true)
        .utf8_passthru(true)
        .strip_bom(true)
        .build(input);
    Ok(BufReader::new(decoder))
}

/// UTF-16 without a BOM, recognized by text (mostly Latin) whose every other byte is zero.
fn bomless_utf16(head: &[u8]) -> Option<&'static Encoding> {
    let pairs: Vec<&[u8]> = head.chunks_exact(2).take(64).collect();
    let looks = |lo: usize| {
        let zero_hi = pairs
            .iter()
            .filter(|p| p[1 - lo] == 0 && p[lo] != 0)
            .count();
        let zero_lo = pairs.iter().filter(|p| p[lo] == 0).count();
        pairs.len() >= 2 && zero_lo == 0 && zero_hi * 10 >= pairs.len() * 9
    };
    if looks(0) {
        Some(UTF_16LE)
    } else if looks(1) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Checks that `bytes` are UTF-8; the error says where and what to do.
pub fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "invalid UTF-8 at byte {}: convert the file to UTF-8 (e.g. iconv -t UTF-8)",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Reads the whole stream if it holds at most `cap` bytes; `None` (having read only `cap + 1`
/// bytes, so memory stays bounded) when it holds more.
pub fn read_capped<R: Read>(input: R, cap: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    input.take(cap as u64 + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() <= cap).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        stream(bytes).unwrap().read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn strips_bom_and_decodes_utf16() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi"), b"hi");
        assert_eq!(decode(b"\xFF\xFEh\0i\0"), b"hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i"), b"hi");
        assert_eq!(decode(b"h\0i\0!\0"), b"hi!");
        assert_eq!(decode(b"\0h\0i\0!"), b"hi!");
        assert_eq!(decode(b"T\0\xFC\0r\0k\0"), "Türk".as_bytes());
    }

    #[test]
    fn passes_utf8_and_invalid_bytes_through() {
        assert_eq!(decode("naïve".as_bytes()), "naïve".as_bytes());
        assert_eq!(decode(b"ok\xFFno"), b"ok\xFFno");
        assert_eq!(decode(b"a\0"), b"a\0");
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let err = utf8(b"ok\xFFno".to_vec()).unwrap_err();
        assert!(err.contains("byte 2"), "{err}");
    }
}
