//! Documents customers upload (a `.hu` transfer's declaration): what is accepted, decided by
//! the file's content, never by its name.

/// The largest file accepted: 10 MB.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// The content type of a PDF, JPEG or PNG file, read from its first bytes; `None`: anything
/// else (whatever its name says).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

/// Why an upload is refused: the message code.
pub fn check_upload(bytes: &[u8]) -> Result<&'static str, &'static str> {
    if bytes.is_empty() {
        return Err("file_missing");
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err("file_too_large");
    }
    sniff(bytes).ok_or("file_type")
}

/// The file's name as shown and offered for download: its last path segment, without control
/// characters or quotes, at most 120 characters; "document" when nothing is left.
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\'' | ';'))
        .take(120)
        .collect();
    let clean = clean.trim().to_owned();
    if clean.is_empty() { "document".to_owned() } else { clean }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_is_read_from_the_content_not_the_name() {
        assert_eq!(check_upload(b"%PDF-1.7\n..."), Ok("application/pdf"));
        assert_eq!(check_upload(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Ok("image/jpeg"));
        assert_eq!(check_upload(b"\x89PNG\r\n\x1a\n...."), Ok("image/png"));
        assert_eq!(check_upload(b"MZ\x90\0 an .exe called declaration.pdf"), Err("file_type"));
        assert_eq!(check_upload(b""), Err("file_missing"));
        let big = [b"%PDF-".as_slice(), &vec![0; MAX_DOCUMENT_BYTES]].concat();
        assert_eq!(check_upload(&big), Err("file_too_large"));
    }

    #[test]
    fn file_names_keep_their_last_segment_without_quotes_or_control_characters() {
        assert_eq!(clean_file_name("C:\\Users\\p\\nyilatkozat.pdf"), "nyilatkozat.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"b;\r\n.pdf"), "ab.pdf");
        assert_eq!(clean_file_name("  "), "document");
    }
}
