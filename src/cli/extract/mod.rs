//! `carte extract`: deliberations as they are published — register extracts of the Bureau or the
//! Conseil de la Métropole, of a municipal council, the Métropole's portal listing, a news item —
//! read into their decision (reference, instance, séance, title, signatory, members present),
//! amounts and what each one is, budget imputation, convention numbers, end dates and named
//! organisations; and the export fragment made of them. What a text does not say goes to
//! `missing`: nothing is guessed.
//!
//! Plain string processing only (no regex crate): every pattern is read on an accent- and
//! case-folded copy of the text whose byte offsets map back to the original, so that every value
//! and every quote is copied from the text as written.
//!
//! One file per concern: `text` (folding, lines, sentences), `shape` (which document is this)
//! with one reader per shape (`register`, `portal`, `news`; a register or a portal page may hold
//! several deliberations), `reference` (what identifies an act), `people`, `dates`, `amounts`,
//! `budget`, `organizations` (names in a text), `collectivity` (départements and régions), `body`
//! (the deliberating body, which pays), `resolve` (which organisation a name is), `parties` (who a
//! sentence names, who a convention is signed with), `fragment` (the export made of it all) and
//! `report` (what is said on standard error: what is missing, every amount that is not a link).

mod amounts;
mod assembly;
mod body;
mod budget;
mod collectivity;
mod context;
mod dates;
mod fragment;
mod heading;
mod news;
mod organizations;
mod parties;
mod people;
mod portal;
mod reference;
mod register;
mod report;
mod resolve;
mod seance;
mod shape;
mod text;
mod words;

#[cfg(test)]
mod test_support;

use std::collections::HashSet;
use std::path::Path;

use crate::cli::names::{name_key, slug_or};
use crate::core::format;
use crate::core::model::Model;

use self::amounts::find_amounts;
use self::body::body_of;
use self::budget::find_budget;
use self::collectivity::{named_alone, Setting};
use self::dates::find_end_dates;
use self::news::read_news;
use self::organizations::find_organizations;
use self::portal::read_portal;
use self::reference::find_conventions;
use self::register::read_register;
use self::resolve::{new_org, Known, Proposals, Resolved};
use self::shape::{detect, Fields, Form};
use self::text::{contains_word_prefix, folded, Prepared, Scope, Sentence};

pub use self::fragment::fragment;
pub(crate) use self::reference::is_register_reference;
pub use self::report::report;

/// What one document yielded.
#[derive(Debug, Clone)]
pub struct DocumentExtraction {
    /// The file name (not the path).
    pub file: String,
    /// The decision; its id is the slug (`names::slug`) of the reference, else of the file name.
    /// A date that could not be read is left empty (and said in `missing`).
    pub decision: format::Decision,
    /// Each amount with what it is.
    pub amounts: Vec<Amount>,
    /// Amounts the text only recalls from another act (an earlier séance, a deliberation cited):
    /// never links of this decision, said on standard error.
    pub recalled: Vec<Amount>,
    /// The budget imputation, e.g. "Budget principal 2024, chapitre 011, nature 6281".
    pub budget: Option<String>,
    /// Convention numbers such as "MET 21/18706/BM".
    pub conventions: Vec<String>,
    /// End dates, ISO ("2027-12-31").
    pub end_dates: Vec<String>,
    /// The organisations named, each once; the deliberating body first when the text does not name it.
    pub organizations: Vec<NamedOrganization>,
    /// French sentences: what could not be found.
    pub missing: Vec<String>,
    /// The sentences of the deciding part that name a convention or a partnership, where the
    /// parties it is signed with are read when the title and the quote do not say them.
    agreements: Vec<String>,
    /// The deliberating body, which pays what it decides (`body::body_of`).
    body: Option<Resolved>,
}

/// An amount read in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// "subvention", "cotisation", "coût total", …; "montant" when the text does not say.
    pub what: String,
    /// Euros as a decimal string: "14205", "50000.50".
    pub euros: String,
    /// The sentence it was read from, as written.
    pub context: String,
}

/// An organisation named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedOrganization {
    /// As written (first occurrence).
    pub name: String,
    /// Its id in the `--against` export, when recognised by name, short name or former name.
    pub matched: Option<String>,
    /// A new kebab-case id, when not matched.
    pub proposed_id: Option<String>,
}

/// Reads one document into its first (usually only) deliberation. Never panics, whatever the text.
pub fn extract_text(file: &str, text: &str, against: Option<&Model>) -> DocumentExtraction {
    let mut all = extract_all(file, text, against);
    all.truncate(1);
    all.pop().unwrap_or_else(|| {
        extract_one(file_name_of(file), Fields::default(), Scope::empty(), &Setting::default(), against)
    })
}

/// Reads every deliberation of a document, in order: a register or a news item holds one, a page
/// of the portal lists those of a séance. Never empty, never panics.
pub fn extract_all(file: &str, text: &str, against: Option<&Model>) -> Vec<DocumentExtraction> {
    let file_name = file_name_of(file);
    let prepared = Prepared::new(text);
    let read = match detect(&prepared) {
        Form::Portal => read_portal(&prepared),
        Form::Register => read_register(&prepared),
        Form::News => vec![read_news(&prepared)],
    };
    let several = read.len() > 1;
    // Where the document stands (the départements and régions it names) is read once, for all its deliberations.
    let setting = Setting::read(text);
    read.into_iter()
        .enumerate()
        .map(|(i, (fields, scope))| {
            let mut doc = extract_one(file_name.clone(), fields, scope, &setting, against);
            // Several deliberations of one page without a reference: the file's name and their rank.
            if several && doc.decision.reference.is_none() {
                doc.decision.id = format!("{}-{}", doc.decision.id, i + 1);
            }
            doc
        })
        .collect()
}

fn file_name_of(file: &str) -> String {
    Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or(file).to_string()
}

/// One deliberation from the fields and the scope a reader found.
fn extract_one(
    file_name: String,
    mut fields: Fields,
    scope: Scope,
    setting: &Setting,
    against: Option<&Model>,
) -> DocumentExtraction {
    let known = Known::from_model(against);

    let mut missing = Vec::new();
    // The decision's own fields first, in the order of the format.
    if fields.reference.is_none() {
        missing.push(fields.reference_note.take().unwrap_or_else(|| "référence introuvable".to_string()));
    }
    let instance = match fields.instance.take() {
        Some(i) => i,
        None => {
            missing.push("instance introuvable (Bureau, Conseil de la Métropole, conseil municipal…)".to_string());
            "Instance non précisée".to_string()
        }
    };
    let date = match fields.date {
        Some(d) => d.to_string(),
        None => {
            missing.push("date de la séance introuvable : la décision ne peut pas entrer dans le fragment".to_string());
            String::new()
        }
    };
    let title_read = fields.title.is_some();
    let title = match fields.title.take() {
        Some(t) => t,
        None => {
            missing.push("objet (titre) de la décision introuvable".to_string());
            format!("Objet non trouvé dans {file_name}")
        }
    };
    if fields.members.is_none() {
        missing.push("nombre de membres présents introuvable".to_string());
    }
    if fields.rapporteur.is_none() && fields.signatory.is_none() {
        missing.push("rapporteur ou signataire introuvable".to_string());
    }
    missing.append(&mut fields.notes);

    // Amounts, budget, conventions and end dates, read over the sentences that carry content.
    let sentences: Vec<Sentence> = scope.sentences();
    let read = find_amounts(&sentences, fields.date);
    let (amounts, recalled, mut amount_notes) = (read.amounts, read.recalled, read.notes);
    let budget = find_budget(&sentences);
    let conventions = find_conventions(&scope.joined());
    let end_dates = find_end_dates(&sentences);
    let money = amounts.iter().any(|a| matches!(a.what.as_str(), "subvention" | "cotisation" | "participation"));
    if money && budget.is_none() {
        missing.push("imputation budgétaire introuvable (chapitre, nature)".to_string());
    }
    let approves_convention = [Some(title.as_str()), fields.quote.as_deref()]
        .into_iter()
        .flatten()
        .any(|s| contains_word_prefix(&folded(s), "convention"));
    if approves_convention && end_dates.is_empty() {
        missing.push("date de fin de la convention non précisée".to_string());
    }
    missing.append(&mut amount_notes);
    let agreements: Vec<String> = sentences
        .iter()
        .filter(|s| {
            s.deciding && ["convention", "partenariat"].iter().any(|w| contains_word_prefix(&folded(&s.text), w))
        })
        .map(|s| s.text.clone())
        .collect();

    // Organisations, with the deliberating body first when the text does not name it.
    let body = match body_of(&instance, setting, &known) {
        Ok(body) => body,
        Err(why) => {
            missing.push(why);
            None
        }
    };
    let mut organizations = Vec::new();
    let mut seen = HashSet::new();
    let mut proposals = Proposals::default();
    if let Some(b @ Resolved::New { name, .. }) = &body {
        proposals.add(name_key(name), b.clone());
    }
    let found = find_organizations(&scope.joined(), &known, body.as_ref(), &mut proposals);
    let mut ambiguous = Vec::new();
    for f in &found {
        if let Some(note) = &f.ambiguous {
            if !ambiguous.contains(note) {
                ambiguous.push(note.clone());
            }
        }
    }
    // The body as the reference export (or the proposal) names it.
    let body_name = body.as_ref().map(|b| match b {
        Resolved::Known(id) => against
            .and_then(|m| m.org_by_id(id).map(|ix| m.organizations[ix].name.clone()))
            .unwrap_or_else(|| id.clone()),
        Resolved::New { name, .. } => name.clone(),
    });
    if let (Some(b), Some(name)) = (&body, &body_name) {
        // Not written in the text: named as the reference export (or the proposal) names it.
        if !found.iter().any(|f| f.resolved.id() == b.id()) && seen.insert(b.id().to_string()) {
            organizations.push(b.named(name));
        }
    }
    for f in &found {
        if seen.insert(f.resolved.id().to_string()) {
            organizations.push(f.resolved.named(&f.written));
        }
    }
    // « le Département », « la Région » named alone: the one of the text's context, else said.
    let text = scope.joined();
    let alone = [
        ("departement", "« Département » nommé seul", setting.departement_alone(body_name.as_deref())),
        ("region", "« Région » nommée seule", setting.region_alone(body_name.as_deref())),
    ];
    for (word, said, of_context) in alone {
        if !named_alone(&text, word) {
            continue;
        }
        match of_context {
            Some(name) => {
                let key = name_key(&name);
                let r = match known.resolve(&key) {
                    Ok(Some(o)) => Resolved::Known(o.id.clone()),
                    _ => new_org(&name, "local-authority", &known, body.as_ref(), &key, &mut proposals),
                };
                if seen.insert(r.id().to_string()) {
                    organizations.push(r.named(&name));
                }
            }
            None => missing.push(format!(
                "{said} : le texte ne dit pas lequel et l'organisme qui délibère n'en dit rien ; non relié, à vérifier"
            )),
        }
    }
    if body.is_none() {
        missing.push("organisme qui délibère introuvable (payeur des montants)".to_string());
    }
    let body_id = body.as_ref().map(Resolved::id);
    let partners =
        organizations.iter().filter(|o| o.matched.as_deref().or(o.proposed_id.as_deref()) != body_id).count();
    if partners == 0 {
        missing.push("aucune organisation partenaire nommée".to_string());
    }
    missing.extend(ambiguous);
    // A decision left out for want of a date is not lost without a word: what was read is said.
    if date.is_empty() {
        let mut read = Vec::new();
        if let Some(r) = &fields.reference {
            read.push(format!("n° {r}"));
        }
        if title_read {
            read.push(format!("objet « {title} »"));
        }
        let names: Vec<&str> = organizations
            .iter()
            .filter(|o| o.matched.as_deref().or(o.proposed_id.as_deref()) != body_id)
            .map(|o| o.name.as_str())
            .collect();
        if !names.is_empty() {
            read.push(format!("organisations nommées : {}", names.join(", ")));
        }
        if !read.is_empty() {
            missing.push(format!("décision écartée faute de date de séance, lue : {}", read.join(" ; ")));
        }
    }

    let id_source = match &fields.reference {
        Some(r) => r.as_str(),
        None => file_name.rsplit_once('.').map_or(file_name.as_str(), |(stem, _)| stem),
    };
    let decision = format::Decision {
        id: slug_or(id_source, "decision"),
        reference: fields.reference,
        instance,
        date,
        signed: fields.signed.map(|d| d.to_string()),
        title,
        rapporteur: fields.rapporteur,
        signatory: fields.signatory,
        members_present: fields.members,
        source: format::Source { document: file_name.clone(), url: None, quote: fields.quote },
    };
    DocumentExtraction {
        file: file_name,
        decision,
        amounts,
        recalled,
        budget,
        conventions,
        end_dates,
        organizations,
        missing,
        agreements,
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::extract::test_support::reference_model;

    #[test]
    fn what_a_text_does_not_say_is_said_in_french_not_filled_in() {
        let doc = extract_text("/tmp/dépôt/Note du 3 mai.txt", "Objet : soutien à l’association Tremplin", None);
        assert_eq!(doc.file, "Note du 3 mai.txt");
        assert_eq!(doc.decision.id, "note-du-3-mai");
        assert_eq!(doc.decision.date, "");
        assert_eq!(doc.decision.instance, "Instance non précisée");
        for expected in [
            "instance introuvable (Bureau, Conseil de la Métropole, conseil municipal…)",
            "date de la séance introuvable : la décision ne peut pas entrer dans le fragment",
            "organisme qui délibère introuvable (payeur des montants)",
        ] {
            assert!(doc.missing.iter().any(|m| m == expected), "{expected:?} not in {:#?}", doc.missing);
        }
    }

    #[test]
    fn an_empty_file_is_read_without_panic() {
        let doc = extract_text("vide.txt", "", None);
        assert_eq!(doc.decision.id, "vide");
        assert_eq!(doc.decision.title, "Objet non trouvé dans vide.txt");
        assert!(doc.amounts.is_empty() && doc.organizations.is_empty());
        let doc = extract_text(".txt", "\u{feff}\n\n", None);
        assert_eq!(doc.decision.id, "decision");
    }

    #[test]
    fn the_deliberating_body_comes_first_then_the_partners_named() {
        let model = reference_model();
        let text = "Bureau de la Métropole\nSéance du 7 décembre 2023\nCHL-059-15101/23/BM – Adhésion à l'association Alliance Villes Emploi\nDélibère\nArticle 1 : La cotisation 2024 de 14 205 € à l'AVE est approuvée.";
        let doc = extract_text("ave.txt", text, Some(&model));
        let named: Vec<(&str, Option<&str>)> =
            doc.organizations.iter().map(|o| (o.name.as_str(), o.matched.as_deref())).collect();
        assert_eq!(
            named,
            [("Métropole Aix-Marseille-Provence", Some("metropole-amp")), ("Alliance Villes Emploi", Some("ave"))]
        );
        assert_eq!(doc.decision.id, "chl-059-15101-23-bm");
        assert_eq!(
            doc.amounts,
            [Amount {
                what: "cotisation".into(),
                euros: "14205".into(),
                context: "Article 1 : La cotisation 2024 de 14 205 € à l'AVE est approuvée.".into()
            }]
        );
        assert!(doc.missing.contains(&"imputation budgétaire introuvable (chapitre, nature)".to_string()));
    }
}
