//! Fetches an export and runs the core pipeline on it; every failure becomes a `LoadError`
//! in the interface's language.

use gloo::net::http::Request;

use crate::core::dataset::Dataset;
use crate::core::i18n::{fill, Lang};
use crate::core::validate::MAX_EXPORT_BYTES;
use crate::ui::state::LoadError;

pub async fn load(url: &str, lang: Lang) -> Result<Dataset, LoadError> {
    let t = lang.texts();
    let fail = |headline: String| LoadError { source: url.to_string(), headline, problems: Vec::new(), omitted: 0 };
    let response = Request::get(url).send().await.map_err(|_| fail(fill(t.load_network, &[("url", url)])))?;
    if !response.ok() {
        let status = response.status().to_string();
        return Err(fail(fill(t.load_status, &[("status", &status), ("url", url)])));
    }
    // Refuse an oversized file before downloading it when the server says its size.
    let declared = response.headers().get("content-length").and_then(|v| v.parse::<usize>().ok());
    if let Some(size) = declared.filter(|n| *n > MAX_EXPORT_BYTES) {
        return Err(fail(too_large(url, size, lang)));
    }
    let text = response.text().await.map_err(|_| fail(fill(t.load_not_text, &[("url", url)])))?;
    if text.len() > MAX_EXPORT_BYTES {
        return Err(fail(too_large(url, text.len(), lang)));
    }
    Dataset::from_text_in(&text, lang).map_err(|problems| {
        let count = lang.count(problems.list.len() + problems.omitted, t.problem_one, t.problem_many);
        LoadError {
            source: url.to_string(),
            headline: fill(t.load_invalid, &[("url", url), ("count", &count)]),
            problems: problems.list,
            omitted: problems.omitted,
        }
    })
}

fn too_large(url: &str, bytes: usize, lang: Lang) -> String {
    let mb = |b: usize| (b / (1024 * 1024)).to_string();
    fill(lang.texts().load_too_large, &[("url", url), ("size", &mb(bytes)), ("max", &mb(MAX_EXPORT_BYTES))])
}
