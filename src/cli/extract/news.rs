//! News items about a decision: which instance voted and when, as the article tells it; the
//! article's title stands for the decision's object.

use crate::core::model::IsoDate;

use super::dates::{dates_in, last_month};
use super::shape::{instance_in, Fields};
use super::text::{folded, Prepared, Scope};

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
