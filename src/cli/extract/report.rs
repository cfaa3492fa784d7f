//! What `carte extract` says on standard error about each deliberation it read: what the text
//! does not say, and every amount that did not become a link, with its sentence, so that no sum
//! of money is left out without a word.

use serde_json::Value;

use crate::cli::money;
use crate::core::format::Export;
use crate::core::model::Cents;

use super::DocumentExtraction;

/// The lines to write on standard error, in the order of the documents: "file : what is missing"
/// (the deliberation's reference added when a file holds several), then each amount it only
/// recalls from another act, then each amount that no link of `fragment` carries.
pub fn report(docs: &[DocumentExtraction], fragment: &Export) -> Vec<String> {
    let mut out = Vec::new();
    for doc in docs {
        let several = docs.iter().filter(|d| d.file == doc.file).count() > 1;
        let label = match (&doc.decision.reference, several) {
            (Some(reference), true) => format!("{} ({reference})", doc.file),
            (None, true) => format!("{} ({})", doc.file, doc.decision.id),
            _ => doc.file.clone(),
        };
        for missing in &doc.missing {
            out.push(format!("{label} : {missing}"));
        }
        for amount in &doc.recalled {
            out.push(format!(
                "{label} : montant rappelé, décidé par un autre acte, sans lien : {} ({}) : « {} »",
                euros(&amount.euros),
                amount.what,
                amount.context
            ));
        }
        for amount in &doc.amounts {
            let linked = fragment.links.iter().any(|l| {
                l.quote.as_deref() == Some(amount.context.as_str())
                    && l.amount == Some(Value::String(amount.euros.clone()))
            });
            if !linked {
                out.push(format!(
                    "{label} : montant sans lien dans le fragment : {} ({}) : « {} »",
                    euros(&amount.euros),
                    amount.what,
                    amount.context
                ));
            }
        }
    }
    out
}

/// "38500" → "38 500 €".
fn euros(decimal: &str) -> String {
    Cents::parse_euros(decimal).map_or_else(|_| format!("{decimal} €"), money::display)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::extract::{extract_all, fragment};

    #[test]
    fn every_amount_is_a_link_or_is_said() {
        let text = "CONSEIL MUNICIPAL DE MARTIGUES
Séance du 3 mai 2024
Délibération n° 2024-061
Objet : Soutien à l'emploi
DÉCIDE :
ARTICLE 1 : Une subvention de 1.200 euros est attribuée à l'association Les Jardins du Ranquet.
ARTICLE 2 : Le coût total de l'opération est de 15.000 €.";
        let docs = extract_all("martigues.txt", text, None);
        let export = fragment(&docs, None);
        assert_eq!(export.links.len(), 1, "the subsidy is a link");
        let said = report(&docs, &export);
        let unlinked: Vec<&String> = said.iter().filter(|l| l.contains("montant sans lien")).collect();
        assert_eq!(
            unlinked,
            ["martigues.txt : montant sans lien dans le fragment : 15 000 € (coût total) : « ARTICLE 2 : Le coût total \
              de l'opération est de 15.000 €. »"]
        );
    }

    #[test]
    fn a_page_of_several_deliberations_names_each_one() {
        let text = "Délibération du 07/12/2023\nObjet : CHL-061-15103/23/BM – Subvention à Tremplin\nDélibération du 07/12/2023\nObjet : Adhésion à Amorce";
        let docs = extract_all("portail.html", text, None);
        let said = report(&docs, &fragment(&docs, None));
        assert!(said.iter().any(|l| l.starts_with("portail.html (CHL-061-15103/23/BM) : ")), "{said:#?}");
        assert!(said.iter().any(|l| l.starts_with("portail.html (portail-2) : ")), "{said:#?}");
    }
}
