//! The default dataset: it validates, holds what the issue promises, and every quoted passage
//! stands word for word in its source document.

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use carte_partenariats::core::dataset::Dataset;
use carte_partenariats::core::locale;
use carte_partenariats::core::model::{Cents, IsoDate, LinkKind, Model};
use carte_partenariats::core::query;
use sha2::{Digest, Sha256};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn model() -> Model {
    let text = std::fs::read_to_string(format!("{ROOT}/assets/data/partenariats.json")).unwrap();
    Dataset::from_text(&text).unwrap_or_else(|p| panic!("default dataset refused: {:#?}", p.list)).model
}

fn link<'a>(m: &'a Model, id: &str) -> &'a carte_partenariats::core::model::Link {
    &m.links[m.link_by_id(id).unwrap_or_else(|| panic!("no link {id}"))]
}

/// The years the year filter and the time player draw a link over (docs/FORMAT.md's year rule).
fn drawn_years(m: &Model, id: &str) -> (i32, i32) {
    let last_year = query::year_span(m).expect("a dated export").1;
    query::link_years(m, m.link_by_id(id).unwrap_or_else(|| panic!("no link {id}")), last_year)
}

#[test]
fn the_six_core_organisations_are_there() {
    let m = model();
    for id in ["metropole-amp", "france-travail", "plie-martigues", "ccimp", "ave", "euromediterranee"] {
        assert!(m.org_by_id(id).is_some(), "missing {id}");
    }
}

#[test]
fn the_ave_membership_and_its_2024_fee() {
    let m = model();
    let fee = link(&m, "metropole-ave-cotisation-2024");
    assert_eq!(fee.kind, LinkKind::Membership);
    assert_eq!(m.organizations[fee.from].id, "metropole-amp");
    assert_eq!(m.organizations[fee.to].id, "ave");
    assert_eq!(locale::euros(fee.amount.unwrap()), "14\u{202F}205\u{A0}€");
    assert_eq!(fee.year, Some(2024));
    let decision = m.decision_of(m.link_by_id("metropole-ave-cotisation-2024").unwrap());
    assert_eq!(decision.reference.as_deref(), Some("CHL-059-15101/23/BM"));
    assert_eq!(decision.date, IsoDate::parse("2023-12-07").unwrap());
    assert!(fee.budget.as_deref().unwrap().contains("nature 6281"));
    assert!(m.link_by_id("metropole-ave-adhesion").is_some());
}

#[test]
fn the_2021_subsidy_to_the_ccimp_and_its_programmes() {
    let m = model();
    let subsidy = link(&m, "metropole-ccimp-subvention-2021");
    assert_eq!(subsidy.amount.unwrap().0, 5_000_000);
    assert_eq!(subsidy.convention.as_deref(), Some("MET 21/18706/BM"));
    assert!(subsidy.budget.as_deref().unwrap().contains("nature 65748"));
    let ccimp = m.org_by_id("ccimp").unwrap();
    let programmes: Vec<&str> = m.children(ccimp).map(|c| m.organizations[c].id.as_str()).collect();
    assert_eq!(programmes, ["hub-du-mentorat", "ci-hub-13"]);
}

#[test]
fn the_plie_conventions_run_to_the_end_of_2027() {
    let m = model();
    for id in ["plie-martigues-pole-emploi-convention-2023", "pole-emploi-plie-martigues-donnees-2023"] {
        assert_eq!(link(&m, id).end, IsoDate::parse("2027-12-31"));
    }
    assert_eq!(link(&m, "pole-emploi-plie-martigues-donnees-2023").kind, LinkKind::DataSharing);
}

#[test]
fn france_travail_was_pole_emploi_until_2024() {
    let m = model();
    let ft = &m.organizations[m.org_by_id("france-travail").unwrap()];
    assert_eq!(ft.former_names[0].name, "Pôle emploi");
    assert_eq!(ft.former_names[0].until, IsoDate::parse("2023-12-31"));
    let convention = m.link_by_id("metropole-france-travail-bdr-convention-2024").unwrap();
    assert_eq!(m.decision_of(convention).signed, IsoDate::parse("2024-07-11"));
}

#[test]
fn every_link_leads_back_to_a_decision_with_a_source() {
    let m = model();
    for (ix, l) in m.links.iter().enumerate() {
        let d = m.decision_of(ix);
        assert!(Path::new(&format!("{ROOT}/assets/sources/{}", d.document)).exists(), "{}: {}", l.id, d.document);
    }
}

#[test]
fn every_quoted_passage_appears_in_its_source() {
    let m = model();
    let source = |doc: &str| std::fs::read_to_string(format!("{ROOT}/assets/sources/{doc}")).unwrap();
    let mut checked = 0;
    for d in &m.decisions {
        if let Some(q) = &d.quote {
            assert!(source(&d.document).contains(q.as_str()), "decision {}: «{q}»", d.id);
            checked += 1;
        }
    }
    for (ix, l) in m.links.iter().enumerate() {
        if let Some(q) = &l.quote {
            assert!(source(&m.decision_of(ix).document).contains(q.as_str()), "link {}: «{q}»", l.id);
            checked += 1;
        }
    }
    for i in &m.indicators {
        if let Some(q) = &i.quote {
            assert!(source(&m.decisions[i.decision].document).contains(q.as_str()), "indicator {}: «{q}»", i.id);
            checked += 1;
        }
    }
    assert!(checked >= m.links.len(), "only {checked} quotes checked");
}

/// The shipped copies of the sources are the documents given to the project, unaltered: their
/// SHA-256 sums were taken from the project's `shared/sources/` into `tests/fixtures/sources.sha256`,
/// and every file of `assets/sources/` is listed there.
#[test]
fn shipped_sources_are_the_documents_given_to_the_project() {
    let sums = std::fs::read_to_string(format!("{ROOT}/tests/fixtures/sources.sha256")).expect("sources.sha256");
    let listed: Vec<(&str, &str)> = sums.lines().filter_map(|l| l.split_once("  ")).collect();
    assert_eq!(listed.len(), 5, "five source documents: {sums}");
    for (sum, name) in &listed {
        let bytes = std::fs::read(format!("{ROOT}/assets/sources/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"));
        let digest: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(&digest, sum, "assets/sources/{name} differs from the document given to the project");
    }
    for entry in std::fs::read_dir(format!("{ROOT}/assets/sources")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(listed.iter().any(|(_, n)| *n == name), "assets/sources/{name} is not one of the given documents");
    }
}

#[test]
fn the_story_tells_2021_to_2024_and_the_2023_clause_figures() {
    let m = model();
    assert!(m.story.len() >= 8, "{} steps", m.story.len());
    let all_text: String = m.story.iter().map(|s| format!("{} {}", s.title, s.text)).collect();
    let facts = [
        locale::euros(Cents(5_000_000)),
        locale::euros(Cents(1_420_500)),
        "11 juillet 2024".to_string(),
        "1,2\u{A0}million".to_string(),
        locale::integer(356_000),
        "CHL-059-15101/23/BM".to_string(),
    ];
    for fact in facts {
        assert!(all_text.contains(&fact), "the story never says {fact}");
    }
    // Every step highlights something, and the years run forward.
    assert!(m.story.iter().all(|s| !s.highlighted(&m).is_empty()));
}

/// A link the sources know only from a passage of another act is drawn over the years that passage
/// attests, not to the last year of the data. The CCIMP deliberation of 15 April 2021 says the Hub du
/// Mentorat is co-funded (« co-financé par le Conseil Départemental … et la Métropole »), not since when.
#[test]
fn links_known_by_mention_cover_only_the_years_their_sources_attest() {
    let m = model();
    for (id, attested) in [
        ("departement-hub-mentorat-cofinancement", (2021, 2021)),
        ("metropole-hub-mentorat-cofinancement", (2021, 2021)),
        ("prefecture-ccimp-mandat-ci-hub", (2021, 2021)),
        // « convention signée en juin 2022 » (deliberation of 16 March 2023): its signature, no term.
        ("metropole-departement-commande-publique-2022", (2022, 2022)),
        // « … signée le 14 décembre 2022 » (deliberation of 12 October 2023): its signature, no term.
        ("pole-emploi-paca-ur-plie-convention-2022", (2022, 2022)),
        // Decided on 7 December 2023 « pour l'année 2024 »: no later fee is recorded.
        ("metropole-ave-adhesion", (2023, 2024)),
    ] {
        assert_eq!(drawn_years(&m, id), attested, "{id}");
    }
}

/// No source records a decision to co-fund the Hub du Mentorat: its co-funding is read in the CCIMP
/// deliberation, which only mentions it, and the map says so (« Mentionné dans »).
#[test]
fn the_hub_co_funding_rests_on_the_ccimp_deliberation_that_mentions_it() {
    let m = model();
    for id in ["departement-hub-mentorat-cofinancement", "metropole-hub-mentorat-cofinancement"] {
        let ix = m.link_by_id(id).unwrap_or_else(|| panic!("no link {id}"));
        assert_eq!(m.links[ix].kind, LinkKind::CoFunding, "{id}");
        assert!(m.links[ix].mentioned_only, "{id} should be `basis: mentioned`");
        assert_eq!(m.decision_of(ix).reference.as_deref(), Some("CHL 012-9751/21/BM"), "{id}");
    }
}

/// Every decision grounds at least one link or indicator: none is left behind by a correction.
#[test]
fn every_decision_grounds_a_link_or_an_indicator() {
    let m = model();
    for (ix, d) in m.decisions.iter().enumerate() {
        let used = m.links.iter().any(|l| l.decision == ix) || m.indicators.iter().any(|i| i.decision == ix);
        assert!(used, "decision {} grounds nothing", d.id);
    }
}

/// The Préfecture's mandate to the CCIMP is undated in its only source: « la Préfecture des
/// Bouches-du-Rhône a mandaté la CCIMP pour animer le CI'Hub Bouches-du-Rhône, … lancé le 16 septembre
/// 2019 ». The date is the CI'Hub's launch, not the mandate's: the link is read in the deliberation of
/// 15 April 2021 and carries no date of its own.
#[test]
fn the_prefecture_mandate_is_not_dated_by_the_ci_hub_launch() {
    let m = model();
    let ix = m.link_by_id("prefecture-ccimp-mandat-ci-hub").expect("the mandate");
    let mandate = &m.links[ix];
    assert_eq!(mandate.kind, LinkKind::Mandate);
    assert!(mandate.mentioned_only, "the mandate is only mentioned");
    assert_eq!((mandate.start, mandate.end, mandate.year), (None, None, None));
    let decision = m.decision_of(ix);
    assert_eq!(decision.reference.as_deref(), Some("CHL 012-9751/21/BM"));
    assert_eq!(decision.date, IsoDate::parse("2021-04-15").unwrap());
    let launch = IsoDate::parse("2019-09-16");
    assert!(m.decisions.iter().all(|d| Some(d.date) != launch), "a decision is dated by the CI'Hub's launch");
}

/// 644 000 hours in 2022 (the facilitators' network, deliberation of 16 March 2023) and 1.2 million in
/// 2023 (the whole territory, article of 11 July 2024, « en augmentation de 30 % » on a 2022 figure that
/// is not 644 000) are two scopes: their labels say so, and their ids do not read as one series.
#[test]
fn the_2022_and_2023_hour_counts_carry_distinct_scopes() {
    let m = model();
    let find = |value: u64, year: i32| {
        let found = m.indicators.iter().find(|i| i.value == value && i.year == year && i.unit == "heures");
        found.unwrap_or_else(|| panic!("no indicator of {value} heures in {year}"))
    };
    let (facilitators, territory) = (find(644_000, 2022), find(1_200_000, 2023));
    assert!(facilitators.label.contains("facilitateurs"), "{}", facilitators.label);
    assert!(territory.label.contains("l'ensemble du territoire"), "{}", territory.label);
    assert!(!territory.label.contains("facilitateurs"), "{}", territory.label);
    let without_year = |id: &str| id.trim_end_matches(|c: char| c.is_ascii_digit()).to_string();
    assert_ne!(without_year(&facilitators.id), without_year(&territory.id), "ids read as one series");
}

/// The story says what its sources say: the opening names the acts in the numbers the export holds
/// (one subsidy, one pact, one membership: « une subvention », not « subventions »), says that some
/// links lead to a deliberation that only mentions them, and the 2023 figures keep the article's own
/// hedge (« apparaît ainsi comme le premier acheteur public inclusif ») and scope.
#[test]
fn the_story_says_what_its_sources_say() {
    let m = model();
    let opening = &m.story.first().expect("a story").text;
    let count = |kind| m.links.iter().filter(|l| l.kind == kind).count();
    let mut joined: Vec<usize> = m.links.iter().filter(|l| l.kind == LinkKind::Membership).map(|l| l.to).collect();
    joined.dedup();
    for (n, one, many) in [
        (count(LinkKind::Subsidy), "une subvention", "des subventions"),
        (count(LinkKind::Pact), "un pacte", "des pactes"),
        (count(LinkKind::Partnership), "une convention", "des conventions"),
        (joined.len(), "une adhésion", "des adhésions"),
    ] {
        let expected = if n == 1 { one } else { many };
        assert!(opening.contains(expected), "{n} in the export, but the opening never says « {expected} »: {opening}");
    }
    if m.links.iter().any(|l| l.mentioned_only) {
        assert!(opening.contains("qui le mentionne"), "the opening says every link rests on its act: {opening}");
    }
    let claims: Vec<&str> =
        m.story.iter().map(|s| s.text.as_str()).filter(|t| t.contains("premier acheteur public inclusif")).collect();
    assert!(!claims.is_empty(), "the story no longer tells the 2023 figures");
    for text in claims {
        assert!(text.contains("apparaît ainsi comme le premier acheteur public inclusif"), "stated as a fact: {text}");
    }
    for text in m.story.iter().map(|s| s.text.as_str()).filter(|t| t.contains("1,2 million")) {
        assert!(text.contains("l'ensemble du territoire"), "1,2 million without its scope: {text}");
    }
}

/// What the map shows in words (the export's title and description, organisations' descriptions,
/// links' titles and purposes, indicators' labels, the story) is spaced as French print is: no line
/// breaks inside an amount or before « : », « ; », « ! », « ? », « % », « € » or inside « … ». Amounts
/// are grouped as `locale::integer` groups them (U+202F). Quotes stay word for word and are not checked.
#[test]
fn no_regular_space_before_french_punctuation_or_inside_an_amount() {
    let m = model();
    let mut shown: Vec<(String, &str)> = vec![("title".into(), m.title.as_str())];
    shown.extend(m.description.as_deref().map(|d| ("description".to_string(), d)));
    for o in &m.organizations {
        shown.extend(o.description.as_deref().map(|d| (format!("organisation {}", o.id), d)));
    }
    for l in &m.links {
        shown.extend(l.title.as_deref().map(|t| (format!("title of link {}", l.id), t)));
        shown.extend(l.purpose.as_deref().map(|p| (format!("purpose of link {}", l.id), p)));
    }
    shown.extend(m.indicators.iter().map(|i| (format!("indicator {}", i.id), i.label.as_str())));
    for (n, step) in m.story.iter().enumerate() {
        shown.push((format!("story[{n}].title"), step.title.as_str()));
        shown.push((format!("story[{n}].text"), step.text.as_str()));
    }
    let mut faults = Vec::new();
    for (place, text) in &shown {
        let chars: Vec<char> = text.chars().collect();
        for (i, window) in chars.windows(2).enumerate() {
            let (before, after) = (&chars[..i], &chars[i + 2..]);
            let fault = match window {
                [' ', ':' | ';' | '!' | '?' | '%' | '€' | '»'] => Some("regular space before punctuation"),
                ['«', ' '] => Some("regular space after «"),
                [' ' | '\u{A0}', d] if d.is_ascii_digit() && before.last().is_some_and(char::is_ascii_digit) => {
                    let group = after.iter().take_while(|c| c.is_ascii_digit()).count();
                    (group == 2).then_some("digits grouped by a space other than U+202F")
                }
                [' ', 'm'] if before.last().is_some_and(char::is_ascii_digit) => {
                    after.starts_with(&['i', 'l', 'l', 'i', 'o', 'n']).then_some("regular space before « million »")
                }
                _ => None,
            };
            if let Some(fault) = fault {
                let at: String = chars[i.saturating_sub(12)..(i + 14).min(chars.len())].iter().collect();
                faults.push(format!("{place}: {fault} in « {at} »"));
            }
        }
    }
    assert!(faults.is_empty(), "{} spacing faults:\n{}", faults.len(), faults.join("\n"));
    assert!(shown.len() > m.story.len() * 2, "only {} texts checked", shown.len());
}
