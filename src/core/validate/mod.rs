//! Export text → checked `Model`, or every problem found, each with where it is and a French message.
//!
//! The text is parsed once into a JSON value (syntax errors carry line and column), then each
//! element is read on its own so that one broken organisation does not hide the next one, and
//! finally references, dates and amounts are checked. Nothing stops at the first problem.
//! `read` turns JSON into the wire types of `format`; `checks` turns those into the `model`.

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

mod checks;
mod read;

use super::format::SCHEMA_V1;
use super::i18n::{fill, Lang, ValidationTexts};
use super::model::{Decision, Indicator, Link, Model, Organization, StoryStep};

use self::checks::{
    check_decision, check_indicator, check_link, check_org, check_parent_cycles, check_story_step, Refs,
};
use self::read::{read_decision, read_indicator, read_link, read_organization, read_story_step, Fields};

/// Exports larger than this are refused before parsing, so that a huge file cannot freeze a tab.
pub const MAX_EXPORT_BYTES: usize = 64 * 1024 * 1024;

/// Past this many problems the list stops growing; the count says how many more there were.
pub const MAX_REPORTED_PROBLEMS: usize = 200;

/// One thing wrong with an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where, as a JSON path (`$.links[2].from`); `$` for the whole file.
    pub path: String,
    /// Line and column in the text, for syntax errors.
    pub position: Option<(usize, usize)>,
    /// What is wrong, in French.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "ligne {line}, colonne {column} : {}", self.message),
            None => write!(f, "{} : {}", self.path, self.message),
        }
    }
}

/// Every problem of a refused export; `omitted` counts those past `MAX_REPORTED_PROBLEMS`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems {
    pub list: Vec<Problem>,
    pub omitted: usize,
}

/// Reads an export, with messages in French. `Ok` only when no problem at all was found.
pub fn validate(text: &str) -> Result<Model, Problems> {
    validate_in(text, Lang::Fr)
}

/// Reads an export, with messages in the given language.
pub fn validate_in(text: &str, lang: Lang) -> Result<Model, Problems> {
    check_in(parse_in(text, lang)?, lang)
}

/// An export parsed as JSON and not yet checked: a browser parses a large file in one task and
/// checks it in the next, so that neither holds the page for the two together.
pub struct Parsed(Value);

/// The first half of `validate_in`: size and JSON syntax.
pub fn parse_in(text: &str, lang: Lang) -> Result<Parsed, Problems> {
    let mut report = Report { list: Vec::new(), omitted: 0, v: lang.validation() };
    match parse(text, &mut report) {
        Some(root) if report.list.is_empty() => Ok(Parsed(root)),
        _ => Err(Problems { list: report.list, omitted: report.omitted }),
    }
}

/// The second half of `validate_in`: everything the export means.
pub fn check_in(parsed: Parsed, lang: Lang) -> Result<Model, Problems> {
    let mut report = Report { list: Vec::new(), omitted: 0, v: lang.validation() };
    match check(parsed.0, &mut report) {
        Some(model) if report.list.is_empty() => Ok(model),
        _ => Err(Problems { list: report.list, omitted: report.omitted }),
    }
}

struct Report {
    list: Vec<Problem>,
    omitted: usize,
    v: &'static ValidationTexts,
}

impl Report {
    /// The language's name of a JSON value's type, for messages ("une liste", "a list").
    fn type_of(&self, value: &Value) -> &'static str {
        match value {
            Value::Null => self.v.t_null,
            Value::Bool(_) => self.v.t_bool,
            Value::Number(_) => self.v.t_number,
            Value::String(_) => self.v.t_string,
            Value::Array(_) => self.v.t_list,
            Value::Object(_) => self.v.t_object,
        }
    }

    fn at(&mut self, path: impl Into<String>, message: impl Into<String>) {
        if self.list.len() < MAX_REPORTED_PROBLEMS {
            self.list.push(Problem { path: path.into(), position: None, message: message.into() });
        } else {
            self.omitted += 1;
        }
    }
}

fn parse(text: &str, report: &mut Report) -> Option<Value> {
    if text.len() > MAX_EXPORT_BYTES {
        let mb = |b: usize| (b / (1024 * 1024)).to_string();
        let message = fill(report.v.too_large, &[("size", &mb(text.len())), ("max", &mb(MAX_EXPORT_BYTES))]);
        report.at("$", message);
        return None;
    }
    // A byte order mark, as Windows editors write one before UTF-8 (RFC 8259 lets a reader skip it).
    match serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        Ok(v) => Some(v),
        Err(e) => {
            report.list.push(Problem {
                path: "$".into(),
                position: Some((e.line(), e.column())),
                message: fill(report.v.json_invalid, &[("why", &syntax_message(&e, report.v))]),
            });
            None
        }
    }
}

fn check(root: Value, report: &mut Report) -> Option<Model> {
    let Value::Object(root) = root else {
        let message = fill(report.v.root_not_object, &[("type", report.type_of(&root))]);
        report.at("$", message);
        return None;
    };
    match root.get("schema") {
        Some(Value::String(s)) if s == SCHEMA_V1 => {}
        Some(Value::String(s)) => {
            let message = fill(report.v.unknown_schema, &[("found", s), ("expected", SCHEMA_V1)]);
            report.at("$.schema", message);
            return None;
        }
        Some(other) => {
            let message = fill(report.v.schema_type, &[("expected", SCHEMA_V1), ("type", report.type_of(other))]);
            report.at("$.schema", message);
            return None;
        }
        None => {
            let message = fill(report.v.missing_field, &[("field", &format!("schema (\"{SCHEMA_V1}\")"))]);
            report.at("$", message);
            return None;
        }
    }
    let title = match root.get("title") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => {
            report.at("$.title", report.v.empty);
            String::new()
        }
        Some(other) => {
            let message = fill(report.v.must_be_string, &[("type", report.type_of(other))]);
            report.at("$.title", message);
            String::new()
        }
        None => {
            let message = fill(report.v.missing_field, &[("field", "title")]);
            report.at("$", message);
            String::new()
        }
    };
    let description = root.get("description").and_then(Value::as_str).map(str::to_owned);

    let orgs = read_array(&root, "organizations", true, report, read_organization);
    let decisions = read_array(&root, "decisions", true, report, read_decision);
    let links = read_array(&root, "links", true, report, read_link);
    let indicators = read_array(&root, "indicators", false, report, read_indicator);
    let story = read_array(&root, "story", false, report, read_story_step);

    // Ids come from the raw JSON, so that an element broken elsewhere still exists for the
    // references to it: one mistake is reported once, not again at every link naming it.
    let org_ids = index_ids("organizations", raw_ids(&root, "organizations"), report);
    let decision_ids = index_ids("decisions", raw_ids(&root, "decisions"), report);
    index_ids("links", raw_ids(&root, "links"), report);
    index_ids("indicators", raw_ids(&root, "indicators"), report);

    let link_ids: HashMap<String, usize> =
        raw_ids(&root, "links").enumerate().filter_map(|(i, id)| id.map(|id| (id.to_owned(), i))).collect();
    let refs = Refs { orgs: &org_ids, decisions: &decision_ids };
    let organizations: Vec<Option<Organization>> = orgs
        .iter()
        .enumerate()
        .map(|(i, o)| o.as_ref().and_then(|o| check_org(o, &format!("$.organizations[{i}]"), &refs, report)))
        .collect();
    check_parent_cycles(&organizations, report);
    let decisions: Vec<Option<Decision>> = decisions
        .iter()
        .enumerate()
        .map(|(i, d)| d.as_ref().and_then(|d| check_decision(d, &format!("$.decisions[{i}]"), report)))
        .collect();
    let links: Vec<Option<Link>> = links
        .iter()
        .enumerate()
        .map(|(i, l)| l.as_ref().and_then(|l| check_link(l, &format!("$.links[{i}]"), &refs, report)))
        .collect();
    let indicators: Vec<Option<Indicator>> = indicators
        .iter()
        .enumerate()
        .map(|(i, x)| x.as_ref().and_then(|x| check_indicator(x, &format!("$.indicators[{i}]"), &refs, report)))
        .collect();

    let story: Vec<Option<StoryStep>> = story
        .iter()
        .enumerate()
        .map(|(i, st)| {
            st.as_ref().and_then(|st| check_story_step(st, &format!("$.story[{i}]"), &refs, &link_ids, report))
        })
        .collect();

    // Any element lost above has already been reported; a model is only built from a clean file.
    let organizations = organizations.into_iter().collect::<Option<Vec<_>>>()?;
    let decisions = decisions.into_iter().collect::<Option<Vec<_>>>()?;
    let links = links.into_iter().collect::<Option<Vec<_>>>()?;
    let indicators = indicators.into_iter().collect::<Option<Vec<_>>>()?;
    let story = story.into_iter().collect::<Option<Vec<_>>>()?;
    Some(Model::new(title, description, organizations, decisions, links, indicators).with_story(story))
}

/// Reads each element of a top-level array on its own, reporting each broken one with its path.
fn read_array<T>(
    root: &Map<String, Value>,
    key: &str,
    required: bool,
    report: &mut Report,
    read: fn(&mut Fields) -> T,
) -> Vec<Option<T>> {
    let items = match root.get(key) {
        Some(Value::Array(items)) => items,
        Some(other) => {
            let message = fill(report.v.must_be_list, &[("type", report.type_of(other))]);
            report.at(format!("$.{key}"), message);
            return Vec::new();
        }
        None => {
            if required {
                let message = fill(report.v.missing_field, &[("field", key)]);
                report.at("$", message);
            }
            return Vec::new();
        }
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let path = format!("$.{key}[{i}]");
            let Value::Object(object) = item else {
                let message = fill(report.v.must_be_object, &[("type", report.type_of(item))]);
                report.at(path, message);
                return None;
            };
            let mut fields = Fields { object, path, report: &mut *report, ok: true };
            let value = read(&mut fields);
            fields.ok.then_some(value)
        })
        .collect()
}

/// The `id` string of each element of a top-level array (`None` where there is none).
fn raw_ids<'a>(root: &'a Map<String, Value>, key: &str) -> impl Iterator<Item = Option<&'a str>> {
    root.get(key).and_then(Value::as_array).into_iter().flatten().map(|item| item.get("id").and_then(Value::as_str))
}

/// Maps each id to its position, reporting empty and duplicate ids.
fn index_ids<'a>(
    collection: &str,
    ids: impl Iterator<Item = Option<&'a str>>,
    report: &mut Report,
) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (i, id) in ids.enumerate() {
        let Some(id) = id else { continue };
        let path = format!("$.{collection}[{i}].id");
        if id.trim().is_empty() || id.chars().any(char::is_whitespace) {
            let message = fill(report.v.invalid_id, &[("id", id)]);
            report.at(path, message);
        } else if let Some(first) = index.get(id) {
            let message = fill(report.v.duplicate_id, &[("id", id), ("path", &format!("$.{collection}[{first}]"))]);
            report.at(path, message);
        } else {
            index.insert(id.to_owned(), i);
        }
    }
    index
}

/// The beginnings of serde_json's syntax messages, in the order of `ValidationTexts::syntax`'s
/// lines.
const SYNTAX_KEYS: [&str; 18] = [
    "EOF while parsing",
    "expected value",
    "expected `,` or `]`",
    "expected `,` or `}`",
    "expected `:`",
    "key must be a string",
    "trailing comma",
    "trailing characters",
    "control character",
    "invalid escape",
    "invalid unicode code point",
    "unexpected end of hex escape",
    "lone leading surrogate in hex escape",
    "expected `\"`",
    "recursion limit exceeded",
    "invalid number",
    "number out of range",
    "expected ident",
];

/// serde_json's syntax messages, in the report's language. The position is reported apart.
fn syntax_message(e: &serde_json::Error, v: &ValidationTexts) -> String {
    let text = e.to_string();
    // serde_json writes "<what> at line L column C"; the position is said separately.
    let position = format!(" at line {} column {}", e.line(), e.column());
    let text = text.strip_suffix(position.as_str()).unwrap_or(&text);
    SYNTAX_KEYS
        .iter()
        .zip(v.syntax.split('\n'))
        .find(|(en, _)| text.starts_with(**en))
        .map(|(_, said)| said.to_string())
        .unwrap_or_else(|| fill(v.syntax_other, &[("text", text)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written readers read an export exactly as the wire types' `Deserialize` impls
    /// (which the command-line tool uses) do: the default dataset, and the fields it lacks.
    #[test]
    fn hand_readers_agree_with_serde() {
        let every_other_field = r#"{
            "organizations": [{"id": "a", "name": "A", "kind": "other", "former_names": [{"name": "B", "from": "2020"}],
                "identifiers": {"siren": "200054807", "siret": ["20005480700017"], "rna": "W133012345"}},
                {"id": "b", "name": "B", "kind": "other", "identifiers": {}}],
            "decisions": [{"id": "d", "instance": "I", "date": "2024", "title": "T", "rapporteur": "R",
                "source": {"document": "s", "url": "https://example.org/d"}}],
            "links": [{"id": "l", "kind": "pact", "from": "a", "to": "b", "decision": "d", "basis": "mentioned",
                "amount_cents": 5, "amount": null,
                "sources": [{"document": "x.csv"}, {"document": "y", "decision": "d", "url": "https://e.org", "quote": "q"}]}],
            "indicators": [],
            "story": [{"title": "T", "text": "x"}]
        }"#;
        for text in [include_str!("../../../tests/fixtures/frozen-export.json"), every_other_field] {
            let root: Map<String, Value> = serde_json::from_str(text).expect("test data is JSON");
            let mut report = Report { list: Vec::new(), omitted: 0, v: Lang::Fr.validation() };
            agree(&root, "organizations", read_organization, &mut report);
            agree(&root, "decisions", read_decision, &mut report);
            agree(&root, "links", read_link, &mut report);
            agree(&root, "indicators", read_indicator, &mut report);
            agree(&root, "story", read_story_step, &mut report);
            assert!(report.list.is_empty(), "{:?}", report.list);
        }
    }

    fn agree<T>(root: &Map<String, Value>, key: &str, read: fn(&mut Fields) -> T, report: &mut Report)
    where
        T: serde::de::DeserializeOwned + fmt::Debug,
    {
        let by_hand = read_array(root, key, true, report, read);
        let items = root[key].as_array().expect("an array");
        let by_serde: Vec<Option<T>> = items.iter().map(|item| serde_json::from_value(item.clone()).ok()).collect();
        assert_eq!(format!("{by_hand:?}"), format!("{by_serde:?}"));
    }
}
