//! The export format v1 as it stands on the wire: the only types that derive `Deserialize`.
//!
//! These structs mirror `docs/FORMAT.md` and `assets/carte-partenariats.schema.json` one to one.
//! They accept what JSON can say; `validate/` checks meaning (ids, dates, amounts, kinds) and
//! converts them once into the checked types of `model.rs`.
//!
//! `validate/read.rs` fills them from the parsed JSON value by hand, field by field, which costs the
//! browser build far less than serde's derived visitors; the derives serve the command-line tool,
//! and a test checks that both read an export alike.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The only schema version this build reads.
pub const SCHEMA_V1: &str = "carte-partenariats/1";

/// A whole export. The validator reads it piece by piece (to report every broken element);
/// this struct is what tools write.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Export {
    pub schema: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub organizations: Vec<Organization>,
    pub decisions: Vec<Decision>,
    pub links: Vec<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub story: Vec<StoryStep>,
}

/// An empty export of this version, for tools that build one up.
impl Default for Export {
    fn default() -> Export {
        Export {
            schema: SCHEMA_V1.to_string(),
            title: String::new(),
            description: None,
            organizations: Vec::new(),
            decisions: Vec::new(),
            links: Vec::new(),
            indicators: Vec::new(),
            story: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// The article the name takes in a French sentence: `le`, `la`, `l'`, `les` or `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// `masculine` or `feminine`: the agreement of « est subventionnée par ».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// One of the keys of `model::OrgKind`.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_names: Vec<FormerName>,
    /// The organisation this one belongs to (an agency under its operator, a programme under its host).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Official identifiers (SIREN, SIRET, RNA), by which tools recognise it however it is spelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifiers: Option<Identifiers>,
}

impl Organization {
    /// An organisation with its id, name and kind only (the generators' and the readers' start).
    pub fn new(id: String, name: String, kind: &str) -> Organization {
        Organization {
            id,
            name,
            short_name: None,
            article: None,
            gender: None,
            kind: kind.to_string(),
            former_names: Vec::new(),
            parent: None,
            description: None,
            website: None,
            identifiers: None,
        }
    }
}

/// An organisation's numbers in the French registers; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifiers {
    /// SIREN: the legal entity, 9 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siren: Option<String>,
    /// SIRET: establishments of that entity, 14 digits each (the first nine are the SIREN).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub siret: Vec<String>,
    /// RNA: the register of associations, `W` and nine digits or capitals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rna: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FormerName {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last day the name was in use (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Decision {
    pub id: String,
    /// The register's reference, such as `CHL-059-15101/23/BM`; absent for acts known only from a mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub instance: String,
    /// Date of the séance (or of the act), ISO 8601: `2023-12-07`, or `2024-06` when only the month is known.
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rapporteur: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signatory: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members_present: Option<u32>,
    pub source: Source,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Source {
    /// File name or title of the document the decision is read from.
    pub document: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A passage copied word for word from the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Link {
    pub id: String,
    /// One of the keys of `model::LinkKind`.
    pub kind: String,
    /// For money, the payer; otherwise the first party.
    pub from: String,
    /// For money, the beneficiary; otherwise the second party.
    pub to: String,
    /// Every party of an agreement of more than two, `from` and `to` included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    pub decision: String,
    /// `decided` (default): the decision decided this link; `mentioned`: the decision only mentions it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A convention number such as `MET 21/18706/BM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub convention: Option<String>,
    /// Euros as a decimal string (`"14205"`, `"14205.50"`). Kept as a raw value so that a
    /// number here gets a precise message instead of a generic type error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Value>,
    /// The same amount as integer cents; give one of `amount` and `amount_cents`, not both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_cents: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Budget imputation, e.g. `chapitre 65, nature 65748`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// A passage of the decision's source document about this very link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Other records of the same act (a second deliberation, an open-data file): the act is one
    /// link, counted once, whatever the number of documents that record it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<LinkSource>,
}

/// One more record of a link's act, beside its decision's own source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkSource {
    /// File name or title of the document.
    pub document: String,
    /// The decision this document records, when it is not the link's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A passage of the document about this act.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// A figure the sources give (insertion hours, staff), tied to the decision that states it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Indicator {
    pub id: String,
    pub label: String,
    pub value: u64,
    pub unit: String,
    pub year: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    pub decision: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// One step of the presentation told over the graph (presentation mode).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoryStep {
    pub title: String,
    pub text: String,
    /// Organisations to highlight.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organizations: Vec<String>,
    /// Links to highlight (their two ends are highlighted too).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// Frame the highlighted organisations (`true`) or keep the whole network in view.
    #[serde(default)]
    pub zoom: bool,
}
