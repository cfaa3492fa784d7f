//! Départements and régions, a closed list: their names as the law writes them and the article
//! each takes (« Département des Bouches-du-Rhône », « Département du Val-de-Marne », « Région
//! Île-de-France »), and those a document names, so that an assembly that does not say its own
//! (« Commission permanente du Conseil départemental ») or a « Département » named alone is read as
//! the one the text speaks of — or said, never guessed.

use super::text::{folded, Folded};

/// The départements, by name, with the words « Département » takes before it.
const DEPARTEMENTS: [(&str, &str); 101] = [
    ("Ain", "de l'"),
    ("Aisne", "de l'"),
    ("Allier", "de l'"),
    ("Alpes-de-Haute-Provence", "des "),
    ("Hautes-Alpes", "des "),
    ("Alpes-Maritimes", "des "),
    ("Ardèche", "de l'"),
    ("Ardennes", "des "),
    ("Ariège", "de l'"),
    ("Aube", "de l'"),
    ("Aude", "de l'"),
    ("Aveyron", "de l'"),
    ("Bouches-du-Rhône", "des "),
    ("Calvados", "du "),
    ("Cantal", "du "),
    ("Charente", "de la "),
    ("Charente-Maritime", "de la "),
    ("Cher", "du "),
    ("Corrèze", "de la "),
    ("Corse-du-Sud", "de la "),
    ("Haute-Corse", "de la "),
    ("Côte-d'Or", "de la "),
    ("Côtes-d'Armor", "des "),
    ("Creuse", "de la "),
    ("Dordogne", "de la "),
    ("Doubs", "du "),
    ("Drôme", "de la "),
    ("Eure", "de l'"),
    ("Eure-et-Loir", "d'"),
    ("Finistère", "du "),
    ("Gard", "du "),
    ("Haute-Garonne", "de la "),
    ("Gers", "du "),
    ("Gironde", "de la "),
    ("Hérault", "de l'"),
    ("Ille-et-Vilaine", "d'"),
    ("Indre", "de l'"),
    ("Indre-et-Loire", "d'"),
    ("Isère", "de l'"),
    ("Jura", "du "),
    ("Landes", "des "),
    ("Loir-et-Cher", "du "),
    ("Loire", "de la "),
    ("Haute-Loire", "de la "),
    ("Loire-Atlantique", "de la "),
    ("Loiret", "du "),
    ("Lot", "du "),
    ("Lot-et-Garonne", "du "),
    ("Lozère", "de la "),
    ("Maine-et-Loire", "de "),
    ("Manche", "de la "),
    ("Marne", "de la "),
    ("Haute-Marne", "de la "),
    ("Mayenne", "de la "),
    ("Meurthe-et-Moselle", "de "),
    ("Meuse", "de la "),
    ("Morbihan", "du "),
    ("Moselle", "de la "),
    ("Nièvre", "de la "),
    ("Nord", "du "),
    ("Oise", "de l'"),
    ("Orne", "de l'"),
    ("Pas-de-Calais", "du "),
    ("Puy-de-Dôme", "du "),
    ("Pyrénées-Atlantiques", "des "),
    ("Hautes-Pyrénées", "des "),
    ("Pyrénées-Orientales", "des "),
    ("Bas-Rhin", "du "),
    ("Haut-Rhin", "du "),
    ("Rhône", "du "),
    ("Haute-Saône", "de la "),
    ("Saône-et-Loire", "de "),
    ("Sarthe", "de la "),
    ("Savoie", "de la "),
    ("Haute-Savoie", "de la "),
    ("Paris", "de "),
    ("Seine-Maritime", "de la "),
    ("Seine-et-Marne", "de "),
    ("Yvelines", "des "),
    ("Deux-Sèvres", "des "),
    ("Somme", "de la "),
    ("Tarn", "du "),
    ("Tarn-et-Garonne", "de "),
    ("Var", "du "),
    ("Vaucluse", "de "),
    ("Vendée", "de la "),
    ("Vienne", "de la "),
    ("Haute-Vienne", "de la "),
    ("Vosges", "des "),
    ("Yonne", "de l'"),
    ("Territoire de Belfort", "du "),
    ("Essonne", "de l'"),
    ("Hauts-de-Seine", "des "),
    ("Seine-Saint-Denis", "de la "),
    ("Val-de-Marne", "du "),
    ("Val-d'Oise", "du "),
    ("Guadeloupe", "de la "),
    ("Martinique", "de la "),
    ("Guyane", "de la "),
    ("La Réunion", "de "),
    ("Mayotte", "de "),
];

/// The régions, today's and those merged in 2016 whose deliberations are still read.
const REGIONS: [&str; 30] = [
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Bretagne",
    "Centre-Val de Loire",
    "Grand Est",
    "Hauts-de-France",
    "Île-de-France",
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d'Azur",
    "Alsace",
    "Aquitaine",
    "Auvergne",
    "Basse-Normandie",
    "Bourgogne",
    "Centre",
    "Champagne-Ardenne",
    "Franche-Comté",
    "Haute-Normandie",
    "Languedoc-Roussillon",
    "Limousin",
    "Lorraine",
    "Midi-Pyrénées",
    "Nord-Pas-de-Calais",
    "Picardie",
    "Poitou-Charentes",
    "Rhône-Alpes",
    "Corse",
];

/// A name compared as texts write it: folded, hyphens and apostrophes as spaces (« ILE DE FRANCE »,
/// « Côtes d’Armor »).
fn loose(name: &str) -> String {
    folded(name)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// « Département des Bouches-du-Rhône » for a département's name as written (« BOUCHES-DU-RHONE »,
/// « Val de Marne »), the law's spelling; `None` for a name that is none.
pub(super) fn departement_named(written: &str) -> Option<String> {
    let key = loose(written);
    DEPARTEMENTS
        .iter()
        .find(|(name, _)| loose(name) == key)
        .map(|(name, article)| format!("Département {article}{name}"))
}

/// « Région Île-de-France » for a région's name as written (« ILE-DE-FRANCE », « Ile de France »).
pub(super) fn region_named(written: &str) -> Option<String> {
    let key = loose(written);
    REGIONS.iter().find(|name| loose(name) == key).map(|name| format!("Région {name}"))
}

/// What a document says of where it stands, read once for all its deliberations.
#[derive(Debug, Clone, Default)]
pub(super) struct Setting {
    /// The départements it names as such, each once, in the order of the text.
    pub(super) departements: Vec<String>,
    /// The régions it names as such.
    pub(super) regions: Vec<String>,
    /// Whether it names the Métropole d'Aix-Marseille-Provence.
    pub(super) names_aix_marseille: bool,
}

impl Setting {
    /// The départements and régions a text names: after the words of their institutions
    /// (« Département du Nord », « DEPARTEMENT DES COTES D'ARMOR », « Conseil général de la Mayenne »,
    /// « Région Grand Est », « Conseil régional d'Ile-de-France »), or with their article where their
    /// name is one of a kind (« sur le territoire du Val-de-Marne », « de la Seine-Saint-Denis »).
    pub(super) fn read(text: &str) -> Setting {
        let f = loose(text);
        let mut setting = Setting { names_aix_marseille: f.contains("aix marseille"), ..Setting::default() };
        let mut found: Vec<(usize, String)> = Vec::new();
        for (name, article) in DEPARTEMENTS {
            let with_article = loose(&format!("{article}{name}"));
            let mut hits: Vec<usize> = Vec::new();
            for lead in ["departement", "departemental", "departementale", "general"] {
                hits.extend(word_positions(&f, &format!("{lead} {with_article}")));
            }
            // A compound name is one of a kind: its article is enough (not « la Loire », « du Nord »).
            if name.contains('-') || name.contains(' ') {
                hits.extend(word_positions(&f, &with_article));
            }
            if let Some(at) = hits.into_iter().min() {
                found.push((at, format!("Département {article}{name}")));
            }
        }
        found.sort();
        setting.departements = found.into_iter().map(|(_, n)| n).collect();
        let mut regions: Vec<(usize, String)> = Vec::new();
        for name in REGIONS {
            let key = loose(name);
            let mut hits: Vec<usize> = Vec::new();
            for lead in ["region", "regional", "regionale"] {
                for article in ["", "d ", "de ", "de la ", "des ", "du "] {
                    hits.extend(word_positions(&f, &format!("{lead} {article}{key}")));
                }
            }
            if let Some(at) = hits.into_iter().min() {
                regions.push((at, format!("Région {name}")));
            }
        }
        regions.sort();
        // « Région Auvergne » inside « Région Auvergne-Rhône-Alpes »: the longer name only.
        let names: Vec<String> = regions.into_iter().map(|(_, n)| n).collect();
        setting.regions =
            names.iter().filter(|n| !names.iter().any(|m| m != *n && m.starts_with(n.as_str()))).cloned().collect();
        setting
    }
}

impl Setting {
    /// The département « le Département » named alone stands for: the deliberating body when it is
    /// one, else the one département the text names, else that of the Métropole
    /// d'Aix-Marseille-Provence when it deliberates (it lies in the Bouches-du-Rhône); `None` when
    /// the text does not say.
    pub(super) fn departement_alone(&self, body: Option<&str>) -> Option<String> {
        the_collectivity(body, "Département ", &self.departements, "Département des Bouches-du-Rhône")
    }

    /// The région « la Région » named alone stands for, likewise.
    pub(super) fn region_alone(&self, body: Option<&str>) -> Option<String> {
        the_collectivity(body, "Région ", &self.regions, "Région Provence-Alpes-Côte d'Azur")
    }
}

fn the_collectivity(body: Option<&str>, word: &str, named: &[String], of_aix_marseille: &str) -> Option<String> {
    if let Some(b) = body.filter(|b| b.starts_with(word)) {
        return Some(b.to_string());
    }
    match named {
        [one] => Some(one.clone()),
        [] if body.is_some_and(|b| loose(b).contains("aix marseille")) => Some(of_aix_marseille.to_string()),
        _ => None,
    }
}

/// Whether a text names « Département » (or « Région ») alone: the noun with its capital, singular,
/// not followed by the name it would take (« Département des Bouches-du-Rhône » names one): « le
/// Département s'est engagé », « Cofinancement du Département : 900 000 euros ». `word` is folded.
pub(super) fn named_alone(text: &str, word: &str) -> bool {
    let f = Folded::new(text);
    let mut from = 0;
    while let Some(rel) = f.text.get(from..).and_then(|t| t.find(word)) {
        let at = from + rel;
        from = at + word.len();
        // Not « départemental », « Départements », « sous-département ».
        let glued_before = f.text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '-');
        let glued_after = f.text[from..].chars().next().is_some_and(|c| c.is_alphanumeric() || c == '-');
        let capital = text[f.orig(at)..].chars().next().is_some_and(char::is_uppercase);
        if !glued_before && !glued_after && capital && !name_follows(&text[f.orig(from)..]) {
            return true;
        }
    }
    false
}

/// « des Bouches-du-Rhône », « du Nord », « de la Mayenne », « d’Ille-et-Vilaine »: a name right
/// after, no punctuation between.
fn name_follows(rest: &str) -> bool {
    for w in rest.split_whitespace().take(4) {
        if matches!(folded(w).as_str(), "de" | "du" | "des" | "la" | "le" | "les") {
            continue;
        }
        let fw = folded(w);
        let elided = fw.starts_with("d'") || fw.starts_with("l'");
        let bare = if elided { w.char_indices().nth(2).map_or("", |(i, _)| &w[i..]) } else { w };
        return bare.chars().next().is_some_and(char::is_uppercase);
    }
    false
}

/// Where `needle` stands in `hay` as whole words.
fn word_positions(hay: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = hay.get(from..).and_then(|h| h.find(needle)) {
        let at = from + rel;
        from = at + needle.len();
        let before = hay[..at].chars().next_back().is_none_or(|c| c == ' ');
        let after = hay[from..].chars().next().is_none_or(|c| c == ' ');
        if before && after {
            out.push(at);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_texts_write_them_are_the_laws() {
        assert_eq!(departement_named("BOUCHES-DU-RHONE").as_deref(), Some("Département des Bouches-du-Rhône"));
        assert_eq!(departement_named("Val de Marne").as_deref(), Some("Département du Val-de-Marne"));
        assert_eq!(departement_named("Côtes d’Armor").as_deref(), Some("Département des Côtes-d'Armor"));
        assert_eq!(departement_named("Val Fictif"), None);
        assert_eq!(region_named("ILE DE FRANCE").as_deref(), Some("Région Île-de-France"));
        assert_eq!(region_named("Ile-de-France").as_deref(), Some("Région Île-de-France"));
    }

    #[test]
    fn the_collectivities_a_text_speaks_of() {
        let s = Setting::read("le Département s'est engagé sur le territoire de la Seine-Saint-Denis");
        assert_eq!(s.departements, ["Département de la Seine-Saint-Denis"]);
        let s = Setting::read("REPUBLIQUE FRANCAISE DEPARTEMENT DU NORD Arrondissement de Lille");
        assert_eq!(s.departements, ["Département du Nord"]);
        let s = Setting::read("COMMISSION PERMANENTE DU CONSEIL GÉNÉRAL DE LA MAYENNE");
        assert_eq!(s.departements, ["Département de la Mayenne"]);
        assert!(Setting::read("la Loire et le Rhône, au nord de Lyon").departements.is_empty(), "rivers");
        let s = Setting::read("Vice-Président de la Région Grand Est ; Métropole d'Aix-Marseille-Provence");
        assert_eq!(s.regions, ["Région Grand Est"]);
        assert!(s.names_aix_marseille);
        assert!(named_alone("Cofinancement du Département : 900 000 euros.", "departement"));
        assert!(named_alone("le Département s'est engagé", "departement"));
        assert!(!named_alone("le Département des Bouches-du-Rhône s'est engagé", "departement"));
        assert!(!named_alone("DEPARTEMENT DU NORD", "departement"));
        assert!(!named_alone("le Département d’Ille-et-Vilaine", "departement"));
        assert!(!named_alone("Régions, Départements, Communes", "departement"), "plural");
        assert!(!named_alone("le conseil départemental, notre département", "departement"));
        assert_eq!(
            Setting::read("").departement_alone(Some("Métropole Aix-Marseille-Provence")).as_deref(),
            Some("Département des Bouches-du-Rhône")
        );
        assert_eq!(Setting::read("").departement_alone(Some("Commune de Peyrenoire")), None);
        assert_eq!(
            Setting::read("").departement_alone(Some("Département du Nord")).as_deref(),
            Some("Département du Nord")
        );
        assert_eq!(
            Setting::read("la Région Auvergne-Rhône-Alpes").regions,
            ["Région Auvergne-Rhône-Alpes"],
            "not Auvergne"
        );
    }
}
