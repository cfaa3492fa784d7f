//! The export fragment made of the documents read: decisions, the organisations they name
//! (copied from the reference export or proposed), and only the links the texts state.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::cli::names::{name_key, slug, unique_id};
use crate::core::format::{self, Export, SCHEMA_V1};
use crate::core::model::{IsoDate, Model};

use super::dates::year_of;
use super::organizations::{find_organizations, infer_kind};
use super::parties::{convention_parties, parties_in};
use super::resolve::{display_name, Known, Proposals, Resolved};
use super::text::{folded, runs, Folded};
use super::DocumentExtraction;

/// The fragment: a complete export of the documents whose séance date was found. Organisations:
/// those matched (copied from `against` with their ancestors) and those proposed. Links only where
/// the text states them: an amount (subsidy, membership fee) paid by the deliberating body to one
/// named organisation, in a sentence that decides it; a convention between named organisations.
pub fn fragment(docs: &[DocumentExtraction], against: Option<&Model>) -> Export {
    let known = Known::from_model(against);
    let mut out = FragmentBuilder::new(against);
    let (included, left_out): (Vec<&DocumentExtraction>, Vec<&DocumentExtraction>) =
        docs.iter().partition(|d| IsoDate::parse(&d.decision.date).is_some());
    let bodies: Vec<Option<Resolved>> = included.iter().map(|d| d.body.clone()).collect();

    // One registry of proposals for all documents: the bodies under their own names first, then
    // what each document proposed, so that one organisation proposed by two documents is one.
    let mut proposals = Proposals::default();
    for b in bodies.iter().flatten() {
        if let Resolved::New { name, .. } = b {
            proposals.add(name_key(name), b.clone());
        }
    }
    let mut doc_orgs: Vec<Vec<Resolved>> = Vec::new();
    for doc in &included {
        let mut list = Vec::new();
        for o in &doc.organizations {
            match (&o.matched, &o.proposed_id) {
                (Some(id), _) => list.push(Resolved::Known(id.clone())),
                (None, Some(id)) => {
                    let key = name_key(&o.name);
                    let r = proposals.find(&key).unwrap_or_else(|| Resolved::New {
                        id: id.clone(),
                        name: display_name(&o.name),
                        kind: "",
                    });
                    proposals.add(key, r.clone());
                    list.push(r);
                }
                _ => {}
            }
        }
        doc_orgs.push(list);
    }
    // The kinds the introducing words give ("association X"), read again in the sentences kept.
    for (doc, body) in included.iter().zip(&bodies) {
        let sentences = [Some(doc.decision.title.as_str()), doc.decision.source.quote.as_deref()]
            .into_iter()
            .flatten()
            .chain(doc.amounts.iter().map(|a| a.context.as_str()));
        for sentence in sentences {
            for f in find_organizations(sentence, &known, body.as_ref(), &mut proposals) {
                if let (Resolved::New { id, .. }, Some(kind)) = (&f.resolved, f.kind) {
                    out.kinds.entry(id.clone()).or_insert(kind);
                }
            }
        }
    }

    for ((doc, body), orgs) in included.iter().zip(&bodies).zip(&doc_orgs) {
        let mut decision = doc.decision.clone();
        decision.id = unique_id(&decision.id, &mut out.decision_ids);
        decision.signed = decision.signed.filter(|s| IsoDate::parse(s).is_some());
        let decision_year = IsoDate::parse(&decision.date).map(|d| d.year);
        if let Some(body) = body {
            out.resolved_org(body, &doc.file);
        }
        for r in orgs {
            out.resolved_org(r, &doc.file);
        }
        if let Some(body) = body {
            money_links(doc, &decision.id, decision_year, body, &known, &mut proposals, &mut out);
            convention_link(doc, &decision, decision_year, body, &known, &mut proposals, &mut out);
        }
        out.decisions.push(decision);
    }
    // An organisation matched in an export not given here cannot be copied: its links would dangle.
    let present = out.org_ids.clone();
    out.links.retain(|l| {
        present.contains(&l.from) && present.contains(&l.to) && l.parties.iter().all(|p| present.contains(p))
    });
    let left_out: Vec<String> = left_out.iter().map(|d| d.file.clone()).collect();
    let n = out.decisions.len();
    let title =
        if n > 1 { format!("Extrait de {n} délibérations") } else { format!("Extrait de {n} délibération") };
    let mut description = "Fragment proposé par « carte extract » : décisions relevées dans les textes, organisations \
                           reconnues ou proposées, liens énoncés par les textes ; à relire avant fusion."
        .to_string();
    if !left_out.is_empty() {
        description.push_str(&format!(" Écartés faute de date de séance : {}.", left_out.join(", ")));
    }
    Export {
        schema: SCHEMA_V1.to_string(),
        title,
        description: Some(description),
        organizations: out.organizations,
        decisions: out.decisions,
        links: out.links,
        indicators: Vec::new(),
        story: Vec::new(),
    }
}

/// The fragment as it is built: what it holds so far and the ids already taken.
struct FragmentBuilder<'a> {
    against: Option<&'a Model>,
    organizations: Vec<format::Organization>,
    org_ids: HashSet<String>,
    decisions: Vec<format::Decision>,
    decision_ids: HashSet<String>,
    links: Vec<format::Link>,
    link_ids: HashSet<String>,
    /// Kinds of proposed organisations, as their introducing words give them.
    kinds: HashMap<String, &'static str>,
}

impl<'a> FragmentBuilder<'a> {
    fn new(against: Option<&'a Model>) -> FragmentBuilder<'a> {
        FragmentBuilder {
            against,
            organizations: Vec::new(),
            org_ids: HashSet::new(),
            decisions: Vec::new(),
            decision_ids: HashSet::new(),
            links: Vec::new(),
            link_ids: HashSet::new(),
            kinds: HashMap::new(),
        }
    }

    /// Copies a known organisation, and its ancestors so that `parent` stays valid.
    fn known_org(&mut self, id: &str) {
        let Some(model) = self.against else { return };
        let mut next = model.org_by_id(id);
        while let Some(ix) = next {
            let o = &model.organizations[ix];
            if !self.org_ids.insert(o.id.clone()) {
                return;
            }
            self.organizations.push(crate::cli::io::wire_organization(model, ix));
            next = o.parent;
        }
    }

    fn new_org(&mut self, id: &str, name: &str, kind: &str, file: &str) {
        if self.org_ids.contains(id) {
            return;
        }
        self.org_ids.insert(id.to_string());
        let name = display_name(name);
        let kind = match kind {
            "" => self.kinds.get(id).copied().unwrap_or_else(|| infer_kind(&name)),
            k => k,
        };
        let reference = if self.against.is_some() {
            "absente de l'export de référence"
        } else {
            "aucun export de référence donné"
        };
        self.organizations.push(format::Organization {
            description: Some(format!(
                "Proposée par « carte extract » d'après {file} ({reference}) ; nature déduite du texte, à vérifier."
            )),
            ..format::Organization::new(id.to_string(), name, kind)
        });
    }

    fn resolved_org(&mut self, r: &Resolved, file: &str) {
        match r {
            Resolved::Known(id) => self.known_org(id),
            Resolved::New { id, name, kind } => self.new_org(id, name, kind, file),
        }
    }

    fn label(&self, id: &str) -> String {
        self.organizations
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_string(), |o| o.short_name.clone().unwrap_or_else(|| o.name.clone()))
    }

    fn push_link(&mut self, mut link: format::Link) {
        link.id = unique_id(&slug(&link.id), &mut self.link_ids);
        self.links.push(link);
    }
}

/// Money links: subsidy or membership fee paid by the body to the one organisation the deciding sentence names.
fn money_links(
    doc: &DocumentExtraction,
    decision_id: &str,
    decision_year: Option<i32>,
    body: &Resolved,
    known: &Known,
    proposals: &mut Proposals,
    out: &mut FragmentBuilder,
) {
    for a in &doc.amounts {
        let (kind, word) = match a.what.as_str() {
            "subvention" => ("subsidy", "Subvention"),
            "cotisation" => ("membership", "Cotisation"),
            _ => continue,
        };
        if !decides(&a.context) {
            continue;
        }
        let named: Vec<(usize, Resolved)> = parties_in(&a.context, known, body, proposals)
            .into_iter()
            .filter(|p| p.resolved.id() != body.id())
            .map(|p| (p.start, p.resolved))
            .collect();
        let beneficiary = match named.len() {
            1 => named.into_iter().next().map(|(_, r)| r),
            0 => None,
            _ => {
                // Several names: the one the money goes "à", "au", "en faveur de".
                let f = Folded::new(&a.context);
                let to: Vec<Resolved> = named
                    .into_iter()
                    .filter(|(start, _)| {
                        let fb = f.map.iter().position(|&o| o >= *start).unwrap_or(0);
                        let before = runs(&f.text[..fb]);
                        before
                            .iter()
                            .rev()
                            .take(3)
                            .any(|r| matches!(r.word, "a" | "au" | "aux" | "faveur" | "profit" | "beneficiaire"))
                    })
                    .map(|(_, r)| r)
                    .collect();
                (to.len() == 1).then(|| to.into_iter().next()).flatten()
            }
        };
        let Some(to) = beneficiary else { continue };
        out.resolved_org(body, &doc.file);
        out.resolved_org(&to, &doc.file);
        let year = year_for(&a.context);
        let to_label = out.label(to.id());
        let title = match year {
            Some(y) => format!("{word} {y} à {to_label}"),
            None => format!("{word} à {to_label}"),
        };
        let id_year = year.or(decision_year).map(|y| y.to_string()).unwrap_or_default();
        out.push_link(format::Link {
            id: format!("{}-{}-{}-{}", body.id(), to.id(), word, id_year),
            kind: kind.to_string(),
            from: body.id().to_string(),
            to: to.id().to_string(),
            parties: Vec::new(),
            decision: decision_id.to_string(),
            basis: None,
            title: Some(title),
            convention: (doc.conventions.len() == 1).then(|| doc.conventions[0].clone()),
            amount: Some(Value::String(a.euros.clone())),
            amount_cents: None,
            year,
            start: None,
            end: None,
            budget: doc.budget.clone(),
            purpose: None,
            quote: Some(a.context.clone()),
            sources: Vec::new(),
        });
    }
}

/// A convention (or partnership) the title or the deciding sentence states, between the parties it
/// is signed with (`parties::convention_parties`): « entre X et Y », else the body and those its
/// phrase introduces (« avec Euroméditerranée »).
fn convention_link(
    doc: &DocumentExtraction,
    decision: &format::Decision,
    decision_year: Option<i32>,
    body: &Resolved,
    known: &Known,
    proposals: &mut Proposals,
    out: &mut FragmentBuilder,
) {
    let sentences = [Some(decision.title.as_str()), decision.source.quote.as_deref()]
        .into_iter()
        .flatten()
        .chain(doc.agreements.iter().map(String::as_str));
    for sentence in sentences {
        let f = Folded::new(sentence);
        let Some(parties) = convention_parties(sentence, known, body, proposals) else { continue };
        for p in &parties {
            out.resolved_org(p, &doc.file);
        }
        let labels: Vec<String> = parties.iter().map(|p| out.label(p.id())).collect();
        let word = if f.text.contains("convention") { "Convention" } else { "Partenariat" };
        let title = match labels.split_last() {
            Some((last, rest)) => format!("{word} entre {} et {last}", rest.join(", ")),
            None => continue,
        };
        let year = decision_year.map(|y| y.to_string()).unwrap_or_default();
        out.push_link(format::Link {
            id: format!("{}-{}-convention-{year}", parties[0].id(), parties[1].id()),
            kind: "partnership".to_string(),
            from: parties[0].id().to_string(),
            to: parties[1].id().to_string(),
            parties: if parties.len() > 2 { parties.iter().map(|p| p.id().to_string()).collect() } else { Vec::new() },
            decision: decision.id.clone(),
            basis: None,
            title: Some(title),
            convention: (doc.conventions.len() == 1).then(|| doc.conventions[0].clone()),
            amount: None,
            amount_cents: None,
            year: None,
            start: None,
            end: (doc.end_dates.len() == 1).then(|| doc.end_dates[0].clone()),
            budget: None,
            purpose: None,
            quote: Some(sentence.to_string()),
            sources: Vec::new(),
        });
        return;
    }
}

/// Whether a sentence decides (or, in a summary, proposes) the payment rather than recalls one.
fn decides(context: &str) -> bool {
    let f = folded(context);
    let recalls =
        ["avait", "a ete attribue", "ont ete attribue", "a attribue", "a verse", "precedemment", "deja ete vote"]
            .iter()
            .any(|m| f.contains(m));
    let decides = [
        "attribu",
        "approuv",
        "accord",
        "allou",
        "octroi",
        "octroy",
        "decide",
        "autoris",
        "versement",
        "verser",
        "paiement",
        // « le Conseil municipal vote les subventions proposées », « de voter les subventions suivantes ».
        "vote",
    ]
    .iter()
    .any(|m| f.contains(m));
    decides && !recalls
}

/// The year the money is for: "au titre de l'année 2021", "cotisation 2024", "exercice 2024".
fn year_for(context: &str) -> Option<i32> {
    let f = folded(context);
    let r = runs(&f);
    r.windows(2).find_map(|w| {
        matches!(w[0].word, "annee" | "exercice" | "cotisation" | "subvention" | "titre" | "pour" | "budget")
            .then(|| year_of(w[1].word))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::extract::extract_text;
    use crate::cli::extract::test_support::reference_model;
    use crate::core::validate::validate;

    const ISTRES: &str = "VILLE D'ISTRES
EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
Séance du jeudi 1er février 2024
Présents : 27
Délibération n° 2024-011
Objet : Subventions aux associations Œuvres Sociales de l’Étang et Les Amis du Vieux Port
Rapporteur : Madame Anne DUPONT, Adjointe
DÉLIBÈRE
Article 1 : Une subvention de 12 500 € est attribuée à l’association Œuvres Sociales de l’Étang au titre de l’année 2024.
Article 2 : Une subvention de 3 000,50 € est attribuée à l’association Les Amis du Vieux Port.
Article 3 : La dépense est imputée au budget principal 2024, chapitre 65, article 6574.
Certifié conforme,
Le Maire
François BERNARDINI";

    const CONVENTION: &str = "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU BUREAU DE LA MÉTROPOLE
Séance du 12 octobre 2023
CHL 023-14635/23/BM ■ Approbation d'une convention de partenariat entre la Ville de Martigues et France Travail Bouches-du-Rhône
Délibère
Article 1 : La convention est approuvée. Elle prend fin le 31 décembre 2025.";

    /// The fragment, after the widget's own validator has read it back.
    fn valid(export: &Export) -> Export {
        let text = serde_json::to_string_pretty(export).expect("serialisable");
        if let Err(problems) = validate(&text) {
            panic!("fragment refused: {:#?}\n{text}", problems.list);
        }
        export.clone()
    }

    #[test]
    fn each_subsidy_a_municipal_council_decides_is_a_link() {
        let doc = extract_text("istres.txt", ISTRES, None);
        let export = valid(&fragment(&[doc], None));
        assert_eq!(export.title, "Extrait de 1 délibération");
        let ids: Vec<&str> = export.organizations.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["commune-d-istres", "oeuvres-sociales-de-l-etang", "les-amis-du-vieux-port"]);
        assert!(export.organizations[1..].iter().all(|o| o.kind == "association"));
        let links: Vec<(&str, &str, Option<i32>)> =
            export.links.iter().map(|l| (l.id.as_str(), l.kind.as_str(), l.year)).collect();
        assert_eq!(
            links,
            [
                ("commune-d-istres-oeuvres-sociales-de-l-etang-subvention-2024", "subsidy", Some(2024)),
                ("commune-d-istres-les-amis-du-vieux-port-subvention-2024", "subsidy", None)
            ]
        );
        assert_eq!(export.links[1].amount, Some(Value::String("3000.50".into())));
        assert_eq!(export.links[0].budget.as_deref(), Some("Budget principal 2024, chapitre 65, article 6574"));
        assert_eq!(export.links[0].title.as_deref(), Some("Subvention 2024 à Œuvres Sociales de l’Étang"));
    }

    #[test]
    fn a_convention_between_known_organisations_copies_them_with_their_parents() {
        let model = reference_model();
        let doc = extract_text("convention.txt", CONVENTION, Some(&model));
        let export = valid(&fragment(&[doc], Some(&model)));
        let ids: Vec<&str> = export.organizations.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["metropole-amp", "martigues", "france-travail-13", "france-travail"]);
        assert_eq!(export.links.len(), 1);
        let link = &export.links[0];
        assert_eq!(
            (link.from.as_str(), link.to.as_str(), link.kind.as_str()),
            ("martigues", "france-travail-13", "partnership")
        );
        assert_eq!(link.end.as_deref(), Some("2025-12-31"));
        assert_eq!(
            link.title.as_deref(),
            Some("Convention entre Ville de Martigues et France Travail Bouches-du-Rhône")
        );
    }

    #[test]
    fn documents_without_a_seance_date_are_left_out_and_named() {
        let dated = extract_text("istres.txt", ISTRES, None);
        let undated = extract_text("brouillon.txt", "Objet : Subvention à l'association Tremplin", None);
        let export = valid(&fragment(&[dated.clone(), undated, dated], None));
        assert_eq!(export.title, "Extrait de 2 délibérations");
        assert!(export
            .description
            .as_deref()
            .is_some_and(|d| d.ends_with("Écartés faute de date de séance : brouillon.txt.")));
        // Read twice, decided once: two decisions with two ids, one set of organisations.
        let ids: Vec<&str> = export.decisions.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["2024-011", "2024-011-2"]);
        assert_eq!(export.organizations.len(), 3);
        assert_eq!(export.links.len(), 4);
    }

    #[test]
    fn only_sentences_that_decide_make_links() {
        assert!(decides("Article 1 : Une subvention de 12 500 € est attribuée à l’association."));
        assert!(decides("Il est proposé d'autoriser le versement de la cotisation 2024."));
        assert!(decides("Il est proposé d’octroyer une subvention aux associations suivantes : - 150 €uros au Club"));
        assert!(!decides("En 2022, une subvention de 10 000 € avait été attribuée à l'association."));
        assert!(!decides("La Métropole a versé 5 000 € en 2023."));
        assert!(!decides("Le coût total de l'opération est de 50 000 €."));
        assert!(decides("Il est donc proposé au Conseil de voter les subventions suivantes : • ASGC : 332 €"));
        assert!(!decides("une somme de 200 000 €, dont 116 000 € ont déjà été votés"));
    }

    #[test]
    fn the_year_the_money_is_for() {
        assert_eq!(year_for("au titre de l’année 2021"), Some(2021));
        assert_eq!(year_for("la cotisation 2024 à l'AVE"), Some(2024));
        assert_eq!(year_for("POUR L'EXERCICE 2023"), Some(2023));
        assert_eq!(year_for("une subvention de 2 000 €"), None);
    }
}
