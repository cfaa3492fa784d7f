//! Reading inputs and writing outputs for the CLI. Outputs are written to a temporary file and
//! renamed into place, so that a failure never leaves half a file behind, and nothing already
//! written is lost.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::core::format::{self, Export};
use crate::core::model::{Model, OrgIx};
use crate::core::validate::{validate, MAX_EXPORT_BYTES};

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

/// "1 ligne", "0 ligne", "3 lignes": a count with its noun, singular up to one as French has it.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n > 1 { plural } else { singular })
}

/// "50 000 €", "8 500,50 €" with plain spaces, as a terminal shows them.
pub fn euros(amount: crate::core::model::Cents) -> String {
    crate::core::locale::euros(amount).replace(['\u{202F}', '\u{A0}'], " ")
}

/// The size of a value's compact JSON, counted without building it: a lower bound of its share
/// of a pretty-printed export, so that an output bound to pass 64 MB is stopped before it is built.
pub fn json_size<T: Serialize>(value: &T) -> usize {
    struct Counter(usize);
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter(0);
    let _ = serde_json::to_writer(&mut counter, value);
    counter.0
}

/// Writes an export only if the widget would accept it: at most 64 MB, and valid. Each problem
/// is listed with where it was written (`locate` turns the output's JSON path into the input's);
/// when there is any, nothing is written and an existing output is left as it was.
pub fn write_export(export: &Export, output: Option<&Path>, locate: &dyn Fn(&str) -> String) -> Result<(), CliError> {
    let text = export_json(export);
    if text.len() > MAX_EXPORT_BYTES {
        return Err(too_large(text.len()));
    }
    if let Err(problems) = validate(&text) {
        let n = problems.list.len() + problems.omitted;
        let mut message = format!(
            "le résultat ne serait pas un export valide ({}) ; rien n'a été écrit :",
            count(n, "problème", "problèmes")
        );
        for p in &problems.list {
            message.push_str(&format!("\n  {} : {}", locate(&p.path), p.message));
        }
        if problems.omitted > 0 {
            message.push_str(&format!("\n  … et {}", count(problems.omitted, "autre", "autres")));
        }
        return Err(CliError { message, status: super::exit::INVALID });
    }
    write_text(output, &text)
}

/// The refusal of an output over the format's limit, `bytes` being its size or a lower bound of it.
pub fn too_large(bytes: usize) -> CliError {
    let mb = |b: usize| b / (1024 * 1024);
    CliError {
        message: format!(
            "le résultat dépasserait les {} Mo que le format admet (au moins {} Mo) : le widget le refuserait ; \
             rien n'a été écrit — découpez l'entrée (par année, par attribuant)",
            mb(MAX_EXPORT_BYTES),
            mb(bytes).max(mb(MAX_EXPORT_BYTES))
        ),
        status: super::exit::INVALID,
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
        identifiers: (!o.identifiers.is_empty()).then(|| format::Identifiers {
            siren: o.identifiers.siren.clone(),
            siret: o.identifiers.siret.clone(),
            rna: o.identifiers.rna.clone(),
        }),
    }
}
