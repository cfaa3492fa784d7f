//! Reading inputs (decoded by `decode`, PDFs read by `pdf`) and writing outputs for the CLI. Outputs are written to a temporary file and
//! renamed into place, so that a failure never leaves half a file behind, and nothing already
//! written is lost.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::count;
use crate::cli::decode::{sniff, Decoded, Kind};
use crate::cli::html::{html_text, is_html};
use crate::cli::pdf::pdf_text;
use crate::core::format::{self, Export};
use crate::core::grammar::Article;
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

    /// A file read whose content is not what the command expects (status 1).
    pub fn invalid(path: &Path, why: impl std::fmt::Display) -> CliError {
        CliError { message: format!("« {} » : {why}", path.display()), status: super::exit::INVALID }
    }

    pub fn unwritable(path: &Path, why: impl std::fmt::Display) -> CliError {
        CliError {
            message: format!("impossible d'écrire « {} » : {why}", path.display()),
            status: super::exit::UNWRITABLE,
        }
    }
}

/// Reads a text input (an export, a SCDL file) as published: any encoding is converted to UTF-8
/// (and the conversion said on standard error), a byte-order mark dropped; a PDF, a workbook or
/// a binary file is refused with what to do instead.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    let bytes = read_bytes(path)?;
    match sniff(&bytes) {
        Kind::Text(decoded) if is_html(&decoded.text) => Err(CliError::invalid(
            path,
            "c'est une page web (HTML) : seule « carte extract » lit des pages du portail ; un export est un fichier \
             JSON, un fichier SCDL un CSV",
        )),
        Kind::Text(decoded) => Ok(announced(path, decoded)),
        Kind::Pdf => Err(CliError::invalid(
            path,
            "c'est un PDF : seule « carte extract » lit des délibérations en PDF ; un export est un fichier JSON, \
             un fichier SCDL un CSV",
        )),
        other => Err(not_text(path, &other)),
    }
}

/// Reads a deliberation for `carte extract`: a text in any encoding, a web page (a page of the
/// portal saved from a browser) as its reader sees it, or a PDF through its text layer — each
/// told by its content, whatever its extension.
pub fn read_document(path: &Path) -> Result<String, CliError> {
    let bytes = read_bytes(path)?;
    match sniff(&bytes) {
        Kind::Text(decoded) => {
            let text = announced(path, decoded);
            Ok(if is_html(&text) { html_text(&text) } else { text })
        }
        Kind::Pdf => pdf_text(&bytes).map_err(|e| CliError::invalid(path, e.message())),
        other => Err(not_text(path, &other)),
    }
}

/// An HTML page to complete (`carte page`), as UTF-8 text: the build's own page, never an input
/// to read data from.
pub fn read_page(path: &Path) -> Result<String, CliError> {
    String::from_utf8(read_bytes(path)?).map_err(|_| CliError::invalid(path, "la page n'est pas un texte UTF-8"))
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, CliError> {
    if path.is_dir() {
        return Err(CliError::unreadable(path, "c'est un dossier, pas un fichier"));
    }
    std::fs::read(path).map_err(|e| CliError::unreadable(path, system_error(&e)))
}

/// The decoded text, its conversion said on standard error.
fn announced(path: &Path, decoded: Decoded) -> String {
    if let Some(note) = decoded.note(&file_name(path)) {
        eprintln!("{note}");
    }
    decoded.text
}

fn not_text(path: &Path, kind: &Kind) -> CliError {
    let why = match kind {
        Kind::Zip => "c'est un classeur (xlsx, ods) ou une archive zip, pas un texte : enregistrez la feuille en CSV",
        _ => "ce n'est pas un fichier texte (contenu binaire)",
    };
    CliError::invalid(path, why)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// A system error in French, without the operating system's own English words and number:
/// « fichier introuvable » rather than "No such file or directory (os error 2)".
pub fn system_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "fichier ou dossier introuvable".to_string(),
        PermissionDenied => "permission refusée".to_string(),
        AlreadyExists => "le fichier existe déjà".to_string(),
        IsADirectory => "c'est un dossier, pas un fichier".to_string(),
        NotADirectory => "un élément du chemin n'est pas un dossier".to_string(),
        StorageFull => "plus de place sur le disque".to_string(),
        ReadOnlyFilesystem => "système de fichiers en lecture seule".to_string(),
        FileTooLarge => "fichier trop grand".to_string(),
        InvalidFilename => "nom de fichier invalide".to_string(),
        Interrupted => "lecture interrompue".to_string(),
        OutOfMemory => "mémoire insuffisante".to_string(),
        BrokenPipe => "la sortie a été fermée (tube rompu)".to_string(),
        _ => match e.raw_os_error() {
            Some(code) => format!("erreur du système n° {code}"),
            None => format!("erreur du système ({e})"),
        },
    }
}

/// Writes `text` to `path` (or standard output for `-`/`None`) atomically.
pub fn write_text(path: Option<&Path>, text: &str) -> Result<(), CliError> {
    match path {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| CliError::unwritable(Path::new("-"), system_error(&e)))
        }
        Some(p) if p == Path::new("-") => write_text(None, text),
        Some(p) => {
            let tmp: PathBuf = p.with_extension("tmp-carte");
            std::fs::write(&tmp, text).map_err(|e| CliError::unwritable(p, system_error(&e)))?;
            std::fs::rename(&tmp, p).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                CliError::unwritable(p, system_error(&e))
            })
        }
    }
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
    write_export_text(&export_json(export), output, locate)
}

/// Like `write_export`, for an export already written as text (on one line, say).
pub fn write_export_text(text: &str, output: Option<&Path>, locate: &dyn Fn(&str) -> String) -> Result<(), CliError> {
    if text.len() > MAX_EXPORT_BYTES {
        return Err(too_large(text.len()));
    }
    if let Err(problems) = validate(text) {
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
    write_text(output, text)
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
        identifiers: (!o.identifiers.is_empty()).then(|| format::Identifiers {
            siren: o.identifiers.siren.clone(),
            siret: o.identifiers.siret.clone(),
            rna: o.identifiers.rna.clone(),
        }),
    }
}
