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
//! Being split into one file per concern; moved so far: `text`, `dates`, `amounts`, `budget`, `reference`, `people`, `organizations`, `resolve`.

mod amounts;
mod budget;
mod dates;
mod organizations;
mod people;
mod reference;
mod resolve;
mod text;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::Value;

use crate::cli::names::{name_key, slug, slug_or, unique_id};
use crate::core::format::{self, Export, SCHEMA_V1};
use crate::core::model::{IsoDate, Model};

use self::amounts::{amounts_in, find_amounts};
use self::budget::find_budget;
use self::dates::{dates_in, find_end_dates, last_month, words_date, year_of};
use self::organizations::{find_organizations, infer_kind};
use self::people::{person_name, rapporteur_of, signatory};
use self::reference::{find_conventions, find_reference_line, numbered_reference, reference_len, strip_internal_code};
use self::resolve::{body_of, display_name, Known, Proposals, Resolved};
use self::text::{
    contains_word_prefix, find_word, find_word_from, folded, is_all_caps, runs, split_sentences, title_case, Folded,
    Logical, Prepared, Scope, Sentence,
};

/// What one document yielded.
#[derive(Debug, Clone)]
pub struct DocumentExtraction {
    /// The file name (not the path).
    pub file: String,
    /// The decision; its id comes from the reference (lowercase, non-alphanumerics → '-'), else
    /// from the file name. A date that could not be read is left empty (and said in `missing`).
    pub decision: format::Decision,
    /// Each amount with what it is.
    pub amounts: Vec<Amount>,
    /// The budget imputation, e.g. "Budget principal 2024, chapitre 011, nature 6281".
    pub budget: Option<String>,
    /// Convention numbers such as "MET 21/18706/BM".
    pub conventions: Vec<String>,
    /// End dates, ISO ("2027-12-31").
    pub end_dates: Vec<String>,
    pub organizations: Vec<NamedOrganization>,
    /// French sentences: what could not be found.
    pub missing: Vec<String>,
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

/// Reads one document. Never panics, whatever the text.
pub fn extract_text(file: &str, text: &str, against: Option<&Model>) -> DocumentExtraction {
    let file_name = Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or(file).to_string();
    let prepared = Prepared::new(text);
    let known = Known::from_model(against);
    let (mut fields, scope) = match detect(&prepared) {
        Form::Portal => read_portal(&prepared),
        Form::Register => read_register(&prepared),
        Form::News => read_news(&prepared),
    };

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
    let (amounts, mut amount_notes) = find_amounts(&sentences);
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

    // Organisations, with the deliberating body first when the text does not name it.
    let body = body_of(&instance, &known);
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
    if let Some(b) = &body {
        if !found.iter().any(|f| f.resolved.id() == b.id()) && seen.insert(b.id().to_string()) {
            // Not written in the text: named as the reference export (or the proposal) names it.
            let name = match b {
                Resolved::Known(id) => against
                    .and_then(|m| m.org_by_id(id).map(|ix| m.organizations[ix].name.clone()))
                    .unwrap_or_else(|| id.clone()),
                Resolved::New { name, .. } => name.clone(),
            };
            organizations.push(b.named(&name));
        }
    }
    for f in &found {
        if seen.insert(f.resolved.id().to_string()) {
            organizations.push(f.resolved.named(&f.written));
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
    DocumentExtraction { file: file_name, decision, amounts, budget, conventions, end_dates, organizations, missing }
}

/// The fragment: a complete export of the documents whose séance date was found. Organisations:
/// those matched (copied from `against` with their ancestors) and those proposed. Links only where
/// the text states them: an amount (subsidy, membership fee) paid by the deliberating body to one
/// named organisation, in a sentence that decides it; a convention between named organisations.
pub fn fragment(docs: &[DocumentExtraction], against: Option<&Model>) -> Export {
    let known = Known::from_model(against);
    let mut out = FragmentBuilder::new(against);
    let (included, left_out): (Vec<&DocumentExtraction>, Vec<&DocumentExtraction>) =
        docs.iter().partition(|d| IsoDate::parse(&d.decision.date).is_some());
    let bodies: Vec<Option<Resolved>> = included.iter().map(|d| body_of(&d.decision.instance, &known)).collect();

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

enum Form {
    /// A register extract: Bureau, Conseil de la Métropole, municipal council.
    Register,
    /// The portal's listing: "Délibération du JJ/MM/AAAA", Instance, Commission, Rapporteur, …
    Portal,
    /// Anything else, such as a news item about a decision.
    News,
}

/// The fields of the decision as read; `None` is reported, never filled in.
#[derive(Default)]
struct Fields {
    reference: Option<String>,
    /// What to say when there is no reference (a news item has none by nature).
    reference_note: Option<String>,
    instance: Option<String>,
    date: Option<IsoDate>,
    signed: Option<IsoDate>,
    title: Option<String>,
    rapporteur: Option<String>,
    signatory: Option<String>,
    members: Option<u32>,
    quote: Option<String>,
    notes: Vec<String>,
}

fn detect(p: &Prepared) -> Form {
    let head: Vec<&Logical> = p.logical.iter().take(6).collect();
    if head.iter().any(|l| portal_header(&l.text).is_some()) {
        return Form::Portal;
    }
    let start: String = p.logical.iter().take(25).map(|l| folded(&l.text)).collect::<Vec<_>>().join("\n");
    let register_marks =
        ["registre des deliberations", "extrait du registre", "extrait des registres", "conseil municipal"];
    let has_seance = p.logical.iter().take(25).any(|l| folded(&l.text).starts_with("seance"));
    // Even a truncated register keeps its "Délibère" or its articles.
    let deliberates = p.logical.iter().any(|l| {
        let f = folded(&l.text);
        f.starts_with("delibere") || f.starts_with("article 1") || f.starts_with("article premier")
    });
    if register_marks.iter().any(|m| start.contains(m))
        || has_seance
        || deliberates
        || find_reference_line(p, p.logical.len()).is_some()
    {
        return Form::Register;
    }
    if p.logical.iter().any(|l| portal_header(&l.text).is_some()) {
        return Form::Portal;
    }
    Form::News
}

/// "Délibération du 07/12/2023" at the start of a line → the date.
fn portal_header(line: &str) -> Option<(IsoDate, usize)> {
    let f = Folded::new(line);
    let rest = f.text.strip_prefix("deliberation du ")?;
    let offset = f.text.len() - rest.len();
    let d = dates_in(rest).into_iter().next().filter(|d| d.start == 0 && d.date.day.is_some())?;
    Some((d.date, f.orig(offset + d.end)))
}

fn read_register(p: &Prepared) -> (Fields, Scope) {
    let mut fields = Fields::default();
    let n = p.logical.len();
    let folded_lines: Vec<String> = p.logical.iter().map(|l| folded(&l.text)).collect();

    // The deciding part: from "Délibère" (or "Décide", or the first article) to the signature.
    let decide_start = folded_lines
        .iter()
        .position(|f| {
            let f = f.trim_start_matches(['-', ' ']);
            f.starts_with("delibere")
                || f.starts_with("decide")
                || f.starts_with("article 1")
                || f.starts_with("article premier")
                || f.starts_with("article unique")
                || f.contains("apres en avoir delibere")
        })
        .unwrap_or(n);
    let signature_start = folded_lines
        .iter()
        .enumerate()
        .skip(decide_start)
        .find(|(_, f)| is_signature_mark(f) || f.starts_with("cette proposition mise aux voix"))
        .map_or(n, |(i, _)| i);

    // Header: up to the séance line (or the first lines).
    let seance_ix = folded_lines.iter().take(30).position(|f| f.starts_with("seance") || f.contains("seance du"));
    let header_end = seance_ix.map_or(n.min(8), |i| i + 1);
    let header: Vec<&str> = p.logical[..header_end].iter().map(|l| l.text.as_str()).collect();

    let (instance, commune_missing) = register_instance(&header, &p.logical[..decide_start.min(n)]);
    fields.instance = instance;
    if commune_missing {
        fields.notes.push("commune du conseil municipal introuvable dans l'en-tête".to_string());
    }

    // Date of the séance: "Séance du jeudi 7 décembre 2023", "L'an deux mille vingt-quatre, le quinze mars".
    fields.date = seance_ix
        .and_then(|i| {
            let f = &folded_lines[i];
            let from = f.find("seance").unwrap_or(0);
            dates_in(&f[from..]).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date)
        })
        .or_else(|| folded_lines.iter().take(decide_start).find_map(|f| words_date(f)))
        .or_else(|| {
            folded_lines
                .iter()
                .take(decide_start.min(20))
                .filter(|f| f.contains("reuni") || f.contains("assemble"))
                .find_map(|f| dates_in(f).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date))
        });

    fields.members = p.logical.iter().take(decide_start).find_map(|l| members_present(&folded(&l.text)));

    // Reference, and the title that follows it (or an "Objet :" line).
    let reference_line = find_reference_line(p, decide_start);
    if let Some((ix, reference, rest)) = &reference_line {
        fields.reference = Some(reference.clone());
        if !rest.is_empty() {
            fields.title = Some(strip_internal_code(rest));
        } else {
            fields.title = p.logical[ix + 1..decide_start.max(ix + 1).min(n)]
                .iter()
                .map(|l| l.text.trim())
                .find(|t| !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()))
                .map(strip_internal_code);
        }
    }
    if let Some(objet) = p.logical.iter().take(decide_start).find_map(|l| labelled(&l.text, &["objet"])) {
        fields.title = Some(objet.to_string());
    }
    // A municipal reference: "Délibération n° 2024-052".
    if fields.reference.is_none() {
        fields.reference = p.logical.iter().take(decide_start.min(40)).find_map(|l| numbered_reference(&l.text));
    }

    // Signed: "Signé le 15 Avril 2021".
    fields.signed = folded_lines
        .iter()
        .find(|f| f.starts_with("signe le"))
        .and_then(|f| dates_in(f).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date));

    fields.rapporteur = p.logical.iter().take(signature_start).find_map(|l| rapporteur_of(&l.text));
    fields.signatory = signatory(p);

    // The article that decides, as the decision's quote.
    fields.quote = deciding_quote(p, &folded_lines, decide_start, signature_start);
    if fields.quote.is_none() {
        if decide_start >= n {
            fields.notes.push("dispositif (« Délibère », « Article 1 ») introuvable".to_string());
        }
        fields.quote = fields.title.clone();
    }

    // Content: everything before the signature block (the header names the body and the town).
    let mut scope = Scope { lines: Vec::new(), deciding: Vec::new() };
    for (i, l) in p.logical.iter().enumerate().take(signature_start) {
        scope.lines.push(l.text.clone());
        scope.deciding.push(i >= decide_start);
    }
    (fields, scope)
}

fn is_signature_mark(f: &str) -> bool {
    let f = f.trim_start_matches(['-', ' ']);
    f.starts_with("certifie conforme")
        || f.starts_with("pour extrait conforme")
        || f.starts_with("pour copie conforme")
        || f.starts_with("pour expedition conforme")
        || f.starts_with("ainsi fait et delibere")
        || f.starts_with("fait et delibere")
}

/// The instance from the header, else from the first mention before the deciding part.
/// The flag says a municipal council was found without its commune.
fn register_instance(header: &[&str], before_decision: &[Logical]) -> (Option<String>, bool) {
    let head = folded(&header.join("\n"));
    if head.contains("conseil municipal") {
        return match commune_in(header) {
            Some(c) => (Some(format!("Conseil municipal {}", of_town(&c))), false),
            None => (Some("Conseil municipal".to_string()), true),
        };
    }
    if let Some(i) = instance_in(&head) {
        return (Some(i), false);
    }
    if let Some(pos) = head.find("conseil de territoire") {
        let f = Folded::new(&header.join("\n"));
        let start = f.orig(pos + "conseil de territoire".len());
        let joined = header.join("\n");
        let rest = joined[start..].lines().next().unwrap_or("").trim();
        let rest = if is_all_caps(rest) { title_case(rest) } else { rest.to_string() };
        return (Some(format!("Conseil de territoire {rest}").trim().to_string()), false);
    }
    for l in before_decision {
        let f = folded(&l.text);
        if f.contains("conseil municipal") {
            if let Some(c) = commune_in(&[l.text.as_str()]) {
                return (Some(format!("Conseil municipal {}", of_town(&c))), false);
            }
        }
        if let Some(i) = instance_in(&f) {
            return (Some(i), false);
        }
    }
    (None, false)
}

/// "de Martigues", "d'Istres".
fn of_town(town: &str) -> String {
    let vowel = folded(town).chars().next().is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h'));
    if vowel {
        format!("d'{town}")
    } else {
        format!("de {town}")
    }
}

/// The Métropole's instances named in a folded text.
fn instance_in(f: &str) -> Option<String> {
    let bureau = ["bureau de la metropole", "bureau metropolitain"].iter().filter_map(|n| f.find(n)).min();
    let conseil = ["conseil de la metropole", "conseil metropolitain"].iter().filter_map(|n| f.find(n)).min();
    match (bureau, conseil) {
        (Some(b), Some(c)) if c < b => Some("Conseil de la Métropole".to_string()),
        (Some(_), _) => Some("Bureau de la Métropole".to_string()),
        (None, Some(_)) => Some("Conseil de la Métropole".to_string()),
        _ => None,
    }
}

/// The commune a municipal council's header names.
fn commune_in(lines: &[&str]) -> Option<String> {
    const AFTER: [&str; 11] = [
        "conseil municipal de la ville de ",
        "conseil municipal de la commune de ",
        "conseil municipal de ",
        "conseil municipal d'",
        "ville de ",
        "commune de ",
        "mairie de ",
        "ville d'",
        "commune d'",
        "mairie d'",
        "conseil municipal - ",
    ];
    for pattern in AFTER {
        for line in lines {
            let f = Folded::new(line);
            let Some(pos) = f.text.find(pattern) else { continue };
            // "ville de", "commune de" only at the start of a line: elsewhere they are prose.
            if !pattern.starts_with("conseil") && pos != 0 {
                continue;
            }
            let start = f.orig(pos + pattern.len());
            if let Some(name) = proper_name_at(&line[start..]) {
                return Some(if is_all_caps(&name) { title_case(&name) } else { name });
            }
        }
    }
    None
}

/// The proper name at the start of `s`: capitalised words, with the particles between them.
fn proper_name_at(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut taken: Vec<&str> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    for w in words {
        let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
        let ends = bare.len() != w.len();
        let f = folded(bare);
        let first_letter = bare.chars().find(|c| c.is_alphabetic());
        if matches!(f.as_str(), "de" | "du" | "des" | "la" | "le" | "les" | "sur" | "en") && !ends {
            pending.push(bare);
            continue;
        }
        if first_letter.is_some_and(char::is_uppercase) && !bare.is_empty() {
            taken.append(&mut pending);
            taken.push(bare);
            if ends {
                break;
            }
        } else {
            break;
        }
    }
    // Stop words of the header are not part of the name ("MARTIGUES SÉANCE DU …" cannot occur: one line each).
    (!taken.is_empty()).then(|| taken.join(" "))
}

/// The value of "Label : value" when the line starts with one of the (folded) labels.
fn labelled<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    let f = Folded::new(line);
    for label in labels {
        if let Some(rest) = f.text.strip_prefix(label) {
            let after = rest.trim_start();
            if let Some(value) = after.strip_prefix(':') {
                let start = f.orig(f.text.len() - value.len());
                let v = line[start..].trim();
                return (!v.is_empty()).then_some(v);
            }
        }
    }
    None
}

/// "ont été présents 29 membres", "Présents : 35", "29 membres présents".
fn members_present(f: &str) -> Option<u32> {
    let number_at = |s: &str| -> Option<u32> {
        let digits: String = s.trim_start().chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    if let Some(pos) = f.find("ont ete presents ") {
        let rest = &f[pos + "ont ete presents ".len()..];
        if let Some(n) = number_at(rest) {
            return Some(n);
        }
    }
    for label in ["membres presents", "nombre de presents", "conseillers presents", "presents"] {
        if let Some(pos) = find_word(f, label) {
            let rest = f[pos + label.len()..].trim_start();
            if let Some(value) = rest.strip_prefix(':') {
                if let Some(n) = number_at(value) {
                    return Some(n);
                }
            }
        }
    }
    if let Some(pos) = f.find(" membres presents") {
        let digits: String =
            f[..pos].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
        return digits.parse().ok();
    }
    None
}

/// The first sentence of the first article (or of what follows "Décide").
fn deciding_quote(p: &Prepared, folded_lines: &[String], start: usize, end: usize) -> Option<String> {
    let range = start..end.min(p.logical.len());
    let is_article =
        |f: &str| f.starts_with("article 1") || f.starts_with("article premier") || f.starts_with("article unique");
    let trimmed = |i: usize| folded_lines[i].trim_start_matches(['-', ' ']).to_string();
    // The first article; else what follows "Décide".
    let at = range
        .clone()
        .find(|&i| is_article(&trimmed(i)))
        .or_else(|| range.clone().find(|&i| trimmed(i).starts_with("decide")));
    if let Some(i) = at {
        // Inline text after "Article 1 :" / "Décide :".
        let text = &p.logical[i].text;
        let inline = text.split_once(':').map(|(_, r)| r.trim()).filter(|r| !r.is_empty());
        let body = match inline {
            Some(r) => r.to_string(),
            None => p.logical.get(i + 1).filter(|_| i + 1 < range.end).map(|l| l.text.clone())?,
        };
        let body = body.trim_start_matches(['-', '•', ' ']).to_string();
        return split_sentences(&body).into_iter().next();
    }
    None
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum PortalField {
    Instance,
    Commission,
    Rapporteur,
    Objet,
    Resume,
    Incidence,
    Reference,
}

const PORTAL_ORDER: [PortalField; 6] = [
    PortalField::Instance,
    PortalField::Commission,
    PortalField::Rapporteur,
    PortalField::Objet,
    PortalField::Resume,
    PortalField::Incidence,
];

const PORTAL_LABELS: [(&str, PortalField); 10] = [
    ("instance", PortalField::Instance),
    ("commission", PortalField::Commission),
    ("rapporteur", PortalField::Rapporteur),
    ("objet", PortalField::Objet),
    ("resume", PortalField::Resume),
    ("incidence financiere", PortalField::Incidence),
    ("incidence", PortalField::Incidence),
    ("reference", PortalField::Reference),
    ("numero", PortalField::Reference),
    ("n°", PortalField::Reference),
];

fn read_portal(p: &Prepared) -> (Fields, Scope) {
    let mut fields = Fields::default();
    let headers: Vec<usize> =
        p.logical.iter().enumerate().filter(|(_, l)| portal_header(&l.text).is_some()).map(|(i, _)| i).collect();
    let first = headers.first().copied().unwrap_or(0);
    let end = headers.get(1).copied().unwrap_or(p.logical.len());
    if headers.len() > 1 {
        fields.notes.push(format!(
            "{} autres délibérations dans ce fichier non lues : une délibération par fichier",
            headers.len() - 1
        ));
    }
    let header = &p.logical[first].text;
    let (date, after_date) = portal_header(header).map_or((None, header.len()), |(d, e)| (Some(d), e));
    fields.date = date;

    // Labelled lines ("Objet : …"), else cells separated by tabs or bars on the header line, else one cell a line.
    let mut values: HashMap<PortalField, String> = HashMap::new();
    let mut current: Option<PortalField> = None;
    let mut unlabelled: Vec<String> = Vec::new();
    for l in &p.logical[first + 1..end] {
        let f = folded(&l.text);
        let label =
            PORTAL_LABELS.iter().find(|(lab, _)| f.strip_prefix(lab).is_some_and(|r| r.trim_start().starts_with(':')));
        match label {
            Some((lab, field)) => {
                let value = labelled(&l.text, &[lab]).unwrap_or("").to_string();
                values.insert(*field, value);
                current = Some(*field);
            }
            None => match current {
                Some(field) => {
                    let v = values.entry(field).or_default();
                    if !v.is_empty() {
                        v.push(' ');
                    }
                    v.push_str(&l.text);
                }
                None => unlabelled.push(l.text.clone()),
            },
        }
    }
    if values.is_empty() {
        let rest = header[after_date..].trim_start_matches([',', ';', ' ', '\t', '|']);
        let cells: Vec<String> = if rest.contains('\t') || rest.contains('|') {
            rest.split(['\t', '|']).map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect()
        } else {
            unlabelled.clone()
        };
        for (field, cell) in PORTAL_ORDER.iter().zip(cells) {
            values.insert(*field, cell);
        }
    }

    fields.instance = values.get(&PortalField::Instance).filter(|v| !v.is_empty()).map(|v| {
        let f = folded(v);
        instance_in(&f).unwrap_or_else(|| {
            if f.trim() == "bureau" {
                "Bureau de la Métropole".to_string()
            } else if f.trim() == "conseil" {
                "Conseil de la Métropole".to_string()
            } else {
                v.trim().to_string()
            }
        })
    });
    fields.rapporteur = values.get(&PortalField::Rapporteur).map(|v| person_name(v)).filter(|v| !v.is_empty());
    if let Some(objet) = values.get(&PortalField::Objet).filter(|v| !v.is_empty()) {
        match reference_len(objet.trim()) {
            Some(len) => {
                let o = objet.trim();
                fields.reference = Some(o[..len].to_string());
                let rest = o[len..]
                    .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | ':' | '■'))
                    .trim();
                fields.title = (!rest.is_empty()).then(|| rest.to_string());
            }
            None => fields.title = Some(objet.trim().to_string()),
        }
    }
    if let Some(r) = values.get(&PortalField::Reference).map(|r| r.trim()).filter(|r| !r.is_empty()) {
        fields.reference = Some(r.to_string());
    }
    if fields.reference.is_none() {
        fields.reference = p.logical[first..end].iter().find_map(|l| {
            let t = l.text.trim();
            reference_len(t).filter(|&len| len == t.len()).map(|_| t.to_string())
        });
    }
    fields.quote = values.get(&PortalField::Objet).map(|o| o.trim().to_string()).filter(|o| !o.is_empty());
    let incidence = values.get(&PortalField::Incidence).map(|v| folded(v)).unwrap_or_default();

    let mut scope = Scope { lines: Vec::new(), deciding: Vec::new() };
    for field in [PortalField::Objet, PortalField::Resume, PortalField::Incidence] {
        if let Some(v) = values.get(&field).filter(|v| !v.is_empty()) {
            scope.lines.push(v.clone());
            scope.deciding.push(true);
        }
    }
    if incidence.trim().starts_with("oui") && !scope.lines.iter().any(|l| !amounts_in(l).is_empty()) {
        fields.notes.push("incidence financière annoncée mais aucun montant donné".to_string());
    }
    fields.notes.push(
        "la liste du portail ne donne pas le texte des articles : montants et liens d'après l'objet et le résumé"
            .to_string(),
    );
    (fields, scope)
}

fn read_news(p: &Prepared) -> (Fields, Scope) {
    let mut fields = Fields {
        reference_note: Some(
            "référence non donnée : le texte n'est pas une délibération (article ou communiqué)".to_string(),
        ),
        ..Fields::default()
    };
    let scope =
        Scope { lines: p.logical.iter().map(|l| l.text.clone()).collect(), deciding: vec![false; p.logical.len()] };
    let sentences = scope.sentences();
    // The date the item speaks from: its first full date.
    let published = sentences
        .iter()
        .find_map(|s| dates_in(&folded(&s.text)).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date));

    // "Votée par le bureau de la Métropole en juin dernier, …"
    let vote = sentences.iter().find(|s| {
        let f = folded(&s.text);
        [
            "vote par",
            "votee par",
            "votes par",
            "votees par",
            "adopte par",
            "adoptee par",
            "approuve par",
            "approuvee par",
            "deliberation du bureau",
            "deliberation du conseil",
        ]
        .iter()
        .any(|m| f.contains(m))
    });
    if let Some(v) = vote {
        let f = folded(&v.text);
        fields.instance =
            instance_in(&f).or_else(|| f.contains("conseil municipal").then(|| "Conseil municipal".to_string()));
        fields.date = vote_date(&f, published);
        if fields.date.is_none() {
            fields.notes.push("date du vote introuvable dans la phrase qui l'annonce".to_string());
        }
        fields.quote = Some(v.text.clone());
    } else {
        fields.notes.push("aucune phrase ne dit quelle instance a voté, ni quand".to_string());
    }

    // "Jeudi 11 juillet 2024, la Métropole … a signé …"
    fields.signed = sentences.iter().find_map(|s| {
        let f = folded(&s.text);
        if !(f.contains("a signe") || f.contains("ont signe") || f.contains("signature")) {
            return None;
        }
        dates_in(&f).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date)
    });

    fields.title = p.logical.first().map(|l| l.text.trim().to_string()).filter(|t| !t.is_empty());
    if fields.title.is_some() {
        fields.notes.push("objet exact de la décision non donné : le titre de l'article en tient lieu".to_string());
    }
    (fields, scope)
}

/// The date of a vote in a news sentence: a full date, "en juin 2024", or "en juin dernier" read
/// from the date the item speaks from.
fn vote_date(f: &str, published: Option<IsoDate>) -> Option<IsoDate> {
    dates_in(f).into_iter().next().map(|d| d.date).or_else(|| published.and_then(|p| last_month(f, p)))
}

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
            id: id.to_string(),
            name,
            short_name: None,
            kind: kind.to_string(),
            former_names: Vec::new(),
            parent: None,
            description: Some(format!(
                "Proposée par « carte extract » d'après {file} ({reference}) ; nature déduite du texte, à vérifier."
            )),
            website: None,
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

/// Whether a sentence decides (or, in a summary, proposes) the payment rather than recalls one.
fn decides(context: &str) -> bool {
    let f = folded(context);
    let recalls = ["avait", "a ete attribue", "ont ete attribue", "a attribue", "a verse", "precedemment"]
        .iter()
        .any(|m| f.contains(m));
    let decides =
        ["attribu", "approuv", "accord", "allou", "octroi", "decide", "autoris", "versement", "verser", "paiement"]
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

/// Organisations named in one sentence, in order, the body's generic mentions ("la Métropole") included.
fn parties_in(sentence: &str, known: &Known, body: &Resolved, proposals: &mut Proposals) -> Vec<(usize, Resolved)> {
    let found = find_organizations(sentence, known, Some(body), proposals);
    let mut out: Vec<(usize, Resolved)> = found.iter().map(|f| (f.start, f.resolved.clone())).collect();
    let f = Folded::new(sentence);
    for generic in ["la metropole", "la commune", "la ville"] {
        let mut from = 0;
        while let Some(at) = find_word_from(&f.text, generic, from) {
            from = at + generic.len();
            let start = f.orig(at);
            let word_start = f.orig(at + 3);
            if !found.iter().any(|x| word_start >= x.start && word_start < x.end) {
                out.push((start, body.clone()));
            }
        }
    }
    out.sort_by_key(|(p, _)| *p);
    let mut seen = HashSet::new();
    out.retain(|(_, r)| seen.insert(r.id().to_string()));
    out
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
        let named: Vec<(usize, Resolved)> =
            parties_in(&a.context, known, body, proposals).into_iter().filter(|(_, r)| r.id() != body.id()).collect();
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
        });
    }
}

/// A convention (or partnership) the title or the deciding sentence states between named
/// organisations: "entre X et Y", else between the body and those named ("avec Euroméditerranée").
fn convention_link(
    doc: &DocumentExtraction,
    decision: &format::Decision,
    decision_year: Option<i32>,
    body: &Resolved,
    known: &Known,
    proposals: &mut Proposals,
    out: &mut FragmentBuilder,
) {
    for sentence in [Some(decision.title.as_str()), decision.source.quote.as_deref()].into_iter().flatten() {
        let f = Folded::new(sentence);
        let Some(conv) = ["convention", "partenariat"].iter().filter_map(|w| f.text.find(w)).min() else { continue };
        let named = parties_in(sentence, known, body, proposals);
        let entre = find_word_from(&f.text, "entre", conv).map(|at| f.orig(at));
        let parties: Vec<Resolved> = match entre {
            Some(at) => named.into_iter().filter(|(p, _)| *p > at).map(|(_, r)| r).collect(),
            None => {
                let mut v = vec![body.clone()];
                v.extend(named.into_iter().map(|(_, r)| r).filter(|r| r.id() != body.id()));
                v
            }
        };
        if parties.len() < 2 {
            continue;
        }
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
        });
        return;
    }
}
