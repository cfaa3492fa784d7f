//! SCDL « Subventions » rows → subsidy links, one decision per attribuant and reference.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::cli::count;
use crate::cli::io::euros;
use crate::cli::names::{name_key, slug, slug_or, unique_id};
use crate::core::format::{self, Export, SCHEMA_V1};
use crate::core::model::{Cents, IsoDate, OrgKind};

use super::identity::{Against, Orgs, Party};
use super::read::{read_rows, Columns, Row};
use super::values::{parse_amount, parse_period, required_date, rna, siret};
use super::{Budget, RejectedRow, Report, RowNote};

/// A row whose values all read well.
pub(super) struct Grant {
    line: usize,
    attribuant: Party,
    beneficiary: Party,
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
    Ok(Grant {
        line: row.line,
        attribuant: Party::new(attribuant, siret(row.value(c.get("idattribuant"))), None),
        beneficiary: Party::new(beneficiary, siret(id_beneficiary), rna_number),
        amount,
        date,
        reference: Some(row.value(c.get("referencedecision")).to_string()).filter(|r| !r.is_empty()),
        objet: row.value(c.get("objet")).to_string(),
        nature: row.value(c.get("nature")).to_string(),
        dispositif: row.value(c.get("dispositifaide")).to_string(),
        period: parse_period(row.value(c.get("datesperiodeversement"))),
    })
}

/// One subsidy link per good row; one decision per attribuant and reference (or date, without
/// one). A row that says again what an earlier row said (same parties, decision, amount, year,
/// object) is a row published twice: reported, imported once.
pub(super) fn subsidies(
    rows: &[Row],
    columns: &Columns,
    against: Option<&Against>,
    rows_read: usize,
    report: &mut Report,
) -> Result<Export, String> {
    let grants = read_rows(rows, columns, read_grant, &mut report.rejected);
    let mut orgs = Orgs::new(against);
    for g in &grants {
        orgs.learn(&g.attribuant);
        orgs.learn(&g.beneficiary);
    }

    let mut budget = Budget::default();
    let mut decisions: Vec<format::Decision> = Vec::new();
    let mut decision_of: HashMap<(String, String), usize> = HashMap::new();
    let mut decision_ids = HashSet::new();
    let mut links = Vec::new();
    let mut link_ids = HashSet::new();
    let mut seen: HashMap<GrantKey, Vec<usize>> = HashMap::new();
    let mut attribuants: Vec<String> = Vec::new();
    for (index, g) in grants.iter().enumerate() {
        let from = orgs.resolve(&g.attribuant, OrgKind::LocalAuthority, g.line);
        let kind = if g.beneficiary.numbers.rna.is_some() { OrgKind::Association } else { OrgKind::Other };
        let to = orgs.resolve(&g.beneficiary, kind, g.line);
        if from == to {
            report.rejected.push(RejectedRow {
                line: g.line,
                message: format!(
                    "nomBeneficiaire « {} » : l'attribuant se verse la subvention à lui-même",
                    g.beneficiary.name
                ),
            });
            continue;
        }
        let decision_key = g.reference.as_deref().map_or_else(|| format!("date {}", g.date), slug);
        let grant_key = GrantKey {
            from: from.clone(),
            to: to.clone(),
            decision: decision_key.clone(),
            amount: g.amount,
            year: g.date.year,
        };
        // What the money is for is compared only between rows alike in all the rest: folding
        // every object of a large file would cost more than the rest of the import.
        let alike = seen.entry(grant_key).or_default();
        let what =
            |g: &Grant| -> Vec<Vec<String>> { [&g.objet, &g.nature, &g.dispositif].map(|t| name_key(t)).to_vec() };
        if let Some(first) = alike.iter().find(|&&i| what(&grants[i]) == what(g)).map(|&i| grants[i].line) {
            report.duplicates += 1;
            report.notes.push(RowNote {
                line: g.line,
                message: format!(
                    "même subvention que la ligne {first} ({} → {}, {}) : ligne publiée deux fois, importée une fois",
                    g.attribuant.name,
                    g.beneficiary.name,
                    euros(g.amount)
                ),
            });
            continue;
        }
        alike.push(index);
        if !attribuants.contains(&g.attribuant.name) {
            attribuants.push(g.attribuant.name.clone());
        }
        let key = (from.clone(), decision_key);
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
                let attribuant = &g.attribuant.name;
                let title = match &g.reference {
                    Some(r) => format!("Subventions attribuées par {attribuant} (décision {r})"),
                    None => format!(
                        "Subventions attribuées par {attribuant} : conventions du {}",
                        crate::core::locale::date(g.date)
                    ),
                };
                let decision = format::Decision {
                    id,
                    reference: g.reference.clone(),
                    instance: attribuant.clone(),
                    date: g.date.to_string(),
                    signed: None,
                    title,
                    rapporteur: None,
                    signatory: None,
                    members_present: None,
                    source: format::Source {
                        document: format!("Données SCDL « Subventions » de {attribuant}"),
                        url: None,
                        quote: None,
                    },
                };
                budget.add(&decision, g.line)?;
                decisions.push(decision);
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
        let link = format::Link {
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
        };
        budget.add(&link, g.line)?;
        links.push(link);
    }
    let title = match attribuants.as_slice() {
        [one] => format!("Import SCDL « Subventions » : {one}"),
        _ => "Import SCDL « Subventions »".to_string(),
    };
    let description = format!(
        "Subventions lues dans un fichier au standard SCDL « Subventions » : {}, {}.",
        count(rows_read, "ligne lue", "lignes lues"),
        count(links.len(), "importée", "importées")
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

/// What makes two rows one subsidy, with what the money is for (object, nature, scheme) as
/// compared words: the parties, the decision, the amount, the year.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct GrantKey {
    from: String,
    to: String,
    decision: String,
    amount: Cents,
    year: i32,
}
