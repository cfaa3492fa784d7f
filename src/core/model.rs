//! Checked domain types: what an export means once `validate` has accepted it.
//!
//! Organisations, decisions and links refer to each other by index, never by string id, so
//! that no later stage can meet a dangling reference.

use std::collections::HashMap;
use std::fmt;

/// Index of an organisation in `Model::organizations`.
pub type OrgIx = usize;
/// Index of a decision in `Model::decisions`.
pub type DecisionIx = usize;
/// Index of a link in `Model::links`.
pub type LinkIx = usize;

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub title: String,
    pub description: Option<String>,
    pub organizations: Vec<Organization>,
    pub decisions: Vec<Decision>,
    pub links: Vec<Link>,
    pub indicators: Vec<Indicator>,
    pub story: Vec<StoryStep>,
    org_index: HashMap<String, OrgIx>,
    link_index: HashMap<String, LinkIx>,
}

impl Model {
    pub fn new(
        title: String,
        description: Option<String>,
        organizations: Vec<Organization>,
        decisions: Vec<Decision>,
        links: Vec<Link>,
        indicators: Vec<Indicator>,
    ) -> Self {
        let org_index = organizations.iter().enumerate().map(|(i, o)| (o.id.clone(), i)).collect();
        let link_index = links.iter().enumerate().map(|(i, l)| (l.id.clone(), i)).collect();
        Model::indexed(title, description, organizations, decisions, links, indicators, org_index, link_index)
    }

    /// The same, with the id indexes already built (the validator builds them as it checks ids).
    #[allow(clippy::too_many_arguments)]
    pub fn indexed(
        title: String,
        description: Option<String>,
        organizations: Vec<Organization>,
        decisions: Vec<Decision>,
        links: Vec<Link>,
        indicators: Vec<Indicator>,
        org_index: HashMap<String, OrgIx>,
        link_index: HashMap<String, LinkIx>,
    ) -> Self {
        Model {
            title,
            description,
            organizations,
            decisions,
            links,
            indicators,
            story: Vec::new(),
            org_index,
            link_index,
        }
    }

    pub fn with_story(mut self, story: Vec<StoryStep>) -> Model {
        self.story = story;
        self
    }

    pub fn org_by_id(&self, id: &str) -> Option<OrgIx> {
        self.org_index.get(id).copied()
    }

    pub fn link_by_id(&self, id: &str) -> Option<LinkIx> {
        self.link_index.get(id).copied()
    }

    /// The decision that grounds a link.
    pub fn decision_of(&self, link: LinkIx) -> &Decision {
        &self.decisions[self.links[link].decision]
    }

    /// Organisations whose parent is `org`, in export order.
    pub fn children(&self, org: OrgIx) -> impl Iterator<Item = OrgIx> + '_ {
        self.organizations.iter().enumerate().filter(move |(_, o)| o.parent == Some(org)).map(|(i, _)| i)
    }

    /// Links that involve `org` as `from`, `to` or one of the `parties`.
    pub fn links_of(&self, org: OrgIx) -> impl Iterator<Item = LinkIx> + '_ {
        self.links.iter().enumerate().filter(move |(_, l)| l.involves(org)).map(|(i, _)| i)
    }

    /// The greatest amount of any single link, used to scale line widths.
    pub fn max_amount(&self) -> Cents {
        self.links.iter().filter_map(|l| l.amount).max().unwrap_or(Cents(0))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub short_name: Option<String>,
    /// Article and gender, for sentences (`grammar.rs`).
    pub grammar: super::grammar::Grammar,
    pub kind: OrgKind,
    pub former_names: Vec<FormerName>,
    pub parent: Option<OrgIx>,
    pub description: Option<String>,
    pub website: Option<String>,
    pub identifiers: Identifiers,
}

/// An organisation's numbers in the French registers, each checked (`is_siren`, `is_siret`, `is_rna`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identifiers {
    pub siren: Option<String>,
    pub siret: Vec<String>,
    pub rna: Option<String>,
}

impl Identifiers {
    pub fn is_empty(&self) -> bool {
        self.siren.is_none() && self.siret.is_empty() && self.rna.is_none()
    }
}

/// A SIREN: 9 digits whose Luhn key is right.
pub fn is_siren(text: &str) -> bool {
    text.len() == 9 && text.bytes().all(|b| b.is_ascii_digit()) && luhn_sum(text).is_multiple_of(10)
}

/// A SIRET: 14 digits whose Luhn key is right — or, for La Poste's establishments (SIREN
/// 356000000), whose digits add up to a multiple of 5, as INSEE numbers them.
pub fn is_siret(text: &str) -> bool {
    if text.len() != 14 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if text.starts_with("356000000") {
        text.bytes().map(|b| u32::from(b - b'0')).sum::<u32>().is_multiple_of(5)
    } else {
        luhn_sum(text).is_multiple_of(10)
    }
}

/// An RNA number: `W` then nine digits or capitals (`W133012345`, `W2A1001234`).
pub fn is_rna(text: &str) -> bool {
    text.len() == 10
        && text.starts_with('W')
        && text.bytes().skip(1).all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
}

/// The Luhn sum of a string of ASCII digits: every second digit from the right doubled.
fn luhn_sum(digits: &str) -> u32 {
    digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            match (i % 2 == 1, d * 2) {
                (false, _) => d,
                (true, twice) if twice > 9 => twice - 9,
                (true, twice) => twice,
            }
        })
        .sum()
}

impl Organization {
    /// The short name when there is one: what the graph writes beside the node.
    pub fn label(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormerName {
    pub name: String,
    pub from: Option<IsoDate>,
    pub until: Option<IsoDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub id: String,
    pub reference: Option<String>,
    pub instance: String,
    pub date: IsoDate,
    pub signed: Option<IsoDate>,
    pub title: String,
    pub rapporteur: Option<String>,
    pub signatory: Option<String>,
    pub members_present: Option<u32>,
    pub document: String,
    pub url: Option<String>,
    pub quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub id: String,
    pub kind: LinkKind,
    pub from: OrgIx,
    pub to: OrgIx,
    /// Every party, `from` and `to` first; just those two for a bilateral link.
    pub parties: Vec<OrgIx>,
    pub decision: DecisionIx,
    pub mentioned_only: bool,
    pub title: Option<String>,
    pub convention: Option<String>,
    pub amount: Option<Cents>,
    pub year: Option<i32>,
    pub start: Option<IsoDate>,
    pub end: Option<IsoDate>,
    pub budget: Option<String>,
    pub purpose: Option<String>,
    pub quote: Option<String>,
    /// Other records of the same act; the link is counted once whatever their number.
    pub sources: Vec<LinkSource>,
}

/// One more record of a link's act, beside its decision's own source.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkSource {
    pub document: String,
    /// The decision this document records, when it is not the link's own.
    pub decision: Option<DecisionIx>,
    pub url: Option<String>,
    pub quote: Option<String>,
}

impl Link {
    pub fn involves(&self, org: OrgIx) -> bool {
        self.from == org || self.to == org || self.parties.contains(&org)
    }

    /// The party across the link from `org` (for a multi-party link, `to` unless `org` is `to`).
    pub fn other_party(&self, org: OrgIx) -> OrgIx {
        if self.from == org {
            self.to
        } else {
            self.from
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub label: String,
    pub value: u64,
    pub unit: String,
    pub year: i32,
    pub organization: Option<OrgIx>,
    pub decision: DecisionIx,
    pub quote: Option<String>,
}

/// A step of the presentation: what to say, and what to highlight while saying it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryStep {
    pub title: String,
    pub text: String,
    pub organizations: Vec<OrgIx>,
    pub links: Vec<LinkIx>,
    pub zoom: bool,
}

impl StoryStep {
    /// Every organisation the step highlights: its own and both ends of its links.
    pub fn highlighted(&self, model: &Model) -> Vec<OrgIx> {
        let mut orgs = self.organizations.clone();
        for l in &self.links {
            orgs.extend([model.links[*l].from, model.links[*l].to]);
        }
        super::order::sort_ascending(&mut orgs);
        orgs.dedup();
        orgs
    }
}

/// An amount in euro cents: money is never a binary float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Cents(pub u64);

impl Cents {
    /// The largest amount a link may carry: 100 billion euros. An export holds at most about a
    /// million links (64 MB), so any sum of its amounts fits in a `u64`: no total is ever wrong.
    pub const MAX: Cents = Cents(10_000_000_000_000);

    /// Parses a decimal string of euros: `"14205"`, `"14205.5"`, `"14205.50"`. At most two
    /// decimals, at most `Cents::MAX`.
    pub fn parse_euros(text: &str) -> Result<Cents, AmountError> {
        let text = text.trim();
        if text.starts_with('-') {
            return Err(AmountError::Negative);
        }
        let (units, decimals) = match text.split_once('.') {
            Some((u, d)) => (u, d),
            None => (text, ""),
        };
        let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits_only(units) || (text.contains('.') && !digits_only(decimals)) {
            return Err(AmountError::NotDecimal);
        }
        if decimals.len() > 2 {
            return Err(AmountError::TooPrecise);
        }
        let euros: u64 = units.parse().map_err(|_| AmountError::TooLarge)?;
        let cents: u64 = format!("{decimals:0<2}").parse().unwrap_or(0);
        let total = euros.checked_mul(100).and_then(|c| c.checked_add(cents));
        total.filter(|c| *c <= Cents::MAX.0).map(Cents).ok_or(AmountError::TooLarge)
    }

    pub fn euros(self) -> u64 {
        self.0 / 100
    }

    pub fn cents_part(self) -> u64 {
        self.0 % 100
    }

    /// The machine form used in CSV and the format: `14205.00`.
    pub fn to_decimal_string(self) -> String {
        format!("{}.{:02}", self.euros(), self.cents_part())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    Negative,
    NotDecimal,
    TooPrecise,
    TooLarge,
}

/// An ISO 8601 calendar date, possibly of reduced precision (`2024`, `2024-06`, `2024-06-11`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl IsoDate {
    pub fn parse(text: &str) -> Option<IsoDate> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let year = digits(0..4)? as i32;
        let date = match bytes.len() {
            4 => IsoDate { year, month: None, day: None },
            7 if bytes[4] == b'-' => IsoDate { year, month: Some(digits(5..7)? as u8), day: None },
            10 if bytes[4] == b'-' && bytes[7] == b'-' => {
                IsoDate { year, month: Some(digits(5..7)? as u8), day: Some(digits(8..10)? as u8) }
            }
            _ => return None,
        };
        let month_ok = date.month.is_none_or(|m| (1..=12).contains(&m));
        let day_ok = match (date.month, date.day) {
            (Some(m), Some(d)) => d >= 1 && d <= days_in_month(year, m),
            _ => true,
        };
        (month_ok && day_ok).then_some(date)
    }

    /// The first day this date can mean (`2024` → 1 January 2024), for ordering periods.
    pub fn first_day(self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date can mean (`2027` → 31 December 2027).
    pub fn last_day(self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        (self.year, month, self.day.unwrap_or_else(|| days_in_month(self.year, month)))
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Declares a closed vocabulary: its wire keys, its French labels and its English labels.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $key:literal, $fr:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn from_key(key: &str) -> Option<$name> {
                match key { $($key => Some($name::$variant),)* _ => None }
            }

            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),* }
            }

            pub fn label_fr(self) -> &'static str {
                match self { $($name::$variant => $fr),* }
            }

            pub fn label_en(self) -> &'static str {
                match self { $($name::$variant => $en),* }
            }

            /// The wire keys, comma separated, for error messages.
            pub fn keys() -> String {
                [$($key),*].join(", ")
            }
        }

        impl Vocabulary for $name {
            const ALL: &'static [$name] = $name::ALL;

            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

/// A closed vocabulary whose words are numbered in declaration order (at most 32 of them).
pub trait Vocabulary: Copy + 'static {
    const ALL: &'static [Self];
    fn index(self) -> usize;
}

/// A set of words of one vocabulary (kinds of link, kinds of organisation), one bit each,
/// iterated in vocabulary order. It replaces a `BTreeSet`, whose code weighed several kilobytes
/// of the browser build for sets of at most ten elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KindSet<K> {
    bits: u32,
    words: std::marker::PhantomData<K>,
}

impl<K: Vocabulary> Default for KindSet<K> {
    fn default() -> Self {
        KindSet { bits: 0, words: std::marker::PhantomData }
    }
}

impl<K: Vocabulary> KindSet<K> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }

    pub fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    pub fn contains(&self, kind: K) -> bool {
        self.bits & (1 << kind.index()) != 0
    }

    pub fn insert(&mut self, kind: K) {
        self.bits |= 1 << kind.index();
    }

    /// The same set with `kind` added if it was missing, removed if it was there.
    pub fn toggled(self, kind: K) -> Self {
        KindSet { bits: self.bits ^ (1 << kind.index()), words: std::marker::PhantomData }
    }

    /// The words of the set, in vocabulary order.
    pub fn iter(&self) -> impl Iterator<Item = &'static K> + '_ {
        K::ALL.iter().filter(|k| self.contains(**k))
    }
}

impl<K: Vocabulary> FromIterator<K> for KindSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(items: I) -> Self {
        let mut set = KindSet::new();
        items.into_iter().for_each(|k| set.insert(k));
        set
    }
}

impl<K: Vocabulary, const N: usize> From<[K; N]> for KindSet<K> {
    fn from(items: [K; N]) -> Self {
        items.into_iter().collect()
    }
}

vocabulary! {
    /// What kind of body an organisation is.
    OrgKind {
        LocalAuthority = "local-authority", "collectivité", "local authority";
        PublicOperator = "public-operator", "opérateur public", "public operator";
        Association = "association", "association", "association";
        Chamber = "chamber", "chambre consulaire", "chamber of commerce";
        PublicBody = "public-body", "établissement public", "public body";
        State = "state", "service de l'État", "State service";
        Programme = "programme", "dispositif", "programme";
        Network = "network", "réseau", "network";
        Company = "company", "entreprise", "company";
        Other = "other", "autre", "other";
    }
}

vocabulary! {
    /// What a link between organisations is.
    LinkKind {
        Partnership = "partnership", "convention de partenariat", "partnership agreement";
        Subsidy = "subsidy", "subvention", "subsidy";
        Membership = "membership", "adhésion / cotisation", "membership / fee";
        CoFunding = "co-funding", "co-financement", "co-funding";
        Mandate = "mandate", "mandat", "mandate";
        DataSharing = "data-sharing", "échange de données", "data sharing";
        Pact = "pact", "pacte", "pact";
        Other = "other", "autre lien", "other link";
    }
}
