//! `carte import-scdl`: the SCDL open-data files (« Subventions » 1.1 and 2.x, « Délibérations »)
//! → an export that `carte validate` accepts, with every bad row reported by its line number.
//!
//! Files in the wild stray from the standard (column order, header case and accents, `;` or tab
//! separators, decimal commas, grouped thousands, French dates, empty identifiers), so the header
//! is matched loosely and each value is normalised before the core's own parsers (`Cents`,
//! `IsoDate`) judge it. A bad row never stops the import: it is reported and the others are kept.

//!
//! One file per concern: `read` (the CSV, its header and rows, line numbers), `values` (a cell →
//! an amount, a date, an identifier), `identity` (which organisation a row names), and a file per
//! standard turning rows into the export: `subsidies`, `deliberations`.

mod deliberations;
mod identity;
mod read;
mod subsidies;
mod values;

use serde::Serialize;

use crate::cli::io::json_size;
use crate::core::format::Export;
use crate::core::model::Model;
use crate::core::validate::MAX_EXPORT_BYTES;

use self::identity::Against;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScdlKind {
    Subsidies,
    Deliberations,
}

/// A row and what is said of it: why it was left out (`rejected`), or a note (a row published
/// twice, a name only alike a known organisation's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowNote {
    /// 1-based line in the file (the header is line 1); a quoted value spanning lines counts from its first.
    pub line: usize,
    /// What is said, in French, naming the column or the other line.
    pub message: String,
}

/// A row left out of the export, and why.
pub type RejectedRow = RowNote;

pub struct ScdlImport {
    pub kind: ScdlKind,
    pub export: Export,
    /// Bad rows, in file order.
    pub rejected: Vec<RejectedRow>,
    /// Rows imported with something to say, or imported once for two: in file order.
    pub notes: Vec<RowNote>,
    /// Rows that repeat an earlier one (counted in `rows_read`, not imported again).
    pub duplicates: usize,
    /// Data rows read (the header and wholly empty rows are not counted).
    pub rows_read: usize,
}

/// What the rows gave besides the export.
#[derive(Default)]
struct Report {
    rejected: Vec<RejectedRow>,
    notes: Vec<RowNote>,
    duplicates: usize,
}

/// A lower bound of the export's size as it is built: the compact JSON of what it holds, so that
/// a file bound to give more than the format's 64 MB is stopped at the row where it passes them.
#[derive(Default)]
struct Budget(usize);

impl Budget {
    fn add<T: Serialize>(&mut self, item: &T, line: usize) -> Result<(), String> {
        self.0 += json_size(item);
        if self.0 > MAX_EXPORT_BYTES {
            return Err(format!(
                "à la ligne {line}, l'export dépasse déjà les {} Mo que le format admet (le widget le refuserait) ; \
                 rien n'a été écrit — découpez le fichier (par année, par attribuant)",
                MAX_EXPORT_BYTES / (1024 * 1024)
            ));
        }
        Ok(())
    }
}

/// Reads a SCDL file. `progress(bytes_read)` is called now and then, and once at the end with the
/// whole length. `Err` (in French) when the header is missing or unrecognisable, or when the
/// export would pass the format's 64 MB.
pub fn import_scdl(text: &str, against: Option<&Model>, progress: &mut dyn FnMut(u64)) -> Result<ScdlImport, String> {
    let table = read::read_table(text, progress)?;
    let mut report = Report { rejected: table.rejected, ..Report::default() };
    let against = against.map(Against::new);
    let (rows, columns, read) = (&table.rows, &table.columns, table.rows_read);
    let export = match table.kind {
        ScdlKind::Subsidies => subsidies::subsidies(rows, columns, against.as_ref(), read, &mut report)?,
        ScdlKind::Deliberations => deliberations::deliberations(rows, columns, against.as_ref(), read, &mut report)?,
    };
    report.rejected.sort_by_key(|r| r.line);
    report.notes.sort_by_key(|r| r.line);
    progress(text.len() as u64);
    Ok(ScdlImport {
        kind: table.kind,
        export,
        rejected: report.rejected,
        notes: report.notes,
        duplicates: report.duplicates,
        rows_read: table.rows_read,
    })
}
