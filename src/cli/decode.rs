//! Input files as authorities publish them, turned into the UTF-8 text every reader of the CLI
//! expects: a byte-order mark (UTF-8 or UTF-16) accepted, a legacy encoding (Windows-1252 from a
//! spreadsheet, ISO-8859-15, Mac Roman…) detected by `chardetng` and converted by `encoding_rs`,
//! and what is not text at all (a PDF, a zipped workbook, a binary file) told by its first bytes,
//! never by its extension.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// What a file's bytes are, from their content.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text, once decoded.
    Text(Decoded),
    /// A PDF document (`%PDF-` in its first kilobyte): only its text layer can be read.
    Pdf,
    /// A zip archive: an Excel or OpenDocument workbook, most likely.
    Zip,
    /// Bytes that are no text in any encoding (NUL bytes outside UTF-16).
    Binary,
}

/// A text decoded to UTF-8.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without its byte-order mark.
    pub text: String,
    /// The encoding it was converted from, when it was not UTF-8 ("Windows-1252", "UTF-16LE").
    pub converted_from: Option<String>,
}

impl Decoded {
    /// What to say on standard error about the conversion, if there was one:
    /// « subventions.csv : encodage Windows-1252 détecté, converti en UTF-8 ».
    pub fn note(&self, file: &str) -> Option<String> {
        self.converted_from.as_ref().map(|from| format!("{file} : encodage {from} détecté, converti en UTF-8"))
    }
}

/// Tells what the bytes are and decodes them when they are text.
pub fn sniff(bytes: &[u8]) -> Kind {
    if is_pdf(bytes) {
        return Kind::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Kind::Zip;
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Kind::Text(convert(&bytes[bom_len..], encoding));
    }
    // UTF-16 without a mark: every other byte of ASCII text is NUL.
    let head = &bytes[..bytes.len().min(4096)];
    if let Some(encoding) = utf16_without_mark(head) {
        return Kind::Text(convert(bytes, encoding));
    }
    if head.contains(&0) {
        return Kind::Binary;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Kind::Text(Decoded { text: text.to_string(), converted_from: None }),
        Err(_) => {
            let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            // French publications: the ".fr" hint weighs towards the Western encodings.
            let encoding = detector.guess(Some(b"fr"), Utf8Detection::Deny);
            Kind::Text(convert(bytes, encoding))
        }
    }
}

/// Whether the bytes are a PDF: the `%PDF-` header, which readers accept within the first kilobyte.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// The bytes decoded with `encoding`, malformed sequences replaced (never a failure).
fn convert(bytes: &[u8], encoding: &'static Encoding) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let converted_from = (encoding != UTF_8).then(|| display_name(encoding));
    Decoded { text: text.into_owned(), converted_from }
}

/// UTF-16 told by its NUL bytes, when no mark says so: ASCII characters leave one NUL per pair.
fn utf16_without_mark(head: &[u8]) -> Option<&'static Encoding> {
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd * 10 >= pairs * 9 && even == 0 {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The name people know an encoding by: "Windows-1252" (encoding_rs says "windows-1252"; it also
/// decodes ISO-8859-1 files, whose bytes it is a superset of), "Mac Roman" for "macintosh".
fn display_name(encoding: &'static Encoding) -> String {
    let name = encoding.name();
    if let Some(number) = name.strip_prefix("windows-") {
        return format!("Windows-{number}");
    }
    match name {
        "macintosh" => "Mac Roman".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> Decoded {
        match sniff(bytes) {
            Kind::Text(d) => d,
            other => panic!("not text: {other:?}"),
        }
    }

    #[test]
    fn utf8_is_kept_and_its_mark_dropped() {
        assert_eq!(text("Séance".as_bytes()), Decoded { text: "Séance".into(), converted_from: None });
        let marked = text(b"\xEF\xBB\xBF{\"schema\": 1}");
        assert_eq!(marked.text, "{\"schema\": 1}");
        assert_eq!(marked.converted_from, None);
        assert_eq!(marked.note("export.json"), None);
        assert_eq!(text(b""), Decoded { text: String::new(), converted_from: None });
    }

    #[test]
    fn windows_1252_from_a_spreadsheet_is_detected_and_converted() {
        // « Métropole d’Aix » – 14 205 € : accents, a typographic apostrophe, the euro sign.
        let bytes = b"nomBeneficiaire;montant\nM\xE9tropole d\x92Aix;14 205 \x80\n\xC9cole \xE0 b\xE2tir;1 000\n";
        let d = text(bytes);
        assert_eq!(d.text, "nomBeneficiaire;montant\nMétropole d’Aix;14 205 €\nÉcole à bâtir;1 000\n");
        assert_eq!(d.converted_from.as_deref(), Some("Windows-1252"));
        assert_eq!(
            d.note("subventions.csv").as_deref(),
            Some("subventions.csv : encodage Windows-1252 détecté, converti en UTF-8")
        );
    }

    #[test]
    fn utf16_with_or_without_its_mark() {
        let le: Vec<u8> = "\u{feff}Séance du 7".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = text(&le);
        assert_eq!(d.text, "Séance du 7");
        assert_eq!(d.converted_from.as_deref(), Some("UTF-16LE"));
        let be: Vec<u8> = "Séance du 7".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(text(&be).text, "Séance du 7");
    }

    #[test]
    fn what_is_not_text_is_told_by_its_first_bytes() {
        assert_eq!(sniff(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj"), Kind::Pdf);
        assert_eq!(sniff(b"\r\n%PDF-1.7"), Kind::Pdf, "a few bytes may come before the header");
        assert_eq!(sniff(b"PK\x03\x04\x14\x00\x06\x00"), Kind::Zip);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Kind::Binary);
        // A text that speaks of PDFs is still a text.
        assert!(matches!(sniff(b"Voir le fichier joint (PDF)."), Kind::Text(_)));
    }
}
