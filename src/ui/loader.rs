//! Fetches an export and runs the core pipeline on it; every failure becomes a French `LoadError`.

use gloo::net::http::Request;

use crate::core::dataset::Dataset;
use crate::core::validate::MAX_EXPORT_BYTES;
use crate::ui::state::LoadError;

/// The default dataset, relative to the page so that the site works from any sub-path.
pub const DEFAULT_DATA: &str = "data/partenariats.json";

pub async fn load(url: &str) -> Result<Dataset, LoadError> {
    let fail = |headline: String| LoadError { source: url.to_string(), headline, problems: Vec::new(), omitted: 0 };
    let response = Request::get(url).send().await.map_err(|_| {
        fail(format!(
            "Le fichier « {url} » n'a pas pu être téléchargé : le réseau est coupé, l'adresse est fausse, \
             ou son serveur refuse de le partager avec ce site (CORS)."
        ))
    })?;
    if !response.ok() {
        let status = response.status();
        let meaning = match status {
            404 => " (introuvable)",
            403 => " (accès interdit)",
            500..=599 => " (erreur du serveur)",
            _ => "",
        };
        return Err(fail(format!("Le serveur a répondu {status}{meaning} pour « {url} ».")));
    }
    // Refuse an oversized file before downloading it when the server says its size.
    let declared = response.headers().get("content-length").and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_EXPORT_BYTES) {
        return Err(too_large(url, declared.unwrap_or_default()));
    }
    let text = response.text().await.map_err(|_| fail(format!("Le contenu de « {url} » n'est pas un texte lisible.")))?;
    if text.len() > MAX_EXPORT_BYTES {
        return Err(too_large(url, text.len()));
    }
    Dataset::from_text(&text).map_err(|problems| LoadError {
        source: url.to_string(),
        headline: format!(
            "Le fichier « {url} » n'est pas un export valide : {}.",
            crate::core::locale::count(problems.list.len() + problems.omitted, "problème trouvé", "problèmes trouvés")
        ),
        problems: problems.list,
        omitted: problems.omitted,
    })
}

fn too_large(url: &str, bytes: usize) -> LoadError {
    LoadError {
        source: url.to_string(),
        headline: format!(
            "Le fichier « {url} » est trop volumineux ({} Mo) : la carte accepte au plus {} Mo.",
            bytes / (1024 * 1024),
            MAX_EXPORT_BYTES / (1024 * 1024)
        ),
        problems: Vec::new(),
        omitted: 0,
    }
}
