//! Bytes → text: UTF-8 (with or without BOM) and UTF-16 with a BOM; anything else is refused.

/// Decodes a whole document; the error says what is wrong and what to do.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    utf8(bytes)
}

/// Decodes one line of a line-based format (BOM allowed on the first line only).
pub fn decode_line(bytes: &[u8], first: bool) -> Result<String, String> {
    let bytes = if first {
        bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes)
    } else {
        bytes
    };
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<String, String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(format!(
            "invalid UTF-8 at byte {}: convert the file to UTF-8 (e.g. iconv -t UTF-8)",
            e.valid_up_to()
        )),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if bytes.len() % 2 != 0 {
        return Err("truncated UTF-16 text: convert the file to UTF-8".to_string());
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| "invalid UTF-16 text: convert the file to UTF-8".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_decodes_utf16() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap(), "hi");
        assert_eq!(decode(b"\xFF\xFEh\0i\0").unwrap(), "hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i").unwrap(), "hi");
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let err = decode(b"ok\xFFno").unwrap_err();
        assert!(err.contains("byte 2"), "{err}");
    }
}
