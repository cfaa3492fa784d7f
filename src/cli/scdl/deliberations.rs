//! SCDL « Délibérations » rows → decisions, and a `mentioned` link to the one known organisation
//! a deliberation's object names.

use std::collections::{HashMap, HashSet};

use crate::cli::count;
use crate::cli::names::{name_key, slug_or, unique_id};
use crate::core::format::{self, Export, SCHEMA_V1};
use crate::core::model::{IsoDate, OrgKind};

use super::identity::{Against, Orgs, Party};
use super::read::{read_rows, Columns, Row};
use super::values::{required_date, siret};
use super::{Budget, Report, RowNote};

/// A deliberation row whose values all read well.
pub(super) struct Deliberation {
    line: usize,
    collectivity: Party,
    reference: String,
    date: IsoDate,
    objet: String,
    url: Option<String>,
    budget_year: Option<i32>,
}

pub(super) fn read_deliberation(row: &Row, c: &Columns) -> Result<Deliberation, String> {
    let mut problems = Vec::new();
    let mut required = |key: &str, column: &str| {
        let v = row.value(c.get(key));
        if v.is_empty() {
            problems.push(format!("{column} vide"));
        }
        v.to_string()
    };
    let collectivity = required("collnom", "COLL_NOM");
    let reference = required("delibid", "DELIB_ID");
    let objet = required("delibobjet", "DELIB_OBJET");
    let date = required_date(row.value(c.get("delibdate")), "DELIB_DATE", "", &mut problems);
    let (Some(date), true) = (date, problems.is_empty()) else {
        return Err(problems.join(" ; "));
    };
    let url = row.value(c.get("deliburl"));
    Ok(Deliberation {
        line: row.line,
        collectivity: Party::new(&collectivity, siret(row.value(c.get("collsiret"))), None),
        reference,
        date,
        objet,
        // Only web addresses may reach the page (the validator refuses any other scheme).
        url: (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_string()),
        budget_year: row.value(c.get("budgetannee")).parse().ok().filter(|y| (1000..=9999).contains(y)),
    })
}

/// One decision per row; a `mentioned` link to the one organisation of `against` its object names.
pub(super) fn deliberations(
    rows: &[Row],
    columns: &Columns,
    against: Option<&Against>,
    rows_read: usize,
    report: &mut Report,
) -> Result<Export, String> {
    let read = read_rows(rows, columns, read_deliberation, &mut report.rejected);
    let mut orgs = Orgs::new(against);
    for d in &read {
        orgs.learn(&d.collectivity);
    }
    let mut budget = Budget::default();
    let mut decisions: Vec<format::Decision> = Vec::new();
    let mut decision_ids = HashSet::new();
    let mut seen: HashMap<(String, String), &Deliberation> = HashMap::new();
    let mut links = Vec::new();
    let mut link_ids = HashSet::new();
    let mut collectivities: Vec<String> = Vec::new();
    for d in &read {
        let from = orgs.resolve(&d.collectivity, OrgKind::LocalAuthority, d.line);
        if let Some(first) = seen.get(&(from.clone(), d.reference.clone())) {
            let same = first.date == d.date && name_key(&first.objet) == name_key(&d.objet);
            let message = if same {
                report.duplicates += 1;
                format!(
                    "DELIB_ID « {} » : même délibération que la ligne {} ; ligne publiée deux fois, importée une fois",
                    d.reference, first.line
                )
            } else {
                format!("DELIB_ID « {} » : déjà lu ligne {} pour la même collectivité, avec une autre date ou un autre objet", d.reference, first.line)
            };
            let note = RowNote { line: d.line, message };
            if same {
                report.notes.push(note)
            } else {
                report.rejected.push(note)
            }
            continue;
        }
        seen.insert((from.clone(), d.reference.clone()), d);
        if !collectivities.contains(&d.collectivity.name) {
            collectivities.push(d.collectivity.name.clone());
        }
        let base = slug_or(&d.reference, "sans-nom");
        let base = if decision_ids.contains(&base) { format!("{base}-{from}") } else { base };
        let id = unique_id(&base, &mut decision_ids);
        let decision = format::Decision {
            id: id.clone(),
            reference: Some(d.reference.clone()),
            instance: d.collectivity.name.clone(),
            date: d.date.to_string(),
            signed: None,
            title: d.objet.clone(),
            rapporteur: None,
            signatory: None,
            members_present: None,
            source: format::Source {
                document: format!("Données SCDL « Délibérations » de {}", d.collectivity.name),
                url: d.url.clone(),
                quote: None,
            },
        };
        budget.add(&decision, d.line)?;
        decisions.push(decision);
        let Some(against) = against else { continue };
        let named: Vec<String> = against
            .named_in(&d.objet)
            .into_iter()
            .map(|ix| orgs.add_existing(against, ix))
            .filter(|id| *id != from)
            .collect();
        // Several organisations named: who is bound to whom cannot be told from the object alone.
        if let [to] = named.as_slice() {
            let link = format::Link {
                id: unique_id(&format!("mention-{id}-{to}"), &mut link_ids),
                kind: "other".to_string(),
                from: from.clone(),
                to: to.clone(),
                parties: Vec::new(),
                decision: id.clone(),
                basis: Some("mentioned".to_string()),
                title: Some(format!("Mentionné dans la délibération {}", d.reference)),
                convention: None,
                amount: None,
                amount_cents: None,
                year: d.budget_year,
                start: None,
                end: None,
                budget: None,
                purpose: None,
                quote: None,
                sources: Vec::new(),
            };
            budget.add(&link, d.line)?;
            links.push(link);
        }
    }
    let title = match collectivities.as_slice() {
        [one] => format!("Import SCDL « Délibérations » : {one}"),
        _ => "Import SCDL « Délibérations »".to_string(),
    };
    let description = format!(
        "Délibérations lues dans un fichier SCDL « Délibérations » : {}, {}.",
        count(rows_read, "ligne lue", "lignes lues"),
        count(decisions.len(), "importée", "importées")
    );
    let (organizations, mut notes) = orgs.into_list();
    report.notes.append(&mut notes);
    Ok(Export {
        schema: SCHEMA_V1.to_string(),
        title,
        description: Some(description),
        organizations,
        decisions,
        links,
        indicators: Vec::new(),
        story: Vec::new(),
    })
}
