//! `carte stats`: what an export holds — counts, money by kind and by year, the most connected
//! organisations — as text for people or JSON for machines.

use std::collections::BTreeMap;

use serde_json::json;

use crate::cli::count;
use crate::core::graph::Graph;
use crate::core::locale;
use crate::core::model::{Cents, LinkKind, Model};
use crate::core::query::money_year;

pub struct Stats {
    pub organizations: usize,
    pub decisions: usize,
    pub links: usize,
    /// Links whose act more than one document records (`sources`): counted once all the same.
    pub links_with_sources: usize,
    pub links_by_kind: BTreeMap<LinkKind, (usize, Cents)>,
    pub money_by_year: BTreeMap<i32, Cents>,
    /// Organisation names with their number of links, most linked first.
    pub most_connected: Vec<(String, usize)>,
}

pub fn stats(model: &Model, graph: &Graph, top: usize) -> Stats {
    let mut links_by_kind: BTreeMap<LinkKind, (usize, Cents)> = BTreeMap::new();
    let mut money_by_year: BTreeMap<i32, Cents> = BTreeMap::new();
    for (ix, l) in model.links.iter().enumerate() {
        let entry = links_by_kind.entry(l.kind).or_default();
        entry.0 += 1;
        if let Some(a) = l.amount {
            entry.1 .0 += a.0;
            money_by_year.entry(money_year(model, ix)).or_default().0 += a.0;
        }
    }
    let mut most_connected: Vec<(String, usize)> =
        model.organizations.iter().enumerate().map(|(i, o)| (o.name.clone(), graph.link_degree(i))).collect();
    most_connected.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    most_connected.truncate(top);
    Stats {
        organizations: model.organizations.len(),
        decisions: model.decisions.len(),
        links: model.links.len(),
        links_with_sources: model.links.iter().filter(|l| !l.sources.is_empty()).count(),
        links_by_kind,
        money_by_year,
        most_connected,
    }
}

impl Stats {
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{}, {}, {}",
            count(self.organizations, "organisation", "organisations"),
            count(self.decisions, "décision", "décisions"),
            count(self.links, "lien", "liens")
        );
        if self.links_with_sources > 0 {
            let several = count(
                self.links_with_sources,
                "attesté par plusieurs documents, compté une fois",
                "attestés par plusieurs documents, comptés une fois chacun",
            );
            out.push_str(&format!(" (dont {several})"));
        }
        out.push_str("\n\nLiens par nature :\n");
        for (kind, (n, total)) in &self.links_by_kind {
            let money = if total.0 > 0 { format!(" — {}", locale::euros(*total)) } else { String::new() };
            out.push_str(&format!("  {:<28} {n:>5}{money}\n", kind.label_fr()));
        }
        out.push_str("\nMontants par année :\n");
        for (year, total) in &self.money_by_year {
            out.push_str(&format!("  {year}  {}\n", locale::euros(*total)));
        }
        out.push_str("\nOrganisations les plus liées :\n");
        for (name, n) in &self.most_connected {
            out.push_str(&format!("  {n:>4}  {name}\n"));
        }
        out.replace(['\u{202F}', '\u{A0}'], " ")
    }

    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "organizations": self.organizations,
            "decisions": self.decisions,
            "links": self.links,
            "links_with_several_sources": self.links_with_sources,
            "links_by_kind": self.links_by_kind.iter().map(|(k, (n, c))| json!({"kind": k.key(), "count": n, "amount": c.to_decimal_string()})).collect::<Vec<_>>(),
            "amount_by_year": self.money_by_year.iter().map(|(y, c)| json!({"year": y, "amount": c.to_decimal_string()})).collect::<Vec<_>>(),
            "most_connected": self.most_connected.iter().map(|(name, n)| json!({"name": name, "links": n})).collect::<Vec<_>>(),
        })
    }
}
