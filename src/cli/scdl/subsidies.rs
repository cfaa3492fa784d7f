//! SCDL « Subventions » rows → subsidy links, one decision per attribuant and reference.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::cli::names::{slug_or, unique_id};
use crate::core::format::{self, Export, SCHEMA_V1};
use crate::core::model::{Cents, IsoDate, OrgKind};

use super::identity::{Against, Orgs};
use super::read::{read_rows, Columns, Row};
use super::values::{parse_amount, parse_period, required_date, rna, siret};
use super::RejectedRow;

/// A row whose values all read well.
pub(super) struct Grant {
    line: usize,
    attribuant: String,
    attribuant_id: Option<String>,
    beneficiary: String,
    beneficiary_id: Option<String>,
    has_rna: bool,
    amount: Cents,
    date: IsoDate,
    reference: Option<String>,
    objet: String,
    nature: String,
    dispositif: String,
    period: Option<(IsoDate, IsoDate)>,
}

pub(super) fn read_grant(row: &Row, c: &Columns) -> Result<Grant, String> {
    let mut problems = Vec::new();
    let attribuant = row.value(c.get("nomattribuant"));
    if attribuant.is_empty() {
        problems.push("nomAttribuant vide".to_string());
    }
    let beneficiary = row.value(c.get("nombeneficiaire"));
    if beneficiary.is_empty() {
        problems.push("nomBeneficiaire vide".to_string());
    }
    let amount = parse_amount(row.value(c.get("montant"))).map_err(|why| problems.push(format!("montant : {why}")));
    let date = required_date(
        row.value(c.get("dateconvention")),
        "dateConvention",
        " : la décision n'aurait pas de date",
        &mut problems,
    );
    let (Ok(amount), Some(date), true) = (amount, date, problems.is_empty()) else {
        return Err(problems.join(" ; "));
    };
    let id_beneficiary = row.value(c.get("idbeneficiaire"));
    let rna_number = rna(row.value(c.get("rnabeneficiaire"))).or_else(|| rna(id_beneficiary));
    // Ids are lowercase by the format's convention: `rna-w133012345`.
    let beneficiary_id = siret(id_beneficiary)
        .map(|s| format!("siret-{s}"))
        .or_else(|| rna_number.as_ref().map(|r| format!("rna-{}", r.to_ascii_lowercase())));
    Ok(Grant {
        line: row.line,
        attribuant: attribuant.to_string(),
        attribuant_id: siret(row.value(c.get("idattribuant"))).map(|s| format!("siret-{s}")),
        beneficiary: beneficiary.to_string(),
        beneficiary_id,
        has_rna: rna_number.is_some(),
        amount,
        date,
        reference: Some(row.value(c.get("referencedecision")).to_string()).filter(|r| !r.is_empty()),
        objet: row.value(c.get("objet")).to_string(),
        nature: row.value(c.get("nature")).to_string(),
        dispositif: row.value(c.get("dispositifaide")).to_string(),
        period: parse_period(row.value(c.get("datesperiodeversement"))),
    })
}

/// One subsidy link per good row; one decision per attribuant and reference (or date, without one).
pub(super) fn subsidies(
    rows: &[Row],
    columns: &Columns,
    against: Option<&Against>,
    rows_read: usize,
    rejected: &mut Vec<RejectedRow>,
) -> Export {
    let grants = read_rows(rows, columns, read_grant, rejected);
    let mut orgs = Orgs::new(against);
    for g in &grants {
        orgs.learn(&g.attribuant, g.attribuant_id.as_ref());
        orgs.learn(&g.beneficiary, g.beneficiary_id.as_ref());
    }

    let mut decisions: Vec<format::Decision> = Vec::new();
    let mut decision_of: HashMap<(String, String), usize> = HashMap::new();
    let mut decision_ids = HashSet::new();
    let mut links = Vec::new();
    let mut link_ids = HashSet::new();
    let mut attribuants: Vec<String> = Vec::new();
    for g in &grants {
        let from = orgs.resolve(&g.attribuant, g.attribuant_id.clone(), OrgKind::LocalAuthority);
        let kind = if g.has_rna { OrgKind::Association } else { OrgKind::Other };
        let to = orgs.resolve(&g.beneficiary, g.beneficiary_id.clone(), kind);
        if from == to {
            rejected.push(RejectedRow {
                line: g.line,
                message: format!(
                    "nomBeneficiaire « {} » : l'attribuant se verse la subvention à lui-même",
                    g.beneficiary
                ),
            });
            continue;
        }
        if !attribuants.contains(&g.attribuant) {
            attribuants.push(g.attribuant.clone());
        }
        let key = (from.clone(), g.reference.clone().unwrap_or_else(|| format!("date {}", g.date)));
        let at = match decision_of.get(&key) {
            Some(&at) => {
                // Rows of one decision may carry several convention dates: the decision is the earliest.
                let d = &mut decisions[at];
                if IsoDate::parse(&d.date).is_some_and(|old| g.date.first_day() < old.first_day()) {
                    d.date = g.date.to_string();
                }
                at
            }
            None => {
                let base = match &g.reference {
                    Some(r) => slug_or(r, "sans-nom"),
                    None => format!("subventions-{from}-{}", g.date),
                };
                let base = if decision_ids.contains(&base) { format!("{base}-{from}") } else { base };
                let id = unique_id(&base, &mut decision_ids);
                let title = match &g.reference {
                    Some(r) => format!("Subventions attribuées par {} (décision {r})", g.attribuant),
                    None => format!(
                        "Subventions attribuées par {} : conventions du {}",
                        g.attribuant,
                        crate::core::locale::date(g.date)
                    ),
                };
                decisions.push(format::Decision {
                    id,
                    reference: g.reference.clone(),
                    instance: g.attribuant.clone(),
                    date: g.date.to_string(),
                    signed: None,
                    title,
                    rapporteur: None,
                    signatory: None,
                    members_present: None,
                    source: format::Source {
                        document: format!("Données SCDL « Subventions » de {}", g.attribuant),
                        url: None,
                        quote: None,
                    },
                });
                decision_of.insert(key, decisions.len() - 1);
                decisions.len() - 1
            }
        };
        let decision = decisions[at].id.clone();
        let mut title = format!("Subvention {}", g.date.year);
        if !g.dispositif.is_empty() {
            title.push_str(&format!(" — {}", g.dispositif));
        }
        if !g.nature.is_empty() {
            title.push_str(&format!(" ({})", g.nature));
        }
        links.push(format::Link {
            id: unique_id(&format!("subvention-{decision}-{to}"), &mut link_ids),
            kind: "subsidy".to_string(),
            from,
            to,
            parties: Vec::new(),
            decision,
            basis: None,
            title: Some(title),
            convention: None,
            amount: Some(Value::String(g.amount.to_decimal_string())),
            amount_cents: None,
            year: Some(g.date.year),
            start: g.period.map(|(s, _)| s.to_string()),
            end: g.period.map(|(_, e)| e.to_string()),
            budget: None,
            purpose: Some(g.objet.clone()).filter(|o| !o.is_empty()),
            quote: None,
            sources: Vec::new(),
        });
    }
    let title = match attribuants.as_slice() {
        [one] => format!("Import SCDL « Subventions » : {one}"),
        _ => "Import SCDL « Subventions »".to_string(),
    };
    let description = format!(
        "Subventions lues dans un fichier au standard SCDL « Subventions » : {} ligne(s) lue(s), {} importée(s).",
        rows_read,
        links.len()
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
