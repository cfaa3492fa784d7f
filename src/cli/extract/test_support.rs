//! For the unit tests of the extractor: a small reference export, as `--against` gives one.

use crate::core::model::Model;
use crate::core::validate::validate;

/// A few organisations of the area under their names, short names and former names, two of them
/// near enough to be told apart only by a word, one under a parent.
pub(super) fn reference_model() -> Model {
    let json = r#"{
      "schema": "carte-partenariats/1",
      "title": "Référence pour les tests",
      "organizations": [
        { "id": "metropole-amp", "name": "Métropole Aix-Marseille-Provence", "short_name": "Métropole AMP", "kind": "local-authority" },
        { "id": "ccimp", "name": "Chambre de Commerce et d'Industrie Aix-Marseille-Provence", "short_name": "CCIMP", "kind": "chamber" },
        { "id": "cd13", "name": "Conseil départemental des Bouches-du-Rhône", "kind": "local-authority" },
        { "id": "martigues", "name": "Ville de Martigues", "kind": "local-authority" },
        { "id": "france-travail", "name": "France Travail", "former_names": [{ "name": "Pôle emploi" }], "kind": "public-operator" },
        { "id": "france-travail-13", "name": "France Travail Bouches-du-Rhône", "parent": "france-travail", "kind": "public-operator" },
        { "id": "ave", "name": "Alliance Villes Emploi", "short_name": "AVE", "kind": "association" },
        { "id": "ml-est", "name": "Mission locale Est Marseille", "kind": "association" },
        { "id": "ml-ouest", "name": "Mission locale Ouest Marseille", "kind": "association" }
      ],
      "decisions": [],
      "links": []
    }"#;
    match validate(json) {
        Ok(model) => model,
        Err(problems) => panic!("the test reference export is refused: {:#?}", problems.list),
    }
}
