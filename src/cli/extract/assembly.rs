//! The assembly that deliberates, as a register's head names it, and the town or collectivity it
//! stands for: the Bureau or Conseil de la Métropole, a conseil de territoire, a municipal council
//! (« Conseil municipal de la Commune d'Istres », « Maire de la Commune de CHIGNY LES ROSES »,
//! « MAIRIE DE TRETS » run into one line, a town's site page headed « Ville de Gardanne »), the
//! commission permanente or the council of a département or a région.

use super::collectivity::{departement_named, region_named};
use super::dates::dates_in;
use super::shape::{instance_in, of_town};
use super::text::{folded, is_all_caps, title_case, Folded, Logical};

/// The instance from the header, else from the first mention before the deciding part, else the
/// municipal council of the town a site's page is headed with. The flag says a municipal council
/// was found without its commune.
pub(super) fn register_instance(header: &[&str], before_decision: &[Logical]) -> (Option<String>, bool) {
    let head = folded(&header.join("\n"));
    let zone: Vec<&str> = before_decision.iter().map(|l| l.text.as_str()).collect();
    let municipal = || match town_of(header, &zone) {
        Some(c) => (Some(format!("Conseil municipal {}", of_town(&c))), false),
        None => (Some("Conseil municipal".to_string()), true),
    };
    if head.contains("conseil municipal") {
        return municipal();
    }
    if let Some(i) = instance_in(&head) {
        return (Some(i), false);
    }
    if let Some(i) = territory_council(header) {
        return (Some(i), false);
    }
    if let Some(i) = collectivity_assembly(header).or_else(|| intercommunal_assembly(header)) {
        return (Some(i), false);
    }
    for l in &zone {
        let f = folded(l);
        if f.contains("conseil municipal") {
            return municipal();
        }
        if let Some(i) = instance_in(&f) {
            return (Some(i), false);
        }
        if let Some(i) = territory_council(&[l]).or_else(|| collectivity_assembly(&[l])) {
            return (Some(i), false);
        }
    }
    // A town's site prints its council's deliberations under the town's name alone.
    if let Some(town) = commune_in(header, Where::HeadOnly) {
        return (Some(format!("Conseil municipal {}", of_town(&town))), false);
    }
    (None, false)
}

/// Where a commune's name is looked for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Where {
    /// Header lines: « VILLE DE X » anywhere when in capitals, « Ville de X » at a line's start.
    HeadOnly,
    /// The sentences before the decision too: « le Conseil Municipal de la commune de X »,
    /// « Maire de la Commune de X ».
    Prose,
}

/// The town of a municipal council: in the header, else in the opening sentences, else the town
/// the text speaks of as itself (« La Ville de Metz est engagée… »).
fn town_of(header: &[&str], zone: &[&str]) -> Option<String> {
    commune_in(header, Where::Prose)
        .or_else(|| commune_in(zone, Where::Prose))
        .or_else(|| commune_in(zone, Where::HeadOnly))
        .or_else(|| letter_town(zone))
        .or_else(|| town_as_subject(zone))
        .or_else(|| town_in_prose(zone))
}

/// The commune a municipal council's header names: "Conseil municipal de la Commune d'Istres",
/// "Conseil Municipal d’Aubagne", "VILLE DE LA CIOTAT", "Conseil municipal du Rove" (→ "Le Rove"),
/// "Commune de l’Isle-sur-la-Sorgue" (→ "L'Isle-sur-la-Sorgue"), "Maire de la Commune de CHIGNY
/// LES ROSES", "… Arrondissement d'Aix MAIRIE DE TRETS Direction Générale …".
fn commune_in(lines: &[&str], place: Where) -> Option<String> {
    // (folded words, article the town's name takes back, said in prose too), longest first.
    const AFTER: [(&str, &str, bool); 28] = [
        ("conseil municipal de la ville de ", "", true),
        ("conseil municipal de la ville d'", "", true),
        ("conseil municipal de la commune de ", "", true),
        ("conseil municipal de la commune d'", "", true),
        ("conseil municipal de l'", "L'", true),
        ("conseil municipal de ", "", true),
        ("conseil municipal d'", "", true),
        ("conseil municipal du ", "Le ", true),
        ("conseil municipal des ", "Les ", true),
        ("conseil municipal - ", "", true),
        ("maire de la commune de ", "", true),
        ("maire de la commune d'", "", true),
        ("maire de la ville de ", "", true),
        ("maire de la ville d'", "", true),
        ("ville de l'", "L'", false),
        ("commune de l'", "L'", false),
        ("ville de ", "", false),
        ("commune de ", "", false),
        ("mairie de ", "", false),
        ("ville d'", "", false),
        ("commune d'", "", false),
        ("mairie d'", "", false),
        ("ville du ", "Le ", false),
        ("commune du ", "Le ", false),
        ("ville des ", "Les ", false),
        ("commune des ", "Les ", false),
        ("mairie du ", "Le ", false),
        ("mairie des ", "Les ", false),
    ];
    for (pattern, article, prose) in AFTER {
        if prose && place == Where::HeadOnly {
            continue;
        }
        for line in lines {
            let f = Folded::new(line);
            let mut from = 0;
            while let Some(rel) = f.text.get(from..).and_then(|t| t.find(pattern)) {
                let pos = from + rel;
                from = pos + pattern.len();
                let at_word_start = f.text[..pos].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                if !at_word_start {
                    continue;
                }
                // "ville de", "commune de" start a line, or stand in capitals in a header run into one
                // line ("… MAIRIE DE TRETS Direction …"): elsewhere they are prose.
                let written = &line[f.orig(pos)..f.orig(pos + pattern.len())];
                if !prose && pos != 0 && !is_all_caps(written) {
                    continue;
                }
                let start = f.orig(pos + pattern.len());
                if let Some(name) = proper_name_at(&line[start..]) {
                    let name = if is_all_caps(&name) { title_case(&name) } else { name };
                    return Some(format!("{article}{name}"));
                }
            }
        }
    }
    None
}

/// « Trets, le 03 juillet 2015 », « …PVExtraitsAUBAGNE, le 8 Mars 2012 »: the town a register's
/// letter is written from (its capitals kept apart from a word a copy glued them to).
fn letter_town(zone: &[&str]) -> Option<String> {
    for line in zone {
        let f = Folded::new(line);
        for (pos, _) in f.text.match_indices(", le ") {
            let dated = dates_in(&f.text[pos + ", le ".len()..]).first().is_some_and(|d| d.start == 0);
            if !dated {
                continue;
            }
            let before = &line[..f.orig(pos)];
            let Some(word) = before.split_whitespace().next_back() else { continue };
            let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
            let capitalised =
                letters.first().is_some_and(|c| c.is_uppercase()) && letters[1..].iter().all(|c| c.is_lowercase());
            let a_name = word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
            let name = if a_name && (is_all_caps(word) || capitalised) {
                word.to_string()
            } else {
                // Capitals glued after a small letter: « …PVExtraitsAUBAGNE ».
                let tail: Vec<char> = word.chars().rev().take_while(|c| c.is_uppercase() || *c == '-').collect();
                let glued_after = word.chars().rev().nth(tail.len()).is_some_and(char::is_lowercase);
                if tail.len() < 3 || !glued_after {
                    continue;
                }
                tail.into_iter().rev().collect()
            };
            return Some(if is_all_caps(&name) { title_case(&name) } else { name });
        }
    }
    None
}

/// « La Ville de Metz est engagée… », « la commune de BAIX a confié… »: the town a municipal text
/// speaks of as the subject, when nothing else names it.
fn town_as_subject(zone: &[&str]) -> Option<String> {
    for line in zone {
        let f = Folded::new(line);
        for pattern in ["la ville de ", "la commune de ", "la ville d'", "la commune d'"] {
            if let Some(pos) = f.text.find(pattern) {
                if let Some(name) = proper_name_at(&line[f.orig(pos + pattern.len())..]) {
                    return Some(if is_all_caps(&name) { title_case(&name) } else { name });
                }
            }
        }
    }
    None
}

/// « sur le territoire d’Amance », « … 11 dans le département, dont Peyrenoire / .../... 2 fait
/// partie »: the town a municipal text speaks of as its own, when nothing else names it — the one
/// such town, never one of two, nor a collectivity (« le territoire de la Métropole »).
fn town_in_prose(zone: &[&str]) -> Option<String> {
    let text = zone.join(" ");
    let f = Folded::new(&text);
    let mut towns: Vec<String> = Vec::new();
    for pattern in ["territoire communal de ", "territoire communal d'", "territoire de ", "territoire d'"] {
        for (pos, _) in f.text.match_indices(pattern) {
            towns.extend(proper_name_at(&text[f.orig(pos + pattern.len())..]));
        }
    }
    for (pos, _) in f.text.match_indices("dont ") {
        let rest = &text[f.orig(pos + "dont ".len())..];
        let Some(name) = proper_name_at(rest) else { continue };
        // What follows the name, past a page break's marks (« .../... 2 »).
        let after: Vec<&str> = rest
            .split_whitespace()
            .skip(name.split_whitespace().count())
            .skip_while(|w| w.chars().all(|c| !c.is_alphabetic()))
            .take(2)
            .collect();
        if matches!(folded(&after.join(" ")).as_str(), "fait partie" | "font partie" | "fait partie." | "font partie.")
        {
            towns.push(name);
        }
    }
    let mut towns: Vec<String> = towns
        .into_iter()
        .map(|t| if is_all_caps(&t) { title_case(&t) } else { t })
        .filter(|t| {
            let first = folded(t.split_whitespace().next().unwrap_or(""));
            let general = matches!(
                first.as_str(),
                "metropole"
                    | "commune"
                    | "ville"
                    | "departement"
                    | "region"
                    | "france"
                    | "etat"
                    | "communaute"
                    | "syndicat"
                    | "europe"
                    | "la"
                    | "le"
                    | "les"
            );
            !general && departement_named(t).is_none() && region_named(t).is_none()
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    towns.retain(|t| seen.insert(folded(t)));
    match towns.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// « Conseil de territoire Istres-Ouest Provence », also when the header runs on after the name
/// (« CONSEIL DE TERRITOIRE ISTRES-OUEST PROVENCE 26 JUIN 2018 ____ La séance… »).
fn territory_council(header: &[&str]) -> Option<String> {
    for line in header {
        let f = Folded::new(line);
        let Some(pos) = f.text.find("conseil de territoire") else { continue };
        let rest = &line[f.orig(pos + "conseil de territoire".len())..];
        // « … un compte rendu de conseil de territoire copié… » names no territory: prose.
        let Some(name) = proper_name_at(rest) else { continue };
        let name = if is_all_caps(&name) { title_case(&name) } else { name };
        return Some(format!("Conseil de territoire {name}"));
    }
    None
}

/// The assemblies of a département or a région: « LA COMMISSION PERMANENTE DU CONSEIL REGIONAL D
/// ILE-DE-FRANCE » → « Commission permanente du Conseil régional d'Ile-de-France », « RAPPORT À LA
/// COMMISSION PERMANENTE DU CONSEIL DÉPARTEMENTAL » → « Commission permanente du Conseil
/// départemental ».
fn collectivity_assembly(header: &[&str]) -> Option<String> {
    const COUNCILS: [(&str, &str); 4] = [
        ("conseil departemental", "Conseil départemental"),
        ("conseil general", "Conseil général"),
        ("conseil regional", "Conseil régional"),
        ("assemblee de corse", "Assemblée de Corse"),
    ];
    // The council, named with its collectivity where any mention does (« RECUEIL … du conseiL
    // depARtementAL des bouches-du-Rhône » beside « commission peRmAnente du conseiL depARtementAL »).
    let mut council: Option<(&str, String)> = None;
    for line in header {
        let f = Folded::new(line);
        for (needle, name) in COUNCILS {
            let mut from = 0;
            while let Some(rel) = f.text.get(from..).and_then(|t| t.find(needle)) {
                let pos = from + rel;
                from = pos + needle.len();
                let of = collectivity_name(&line[f.orig(pos + needle.len())..]).map(|n| format!(" {n}"));
                // The council the commission permanente belongs to is named best right after it.
                let of_the_commission = f.text[..pos].trim_end().ends_with("commission permanente du");
                match (&council, of) {
                    (None, of) => council = Some((name, of.unwrap_or_default())),
                    (Some((_, known)), Some(of)) if known.is_empty() || of_the_commission => council = Some((name, of)),
                    _ => {}
                }
            }
        }
    }
    let (name, of) = council?;
    let permanent = header.iter().any(|l| folded(l).contains("commission permanente"));
    Some(if permanent { format!("Commission permanente du {name}{of}") } else { format!("{name}{of}") })
}

/// The assembly of a communauté or a syndicat, with the body it belongs to when the header names
/// it: « COMMUNAUTE DE COMMUNES LE MINERVOIS » / « COMPTE-RENDU DU CONSEIL DE COMMUNAUTE » →
/// « Conseil de communauté de la Communauté de communes Le Minervois »; « PROCES-VERBAL DU COMITE
/// SYNDICAL DU SYNDICAT MIXTE « DU BASSIN » L’an … » → « Comité syndical du Syndicat mixte du
/// Bassin »; « COMITE SYNDICAL » alone.
fn intercommunal_assembly(header: &[&str]) -> Option<String> {
    const ASSEMBLIES: [(&str, &str); 4] = [
        ("conseil de communaute", "Conseil de communauté"),
        ("conseil communautaire", "Conseil communautaire"),
        ("bureau communautaire", "Bureau communautaire"),
        ("comite syndical", "Comité syndical"),
    ];
    let head = folded(&header.join("\n"));
    let (needle, assembly) = ASSEMBLIES.iter().find(|(needle, _)| head.contains(needle))?;
    // The body's category as the law writes it, then its own name as the header does: on a line of
    // its own, else right after the assembly's words.
    let body = header.iter().map(|l| l.trim()).find_map(|l| {
        let f = Folded::new(l);
        INTERCOMMUNAL_BODIES.iter().find(|(b, ..)| f.text.starts_with(b)).and_then(|(b, category, of)| {
            let rest = l[f.orig(b.len())..].trim();
            body_name(rest, category, of)
        })
    });
    let inline = || {
        header.iter().find_map(|l| {
            let f = Folded::new(l);
            let at = f.text.find(needle)? + needle.len();
            let after = f.text[at..].trim_start();
            INTERCOMMUNAL_BODIES.iter().find_map(|(b, category, of)| {
                let prep = format!("{of} ");
                let rest = after.strip_prefix(prep.as_str())?.strip_prefix(b)?;
                let start = f.orig(f.text.len() - rest.len());
                let unquoted: String =
                    l[start..].chars().filter(|c| !matches!(c, '«' | '»' | '"' | '“' | '”')).collect();
                body_name(&proper_name_at(&unquoted)?, category, of)
            })
        })
    };
    Some(match body.or_else(inline) {
        Some(b) => format!("{assembly} {b}"),
        None => assembly.to_string(),
    })
}

/// The categories of intercommunal bodies as the law writes them, the longer first: (folded words
/// that open the body's name, as written, the preposition before it).
const INTERCOMMUNAL_BODIES: [(&str, &str, &str); 8] = [
    ("communaute de communes ", "Communauté de communes", "de la"),
    ("communaute d'agglomeration ", "Communauté d'agglomération", "de la"),
    ("communaute urbaine ", "Communauté urbaine", "de la"),
    ("syndicat intercommunal a vocation multiple ", "Syndicat intercommunal à vocation multiple", "du"),
    ("syndicat intercommunal a vocation unique ", "Syndicat intercommunal à vocation unique", "du"),
    ("syndicat intercommunal ", "Syndicat intercommunal", "du"),
    ("syndicat mixte ", "Syndicat mixte", "du"),
    ("syndicat ", "Syndicat", "du"),
];

/// « du Syndicat mixte du Bassin de la Fictive » from the name after the category, in capitals or not.
fn body_name(rest: &str, category: &str, of: &str) -> Option<String> {
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    let name = if is_all_caps(rest) { title_case(rest) } else { rest.to_string() };
    // « du Bassin de la Fictive » keeps its preposition small; « Le Minervois » its article's capital.
    let first = name.split_whitespace().next().unwrap_or("");
    let name = if matches!(folded(first).as_str(), "du" | "de" | "des") {
        format!("{}{}", first.to_lowercase(), &name[first.len()..])
    } else {
        let mut chars = name.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    };
    Some(format!("{of} {category} {name}"))
}

/// The name after a council's word, with its preposition: « D ILE-DE-FRANCE » → « d'Ile-de-France »,
/// « des Bouches-du-Rhône », « de la Seine-Saint-Denis ».
fn collectivity_name(rest: &str) -> Option<String> {
    let t = rest.trim_start();
    let f = folded(t);
    for (prep, written) in
        [("de la ", "de la "), ("des ", "des "), ("du ", "du "), ("d'", "d'"), ("d ", "d'"), ("de ", "de ")]
    {
        if f.starts_with(prep) {
            let rest = &t[Folded::new(t).orig(prep.len())..];
            // A PDF's small capitals come out in odd case (« des bouches-du-Rhône »): a compound name
            // after a council's word is its collectivity's whatever its case.
            let compound = rest
                .split_whitespace()
                .next()
                .map(|w| w.trim_end_matches([',', '.', ';', ':']))
                .filter(|w| w.contains('-') && w.chars().all(|c| c.is_alphabetic() || c == '-'))
                .map(|w| title_case(&w.to_uppercase()));
            let name = proper_name_at(rest).or(compound)?;
            let name = if is_all_caps(&name) { title_case(&name) } else { name };
            return Some(format!("{written}{name}"));
        }
    }
    None
}

/// The proper name at the start of `s`: capitalised words, with the particles between them. A name
/// printed in capitals ends where the capitals end (« TRETS Direction Générale » → « TRETS »).
pub(super) fn proper_name_at(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut taken: Vec<&str> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    let mut in_capitals = false;
    for w in words {
        let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
        let ends = bare.len() != w.len();
        let f = folded(bare);
        let first_letter = bare.chars().find(|c| c.is_alphabetic());
        if matches!(f.as_str(), "de" | "du" | "des" | "la" | "le" | "les" | "sur" | "en") && !ends {
            pending.push(bare);
            continue;
        }
        // Words that open what follows a header, never part of a name; nor is a number.
        if matches!(f.as_str(), "vu" | "considerant" | "seance" | "objet" | "rapport" | "deliberation" | "n°" | "no")
            || bare.chars().any(|c| c.is_ascii_digit())
        {
            break;
        }
        let capitalised = first_letter.is_some_and(char::is_uppercase) && !bare.is_empty();
        // In capitals, an elided particle whose apostrophe was lost stands alone: « VAL D OLIVE ».
        let caps = bare.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        if capitalised && (!in_capitals || caps) {
            if taken.is_empty() {
                in_capitals = is_all_caps(bare);
            }
            taken.append(&mut pending);
            taken.push(bare);
            if ends {
                break;
            }
        } else {
            break;
        }
    }
    (!taken.is_empty()).then(|| taken.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::extract::text::Prepared;

    fn commune(line: &str) -> Option<String> {
        commune_in(&[line], Where::Prose)
    }

    fn instance(text: &str) -> (Option<String>, bool) {
        let p = Prepared::new(text);
        let header: Vec<&str> = p.logical.iter().take(3).map(|l| l.text.as_str()).collect();
        register_instance(&header, &p.logical)
    }

    #[test]
    fn communes_are_read_from_the_header() {
        assert_eq!(commune("VILLE DE SALON-DE-PROVENCE").as_deref(), Some("Salon-de-Provence"));
        assert_eq!(commune("Conseil municipal de la Ville de La Ciotat").as_deref(), Some("La Ciotat"));
        assert_eq!(commune("Le Conseil municipal d’Aubagne, réuni").as_deref(), Some("Aubagne"));
        assert_eq!(commune("du Conseil Municipal de la Commune d'Istres").as_deref(), Some("Istres"));
        assert_eq!(commune("CONSEIL MUNICIPAL DE LA COMMUNE D’AUBAGNE").as_deref(), Some("Aubagne"));
        assert_eq!(commune("Conseil municipal de la Ville d’Aix-en-Provence").as_deref(), Some("Aix-en-Provence"));
        assert_eq!(commune("Le Conseil municipal du Rove").as_deref(), Some("Le Rove"));
        assert_eq!(commune("COMMUNE DES PENNES-MIRABEAU").as_deref(), Some("Les Pennes-Mirabeau"));
        assert_eq!(commune("Conseil municipal de l’Isle-sur-la-Sorgue").as_deref(), Some("L'Isle-sur-la-Sorgue"));
        assert_eq!(commune("La ville de Marseille est partenaire"), None);
        assert_eq!(proper_name_at("Port-de-Bouc, le 3 mai").as_deref(), Some("Port-de-Bouc"));
        assert_eq!(proper_name_at("Saint-Mitre-les-Remparts").as_deref(), Some("Saint-Mitre-les-Remparts"));
        assert_eq!(proper_name_at("la commune"), None);
    }

    #[test]
    fn communes_as_minutes_and_sites_write_them() {
        assert_eq!(
            commune("sous la présidence de Claude DOREAU, Maire de la Commune de CHIGNY LES ROSES.").as_deref(),
            Some("Chigny les Roses")
        );
        assert_eq!(
            commune("le Conseil Municipal de la commune de Saint Sulpice la Forêt, légalement convoqué").as_deref(),
            Some("Saint Sulpice la Forêt")
        );
        assert_eq!(
            commune("1 DEPARTEMENT des BOUCHES -DU- RHÔ NE Arrondissement d'aix-en-provence MAIRIE DE TRETS Direction Générale")
                .as_deref(),
            Some("Trets"),
            "a header in capitals run into one line"
        );
        assert_eq!(commune("la Mairie de Marseille répond"), None, "prose is not a header");
        assert_eq!(
            commune("DU CONSEIL MUNICIPAL DE LA VILLE D'AIX EN PROVENCE N° DL.2015-306").as_deref(),
            Some("Aix en Provence"),
            "a number after the town is not the town's"
        );
        assert_eq!(
            collectivity_assembly(&["RecueiL des Actes AdministRAtifsdu conseiL depARtementAL des bouches-du-Rhône"])
                .as_deref(),
            Some("Conseil départemental des Bouches-du-Rhône"),
            "small capitals of a PDF in odd case"
        );
        assert_eq!(town_as_subject(&["La Ville de Metz est engagée dans un soutien"]).as_deref(), Some("Metz"));
        assert_eq!(letter_town(&["Fraternité Trets, le 03 juillet 2015 COMPTE RENDU"]).as_deref(), Some("Trets"));
        assert_eq!(
            letter_town(&["DJ/CV/070312PVExtraitsAUBAGNE, le 8 Mars 2012EXTRAITS du PROCES-VERBAL"]).as_deref(),
            Some("Aubagne"),
            "capitals glued to a word by the copy"
        );
        assert_eq!(letter_town(&["JR/CV/050618PVCM , le 5 juin 2018"]), None, "no town before the comma");
        assert_eq!(letter_town(&["le Maire, le Conseil"]), None);
    }

    #[test]
    fn assemblies_of_every_level() {
        assert_eq!(
            instance("Ville de Gardanne\nN°54 - Autoriser Monsieur le Maire à signer une convention"),
            (Some("Conseil municipal de Gardanne".into()), false),
            "a town's page of its council"
        );
        assert_eq!(
            instance("1 CONSEIL REGIONAL D ILE DE FRANCE 1 CP DELIBERATION LA COMMISSION PERMANENTE DU CONSEIL REGIONAL D ILE-DE-FRANCE VU"),
            (Some("Commission permanente du Conseil régional d'Ile-de-France".into()), false)
        );
        assert_eq!(
            instance("CONSEIL REGIONAL D ILE DE FRANCE"),
            (Some("Conseil régional d'Ile de France".into()), false)
        );
        assert_eq!(
            instance("LA COMMISSION PERMANENTE DU CONSEIL REGIONAL D ILE-DE-FRANCE"),
            (Some("Commission permanente du Conseil régional d'Ile-de-France".into()), false)
        );
        assert_eq!(
            instance("Conseil départemental des Bouches-du-Rhône\nInstitution\nAu menu de la Commission permanente du 28 juin 2024"),
            (Some("Commission permanente du Conseil départemental des Bouches-du-Rhône".into()), false)
        );
        assert_eq!(
            instance("13-01\nRAPPORT À LA COMMISSION PERMANENTE DU CONSEIL DÉPARTEMENTAL\nRéunion du 7 novembre 2019"),
            (Some("Commission permanente du Conseil départemental".into()), false)
        );
        assert_eq!(
            instance(
                "COMPTE-RENDU CONSEIL DE TERRITOIRE ISTRES-OUEST PROVENCE 26 JUIN 2018 ____ La séance est ouverte"
            ),
            (Some("Conseil de territoire Istres-Ouest Provence".into()), false)
        );
        assert_eq!(
            instance("COMMUNAUTE DE COMMUNES LE MINERVOIS\n----COMPTE-RENDU DU CONSEIL DE COMMUNAUTE\nSéance du 24 septembre 2013"),
            (Some("Conseil de communauté de la Communauté de communes Le Minervois".into()), false)
        );
        assert_eq!(
            instance("COMPTE-RENDU DU COMITE SYNDICAL\nDU 18 DECEMBRE 2012"),
            (Some("Comité syndical".into()), false)
        );
    }
}
