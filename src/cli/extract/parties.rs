//! The parties a deciding sentence names: every organisation in order, the deliberating body's own
//! words (« la Métropole », « la Ville ») included; and, of those, the ones a convention is signed
//! with. A convention links the deliberating body with the parties the text says it signs with
//! (« convention avec X », « convention … à l'association X », « entre la Ville et X »), never every
//! name of its title: the funder of « PARTICIPATION FINANCIÈRE DU GRAND CASINO … - APPROBATION DE
//! CONVENTIONS » signs nothing the title says. A wrong link is worse than a missing one.

use super::organizations::find_organizations;
use super::resolve::{Known, Proposals, Resolved};
use super::text::{find_word_from, runs, Folded};

/// An organisation a sentence names: where it is written, and which it is.
pub(super) struct Party {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) resolved: Resolved,
}

/// Organisations named in one sentence, in order, the body's generic mentions ("la Métropole") included.
pub(super) fn parties_in(sentence: &str, known: &Known, body: &Resolved, proposals: &mut Proposals) -> Vec<Party> {
    let found = find_organizations(sentence, known, Some(body), proposals);
    let mut out: Vec<Party> =
        found.iter().map(|f| Party { start: f.start, end: f.end, resolved: f.resolved.clone() }).collect();
    let f = Folded::new(sentence);
    for generic in ["la metropole", "la commune", "la ville"] {
        let mut from = 0;
        while let Some(at) = find_word_from(&f.text, generic, from) {
            from = at + generic.len();
            let word_start = f.orig(at + 3);
            if !found.iter().any(|x| word_start >= x.start && word_start < x.end) {
                out.push(Party { start: f.orig(at), end: f.orig(from), resolved: body.clone() });
            }
        }
    }
    out.sort_by_key(|p| p.start);
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.resolved.id().to_string()));
    out
}

/// Words that introduce the one a convention is signed with: « avec », « à », « au profit de »,
/// « en faveur de », « auprès de ».
const INTRODUCERS: [&str; 7] = ["avec", "a", "au", "aux", "profit", "faveur", "aupres"];

/// How many words may stand between an introducing word and the name it introduces: « avec Monsieur
/// le Président de l'association « Les Petits Pas » », « à l'association ».
const MAX_BETWEEN: usize = 10;

/// The parties of the first convention (or partnership) of a sentence that names at least two: after
/// « entre » within the convention's phrase, all those it names (« entre la Ville de Martigues et
/// France Travail »); else the body and those its phrase introduces (« avec X », « à X », and those
/// listed after them: « avec X et Y »). The phrase ends where the title's next part starts (« - »,
/// « ; », a sentence's end, a parenthesis). A convention that names no one, beside a subsidy granted
/// to one organisation only, is the subsidy's, with that organisation.
pub(super) fn convention_parties(
    sentence: &str,
    known: &Known,
    body: &Resolved,
    proposals: &mut Proposals,
) -> Option<Vec<Resolved>> {
    let f = Folded::new(sentence);
    let named = parties_in(sentence, known, body, proposals);
    let folded_at = |orig: usize| f.map.iter().position(|&o| o >= orig).unwrap_or(f.text.len());
    for word_end in convention_words(&f.text) {
        let end = phrase_end(&f.text, word_end);
        let inside: Vec<&Party> =
            named.iter().filter(|p| p.start >= f.orig(word_end) && p.start < f.orig(end)).collect();
        let mut parties: Vec<Resolved> = match find_word_from(&f.text[..end], "entre", word_end) {
            Some(entre) => inside.iter().filter(|p| p.start > f.orig(entre)).map(|p| p.resolved.clone()).collect(),
            None => {
                let mut v = vec![body.clone()];
                let mut anchor = word_end;
                let mut listing = false;
                for p in inside {
                    let start = folded_at(p.start);
                    let gap = f.text.get(anchor..start).unwrap_or("");
                    let between = runs(gap);
                    let introduced =
                        between.len() <= MAX_BETWEEN && between.iter().any(|r| INTRODUCERS.contains(&r.word));
                    // « avec X et Y », « avec X, Y »: the list goes on.
                    let listed = listing
                        && between.len() <= 4
                        && (between.first().is_some_and(|r| r.word == "et") || gap.trim_start().starts_with(','));
                    listing = p.resolved.id() != body.id() && (introduced || listed);
                    if listing {
                        v.push(p.resolved.clone());
                    }
                    anchor = folded_at(p.end);
                }
                v
            }
        };
        let mut seen = std::collections::HashSet::new();
        parties.retain(|p| seen.insert(p.id().to_string()));
        if parties.len() >= 2 {
            return Some(parties);
        }
    }
    // « Attribution d'une subvention à Marseille Innovation et approbation d'une convention »: a
    // convention that names no one is the one of the subsidy, with its only beneficiary.
    let beneficiaries = subsidy_beneficiaries(&f, &named, body);
    match (convention_words(&f.text).is_empty(), beneficiaries.as_slice()) {
        (false, [one]) => Some(vec![body.clone(), one.clone()]),
        _ => None,
    }
}

/// The organisations a sentence grants a subsidy to: those « à », « au », « aux » introduces, a few
/// words after « subvention(s) », each once.
fn subsidy_beneficiaries(f: &Folded, named: &[Party], body: &Resolved) -> Vec<Resolved> {
    let mut out: Vec<Resolved> = Vec::new();
    let words = runs(&f.text);
    for (k, w) in words.iter().enumerate() {
        if !w.word.starts_with("subvention") {
            continue;
        }
        let Some(next) = named.iter().find(|p| p.start >= f.orig(w.end)) else { continue };
        let gap: Vec<&str> =
            words[k + 1..].iter().take_while(|r| f.orig(r.start) < next.start).map(|r| r.word).collect();
        // « à l'association X »: the preposition introduces the name itself, not « à des structures ».
        let introduced = gap.len() <= 8
            && gap.iter().rposition(|g| matches!(*g, "a" | "au" | "aux")).is_some_and(|at| {
                gap[at + 1..].iter().all(|g| matches!(*g, "l" | "la" | "le" | "les" | "association" | "societe"))
            });
        if !introduced {
            continue;
        }
        // « AU COMITÉ … ET À L'ASSOCIATION … »: each one of a list.
        let mut listed = vec![next];
        for p in named.iter().filter(|p| p.start > next.start) {
            let prev = listed[listed.len() - 1];
            let between: Vec<&str> = words
                .iter()
                .filter(|r| f.orig(r.start) >= prev.end && f.orig(r.end) <= p.start)
                .map(|r| r.word)
                .collect();
            let joined = between.first() == Some(&"et")
                && between.len() <= 5
                && between.iter().all(|g| {
                    matches!(*g, "et" | "a" | "au" | "aux" | "l" | "la" | "le" | "les" | "association" | "societe")
                });
            if !joined {
                break;
            }
            listed.push(p);
        }
        for p in listed {
            if p.resolved.id() != body.id() && !out.iter().any(|r| r.id() == p.resolved.id()) {
                out.push(p.resolved.clone());
            }
        }
    }
    out
}

/// Where each word « convention(s) » or « partenariat(s) » ends, in order.
fn convention_words(f: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for word in ["convention", "partenariat"] {
        let mut from = 0;
        while let Some(rel) = f.get(from..).and_then(|t| t.find(word)) {
            let at = from + rel;
            from = at + word.len();
            if f[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let end = at + f[at..].find(|c: char| !c.is_alphanumeric()).unwrap_or(f.len() - at);
            out.push(end);
        }
    }
    out.sort_unstable();
    out
}

/// Where the phrase that starts at `from` ends: the title's next part (« - »), a semicolon, a
/// sentence's end, a parenthesis, a slash between parts, or the end.
fn phrase_end(f: &str, from: usize) -> usize {
    [" - ", ";", ". ", " (", " / ", "\n"].iter().filter_map(|m| f[from..].find(m)).min().map_or(f.len(), |at| from + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids of the parties of a convention sentence, for a municipal body.
    fn parties(sentence: &str) -> Option<Vec<String>> {
        let known = Known::from_model(None);
        let body = Resolved::New {
            id: "commune-de-valfleuri".into(),
            name: "Commune de Valfleuri".into(),
            kind: "local-authority",
        };
        let mut proposals = Proposals::default();
        convention_parties(sentence, &known, &body, &mut proposals)
            .map(|v| v.iter().map(|r| r.id().to_string()).collect())
    }

    #[test]
    fn those_a_convention_is_signed_with() {
        assert_eq!(
            parties("Convention d'objectifs avec l'association Musiques en Rade").as_deref(),
            Some(&["commune-de-valfleuri".to_string(), "musiques-en-rade".to_string()][..])
        );
        assert_eq!(
            parties("Approbation d'une convention de mise à disposition de locaux à l'association Coline")
                .map(|v| v.len()),
            Some(2)
        );
        assert_eq!(
            parties("Convention de mutualisation de moyens entre la Ville de Valfleuri et la Région Grand Est.")
                .map(|v| v[1].clone())
                .as_deref(),
            Some("region-grand-est")
        );
        assert_eq!(
            parties("Convention avec l'association Les Voix du Port et l'association Théâtre des Oliviers")
                .map(|v| v.len()),
            Some(3),
            "a list after « avec »"
        );
    }

    #[test]
    fn a_funder_or_a_beneficiary_elsewhere_in_the_title_signs_nothing() {
        assert_eq!(
            parties(
                "ATTRIBUTION DE SUBVENTIONS A DES STRUCTURES - PARTICIPATION FINANCIERE DU GRAND CASINO DE VALFLEURI A LA POLITIQUE CULTURELLE DE LA VILLE DE VALFLEURI - APPROBATION DE CONVENTIONS (DIRECTION DES AFFAIRES CULTURELLES)"
            ),
            None
        );
        assert_eq!(
            parties("Subvention à l'association Musiques en Rade - Mécénat de la Fondation Exemple - Approbation d'une convention")
                .as_deref(),
            Some(&["commune-de-valfleuri".to_string(), "musiques-en-rade".to_string()][..]),
            "the convention of a subsidy is with its beneficiary, not with the patron"
        );
        assert_eq!(
            parties("SUBVENTIONS AU COMITÉ DÉPARTEMENTAL DE SPORT ET À L’ASSOCIATION SAINT-EXEMPLE HANDIBASKET – CONVENTION ET AVENANT."),
            None
        );
    }
}
