//! Who is who in a SCDL file: the organisations of the export being built, those of the export
//! given with `--against`, and which one a row's name and identifier designate.

use std::collections::HashMap;

use crate::cli::names::{name_key, slug_or};
use crate::core::format;
use crate::core::model::{Model, OrgIx, OrgKind};

/// The organisations of an existing export, by id and by every name they are known under.
pub(super) struct Against<'a> {
    model: &'a Model,
    /// Every name by its key (`names::name_key`: case, accents, articles and plurals aside).
    by_name: HashMap<Vec<String>, OrgIx>,
    /// Every name's key, for finding names inside a deliberation's object.
    names: Vec<(Vec<String>, OrgIx)>,
}

impl<'a> Against<'a> {
    pub(super) fn new(model: &'a Model) -> Against<'a> {
        let mut by_name = HashMap::new();
        let mut names = Vec::new();
        for (ix, o) in model.organizations.iter().enumerate() {
            let all =
                std::iter::once(&o.name).chain(o.short_name.as_ref()).chain(o.former_names.iter().map(|f| &f.name));
            for name in all {
                let key = name_key(name);
                if key.is_empty() {
                    continue;
                }
                // Two organisations sharing a name: the first keeps it, as the export lists them.
                by_name.entry(key.clone()).or_insert(ix);
                names.push((key, ix));
            }
        }
        Against { model, by_name, names }
    }

    /// Organisations named, whole words, in `text`. A name found only inside a longer name found
    /// there ("France Travail" in "France Travail Bouches-du-Rhône") does not count.
    pub(super) fn named_in(&self, text: &str) -> Vec<OrgIx> {
        let text = name_key(text);
        let mut spans: Vec<(usize, usize, OrgIx)> = Vec::new();
        for (name, ix) in &self.names {
            if name.len() > text.len() {
                continue;
            }
            for start in 0..=text.len() - name.len() {
                if text[start..start + name.len()] == name[..] {
                    spans.push((start, start + name.len(), *ix));
                }
            }
        }
        let mut found = Vec::new();
        for &(s, e, ix) in &spans {
            let inside_longer = spans.iter().any(|&(s2, e2, ix2)| ix2 != ix && s2 <= s && e <= e2 && e2 - s2 > e - s);
            if !inside_longer && !found.contains(&ix) {
                found.push(ix);
            }
        }
        found
    }

    /// An organisation and its ancestors, as wire types, so that `parent` names an existing id.
    pub(super) fn with_parents(&self, ix: OrgIx) -> Vec<format::Organization> {
        let mut out = Vec::new();
        let mut next = Some(ix);
        while let Some(i) = next {
            // Validation has ruled out parent cycles; the bound guards against a hand-built model.
            if out.len() > self.model.organizations.len() {
                break;
            }
            let o = &self.model.organizations[i];
            out.push(crate::cli::io::wire_organization(self.model, i));
            next = o.parent;
        }
        out
    }
}

/// How far a kind is from the default: a body seen as an attribuant stays a local authority, and
/// a beneficiary with an RNA number on any row is an association.
pub(super) fn kind_rank(kind: OrgKind) -> u8 {
    match kind {
        OrgKind::LocalAuthority => 2,
        OrgKind::Association => 1,
        _ => 0,
    }
}

/// The organisations of the export being built, in order of first appearance.
pub(super) struct Orgs<'a> {
    against: Option<&'a Against<'a>>,
    pub(super) list: Vec<format::Organization>,
    position: HashMap<String, usize>,
    /// Name → SIRET or RNA id seen for it on another row, so that a row with an empty
    /// identifier still joins the organisation the other rows identify.
    strong_by_name: HashMap<Vec<String>, String>,
}

impl<'a> Orgs<'a> {
    pub(super) fn new(against: Option<&'a Against<'a>>) -> Orgs<'a> {
        Orgs { against, list: Vec::new(), position: HashMap::new(), strong_by_name: HashMap::new() }
    }

    /// Remembers that this name goes with this identifier, for rows that lack it (first pairing wins).
    pub(super) fn learn(&mut self, name: &str, strong: Option<&String>) {
        if let Some(id) = strong {
            self.strong_by_name.entry(name_key(name)).or_insert_with(|| id.clone());
        }
    }

    /// The id of the organisation a row names, adding it to the export when new.
    pub(super) fn resolve(&mut self, name: &str, strong: Option<String>, kind: OrgKind) -> String {
        let key = name_key(name);
        let own = strong.or_else(|| self.strong_by_name.get(&key).cloned());
        if let Some(against) = self.against {
            let known =
                own.as_ref().and_then(|id| against.model.org_by_id(id)).or_else(|| against.by_name.get(&key).copied());
            if let Some(ix) = known {
                return self.add_existing(against, ix);
            }
        }
        let id = match own {
            Some(id) => id,
            None => {
                let base = slug_or(name, "sans-nom");
                // A slug that happens to be another organisation's id in `against` would merge the two later.
                match self.against.and_then(|a| a.model.org_by_id(&base)) {
                    Some(_) => format!("{base}-scdl"),
                    None => base,
                }
            }
        };
        match self.position.get(&id) {
            Some(&at) => {
                let org = &mut self.list[at];
                let current = OrgKind::from_key(&org.kind).unwrap_or(OrgKind::Other);
                if kind_rank(kind) > kind_rank(current) {
                    org.kind = kind.key().to_string();
                }
            }
            None => {
                self.position.insert(id.clone(), self.list.len());
                self.list.push(format::Organization {
                    id: id.clone(),
                    name: name.to_string(),
                    short_name: None,
                    kind: kind.key().to_string(),
                    former_names: Vec::new(),
                    parent: None,
                    description: None,
                    website: None,
                    identifiers: None,
                });
            }
        }
        id
    }

    /// Adds an organisation of `against` (and its parents) as it is there; returns its id.
    pub(super) fn add_existing(&mut self, against: &Against, ix: OrgIx) -> String {
        let copies = against.with_parents(ix);
        let id = against.model.organizations[ix].id.clone();
        for org in copies {
            if !self.position.contains_key(&org.id) {
                self.position.insert(org.id.clone(), self.list.len());
                self.list.push(org);
            }
        }
        id
    }
}
