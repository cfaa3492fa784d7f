//! The Yew interface over the core: one root `App` owning the state, one component per file.

pub mod alert;
mod app;
pub mod browser;
pub mod config;
pub mod details;
mod filters;
mod frame_loop;
mod graph_view;
mod layout_worker;
mod legend;
mod loader;
mod money_chart;
pub mod origin;
mod path_finder;
mod presentation;
mod search;
pub mod state;
pub mod table_view;
mod time_player;
mod tools;
mod viewer;

pub use app::App;

use std::rc::Rc;

use wasm_bindgen::prelude::wasm_bindgen;

use crate::core::i18n::Lang;
use crate::core::route::{Route, Selection, View};
use config::{Config, Theme};

/// Writes a panic's message to the console before the wasm stops (development builds). The page
/// says the map stopped (index.html, embed.js: they see the trap). The release build's panics
/// trap at once without running any hook, so it has none.
fn install_panic_hook() {
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| gloo::console::error!(info.to_string())));
}

/// The layout worker's script, beside the widget's other files.
pub const WORKER_SCRIPT: &str = "carte-worker.js";

/// The standalone site: mounts in `#carte-root`, configured by the page's address. A page
/// without `#carte-root` (one that only embeds the widget) gets nothing here, and neither does
/// the layout worker, which starts the same wasm (`layout_worker`).
pub fn start() {
    if web_sys::window().is_none() {
        return;
    }
    install_panic_hook();
    let Some(root) = browser::document().get_element_by_id("carte-root") else { return };
    let config = Rc::new(Config::from_address(&root));
    // Mounted beside the static first view (Yew empties the element it mounts in), which it
    // replaces once its data is ready; in a task after the module's own, so that no start-up
    // task is long.
    let Ok(mount) = browser::document().create_element("div") else { return };
    mount.set_class_name("carte-mount");
    let _ = root.append_child(&mount);
    gloo::timers::callback::Timeout::new(0, move || {
        yew::Renderer::<App>::with_root_and_props(mount, app::AppProps { config }).render();
    })
    .forget();
}

/// A mounted embedded widget; `destroy` removes it (when its element leaves the page or an
/// attribute changes).
#[wasm_bindgen]
pub struct EmbeddedCarte {
    handle: Option<yew::AppHandle<App>>,
}

#[wasm_bindgen]
impl EmbeddedCarte {
    pub fn destroy(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
    }
}

/// Mounts one widget for `<carte-partenariats>` (see `assets/embed.js`): `container` inside the
/// element's shadow root, `host` the element itself (it receives the events), `base` the URL of
/// the widget's files, `origins` the origins its exports may come from, as browsers write them,
/// separated by spaces (embed.js gives the host page's, the widget files' and those listed).
/// Empty strings mean "not given".
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn mount_embedded(
    container: web_sys::Element,
    host: web_sys::Element,
    base: String,
    src: String,
    org: String,
    view: String,
    lang: String,
    theme: String,
    origins: String,
) -> EmbeddedCarte {
    install_panic_hook();
    let route = Route {
        view: if view == "table" { View::Table } else { View::Graph },
        selection: if org.is_empty() { Selection::None } else { Selection::Org(org) },
        ..Route::default()
    };
    let config = Config {
        data_url: if src.is_empty() { format!("{base}{}", config::DEFAULT_DATA) } else { src },
        data_origins: origins,
        lang: Lang::from_param(Some(&lang)),
        route,
        follow_address: false,
        theme: Theme::from_name(Some(&theme)),
        asset_base: base,
        host: Some(host),
    };
    let handle =
        yew::Renderer::<App>::with_root_and_props(container, app::AppProps { config: Rc::new(config) }).render();
    EmbeddedCarte { handle: Some(handle) }
}
