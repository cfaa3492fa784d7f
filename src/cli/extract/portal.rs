//! The Métropole's portal listing: "Délibération du JJ/MM/AAAA" then labelled lines (Instance,
//! Rapporteur, Objet, Résumé, Incidence financière) or cells separated by tabs or bars.

use std::collections::HashMap;

use crate::core::model::IsoDate;

use super::amounts::amounts_in;
use super::dates::dates_in;
use super::people::person_name;
use super::reference::reference_len;
use super::shape::{instance_in, labelled, Fields};
use super::text::{folded, Folded, Prepared, Scope};

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

pub(super) fn read_portal(p: &Prepared) -> (Fields, Scope) {
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

/// "Délibération du 07/12/2023" at the start of a line → the date.
pub(super) fn portal_header(line: &str) -> Option<(IsoDate, usize)> {
    let f = Folded::new(line);
    let rest = f.text.strip_prefix("deliberation du ")?;
    let offset = f.text.len() - rest.len();
    let d = dates_in(rest).into_iter().next().filter(|d| d.start == 0 && d.date.day.is_some())?;
    Some((d.date, f.orig(offset + d.end)))
}
