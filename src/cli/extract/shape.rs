//! The shapes documents come in (a register extract, the portal's listing, a news item), how one
//! is told from the others, and the decision's fields as a reader finds them.

use crate::core::model::IsoDate;

use super::portal::portal_header;
use super::reference::find_reference_line;
use super::text::{folded, Folded, Logical, Prepared};

/// The shape of a document, which says which reader reads it.
pub(super) enum Form {
    /// A register extract: Bureau, Conseil de la Métropole, municipal council.
    Register,
    /// The portal's listing: "Délibération du JJ/MM/AAAA", Instance, Commission, Rapporteur, …
    Portal,
    /// Anything else, such as a news item about a decision.
    News,
}

/// The fields of the decision as read; `None` is reported, never filled in.
#[derive(Default, Clone)]
pub(super) struct Fields {
    pub(super) reference: Option<String>,
    /// What to say when there is no reference (a news item has none by nature).
    pub(super) reference_note: Option<String>,
    pub(super) instance: Option<String>,
    pub(super) date: Option<IsoDate>,
    pub(super) signed: Option<IsoDate>,
    pub(super) title: Option<String>,
    pub(super) rapporteur: Option<String>,
    pub(super) signatory: Option<String>,
    pub(super) members: Option<u32>,
    pub(super) quote: Option<String>,
    pub(super) notes: Vec<String>,
}

/// A portal header in the first lines (or several anywhere), else the marks of a register (its title, a séance, a
/// "Délibère" or an article, a reference), else a portal header further down, else a news item.
pub(super) fn detect(p: &Prepared) -> Form {
    let head: Vec<&Logical> = p.logical.iter().take(6).collect();
    if head.iter().any(|l| portal_header(&l.text).is_some()) {
        return Form::Portal;
    }
    // A page of the portal lists several deliberations, whatever menus come before them.
    if p.logical.iter().filter(|l| portal_header(&l.text).is_some()).count() >= 2 {
        return Form::Portal;
    }
    let head: Vec<String> = p.logical.iter().take(25).map(|l| folded(&l.text)).collect();
    let start = head.join("\n");
    let has_seance = head.iter().any(|f| f.starts_with("seance"));
    // A town's site prints each question of its council with its number and its rapporteur
    // (« Ville de Gardanne », « N°54 - Autoriser… », « Rapporteur Mme … »).
    let council_page = head.iter().any(|f| f.starts_with("rapporteur") || numbered_question(f));
    // Even a truncated register keeps its "Délibère" or its articles.
    let deliberates = p.logical.iter().any(|l| {
        let f = folded(&l.text);
        f.starts_with("delibere") || f.starts_with("article 1") || f.starts_with("article premier")
    });
    if REGISTER_MARKS.iter().any(|m| start.contains(m))
        || has_seance
        || council_page
        || deliberates
        || find_reference_line(p, p.logical.len()).is_some()
    {
        return Form::Register;
    }
    if p.logical.iter().any(|l| portal_header(&l.text).is_some()) {
        return Form::Portal;
    }
    Form::News
}

/// Words that only the registers of assemblies print in their first lines: registers, minutes,
/// the assemblies of communes, territories, départements and régions.
const REGISTER_MARKS: [&str; 17] = [
    "registre des deliberations",
    "extrait du registre",
    "extrait des registres",
    "extrait des deliberations",
    "conseil municipal",
    "proces-verbal",
    "proces verbal",
    "compte-rendu du conseil",
    "compte rendu du conseil",
    "conseil de territoire",
    "commission permanente",
    "conseil communautaire",
    "comite syndical",
    "recueil des actes",
    "ordre du jour",
    "releve de decisions",
    "releve des decisions",
];

/// « N°54 - Autoriser… », « N° 08 - Subventions… », « N°2010/12/01 : SUBVENTION… » at the start of
/// a folded line: a question of a council's agenda.
pub(super) fn numbered_question(f: &str) -> bool {
    let Some(rest) = f.strip_prefix("n°").or_else(|| f.strip_prefix("no ")) else { return false };
    let rest = rest.trim_start();
    let number =
        rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '/' | '-' | '.')).len();
    let after = rest[number..].trim_start();
    number > 0
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && (after.starts_with("- ") || after.starts_with(": ") || after.starts_with("-"))
}

/// The Métropole's instances named in a folded text.
pub(super) fn instance_in(f: &str) -> Option<String> {
    let bureau = ["bureau de la metropole", "bureau metropolitain"].iter().filter_map(|n| f.find(n)).min();
    let conseil = ["conseil de la metropole", "conseil metropolitain"].iter().filter_map(|n| f.find(n)).min();
    match (bureau, conseil) {
        (Some(b), Some(c)) if c < b => Some("Conseil de la Métropole".to_string()),
        (Some(_), _) => Some("Bureau de la Métropole".to_string()),
        (None, Some(_)) => Some("Conseil de la Métropole".to_string()),
        _ => None,
    }
}

/// "de Martigues", "d'Istres", "du Rove" (for "Le Rove"), "des Pennes-Mirabeau", "de La Ciotat".
pub(super) fn of_town(town: &str) -> String {
    if let Some(rest) = town.strip_prefix("Le ") {
        return format!("du {rest}");
    }
    if let Some(rest) = town.strip_prefix("Les ") {
        return format!("des {rest}");
    }
    // "L'Isle-sur-la-Sorgue" keeps its article: "de L'Isle-sur-la-Sorgue".
    let vowel = !town.starts_with("L'")
        && folded(town).chars().next().is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h'));
    if vowel {
        format!("d'{town}")
    } else {
        format!("de {town}")
    }
}

/// The town of a municipal council's instance, as `of_town` wrote it: "Conseil municipal
/// d'Istres" → "Istres", "Conseil municipal du Rove" → "Le Rove".
pub(in crate::cli::extract) fn town_of_council(instance: &str) -> Option<String> {
    let rest = instance.strip_prefix("Conseil municipal ")?;
    let town = if let Some(t) = rest.strip_prefix("du ") {
        format!("Le {t}")
    } else if let Some(t) = rest.strip_prefix("des ") {
        format!("Les {t}")
    } else if let Some(t) = rest.strip_prefix("d'").or_else(|| rest.strip_prefix("de ")) {
        t.to_string()
    } else {
        return None;
    };
    (!town.trim().is_empty()).then(|| town.trim().to_string())
}

/// The value of "Label : value" when the line starts with one of the (folded) labels.
pub(super) fn labelled<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    let f = Folded::new(line);
    for label in labels {
        if let Some(rest) = f.text.strip_prefix(label) {
            let after = rest.trim_start();
            if let Some(value) = after.strip_prefix(':') {
                let start = f.orig(f.text.len() - value.len());
                let v = line[start..].trim();
                return (!v.is_empty()).then_some(v);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> &'static str {
        match detect(&Prepared::new(text)) {
            Form::Register => "register",
            Form::Portal => "portal",
            Form::News => "news",
        }
    }

    #[test]
    fn each_shape_is_told_by_its_marks() {
        assert_eq!(shape("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nBUREAU DE LA MÉTROPOLE"), "register");
        assert_eq!(shape("VILLE D'ISTRES\nSéance du 1er février 2024"), "register");
        assert_eq!(shape("… page 2 …\nARTICLE PREMIER : la convention est approuvée."), "register");
        assert_eq!(shape("CHL 012-9751/21/BM\nAttribution d'une subvention"), "register");
        assert_eq!(shape("Délibération du 07/12/2023\nInstance : Bureau"), "portal");
        assert_eq!(shape("Ville de Gardanne\nN°54 - Autoriser Monsieur le Maire\njeudi, 5 novembre 2020"), "register");
        assert_eq!(shape("Conseil du 15 avril 2019\nDemandes de subventions"), "news", "no mark of a register alone");
        assert_eq!(shape("COMMISSION PERMANENTE DU CONSEIL DÉPARTEMENTAL\nRéunion du 7 novembre 2019"), "register");
        assert_eq!(shape("RELEVE DE DECISIONS BUREAU DU 8 SEPTEMBRE 2020\nDélégués présents : 17"), "register");
        assert_eq!(shape("La Métropole et France Travail signent une convention\nJeudi 11 juillet 2024, …"), "news");
        assert_eq!(shape(""), "news");
    }

    #[test]
    fn instances_of_the_metropole_the_first_named_wins() {
        assert_eq!(
            instance_in("extrait du registre du bureau de la metropole").as_deref(),
            Some("Bureau de la Métropole")
        );
        assert_eq!(instance_in("conseil metropolitain du 20 juin").as_deref(), Some("Conseil de la Métropole"));
        assert_eq!(
            instance_in("le conseil de la metropole a delegue au bureau de la metropole").as_deref(),
            Some("Conseil de la Métropole")
        );
        assert_eq!(instance_in("conseil municipal de martigues"), None);
    }

    #[test]
    fn towns_take_de_or_d_apostrophe() {
        assert_eq!(of_town("Martigues"), "de Martigues");
        assert_eq!(of_town("Istres"), "d'Istres");
        assert_eq!(of_town("Aix-en-Provence"), "d'Aix-en-Provence");
        assert_eq!(of_town("Éguilles"), "d'Éguilles");
        assert_eq!(of_town("Hyères"), "d'Hyères");
        assert_eq!(of_town("Le Rove"), "du Rove");
        assert_eq!(of_town("Les Pennes-Mirabeau"), "des Pennes-Mirabeau");
        assert_eq!(of_town("La Ciotat"), "de La Ciotat");
        assert_eq!(of_town("L'Isle-sur-la-Sorgue"), "de L'Isle-sur-la-Sorgue");
        for town in ["Istres", "Le Rove", "Les Pennes-Mirabeau", "La Ciotat", "Martigues", "L'Isle-sur-la-Sorgue"] {
            assert_eq!(town_of_council(&format!("Conseil municipal {}", of_town(town))).as_deref(), Some(town));
        }
        assert_eq!(town_of_council("Conseil municipal"), None);
        assert_eq!(town_of_council("Bureau de la Métropole"), None);
    }

    #[test]
    fn labelled_values_as_written() {
        assert_eq!(labelled("OBJET : Adhésion à l’association", &["objet"]), Some("Adhésion à l’association"));
        assert_eq!(labelled("Incidence financière: oui", &["incidence financiere"]), Some("oui"));
        assert_eq!(labelled("Objet :", &["objet"]), None);
        assert_eq!(labelled("Objectif : emploi", &["objet"]), None);
    }
}
