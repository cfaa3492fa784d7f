//! Every string of the interface, in French (the default) and English: the languages and what
//! they format here, the interface's strings in `interface.rs`, the validator's in `validation.rs`.
//!
//! Each language is one `Texts` value: the compiler refuses a language that lacks a string.
//! Placeholders in braces (`{n}`, `{name}`) are filled with `fill`. Numbers and dates are
//! formatted for the language by `Lang::euros`, `Lang::date` and `Lang::count`.

mod interface;
pub mod table;
pub mod validation;

/// What the browser build has read of the strings it does not carry (see `table.rs`).
#[cfg(target_arch = "wasm32")]
mod loaded {
    use std::sync::OnceLock;

    pub static INTERFACE_EN: OnceLock<&'static super::Texts> = OnceLock::new();
    /// By `Lang as usize`.
    pub static VALIDATION: [OnceLock<&'static super::ValidationTexts>; 2] = [OnceLock::new(), OnceLock::new()];
}

pub use self::interface::{Texts, EN, FR};
pub use self::validation::ValidationTexts;

use super::locale;
use super::model::{Cents, IsoDate, LinkKind, OrgKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// `?lang=en` gives English; anything else French.
    pub fn from_param(value: Option<&str>) -> Lang {
        match value.map(str::to_ascii_lowercase).as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Fr,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The interface's strings. The browser build carries French only: English is read from
    /// `interface_file` (`install_interface`), French standing in until then.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Fr => &FR,
            #[cfg(not(target_arch = "wasm32"))]
            Lang::En => &EN,
            #[cfg(target_arch = "wasm32")]
            Lang::En => loaded::INTERFACE_EN.get().copied().unwrap_or(&FR),
        }
    }

    /// The validator's messages. The browser build carries none: they are read from
    /// `validation_file` (`install_validation`) when a file turns out broken, empty until then.
    pub fn validation(self) -> &'static ValidationTexts {
        #[cfg(not(target_arch = "wasm32"))]
        return match self {
            Lang::Fr => &validation::FR,
            Lang::En => &validation::EN,
        };
        #[cfg(target_arch = "wasm32")]
        return loaded::VALIDATION[self as usize].get().copied().unwrap_or(&ValidationTexts::EMPTY);
    }

    /// The file of `assets/texts/` the browser still has to read for the interface in this
    /// language, if any.
    pub fn interface_file(self) -> Option<&'static str> {
        #[cfg(target_arch = "wasm32")]
        if self == Lang::En && loaded::INTERFACE_EN.get().is_none() {
            return Some("texts/interface-en.json");
        }
        None
    }

    /// The file of `assets/texts/` the browser still has to read for the validator's messages in
    /// this language, if any.
    pub fn validation_file(self) -> Option<&'static str> {
        #[cfg(target_arch = "wasm32")]
        if loaded::VALIDATION[self as usize].get().is_none() {
            return Some(["texts/validation-fr.json", "texts/validation-en.json"][self as usize]);
        }
        None
    }

    /// Takes the interface's strings read from `interface_file`; false when the file is not this
    /// version's (they stay French).
    pub fn install_interface(self, json: &str) -> bool {
        #[cfg(target_arch = "wasm32")]
        if let (Lang::En, Some(texts)) = (self, table::from_json::<Texts>(json)) {
            let _ = loaded::INTERFACE_EN.set(texts);
            return true;
        }
        let _ = json;
        false
    }

    /// Takes the validator's messages read from `validation_file`; false when the file is not
    /// this version's.
    pub fn install_validation(self, json: &str) -> bool {
        #[cfg(target_arch = "wasm32")]
        if let Some(texts) = table::from_json::<ValidationTexts>(json) {
            let _ = loaded::VALIDATION[self as usize].set(texts);
            return true;
        }
        let _ = json;
        false
    }

    pub fn page_texts(self) -> &'static PageTexts {
        match self {
            Lang::Fr => &FR_PAGE,
            Lang::En => &EN_PAGE,
        }
    }

    pub fn euros(self, amount: Cents) -> String {
        match self {
            Lang::Fr => locale::euros(amount),
            Lang::En => locale::euros_en(amount),
        }
    }

    pub fn date(self, d: IsoDate) -> String {
        match self {
            Lang::Fr => locale::date(d),
            Lang::En => locale::date_en(d),
        }
    }

    pub fn integer(self, n: u64) -> String {
        match self {
            Lang::Fr => locale::integer(n),
            Lang::En => locale::integer_en(n),
        }
    }

    /// A size in mebibytes to one decimal: "12,5 Mo", "12.5 MB".
    pub fn megabytes(self, bytes: usize) -> String {
        let tenths = (bytes as u64 * 10 + 524_288) / 1_048_576;
        let whole = self.integer(tenths / 10);
        match self {
            Lang::Fr => format!("{whole},{}{}Mo", tenths % 10, locale::NBSP),
            Lang::En => format!("{whole}.{} MB", tenths % 10),
        }
    }

    /// "3 liens", "1 link".
    pub fn count(self, n: usize, one: &str, many: &str) -> String {
        format!("{}{}{}", self.integer(n as u64), locale::NBSP, if n > 1 { many } else { one })
    }

    pub fn link_kind(self, kind: LinkKind) -> &'static str {
        match self {
            Lang::Fr => kind.label_fr(),
            Lang::En => kind.label_en(),
        }
    }

    pub fn org_kind(self, kind: OrgKind) -> &'static str {
        match self {
            Lang::Fr => kind.label_fr(),
            Lang::En => kind.label_en(),
        }
    }
}

/// Replaces `{key}` placeholders: `fill("du {a} au {b}", &[("a", x), ("b", y)])`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    // One pass: a value is written as it is, never read again as a template (an organisation
    // named "Fonds {n}" stays so). Searching for a char, not a string, also keeps std's
    // substring searcher out of the wasm.
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let known = after.find('}').and_then(|close| {
            let key = &after[..close];
            values.iter().find(|(k, _)| *k == key).map(|(_, value)| (*value, close))
        });
        match known {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Capitalises the first letter, for labels used at the start of a line.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| std::iter::once(locale::uppercase(c)).chain(chars).collect()).unwrap_or_default()
}

/// The strings of the static first view, written at build time only (`core::page`): apart from
/// `Texts`, so that the browser's wasm does not carry them.
pub struct PageTexts {
    pub sources: &'static str,
    pub sources_lead: &'static str,
    /// The picture's description: `{orgs}`, `{links}`.
    pub static_picture: &'static str,
}

pub static FR_PAGE: PageTexts = PageTexts {
    sources: "Sources",
    sources_lead: "Les documents publics dont chaque lien est tiré :",
    static_picture: "Graphe des partenariats : {orgs} et {links} ; le tableau ci-dessous les liste.",
};

pub static EN_PAGE: PageTexts = PageTexts {
    sources: "Sources",
    sources_lead: "The public documents every link is read from:",
    static_picture: "Partnership graph: {orgs} and {links}; the table below lists them.",
};
