//! Who is who in a SCDL file: the organisations of the export being built, those of the export
//! given with `--against`, and which one a row designates — by its SIRET or RNA number first,
//! then by its name as `names` compares names (case, accents, apostrophes, legal forms). A name
//! only alike another's is reported with both names and kept apart, never merged on a guess.

use std::collections::{HashMap, HashSet};

use crate::cli::identity::{Found, Numbers, OrgIndex};
use crate::cli::io::wire_organization;
use crate::cli::names::{name_key, org_name_key, slug_or};
use crate::core::format;
use crate::core::model::{Model, OrgIx, OrgKind};

use super::RowNote;

/// An organisation as a row names it: its name, the numbers the row gives, and the id those
/// numbers make (`siret-…`, else `rna-…`).
#[derive(Debug, Clone)]
pub(super) struct Party {
    pub(super) name: String,
    pub(super) numbers: Numbers,
}

impl Party {
    pub(super) fn new(name: &str, siret: Option<String>, rna: Option<String>) -> Party {
        Party { name: name.to_string(), numbers: Numbers { siren: None, siret: siret.into_iter().collect(), rna } }
    }

    /// The id its numbers make: lowercase, as the format's ids are.
    fn strong_id(numbers: &Numbers) -> Option<String> {
        let siret = numbers.siret.first().map(|s| format!("siret-{s}"));
        siret.or_else(|| numbers.rna.as_ref().map(|r| format!("rna-{}", r.to_ascii_lowercase())))
    }
}

/// The organisations of an existing export, by number, by name, and by every name's words.
pub(super) struct Against<'a> {
    model: &'a Model,
    index: OrgIndex,
    /// Every name's key, for finding names inside a deliberation's object.
    names: Vec<(Vec<String>, OrgIx)>,
}

impl<'a> Against<'a> {
    pub(super) fn new(model: &'a Model) -> Against<'a> {
        let mut index = OrgIndex::default();
        let mut names = Vec::new();
        for (ix, o) in model.organizations.iter().enumerate() {
            let all: Vec<&str> = std::iter::once(o.name.as_str())
                .chain(o.short_name.as_deref())
                .chain(o.former_names.iter().map(|f| f.name.as_str()))
                .collect();
            let numbers = Numbers {
                siren: o.identifiers.siren.clone(),
                siret: o.identifiers.siret.clone(),
                rna: o.identifiers.rna.clone(),
            };
            index.insert(ix, &all, &numbers);
            names.extend(all.iter().map(|n| (name_key(n), ix)).filter(|(k, _)| !k.is_empty()));
        }
        Against { model, index, names }
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
            out.push(wire_organization(self.model, i));
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
    /// Numbers of each organisation of `list`, written into its `identifiers` at the end.
    numbers: Vec<Numbers>,
    /// The organisations this import created, found as `against`'s are.
    created: OrgIndex,
    /// Name → numbers seen with it on another row, so that a row with an empty identifier still
    /// joins the organisation the other rows identify (first pairing wins).
    learned: HashMap<Vec<String>, Numbers>,
    /// Alike names reported so far (name key, the other's id): each pair is said once.
    reported: HashSet<(Vec<String>, String)>,
    pub(super) notes: Vec<RowNote>,
}

impl<'a> Orgs<'a> {
    pub(super) fn new(against: Option<&'a Against<'a>>) -> Orgs<'a> {
        Orgs {
            against,
            list: Vec::new(),
            position: HashMap::new(),
            numbers: Vec::new(),
            created: OrgIndex::default(),
            learned: HashMap::new(),
            reported: HashSet::new(),
            notes: Vec::new(),
        }
    }

    /// Remembers the numbers a row gives with a name, for rows that give none.
    pub(super) fn learn(&mut self, party: &Party) {
        if !party.numbers.is_empty() {
            self.learned.entry(org_name_key(&party.name).words).or_insert_with(|| party.numbers.clone());
        }
    }

    /// The id of the organisation a row names at `line`, adding it to the export when new.
    pub(super) fn resolve(&mut self, party: &Party, kind: OrgKind, line: usize) -> String {
        let key = org_name_key(&party.name).words;
        let numbers = if party.numbers.is_empty() {
            self.learned.get(&key).cloned().unwrap_or_default()
        } else {
            party.numbers.clone()
        };
        let names = [party.name.as_str()];
        if let Some(against) = self.against {
            match against.index.find(&names, &numbers) {
                Found::Certain(ix) => {
                    let id = self.add_existing(against, ix);
                    let at = self.position[&id];
                    self.numbers[at].absorb(&numbers);
                    return id;
                }
                Found::Uncertain(ix) => {
                    let other = &against.model.organizations[ix];
                    let (name, id) = (other.name.clone(), other.id.clone());
                    self.uncertain(line, &party.name, &key, &name, &id, "de l'export de référence");
                }
                Found::None => {}
            }
        }
        match self.created.find(&names, &numbers) {
            Found::Certain(at) => {
                self.numbers[at].absorb(&numbers);
                let org = &mut self.list[at];
                let current = OrgKind::from_key(&org.kind).unwrap_or(OrgKind::Other);
                if kind_rank(kind) > kind_rank(current) {
                    org.kind = kind.key().to_string();
                }
                return org.id.clone();
            }
            Found::Uncertain(at) => {
                let (name, id) = (self.list[at].name.clone(), self.list[at].id.clone());
                let first_line = "lue plus haut dans ce fichier";
                self.uncertain(line, &party.name, &key, &name, &id, first_line);
            }
            Found::None => {}
        }
        let base = Party::strong_id(&numbers).unwrap_or_else(|| slug_or(&party.name, "sans-nom"));
        // An id of `against` (or of an organisation already made) would merge two bodies later.
        let taken =
            |id: &str| self.position.contains_key(id) || self.against.is_some_and(|a| a.model.org_by_id(id).is_some());
        let id = if taken(&base) { crate::cli::names::first_free(&format!("{base}-scdl"), taken) } else { base };
        let at = self.list.len();
        self.position.insert(id.clone(), at);
        self.list.push(format::Organization::new(id.clone(), party.name.clone(), kind.key()));
        self.created.insert(at, &names, &numbers);
        self.numbers.push(numbers);
        id
    }

    /// Says, once per pair, that a name is only alike another organisation's: kept apart.
    fn uncertain(&mut self, line: usize, name: &str, key: &[String], other: &str, other_id: &str, whose: &str) {
        if !self.reported.insert((key.to_vec(), other_id.to_string())) {
            return;
        }
        self.notes.push(RowNote {
            line,
            message: format!(
                "rapprochement incertain : « {name} » ressemble à « {other} » ({other_id}, {whose}) ; gardée à part \
                 — si c'est la même organisation, ajoutez « {name} » aux former_names de « {other_id} » ou son \
                 numéro SIRET à ses identifiers"
            ),
        });
    }

    /// Adds an organisation of `against` (and its parents) as it is there; returns its id.
    pub(super) fn add_existing(&mut self, against: &Against, ix: OrgIx) -> String {
        let copies = against.with_parents(ix);
        let id = against.model.organizations[ix].id.clone();
        for org in copies {
            if !self.position.contains_key(&org.id) {
                self.position.insert(org.id.clone(), self.list.len());
                self.numbers.push(Numbers::of(org.identifiers.as_ref()));
                self.list.push(org);
            }
        }
        id
    }

    /// The organisations, their identifiers as the rows gave them.
    pub(super) fn into_list(self) -> (Vec<format::Organization>, Vec<RowNote>) {
        let mut list = self.list;
        for (org, numbers) in list.iter_mut().zip(&self.numbers) {
            org.identifiers = numbers.to_wire();
        }
        (list, self.notes)
    }
}
