//! Where exports may be read from: the page's own origin, the widget's files' origin, and the
//! origins the site owner lists (`<meta name="carte-data-origins">`, written by `make dist`, for
//! the standalone page; the `origins` attribute of `<carte-partenariats>`, read by embed.js).
//! Anything else is refused before it is fetched, so that a link cannot make the site show
//! someone else's data (`core/origin.rs` compares).

use crate::ui::browser;

/// The origins an export may come from, separated by spaces: the page's and those `listed`
/// (written as browsers write origins: by `make dist`, or by embed.js).
pub fn allowed_origins(listed: &str) -> String {
    [&browser::window().location().origin().unwrap_or_default(), " ", listed].concat()
}

/// An address as the browser reads it for fetching: resolved against the page and written out
/// in full. The Fetch API's `Request` parses it (it is bound for loading already; binding
/// `URL` as well would cost the wasm some 0.8 KB). `None` when it cannot be fetched at all.
pub fn resolve(address: &str) -> Option<String> {
    web_sys::Request::new_with_str(address).ok().map(|request| request.url())
}
