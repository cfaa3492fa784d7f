//! When two records are one: the same organisation (official number first, then the name as
//! `names` compares it), the same decision (its reference, else its instance, date and title),
//! the same act (its decision, parties, kind, year and amount). `merge`, `import-scdl` and
//! `extract` all ask here, so that feeding a known act again never adds it a second time.

use std::collections::HashMap;

use crate::cli::extract::is_register_reference;
use crate::cli::names::{
    acronym_of, compare_org_keys, instance_place, key_aliases, name_key, org_name_key, same_place, slug, NameMatch,
    OrgNameKey,
};
use crate::core::format;
use crate::core::model::{Cents, IsoDate};

// ---------------------------------------------------------------------------------------------
// Organisations

/// What an organisation lookup found, by the handle its caller gave at `OrgIndex::insert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The same official number, or the same name with no number against it.
    Certain(usize),
    /// Alike (`NameMatch::Uncertain`), a homonym with another number, or a name two organisations
    /// share: to be reported with both names, never merged on.
    Uncertain(usize),
    None,
}

/// Organisations by official number and by the keys of their names (name, short name, former
/// names). Lookups by number and whole key are hashed; alike names are looked for only among those
/// sharing a first word or an acronym, so that tens of thousands of organisations stay fast.
#[derive(Default)]
pub struct OrgIndex {
    entries: Vec<Entry>,
    by_number: HashMap<String, Vec<usize>>,
    by_words: HashMap<Vec<String>, Vec<usize>>,
    by_first_word: HashMap<String, Vec<usize>>,
    by_acronym: HashMap<String, Vec<usize>>,
}

struct Entry {
    handle: usize,
    keys: Vec<OrgNameKey>,
    numbers: Numbers,
}

/// Official numbers as compared: SIRETs, SIREN (given, or the first nine digits of none), RNA.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Numbers {
    pub siren: Option<String>,
    pub siret: Vec<String>,
    pub rna: Option<String>,
}

impl Numbers {
    pub fn of(ids: Option<&format::Identifiers>) -> Numbers {
        ids.map_or_else(Numbers::default, |i| Numbers {
            siren: i.siren.clone(),
            siret: i.siret.clone(),
            rna: i.rna.clone(),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.siren.is_none() && self.siret.is_empty() && self.rna.is_none()
    }

    /// The keys this organisation is found by: each SIRET, its SIREN, its RNA number.
    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.siret.iter().map(|s| format!("siret:{s}")).collect();
        keys.extend(self.siren.iter().map(|s| format!("siren:{s}")));
        keys.extend(self.rna.iter().map(|r| format!("rna:{r}")));
        keys
    }

    /// The keys another organisation would hold if it were this one: its SIRETs, the SIREN it
    /// gives (alone, an entity known only by it), its RNA number.
    fn lookups(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.siret.iter().map(|s| format!("siret:{s}")).collect();
        keys.extend(self.siret.iter().filter_map(|s| s.get(..9)).map(|s| format!("siren:{s}")));
        keys.extend(self.siren.iter().map(|s| format!("siren:{s}")));
        keys.extend(self.rna.iter().map(|r| format!("rna:{r}")));
        keys
    }

    /// Both give numbers of one register, and none agrees: two bodies, whatever their names.
    pub fn contradict(&self, other: &Numbers) -> bool {
        let sirens = |n: &Numbers| -> Vec<String> {
            let mut v: Vec<String> = n.siret.iter().filter_map(|s| s.get(..9)).map(str::to_string).collect();
            v.extend(n.siren.iter().cloned());
            v
        };
        let (a, b) = (sirens(self), sirens(other));
        // Two SIRETs of one SIREN are two establishments of one body: no contradiction.
        let siren_clash = !a.is_empty() && !b.is_empty() && !a.iter().any(|s| b.contains(s));
        let rna_clash = matches!((&self.rna, &other.rna), (Some(x), Some(y)) if x != y);
        siren_clash || rna_clash
    }

    /// Adds the other's numbers that this one lacks; whether anything was added.
    pub fn absorb(&mut self, other: &Numbers) -> bool {
        let before = self.clone();
        if self.siren.is_none() {
            self.siren.clone_from(&other.siren);
        }
        for s in &other.siret {
            if !self.siret.contains(s) {
                self.siret.push(s.clone());
            }
        }
        if self.rna.is_none() {
            self.rna.clone_from(&other.rna);
        }
        *self != before
    }

    pub fn to_wire(&self) -> Option<format::Identifiers> {
        (!self.is_empty()).then(|| format::Identifiers {
            siren: self.siren.clone(),
            siret: self.siret.clone(),
            rna: self.rna.clone(),
        })
    }
}

/// Every name an organisation goes by, as written.
pub fn names_of(org: &format::Organization) -> Vec<&str> {
    let mut names = vec![org.name.as_str()];
    names.extend(org.short_name.as_deref());
    names.extend(org.former_names.iter().map(|f| f.name.as_str()));
    names
}

impl OrgIndex {
    /// Remembers an organisation under `handle`, by its names and numbers.
    pub fn insert(&mut self, handle: usize, names: &[&str], numbers: &Numbers) {
        let at = self.entries.len();
        let keys: Vec<OrgNameKey> = names.iter().map(|n| org_name_key(n)).filter(|k| !k.words.is_empty()).collect();
        for key in &keys {
            for words in std::iter::once(key.words.clone()).chain(key_aliases(&key.words)) {
                self.by_words.entry(words).or_default().push(at);
            }
            self.by_first_word.entry(key.words[0].clone()).or_default().push(at);
            if key.words.len() >= 2 {
                self.by_acronym.entry(acronym_of(&key.words)).or_default().push(at);
            }
        }
        for k in numbers.keys() {
            self.by_number.entry(k).or_default().push(at);
        }
        self.entries.push(Entry { handle, keys, numbers: numbers.clone() });
    }

    /// The organisation these names and numbers designate: by number first, then by name.
    pub fn find(&self, names: &[&str], numbers: &Numbers) -> Found {
        for k in numbers.lookups() {
            if let Some(&at) = self.by_number.get(&k).and_then(|v| v.first()) {
                return Found::Certain(self.entries[at].handle);
            }
        }
        let keys: Vec<OrgNameKey> = names.iter().map(|n| org_name_key(n)).filter(|k| !k.words.is_empty()).collect();
        let mut uncertain = None;
        for key in &keys {
            let Some(candidates) = self.by_words.get(&key.words) else { continue };
            let mut fitting = Vec::new();
            for &at in candidates {
                let entry = &self.entries[at];
                let sure = !entry.numbers.contradict(numbers)
                    && entry.keys.iter().any(|k| compare_org_keys(key, k) == NameMatch::Same);
                if sure {
                    if !fitting.contains(&entry.handle) {
                        fitting.push(entry.handle);
                    }
                } else {
                    uncertain.get_or_insert(entry.handle);
                }
            }
            match fitting.as_slice() {
                [one] => return Found::Certain(*one),
                [first, ..] => return Found::Uncertain(*first),
                [] => {}
            }
        }
        if let Some(handle) = uncertain {
            return Found::Uncertain(handle);
        }
        for key in &keys {
            let mut candidates: Vec<usize> = self.by_first_word.get(&key.words[0]).cloned().unwrap_or_default();
            if key.words.len() == 1 {
                candidates.extend(self.by_acronym.get(&key.words[0]).into_iter().flatten());
            } else if let Some(short) = self.by_words.get(&vec![acronym_of(&key.words)]) {
                candidates.extend(short);
            }
            for at in candidates {
                let entry = &self.entries[at];
                if entry.keys.iter().any(|k| compare_org_keys(key, k) == NameMatch::Uncertain) {
                    return Found::Uncertain(entry.handle);
                }
            }
        }
        Found::None
    }
}

// ---------------------------------------------------------------------------------------------
// Decisions

/// What makes two decisions one: the same reference (register references such as
/// `CHL-059-15101/23/BM` name their assembly; a bare number such as `2024-087` must also come from
/// the same place), else the same place, date and title — or the same passage of the same document.
#[derive(Debug, Clone)]
pub struct DecisionIdentity {
    /// The reference as a slug: `CHL 012-9751/21/BM` and `CHL-012-9751/21/BM` are one.
    pub reference: Option<String>,
    register: bool,
    pub place: Vec<String>,
    date: String,
    title: Vec<String>,
    document: String,
    quote: Option<String>,
}

impl DecisionIdentity {
    pub fn of(d: &format::Decision) -> DecisionIdentity {
        let reference = d.reference.as_deref().map(str::trim).filter(|r| !r.is_empty());
        DecisionIdentity {
            reference: reference.map(slug).filter(|s| !s.is_empty()),
            register: reference.is_some_and(is_register_reference),
            place: instance_place(&d.instance),
            date: d.date.clone(),
            title: name_key(&d.title),
            document: d.source.document.clone(),
            quote: d.source.quote.clone(),
        }
    }

    /// Whether the two record one act.
    pub fn same_act(&self, other: &DecisionIdentity) -> bool {
        match (&self.reference, &other.reference) {
            (Some(a), Some(b)) => a == b && (self.register || other.register || self.same_body(other)),
            (None, None) => {
                self.same_body(other)
                    && self.date == other.date
                    && (self.title == other.title
                        || (self.document == other.document && self.quote.is_some() && self.quote == other.quote))
            }
            _ => false,
        }
    }

    /// Whether one id given to both would join two acts: their references differ, or their
    /// places do (Istres's 2024-087 is not Martigues's).
    pub fn clearly_other(&self, other: &DecisionIdentity) -> bool {
        let references_differ = matches!((&self.reference, &other.reference), (Some(a), Some(b)) if a != b);
        let places_differ = !self.place.is_empty() && !other.place.is_empty() && !same_place(&self.place, &other.place);
        references_differ || (places_differ && !(self.register && other.register))
    }

    fn same_body(&self, other: &DecisionIdentity) -> bool {
        same_place(&self.place, &other.place) || (self.place.is_empty() && other.place.is_empty())
    }

    /// The key decisions are first sorted by, before `same_act` decides.
    pub fn bucket(&self) -> String {
        match &self.reference {
            Some(r) => format!("ref:{r}"),
            None => format!("date:{}", self.date),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Links

/// What makes two links one act: one decision (by its id once decisions are matched), one kind,
/// the same parties, the same year the money counts in, the same amount.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LinkKey {
    decision: String,
    kind: String,
    from: String,
    to: String,
    others: Vec<String>,
    year: Option<i32>,
    amount: Option<String>,
}

impl LinkKey {
    /// The key of a link whose ids are already those of the export it joins; `decision_date` is
    /// its decision's date, for the year rule of `docs/FORMAT.md` (year, else start, else decision).
    pub fn of(link: &format::Link, decision_date: Option<&str>) -> LinkKey {
        let mut others: Vec<String> =
            link.parties.iter().filter(|p| **p != link.from && **p != link.to).cloned().collect();
        others.sort();
        others.dedup();
        let year = link
            .year
            .or_else(|| link.start.as_deref().and_then(IsoDate::parse).map(|d| d.year))
            .or_else(|| decision_date.and_then(IsoDate::parse).map(|d| d.year));
        LinkKey {
            decision: link.decision.clone(),
            kind: link.kind.clone(),
            from: link.from.clone(),
            to: link.to.clone(),
            others,
            year,
            amount: amount_key(link),
        }
    }
}

impl LinkKey {
    /// The same key without its parties: links alike but for who they bind.
    pub fn without_parties(&self) -> LinkKey {
        LinkKey { from: String::new(), to: String::new(), others: Vec::new(), ..self.clone() }
    }

    /// Its parties, `from` and `to` first.
    pub fn parties(&self) -> Vec<&str> {
        let mut parties = vec![self.from.as_str(), self.to.as_str()];
        parties.extend(self.others.iter().map(String::as_str));
        parties
    }
}

/// An amount as cents, whichever field gives it; the raw text when it does not read (the
/// validator will say so).
fn amount_key(link: &format::Link) -> Option<String> {
    if let Some(c) = link.amount_cents {
        return Some(c.to_string());
    }
    match link.amount.as_ref()? {
        serde_json::Value::String(s) => Some(Cents::parse_euros(s).map_or_else(|_| s.clone(), |c| c.0.to_string())),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(siren: Option<&str>, siret: &[&str], rna: Option<&str>) -> Numbers {
        Numbers {
            siren: siren.map(str::to_string),
            siret: siret.iter().map(|s| (*s).to_string()).collect(),
            rna: rna.map(str::to_string),
        }
    }

    fn index() -> OrgIndex {
        let mut index = OrgIndex::default();
        index.insert(0, &["Chambre de Commerce et d'Industrie Aix-Marseille Provence", "CCIMP"], &Numbers::default());
        index.insert(1, &["Alliance Villes Emploi", "AVE"], &numbers(None, &[], Some("W751234567")));
        index.insert(2, &["Métropole Aix-Marseille-Provence"], &numbers(Some("200054807"), &[], None));
        index.insert(3, &["Les Amis du Vieux Port"], &numbers(None, &["78300112200010"], None));
        index
    }

    #[test]
    fn an_official_number_finds_the_organisation_whatever_its_name() {
        let index = index();
        assert_eq!(index.find(&["METROPOLE AMP"], &numbers(None, &["20005480700017"], None)), Found::Certain(2));
        assert_eq!(index.find(&["?"], &numbers(None, &[], Some("W751234567"))), Found::Certain(1));
        assert_eq!(index.find(&["Amis Vieux-Port"], &numbers(None, &["78300112200010"], None)), Found::Certain(3));
    }

    #[test]
    fn names_as_registers_write_them_are_certain_unless_a_number_contradicts() {
        let index = index();
        let none = Numbers::default();
        assert_eq!(
            index.find(&["CHAMBRE DE COMMERCE ET D’INDUSTRIE AIX MARSEILLE PROVENCE"], &none),
            Found::Certain(0)
        );
        assert_eq!(index.find(&["ASSOCIATION ALLIANCE VILLE EMPLOI"], &none), Found::Certain(1));
        // The same name under another SIRET: a homonym, reported rather than merged.
        let other = numbers(None, &["21130999000011"], None);
        assert_eq!(index.find(&["Association Les Amis du Vieux Port"], &other), Found::Uncertain(3));
    }

    #[test]
    fn alike_names_are_uncertain_and_strangers_none() {
        let index = index();
        let none = Numbers::default();
        assert_eq!(index.find(&["Alliance Emploi"], &none), Found::Uncertain(1));
        assert_eq!(index.find(&["Les Amis du Vieux Port de Marseille"], &none), Found::Uncertain(3));
        assert_eq!(index.find(&["Tremplin"], &none), Found::None);
    }

    fn decision(reference: Option<&str>, instance: &str, date: &str, title: &str) -> format::Decision {
        format::Decision {
            id: "d".into(),
            reference: reference.map(str::to_string),
            instance: instance.into(),
            date: date.into(),
            signed: None,
            title: title.into(),
            rapporteur: None,
            signatory: None,
            members_present: None,
            source: format::Source { document: "x.txt".into(), url: None, quote: None },
        }
    }

    #[test]
    fn a_decision_is_its_reference_and_a_bare_number_its_place_too() {
        let bureau =
            DecisionIdentity::of(&decision(Some("CHL 012-9751/21/BM"), "Bureau de la Métropole", "2021-04-15", "A"));
        let scdl = DecisionIdentity::of(&decision(Some("CHL-012-9751/21/BM"), "AMP", "2021-05-02", "Subventions"));
        assert!(bureau.same_act(&scdl), "a register reference names its assembly");
        let istres = DecisionIdentity::of(&decision(Some("2024-087"), "Conseil municipal d'Istres", "2024-03-01", "T"));
        let martigues =
            DecisionIdentity::of(&decision(Some("2024-087"), "Conseil municipal de Martigues", "2024-03-01", "T"));
        let commune = DecisionIdentity::of(&decision(Some("2024-087"), "COMMUNE D’ISTRES", "2024-03-02", "Subv."));
        assert!(!istres.same_act(&martigues) && istres.clearly_other(&martigues));
        assert!(istres.same_act(&commune));
    }

    #[test]
    fn a_decision_without_reference_is_its_place_date_and_title() {
        let a = DecisionIdentity::of(&decision(
            None,
            "Bureau de la Métropole",
            "2024-06",
            "Convention avec France Travail",
        ));
        let b = DecisionIdentity::of(&decision(
            None,
            "Bureau de la Métropole",
            "2024-06",
            "CONVENTION AVEC FRANCE TRAVAIL",
        ));
        let c = DecisionIdentity::of(&decision(
            None,
            "Bureau de la Métropole",
            "2024-07",
            "Convention avec France Travail",
        ));
        assert!(a.same_act(&b));
        assert!(!a.same_act(&c));
        assert!(!a.clearly_other(&c), "one id for both: the same decision, corrected");
    }

    #[test]
    fn a_link_is_its_decision_parties_kind_year_and_amount() {
        let link = |amount: &str, year: Option<i32>| format::Link {
            id: "x".into(),
            kind: "membership".into(),
            from: "metropole-amp".into(),
            to: "ave".into(),
            parties: Vec::new(),
            decision: "chl-059-15101-23-bm".into(),
            basis: None,
            title: None,
            convention: None,
            amount: Some(serde_json::Value::String(amount.into())),
            amount_cents: None,
            year,
            start: None,
            end: None,
            budget: None,
            purpose: None,
            quote: None,
            sources: Vec::new(),
        };
        let key = LinkKey::of(&link("14205", Some(2024)), Some("2023-12-07"));
        assert_eq!(key, LinkKey::of(&link("14205.00", Some(2024)), None));
        assert_ne!(key, LinkKey::of(&link("14205", None), Some("2023-12-07")), "the year the money counts in");
        assert_eq!(LinkKey::of(&link("1", None), Some("2024-01-01")), LinkKey::of(&link("1", Some(2024)), None));
        assert_ne!(key, LinkKey::of(&link("14206", Some(2024)), None));
    }
}
