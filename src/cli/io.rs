//! Reading inputs and writing outputs for the CLI. Outputs are written to a temporary file and
//! renamed into place, so that a failure never leaves half a file behind, and nothing already
//! written is lost.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::core::format::{self, Export};
use crate::core::grammar::Article;
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

pub fn read_text(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|e| CliError::unreadable(path, e))
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
        article: (o.grammar.article != Article::None).then(|| o.grammar.article.key().to_string()),
        // Written only when the article does not already say it.
        gender: (o.grammar.article.gender().unwrap_or_default() != o.grammar.gender)
            .then(|| o.grammar.gender.key().to_string()),
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
