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

use crate::core::format::Export;
use crate::core::model::Model;

use self::identity::Against;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScdlKind {
    Subsidies,
    Deliberations,
}

/// A row left out of the export, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRow {
    /// 1-based line in the file (the header is line 1); a quoted value spanning lines counts from its first.
    pub line: usize,
    /// What is wrong, in French, naming the column.
    pub message: String,
}

pub struct ScdlImport {
    pub kind: ScdlKind,
    pub export: Export,
    /// Bad rows, in file order.
    pub rejected: Vec<RejectedRow>,
    /// Data rows read (the header and wholly empty rows are not counted).
    pub rows_read: usize,
}

/// Reads a SCDL file. `progress(bytes_read)` is called now and then, and once at the end with the
/// whole length. `Err` (in French) only when the header is missing or unrecognisable.
pub fn import_scdl(text: &str, against: Option<&Model>, progress: &mut dyn FnMut(u64)) -> Result<ScdlImport, String> {
    let table = read::read_table(text, progress)?;
    let mut rejected = table.rejected;
    let against = against.map(Against::new);
    let export = match table.kind {
        ScdlKind::Subsidies => {
            subsidies::subsidies(&table.rows, &table.columns, against.as_ref(), table.rows_read, &mut rejected)
        }
        ScdlKind::Deliberations => {
            deliberations::deliberations(&table.rows, &table.columns, against.as_ref(), table.rows_read, &mut rejected)
        }
    };
    rejected.sort_by_key(|r| r.line);
    progress(text.len() as u64);
    Ok(ScdlImport { kind: table.kind, export, rejected, rows_read: table.rows_read })
}
