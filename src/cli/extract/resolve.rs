//! Which organisation a name designates: one of the reference export (`--against`), the
//! deliberating body, or a proposal with a fresh id — one id for one organisation written two ways.

use std::collections::HashSet;

use crate::cli::names::{first_free, key_aliases, name_key, shortened_either_way, slug_or};
use crate::core::model::{Model, OrgKind};

use super::text::{is_all_caps, title_case};
use super::words::tokenize;
use super::NamedOrganization;

/// How an organisation named in a text is resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Resolved {
    /// An organisation of the reference export, by its id.
    Known(String),
    /// A proposal: a fresh id, the name to give it, the kind its introducing word suggests ("" when none).
    New { id: String, name: String, kind: &'static str },
}

impl Resolved {
    /// The id it has or is proposed under.
    pub(super) fn id(&self) -> &str {
        match self {
            Resolved::Known(id) => id,
            Resolved::New { id, .. } => id,
        }
    }

    /// As `DocumentExtraction` reports it, under the name the text wrote.
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

/// One organisation of `--against` and the keys it is recognised by.
pub(super) struct KnownOrg {
    pub(super) id: String,
    /// Its name in the reference export, to say what a name was matched with.
    pub(super) name: String,
    pub(super) kind: Option<OrgKind>,
    /// Keys of its name, short name and former names; `true` for an acronym matched in capitals only.
    pub(super) keys: Vec<(Vec<String>, bool)>,
}

impl Known {
    /// The organisations of the reference export (none without one).
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
                KnownOrg { id: o.id.clone(), name: o.name.clone(), kind: Some(o.kind), keys }
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

    /// Whether a key is one of the organisation's own (or their aliases), not a shortened form.
    pub(super) fn exact(org: &KnownOrg, key: &[String]) -> bool {
        org.keys.iter().any(|(k, _)| k.as_slice() == key)
    }

    /// A fresh id for a proposed organisation, never one of `--against`.
    pub(super) fn fresh_id(&self, name: &str) -> String {
        first_free(&slug_or(name, "organisation"), |id| self.ids.contains(id))
    }
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
    /// The proposal a key designates: the same words, else the only one it shortens or lengthens.
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

    /// Remembers a proposal under a key and its aliases; a key already held keeps its proposal.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::extract::test_support::reference_model;

    fn known_id(known: &Known, name: &str) -> Result<Option<String>, Vec<String>> {
        known.resolve(&name_key(name)).map(|o| o.map(|o| o.id.clone()))
    }

    #[test]
    fn names_short_names_and_former_names_are_recognised() {
        let model = reference_model();
        let known = Known::from_model(Some(&model));
        assert_eq!(
            known_id(&known, "la CHAMBRE DE COMMERCE ET D’INDUSTRIE AIX-MARSEILLE-PROVENCE"),
            Ok(Some("ccimp".into()))
        );
        assert_eq!(known_id(&known, "CCIMP"), Ok(Some("ccimp".into())));
        assert_eq!(known_id(&known, "Pôle Emploi"), Ok(Some("france-travail".into())));
        assert_eq!(known_id(&known, "Alliance Ville Emploi"), Ok(Some("ave".into())));
        // A word left out, the first and the last kept.
        assert_eq!(known_id(&known, "Chambre de Commerce Aix-Marseille-Provence"), Ok(Some("ccimp".into())));
        assert_eq!(known_id(&known, "Association Tremplin"), Ok(None));
        assert_eq!(known_id(&known, ""), Ok(None));
    }

    #[test]
    fn a_name_that_fits_two_organisations_is_not_given_to_either() {
        let model = reference_model();
        let known = Known::from_model(Some(&model));
        assert_eq!(known_id(&known, "Mission locale de Marseille"), Err(vec!["ml-est".into(), "ml-ouest".into()]));
    }

    #[test]
    fn the_departement_is_its_conseil_departemental() {
        let model = reference_model();
        let known = Known::from_model(Some(&model));
        assert_eq!(known_id(&known, "Département des Bouches-du-Rhône"), Ok(Some("cd13".into())));
        let key = name_key("Conseil régional Provence-Alpes-Côte d'Azur");
        assert_eq!(key_aliases(&key), [name_key("Région Provence-Alpes-Côte d'Azur")]);
        assert!(key_aliases(&name_key("Conseil municipal")).is_empty());
    }

    #[test]
    fn one_organisation_written_two_ways_is_one_proposal() {
        let known = Known::from_model(None);
        let mut proposals = Proposals::default();
        let first = new_org(
            "ALLIANCE VILLES EMPLOI",
            "association",
            &known,
            None,
            &name_key("ALLIANCE VILLES EMPLOI"),
            &mut proposals,
        );
        assert_eq!(
            first,
            Resolved::New {
                id: "alliance-villes-emploi".into(),
                name: "Alliance Villes Emploi".into(),
                kind: "association"
            }
        );
        let again = new_org(
            "Alliance Ville Emploi",
            "association",
            &known,
            None,
            &name_key("Alliance Ville Emploi"),
            &mut proposals,
        );
        assert_eq!(again.id(), "alliance-villes-emploi");
        let shorter = new_org("Alliance Emploi", "other", &known, None, &name_key("Alliance Emploi"), &mut proposals);
        assert_eq!(shorter.id(), "alliance-villes-emploi");
    }

    #[test]
    fn proposals_never_take_an_id_already_given() {
        let model = reference_model();
        let known = Known::from_model(Some(&model));
        let mut proposals = Proposals::default();
        // "ave" is the reference export's id of another organisation.
        let ave = new_org("Ave", "association", &known, None, &name_key("Ave"), &mut proposals);
        assert_eq!(ave.id(), "ave-2");
        let other = new_org("Ave Maria", "association", &known, None, &name_key("Ave Maria"), &mut proposals);
        assert_eq!(other.id(), "ave-maria");
        let again = new_org("« — »", "other", &known, None, &[], &mut proposals);
        assert_eq!(again.id(), "organisation");
    }

    #[test]
    fn the_body_written_another_way_is_the_body() {
        let known = Known::from_model(None);
        let body = Resolved::New {
            id: "commune-de-martigues".into(),
            name: "Commune de Martigues".into(),
            kind: "local-authority",
        };
        let mut proposals = Proposals::default();
        let r = new_org(
            "VILLE DE MARTIGUES",
            "local-authority",
            &known,
            Some(&body),
            &name_key("VILLE DE MARTIGUES"),
            &mut proposals,
        );
        assert_eq!(r, body);
    }

    #[test]
    fn names_in_capitals_are_displayed_as_names_but_acronyms_stay() {
        assert_eq!(display_name("LES JARDINS DU RANQUET"), "Les Jardins du Ranquet");
        assert_eq!(display_name("AVE"), "AVE");
        assert_eq!(display_name("Tremplin Emploi"), "Tremplin Emploi");
    }
}
