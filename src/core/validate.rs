//! Export text → checked `Model`, or every problem found, each with where it is and a French message.
//!
//! The text is parsed once into a JSON value (syntax errors carry line and column), then each
//! element is read on its own so that one broken organisation does not hide the next one, and
//! finally references, dates and amounts are checked. Nothing stops at the first problem.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde_json::{Map, Number, Value};

use super::format::{self, SCHEMA_V1};
use super::grammar::{Article, Gender, Grammar};
use super::i18n::{fill, Lang, ValidationTexts};
use super::model::{
    Cents, Decision, FormerName, Indicator, IsoDate, Link, LinkKind, Model, OrgIx, OrgKind, Organization, StoryStep,
};

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
    let mut report = Report { list: Vec::new(), omitted: 0, v: &lang.texts().v };
    match parse(text, &mut report) {
        Some(root) if report.list.is_empty() => Ok(Parsed(root)),
        _ => Err(Problems { list: report.list, omitted: report.omitted }),
    }
}

/// The second half of `validate_in`: everything the export means.
pub fn check_in(parsed: Parsed, lang: Lang) -> Result<Model, Problems> {
    let mut report = Report { list: Vec::new(), omitted: 0, v: &lang.texts().v };
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
    match serde_json::from_str(text) {
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

// The wire types are read from the JSON value by hand rather than through their `Deserialize`
// impls: serde's derived visitors (and the path tracking around them) weighed some 40 KB of the
// browser build, and reading by hand reports every wrong field of an element, not only the first.
// The `Deserialize` impls stay for the command-line tool; `tests/validate.rs` checks that both
// read the same export alike.

fn read_organization(f: &mut Fields) -> format::Organization {
    format::Organization {
        id: f.string("id"),
        name: f.string("name"),
        short_name: f.optional_string("short_name"),
        article: f.optional_string("article"),
        gender: f.optional_string("gender"),
        kind: f.string("kind"),
        former_names: f.objects("former_names", |f| format::FormerName {
            name: f.string("name"),
            from: f.optional_string("from"),
            until: f.optional_string("until"),
        }),
        parent: f.optional_string("parent"),
        description: f.optional_string("description"),
        website: f.optional_string("website"),
    }
}

fn read_decision(f: &mut Fields) -> format::Decision {
    format::Decision {
        id: f.string("id"),
        reference: f.optional_string("reference"),
        instance: f.string("instance"),
        date: f.string("date"),
        signed: f.optional_string("signed"),
        title: f.string("title"),
        rapporteur: f.optional_string("rapporteur"),
        signatory: f.optional_string("signatory"),
        members_present: f.optional_integer("members_present", 0, u32::MAX.into()).map(|n| n as u32),
        source: f.object("source", |f| format::Source {
            document: f.string("document"),
            url: f.optional_string("url"),
            quote: f.optional_string("quote"),
        }),
    }
}

fn read_link(f: &mut Fields) -> format::Link {
    format::Link {
        id: f.string("id"),
        kind: f.string("kind"),
        from: f.string("from"),
        to: f.string("to"),
        parties: f.strings("parties"),
        decision: f.string("decision"),
        basis: f.optional_string("basis"),
        title: f.optional_string("title"),
        convention: f.optional_string("convention"),
        amount: f.optional("amount").cloned(),
        amount_cents: f.optional_integer("amount_cents", i64::MIN, i64::MAX),
        year: f.optional_integer("year", i32::MIN.into(), i32::MAX.into()).map(|y| y as i32),
        start: f.optional_string("start"),
        end: f.optional_string("end"),
        budget: f.optional_string("budget"),
        purpose: f.optional_string("purpose"),
        quote: f.optional_string("quote"),
    }
}

fn read_indicator(f: &mut Fields) -> format::Indicator {
    format::Indicator {
        id: f.string("id"),
        label: f.string("label"),
        value: f.integer("value", 0, i64::MAX) as u64,
        unit: f.string("unit"),
        year: f.integer("year", i32::MIN.into(), i32::MAX.into()) as i32,
        organization: f.optional_string("organization"),
        decision: f.string("decision"),
        quote: f.optional_string("quote"),
    }
}

fn read_story_step(f: &mut Fields) -> format::StoryStep {
    format::StoryStep {
        title: f.string("title"),
        text: f.string("text"),
        organizations: f.strings("organizations"),
        links: f.strings("links"),
        zoom: f.flag("zoom"),
    }
}

/// The fields of one JSON object being read into a wire type. Each missing or mistyped field is
/// reported at its path and clears `ok`; the reader still returns a value (with an empty or
/// default field), which the caller drops unless `ok`.
struct Fields<'v, 'r> {
    object: &'v Map<String, Value>,
    /// The object's own JSON path, `$.links[2]`.
    path: String,
    report: &'r mut Report,
    ok: bool,
}

impl<'v> Fields<'v, '_> {
    /// A field that must be there.
    fn required(&mut self, key: &str) -> Option<&'v Value> {
        let value = self.object.get(key);
        if value.is_none() {
            let message = fill(self.report.v.missing_field, &[("field", key)]);
            self.report.at(self.path.clone(), message);
            self.ok = false;
        }
        value
    }

    /// A field that may be absent or null.
    fn optional(&self, key: &str) -> Option<&'v Value> {
        self.object.get(key).filter(|v| !v.is_null())
    }

    fn string(&mut self, key: &str) -> String {
        self.required(key).and_then(|v| self.as_string(key, v)).unwrap_or_default()
    }

    fn optional_string(&mut self, key: &str) -> Option<String> {
        self.optional(key).and_then(|v| self.as_string(key, v))
    }

    /// A list of strings that may be absent (empty then).
    fn strings(&mut self, key: &str) -> Vec<String> {
        let items = self.object.get(key).map_or(&[][..], |v| self.as_list(key, v));
        items.iter().enumerate().filter_map(|(i, item)| self.as_string(&format!("{key}[{i}]"), item)).collect()
    }

    fn integer(&mut self, key: &str, min: i64, max: i64) -> i64 {
        self.required(key).and_then(|v| self.as_integer(key, v, min, max)).unwrap_or_default()
    }

    fn optional_integer(&mut self, key: &str, min: i64, max: i64) -> Option<i64> {
        self.optional(key).and_then(|v| self.as_integer(key, v, min, max))
    }

    /// A boolean that may be absent (false then).
    fn flag(&mut self, key: &str) -> bool {
        match self.object.get(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.wrong(self.report.v.wrong_type, key, other, self.report.v.t_bool);
                false
            }
        }
    }

    /// A nested object that must be there, read by `read`.
    fn object<T: Default>(&mut self, key: &str, read: fn(&mut Fields) -> T) -> T {
        match self.required(key) {
            Some(value) => self.nested(key, value, read),
            None => T::default(),
        }
    }

    /// A list of nested objects that may be absent (empty then), each read by `read`.
    fn objects<T: Default>(&mut self, key: &str, read: fn(&mut Fields) -> T) -> Vec<T> {
        let items = self.object.get(key).map_or(&[][..], |v| self.as_list(key, v));
        items.iter().enumerate().map(|(i, item)| self.nested(&format!("{key}[{i}]"), item, read)).collect()
    }

    fn nested<T: Default>(&mut self, at: &str, value: &'v Value, read: fn(&mut Fields) -> T) -> T {
        let Value::Object(object) = value else {
            self.wrong(self.report.v.wrong_type, at, value, self.report.v.t_object);
            return T::default();
        };
        let mut inner = Fields { object, path: format!("{}.{at}", self.path), report: &mut *self.report, ok: true };
        let read = read(&mut inner);
        self.ok &= inner.ok;
        read
    }

    fn as_string(&mut self, at: &str, value: &Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong(self.report.v.wrong_type, at, other, self.report.v.t_string);
                None
            }
        }
    }

    fn as_list(&mut self, at: &str, value: &'v Value) -> &'v [Value] {
        match value {
            Value::Array(items) => items,
            other => {
                self.wrong(self.report.v.wrong_type, at, other, self.report.v.t_list);
                &[]
            }
        }
    }

    /// A whole number within `min..=max`; a number out of range is a wrong value, anything
    /// else (a decimal number included) a wrong type.
    fn as_integer(&mut self, at: &str, value: &Value, min: i64, max: i64) -> Option<i64> {
        let v = self.report.v;
        let template = match value {
            Value::Number(n) => match n.as_i64() {
                Some(i) if (min..=max).contains(&i) => return Some(i),
                _ if n.is_f64() => v.wrong_type,
                _ => v.wrong_value,
            },
            _ => v.wrong_type,
        };
        self.wrong(template, at, value, v.t_integer);
        None
    }

    /// Reports a field at `path.at` holding the wrong kind of value.
    fn wrong(&mut self, template: &str, at: &str, found: &Value, expected: &str) {
        let v = self.report.v;
        let found = match found {
            Value::Bool(b) => format!("{} {b}", v.t_bool),
            Value::Number(n) if n.is_f64() => format!("{} {}", v.t_float, number_text(n)),
            Value::Number(n) => format!("{} {}", v.t_integer, number_text(n)),
            other => self.report.type_of(other).to_string(),
        };
        let message = fill(template, &[("found", &found), ("expected", expected)]);
        self.report.at(format!("{}.{at}", self.path), message);
        self.ok = false;
    }
}

/// A JSON number as written in messages. (Neither `Number`'s own `Display` nor `f64`'s: their
/// float printer would add its tables to the browser build for the sake of error messages.)
fn number_text(n: &Number) -> String {
    match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => i.to_string(),
        (None, Some(u)) => u.to_string(),
        _ => super::number::decimal(n.as_f64().unwrap_or_default(), 9),
    }
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

struct Refs<'a> {
    orgs: &'a HashMap<String, usize>,
    decisions: &'a HashMap<String, usize>,
}

impl Refs<'_> {
    fn org(&self, id: &str, path: String, report: &mut Report) -> Option<OrgIx> {
        let found = self.orgs.get(id).copied();
        if found.is_none() {
            let message = fill(report.v.unknown_org, &[("id", id)]);
            report.at(path, message);
        }
        found
    }

    fn decision(&self, id: &str, path: String, report: &mut Report) -> Option<usize> {
        let found = self.decisions.get(id).copied();
        if found.is_none() {
            let message = fill(report.v.unknown_decision, &[("id", id)]);
            report.at(path, message);
        }
        found
    }
}

fn check_org(o: &format::Organization, path: &str, refs: &Refs, report: &mut Report) -> Option<Organization> {
    let mut ok = true;
    let kind = OrgKind::from_key(&o.kind);
    if kind.is_none() {
        let message = fill(report.v.unknown_org_kind, &[("kind", &o.kind), ("keys", &OrgKind::keys())]);
        report.at(format!("{path}.kind"), message);
    }
    ok &= non_empty(&o.name, &format!("{path}.name"), report);
    ok &= check_url(o.website.as_deref(), &format!("{path}.website"), report);
    let parent = match &o.parent {
        Some(p) if *p == o.id => {
            report.at(format!("{path}.parent"), report.v.own_parent);
            ok = false;
            None
        }
        Some(p) => {
            let found = refs.org(p, format!("{path}.parent"), report);
            ok &= found.is_some();
            found
        }
        None => None,
    };
    let grammar = check_grammar(o, path, report);
    ok &= grammar.is_some();
    let mut former_names = Vec::new();
    for (i, f) in o.former_names.iter().enumerate() {
        let p = format!("{path}.former_names[{i}]");
        let from = optional_date(f.from.as_deref(), &format!("{p}.from"), report);
        let until = optional_date(f.until.as_deref(), &format!("{p}.until"), report);
        ok &= from.is_ok() && until.is_ok();
        former_names.push(FormerName { name: f.name.clone(), from: from.ok()?, until: until.ok()? });
    }
    (ok && kind.is_some()).then(|| Organization {
        id: o.id.clone(),
        name: o.name.clone(),
        short_name: o.short_name.clone().filter(|s| !s.trim().is_empty()),
        grammar: grammar.unwrap_or_default(),
        kind: kind.unwrap_or(OrgKind::Other),
        former_names,
        parent,
        description: o.description.clone(),
        website: o.website.clone(),
    })
}

/// An organisation's article and gender: known values, and agreeing (« la » is feminine). Without
/// a gender, the article's own (or masculine) is taken.
fn check_grammar(o: &format::Organization, path: &str, report: &mut Report) -> Option<Grammar> {
    let article = match o.article.as_deref() {
        None => Some(Article::None),
        Some(key) => Article::from_key(key).or_else(|| {
            let message = fill(report.v.unknown_value, &[("value", key), ("keys", Article::KEYS)]);
            report.at(format!("{path}.article"), message);
            None
        }),
    };
    let gender = match o.gender.as_deref() {
        None => Some(article.and_then(Article::gender).unwrap_or_default()),
        Some(key) => Gender::from_key(key).or_else(|| {
            let message = fill(report.v.unknown_value, &[("value", key), ("keys", Gender::KEYS)]);
            report.at(format!("{path}.gender"), message);
            None
        }),
    };
    let (article, gender) = (article?, gender?);
    if article.gender().is_some_and(|g| g != gender) {
        let values = [
            ("article", o.article.as_deref().unwrap_or_default()),
            ("gender", o.gender.as_deref().unwrap_or_default()),
        ];
        report.at(format!("{path}.gender"), fill(report.v.gender_mismatch, &values));
        return None;
    }
    Some(Grammar { article, gender })
}

/// Follows parents from each organisation; a walk that comes back to its start is a cycle.
fn check_parent_cycles(orgs: &[Option<Organization>], report: &mut Report) {
    let mut reported = HashSet::new();
    for start in 0..orgs.len() {
        let mut seen = HashSet::from([start]);
        let mut current = start;
        while let Some(parent) = orgs[current].as_ref().and_then(|o| o.parent) {
            if !seen.insert(parent) {
                if parent == start && reported.insert(start) {
                    report.at(format!("$.organizations[{start}].parent"), report.v.parent_cycle);
                }
                break;
            }
            current = parent;
        }
    }
}

fn check_decision(d: &format::Decision, path: &str, report: &mut Report) -> Option<Decision> {
    let date = required_date(&d.date, &format!("{path}.date"), report);
    let signed = optional_date(d.signed.as_deref(), &format!("{path}.signed"), report);
    let mut ok = non_empty(&d.title, &format!("{path}.title"), report);
    ok &= non_empty(&d.instance, &format!("{path}.instance"), report);
    ok &= non_empty(&d.source.document, &format!("{path}.source.document"), report);
    ok &= check_url(d.source.url.as_deref(), &format!("{path}.source.url"), report);
    if !ok {
        return None;
    }
    Some(Decision {
        id: d.id.clone(),
        reference: d.reference.clone().filter(|r| !r.trim().is_empty()),
        instance: d.instance.clone(),
        date: date?,
        signed: signed.ok()?,
        title: d.title.clone(),
        rapporteur: d.rapporteur.clone(),
        signatory: d.signatory.clone(),
        members_present: d.members_present,
        document: d.source.document.clone(),
        url: d.source.url.clone(),
        quote: d.source.quote.clone(),
    })
}

fn check_link(l: &format::Link, path: &str, refs: &Refs, report: &mut Report) -> Option<Link> {
    let kind = LinkKind::from_key(&l.kind);
    if kind.is_none() {
        let message = fill(report.v.unknown_link_kind, &[("kind", &l.kind), ("keys", &LinkKind::keys())]);
        report.at(format!("{path}.kind"), message);
    }
    let from = refs.org(&l.from, format!("{path}.from"), report);
    let to = refs.org(&l.to, format!("{path}.to"), report);
    if l.from == l.to {
        let message = fill(report.v.self_link, &[("id", &l.to)]);
        report.at(format!("{path}.to"), message);
    }
    let mut parties_ok = true;
    let mut parties = Vec::new();
    for (i, p) in l.parties.iter().enumerate() {
        match refs.org(p, format!("{path}.parties[{i}]"), report) {
            Some(ix) => parties.push(ix),
            None => parties_ok = false,
        }
    }
    let decision = refs.decision(&l.decision, format!("{path}.decision"), report);
    let mentioned_only = match l.basis.as_deref() {
        None | Some("decided") => false,
        Some("mentioned") => true,
        Some(other) => {
            let message = fill(report.v.unknown_value, &[("value", other), ("keys", "decided, mentioned")]);
            report.at(format!("{path}.basis"), message);
            parties_ok = false;
            false
        }
    };
    let amount = check_amount(l, path, report);
    let start = optional_date(l.start.as_deref(), &format!("{path}.start"), report);
    let end = optional_date(l.end.as_deref(), &format!("{path}.end"), report);
    if let (Ok(Some(s)), Ok(Some(e))) = (start, end) {
        if e.last_day() < s.first_day() {
            let message = fill(report.v.end_before_start, &[("end", &e.to_string()), ("start", &s.to_string())]);
            report.at(format!("{path}.end"), message);
        }
    }
    if let Some(year) = l.year {
        if !(1000..=9999).contains(&year) {
            let message = fill(report.v.bad_year, &[("year", &year.to_string())]);
            report.at(format!("{path}.year"), message);
        }
    }
    let (from, to, decision, amount, start, end) = (from?, to?, decision?, amount.ok()?, start.ok()?, end.ok()?);
    if !parties_ok || l.from == l.to {
        return None;
    }
    // Parties always list `from` and `to` first, so that views need not merge the two fields.
    let mut all_parties = vec![from, to];
    all_parties.extend(parties.into_iter().filter(|p| *p != from && *p != to));
    Some(Link {
        id: l.id.clone(),
        kind: kind?,
        from,
        to,
        parties: all_parties,
        decision,
        mentioned_only,
        title: l.title.clone(),
        convention: l.convention.clone(),
        amount,
        year: l.year,
        start,
        end,
        budget: l.budget.clone(),
        purpose: l.purpose.clone(),
        quote: l.quote.clone(),
    })
}

fn check_amount(l: &format::Link, path: &str, report: &mut Report) -> Result<Option<Cents>, ()> {
    let amount_path = format!("{path}.amount");
    let from_string = match &l.amount {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => match Cents::parse_euros(s) {
            Ok(c) => Some(c),
            Err(e) => {
                use super::model::AmountError::*;
                let template = match e {
                    Negative => report.v.negative_amount,
                    NotDecimal => report.v.unreadable_amount,
                    TooPrecise => report.v.too_precise,
                    TooLarge => report.v.amount_too_large,
                };
                let message = fill(template, &[("value", s)]);
                report.at(amount_path, message);
                return Err(());
            }
        },
        Some(Value::Number(n)) => {
            let mut message = fill(report.v.amount_number, &[("value", &number_text(n))]);
            if n.as_f64().is_some_and(|v| v < 0.0) {
                message = format!("{} ; {message}", report.v.negative_amount);
            }
            report.at(amount_path, message);
            return Err(());
        }
        Some(other) => {
            let message = fill(report.v.amount_type, &[("type", report.type_of(other))]);
            report.at(amount_path, message);
            return Err(());
        }
    };
    let from_cents = match l.amount_cents {
        None => None,
        Some(c) if c < 0 => {
            report.at(format!("{path}.amount_cents"), report.v.negative_amount);
            return Err(());
        }
        Some(c) => Some(Cents(c as u64)),
    };
    match (from_string, from_cents) {
        (Some(_), Some(_)) => {
            report.at(format!("{path}.amount_cents"), report.v.both_amounts);
            Err(())
        }
        (a, b) => Ok(a.or(b)),
    }
}

fn check_indicator(x: &format::Indicator, path: &str, refs: &Refs, report: &mut Report) -> Option<Indicator> {
    let organization = match &x.organization {
        Some(id) => Some(refs.org(id, format!("{path}.organization"), report)?),
        None => None,
    };
    let decision = refs.decision(&x.decision, format!("{path}.decision"), report)?;
    Some(Indicator {
        id: x.id.clone(),
        label: x.label.clone(),
        value: x.value,
        unit: x.unit.clone(),
        year: x.year,
        organization,
        decision,
        quote: x.quote.clone(),
    })
}

fn check_story_step(
    st: &format::StoryStep,
    path: &str,
    refs: &Refs,
    link_ids: &HashMap<String, usize>,
    report: &mut Report,
) -> Option<StoryStep> {
    let mut ok = non_empty(&st.title, &format!("{path}.title"), report);
    let mut organizations = Vec::new();
    for (i, id) in st.organizations.iter().enumerate() {
        match refs.org(id, format!("{path}.organizations[{i}]"), report) {
            Some(o) => organizations.push(o),
            None => ok = false,
        }
    }
    let mut links = Vec::new();
    for (i, id) in st.links.iter().enumerate() {
        match link_ids.get(id) {
            Some(l) => links.push(*l),
            None => {
                let message = fill(report.v.unknown_link, &[("id", id)]);
                report.at(format!("{path}.links[{i}]"), message);
                ok = false;
            }
        }
    }
    ok.then(|| StoryStep { title: st.title.clone(), text: st.text.clone(), organizations, links, zoom: st.zoom })
}

fn required_date(text: &str, path: &str, report: &mut Report) -> Option<IsoDate> {
    let date = IsoDate::parse(text);
    if date.is_none() {
        let message = fill(report.v.bad_date, &[("value", text)]);
        report.at(path, message);
    }
    date
}

fn optional_date(text: Option<&str>, path: &str, report: &mut Report) -> Result<Option<IsoDate>, ()> {
    match text {
        None => Ok(None),
        Some(t) => required_date(t, path, report).map(Some).ok_or(()),
    }
}

fn non_empty(text: &str, path: &str, report: &mut Report) -> bool {
    let ok = !text.trim().is_empty();
    if !ok {
        report.at(path, report.v.empty);
    }
    ok
}

/// Only web addresses are accepted, so that a `javascript:` link can never reach the page.
fn check_url(url: Option<&str>, path: &str, report: &mut Report) -> bool {
    let ok = url.is_none_or(|u| u.starts_with("https://") || u.starts_with("http://"));
    if !ok {
        report.at(path, report.v.bad_url);
    }
    ok
}

/// serde_json's syntax messages, in the report's language. The position is reported apart.
fn syntax_message(e: &serde_json::Error, v: &ValidationTexts) -> String {
    let text = e.to_string();
    // serde_json writes "<what> at line L column C"; the position is said separately.
    let position = format!(" at line {} column {}", e.line(), e.column());
    let text = text.strip_suffix(position.as_str()).unwrap_or(&text);
    v.syntax
        .iter()
        .find(|(en, _)| text.starts_with(en))
        .map(|(_, said)| (*said).to_string())
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
            "organizations": [{"id": "a", "name": "A", "kind": "other", "former_names": [{"name": "B", "from": "2020"}]}],
            "decisions": [{"id": "d", "instance": "I", "date": "2024", "title": "T", "rapporteur": "R",
                "source": {"document": "s", "url": "https://example.org/d"}}],
            "links": [{"id": "l", "kind": "pact", "from": "a", "to": "b", "decision": "d", "basis": "mentioned",
                "amount_cents": 5, "amount": null}],
            "indicators": [],
            "story": [{"title": "T", "text": "x"}]
        }"#;
        for text in [include_str!("../../tests/fixtures/frozen-export.json"), every_other_field] {
            let root: Map<String, Value> = serde_json::from_str(text).expect("test data is JSON");
            let mut report = Report { list: Vec::new(), omitted: 0, v: &Lang::Fr.texts().v };
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
