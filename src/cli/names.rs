//! Names and ids for every command of the CLI: ids as the format wants them (lowercase ASCII
//! kebab-case, unique within an export) and the words organisation names are compared by, so that
//! `extract`, `import-scdl` and `generate` write and recognise a name alike.
//!
//! Case and accents are folded by `core::locale::fold`, the widget's own search folding; this
//! module adds what only ids and comparisons need: ligatures written out, words cut apart, the
//! legal-form words that say what a body is rather than which one (« Association », « Commune
//! de »), and whether two names designate one organisation for sure, perhaps, or not at all.

use std::collections::HashSet;

use crate::core::locale::fold;

/// Lowercase ASCII kebab-case, the format's convention for ids: accents folded, "œ" → "oe",
/// "æ" → "ae", "ß" → "ss"; apostrophes, punctuation, spaces and letters of other scripts separate
/// words. "Chambre de Commerce et d’Industrie" → "chambre-de-commerce-et-d-industrie",
/// "CHL-059-15101/23/BM" → "chl-059-15101-23-bm". Empty when no letter or digit is left: each
/// caller knows its own fallback.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in fold(text).chars() {
        if let Some(letters) = ligature(c) {
            out.push_str(letters);
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let kept = out.trim_end_matches('-').len();
    out.truncate(kept);
    out
}

/// `slug(text)`, or `fallback` when the text has no letter or digit to make one of.
pub fn slug_or(text: &str, fallback: &str) -> String {
    let s = slug(text);
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

/// `base`, else `base-2`, `base-3`…: the first id `taken` does not hold, which it then holds.
pub fn unique_id(base: &str, taken: &mut HashSet<String>) -> String {
    let id = first_free(base, |id| taken.contains(id));
    taken.insert(id.clone());
    id
}

/// `base`, else `base-2`, `base-3`…: the first id for which `taken` says no, when what is taken
/// is not one set (ids of a reference export and ids proposed so far).
pub fn first_free(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2u64..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or_else(|| base.to_string())
}

/// Articles and prepositions, as `name_word` writes them: they do not tell one organisation from
/// another ("Chambre de Commerce et d'Industrie" = "Chambre Commerce Industrie"), and the elided
/// "d'" and "l'" are words of their own once the apostrophe separates.
pub const STOPWORDS: [&str; 13] = ["de", "du", "des", "d", "la", "le", "les", "l", "et", "a", "au", "aux", "en"];

/// One word of a name as compared: case and accents folded, ligatures written out, a final plural
/// mark dropped ("Villes" = "Ville", "Œuvres" = "oeuvre").
pub fn name_word(word: &str) -> String {
    let mut f = String::with_capacity(word.len());
    for c in fold(word).chars() {
        match ligature(c) {
            Some(letters) => f.push_str(letters),
            None => f.push(c),
        }
    }
    if f.chars().count() > 3 && f.ends_with('s') && !f.ends_with("ss") {
        f.pop();
    }
    f
}

/// Whether a word (as `name_word` wrote it) is an article or a preposition.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

/// The words of a text as compared, in order: letters and digits; apostrophes (' and ’), hyphens,
/// spaces and punctuation separate.
pub fn name_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(name_word).collect()
}

/// The key a name is compared by: its words without articles and prepositions.
/// "la Chambre de Commerce et d’Industrie" and "CHAMBRE DE COMMERCE ET D'INDUSTRIE" have one key.
pub fn name_key(name: &str) -> Vec<String> {
    name_words(name).into_iter().filter(|w| !is_stopword(w)).collect()
}

/// Whether two keys may name one organisation without being equal: both have two words or more,
/// and one is the other with words left out, the first and the last kept ("Alliance Emploi" for
/// "Alliance Villes Emploi", never "Villes Emploi").
pub fn shortened_either_way(a: &[String], b: &[String]) -> bool {
    a.len() >= 2 && b.len() >= 2 && (shortened(a, b) || shortened(b, a))
}

/// `short` is `long` with words left out, keeping the first and the last.
pub fn shortened(short: &[String], long: &[String]) -> bool {
    if short.len() >= long.len() || short.first() != long.first() || short.last() != long.last() {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|w| rest.any(|l| l == w))
}

/// What legal form a word says a body has. Two names are one organisation whether or not they
/// say it (« Association Tremplin » is « TREMPLIN »), never when they say different ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegalForm {
    Association,
    Commune,
    Company,
}

/// The legal form a word (as `name_word` writes it) stands for.
fn legal_form(word: &str) -> Option<LegalForm> {
    match word {
        "association" | "asso" | "assoc" => Some(LegalForm::Association),
        "commune" | "ville" | "mairie" => Some(LegalForm::Commune),
        "sa" | "sas" | "sasu" | "sarl" | "eurl" | "sci" | "scop" | "scic" | "snc" | "sem" | "spl" => {
            Some(LegalForm::Company)
        }
        _ => None,
    }
}

/// The key an organisation's name is compared by: `name_key` without the legal-form words at its
/// start or end (« Association Les Amis du Vieux Port », « COMMUNE DE MARTIGUES », « Dupont SARL »),
/// and the forms those words said. A name that is nothing but a legal form keeps its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgNameKey {
    pub words: Vec<String>,
    pub forms: Vec<LegalForm>,
}

pub fn org_name_key(name: &str) -> OrgNameKey {
    let mut words = name_key(name);
    let mut forms = Vec::new();
    while words.len() > 1 {
        if let Some(form) = words.first().and_then(|w| legal_form(w)) {
            forms.push(form);
            words.remove(0);
        } else if let Some(form) = words.last().and_then(|w| legal_form(w)) {
            forms.push(form);
            words.pop();
        } else {
            break;
        }
    }
    OrgNameKey { words, forms }
}

/// How sure it is that two names designate one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameMatch {
    Different,
    /// Alike but not the same: one is the other with words left out or added, or its acronym, or
    /// the two say different legal forms. A person must decide; nothing is merged on it.
    Uncertain,
    /// The same words once case, accents, apostrophes, articles, plurals and legal forms are aside.
    Same,
}

/// Compares two organisation keys (`org_name_key`).
pub fn compare_org_keys(a: &OrgNameKey, b: &OrgNameKey) -> NameMatch {
    if a.words.is_empty() || b.words.is_empty() {
        return NameMatch::Different;
    }
    let same_words = a.words == b.words || key_aliases(&a.words).contains(&b.words);
    let forms_differ = !a.forms.is_empty() && !b.forms.is_empty() && !a.forms.iter().any(|f| b.forms.contains(f));
    if same_words {
        return if forms_differ { NameMatch::Uncertain } else { NameMatch::Same };
    }
    let (short, long) = if a.words.len() <= b.words.len() { (a, b) } else { (b, a) };
    let extended = short.words.len() >= 2 && long.words.starts_with(&short.words);
    let acronym = short.words.len() == 1 && long.words.len() >= 2 && acronym_of(&long.words) == short.words[0];
    if shortened_either_way(&a.words, &b.words) || extended || acronym {
        NameMatch::Uncertain
    } else {
        NameMatch::Different
    }
}

/// Compares two organisation names: `compare_org_keys` of their keys.
pub fn compare_org_names(a: &str, b: &str) -> NameMatch {
    compare_org_keys(&org_name_key(a), &org_name_key(b))
}

/// The initials of a key's words: « Chambre de Commerce et d'Industrie Marseille Provence » → "ccimp".
pub fn acronym_of(words: &[String]) -> String {
    words.iter().filter_map(|w| w.chars().next()).collect()
}

/// Other keys for the same collectivity: "Département des Bouches-du-Rhône" is the "Conseil
/// départemental des Bouches-du-Rhône"; likewise for the Région.
pub fn key_aliases(key: &[String]) -> Vec<Vec<String>> {
    let pairs: [(&[&str], &[&str]); 2] =
        [(&["conseil", "departemental"], &["departement"]), (&["conseil", "regional"], &["region"])];
    let mut out = Vec::new();
    for (long, short) in pairs {
        for (from, to) in [(long, short), (short, long)] {
            if key.len() > from.len() && key.iter().zip(from.iter()).all(|(a, b)| a == b) {
                let mut alias: Vec<String> = to.iter().map(|w| (*w).to_string()).collect();
                alias.extend(key[from.len()..].iter().cloned());
                out.push(alias);
            }
        }
    }
    out
}

/// Words of an instance that name the kind of assembly rather than the body it belongs to.
const ASSEMBLY_WORDS: [&str; 17] = [
    "bureau",
    "conseil",
    "municipal",
    "municipale",
    "communautaire",
    "metropolitain",
    "commune",
    "ville",
    "mairie",
    "assemblee",
    "deliberante",
    "comite",
    "syndical",
    "seance",
    "pleniere",
    "permanente",
    "signataire",
];

/// The words of an instance that say whose it is: "Conseil municipal d'Istres" → ["istres"],
/// "Bureau de la Métropole" → ["metropole"]. Two acts numbered alike are one only if these agree.
pub fn instance_place(instance: &str) -> Vec<String> {
    name_key(instance).into_iter().filter(|w| !ASSEMBLY_WORDS.contains(&w.as_str())).collect()
}

/// Whether two instances may be one body's: the words of one place are all in the other's
/// ("Bureau de la Métropole" and "Métropole Aix-Marseille-Provence"), never Istres and Martigues.
pub fn same_place(a: &[String], b: &[String]) -> bool {
    let within = |x: &[String], y: &[String]| x.iter().all(|w| y.contains(w));
    !a.is_empty() && !b.is_empty() && (within(a, b) || within(b, a))
}

/// The ASCII letters a ligature stands for (folded letters: small "œ", "æ", "ß").
fn ligature(c: char) -> Option<&'static str> {
    match c {
        'œ' | 'Œ' => Some("oe"),
        'æ' | 'Æ' => Some("ae"),
        'ß' | 'ẞ' => Some("ss"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_string()).collect()
    }

    #[test]
    fn slug_is_lowercase_ascii_kebab_case() {
        assert_eq!(slug("Chambre de Commerce et d’Industrie"), "chambre-de-commerce-et-d-industrie");
        assert_eq!(slug("CHL-059-15101/23/BM"), "chl-059-15101-23-bm");
        assert_eq!(slug("Métropole Aix-Marseille-Provence"), "metropole-aix-marseille-provence");
        assert_eq!(slug("Commune d'Aix-en-Provence"), "commune-d-aix-en-provence");
    }

    #[test]
    fn slug_writes_ligatures_and_folded_accents_out() {
        assert_eq!(slug("ŒUVRES SOCIALES DE L'ÉTANG"), "oeuvres-sociales-de-l-etang");
        assert_eq!(slug("Fondation Æsthétique"), "fondation-aesthetique");
        assert_eq!(slug("Straße Verein"), "strasse-verein");
        assert_eq!(slug("Société Müller & Peña"), "societe-muller-pena");
    }

    #[test]
    fn slug_keeps_no_dash_at_either_end_nor_two_in_a_row() {
        assert_eq!(slug("  « Les Jardins du Lavoir » — 2024 !"), "les-jardins-du-lavoir-2024");
        assert_eq!(slug("Δήμος Αθηναίων"), "");
        assert_eq!(slug("Club Δ Sport"), "club-sport");
        assert_eq!(slug("--"), "");
        assert_eq!(slug(""), "");
    }

    #[test]
    fn slug_or_falls_back_only_when_nothing_is_left() {
        assert_eq!(slug_or("« — »", "sans-nom"), "sans-nom");
        assert_eq!(slug_or("DEL 2024/011", "sans-nom"), "del-2024-011");
    }

    #[test]
    fn unique_id_appends_the_first_free_number_and_takes_it() {
        let mut taken: HashSet<String> = HashSet::new();
        assert_eq!(unique_id("del-2023-041", &mut taken), "del-2023-041");
        assert_eq!(unique_id("del-2023-041", &mut taken), "del-2023-041-2");
        assert_eq!(unique_id("del-2023-041", &mut taken), "del-2023-041-3");
        assert!(taken.contains("del-2023-041-2"));
        assert_eq!(taken.len(), 3);
    }

    #[test]
    fn first_free_asks_whoever_knows_what_is_taken() {
        let reference = ["ccimp", "ccimp-2"];
        assert_eq!(first_free("ccimp", |id| reference.contains(&id)), "ccimp-3");
        assert_eq!(first_free("plie", |id| reference.contains(&id)), "plie");
    }

    #[test]
    fn name_words_fold_case_accents_apostrophes_and_plurals() {
        assert_eq!(
            name_words("Chambre de Commerce et d’Industrie"),
            key(&["chambre", "de", "commerce", "et", "d", "industrie"])
        );
        assert_eq!(name_words("ALLIANCE VILLES EMPLOI"), key(&["alliance", "ville", "emploi"]));
        assert_eq!(name_words("Bouches-du-Rhône"), key(&["bouche", "du", "rhone"]));
        // Short words keep their "s": "Mas", "gis" are not plurals.
        assert_eq!(name_words("Mas des Sports"), key(&["mas", "des", "sport"]));
        assert_eq!(name_words("Œuvres de l'Été"), key(&["oeuvre", "de", "l", "ete"]));
    }

    #[test]
    fn name_key_drops_articles_and_prepositions() {
        let written = name_key("la Chambre de Commerce et d’Industrie Aix-Marseille-Provence");
        assert_eq!(written, key(&["chambre", "commerce", "industrie", "aix", "marseille", "provence"]));
        assert_eq!(name_key("CHAMBRE DE COMMERCE ET D'INDUSTRIE AIX MARSEILLE PROVENCE"), written);
        assert_eq!(name_key("Département des Bouches-du-Rhône"), key(&["departement", "bouche", "rhone"]));
        assert!(name_key("de la").is_empty());
    }

    #[test]
    fn shortened_names_keep_their_first_and_last_words() {
        let long = name_key("Alliance Villes Emploi");
        assert!(shortened(&name_key("Alliance Emploi"), &long));
        assert!(!shortened(&name_key("Villes Emploi"), &long));
        assert!(!shortened(&long, &long));
        assert!(shortened_either_way(&long, &name_key("Alliance Emploi")));
        assert!(shortened_either_way(&name_key("Alliance Emploi"), &long));
        // One word is too little to say two names are one.
        assert!(!shortened_either_way(&name_key("Emploi"), &name_key("Pôle Emploi")));
    }

    #[test]
    fn legal_forms_at_either_end_are_set_aside() {
        let k = org_name_key("ASSOCIATION LES AMIS DU VIEUX PORT");
        assert_eq!(k.words, key(&["ami", "vieux", "port"]));
        assert_eq!(k.forms, [LegalForm::Association]);
        assert_eq!(org_name_key("Commune de Martigues").words, key(&["martigue"]));
        assert_eq!(org_name_key("Dupont SARL").words, key(&["dupont"]));
        // In the middle, the word is part of the name.
        assert_eq!(org_name_key("Maison de la Commune libre").words, key(&["maison", "commune", "libre"]));
        // Nothing but a legal form: the name keeps it.
        assert_eq!(org_name_key("Association").words, key(&["association"]));
    }

    #[test]
    fn names_as_registers_write_them_are_the_same_organisation() {
        let same = |a: &str, b: &str| compare_org_names(a, b);
        assert_eq!(
            same(
                "CHAMBRE DE COMMERCE ET D’INDUSTRIE AIX-MARSEILLE-PROVENCE",
                "Chambre de Commerce et d'Industrie Aix-Marseille Provence"
            ),
            NameMatch::Same
        );
        assert_eq!(same("Association Alliance Villes Emploi", "ALLIANCE VILLE EMPLOI"), NameMatch::Same);
        assert_eq!(same("VILLE D'ISTRES", "Commune d’Istres"), NameMatch::Same);
        assert_eq!(
            same("Département des Bouches-du-Rhône", "Conseil départemental des Bouches-du-Rhône"),
            NameMatch::Same
        );
    }

    #[test]
    fn alike_names_are_uncertain_and_others_different() {
        let cmp = |a: &str, b: &str| compare_org_names(a, b);
        assert_eq!(cmp("Alliance Emploi", "Alliance Villes Emploi"), NameMatch::Uncertain);
        assert_eq!(cmp("Tremplin Emploi 13", "Tremplin Emploi"), NameMatch::Uncertain);
        assert_eq!(cmp("CCIMP", "Chambre de Commerce et d'Industrie Marseille Provence"), NameMatch::Uncertain);
        assert_eq!(cmp("Association Tremplin", "Tremplin SARL"), NameMatch::Uncertain);
        assert_eq!(cmp("Commune d'Istres", "Commune de Martigues"), NameMatch::Different);
        assert_eq!(cmp("Emploi", "Pôle Emploi"), NameMatch::Different);
        assert_eq!(cmp("", "Association"), NameMatch::Different);
    }

    #[test]
    fn instances_say_whose_they_are() {
        assert_eq!(instance_place("Conseil municipal d'Istres"), key(&["istre"]));
        assert_eq!(instance_place("Bureau de la Métropole"), key(&["metropole"]));
        let metropole = instance_place("MÉTROPOLE AIX-MARSEILLE-PROVENCE");
        assert!(same_place(&instance_place("Conseil de la Métropole"), &metropole));
        assert!(!same_place(&instance_place("Conseil municipal d'Istres"), &instance_place("Ville de Martigues")));
        assert!(!same_place(&instance_place("Conseil municipal"), &metropole), "no place said: no agreement");
    }
}
