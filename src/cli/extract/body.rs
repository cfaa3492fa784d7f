//! The body that deliberates, and so pays what it decides: the Métropole for its Bureau, its Conseil
//! and, when the text names it, its conseils de territoire; the commune for its municipal council;
//! the département or the région for their councils and commissions permanentes (named by the
//! instance, else by the text, else by no one: said, never guessed); the communauté or the
//! syndicat an intercommunal assembly belongs to.

use crate::cli::names::name_key;

use super::collectivity::{departement_named, region_named, Setting};
use super::resolve::{Known, Resolved};
use super::shape::{of_town, town_of_council};
use super::text::{folded, Folded};

/// The Métropole, the deliberating body of its Bureau and Conseil.
pub(super) const METROPOLE: &str = "Métropole Aix-Marseille-Provence";

/// The deliberating body an instance stands for, or why none is given.
pub(super) fn body_of(instance: &str, setting: &Setting, known: &Known) -> Result<Option<Resolved>, String> {
    let f = folded(instance);
    if f.contains("metropole") {
        return Ok(Some(named(METROPOLE, "local-authority", known)));
    }
    if f.starts_with("conseil de territoire") {
        // The conseils de territoire of the Métropole d'Aix-Marseille-Provence have no budget of their own.
        return if setting.names_aix_marseille {
            Ok(Some(named(METROPOLE, "local-authority", known)))
        } else {
            Err(format!(
                "« {instance} » : le texte ne nomme pas la métropole dont relève ce conseil de territoire ; aucun payeur \
                 n'est deviné"
            ))
        };
    }
    if let Some(town) = town_of_council(instance) {
        return Ok(Some(commune(&town, known)));
    }
    if let Some(rest) = after(instance, &["conseil departemental", "conseil general"]) {
        let name = match rest.as_deref() {
            Some(written) => collectivity(written, "Département", departement_named),
            None => the_one("département", &setting.departements, instance)?,
        };
        return Ok(Some(named(&name, "local-authority", known)));
    }
    if let Some(rest) = after(instance, &["conseil regional"]) {
        let name = match rest.as_deref() {
            Some(written) => collectivity(written, "Région", region_named),
            None => the_one("région", &setting.regions, instance)?,
        };
        return Ok(Some(named(&name, "local-authority", known)));
    }
    if f.contains("assemblee de corse") {
        return Ok(Some(named("Collectivité de Corse", "local-authority", known)));
    }
    Ok(intercommunal(instance).map(|(name, kind)| named(&name, kind, known)))
}

/// The words after a council's name in an instance: `Some(None)` when the council is named alone.
fn after(instance: &str, councils: &[&str]) -> Option<Option<String>> {
    let f = Folded::new(instance);
    let (at, len) = councils.iter().find_map(|c| f.text.find(c).map(|at| (at, c.len())))?;
    let rest = instance[f.orig(at + len)..].trim();
    Some((!rest.is_empty()).then(|| rest.to_string()))
}

/// « des Bouches-du-Rhône » → « Département des Bouches-du-Rhône » as the law spells it, else as
/// written (« Département du Val Fictif »).
fn collectivity(written: &str, word: &str, by_name: fn(&str) -> Option<String>) -> String {
    let f = Folded::new(written);
    for prep in ["de la ", "de l'", "des ", "du ", "d'", "de "] {
        if let Some(name) = f.text.strip_prefix(prep).map(|_| written[f.orig(prep.len())..].trim()) {
            let article = if word == "Région" { "" } else { &written[..f.orig(prep.len())] };
            return by_name(name).unwrap_or_else(|| format!("{word} {article}{name}"));
        }
    }
    by_name(written).unwrap_or_else(|| format!("{word} {written}"))
}

/// The one département (or région) the text names, for a council that does not say its own.
fn the_one(what: &str, named: &[String], instance: &str) -> Result<String, String> {
    match named {
        [one] => Ok(one.clone()),
        [] => Err(format!("« {instance} » : le texte ne nomme pas son {what} ; aucun payeur n'est deviné")),
        many => Err(format!(
            "« {instance} » : le texte nomme plusieurs {what}s ({}) ; aucun payeur n'est deviné",
            many.join(", ")
        )),
    }
}

/// The communauté or the syndicat an intercommunal assembly's instance names after it: « Conseil
/// de communauté de la Communauté de communes Le Minervois » → « Communauté de communes Le
/// Minervois », « Comité syndical du Syndicat mixte du Bassin … » → « Syndicat mixte du Bassin … ».
fn intercommunal(instance: &str) -> Option<(String, &'static str)> {
    let f = Folded::new(instance);
    // (the words before the body, the length of its preposition, its kind)
    const BODIES: [(&str, usize, &str); 4] = [
        ("de la communaute ", "de la ".len(), "local-authority"),
        ("du syndicat ", "du ".len(), "public-body"),
        ("du sivom ", "du ".len(), "public-body"),
        ("du sivu ", "du ".len(), "public-body"),
    ];
    let (at, kind) = BODIES.iter().find_map(|(b, skip, kind)| f.text.find(b).map(|at| (at + skip, *kind)))?;
    let name = instance[f.orig(at)..].trim();
    let mut chars = name.chars();
    let name: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect())?;
    Some((name, kind))
}

/// The commune of a municipal council: the reference export's, else « Commune de X ».
fn commune(town: &str, known: &Known) -> Resolved {
    let town_key = name_key(town);
    for o in &known.orgs {
        let local = o.kind.is_none_or(|k| k == crate::core::model::OrgKind::LocalAuthority);
        let fits = o.keys.iter().any(|(k, _)| {
            (k.as_slice() == town_key.as_slice() && local)
                || (k.len() == town_key.len() + 1
                    && matches!(k[0].as_str(), "commune" | "ville" | "mairie")
                    && k[1..] == town_key[..])
        });
        if fits {
            return Resolved::Known(o.id.clone());
        }
    }
    let name = format!("Commune {}", of_town(town));
    Resolved::New { id: known.fresh_id(&name), name, kind: "local-authority" }
}

/// A body by its name: the reference export's organisation of that name, else a proposal.
fn named(name: &str, kind: &'static str, known: &Known) -> Resolved {
    if let Ok(Some(o)) = known.resolve(&name_key(name)) {
        return Resolved::Known(o.id.clone());
    }
    Resolved::New { id: known.fresh_id(name), name: name.to_string(), kind }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::extract::test_support::reference_model;

    fn body(instance: &str, text: &str) -> Result<Option<String>, String> {
        let known = Known::from_model(None);
        body_of(instance, &Setting::read(text), &known).map(|b| {
            b.map(|b| match b {
                Resolved::New { name, .. } => name,
                Resolved::Known(id) => id,
            })
        })
    }

    #[test]
    fn the_deliberating_body_of_each_instance() {
        let model = reference_model();
        let known = Known::from_model(Some(&model));
        let none = Setting::default();
        assert_eq!(body_of("Bureau de la Métropole", &none, &known), Ok(Some(Resolved::Known("metropole-amp".into()))));
        assert_eq!(
            body_of("Conseil municipal de Martigues", &none, &known),
            Ok(Some(Resolved::Known("martigues".into())))
        );
        assert_eq!(
            body_of("Conseil municipal d'Istres", &none, &known),
            Ok(Some(Resolved::New {
                id: "commune-d-istres".into(),
                name: "Commune d'Istres".into(),
                kind: "local-authority"
            }))
        );
        assert_eq!(
            body_of("Commission permanente du Conseil départemental des Bouches-du-Rhône", &none, &known),
            Ok(Some(Resolved::Known("cd13".into())))
        );
        assert_eq!(body_of("Conseil municipal", &none, &known), Ok(None));
        assert_eq!(body_of("Instance non précisée", &none, &known), Ok(None));
        let alone = Known::from_model(None);
        assert_eq!(
            body_of("Conseil de la Métropole", &none, &alone).map(|b| b.map(|b| b.id().to_string())),
            Ok(Some("metropole-aix-marseille-provence".into()))
        );
    }

    #[test]
    fn departements_regions_and_intercommunal_bodies() {
        assert_eq!(
            body("Commission permanente du Conseil général de la Mayenne", ""),
            Ok(Some("Département de la Mayenne".into()))
        );
        assert_eq!(
            body("Commission permanente du Conseil départemental du Val Fictif", ""),
            Ok(Some("Département du Val Fictif".into()))
        );
        assert_eq!(
            body("Commission permanente du Conseil départemental", "sur le territoire de la Seine-Saint-Denis"),
            Ok(Some("Département de la Seine-Saint-Denis".into()))
        );
        assert_eq!(
            body("Commission permanente du Conseil départemental", "le Département s'engage"),
            Err("« Commission permanente du Conseil départemental » : le texte ne nomme pas son département ; aucun \
                 payeur n'est deviné"
                .into())
        );
        assert_eq!(
            body("Commission permanente du Conseil régional d'Ile-de-France", ""),
            Ok(Some("Région Île-de-France".into()))
        );
        assert_eq!(
            body("Conseil de communauté de la Communauté de communes Le Minervois", ""),
            Ok(Some("Communauté de communes Le Minervois".into()))
        );
        assert_eq!(
            body("Comité syndical du Syndicat mixte du Bassin de la Fictive", ""),
            Ok(Some("Syndicat mixte du Bassin de la Fictive".into()))
        );
        assert_eq!(body("Comité syndical", ""), Ok(None));
        assert_eq!(
            body("Conseil de territoire Istres-Ouest Provence", "Métropole d'Aix-Marseille- République"),
            Ok(Some("Métropole Aix-Marseille-Provence".into()))
        );
        assert!(body("Conseil de territoire Est Fictif", "Établissement public territorial").is_err());
    }
}
