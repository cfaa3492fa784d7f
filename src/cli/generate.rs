//! `carte generate`: large, realistic, deterministic exports for benchmarks and tests — a few
//! hubs (the Métropole, the État, the Département, the big communes), communities by territory
//! and field, heavy-tailed degrees, yearly subsidies repeated between the same pair, years 2015
//! to 2025, amounts over five orders of magnitude, long names with accents. Same seed, same file.
//!
//! Two shapes: `Classic`, the benchmark's first file (every organisation linked, a few decisions
//! shared by many links), and `Rough` (`rough.rs`), shaped as registers are.

mod rough;

use crate::cli::names::slug;
use crate::core::format::{Decision, Export, Link, Organization, Source, SCHEMA_V1};

#[derive(Debug, Clone, PartialEq)]
pub struct GenerateSettings {
    pub orgs: usize,
    pub links: usize,
    pub seed: u64,
    pub shape: Shape,
}

/// How the generated register is shaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// Every organisation linked, communities by territory and field, links sharing the payers'
    /// yearly sessions.
    #[default]
    Classic,
    /// As registers are: organisations without any link, hubs with thousands of links, pairs
    /// linked again and again, agreements of several parties, each link its own decision with a
    /// long title, names in capitals and acronyms.
    Rough,
}

impl Default for GenerateSettings {
    fn default() -> Self {
        GenerateSettings { orgs: 1000, links: 3000, seed: 1, shape: Shape::Classic }
    }
}

const TERRITORIES: [&str; 12] = [
    "Marseille",
    "Aix-en-Provence",
    "Martigues",
    "Aubagne",
    "Istres",
    "Salon-de-Provence",
    "La Ciotat",
    "Vitrolles",
    "Marignane",
    "Gardanne",
    "Pertuis",
    "Miramas",
];
const FIELDS: [(&str, &[&str]); 6] = [
    (
        "emploi",
        &["Mission locale", "Plan local pour l'insertion et l'emploi", "Maison de l'emploi", "Boutique de gestion"],
    ),
    (
        "insertion",
        &["Régie de quartier", "Entreprise d'insertion", "Chantier d'insertion", "Atelier et chantier d'insertion"],
    ),
    ("culture", &["Compagnie de théâtre", "Association culturelle", "École de musique", "Festival"]),
    ("sport", &["Union sportive", "Club nautique", "Association sportive", "Cercle d'escrime"]),
    ("solidarité", &["Centre social", "Épicerie solidaire", "Association d'entraide", "Banque alimentaire"]),
    ("environnement", &["Association de protection", "Jardins partagés", "Collectif zéro déchet", "Ressourcerie"]),
];
const NAMES: [&str; 16] = [
    "Les Épis",
    "l'Étang",
    "du Vallon",
    "des Calanques",
    "Sainte-Victoire",
    "de la Côte Bleue",
    "du Canal",
    "des Pêcheurs",
    "Horizon",
    "Méditerranée",
    "du Lavoir",
    "des Oliviers",
    "de l'Huveaune",
    "Garrigue",
    "du Vieux-Port",
    "des Salins",
];

/// A small deterministic generator (splitmix64): no dependency, identical on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

struct Org {
    community: usize,
    territory: usize,
}

/// Generates an export with exactly `orgs` organisations (at least the hubs) and `links` links.
pub fn generate(settings: &GenerateSettings) -> Export {
    match settings.shape {
        Shape::Classic => classic(settings),
        Shape::Rough => rough::rough(settings),
    }
}

fn classic(settings: &GenerateSettings) -> Export {
    let mut rng = Rng(settings.seed ^ 0x00C4_7E00_0000_0001);
    let mut organizations = Vec::new();
    let mut meta: Vec<Org> = Vec::new();
    let push =
        |organizations: &mut Vec<Organization>, meta: &mut Vec<Org>, id: String, name: String, kind: &str, org: Org| {
            organizations.push(Organization::new(id, name, kind));
            meta.push(org);
        };
    // Hubs: the big payers, one per territory for the communes.
    let hubs = [
        ("metropole-amp", "Métropole Aix-Marseille-Provence", "local-authority"),
        ("etat-paca", "Préfecture de la région Provence-Alpes-Côte d'Azur", "state"),
        ("departement-13", "Conseil départemental des Bouches-du-Rhône", "local-authority"),
    ];
    for (id, name, kind) in hubs.iter().take(settings.orgs) {
        push(
            &mut organizations,
            &mut meta,
            id.to_string(),
            name.to_string(),
            kind,
            Org { community: usize::MAX, territory: usize::MAX },
        );
    }
    for (t, territory) in TERRITORIES.iter().enumerate() {
        if organizations.len() >= settings.orgs {
            break;
        }
        let id = format!("commune-{}", slug(territory));
        // French elides "de" before a vowel: "Commune d'Aix-en-Provence".
        let de = if territory.starts_with(['A', 'E', 'I', 'O', 'U', 'É']) { "d'" } else { "de " };
        push(
            &mut organizations,
            &mut meta,
            id,
            format!("Commune {de}{territory}"),
            "local-authority",
            Org { community: usize::MAX, territory: t },
        );
    }
    let communities = TERRITORIES.len() * FIELDS.len();
    let mut n = 0;
    while organizations.len() < settings.orgs {
        // Communities of very different sizes: a few large ones, many small.
        let community = ((rng.unit().powf(2.0)) * communities as f64) as usize % communities;
        let (territory, field) = (community / FIELDS.len(), community % FIELDS.len());
        let (_, kinds) = FIELDS[field];
        let base = kinds[rng.below(kinds.len())];
        let name = format!("{base} {} — {} (n° {})", NAMES[rng.below(NAMES.len())], TERRITORIES[territory], n + 1);
        let kind = match rng.below(10) {
            0 => "company",
            1 => "programme",
            _ => "association",
        };
        push(&mut organizations, &mut meta, format!("org-{:06}", n + 1), name, kind, Org { community, territory });
        n += 1;
    }

    // Decisions: each payer's yearly sessions; links point to them.
    let mut decisions: Vec<Decision> = Vec::new();
    let mut decision_of = std::collections::BTreeMap::new();
    let mut decision_for = |decisions: &mut Vec<Decision>, payer: usize, year: i32, rng: &mut Rng| -> String {
        let session = rng.below(4);
        let key = (payer, year, session);
        if let Some(id) = decision_of.get(&key) {
            return String::clone(id);
        }
        let id = format!("gen-{payer}-{year}-{session}");
        let month = 1 + session as u32 * 3 + rng.below(3) as u32;
        decisions.push(Decision {
            id: id.clone(),
            reference: Some(format!("GEN-{:03}-{:05}/{:02}/BM", payer % 1000, decisions.len() + 1, year % 100)),
            instance: format!("Assemblée délibérante n° {}", payer + 1),
            date: format!("{year}-{month:02}-{:02}", 1 + rng.below(28)),
            signed: None,
            title: format!("Subventions et conventions, séance {} de {year}", session + 1),
            rapporteur: None,
            signatory: None,
            members_present: None,
            source: Source { document: "export-genere.txt".into(), url: None, quote: None },
        });
        decision_of.insert(key, id.clone());
        id
    };

    // Links: preferential attachment gives heavy-tailed degrees; hubs pay most subsidies.
    let mut ends: Vec<usize> = (0..organizations.len().min(3)).collect();
    let mut links = Vec::new();
    let orgs = organizations.len();
    let first_member = organizations.iter().position(|o| o.id.starts_with("org-")).unwrap_or(orgs);
    while links.len() < settings.links && orgs >= 2 {
        let roll = rng.below(100);
        let to = if first_member < orgs { first_member + rng.below(orgs - first_member) } else { rng.below(orgs) };
        let from = if roll < 55 {
            // A subsidy from a hub, the territory's commune, or a well-connected body.
            match rng.below(6) {
                0 | 1 => 0,
                2 => 1.min(orgs - 1),
                3 => 2.min(orgs - 1),
                4 if meta[to].territory < TERRITORIES.len() => (3 + meta[to].territory).min(orgs - 1),
                _ => ends[rng.below(ends.len())],
            }
        } else if roll < 85 {
            // A partnership inside the community, else with anyone well connected.
            let same: Vec<usize> = (0..8)
                .map(|_| first_member + rng.below(orgs.saturating_sub(first_member).max(1)))
                .filter(|c| *c < orgs && meta[*c].community == meta[to].community)
                .collect();
            same.first().copied().unwrap_or_else(|| ends[rng.below(ends.len())])
        } else {
            ends[rng.below(ends.len())]
        };
        if from == to {
            continue;
        }
        let kind = if roll < 55 {
            "subsidy"
        } else if roll < 80 {
            "partnership"
        } else if roll < 90 {
            "membership"
        } else {
            "co-funding"
        };
        let year = 2015 + rng.below(11) as i32;
        // Five orders of magnitude, log-uniform: from 100 € to 10 M €.
        let euros = 10f64.powf(2.0 + rng.unit() * 5.0).round() as u64;
        let cents = if rng.below(4) == 0 { rng.below(100) } else { 0 };
        // A yearly subsidy is often renewed: parallel links between the same pair.
        let repeats = if kind == "subsidy" && rng.below(3) == 0 { 1 + rng.below(3) } else { 0 };
        for r in 0..=repeats {
            if links.len() >= settings.links {
                break;
            }
            let y = (year + r as i32).min(2025);
            let decision = decision_for(&mut decisions, from, y, &mut rng);
            let money = matches!(kind, "subsidy" | "membership" | "co-funding");
            links.push(Link {
                id: format!("lien-{:07}", links.len() + 1),
                kind: kind.to_string(),
                from: organizations[from].id.clone(),
                to: organizations[to].id.clone(),
                parties: Vec::new(),
                decision,
                basis: None,
                title: None,
                convention: None,
                amount: money.then(|| serde_json::Value::String(format!("{euros}.{cents:02}"))),
                amount_cents: None,
                year: Some(y),
                start: None,
                end: None,
                budget: money.then(|| "chapitre 65, nature 6574".to_string()),
                purpose: Some(format!("{} {y}", if money { "Soutien" } else { "Coopération" })),
                quote: None,
                sources: Vec::new(),
            });
        }
        ends.push(from);
        ends.push(to);
    }

    Export {
        schema: SCHEMA_V1.to_string(),
        title: format!(
            "Export généré : {} organisations, {} liens (graine {})",
            organizations.len(),
            links.len(),
            settings.seed
        ),
        description: Some("Données fictives produites par « carte generate » pour les tests et les mesures.".into()),
        organizations,
        decisions,
        links,
        indicators: Vec::new(),
        story: Vec::new(),
    }
}
