//! Organisation names in a text: the names of the reference export, word for word, and the names
//! introduced by a word ("association …", "Chambre …", "Pôle emploi"), cut from the text as written.

use std::collections::{HashMap, HashSet};

use crate::cli::names::{name_key, name_word};

use super::collectivity::{departement_named, region_named};
use super::context::names_in_context;
use super::resolve::{new_org, Known, Proposals, Resolved};
use super::words::tokenize;
use super::words::{acronym_after, name_after, COMPLEMENTED};

/// An organisation found in a text.
pub(super) struct Found {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) written: String,
    pub(super) resolved: Resolved,
    /// The kind its introducing word suggests ("association" → association), for proposals.
    pub(super) kind: Option<&'static str>,
    /// A note when the name fits several known organisations.
    pub(super) ambiguous: Option<String>,
}

/// Organisations named in a text: known names first (longest first), then names introduced by
/// words such as "association", "Chambre", "Pôle emploi", matched by their words or proposed.
pub(super) fn find_organizations(
    text: &str,
    known: &Known,
    body: Option<&Resolved>,
    proposals: &mut Proposals,
) -> Vec<Found> {
    let toks = tokenize(text);
    let content: Vec<usize> = (0..toks.len()).filter(|&i| !toks[i].stop).collect();
    // A break anywhere between two content words (in the words left out too).
    let content_brk: Vec<bool> = content
        .iter()
        .enumerate()
        .map(|(ci, &ti)| {
            let prev = if ci == 0 { 0 } else { content[ci - 1] + 1 };
            (prev..=ti).any(|t| toks[t].brk)
        })
        .collect();

    // 1. Known names.
    let mut by_first: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (oi, o) in known.orgs.iter().enumerate() {
        for (ki, (k, _)) in o.keys.iter().enumerate() {
            if let Some(first) = k.first() {
                by_first.entry(first.as_str()).or_default().push((oi, ki));
            }
        }
    }
    let mut hits: Vec<(usize, usize, usize)> = Vec::new(); // (content start, content end, org)
    for p in 0..content.len() {
        let Some(cands) = by_first.get(toks[content[p]].norm.as_str()) else { continue };
        for &(oi, ki) in cands {
            let (key, acronym) = &known.orgs[oi].keys[ki];
            if p + key.len() > content.len() {
                continue;
            }
            let fits = key.iter().enumerate().all(|(j, w)| {
                let t = &toks[content[p + j]];
                t.norm == *w && (j == 0 || !content_brk[p + j]) && (!acronym || t.upper)
            });
            if fits {
                hits.push((p, p + key.len(), oi));
            }
        }
    }
    // Longest names first; a word belongs to one name only.
    hits.sort_by_key(|&(s, e, _)| (usize::MAX - (e - s), s));
    let mut taken = vec![false; content.len()];
    let mut chosen: Vec<(usize, usize, usize)> = Vec::new();
    for h in hits {
        if taken[h.0..h.1].iter().all(|t| !t) {
            taken[h.0..h.1].iter_mut().for_each(|t| *t = true);
            chosen.push(h);
        }
    }
    chosen.sort_by_key(|c| c.0);
    // Byte spans of the known names, in order and without overlap.
    let hit_spans: Vec<(usize, usize)> =
        chosen.iter().map(|c| (toks[content[c.0]].start, toks[content[c.1 - 1]].end)).collect();

    // 2. Names introduced by a word. Where a name or an introducing word starts, a name joined by "et" stops.
    let mut starts: HashSet<usize> = chosen.iter().map(|c| content[c.0]).collect();
    for p in 0..content.len() {
        for (words, ..) in TRIGGERS {
            let fits = p + words.len() <= content.len()
                && words
                    .iter()
                    .enumerate()
                    .all(|(j, w)| toks[content[p + j]].norm == *w && (j == 0 || !content_brk[p + j]));
            if fits {
                starts.insert(content[p]);
            }
        }
    }
    let mut candidates: Vec<(usize, usize, &'static str)> = Vec::new(); // token start, token end (inclusive), kind
    for p in 0..content.len() {
        for (words, include, needs_more, kind) in TRIGGERS {
            if p + words.len() > content.len() {
                continue;
            }
            let fits = words
                .iter()
                .enumerate()
                .all(|(j, w)| toks[content[p + j]].norm == *w && (j == 0 || !content_brk[p + j]));
            if !fits {
                continue;
            }
            let first_tok = content[p];
            if toks[first_tok].paren || (include && !toks[first_tok].caps) {
                continue;
            }
            let last_trigger_tok = content[p + words.len() - 1];
            let mut name_toks =
                name_after(&toks, last_trigger_tok + 1, &starts, include && COMPLEMENTED.contains(&words[0]));
            // A département or a région is one of a closed list: its name ends where the list's does
            // (« DEPARTEMENT DES BOUCHES-DU-RHONE COMPTE-RENDU … » is the Bouches-du-Rhône's), and a
            // name none of them has is a run of capitals, not a collectivity.
            if let (Some(by_name), Some((s, e))) = (collectivity_list(words), name_toks) {
                let listed = (s..=e).rev().find(|&k| by_name(&text[toks[s].start..toks[k].end]).is_some());
                name_toks = match listed {
                    Some(k) => Some((s, k)),
                    None if (s..=e).filter(|&k| !toks[k].stop).count() > 3 => continue,
                    None => name_toks,
                };
            }
            if name_toks.is_none() && needs_more {
                continue;
            }
            // « la Société Archéologique Méditerranéenne »: a company's word with a capital is its name's;
            // so is « Association » when the acronym that follows spells it (« … Sociale (ARES) »).
            let spelled = |from: usize, to: usize| -> String {
                toks[from..=to].iter().filter(|t| !t.stop).filter_map(|t| t.norm.chars().next()).collect::<String>()
            };
            let acronym = name_toks.and_then(|(_, e)| acronym_after(&text[toks[e].end..]));
            let spells_trigger = acronym.is_some_and(|a| {
                let a = a.to_lowercase();
                name_toks.is_some_and(|(s, e)| spelled(first_tok, e) == a && spelled(s, e) != a)
            });
            let named_company =
                toks[first_tok].caps && (matches!(*words, ["societe"] | ["entreprise"]) || spells_trigger);
            let (start_tok, end_tok) = match (include, name_toks) {
                (true, Some((_, e))) => (first_tok, e),
                (true, None) => (first_tok, last_trigger_tok),
                (false, Some((_, e))) if named_company => (first_tok, e),
                (false, Some((s, e))) => (s, e),
                (false, None) => continue,
            };
            if !include && toks[start_tok].paren {
                continue;
            }
            candidates.push((start_tok, end_tok, kind));
        }
    }

    // Names the words around them introduce (« subvention à X », « 150 €uros au X », « avec X »).
    for (s, e) in names_in_context(text, &toks, &starts) {
        candidates.push((s, e, ""));
    }

    // 3. Resolve: candidates matched by their words, known hits they do not extend, proposals.
    let mut found: Vec<Found> = Vec::new();
    let mut dropped_hits: HashSet<usize> = HashSet::new();
    // Candidates in text order, the longer first at one place: one inside an earlier one is skipped.
    candidates.sort_by_key(|&(st, en, _)| (toks[st].start, usize::MAX - toks[en].end));
    let mut max_end = 0;
    for (st, en, kind) in candidates {
        let (start, end) = (toks[st].start, toks[en].end);
        if !found.is_empty() && max_end >= end {
            continue;
        }
        let written = text[start..end].to_string();
        let key: Vec<String> = toks[st..=en].iter().filter(|t| !t.stop).map(|t| t.norm.clone()).collect();
        let first_inside = hit_spans.partition_point(|h| h.0 < start);
        let inside: Vec<usize> = (first_inside..hit_spans.len())
            .take_while(|&h| hit_spans[h].0 < end)
            .filter(|&h| hit_spans[h].1 <= end)
            .collect();
        let before = hit_spans.partition_point(|h| h.0 <= start);
        let covered = before > 0 && hit_spans[before - 1].1 >= end;
        let (resolved, ambiguous) = match known.resolve(&key) {
            Ok(Some(o)) => {
                // A name with words left out or added is matched, as texts shorten names, but said.
                let alike = (!Known::exact(o, &key)).then(|| {
                    format!(
                        "rapprochement incertain : « {written} » lu comme « {} » ({}) de l'export de référence ; \
                         vérifiez",
                        o.name, o.id
                    )
                });
                (Resolved::Known(o.id.clone()), alike)
            }
            Ok(None) if covered => continue,
            Ok(None) => (proposed_with_its_form(&written, kind, known, body, &key, proposals), None),
            Err(ids) => (
                new_org(&written, kind, known, body, &key, proposals),
                Some(format!(
                    "« {written} » ressemble à plusieurs organisations connues ({}) : proposée comme nouvelle",
                    ids.join(", ")
                )),
            ),
        };
        // A candidate that is a known name with more words is another organisation: it replaces the hits it holds.
        dropped_hits.extend(inside);
        max_end = max_end.max(end);
        // "Alliance Ville Emploi (AVE)": the acronym names the same organisation further on.
        if let Some(acronym) = acronym_after(&text[end..]) {
            proposals.add(vec![name_word(&acronym)], resolved.clone());
        }
        found.push(Found { start, end, written, resolved, kind: (!kind.is_empty()).then_some(kind), ambiguous });
    }
    // Known names not held by a candidate (candidates are in text order: a running maximum of ends).
    let candidate_ends: Vec<usize> = found
        .iter()
        .scan(0, |m, f| {
            *m = (*m).max(f.end);
            Some(*m)
        })
        .collect();
    let candidate_starts: Vec<usize> = found.iter().map(|f| f.start).collect();
    for (h, c) in chosen.iter().enumerate() {
        if dropped_hits.contains(&h) {
            continue;
        }
        let (start, end) = hit_spans[h];
        let before = candidate_starts.partition_point(|&s| s <= start);
        if before > 0 && candidate_ends[before - 1] >= end {
            continue;
        }
        found.push(Found {
            start,
            end,
            written: text[start..end].to_string(),
            resolved: Resolved::Known(known.orgs[c.2].id.clone()),
            kind: None,
            ambiguous: None,
        });
    }
    found.sort_by_key(|f| f.start);
    found
}

/// The closed list a trigger's name belongs to: the départements', the régions'.
fn collectivity_list(words: &[&str]) -> Option<fn(&str) -> Option<String>> {
    match words {
        ["departement"] | ["conseil", "departemental"] | ["conseil", "general"] => Some(departement_named),
        ["region"] | ["conseil", "regional"] => Some(region_named),
        _ => None,
    }
}

/// Words of a legal form that may open a name or be left out of it: « EPA Euroméditerranée » is
/// « Euroméditerranée », « GIP Mission Locale » is « Mission Locale ».
const FORMS_LEFT_OUT: [&str; 8] = ["epa", "gip", "sem", "spl", "sa", "sas", "sarl", "association"];

/// A proposal for a name not in the reference export, the same one whether the name says its legal
/// form or not: a name with its form finds the proposal made without it and is remembered without it.
fn proposed_with_its_form(
    written: &str,
    kind: &'static str,
    known: &Known,
    body: Option<&Resolved>,
    key: &[String],
    proposals: &mut Proposals,
) -> Resolved {
    let bare = (key.len() >= 2 && FORMS_LEFT_OUT.contains(&key[0].as_str())).then(|| key[1..].to_vec());
    if let Some(r) = bare.as_deref().and_then(|b| proposals.find(b)) {
        proposals.add(key.to_vec(), r.clone());
        return r;
    }
    let r = new_org(written, kind, known, body, key, proposals);
    if let Some(b) = bare {
        proposals.add(b, r.clone());
    }
    r
}

/// Words that introduce an organisation's name: (key words, part of the name, needs a name after, kind).
pub(super) const TRIGGERS: [(&[&str], bool, bool, &str); 31] = [
    (&["association"], false, true, "association"),
    (&["societe"], false, true, "company"),
    (&["entreprise"], false, true, "company"),
    (&["fondation"], true, true, "other"),
    (&["federation"], true, true, "network"),
    (&["union"], true, true, "network"),
    (&["reseau"], true, true, "network"),
    (&["chambre"], true, true, "chamber"),
    (&["mission", "locale"], true, true, "association"),
    (&["maison", "emploi"], true, true, "programme"),
    (&["plie"], true, true, "programme"),
    (&["epa"], true, true, "public-body"),
    (&["gip"], true, true, "public-body"),
    (&["commune"], true, true, "local-authority"),
    (&["ville"], true, true, "local-authority"),
    (&["departement"], true, true, "local-authority"),
    (&["conseil", "departemental"], true, true, "local-authority"),
    (&["region"], true, true, "local-authority"),
    (&["conseil", "regional"], true, true, "local-authority"),
    (&["metropole"], true, true, "local-authority"),
    (&["communaute"], true, true, "local-authority"),
    (&["prefecture"], true, true, "state"),
    (&["pole", "emploi"], true, false, "public-operator"),
    (&["france", "travail"], true, false, "public-operator"),
    (&["cap", "emploi"], true, false, "public-operator"),
    (&["centre", "communal", "action", "sociale"], true, false, "public-body"),
    (&["syndicat"], true, true, "other"),
    // "Agence d'Urbanisme de l'Agglomération Marseillaise", "Office de Tourisme d'Istres".
    (&["agence"], true, true, "public-body"),
    (&["office"], true, true, "public-body"),
    (&["institut"], true, true, "other"),
    (&["comite"], true, true, "association"),
];

/// The kind a name suggests when it starts with a word that introduces names ("Chambre …",
/// "Commune de …"); "other" otherwise ("Alliance Villes Emploi" is not a town).
pub(super) fn infer_kind(name: &str) -> &'static str {
    let key = name_key(name);
    for (words, include, _, kind) in TRIGGERS {
        if include && key.len() >= words.len() && key.iter().zip(words.iter()).all(|(a, b)| a == b) {
            return kind;
        }
    }
    "other"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::extract::test_support::reference_model;

    /// (as written, id, matched in the reference export) of every organisation found.
    fn found(text: &str, known: &Known) -> Vec<(String, String, bool)> {
        let mut proposals = Proposals::default();
        find_organizations(text, known, None, &mut proposals)
            .into_iter()
            .map(|f| (f.written, f.resolved.id().to_string(), matches!(f.resolved, Resolved::Known(_))))
            .collect()
    }

    fn row(written: &str, id: &str, known: bool) -> (String, String, bool) {
        (written.to_string(), id.to_string(), known)
    }

    #[test]
    fn names_introduced_by_a_word_are_proposed_as_written() {
        let known = Known::from_model(None);
        let text = "Article 1 : d’attribuer une subvention à l’association Les Jardins du Ranquet et au PLIE du Pays de Martigues.";
        assert_eq!(
            found(text, &known),
            [
                row("Les Jardins du Ranquet", "les-jardins-du-ranquet", false),
                row("PLIE du Pays de Martigues", "plie-du-pays-de-martigues", false)
            ]
        );
    }

    #[test]
    fn names_of_the_reference_export_are_recognised_whole() {
        let model = reference_model();
        let known = Known::from_model(Some(&model));
        let text = "Convention entre la Chambre de Commerce et d'Industrie Aix-Marseille-Provence et Pôle Emploi.";
        assert_eq!(
            found(text, &known),
            [
                row("Chambre de Commerce et d'Industrie Aix-Marseille-Provence", "ccimp", true),
                row("Pôle Emploi", "france-travail", true)
            ]
        );
        // The longer known name holds the shorter one.
        let text = "avec France Travail Bouches-du-Rhône.";
        assert_eq!(found(text, &known), [row("France Travail Bouches-du-Rhône", "france-travail-13", true)]);
    }

    #[test]
    fn names_with_en_and_an_association_its_acronym_spells() {
        let known = Known::from_model(None);
        assert_eq!(
            found("d’allouer à l’Association Régionale en Economie Sociale (ARES) un financement", &known),
            [row("Association Régionale en Economie Sociale", "association-regionale-en-economie-sociale", false)]
        );
        assert_eq!(
            found("à l’association Tremplin (TREMP) en 2019", &known),
            [row("Tremplin", "tremplin", false)],
            "« en » before a year ends the name; the acronym does not spell « Association »"
        );
    }

    #[test]
    fn a_name_with_or_without_its_legal_form_is_one_proposal() {
        let known = Known::from_model(None);
        let text = "Approbation d'une convention de partenariat avec Euroméditerranée. La Métropole et l'EPA Euroméditerranée conviennent.";
        let ids: Vec<String> = found(text, &known).into_iter().map(|(_, id, _)| id).collect();
        assert_eq!(ids, ["euromediterranee", "euromediterranee"]);
        let ids: Vec<String> = found("avec l'EPA Euroméditerranée ; une convention avec Euroméditerranée", &known)
            .into_iter()
            .map(|(_, id, _)| id)
            .collect();
        assert_eq!(ids, ["epa-euromediterranee", "epa-euromediterranee"]);
    }

    #[test]
    fn acronyms_are_recognised_in_capitals_only() {
        let model = reference_model();
        let known = Known::from_model(Some(&model));
        assert_eq!(found("la cotisation 2024 à l’AVE.", &known), [row("AVE", "ave", true)]);
        assert!(found("Le chœur Ave Maria chante.", &known).is_empty());
    }

    #[test]
    fn an_acronym_after_a_proposed_name_names_it_again() {
        let known = Known::from_model(None);
        let mut proposals = Proposals::default();
        let text = "Adhésion à l'association Tremplin Emploi Étang de Berre (TEEB). La cotisation à TEEB";
        let first = find_organizations(text, &known, None, &mut proposals);
        assert_eq!(first[0].resolved.id(), "tremplin-emploi-etang-de-berre");
        assert_eq!(
            proposals.find(&name_key("TEEB")).map(|r| r.id().to_string()).as_deref(),
            Some("tremplin-emploi-etang-de-berre")
        );
        assert_eq!(acronym_after(" (AVE) et"), Some("AVE".to_string()));
        assert_eq!(acronym_after(" (voir annexe)"), None);
    }

    #[test]
    fn a_name_that_fits_two_known_organisations_is_proposed_with_a_note() {
        let model = reference_model();
        let known = Known::from_model(Some(&model));
        let mut proposals = Proposals::default();
        let f = find_organizations("avec la Mission Locale de Marseille,", &known, None, &mut proposals);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].resolved.id(), "mission-locale-de-marseille");
        assert_eq!(
            f[0].ambiguous.as_deref(),
            Some("« Mission Locale de Marseille » ressemble à plusieurs organisations connues (ml-est, ml-ouest) : proposée comme nouvelle")
        );
    }

    #[test]
    fn a_known_name_with_words_left_out_is_matched_and_said() {
        let model = reference_model();
        let known = Known::from_model(Some(&model));
        let mut proposals = Proposals::default();
        let text = "subvention à la Chambre de Commerce Aix-Marseille-Provence";
        let f = find_organizations(text, &known, None, &mut proposals);
        assert_eq!(f[0].resolved.id(), "ccimp");
        let note = f[0].ambiguous.as_deref().unwrap_or_default();
        assert!(
            note.starts_with("rapprochement incertain : « Chambre de Commerce Aix-Marseille-Provence » lu comme « "),
            "{note}"
        );
        let whole = find_organizations(
            "à la CHAMBRE DE COMMERCE ET D’INDUSTRIE AIX MARSEILLE PROVENCE",
            &known,
            None,
            &mut proposals,
        );
        assert_eq!((whole[0].resolved.id(), whole[0].ambiguous.as_deref()), ("ccimp", None));
    }

    #[test]
    fn a_departement_or_a_region_is_one_of_the_list() {
        let known = Known::from_model(None);
        let names = |text: &str| -> Vec<String> { found(text, &known).into_iter().map(|(w, ..)| w).collect() };
        assert_eq!(
            names("Département des Provence Française Bouches-du-Rhône COMPTE-RENDU CONSEIL DE TERRITOIRE"),
            Vec::<String>::new(),
            "a run of capitals is no département"
        );
        assert_eq!(
            names("LA COMMISSION PERMANENTE DU CONSEIL REGIONAL D ILE-DE-FRANCE VU Le Code Général"),
            ["CONSEIL REGIONAL D ILE-DE-FRANCE"]
        );
        assert_eq!(names("avec la Région Grand Est."), ["Région Grand Est"]);
        assert_eq!(names("le Département du Val Fictif verse"), ["Département du Val Fictif"], "a short name stays");
    }

    #[test]
    fn lowercase_words_a_name_keeps() {
        let known = Known::from_model(None);
        let names = |text: &str| -> Vec<String> { found(text, &known).into_iter().map(|(w, ..)| w).collect() };
        assert_eq!(
            names("une subvention au Comité des fêtes de Saint Exemple pour"),
            ["Comité des fêtes de Saint Exemple"]
        );
        assert_eq!(names("la convention avec le Vénissieux handball est approuvée"), ["Vénissieux handball"]);
        assert!(names("le Comité de pilotage se réunit").is_empty(), "what a committee does is no name");
        assert!(names("Il appartient à la Métropole de prendre").is_empty());
    }

    #[test]
    fn kinds_from_the_introducing_word() {
        assert_eq!(infer_kind("Chambre de Métiers et de l’Artisanat"), "chamber");
        assert_eq!(infer_kind("Commune de Port-de-Bouc"), "local-authority");
        assert_eq!(infer_kind("Pôle emploi Martigues"), "public-operator");
        assert_eq!(infer_kind("Alliance Villes Emploi"), "other");
        assert_eq!(infer_kind("Agence d'Urbanisme de l'Agglomération Marseillaise"), "public-body");
        assert_eq!(infer_kind("Comité des fêtes de Roquefeuille"), "association");
    }

    #[test]
    fn words_carry_their_case_and_what_stands_before_them() {
        let toks = tokenize("la Chambre (CCIMP) – Pôle-emploi, d’Aix");
        let words: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(words, ["la", "chambre", "ccimp", "pole", "emploi", "d", "aix"]);
        assert!(toks[0].stop && !toks[0].caps);
        assert!(toks[1].caps && !toks[1].upper);
        assert!(toks[2].upper && toks[2].paren && toks[2].brk);
        assert!(toks[3].brk, "a spaced dash separates");
        assert!(!toks[4].brk, "a hyphen joins");
        assert!(toks[5].brk && toks[5].stop);
    }
}
