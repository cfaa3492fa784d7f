//! Where exports may be read from: the page's own origin, the widget's files' origin, and the
//! origins the site owner lists (`data-origins` on `#carte-root`, written by `make dist`, for
//! the standalone page; the `origins` attribute of `<carte-partenariats>`, read by embed.js).
//! Anything else is refused before it is fetched, so that a link cannot make the site show
//! someone else's data (`core/origin.rs` compares).

use crate::core::origin::web_origin;

/// The origins an export of the standalone page may come from, separated by spaces: the page's
/// own and those `listed` (by `make dist`, as browsers write origins). (The element's come
/// whole from embed.js, the host page's own first.)
pub fn with_page_origin(listed: &str) -> String {
    // The page's address, as its own `/` resolves (the standalone page has no <base>).
    let page = resolve("/").unwrap_or_default();
    [web_origin(&page).map_or("", |(origin, _)| origin), " ", listed].concat()
}

/// An address as the browser reads it for fetching: resolved against the page and written out
/// in full. The Fetch API's `Request` parses it (it is bound for loading already; binding
/// `URL` as well would cost the wasm some 0.8 KB). `None` when it cannot be fetched at all.
pub fn resolve(address: &str) -> Option<String> {
    web_sys::Request::new_with_str(address).ok().map(|request| request.url())
}
