//! How one widget instance is set up: from the page's address (the standalone site) or from a
//! `<carte-partenariats>` element's attributes (embedded, possibly several on one page).

use std::rc::Rc;

use yew::{hook, use_context};

use crate::core::i18n::Lang;
use crate::core::route::Route;
use crate::ui::browser;

/// Visual theme: the default, or high contrast with larger type (projectors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Default,
    Contrast,
}

impl Theme {
    pub fn from_name(name: Option<&str>) -> Theme {
        match name {
            Some("contrast") | Some("contraste") => Theme::Contrast,
            _ => Theme::Default,
        }
    }

    pub fn class(self) -> Option<&'static str> {
        match self {
            Theme::Default => None,
            Theme::Contrast => Some("theme-contrast"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The export to show.
    pub data_url: String,
    pub lang: Lang,
    /// The state to open on.
    pub route: Route,
    /// Read and write the page's address (only the standalone site does: an embedded widget
    /// must not change its host page's address).
    pub follow_address: bool,
    pub theme: Theme,
    /// Where the widget's own files are (`data/`, `sources/`, the schema), ending with `/`;
    /// empty for the standalone site, whose files are beside the page.
    pub asset_base: String,
    /// The element that receives `carte-ready` and `carte-select` (the custom element itself).
    pub host: Option<web_sys::Element>,
}

/// The default dataset, relative to the widget's files.
pub const DEFAULT_DATA: &str = "data/partenariats.json";

impl Config {
    /// The standalone site: `?data=`, `?lang=`, `?theme=` and the hash.
    pub fn from_address() -> Config {
        Config {
            data_url: browser::query_param("data").unwrap_or_else(|| DEFAULT_DATA.to_string()),
            lang: Lang::from_param(browser::query_param("lang").as_deref()),
            route: Route::parse(&browser::location_hash()),
            follow_address: true,
            theme: Theme::from_name(browser::query_param("theme").as_deref()),
            asset_base: String::new(),
            host: None,
        }
    }

    pub fn default_data_url(&self) -> String {
        format!("{}{DEFAULT_DATA}", self.asset_base)
    }

    pub fn asset(&self, path: &str) -> String {
        format!("{}{path}", self.asset_base)
    }
}

/// The interface's language, from the widget's configuration (one context for both: each
/// context type costs the wasm its own provider and hook code).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Rc<Config>>().map_or_else(Lang::default, |config| config.lang)
}
