//! Fetches an export, telling how far the download has gone, and runs the core pipeline on it
//! a slice at a time, so that the page answers throughout; a large network is laid out by the
//! layout worker. Every failure becomes a `LoadError` in the interface's language.

use std::rc::Rc;

use gloo::net::http::Request;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::dataset::{Dataset, Loading};
use crate::core::i18n::{fill, Lang};
use crate::core::layout::{ForceSettings, Ties};
use crate::core::origin::allowed_host;
use crate::core::validate::{validate_in, Problems, MAX_EXPORT_BYTES};
use crate::ui::config::Config;
use crate::ui::layout_worker::LayoutWorker;
use crate::ui::state::{LoadError, Progress};
use crate::ui::WORKER_SCRIPT;
use crate::ui::{browser, origin};

/// Layout work done here before the first picture: a small network settles in it; a larger
/// one shows its big picture, then refines between frames.
const FIRST_LAYOUT_MS: f64 = 15.0;
/// Reading and checking work per task: well under the 50 ms that make a page feel stuck.
const SLICE_MS: f64 = 30.0;
/// From this many bytes the layout worker is started with the reading (it lays out any network
/// too large for the exact layout the page runs itself).
const WORKER_BYTES: usize = 512 * 1024;
/// The heap grown before reading an export, per byte of it.
const HEAP_PER_BYTE: usize = 6;
/// The download's progress is told this often.
const PROGRESS_EVERY_MS: f64 = 100.0;

/// A refused address is quoted up to this many bytes (a `data:` address can hold a whole file).
const MAX_SHOWN_URL: usize = 120;

/// Loads the export the configuration names, from an origin it allows.
pub async fn load(config: &Config, progress: &dyn Fn(Progress)) -> Result<Rc<Dataset>, LoadError> {
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
    // A large export's worker is started with the download: it has its own code to fetch and
    // compile meanwhile (the length may be the compressed one, never more than the text's).
    let start_worker = || LayoutWorker::start(&config.asset(WORKER_SCRIPT));
    let early = declared.filter(|n| *n > WORKER_BYTES).and_then(|_| start_worker());
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
    // Given the bytes now, the worker reads the ties from them and lays the network out while
    // the page checks the export.
    let mut layout = if bytes.len() > WORKER_BYTES { early.or_else(start_worker) } else { None };
    layout = layout.filter(|w| w.send_export(&bytes));
    // Each a task of its own at 50 000 organisations (the copy sent, the text checked as UTF-8).
    yield_to_page().await;
    // The export's values take several times its text: the memory is grown once now, not by
    // each allocation that finds it short (a hundred milliseconds at 14 MB).
    crate::reserve_heap(bytes.len().saturating_mul(HEAP_PER_BYTE));
    let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    progress(Progress::Reading);
    let invalid = |problems: Problems| {
        let count = lang.count(problems.list.len() + problems.omitted, t.problem_one, t.problem_many);
        LoadError {
            source: url.to_string(),
            headline: fill(t.load_invalid, &[("url", url), ("count", &count)]),
            problems: problems.list,
            omitted: problems.omitted,
        }
    };
    // Read, checked and built a slice at a time, the page free in between. The validator's
    // messages are not in the wasm: a broken file is read again once they are (`explained`),
    // from the text the validation keeps.
    let mut loading = Loading::new(text, lang);
    let mut ties_given = false;
    let mut data = loop {
        yield_to_page().await;
        let start = browser::now();
        let result = loading.advance(&mut || browser::now() - start < SLICE_MS);
        // The layout starts on the organisations and links as soon as they are read, while
        // the rest is checked here.
        if let (Some(worker), Some(ties)) = (&layout, loading.take_ties()) {
            ties_given = worker.give_ties(&ties);
            if !ties_given {
                layout = None;
            }
        }
        match result {
            Some(Ok(data)) => break data,
            Some(Err(problems)) => {
                let problems = match loading.into_text() {
                    Some(text) => explained(config, &text, problems).await,
                    None => problems,
                };
                return Err(invalid(problems));
            }
            None => {}
        }
    };
    // The last slice and the interface's first render of the data are two tasks.
    yield_to_page().await;
    data.loaded_from = loaded_from;
    let data = Rc::new(data);
    let small = data.model.organizations.len() <= ForceSettings::default().exact_below;
    if !small && !ties_given {
        // A network too small in bytes to start the worker early (or read in one slice, before its
        // ties were asked for, or whose worker read other ties), too large to lay out here.
        let worker = layout.take().filter(|w| !w.failed());
        let worker = worker.or_else(start_worker);
        layout = worker.filter(|w| w.give_ties(&Ties::of(&data.model)));
    }
    let laid_out_there = match layout.filter(|_| !small) {
        Some(worker) => worker.lay_out(&data).await,
        None => false,
    };
    if !laid_out_there {
        data.lay_out_here();
        let start = browser::now();
        data.refine_layout(&mut || browser::now() - start < FIRST_LAYOUT_MS);
    }
    Ok(data)
}

/// The problems of a broken export with their messages: the wasm carries none (see
/// `core::i18n::table`), so they are read now and the text checked again. Should they not be
/// readable, the problems keep their places without words.
async fn explained(config: &Config, text: &str, problems: Problems) -> Problems {
    let lang = config.lang;
    let Some(file) = lang.validation_file() else { return problems };
    match read_table(config, file).await {
        Some(json) if lang.install_validation(&json) => validate_in(text, lang).err().unwrap_or(problems),
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

/// Reads a response body chunk by chunk, reporting progress (at most every tenth of a second,
/// then letting the page paint it: chunks already there would otherwise be read in one task)
/// and stopping as soon as it passes the size limit.
async fn read_stream(
    body: web_sys::ReadableStream,
    mut total: Option<usize>,
    progress: &dyn Fn(Progress),
) -> Result<Vec<u8>, StreamError> {
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().dyn_into().map_err(|_| StreamError::Broken)?;
    let mut bytes: Vec<u8> = Vec::with_capacity(total.unwrap_or(0).min(MAX_EXPORT_BYTES));
    let (mut reported_at, mut yielded_at) = (browser::now(), browser::now());
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
        if browser::now() - reported_at >= PROGRESS_EVERY_MS {
            progress(Progress::Downloading { received: bytes.len(), total });
            reported_at = browser::now();
        }
        if browser::now() - yielded_at >= SLICE_MS {
            yield_to_page().await;
            yielded_at = browser::now();
        }
    }
    Ok(bytes)
}

/// Lets the browser handle input and paint before the next slice: a message to ourselves,
/// which (unlike a timer) is not held back once slices follow each other.
async fn yield_to_page() {
    let Ok(channel) = web_sys::MessageChannel::new() else { return };
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
        let _ = channel.port2().post_message(&JsValue::NULL);
    });
    let _ = JsFuture::from(wait).await;
}

fn too_large(url: &str, bytes: usize, lang: Lang) -> String {
    let mb = |b: usize| (b / (1024 * 1024)).to_string();
    fill(lang.texts().load_too_large, &[("url", url), ("size", &mb(bytes)), ("max", &mb(MAX_EXPORT_BYTES))])
}
