//! The shareable view state ↔ the URL hash: `#view=table&org=ave`, `#link=ID`, `#pair=A,B`.
//!
//! Parsing is forgiving (unknown keys are ignored, the last value wins) so that any hand-edited
//! address still opens something; ids that the data lacks are reported by the caller.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Graph,
    Table,
}

/// What is open in the details panel, by the export's string ids.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Selection {
    #[default]
    None,
    Org(String),
    Link(String),
    /// The bundle of every link between two organisations.
    Pair(String, String),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    pub view: View,
    pub selection: Selection,
}

impl Route {
    /// Reads a location hash, with or without its leading `#`.
    pub fn parse(hash: &str) -> Route {
        let mut route = Route::default();
        for pair in hash.trim_start_matches('#').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value);
            match key {
                "view" if value == "table" => route.view = View::Table,
                "view" if value == "graph" => route.view = View::Graph,
                "org" if !value.is_empty() => route.selection = Selection::Org(value),
                "link" if !value.is_empty() => route.selection = Selection::Link(value),
                "pair" => {
                    if let Some((a, b)) = value.split_once(',') {
                        route.selection = Selection::Pair(a.to_string(), b.to_string());
                    }
                }
                _ => {}
            }
        }
        route
    }

    /// The hash for this state: `#view=table&org=ave`; the graph view is the default and is
    /// left out unless nothing else is said.
    pub fn to_hash(&self) -> String {
        let mut parts = Vec::new();
        if self.view == View::Table {
            parts.push("view=table".to_string());
        }
        match &self.selection {
            Selection::None => {}
            Selection::Org(id) => parts.push(format!("org={}", percent_encode(id))),
            Selection::Link(id) => parts.push(format!("link={}", percent_encode(id))),
            Selection::Pair(a, b) => parts.push(format!("pair={},{}", percent_encode(a), percent_encode(b))),
        }
        if parts.is_empty() {
            "#view=graph".to_string()
        } else {
            format!("#{}", parts.join("&"))
        }
    }
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
