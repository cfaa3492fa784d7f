//! How one widget instance is set up: from the page's address (the standalone site) or from a
//! `<carte-partenariats>` element's attributes (embedded, possibly several on one page).

use std::rc::Rc;

use yew::{hook, use_context};

use crate::core::i18n::Lang;
use crate::core::origin::allowed_host;
use crate::core::route::Route;
use crate::ui::{browser, origin};

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
    /// The export to show, as given (`?data=`, `src`) or the default one.
    pub data_url: String,
    /// The origins exports may be read from, separated by spaces (`ui/origin.rs`).
    pub data_origins: String,
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
    /// The standalone site: `?data=`, `?lang=`, `?theme=` and the hash; the other origins its
    /// exports may come from, which `make dist` writes on the element it mounts in (`root`:
    /// `<div id="carte-root" data-origins="…">`).
    pub fn from_address(root: &web_sys::Element) -> Config {
        Config {
            data_url: browser::query_param("data").unwrap_or_else(|| DEFAULT_DATA.to_string()),
            data_origins: origin::with_page_origin(&root.get_attribute("data-origins").unwrap_or_default()),
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

    /// `address` as the browser reads it, when exports may be read from there.
    pub fn readable(&self, address: &str) -> Option<String> {
        origin::resolve(address).filter(|url| allowed_host(url, &self.data_origins).is_some())
    }

    /// Where the footer's "export JSON" leads: the export shown, or the default one when it
    /// was refused (an address from the address bar is never a link unless it may be read).
    pub fn export_href(&self) -> String {
        self.readable(&self.data_url).unwrap_or_else(|| self.default_data_url())
    }
}

/// The interface's language, from the widget's configuration (one context for both: each
/// context type costs the wasm its own provider and hook code).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Rc<Config>>().map_or_else(Lang::default, |config| config.lang)
}
