//! Reading a SCDL file: the CSV itself (separator, header, rows of the wrong width, line
//! numbers as a spreadsheet shows them) and which standard its columns say it follows.

use std::collections::HashMap;

use crate::core::locale::fold;

use super::{RejectedRow, ScdlKind};

/// How often, in rows, the progress callback hears of the bytes read.
const PROGRESS_EVERY: usize = 500;

/// A SCDL file read: which standard, its columns, its rows of the right width, and the rows refused so far.
pub(super) struct Table {
    pub(super) kind: ScdlKind,
    pub(super) columns: Columns,
    pub(super) rows: Vec<Row>,
    pub(super) rejected: Vec<RejectedRow>,
    /// Data rows read (the header and wholly empty rows are not counted).
    pub(super) rows_read: usize,
}

/// Reads the CSV. `progress(bytes_read)` is called every `PROGRESS_EVERY` rows. `Err` (in French)
/// only when the header is missing or unrecognisable.
pub(super) fn read_table(text: &str, progress: &mut dyn FnMut(u64)) -> Result<Table, String> {
    let bom = if text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
    let body = &text[bom..];
    // Blank lines before the header are skipped, as the csv reader skips them too.
    let first_line = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first_line.is_empty() {
        return Err("fichier vide : la première ligne devrait être l'en-tête des colonnes SCDL".to_string());
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(detect_separator(first_line))
        .has_headers(true)
        // Rows of the wrong width are reported one by one rather than failing the read.
        .flexible(true)
        .from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("en-tête illisible : {e}"))?
        .iter()
        .map(|h| h.trim_start_matches('\u{FEFF}').trim().to_string())
        .collect();
    let columns = Columns::new(&header);
    let kind = columns.kind().ok_or_else(|| {
        format!(
            "en-tête non reconnu : ni SCDL « Subventions » (nomAttribuant, nomBeneficiaire, montant…) ni SCDL \
             « Délibérations » (COLL_NOM, DELIB_ID, DELIB_OBJET…) ; colonnes lues : {}",
            header.join(", ")
        )
    })?;
    columns.check_required(kind)?;

    let mut rows = Vec::new();
    let mut rejected = Vec::new();
    let mut lines = LineCounter::new(body);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(|f| f.trim().is_empty()) {
                    // Spreadsheets often end with rows of bare separators: they hold nothing to reject.
                    continue;
                }
                let byte = record.position().map_or(0, |p| p.byte());
                let fields = record.iter().map(|f| f.trim().to_string()).collect();
                rows.push(Row { line: lines.line_at(byte), fields });
                if rows.len() % PROGRESS_EVERY == 0 {
                    progress(byte + bom as u64);
                }
            }
            Err(e) => {
                let line = lines.line_at(e.position().map_or(0, |p| p.byte()));
                rejected.push(RejectedRow { line, message: format!("ligne illisible : {e}") });
                rows.push(Row { line, fields: Vec::new() });
            }
        }
    }
    let rows_read = rows.len();
    let width = header.len();
    let rows: Vec<Row> = rows
        .into_iter()
        .filter(|r| !r.fields.is_empty())
        .filter_map(|r| match r.width_problem(width) {
            Some(message) => {
                rejected.push(RejectedRow { line: r.line, message });
                None
            }
            None => Some(r),
        })
        .collect();
    Ok(Table { kind, columns, rows, rejected, rows_read })
}

/// The separator the header uses the most, outside quotes; `,` (the standard's) when in doubt.
pub(super) fn detect_separator(header_line: &str) -> u8 {
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for c in header_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// A header cell as compared: folded, letters and digits only, so that `NOMBENEFICIAIRE`,
/// `nom_beneficiaire` and `Nom bénéficiaire` are all `nombeneficiaire`.
pub(super) fn header_key(cell: &str) -> String {
    fold(cell).chars().filter(|c| c.is_alphanumeric()).collect()
}

pub(super) struct Columns {
    by_key: HashMap<String, usize>,
}

impl Columns {
    pub(super) fn new(header: &[String]) -> Columns {
        let mut by_key = HashMap::new();
        for (i, cell) in header.iter().enumerate() {
            // A duplicated column: the first one counts, as a reader of the file would assume.
            by_key.entry(header_key(cell)).or_insert(i);
        }
        Columns { by_key }
    }

    pub(super) fn get(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    pub(super) fn has(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    pub(super) fn kind(&self) -> Option<ScdlKind> {
        if self.has("delibid") || self.has("delibobjet") {
            Some(ScdlKind::Deliberations)
        } else if ["nomattribuant", "nombeneficiaire", "montant", "idattribuant"].iter().any(|k| self.has(k)) {
            Some(ScdlKind::Subsidies)
        } else {
            None
        }
    }

    /// The columns without which no row could become a link (or a decision).
    pub(super) fn check_required(&self, kind: ScdlKind) -> Result<(), String> {
        let (standard, required): (&str, &[&str]) = match kind {
            ScdlKind::Subsidies => ("Subventions", &["nomAttribuant", "nomBeneficiaire", "montant"]),
            ScdlKind::Deliberations => ("Délibérations", &["COLL_NOM", "DELIB_ID", "DELIB_DATE", "DELIB_OBJET"]),
        };
        let mut missing: Vec<&str> = required.iter().copied().filter(|c| !self.has(&header_key(c))).collect();
        if kind == ScdlKind::Subsidies && !self.has("dateconvention") && !self.has("referencedecision") {
            missing.push("dateConvention (ou referenceDecision)");
        }
        if missing.is_empty() {
            Ok(())
        } else {
            let missing = missing.join(", ");
            Err(format!("fichier SCDL « {standard} » : colonne(s) obligatoire(s) absente(s) : {missing}"))
        }
    }
}

pub(super) struct Row {
    pub(super) line: usize,
    pub(super) fields: Vec<String>,
}

impl Row {
    /// The trimmed value of a column; empty when the column or the cell is absent.
    pub(super) fn value(&self, column: Option<usize>) -> &str {
        column.and_then(|i| self.fields.get(i)).map_or("", String::as_str)
    }

    /// Too few cells shifts nothing but loses values; too many (beyond empty trailing ones) means
    /// a separator inside an unquoted value, which would shift every column after it.
    pub(super) fn width_problem(&self, width: usize) -> Option<String> {
        let extra_filled = self.fields.iter().skip(width).any(|f| !f.is_empty());
        (self.fields.len() < width || extra_filled).then(|| {
            format!(
                "la ligne a {} colonnes, l'en-tête en a {width} (séparateur dans une valeur sans guillemets ?)",
                self.fields.len()
            )
        })
    }
}

/// Line numbers from byte offsets. The csv crate's own line count is one short after a CRLF (it
/// places a record's start between `\r` and `\n`), and Windows files are the common case here.
pub(super) struct LineCounter<'t> {
    text: &'t [u8],
    offset: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    pub(super) fn new(text: &'t str) -> LineCounter<'t> {
        LineCounter { text: text.as_bytes(), offset: 0, line: 1 }
    }

    /// The 1-based line of the record starting at `byte`; offsets must not go backwards.
    pub(super) fn line_at(&mut self, byte: u64) -> usize {
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        // A record never starts with a line break: step over the terminator it may point into.
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        while self.offset < start {
            match self.text[self.offset] {
                b'\n' => self.line += 1,
                b'\r' if self.text.get(self.offset + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
            self.offset += 1;
        }
        self.line
    }
}

/// Reads every row with `read`; a row it refuses is reported with its line, the others kept.
pub(super) fn read_rows<T>(
    rows: &[Row],
    columns: &Columns,
    read: fn(&Row, &Columns) -> Result<T, String>,
    rejected: &mut Vec<RejectedRow>,
) -> Vec<T> {
    rows.iter()
        .filter_map(|row| {
            read(row, columns).map_err(|message| rejected.push(RejectedRow { line: row.line, message })).ok()
        })
        .collect()
}
