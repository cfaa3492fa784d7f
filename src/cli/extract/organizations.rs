//! Organisation names in a text: the names of the reference export, word for word, and the names
//! introduced by a word ("association …", "Chambre …", "Pôle emploi"), cut from the text as written.

use std::collections::{HashMap, HashSet};

use crate::cli::names::{is_stopword, name_key, name_word};

use super::resolve::{new_org, Known, Proposals, Resolved};
use super::text::is_all_caps;

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
            let name_toks = name_after(&toks, last_trigger_tok + 1, &starts);
            if name_toks.is_none() && needs_more {
                continue;
            }
            let (start_tok, end_tok) = match (include, name_toks) {
                (true, Some((_, e))) => (first_tok, e),
                (true, None) => (first_tok, last_trigger_tok),
                (false, Some((s, e))) => (s, e),
                (false, None) => continue,
            };
            if !include && toks[start_tok].paren {
                continue;
            }
            candidates.push((start_tok, end_tok, kind));
        }
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
            Ok(None) => (new_org(&written, kind, known, body, &key, proposals), None),
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
        found.push(Found { start, end, written, resolved, kind: Some(kind), ambiguous });
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

/// Words that introduce an organisation's name: (key words, part of the name, needs a name after, kind).
const TRIGGERS: [(&[&str], bool, bool, &str); 31] = [
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

/// The words of a name after its introducing word(s): capitalised words, joined by "de", "du",
/// "la"…; "et" only before "de"/"d'" ("Chambre de Commerce et d'Industrie"), so that two names
/// joined by "et" stay two. Returns the first and last token indexes.
fn name_after(toks: &[Tok], from: usize, name_starts: &HashSet<usize>) -> Option<(usize, usize)> {
    let mut first = None;
    let mut last = None;
    // A capitalised article opening the name belongs to it: "Les Jardins du Ranquet".
    let mut lead = None;
    let mut pending: Vec<usize> = Vec::new();
    let mut j = from;
    while j < toks.len() {
        let t = &toks[j];
        if t.brk {
            break;
        }
        if t.stop {
            if matches!(t.norm.as_str(), "a" | "au" | "aux" | "en") {
                break;
            }
            if first.is_none() && pending.is_empty() && t.caps && matches!(t.norm.as_str(), "la" | "le" | "les" | "l") {
                lead = Some(j);
            }
            pending.push(j);
            j += 1;
            continue;
        }
        let accepted = t.caps || t.upper || (last.is_some() && t.norm.bytes().all(|b| b.is_ascii_digit()));
        if !accepted {
            break;
        }
        // "X et le PLIE …", "X et France Travail", "du PLIE et de Pôle Emploi": a second name.
        if let Some(et) = pending.iter().position(|&p| toks[p].norm == "et") {
            let next_is_de =
                pending.get(et + 1).is_some_and(|&p| matches!(toks[p].norm.as_str(), "de" | "d" | "du" | "des"));
            if !next_is_de || name_starts.contains(&j) {
                break;
            }
        }
        pending.clear();
        if first.is_none() {
            first = Some(lead.unwrap_or(j));
        }
        last = Some(j);
        j += 1;
    }
    Some((first?, last?))
}

/// "(AVE)" right after a name → "AVE".
fn acronym_after(rest: &str) -> Option<String> {
    let inner = rest.trim_start().strip_prefix('(')?;
    let (acronym, _) = inner.split_once(')')?;
    let ok = (2..=8).contains(&acronym.chars().count())
        && acronym.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '\'')
        && acronym.chars().any(char::is_alphabetic);
    ok.then(|| acronym.to_string())
}

/// A word of a text as names are read.
#[derive(Debug)]
pub(super) struct Tok {
    /// Its byte span in the text.
    start: usize,
    end: usize,
    /// As compared (`names::name_word`).
    norm: String,
    /// It starts with a capital.
    caps: bool,
    /// It is all capitals (an acronym, or a name printed in capitals).
    pub(super) upper: bool,
    /// An article or a preposition (`names::is_stopword`).
    stop: bool,
    /// Punctuation or a line break separates it from the previous word.
    brk: bool,
    /// An opening parenthesis stands just before it.
    paren: bool,
}

/// The words of a text, in order.
pub(super) fn tokenize(s: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut brk = true;
    let mut paren = false;
    let mut start: Option<usize> = None;
    let push = |st: usize, end: usize, brk: bool, paren: bool, toks: &mut Vec<Tok>| {
        let word = &s[st..end];
        let norm = name_word(word);
        toks.push(Tok {
            start: st,
            end,
            caps: word.chars().next().is_some_and(char::is_uppercase),
            upper: is_all_caps(word),
            stop: is_stopword(&norm),
            norm,
            brk,
            paren,
        });
    };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(st) = start.take() {
            push(st, i, brk, paren, &mut toks);
            brk = false;
            paren = false;
        }
        if matches!(
            c,
            ',' | '.'
                | ';'
                | ':'
                | '('
                | ')'
                | '«'
                | '»'
                | '"'
                | '“'
                | '”'
                | '!'
                | '?'
                | '['
                | ']'
                | '\n'
                | '/'
                | '■'
                | '•'
                | '|'
                | '\t'
        ) {
            brk = true;
        }
        // A dash between spaces separates ("… Provence - Approbation …"); a hyphen joins ("Aix-Marseille").
        if matches!(c, '-' | '–' | '—') {
            let spaced = |j: Option<&(usize, char)>| j.is_none_or(|&(_, x)| x.is_whitespace());
            if spaced(k.checked_sub(1).and_then(|j| chars.get(j))) || spaced(chars.get(k + 1)) {
                brk = true;
            }
        }
        if c == '(' {
            paren = true;
        }
    }
    if let Some(st) = start {
        push(st, s.len(), brk, paren, &mut toks);
    }
    toks
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
