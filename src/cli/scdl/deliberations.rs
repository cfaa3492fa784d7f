//! SCDL « Délibérations » rows → decisions, and a `mentioned` link to the one known organisation
//! a deliberation's object names.

use std::collections::{HashMap, HashSet};

use crate::cli::names::{slug_or, unique_id};
use crate::core::format::{self, Export, SCHEMA_V1};
use crate::core::model::{IsoDate, OrgKind};

use super::identity::{Against, Orgs};
use super::read::{read_rows, Columns, Row};
use super::values::{required_date, siret};
use super::RejectedRow;

/// A deliberation row whose values all read well.
pub(super) struct Deliberation {
    line: usize,
    collectivity: String,
    collectivity_id: Option<String>,
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
        collectivity,
        collectivity_id: siret(row.value(c.get("collsiret"))).map(|s| format!("siret-{s}")),
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
    rejected: &mut Vec<RejectedRow>,
) -> Export {
    let read = read_rows(rows, columns, read_deliberation, rejected);
    let mut orgs = Orgs::new(against);
    for d in &read {
        orgs.learn(&d.collectivity, d.collectivity_id.as_ref());
    }
    let mut decisions: Vec<format::Decision> = Vec::new();
    let mut decision_ids = HashSet::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut links = Vec::new();
    let mut link_ids = HashSet::new();
    let mut collectivities: Vec<String> = Vec::new();
    for d in &read {
        let from = orgs.resolve(&d.collectivity, d.collectivity_id.clone(), OrgKind::LocalAuthority);
        if let Some(first) = seen.get(&(from.clone(), d.reference.clone())) {
            rejected.push(RejectedRow {
                line: d.line,
                message: format!("DELIB_ID « {} » : déjà lu ligne {first} pour la même collectivité", d.reference),
            });
            continue;
        }
        seen.insert((from.clone(), d.reference.clone()), d.line);
        if !collectivities.contains(&d.collectivity) {
            collectivities.push(d.collectivity.clone());
        }
        let base = slug_or(&d.reference, "sans-nom");
        let base = if decision_ids.contains(&base) { format!("{base}-{from}") } else { base };
        let id = unique_id(&base, &mut decision_ids);
        decisions.push(format::Decision {
            id: id.clone(),
            reference: Some(d.reference.clone()),
            instance: d.collectivity.clone(),
            date: d.date.to_string(),
            signed: None,
            title: d.objet.clone(),
            rapporteur: None,
            signatory: None,
            members_present: None,
            source: format::Source {
                document: format!("Données SCDL « Délibérations » de {}", d.collectivity),
                url: d.url.clone(),
                quote: None,
            },
        });
        let Some(against) = against else { continue };
        let named: Vec<String> = against
            .named_in(&d.objet)
            .into_iter()
            .map(|ix| orgs.add_existing(against, ix))
            .filter(|id| *id != from)
            .collect();
        // Several organisations named: who is bound to whom cannot be told from the object alone.
        if let [to] = named.as_slice() {
            links.push(format::Link {
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
            });
        }
    }
    let title = match collectivities.as_slice() {
        [one] => format!("Import SCDL « Délibérations » : {one}"),
        _ => "Import SCDL « Délibérations »".to_string(),
    };
    let description = format!(
        "Délibérations lues dans un fichier SCDL « Délibérations » : {} ligne(s) lue(s), {} importée(s).",
        rows_read,
        decisions.len()
    );
    Export {
        schema: SCHEMA_V1.to_string(),
        title,
        description: Some(description),
        organizations: orgs.list,
        decisions,
        links,
        indicators: Vec::new(),
        story: Vec::new(),
    }
}
