//! The shareable view state ↔ the URL hash: `#view=table&org=ave`, `#link=ID`, `#pair=A,B`,
//! filters (`kinds=subsidy,membership`, `orgkinds=association`, `years=2021-2023`,
//! `amount=1000-60000`), a partner's own network (`focus=ccimp&depth=2`), a path
//! (`path=metropole-amp,ave`) and the layout (`layout=radial`).
//!
//! Parsing is forgiving (unknown keys are ignored, the last value wins) so that any hand-edited
//! address still opens something; ids that the data lacks are reported by the caller.

use super::model::{KindSet, LinkKind, OrgKind};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LayoutKind {
    #[default]
    Force,
    Radial,
    Grouped,
}

impl LayoutKind {
    pub const ALL: [LayoutKind; 3] = [LayoutKind::Force, LayoutKind::Radial, LayoutKind::Grouped];

    pub fn key(self) -> &'static str {
        match self {
            LayoutKind::Force => "force",
            LayoutKind::Radial => "radial",
            LayoutKind::Grouped => "grouped",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    pub view: View,
    pub selection: Selection,
    pub link_kinds: KindSet<LinkKind>,
    pub org_kinds: KindSet<OrgKind>,
    /// Inclusive; `years=2021` is `(2021, 2021)`.
    pub years: Option<(i32, i32)>,
    /// Inclusive, in whole euros.
    pub amount: Option<(u64, u64)>,
    /// Only the network of this organisation, to this depth (1 or 2).
    pub focus: Option<(String, usize)>,
    pub path: Option<(String, String)>,
    pub layout: LayoutKind,
    /// Presentation mode, at this step (1-based): `#present` or `#present=3`.
    pub present: Option<usize>,
}

impl Route {
    /// The same route with every filter, focus and path removed (the "reset" control).
    pub fn without_filters(&self) -> Route {
        Route { view: self.view, selection: self.selection.clone(), layout: self.layout, ..Route::default() }
    }

    pub fn has_filters(&self) -> bool {
        !self.link_kinds.is_empty()
            || !self.org_kinds.is_empty()
            || self.years.is_some()
            || self.amount.is_some()
            || self.focus.is_some()
    }
}

impl Route {
    /// Reads a location hash, with or without its leading `#`.
    pub fn parse(hash: &str) -> Route {
        let mut route = Route::default();
        // `depth` may come before `focus` in a hand-written address.
        let mut pending_depth = None;
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
                "kinds" => route.link_kinds = value.split(',').filter_map(LinkKind::from_key).collect(),
                "orgkinds" => route.org_kinds = value.split(',').filter_map(OrgKind::from_key).collect(),
                "years" => route.years = parse_range(&value).map(|(a, b)| (a as i32, b as i32)),
                "amount" => route.amount = parse_range(&value),
                "focus" if !value.is_empty() => {
                    let depth = route.focus.as_ref().map_or(1, |f| f.1);
                    route.focus = Some((value, depth));
                }
                "depth" => {
                    if let (Some(f), Ok(d)) = (route.focus.as_mut(), value.parse::<usize>()) {
                        f.1 = d.clamp(1, 2);
                    } else if let Ok(d) = value.parse::<usize>() {
                        pending_depth = Some(d.clamp(1, 2));
                    }
                }
                "path" => {
                    if let Some((a, b)) = value.split_once(',') {
                        route.path = Some((a.to_string(), b.to_string()));
                    }
                }
                "present" => route.present = Some(value.parse::<usize>().unwrap_or(1).max(1)),
                "layout" => {
                    route.layout = LayoutKind::ALL.into_iter().find(|l| l.key() == value).unwrap_or_default();
                }
                _ => {}
            }
        }
        if let (Some(f), Some(d)) = (route.focus.as_mut(), pending_depth) {
            f.1 = d;
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
        let keys = |keys: Vec<&str>| keys.join(",");
        if !self.link_kinds.is_empty() {
            parts.push(format!("kinds={}", keys(self.link_kinds.iter().map(|k| k.key()).collect())));
        }
        if !self.org_kinds.is_empty() {
            parts.push(format!("orgkinds={}", keys(self.org_kinds.iter().map(|k| k.key()).collect())));
        }
        match self.years {
            Some((a, b)) if a == b => parts.push(format!("years={a}")),
            Some((a, b)) => parts.push(format!("years={a}-{b}")),
            None => {}
        }
        if let Some((a, b)) = self.amount {
            parts.push(format!("amount={a}-{b}"));
        }
        if let Some((id, depth)) = &self.focus {
            parts.push(format!("focus={}&depth={depth}", percent_encode(id)));
        }
        if let Some((a, b)) = &self.path {
            parts.push(format!("path={},{}", percent_encode(a), percent_encode(b)));
        }
        if self.layout != LayoutKind::Force {
            parts.push(format!("layout={}", self.layout.key()));
        }
        match self.present {
            Some(1) => parts.push("present".to_string()),
            Some(step) => parts.push(format!("present={step}")),
            None => {}
        }
        if parts.is_empty() {
            "#view=graph".to_string()
        } else {
            format!("#{}", parts.join("&"))
        }
    }
}

/// `2021-2023` → (2021, 2023); `2021` → (2021, 2021); a reversed range is put in order.
fn parse_range(value: &str) -> Option<(u64, u64)> {
    let (a, b) = value.split_once('-').unwrap_or((value, value));
    let (a, b): (u64, u64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    Some((a.min(b), a.max(b)))
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
