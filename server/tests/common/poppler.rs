//! poppler's `pdftotext` and `pdfinfo` (installed by `scripts/setup.sh`) read a PDF back as a
//! reader would.

use std::io::Write;
use std::process::{Command, Stdio};

/// The PDF's text as a reader would copy it: no-break spaces made plain.
pub fn pdf_text(pdf: &[u8]) -> String {
    poppler("pdftotext", pdf).replace('\u{a0}', " ")
}

pub fn poppler(tool: &str, pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join("portico-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.pdf", rand::random::<u64>()));
    std::fs::File::create(&path).unwrap().write_all(pdf).unwrap();
    let mut command = Command::new(tool);
    if tool == "pdftotext" {
        command.args(["-enc", "UTF-8"]).arg(&path).arg("-");
    } else {
        command.arg(&path);
    }
    let out = command.stdout(Stdio::piped()).output().expect("poppler-utils installed");
    std::fs::remove_file(&path).ok();
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}
