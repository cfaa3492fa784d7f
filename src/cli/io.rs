//! Reading inputs and writing outputs for the CLI. Outputs are written to a temporary file and
//! renamed into place, so that a failure never leaves half a file behind, and nothing already
//! written is lost.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::core::format::{self, Export};
use crate::core::model::{Model, OrgIx};

/// A failure the CLI reports, with its exit status.
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    pub status: i32,
}

impl CliError {
    pub fn unreadable(path: &Path, why: impl std::fmt::Display) -> CliError {
        CliError {
            message: format!("impossible de lire « {} » : {why}", path.display()),
            status: super::exit::UNREADABLE,
        }
    }

    pub fn unwritable(path: &Path, why: impl std::fmt::Display) -> CliError {
        CliError {
            message: format!("impossible d'écrire « {} » : {why}", path.display()),
            status: super::exit::UNWRITABLE,
        }
    }
}

/// Reads an export: JSON is UTF-8 (RFC 8259), and a file that is not says where it stops being so.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    let bytes = std::fs::read(path).map_err(|e| CliError::unreadable(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        CliError {
            message: format!(
                "« {} » n'est pas en UTF-8 (octet {at} illisible) : un export JSON s'enregistre en UTF-8",
                path.display()
            ),
            status: super::exit::INVALID,
        }
    })
}

/// Reads a SCDL file or a deliberation, as `decode_text` does.
pub fn read_any_text(path: &Path) -> Result<String, CliError> {
    std::fs::read(path).map(|bytes| decode_text(&bytes)).map_err(|e| CliError::unreadable(path, e))
}

/// Bytes as text: UTF-8 when they are, else Windows-1252 — what spreadsheets and office suites
/// in France save as « CSV » or « Texte » — which gives every byte a character.
pub fn decode_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// Writes `text` to `path` (or standard output for `-`/`None`) atomically.
pub fn write_text(path: Option<&Path>, text: &str) -> Result<(), CliError> {
    match path {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| CliError::unwritable(Path::new("-"), e))
        }
        Some(p) if p == Path::new("-") => write_text(None, text),
        Some(p) => {
            let tmp: PathBuf = p.with_extension("tmp-carte");
            std::fs::write(&tmp, text).map_err(|e| CliError::unwritable(p, e))?;
            std::fs::rename(&tmp, p).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                CliError::unwritable(p, e)
            })
        }
    }
}

/// An export as the pretty JSON the widget reads.
pub fn export_json(export: &Export) -> String {
    let mut text = serde_json::to_string_pretty(export).unwrap_or_default();
    text.push('\n');
    text
}

/// A checked organisation back in its wire form, to copy an existing export's organisation
/// into a new one (`--against`).
pub fn wire_organization(model: &Model, ix: OrgIx) -> format::Organization {
    let o = &model.organizations[ix];
    format::Organization {
        id: o.id.clone(),
        name: o.name.clone(),
        short_name: o.short_name.clone(),
        kind: o.kind.key().to_string(),
        former_names: o
            .former_names
            .iter()
            .map(|f| format::FormerName {
                name: f.name.clone(),
                from: f.from.map(|d| d.to_string()),
                until: f.until.map(|d| d.to_string()),
            })
            .collect(),
        parent: o.parent.map(|p| model.organizations[p].id.clone()),
        description: o.description.clone(),
        website: o.website.clone(),
    }
}
