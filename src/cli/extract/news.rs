//! News items about a decision: which instance voted and when, as the article tells it; the
//! article's title stands for the decision's object.

use crate::core::model::IsoDate;

use super::dates::{dates_in, last_month};
use super::shape::{instance_in, Fields};
use super::text::{folded, Prepared, Scope};

/// Reads a news item: the sentence that tells a vote gives the instance, its date and the quote;
/// a sentence that tells a signature, the signing date; the first line, the title. Nothing in it
/// decides, so nothing in its scope is marked deciding.
pub(super) fn read_news(p: &Prepared) -> (Fields, Scope) {
    let mut fields = Fields {
        reference_note: Some(
            "référence non donnée : le texte n'est pas une délibération (article ou communiqué)".to_string(),
        ),
        ..Fields::default()
    };
    let scope =
        Scope { lines: p.logical.iter().map(|l| l.text.clone()).collect(), deciding: vec![false; p.logical.len()] };
    let sentences = scope.sentences();
    // The date the item speaks from: its first full date.
    let published = sentences
        .iter()
        .find_map(|s| dates_in(&folded(&s.text)).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date));

    // "Votée par le bureau de la Métropole en juin dernier, …"
    let vote = sentences.iter().find(|s| {
        let f = folded(&s.text);
        [
            "vote par",
            "votee par",
            "votes par",
            "votees par",
            "adopte par",
            "adoptee par",
            "approuve par",
            "approuvee par",
            "deliberation du bureau",
            "deliberation du conseil",
        ]
        .iter()
        .any(|m| f.contains(m))
    });
    if let Some(v) = vote {
        let f = folded(&v.text);
        fields.instance =
            instance_in(&f).or_else(|| f.contains("conseil municipal").then(|| "Conseil municipal".to_string()));
        fields.date = vote_date(&f, published);
        if fields.date.is_none() {
            fields.notes.push("date du vote introuvable dans la phrase qui l'annonce".to_string());
        }
        fields.quote = Some(v.text.clone());
    } else {
        fields.notes.push("aucune phrase ne dit quelle instance a voté, ni quand".to_string());
    }

    // "Jeudi 11 juillet 2024, la Métropole … a signé …"
    fields.signed = sentences.iter().find_map(|s| {
        let f = folded(&s.text);
        if !(f.contains("a signe") || f.contains("ont signe") || f.contains("signature")) {
            return None;
        }
        dates_in(&f).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date)
    });

    fields.title = p.logical.first().map(|l| l.text.trim().to_string()).filter(|t| !t.is_empty());
    if fields.title.is_some() {
        fields.notes.push("objet exact de la décision non donné : le titre de l'article en tient lieu".to_string());
    }
    (fields, scope)
}

/// The date of a vote in a news sentence: a full date, "en juin 2024", or "en juin dernier" read
/// from the date the item speaks from.
fn vote_date(f: &str, published: Option<IsoDate>) -> Option<IsoDate> {
    dates_in(f).into_iter().next().map(|d| d.date).or_else(|| published.and_then(|p| last_month(f, p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vote_and_the_signature_as_the_item_tells_them() {
        let text = "La Métropole et France Travail s’engagent pour l’emploi
Jeudi 11 juillet 2024, la Métropole Aix-Marseille-Provence et France Travail ont signé une convention de partenariat.
Votée par le Bureau de la Métropole en juin dernier, elle court jusqu'en 2027.";
        let (fields, scope) = read_news(&Prepared::new(text));
        assert_eq!(fields.instance.as_deref(), Some("Bureau de la Métropole"));
        assert_eq!(fields.date.map(|d| d.to_string()).as_deref(), Some("2024-06"));
        assert_eq!(fields.signed.map(|d| d.to_string()).as_deref(), Some("2024-07-11"));
        assert_eq!(fields.title.as_deref(), Some("La Métropole et France Travail s’engagent pour l’emploi"));
        assert!(fields.quote.as_deref().is_some_and(|q| q.starts_with("Votée par le Bureau")));
        assert!(fields.reference.is_none() && fields.reference_note.is_some());
        assert!(scope.deciding.iter().all(|d| !d));
    }

    #[test]
    fn a_vote_with_a_full_date_and_a_municipal_council() {
        let (fields, _) = read_news(&Prepared::new(
            "Istres soutient ses associations\nAdoptée par le conseil municipal le 1er février 2024, la subvention…",
        ));
        assert_eq!(fields.instance.as_deref(), Some("Conseil municipal"));
        assert_eq!(fields.date.map(|d| d.to_string()).as_deref(), Some("2024-02-01"));
    }

    #[test]
    fn an_item_that_tells_no_vote_says_so() {
        let (fields, _) = read_news(&Prepared::new("Un forum de l’emploi à Martigues\nLe forum aura lieu en mai."));
        assert!(fields.instance.is_none() && fields.date.is_none());
        assert!(fields.notes.contains(&"aucune phrase ne dit quelle instance a voté, ni quand".to_string()));
    }

    #[test]
    fn a_vote_without_a_date_is_reported() {
        let (fields, _) = read_news(&Prepared::new("Titre\nApprouvée par le Conseil de la Métropole, la convention…"));
        assert_eq!(fields.instance.as_deref(), Some("Conseil de la Métropole"));
        assert!(fields.notes.contains(&"date du vote introuvable dans la phrase qui l'annonce".to_string()));
    }
}
