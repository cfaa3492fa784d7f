//! The rough shape of `carte generate`: what the registers of a large authority look like, and
//! what the classic shape lacks. About one organisation in nine is listed without any link (a
//! directory entry, a beneficiary whose acts were not kept) and a few more form small islands of
//! their own; a handful of payers carry thousands of links each; one link in ten renews an
//! earlier pair; one in twenty is an agreement of several parties; every link has its own
//! decision, with a register reference and a long title; names come in capitals or with
//! acronyms, a few twice under two spellings; amounts run from 500 € to 50 M€.

use super::{slug, GenerateSettings, Rng, FIELDS, NAMES, TERRITORIES};
use crate::core::format::{Decision, Export, FormerName, Link, Organization, Source, SCHEMA_V1};
use crate::core::math;

/// The big payers: id, name, kind, acronym, and the share of all links they pay.
const PAYERS: [(&str, &str, &str, Option<&str>, f64); 6] = [
    ("metropole-amp", "Métropole Aix-Marseille-Provence", "local-authority", Some("AMP"), 0.07),
    ("etat-paca", "Préfecture de la région Provence-Alpes-Côte d'Azur", "state", None, 0.035),
    ("departement-13", "Conseil départemental des Bouches-du-Rhône", "local-authority", Some("CD13"), 0.035),
    ("region-sud", "Région Provence-Alpes-Côte d'Azur", "local-authority", Some("Région Sud"), 0.02),
    ("caf-13", "Caisse d'allocations familiales des Bouches-du-Rhône", "public-body", Some("CAF 13"), 0.015),
    ("france-travail", "France Travail Provence-Alpes-Côte d'Azur", "public-operator", None, 0.01),
];
/// Share of all links paid by each commune.
const COMMUNE_SHARE: f64 = 0.008;
/// Organisations listed without any link, and organisations in small islands of their own.
const UNLINKED: f64 = 0.11;
const IN_ISLANDS: f64 = 0.03;
/// Links renewing an earlier pair, and agreements of more than two parties.
const RENEWALS: f64 = 0.10;
const MULTI_PARTY: f64 = 0.05;

const QUARTERS: [&str; 10] = [
    "Belsunce",
    "la Belle de Mai",
    "Noailles",
    "Saint-Mauront",
    "la Joliette",
    "Frais-Vallon",
    "la Castellane",
    "Jas de Bouffan",
    "Paradis-Saint-Roch",
    "Canto-Perdrix",
];
const PURPOSES: [&str; 8] = [
    "l'accompagnement vers l'emploi des jeunes de 16 à 25 ans sortis du système scolaire sans qualification",
    "le fonctionnement d'un chantier d'insertion de réemploi et de réparation de matériel informatique",
    "l'organisation d'actions culturelles et artistiques dans les quartiers prioritaires de la politique de la ville",
    "la mise à disposition d'équipements sportifs et l'encadrement d'activités nautiques pour les scolaires",
    "l'aide alimentaire et l'accès aux droits des familles en situation de grande précarité",
    "la sensibilisation à la prévention des déchets et le développement du compostage partagé",
    "la création et l'animation d'un tiers-lieu dédié à l'économie sociale et solidaire",
    "l'échange des données relatives aux demandeurs d'emploi et aux bénéficiaires du revenu de solidarité active",
];
const KINDS: [(&str, f64); 8] = [
    ("subsidy", 0.5),
    ("partnership", 0.2),
    ("membership", 0.08),
    ("co-funding", 0.07),
    ("pact", 0.03),
    ("mandate", 0.03),
    ("data-sharing", 0.02),
    ("other", 0.07),
];

struct Member {
    territory: usize,
    field: usize,
}

/// Generates a rough export with exactly `orgs` organisations (at least the payers and the
/// communes) and `links` links.
pub fn rough(settings: &GenerateSettings) -> Export {
    let mut rng = Rng(settings.seed ^ 0x0000_0000_7A6B_0001);
    let mut organizations: Vec<Organization> = Vec::new();
    let org = |id: String, name: String, kind: &str, short_name: Option<String>| Organization {
        short_name,
        ..Organization::new(id, name, kind)
    };
    // Payers, then one commune per territory; each with its share of the links.
    let mut payers: Vec<(usize, f64)> = Vec::new();
    for (id, name, kind, acronym, share) in PAYERS {
        payers.push((organizations.len(), share));
        organizations.push(org(id.into(), name.into(), kind, acronym.map(str::to_string)));
    }
    for territory in TERRITORIES {
        payers.push((organizations.len(), COMMUNE_SHARE));
        let de = if territory.starts_with(['A', 'E', 'I', 'O', 'U', 'É']) { "d'" } else { "de " };
        organizations.push(org(
            format!("commune-{}", slug(territory)),
            format!("Commune {de}{territory}"),
            "local-authority",
            None,
        ));
    }
    organizations.truncate(settings.orgs);
    payers.retain(|(p, _)| *p < organizations.len());

    // Members: linked, unlinked, or in an island of two to five.
    let first_member = organizations.len();
    let mut members: Vec<Member> = Vec::new();
    let mut linked: Vec<usize> = Vec::new();
    let mut islands: Vec<Vec<usize>> = Vec::new();
    let mut n = 0;
    while organizations.len() < settings.orgs {
        let ix = organizations.len();
        let member = Member { territory: rng.below(TERRITORIES.len()), field: rng.below(FIELDS.len()) };
        // One in a hundred: the same body again under another spelling (a register's duplicate).
        let again = n > 10 && rng.below(100) == 0;
        let (name, short_name) = if again {
            let earlier = &organizations[first_member + rng.below(n)];
            (earlier.name.to_uppercase().replace(" — ", " - "), None)
        } else {
            member_name(&member, n, &mut rng)
        };
        let kind = match rng.below(100) {
            0..=69 => "association",
            70..=79 => "company",
            80..=84 => "programme",
            85..=89 => "public-body",
            90..=92 => "network",
            93 => "chamber",
            _ => "other",
        };
        let mut o = org(format!("org-{:06}", n + 1), name, kind, short_name);
        if rng.below(50) == 0 {
            let year = 2012 + rng.below(10);
            o.former_names.push(FormerName {
                name: format!("Association {} — {}", NAMES[rng.below(NAMES.len())], TERRITORIES[member.territory]),
                from: None,
                until: Some(format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))),
            });
        }
        let roll = rng.unit();
        if roll < UNLINKED {
            // Listed, never linked.
        } else if roll < UNLINKED + IN_ISLANDS {
            match islands.last_mut() {
                Some(island) if island.len() < 2 + island.first().map_or(0, |f| f % 4) => island.push(ix),
                _ => islands.push(vec![ix]),
            }
        } else {
            linked.push(ix);
        }
        organizations.push(o);
        members.push(member);
        n += 1;
    }
    let territory_of = |o: usize| if o >= first_member { Some(members[o - first_member].territory) } else { None };
    // A few programmes run by a linked organisation (a parent tie, drawn as an edge).
    for i in 0..linked.len() {
        let child = linked[i];
        if organizations[child].kind == "programme" && rng.below(3) == 0 {
            organizations[child].parent = Some(organizations[linked[rng.below(linked.len())]].id.clone());
            if organizations[child].parent.as_deref() == Some(organizations[child].id.as_str()) {
                organizations[child].parent = None;
            }
        }
    }

    let mut links: Vec<Link> = Vec::new();
    let mut decisions: Vec<Decision> = Vec::new();
    // Each link's ends and kind, for renewals.
    let mut pairs: Vec<(usize, usize, &'static str)> = Vec::new();
    // Every endpoint so far, so that well-linked organisations get more links (heavy tails).
    let mut ends: Vec<usize> = Vec::new();
    let total_share: f64 = payers.iter().map(|(_, s)| s).sum();
    // The islands' own ties, spread evenly over the file.
    let island_ties: Vec<(usize, usize)> =
        islands.iter().flat_map(|island| island.windows(2).map(|w| (w[0], w[1]))).collect();
    let mut island_member = vec![false; organizations.len()];
    islands.iter().flatten().for_each(|o| island_member[*o] = true);
    let mut islands_linked = 0;
    let orgs = organizations.len();
    let mut attempts = 0usize;
    while links.len() < settings.links && orgs >= 2 && attempts < settings.links * 20 + 100 {
        attempts += 1;
        let roll = rng.unit();
        let islands_due = (island_ties.len() * (links.len() + 1)).div_ceil(settings.links.max(1));
        let (from, to, kind) = if islands_linked < islands_due.min(island_ties.len()) {
            islands_linked += 1;
            let (a, b) = island_ties[islands_linked - 1];
            (a, b, "partnership")
        } else if roll < RENEWALS && !pairs.is_empty() {
            // The same pair again, another year, another act.
            pairs[rng.below(pairs.len())]
        } else if roll < RENEWALS + total_share && !payers.is_empty() && !linked.is_empty() {
            let mut pick = rng.unit() * total_share;
            let payer = payers.iter().find(|(_, s)| {
                pick -= s;
                pick < 0.0
            });
            let from = payer.unwrap_or(&payers[0]).0;
            let to = if rng.below(2) == 0 || ends.is_empty() {
                linked[rng.below(linked.len())]
            } else {
                ends[rng.below(ends.len())]
            };
            (from, to, pick_kind(&mut rng))
        } else if linked.len() >= 2 {
            let from = if ends.is_empty() || rng.below(3) == 0 {
                linked[rng.below(linked.len())]
            } else {
                ends[rng.below(ends.len())]
            };
            // Mostly inside the territory, else anywhere.
            let near: Option<usize> = (0..6)
                .map(|_| linked[rng.below(linked.len())])
                .find(|c| territory_of(*c).is_some() && territory_of(*c) == territory_of(from));
            (from, near.unwrap_or_else(|| linked[rng.below(linked.len())]), pick_kind(&mut rng))
        } else {
            (0, 1, "partnership")
        };
        if from == to || from >= orgs || to >= orgs {
            continue;
        }
        let in_island = island_member[from];
        let parties = (!in_island && rng.unit() < MULTI_PARTY && !linked.is_empty()).then(|| {
            let mut parties = vec![from, to];
            for _ in 0..1 + rng.below(5) {
                let other = if rng.below(3) == 0 && !payers.is_empty() {
                    payers[rng.below(payers.len())].0
                } else {
                    linked[rng.below(linked.len())]
                };
                if !parties.contains(&other) {
                    parties.push(other);
                }
            }
            parties
        });
        push_link(&mut links, &mut decisions, &organizations, (from, to, kind), parties, &mut rng);
        pairs.push((from, to, kind));
        if !in_island {
            ends.push(from);
            ends.push(to);
        }
    }

    Export {
        schema: SCHEMA_V1.to_string(),
        title: format!(
            "Registre généré : {} organisations, {} liens (forme brute, graine {})",
            organizations.len(),
            links.len(),
            settings.seed
        ),
        description: Some(
            "Données fictives produites par « carte generate --shape rough » pour les tests et les mesures.".into(),
        ),
        organizations,
        decisions,
        links,
        indicators: Vec::new(),
        story: Vec::new(),
    }
}

/// A member's name: in capitals one time in four (as many registers write them), with an
/// acronym one time in seven; the acronym is what the graph writes.
fn member_name(member: &Member, n: usize, rng: &mut Rng) -> (String, Option<String>) {
    let (_, kinds) = FIELDS[member.field];
    let base = kinds[rng.below(kinds.len())];
    let territory = TERRITORIES[member.territory];
    let place = if member.territory == 0 && rng.below(2) == 0 {
        format!("{} ({}e arrondissement)", QUARTERS[rng.below(QUARTERS.len())], 1 + rng.below(16))
    } else {
        territory.to_string()
    };
    let name = format!("{base} « {} » — {place} (n° {})", NAMES[rng.below(NAMES.len())], n + 1);
    match rng.below(28) {
        0..=6 => (name.to_uppercase(), None),
        7..=10 => {
            let acronym: String = name
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.chars().count() > 3)
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_uppercase)
                .take(5)
                .collect();
            (name, Some(format!("{acronym} {}", n + 1)))
        }
        _ => (name, None),
    }
}

fn pick_kind(rng: &mut Rng) -> &'static str {
    let mut pick = rng.unit();
    KINDS
        .iter()
        .find(|(_, share)| {
            pick -= share;
            pick < 0.0
        })
        .map_or("other", |(k, _)| k)
}

/// A link and its own decision, with a register reference and a long title.
fn push_link(
    links: &mut Vec<Link>,
    decisions: &mut Vec<Decision>,
    organizations: &[Organization],
    (from, to, kind): (usize, usize, &str),
    parties: Option<Vec<usize>>,
    rng: &mut Rng,
) {
    let n = links.len() + 1;
    let year = 2015 + rng.below(11) as i32;
    let date = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
    let (payer, beneficiary) = (&organizations[from], &organizations[to]);
    let instance = match payer.id.as_str() {
        "metropole-amp" if rng.below(3) == 0 => "Bureau de la Métropole".to_string(),
        "metropole-amp" => "Conseil de la Métropole".to_string(),
        "departement-13" => "Commission permanente du Conseil départemental".to_string(),
        "region-sud" => "Commission permanente du Conseil régional".to_string(),
        id if id.starts_with("commune-") => format!("Conseil municipal — {}", payer.name),
        _ => "Conseil d'administration".to_string(),
    };
    let money = matches!(kind, "subsidy" | "membership" | "co-funding");
    // From 500 € to 50 M€, log-uniform; round sums half the time.
    let euros = 500.0 * math::powf(10.0, rng.unit() * 5.0);
    let euros = if rng.below(2) == 0 { math::round(euros / 100.0) * 100.0 } else { math::round(euros) };
    let cents = if rng.below(5) == 0 { rng.below(100) } else { 0 };
    let purpose = PURPOSES[rng.below(PURPOSES.len())];
    let what = match kind {
        "subsidy" => "Subvention de fonctionnement",
        "membership" => "Cotisation annuelle",
        "co-funding" => "Participation au financement",
        "data-sharing" => "Convention d'échange de données",
        "mandate" => "Désignation de représentants",
        _ => "Convention de partenariat",
    };
    // Titles of every length, as registers have them: a line, a sentence, a paragraph.
    let title = match rng.below(20) {
        0..=11 => format!("{what} {year}"),
        12..=16 => format!("{what} — {}", beneficiary.name),
        _ => format!(
            "{what} — {} — pour {purpose}, au titre de l'exercice {year} — approbation de la convention \
             d'objectifs et de moyens correspondante et autorisation donnée au Président de la signer",
            beneficiary.name
        ),
    };
    let decision = format!("delib-{n:07}");
    decisions.push(Decision {
        id: decision.clone(),
        reference: (rng.below(5) > 0).then(|| {
            format!(
                "{} {:03}-{}/{:02}/{}",
                ["EMP", "ECO", "CSL", "SPO", "DEV"][rng.below(5)],
                rng.below(1000),
                10_000 + n,
                year % 100,
                if rng.below(3) == 0 { "BM" } else { "CM" }
            )
        }),
        instance,
        date,
        signed: None,
        title,
        rapporteur: None,
        signatory: None,
        members_present: None,
        source: Source { document: format!("registre-{year}.pdf"), url: None, quote: None },
    });
    links.push(Link {
        id: format!("lien-{n:07}"),
        kind: kind.to_string(),
        from: payer.id.clone(),
        to: beneficiary.id.clone(),
        parties: parties.map(|p| p.iter().map(|o| organizations[*o].id.clone()).collect()).unwrap_or_default(),
        decision,
        basis: (rng.below(30) == 0).then(|| "mentioned".to_string()),
        title: None,
        convention: (rng.below(8) == 0).then(|| format!("CONV-{year}-{n:06}")),
        amount: money.then(|| serde_json::Value::String(format!("{}.{cents:02}", euros as u64))),
        amount_cents: None,
        year: Some(year),
        start: None,
        end: None,
        budget: (money && rng.below(4) == 0).then(|| "chapitre 65, nature 6574".to_string()),
        purpose: (rng.below(8) == 0).then(|| purpose.to_string()),
        quote: None,
        sources: Vec::new(),
    });
}
