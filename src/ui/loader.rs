//! Fetches an export, telling how far the download has gone, and runs the core pipeline on it;
//! every failure becomes a `LoadError` in the interface's language.

use gloo::net::http::Request;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::dataset::Dataset;
use crate::core::i18n::{fill, Lang};
use crate::core::origin::allowed_host;
use crate::core::validate::{parse_in, Problems, MAX_EXPORT_BYTES};
use crate::ui::config::Config;
use crate::ui::state::{LoadError, Progress};
use crate::ui::{browser, origin};

/// Layout work done before the first picture: a small network settles in it; a large one
/// shows its big picture, then refines between frames.
const FIRST_LAYOUT_MS: f64 = 15.0;

/// A refused address is quoted up to this many bytes (a `data:` address can hold a whole file).
const MAX_SHOWN_URL: usize = 120;

/// Loads the export the configuration names, from an origin it allows.
pub async fn load(config: &Config, progress: &dyn Fn(Progress)) -> Result<Dataset, LoadError> {
    let (url, lang) = (config.data_url.as_str(), config.lang);
    if let Some(file) = lang.interface_file() {
        if let Some(json) = read_table(config, file).await {
            lang.install_interface(&json);
        }
    }
    let t = lang.texts();
    let fail = |headline: String| LoadError { source: url.to_string(), headline, problems: Vec::new(), omitted: 0 };
    // Refused before any request; after it, where it was answered from (a redirect) once more.
    let refused = |address: &str| {
        let mut end = address.len().min(MAX_SHOWN_URL);
        while !address.is_char_boundary(end) {
            end -= 1;
        }
        let shown = if end < address.len() { [&address[..end], "…"].concat() } else { address.to_string() };
        fail(fill(t.load_refused, &[("url", &shown)]))
    };
    let requested = config.readable(url).ok_or_else(|| refused(url))?;
    let response = Request::get(&requested).send().await.map_err(|_| fail(fill(t.load_network, &[("url", url)])))?;
    let served = response.url();
    let host = allowed_host(&served, &config.data_origins).ok_or_else(|| refused(&served))?;
    let loaded_from =
        (origin::resolve(&config.default_data_url()).as_deref() != Some(&served)).then(|| host.to_string());
    if !response.ok() {
        let status = response.status().to_string();
        return Err(fail(fill(t.load_status, &[("status", &status), ("url", url)])));
    }
    // Refuse an oversized file before downloading it when the server says its size.
    let declared = response.headers().get("content-length").and_then(|v| v.parse::<usize>().ok());
    if let Some(size) = declared.filter(|n| *n > MAX_EXPORT_BYTES) {
        return Err(fail(too_large(url, size, lang)));
    }
    let bytes = match response.body() {
        Some(body) => read_stream(body, declared, progress).await.map_err(|e| match e {
            StreamError::TooLarge(size) => fail(too_large(url, size, lang)),
            StreamError::Broken => fail(fill(t.load_not_text, &[("url", url)])),
        })?,
        None => response.binary().await.map_err(|_| fail(fill(t.load_not_text, &[("url", url)])))?,
    };
    if bytes.len() > MAX_EXPORT_BYTES {
        return Err(fail(too_large(url, bytes.len(), lang)));
    }
    let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    progress(Progress::Reading);
    // Let the page show "reading" before the (long) parse.
    next_paint().await;
    let invalid = |problems: Problems| {
        let count = lang.count(problems.list.len() + problems.omitted, t.problem_one, t.problem_many);
        LoadError {
            source: url.to_string(),
            headline: fill(t.load_invalid, &[("url", url), ("count", &count)]),
            problems: problems.list,
            omitted: problems.omitted,
        }
    };
    // Parsing, then checking and building, as two tasks with a breath between.
    let checked = match parse_in(&text, lang) {
        Ok(parsed) => {
            next_paint().await;
            Dataset::from_parsed_unsettled_in(parsed, lang)
        }
        Err(problems) => Err(problems),
    };
    let mut data = match checked {
        Ok(data) => data,
        Err(problems) => return Err(invalid(explained(config, &text, problems).await)),
    };
    drop(text);
    data.loaded_from = loaded_from;
    next_paint().await;
    let start = browser::now();
    data.refine_layout(&mut || browser::now() - start < FIRST_LAYOUT_MS);
    // The first view is drawn in a task of its own.
    next_paint().await;
    Ok(data)
}

/// The problems of a broken export with their messages: the wasm carries none (see
/// `core::i18n::table`), so they are read now and the text checked again. Should they not be
/// readable, the problems keep their places without words.
async fn explained(config: &Config, text: &str, problems: Problems) -> Problems {
    let lang = config.lang;
    let Some(file) = lang.validation_file() else { return problems };
    match read_table(config, file).await {
        Some(json) if lang.install_validation(&json) => {
            Dataset::from_text_unsettled_in(text, lang).err().unwrap_or(problems)
        }
        _ => problems,
    }
}

/// One of the string tables of `assets/texts/` the wasm reads instead of carrying.
async fn read_table(config: &Config, file: &str) -> Option<String> {
    let response = Request::get(&config.asset(file)).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    response.text().await.ok()
}

enum StreamError {
    TooLarge(usize),
    Broken,
}

/// Reads a response body chunk by chunk, reporting progress (at most every percent or so) and
/// stopping as soon as it passes the size limit.
async fn read_stream(
    body: web_sys::ReadableStream,
    mut total: Option<usize>,
    progress: &dyn Fn(Progress),
) -> Result<Vec<u8>, StreamError> {
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().dyn_into().map_err(|_| StreamError::Broken)?;
    let mut bytes: Vec<u8> = Vec::with_capacity(total.unwrap_or(0).min(MAX_EXPORT_BYTES));
    let mut reported = 0usize;
    let step = total.map_or(256 * 1024, |t| (t / 100).max(64 * 1024));
    progress(Progress::Downloading { received: 0, total });
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| StreamError::Broken)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into()).map_err(|_| StreamError::Broken)?;
        if done.as_bool().unwrap_or(true) {
            break;
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(|_| StreamError::Broken)?;
        let array: js_sys::Uint8Array = value.dyn_into().map_err(|_| StreamError::Broken)?;
        let start = bytes.len();
        bytes.resize(start + array.length() as usize, 0);
        array.copy_to(&mut bytes[start..]);
        if bytes.len() > MAX_EXPORT_BYTES {
            let _ = reader.cancel();
            return Err(StreamError::TooLarge(bytes.len()));
        }
        // A compressed response declares its compressed length: past it, the total is unknown.
        if total.is_some_and(|t| bytes.len() > t) {
            total = None;
        }
        if bytes.len() - reported >= step {
            reported = bytes.len();
            progress(Progress::Downloading { received: reported, total });
        }
    }
    Ok(bytes)
}

/// Waits long enough for the browser to paint what changed.
async fn next_paint() {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let _ = browser::window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
    });
    let _ = JsFuture::from(wait).await;
}

fn too_large(url: &str, bytes: usize, lang: Lang) -> String {
    let mb = |b: usize| (b / (1024 * 1024)).to_string();
    fill(lang.texts().load_too_large, &[("url", url), ("size", &mb(bytes)), ("max", &mb(MAX_EXPORT_BYTES))])
}
