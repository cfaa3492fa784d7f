//! The Yew interface over the core: one root `App` owning the state, one component per file.

pub mod alert;
mod app;
pub mod browser;
pub mod details;
mod filters;
mod graph_view;
mod legend;
mod loader;
mod money_chart;
mod path_finder;
mod search;
pub mod state;
pub mod table_view;
mod time_player;
mod viewer;

pub use app::App;

/// Mounts the widget in `#carte-root` (or the body), after installing a panic hook that shows
/// a French message instead of leaving a blank or frozen page.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        gloo::console::error!(info.to_string());
        let document = browser::document();
        if let Ok(el) = document.create_element("p") {
            el.set_class_name("alert");
            let _ = el.set_attribute("role", "alert");
            let lang = crate::core::i18n::Lang::from_param(browser::query_param("lang").as_deref());
            el.set_text_content(Some(lang.texts().crash));
            let _ = document.body().map(|b| b.prepend_with_node_1(&el));
        }
    }));
    let root = browser::document().get_element_by_id("carte-root");
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
