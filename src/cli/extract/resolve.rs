//! Which organisation a name designates: one of the reference export (`--against`), the
//! deliberating body, or a proposal with a fresh id — one id for one organisation written two ways.

use std::collections::HashSet;

use crate::cli::names::{first_free, name_key, shortened_either_way, slug_or};
use crate::core::model::{Model, OrgKind};

use super::organizations::tokenize;
use super::shape::of_town;
use super::text::{folded, is_all_caps, title_case};
use super::NamedOrganization;

/// The Métropole, the deliberating body of its Bureau and Conseil.
const METROPOLE: &str = "Métropole Aix-Marseille-Provence";

/// How an organisation named in a text is resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Resolved {
    Known(String),
    New { id: String, name: String, kind: &'static str },
}

impl Resolved {
    pub(super) fn id(&self) -> &str {
        match self {
            Resolved::Known(id) => id,
            Resolved::New { id, .. } => id,
        }
    }

    pub(super) fn named(&self, written: &str) -> NamedOrganization {
        match self {
            Resolved::Known(id) => {
                NamedOrganization { name: written.to_string(), matched: Some(id.clone()), proposed_id: None }
            }
            Resolved::New { id, .. } => {
                NamedOrganization { name: written.to_string(), matched: None, proposed_id: Some(id.clone()) }
            }
        }
    }
}

/// The organisations of `--against`, by the words of their names.
#[derive(Default)]
pub(super) struct Known {
    pub(super) orgs: Vec<KnownOrg>,
    ids: HashSet<String>,
}

pub(super) struct KnownOrg {
    pub(super) id: String,
    pub(super) kind: Option<OrgKind>,
    /// Keys of its name, short name and former names; `true` for an acronym matched in capitals only.
    pub(super) keys: Vec<(Vec<String>, bool)>,
}

impl Known {
    pub(super) fn from_model(model: Option<&Model>) -> Known {
        let Some(model) = model else { return Known::default() };
        let orgs = model
            .organizations
            .iter()
            .map(|o| {
                let mut names: Vec<&str> = vec![o.name.as_str()];
                names.extend(o.short_name.as_deref());
                names.extend(o.former_names.iter().map(|f| f.name.as_str()));
                let keys = names
                    .into_iter()
                    .map(|n| {
                        let toks = tokenize(n);
                        let acronym = toks.len() == 1 && toks[0].upper;
                        (name_key(n), acronym)
                    })
                    .filter(|(k, _)| !k.is_empty())
                    .flat_map(|(k, acronym)| {
                        let aliases = key_aliases(&k);
                        std::iter::once((k, acronym)).chain(aliases.into_iter().map(move |a| (a, acronym)))
                    })
                    .collect();
                KnownOrg { id: o.id.clone(), kind: Some(o.kind), keys }
            })
            .collect();
        Known { orgs, ids: model.organizations.iter().map(|o| o.id.clone()).collect() }
    }

    /// The known organisation a name designates: same words, or (for two words or more) the
    /// same first and last words with some left out. `Err` lists the ids when several fit.
    pub(super) fn resolve(&self, key: &[String]) -> Result<Option<&KnownOrg>, Vec<String>> {
        if key.is_empty() {
            return Ok(None);
        }
        if let Some(o) = self.orgs.iter().find(|o| o.keys.iter().any(|(k, _)| k.as_slice() == key)) {
            return Ok(Some(o));
        }
        let fits: Vec<&KnownOrg> =
            self.orgs.iter().filter(|o| o.keys.iter().any(|(k, _)| shortened_either_way(key, k))).collect();
        match fits.len() {
            0 => Ok(None),
            1 => Ok(fits.first().copied()),
            _ => Err(fits.iter().map(|o| o.id.clone()).collect()),
        }
    }

    /// A fresh id for a proposed organisation, never one of `--against`.
    fn fresh_id(&self, name: &str) -> String {
        first_free(&slug_or(name, "organisation"), |id| self.ids.contains(id))
    }
}

/// Other keys for the same collectivity: "Département des Bouches-du-Rhône" is the "Conseil
/// départemental des Bouches-du-Rhône"; likewise for the Région.
fn key_aliases(key: &[String]) -> Vec<Vec<String>> {
    let pairs: [(&[&str], &[&str]); 2] =
        [(&["conseil", "departemental"], &["departement"]), (&["conseil", "regional"], &["region"])];
    let mut out = Vec::new();
    for (long, short) in pairs {
        for (from, to) in [(long, short), (short, long)] {
            if key.len() > from.len() && key.iter().zip(from.iter()).all(|(a, b)| a == b) {
                let mut alias: Vec<String> = to.iter().map(|w| (*w).to_string()).collect();
                alias.extend(key[from.len()..].iter().cloned());
                out.push(alias);
            }
        }
    }
    out
}

/// The deliberating body an instance stands for: the Métropole for its Bureau and Conseil, the
/// commune for its municipal council.
pub(super) fn body_of(instance: &str, known: &Known) -> Option<Resolved> {
    let f = folded(instance);
    if f.contains("metropole") || f.starts_with("conseil de territoire") {
        let key = name_key(METROPOLE);
        if let Ok(Some(o)) = known.resolve(&key) {
            return Some(Resolved::Known(o.id.clone()));
        }
        return Some(Resolved::New {
            id: known.fresh_id(METROPOLE),
            name: METROPOLE.to_string(),
            kind: "local-authority",
        });
    }
    let town = instance
        .strip_prefix("Conseil municipal de ")
        .or_else(|| instance.strip_prefix("Conseil municipal d'"))?
        .trim();
    if town.is_empty() {
        return None;
    }
    let town_key = name_key(town);
    for o in &known.orgs {
        let local = o.kind.is_none_or(|k| k == OrgKind::LocalAuthority);
        let fits = o.keys.iter().any(|(k, _)| {
            (k.as_slice() == town_key.as_slice() && local)
                || (k.len() == town_key.len() + 1
                    && matches!(k[0].as_str(), "commune" | "ville" | "mairie")
                    && k[1..] == town_key[..])
        });
        if fits {
            return Some(Resolved::Known(o.id.clone()));
        }
    }
    let name = format!("Commune {}", of_town(town));
    Some(Resolved::New { id: known.fresh_id(&name), name, kind: "local-authority" })
}

/// Whether a proposed name is another way of writing the body ("VILLE DE MARTIGUES").
fn is_body_name(key: &[String], body: &Resolved) -> bool {
    let Resolved::New { name, .. } = body else { return false };
    let body_key = name_key(name);
    let strip = |k: &[String]| -> Vec<String> {
        match k.first().map(String::as_str) {
            Some("commune" | "ville" | "mairie") => k[1..].to_vec(),
            _ => k.to_vec(),
        }
    };
    strip(key) == strip(&body_key) || key == body_key.as_slice()
}

/// A proposed organisation: the body when the name is another way of writing it, an earlier
/// proposal written differently ("Alliance Villes Emploi" / "Alliance Ville Emploi"), else a new one.
pub(super) fn new_org(
    written: &str,
    kind: &'static str,
    known: &Known,
    body: Option<&Resolved>,
    key: &[String],
    proposals: &mut Proposals,
) -> Resolved {
    if let Some(b) = body {
        if is_body_name(key, b) {
            return b.clone();
        }
    }
    if let Some(r) = proposals.find(key) {
        return r;
    }
    let name = display_name(written);
    let id = proposals.fresh_id(&name, known);
    let r = Resolved::New { id, name, kind };
    proposals.add(key.to_vec(), r.clone());
    r
}

/// A name printed in capitals written as a name, except an acronym ("AVE").
pub(super) fn display_name(written: &str) -> String {
    if is_all_caps(written) && written.split_whitespace().count() > 1 {
        title_case(written)
    } else {
        written.to_string()
    }
}

/// Organisations proposed so far, by the words of their names, so that one organisation written
/// two ways gets one id.
#[derive(Default)]
pub(super) struct Proposals {
    entries: Vec<(Vec<String>, Resolved)>,
}

impl Proposals {
    pub(super) fn find(&self, key: &[String]) -> Option<Resolved> {
        if key.is_empty() {
            return None;
        }
        if let Some((_, r)) = self.entries.iter().find(|(k, _)| k.as_slice() == key) {
            return Some(r.clone());
        }
        let mut fits: Vec<&Resolved> =
            self.entries.iter().filter(|(k, _)| shortened_either_way(key, k)).map(|(_, r)| r).collect();
        fits.dedup_by(|a, b| a.id() == b.id());
        (fits.len() == 1).then(|| fits[0].clone())
    }

    pub(super) fn add(&mut self, key: Vec<String>, r: Resolved) {
        for k in key_aliases(&key).into_iter().chain(std::iter::once(key)) {
            if !k.is_empty() && !self.entries.iter().any(|(e, _)| *e == k) {
                self.entries.push((k, r.clone()));
            }
        }
    }

    /// A fresh id: neither one of `--against` nor one already proposed.
    fn fresh_id(&self, name: &str, known: &Known) -> String {
        first_free(&slug_or(name, "organisation"), |id| {
            known.ids.contains(id) || self.entries.iter().any(|(_, r)| r.id() == id)
        })
    }
}
