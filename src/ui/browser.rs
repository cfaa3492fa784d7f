//! Small wrappers over the browser: the address, the ready signal, downloads.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use crate::core::i18n::Lang;
use crate::core::route::Route;

pub fn window() -> web_sys::Window {
    gloo::utils::window()
}

pub fn document() -> web_sys::Document {
    gloo::utils::document()
}

pub fn location_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// A query parameter: `data` (an export to show instead of the default one) or `lang`.
pub fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name).filter(|d| !d.trim().is_empty())
}

/// Sets `<html lang>` and the page title for the interface language.
pub fn set_document_language(lang: Lang) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", lang.code());
    }
    if lang == Lang::En {
        document().set_title("Partnership map — Métropole Aix-Marseille-Provence");
    }
}

/// The same page in the other language, keeping `?data=` and the hash.
pub fn other_language_href(lang: Lang) -> String {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let mut params = Vec::new();
    if let Some(data) = query_param("data") {
        params.push(format!("data={}", js_sys::encode_uri_component(&data)));
    }
    if lang == Lang::Fr {
        params.push("lang=en".to_string());
    }
    let query = if params.is_empty() { String::new() } else { format!("?{}", params.join("&")) };
    format!("{path}{query}{}", location_hash())
}

/// Writes the route into the address so that copying it or pressing Back works. Nothing is
/// written when the address already says the same thing (for instance after Back itself).
pub fn sync_address(route: &Route) {
    let current = location_hash();
    if Route::parse(&current) == *route {
        return;
    }
    let Ok(history) = window().history() else { return };
    let hash = route.to_hash();
    // The first state of a page replaces its bare address instead of stacking a new entry.
    let result = if current.is_empty() {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&hash))
    } else {
        history.push_state_with_url(&JsValue::NULL, "", Some(&hash))
    };
    let _ = result;
}

/// Milliseconds since the page started (monotonic).
pub fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// A named point in the performance timeline (`carte-ready`, `carte-settled`), for tests and
/// benchmarks.
pub fn mark(name: &str) {
    if let Some(perf) = window().performance() {
        let _ = perf.mark(name);
    }
}

/// Marks `carte-ready` in the performance timeline and tells the page, once the data is drawn.
pub fn announce_ready(target: &web_sys::EventTarget) {
    mark("carte-ready");
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(event) = CustomEvent::new_with_event_init_dict("carte-ready", &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// Tells the page which organisation, link or pair was selected (`detail.id`, `detail.type`),
/// or that the selection was closed (`detail.type` is `none`).
pub fn announce_selection(target: &web_sys::EventTarget, selection: &crate::core::route::Selection) {
    use crate::core::route::Selection;
    let (kind, id) = match selection {
        Selection::None => ("none", String::new()),
        Selection::Org(id) => ("org", id.clone()),
        Selection::Link(id) => ("link", id.clone()),
        Selection::Pair(a, b) => ("pair", format!("{a},{b}")),
    };
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"type".into(), &kind.into());
    let _ = js_sys::Reflect::set(&detail, &"id".into(), &id.into());
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict("carte-select", &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// Today's date as an `IsoDate`, for the source line of exported pictures.
pub fn today() -> crate::core::model::IsoDate {
    let now = js_sys::Date::new_0();
    crate::core::model::IsoDate {
        year: now.get_full_year() as i32,
        month: Some(now.get_month() as u8 + 1),
        day: Some(now.get_date() as u8),
    }
}

/// Rasterises an SVG picture at twice its size and offers it as a PNG download.
pub async fn download_svg_as_png(file_name: String, svg: String, width: f64) -> Option<()> {
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let image = web_sys::HtmlImageElement::new().ok()?;
    image.set_src(&url);
    let decoded = wasm_bindgen_futures::JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.ok()?;
    let scale = 2.0;
    let height = image.natural_height() as f64 * width / (image.natural_width() as f64).max(1.0);
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width((width * scale) as u32);
    canvas.set_height((height * scale) as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, width * scale, height * scale).ok()?;
    let data_url = canvas.to_data_url_with_type("image/png").ok()?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&data_url);
    a.set_download(&file_name);
    a.click();
    Some(())
}

/// Offers a text as a file download.
pub fn download_text(file_name: &str, text: &str, mime: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document().create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(file_name);
        let _ = document().body().map(|b| b.append_child(&a));
        a.click();
        a.remove();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Moves keyboard focus to the first element under `root` matching a CSS selector, if any.
pub fn focus_within(root: &web_sys::Element, selector: &str) {
    if let Ok(Some(el)) = root.query_selector(selector) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}

pub fn prefers_reduced_motion() -> bool {
    window().match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|m| m.matches())
}

/// Removes the static first view written at build time (`core::page`): the element just before
/// the widget's mount (`div.carte-mount`), in the page or in the custom element's shadow root.
pub fn remove_static_view(widget: &web_sys::Node) {
    let before = widget.parent_element().and_then(|mount| mount.previous_element_sibling());
    if let Some(view) = before.filter(|e| e.class_list().contains("carte-static")) {
        view.remove();
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Element.requestFullscreen()`, which returns a promise (web-sys's binding drops it, and
    /// a refusal would then be an uncaught rejection).
    #[wasm_bindgen(extends = web_sys::Element)]
    type FullscreenElement;
    #[wasm_bindgen(method, js_name = requestFullscreen)]
    fn request_fullscreen_promise(this: &FullscreenElement) -> js_sys::Promise;
}

/// Full screen for `element`, from a user gesture; a refusal (no gesture, an iframe without
/// `allowfullscreen`) leaves the view in the window, and no error escapes.
pub fn toggle_fullscreen(element: &web_sys::Element) {
    let document = document();
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
        return;
    }
    if !document.fullscreen_enabled() {
        return;
    }
    let promise = element.unchecked_ref::<FullscreenElement>().request_fullscreen_promise();
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}
