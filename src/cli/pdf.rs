//! PDF deliberations read through their text layer (`pdf-extract`, over `lopdf`), then mended into
//! the text a register prints: lines cut by the page width joined again, words cut at a line end
//! by a hyphen glued back (the hyphen kept where the word has one), page numbers and the header
//! or footer repeated on every page dropped. A PDF without a text layer (a scan) is said to need
//! character recognition: nothing is guessed from its pictures.

use std::cell::Cell;
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pdf_extract::{output_doc_page, Document, MediaBox, OutputDev, OutputError, Transform};

/// Why a PDF gave no text.
#[derive(Debug, PartialEq, Eq)]
pub enum PdfError {
    /// No text layer: a scanned document, pictures of pages.
    NoText,
    /// Protected by a password.
    Encrypted,
    /// Not a PDF that can be parsed (truncated, damaged).
    Unreadable,
}

impl PdfError {
    /// The French sentence that follows the file's name.
    pub fn message(&self) -> String {
        match self {
            PdfError::NoText => "ce PDF n'a pas de couche texte (document numérisé ?) : il faut d'abord le passer à la \
                                 reconnaissance de caractères (OCR), puis donner le texte obtenu à « carte extract »"
                .to_string(),
            PdfError::Encrypted => {
                "ce PDF est protégé par un mot de passe : son texte ne peut pas être lu ; demandez une copie non protégée"
                    .to_string()
            }
            // The parser's own words are English and technical: the user needs what to do.
            PdfError::Unreadable => {
                "PDF illisible, peut-être tronqué ou endommagé : téléchargez-le à nouveau ou demandez-en une copie"
                    .to_string()
            }
        }
    }
}

thread_local! {
    /// Set while the PDF parser runs, so that a panic hook can stay silent about a panic that
    /// `pdf_text` catches and reports in French.
    static READING_PDF: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is inside the PDF parser (for a panic hook).
pub fn reading_pdf() -> bool {
    READING_PDF.with(Cell::get)
}

/// The mended text of a PDF's text layer.
///
/// The parser is third-party code that may panic on a damaged file (3 of 234 damaged copies of
/// the fixtures did); that panic is caught and reported as `Unreadable` in builds that unwind. The
/// release profile aborts on panic: there `carte`'s panic hook reports it (see `reading_pdf`).
pub fn pdf_text(bytes: &[u8]) -> Result<String, PdfError> {
    READING_PDF.with(|r| r.set(true));
    let pages = catch_unwind(AssertUnwindSafe(|| pages_of(bytes)));
    READING_PDF.with(|r| r.set(false));
    let pages = pages.map_err(|_| PdfError::Unreadable)??;
    let text = mend(&pages);
    if text.chars().filter(|c| c.is_alphanumeric()).count() < 20 {
        return Err(PdfError::NoText);
    }
    Ok(text)
}

/// The raw text of each page.
fn pages_of(bytes: &[u8]) -> Result<Vec<String>, PdfError> {
    let mut doc = Document::load_mem(bytes).map_err(|_| PdfError::Unreadable)?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    let mut pages = Vec::new();
    for number in doc.get_pages().keys() {
        let mut output = PageText::default();
        output_doc_page(&doc, &mut output, *number).map_err(|_| PdfError::Unreadable)?;
        pages.push(output.text);
    }
    Ok(pages)
}

/// A glyph as the page places it: where it starts, where it ends, its line, its size.
struct Glyph {
    /// It opens a string the page shows (a word, or a piece of one cut by kerning).
    opens: bool,
    x: f64,
    end: f64,
    y: f64,
    size: f64,
    text: String,
}

/// A page's text from its glyphs, as `pdf-extract`'s plain output writes it (a line break where
/// the baseline moves, an empty line where it jumps, a space before a string that starts after a
/// gap), except for the size of that gap: a producer that writes its spaces (a browser, a word
/// processor) gets a third of the font size, so that capitals kerned apart ("V" then "illes")
/// stay one word; one that positions its words without spaces, an eighth.
#[derive(Default)]
struct PageText {
    flip: Transform,
    opens: bool,
    glyphs: Vec<Glyph>,
    text: String,
}

impl OutputDev for PageText {
    fn begin_page(&mut self, _: u32, media_box: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.flip = Transform::row_major(1., 0., 0., -1., 0., media_box.ury - media_box.lly);
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let spaces = self.glyphs.iter().filter(|g| g.text.trim().is_empty()).count();
        let gap = if spaces * 12 >= self.glyphs.len() { 0.33 } else { 0.125 };
        let mut previous: Option<&Glyph> = None;
        for glyph in &self.glyphs {
            if let Some(p) = previous {
                let dy = (glyph.y - p.y).abs();
                if dy > glyph.size * 1.5 {
                    self.text.push_str("\n\n");
                } else if dy > glyph.size * 0.5 {
                    self.text.push('\n');
                } else if glyph.opens && glyph.x > p.end + glyph.size * gap {
                    self.text.push(' ');
                }
            }
            self.text.push_str(&glyph.text);
            previous = Some(glyph);
        }
        self.text.push('\n');
        self.glyphs.clear();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let at = trm.post_transform(&self.flip);
        // The font size as drawn: the side of the square of the same area as the scaled em.
        let (sx, sy) = (font_size * (trm.m11 + trm.m21), font_size * (trm.m12 + trm.m22));
        let size = (sx * sy).abs().sqrt();
        let opens = std::mem::take(&mut self.opens);
        self.glyphs.push(Glyph {
            opens,
            x: at.m31,
            end: at.m31 + width * size,
            y: at.m32,
            size,
            text: text.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.opens = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The pages' text mended into lines as the register prints them (see the module's comment).
/// Paragraphs stay apart (an empty line between them).
pub fn mend(pages: &[String]) -> String {
    let furniture = repeated_furniture(pages);
    let mut lines: Vec<String> = Vec::new();
    // A running header is kept where it first stands: it may be the only place naming the body.
    let mut seen_furniture: HashSet<&str> = HashSet::new();
    for page in pages {
        let page_lines: Vec<&str> = page.lines().map(str::trim).collect();
        let first = page_lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
        let last = page_lines.iter().rposition(|l| !l.is_empty()).unwrap_or(0);
        for (i, line) in page_lines.iter().enumerate() {
            let edge = i == first || i == last;
            if edge && (is_page_number(line) || (furniture.contains(*line) && !seen_furniture.insert(line))) {
                continue;
            }
            lines.push(collapse_spaces(line));
        }
    }
    let words = known_words(&lines);
    let width = line_width(&lines);
    let mut out: Vec<String> = Vec::new();
    let mut blank = true;
    for line in lines {
        if line.is_empty() {
            if !blank {
                out.push(String::new());
            }
            blank = true;
            continue;
        }
        match out.last_mut().filter(|_| !blank) {
            Some(prev) => match join(prev, &line, width, &words) {
                Some(joined) => *prev = joined,
                None => out.push(line),
            },
            None => out.push(line),
        }
        blank = false;
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out.join("\n")
}

/// How two lines of one paragraph join, when they do: the previous line cut by the page width
/// (long, not closed by a full stop or a colon), or the next one going on in lowercase; a word cut
/// by a hyphen is glued back.
fn join(prev: &str, next: &str, width: usize, words: &HashSet<String>) -> Option<String> {
    let first = next.chars().next()?;
    if let Some(glued) = dehyphenate(prev, next, words) {
        return Some(glued);
    }
    let long = prev.chars().count() * 10 >= width * 6;
    let closed = prev.ends_with(['.', ':', ';', '!', '?']);
    let starts_item = starts_item(next);
    // A heading in capitals stays apart from the text in lowercase around it.
    let caps_change = is_caps(prev) != is_caps(next);
    let goes_on = first.is_lowercase() && !starts_item;
    if goes_on || (long && !closed && !starts_item && !caps_change) {
        return Some(format!("{prev} {next}"));
    }
    None
}

/// A word cut at the line's end: "subven-" / "tion" → "subvention" when the document writes
/// the word whole, or when nothing says its hyphen is its own; "Aix-" / "Marseille", "vingt-" /
/// "quatre" keep theirs. A soft hyphen (U+00AD) is always dropped.
fn dehyphenate(prev: &str, next: &str, words: &HashSet<String>) -> Option<String> {
    let mut rev = prev.chars().rev();
    let mark = rev.next()?;
    let before = rev.next()?;
    if !matches!(mark, '-' | '\u{ad}' | '\u{2010}') || !before.is_alphabetic() {
        return None;
    }
    let first = next.chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let stem = &prev[..prev.len() - mark.len_utf8()];
    if mark == '\u{ad}' {
        return Some(format!("{stem}{next}"));
    }
    let tail: String =
        stem.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    let head: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let whole = format!("{tail}{head}").to_lowercase();
    let keeps_hyphen = first.is_uppercase()
        || (!words.contains(&whole)
            && (words.contains(&format!("{tail}-{head}").to_lowercase())
                || COMPOUND_FIRST.contains(&tail.to_lowercase().as_str())
                || COMPOUND_LAST.contains(&head.to_lowercase().as_str())));
    Some(if keeps_hyphen { format!("{stem}-{next}") } else { format!("{stem}{next}") })
}

/// First words of French compounds, which keep their hyphen at a line's end ("vingt-quatre",
/// "porte-parole", "sous-préfecture", "vice-président").
const COMPOUND_FIRST: [&str; 38] = [
    "dix",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "quatre",
    "cent",
    "porte",
    "sous",
    "vice",
    "demi",
    "mi",
    "semi",
    "non",
    "co",
    "ex",
    "après",
    "avant",
    "arrière",
    "contre",
    "grand",
    "grande",
    "saint",
    "sainte",
    "extra",
    "anti",
    "auto",
    "inter",
    "multi",
    "pluri",
    "quasi",
    "chef",
    "garde",
    "haut",
    "haute",
    "nord",
    "sud",
];

/// Last words of hyphenated forms ("celle-ci", "lui-même", "ci-dessus", "a-t-il").
const COMPOUND_LAST: [&str; 10] = ["ci", "là", "même", "mêmes", "dessus", "dessous", "delà", "il", "elle", "on"];

/// The words the document writes, lowercase, as written (with their hyphens), to tell a cut word
/// from a compound.
fn known_words(lines: &[String]) -> HashSet<String> {
    let mut words = HashSet::new();
    for line in lines {
        let line = line.trim_end_matches(['-', '\u{ad}']);
        for word in line.split(|c: char| !(c.is_alphabetic() || c == '-')) {
            let word = word.trim_matches('-');
            if word.chars().count() > 1 {
                words.insert(word.to_lowercase());
                // The parts of "Aix-Marseille-Provence" are words too, and the compound as one.
                for part in word.split('-') {
                    words.insert(part.to_lowercase());
                }
            }
        }
    }
    words
}

/// The width of a full line of the text column, in characters: the length most long lines reach.
fn line_width(lines: &[String]) -> usize {
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.chars().count()).filter(|n| *n > 0).collect();
    lengths.sort_unstable();
    // The 90th percentile, so that one long table row does not set the width alone, but no less
    // than most of the longest line, so that a short page is not all "long lines".
    let percentile = lengths.get(lengths.len().saturating_sub(1) * 9 / 10).copied().unwrap_or(0);
    let longest = lengths.last().copied().unwrap_or(0);
    percentile.max(longest * 4 / 5).max(1)
}

/// A line that opens a new item: an article, a list mark, "Vu", "Considérant", a numbered point
/// (words with their capital: "article 6574" in lowercase goes on a sentence).
fn starts_item(line: &str) -> bool {
    let marks = [
        "Article",
        "ARTICLE",
        "Art.",
        "Vu ",
        "VU ",
        "Considérant",
        "CONSIDÉRANT",
        "Décide",
        "DÉCIDE",
        "Délibère",
        "DÉLIBÈRE",
        "- ",
        "– ",
        "• ",
        "■",
        "·",
    ];
    if marks.iter().any(|m| line.starts_with(m)) {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && digits <= 2 && line[digits..].starts_with([')', '°', '.', '/']) && !line[digits..].starts_with("./")
}

/// Whether every letter of a line is a capital (and it has a few).
fn is_caps(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase())
}

/// "3", "3/12", "3 / 12", "Page 3", "page 3 sur 12", "- 3 -".
fn is_page_number(line: &str) -> bool {
    let lower = line.to_lowercase();
    let rest = lower.strip_prefix("page").unwrap_or(&lower);
    let rest = rest.replace(" sur ", "/");
    let core = rest.trim_matches(|c: char| c.is_whitespace() || c == '-' || c == '–');
    // Numbers of at most three digits: "2024" alone is a year.
    let numbers: Vec<&str> = core.split(['/', ' ']).filter(|n| !n.is_empty()).collect();
    !numbers.is_empty()
        && numbers.len() <= 2
        && numbers.iter().all(|n| n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The lines that open or close most pages the same way: a running header or footer.
fn repeated_furniture(pages: &[String]) -> HashSet<String> {
    let mut out = HashSet::new();
    if pages.len() < 3 {
        return out;
    }
    let edges: Vec<Vec<String>> = pages
        .iter()
        .map(|p| {
            let lines: Vec<&str> = p.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            let mut e: Vec<String> =
                lines.iter().take(1).chain(lines.iter().rev().take(1)).map(|l| l.to_string()).collect();
            e.dedup();
            e
        })
        .collect();
    for candidate in edges.iter().flatten() {
        let on = edges.iter().filter(|e| e.contains(candidate)).count();
        if on * 10 >= pages.len() * 8 {
            out.insert(candidate.clone());
        }
    }
    out
}

/// Runs of spaces (the parser writes one per gap it sees) made one.
fn collapse_spaces(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mended(page: &str) -> String {
        mend(&[page.to_string()])
    }

    const WIDE: &str = "La Commune attribue une subvention de fonctionnement à l'association";

    #[test]
    fn lines_cut_by_the_page_width_are_joined_headings_are_not() {
        let page = format!(
            "VILLE D'ISTRES\nBUREAU MUNICIPAL\n28 AVRIL 2016\n\n{WIDE}\nTremplin Emploi pour l'année 2024, soit 12 500 €.\nArticle 2 : la dépense est imputée."
        );
        assert_eq!(
            mended(&page),
            format!(
                "VILLE D'ISTRES\nBUREAU MUNICIPAL\n28 AVRIL 2016\n\n{WIDE} Tremplin Emploi pour l'année 2024, soit 12 500 €.\nArticle 2 : la dépense est imputée."
            )
        );
    }

    #[test]
    fn words_cut_by_a_hyphen_are_glued_back_compounds_keep_theirs() {
        let words = known_words(&["une subvention".to_string(), "Aix-Marseille".to_string()]);
        let glued = |a: &str, b: &str| dehyphenate(a, b, &words);
        assert_eq!(glued("une subven-", "tion de 500 €").as_deref(), Some("une subvention de 500 €"));
        assert_eq!(
            glued("Métropole d'Aix-", "Marseille-Provence").as_deref(),
            Some("Métropole d'Aix-Marseille-Provence")
        );
        assert_eq!(glued("deux mille vingt-", "quatre").as_deref(), Some("deux mille vingt-quatre"));
        assert_eq!(glued("Monsieur le porte-", "parole").as_deref(), Some("Monsieur le porte-parole"));
        assert_eq!(glued("celle-", "ci est approuvée").as_deref(), Some("celle-ci est approuvée"));
        // A word the document never writes whole: its cut is a cut.
        assert_eq!(glued("l'accompa-", "gnement").as_deref(), Some("l'accompagnement"));
        assert_eq!(glued("pour le dévelop\u{ad}", "pement").as_deref(), Some("pour le développement"));
        // A dash between words is no cut.
        assert_eq!(glued("Provence -", "Approbation"), None);
        assert_eq!(glued("n° 2024-", "052"), None);
    }

    #[test]
    fn page_numbers_and_running_headers_are_dropped() {
        let page = |n: usize, body: &str| format!("Métropole Aix-Marseille-Provence\n{body}\nPage {n} sur 3");
        let pages =
            [page(1, "Séance du 7 décembre 2023"), page(2, "Délibère"), page(3, &format!("Article 1 : {WIDE}."))];
        assert_eq!(
            mend(&pages),
            format!("Métropole Aix-Marseille-Provence\nSéance du 7 décembre 2023\nDélibère\nArticle 1 : {WIDE}.")
        );
        assert!(is_page_number("- 2 -"));
        assert!(is_page_number("3/12"));
        assert!(!is_page_number("2024"));
        assert!(!is_page_number("Article 2"));
    }

    #[test]
    fn a_paragraph_goes_on_over_the_page_break() {
        let pages = [format!("Délibère\n{WIDE}"), "Tremplin Emploi.".to_string()];
        assert_eq!(mend(&pages), format!("Délibère\n{WIDE} Tremplin Emploi."));
    }

    #[test]
    fn damaged_and_empty_pdfs_say_why() {
        assert_eq!(pdf_text(b"%PDF-1.4\n garbage"), Err(PdfError::Unreadable));
        assert_eq!(pdf_text(b""), Err(PdfError::Unreadable));
        assert!(PdfError::NoText.message().contains("(OCR)"));
    }
}
