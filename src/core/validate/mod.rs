//! Export text → checked `Model`, or every problem found, each with where it is and a French message.
//!
//! Each element of the export is parsed, read and checked on its own, so that one broken
//! organisation does not hide the next one: ids first, then every element's fields (`read.rs`),
//! then references, dates and amounts (`check.rs`). Nothing stops at the first problem.
//!
//! The work is a `Validation` that advances a slice at a time (a browser keeps its page
//! responsive while a large export is read); `validate` runs one to the end. Large texts are
//! outlined first (`split.rs`) and parsed element by element; anything the outline does not
//! expect is parsed whole, which gives syntax errors their line and column.

mod check;
mod read;
mod split;

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

use self::check::{
    check_decision, check_indicator, check_link, check_org, check_parent_cycle, check_story_step, index_id, Refs,
};
use self::read::{
    read_decision, read_element, read_indicator, read_link, read_organization, read_story_step, take, At,
};
use self::split::{Member, Outline, Splitter};
use super::format::{self, SCHEMA_V1};
use super::i18n::{fill, Lang, ValidationTexts};
use super::layout::{fnv1a, Ties};
use super::model::{Decision, Indicator, Link, Model, Organization, StoryStep};

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
    Validation::new(text.to_string(), lang).finish()
}

/// The top-level collections, in the order they are read and checked.
const COLLECTIONS: [&str; 5] = ["organizations", "decisions", "links", "indicators", "story"];
const ORGS: usize = 0;
const DECISIONS: usize = 1;
const LINKS: usize = 2;
const INDICATORS: usize = 3;
const STORY: usize = 4;

/// Bytes outlined, or elements parsed, read or checked, between two questions to `keep_going`.
const OUTLINE_BYTES: usize = 16 * 1024;
const ELEMENTS_PER_ASK: usize = 64;

/// A validation in progress. `advance` works on it until told to stop, and gives the result
/// once there is one; however the work is sliced, the result is the same.
pub struct Validation {
    text: String,
    stage: Stage,
    /// The element the stage has reached.
    next: usize,
    /// Problems of reading (the root's fields, then each element's), of ids, and of meaning
    /// (references, dates, amounts): reported in that order.
    read: Report,
    ids: Report,
    meaning: Report,
    root: Option<Value>,
    title: String,
    description: Option<String>,
    /// Each collection as parsed: its elements, or what stood there instead of a list.
    raw: [Result<Vec<Value>, Option<Value>>; 5],
    /// Each collection's ids (organisations, decisions, links, indicators).
    index: [HashMap<String, usize>; 4],
    read_orgs: Vec<Option<format::Organization>>,
    read_decisions: Vec<Option<format::Decision>>,
    read_links: Vec<Option<format::Link>>,
    read_indicators: Vec<Option<format::Indicator>>,
    read_story: Vec<Option<format::StoryStep>>,
    organizations: Vec<Option<Organization>>,
    decisions: Vec<Decision>,
    links: Vec<Link>,
    indicators: Vec<Indicator>,
    story: Vec<StoryStep>,
    /// An element was refused (and reported).
    broken: bool,
    /// What a layout needs, gathered as organisations and links are read; `None` once
    /// something is wrong with them.
    ties: Option<Ties>,
}

/// Where a validation stands; each stage works element by element.
enum Stage {
    Outline(Splitter),
    Parse { outline: Outline, member: usize, root: Map<String, Value>, elements: Vec<Value> },
    Root,
    Index(usize),
    Read(usize),
    Check(usize),
    Cycles,
    Done,
}

impl Validation {
    pub fn new(text: String, lang: Lang) -> Validation {
        let report = || Report::new(lang);
        let mut validation = Validation {
            text,
            stage: Stage::Outline(Splitter::new()),
            next: 0,
            read: report(),
            ids: report(),
            meaning: report(),
            root: None,
            title: String::new(),
            description: None,
            raw: std::array::from_fn(|_| Err(None)),
            index: Default::default(),
            read_orgs: Vec::new(),
            read_decisions: Vec::new(),
            read_links: Vec::new(),
            read_indicators: Vec::new(),
            read_story: Vec::new(),
            organizations: Vec::new(),
            decisions: Vec::new(),
            links: Vec::new(),
            indicators: Vec::new(),
            story: Vec::new(),
            broken: false,
            ties: Some(Ties::default()),
        };
        // A byte order mark, as Windows editors write one before UTF-8 (RFC 8259 lets a reader skip it).
        if validation.text.starts_with('\u{feff}') {
            validation.text.drain(..'\u{feff}'.len_utf8());
        }
        if validation.text.len() > MAX_EXPORT_BYTES {
            let mb = |b: usize| (b / (1024 * 1024)).to_string();
            let size = mb(validation.text.len());
            let message = fill(validation.read.v.too_large, &[("size", &size), ("max", &mb(MAX_EXPORT_BYTES))]);
            validation.read.at("$", message);
            validation.stage = Stage::Done;
        }
        validation
    }

    /// The text validated, kept to the end (a broken file is read again once the browser has
    /// fetched the validator's messages): it costs no copy.
    pub fn into_text(self) -> String {
        self.text
    }

    /// Runs to the end.
    pub fn finish(mut self) -> Result<Model, Problems> {
        loop {
            if let Some(result) = self.advance(&mut || true) {
                return result;
            }
        }
    }

    /// Works until done or until `keep_going` (asked every few elements) says stop.
    pub fn advance(&mut self, keep_going: &mut dyn FnMut() -> bool) -> Option<Result<Model, Problems>> {
        loop {
            for _ in 0..ELEMENTS_PER_ASK {
                if matches!(self.stage, Stage::Done) {
                    return Some(self.result());
                }
                self.step();
            }
            if !keep_going() {
                return None;
            }
        }
    }

    /// One step: a slice of the outline, or one element of the current stage.
    fn step(&mut self) {
        let stage = std::mem::replace(&mut self.stage, Stage::Done);
        self.stage = match stage {
            Stage::Outline(mut splitter) => match splitter.advance(&self.text, OUTLINE_BYTES) {
                None => Stage::Outline(splitter),
                Some(Ok(outline)) => Stage::Parse { outline, member: 0, root: Map::new(), elements: Vec::new() },
                Some(Err(())) => self.parse_whole(),
            },
            Stage::Parse { outline, member, root, elements } => self.parse_element(outline, member, root, elements),
            Stage::Root => self.check_root(),
            Stage::Index(c) => self.index_element(c),
            Stage::Read(c) => self.read_element(c),
            Stage::Check(c) => self.check_element(c),
            Stage::Cycles => {
                if self.next < self.organizations.len() {
                    check_parent_cycle(&self.organizations, self.next, &mut self.meaning);
                    self.next += 1;
                    Stage::Cycles
                } else {
                    self.next = 0;
                    Stage::Check(DECISIONS)
                }
            }
            Stage::Done => Stage::Done,
        };
    }

    /// The whole text at once: what an outline cannot follow, and every syntax error.
    fn parse_whole(&mut self) -> Stage {
        match serde_json::from_str(&self.text) {
            Ok(root) => {
                self.root = Some(root);
                Stage::Root
            }
            Err(e) => {
                let message = fill(self.read.v.json_invalid, &[("why", &syntax_message(&e, &self.text, self.read.v))]);
                self.read.push(Problem { path: "$".into(), position: Some((e.line(), e.column())), message });
                Stage::Done
            }
        }
    }

    /// Parses the next element of the outline (or a member's whole value).
    fn parse_element(
        &mut self,
        outline: Outline,
        member: usize,
        mut root: Map<String, Value>,
        mut elements: Vec<Value>,
    ) -> Stage {
        let Some((key, value)) = outline.members.get(member) else {
            self.root = Some(Value::Object(root));
            return Stage::Root;
        };
        let parsed = |range: &std::ops::Range<usize>| serde_json::from_str::<Value>(&self.text[range.clone()]).ok();
        let (done, key) = match value {
            Member::Value(range) => (parsed(range), parsed(key)),
            Member::Array(ranges) => match ranges.get(elements.len()).map(parsed) {
                Some(Some(element)) => {
                    elements.push(element);
                    return Stage::Parse { outline, member, root, elements };
                }
                Some(None) => (None, None),
                None => (Some(Value::Array(std::mem::take(&mut elements))), parsed(key)),
            },
        };
        match (key, done) {
            (Some(Value::String(key)), Some(value)) => drop(root.insert(key, value)),
            _ => return self.parse_whole(),
        }
        Stage::Parse { outline, member: member + 1, root, elements }
    }

    /// The root's own fields; the collections are then set apart to be worked on one by one.
    fn check_root(&mut self) -> Stage {
        let report = &mut self.read;
        let mut root = match self.root.take() {
            Some(Value::Object(root)) => root,
            found => {
                let message = fill(report.v.root_not_object, &[("type", report.type_of(&found.unwrap_or_default()))]);
                report.at("$", message);
                return Stage::Done;
            }
        };
        match root.get("schema") {
            Some(Value::String(s)) if s == SCHEMA_V1 => {}
            Some(Value::String(s)) => {
                let message = fill(report.v.unknown_schema, &[("found", s), ("expected", SCHEMA_V1)]);
                report.at("$.schema", message);
                return Stage::Done;
            }
            Some(other) => {
                let message = fill(report.v.schema_type, &[("expected", SCHEMA_V1), ("type", report.type_of(other))]);
                report.at("$.schema", message);
                return Stage::Done;
            }
            None => {
                let message = fill(report.v.missing_field, &[("field", &format!("schema (\"{SCHEMA_V1}\")"))]);
                report.at("$", message);
                return Stage::Done;
            }
        }
        self.title = match take(&mut root, "title") {
            Some(Value::String(s)) if !s.trim().is_empty() => s,
            Some(Value::String(_)) => {
                report.at("$.title", report.v.empty);
                String::new()
            }
            Some(other) => {
                let message = fill(report.v.must_be_string, &[("type", report.type_of(&other))]);
                report.at("$.title", message);
                String::new()
            }
            None => {
                let message = fill(report.v.missing_field, &[("field", "title")]);
                report.at("$", message);
                String::new()
            }
        };
        self.description = match take(&mut root, "description") {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        for (raw, key) in self.raw.iter_mut().zip(COLLECTIONS) {
            *raw = match take(&mut root, key) {
                Some(Value::Array(items)) => Ok(items),
                other => Err(other),
            };
        }
        // Sized once: growing them element by element would copy them again and again.
        let len = |c: usize| self.raw[c].as_ref().map_or(0, Vec::len);
        self.index = std::array::from_fn(|c| HashMap::with_capacity(len(c)));
        self.read_orgs.reserve_exact(len(ORGS));
        self.read_decisions.reserve_exact(len(DECISIONS));
        self.read_links.reserve_exact(len(LINKS));
        self.organizations.reserve_exact(len(ORGS));
        self.decisions.reserve_exact(len(DECISIONS));
        self.links.reserve_exact(len(LINKS));
        self.next = 0;
        Stage::Index(ORGS)
    }

    /// Indexes the next element's id ("ids come from the raw JSON": an element broken
    /// elsewhere still exists for the references to it, so one mistake is reported once).
    fn index_element(&mut self, c: usize) -> Stage {
        let items = self.raw[c].as_deref().unwrap_or_default();
        if let Some(item) = items.get(self.next) {
            let at = At { collection: COLLECTIONS[c], index: self.next, nested: None };
            index_id(&mut self.index[c], item.get("id").and_then(Value::as_str), at, &mut self.ids);
            self.next += 1;
            return Stage::Index(c);
        }
        self.next = 0;
        if c < INDICATORS {
            Stage::Index(c + 1)
        } else {
            Stage::Read(ORGS)
        }
    }

    /// Reads the next element into its wire type (the collection's own problem first).
    fn read_element(&mut self, c: usize) -> Stage {
        let key = COLLECTIONS[c];
        if self.next == 0 {
            match &self.raw[c] {
                Ok(_) => {}
                Err(Some(other)) => {
                    let message = fill(self.read.v.must_be_list, &[("type", self.read.type_of(other))]);
                    self.read.at(format!("$.{key}"), message);
                }
                Err(None) if c < INDICATORS => {
                    let message = fill(self.read.v.missing_field, &[("field", key)]);
                    self.read.at("$", message);
                }
                Err(None) => {}
            }
        }
        let item = match &mut self.raw[c] {
            Ok(items) => items.get_mut(self.next).map(std::mem::take),
            Err(_) => None,
        };
        let Some(item) = item else {
            self.raw[c] = Err(None);
            self.next = 0;
            return if c < STORY { Stage::Read(c + 1) } else { Stage::Check(ORGS) };
        };
        let at = At { collection: key, index: self.next, nested: None };
        let report = &mut self.read;
        match c {
            ORGS => self.read_orgs.push(read_element(item, at, report, read_organization)),
            DECISIONS => self.read_decisions.push(read_element(item, at, report, read_decision)),
            LINKS => self.read_links.push(read_element(item, at, report, read_link)),
            INDICATORS => self.read_indicators.push(read_element(item, at, report, read_indicator)),
            _ => self.read_story.push(read_element(item, at, report, read_story_step)),
        }
        self.tie(c);
        self.next += 1;
        Stage::Read(c)
    }

    /// Adds what a layout needs of the organisation or link just read.
    fn tie(&mut self, c: usize) {
        let orgs = &self.index[ORGS];
        let find = |id: &str| orgs.get(id).map(|i| *i as u32);
        let added = match (c, &mut self.ties) {
            (ORGS, Some(ties)) => self.read_orgs.last().and_then(Option::as_ref).and_then(|o| {
                ties.hashes.push(fnv1a(o.id.as_bytes()));
                if let Some(parent) = &o.parent {
                    ties.parents.push((self.next as u32, find(parent)?));
                }
                Some(())
            }),
            (LINKS, Some(ties)) => self.read_links.last().and_then(Option::as_ref).and_then(|l| {
                ties.links.push((find(&l.from)?, find(&l.to)?));
                Some(())
            }),
            _ => Some(()),
        };
        if added.is_none() {
            self.ties = None;
        }
    }

    /// Once the organisations and links are read, and if nothing is wrong so far: what a
    /// layout needs of them (given once).
    pub fn take_ties(&mut self) -> Option<Ties> {
        let read =
            matches!(self.stage, Stage::Read(c) if c > LINKS) || matches!(self.stage, Stage::Check(_) | Stage::Cycles);
        let clean = self.read.list.is_empty() && self.ids.list.is_empty() && !self.broken;
        if read && clean {
            self.ties.take()
        } else {
            None
        }
    }

    /// Checks the next element read (an element that could not be read is already reported).
    fn check_element(&mut self, c: usize) -> Stage {
        let i = self.next;
        let at = At { collection: COLLECTIONS[c], index: i, nested: None };
        let [orgs, decisions, links, _] = &self.index;
        let refs = Refs { orgs, decisions, links };
        let report = &mut self.meaning;
        let more = match c {
            ORGS => self.read_orgs.get_mut(i).map(|o| {
                let checked = o.take().and_then(|o| check_org(o, at, &refs, report));
                self.organizations.push(checked);
            }),
            DECISIONS => {
                self.read_decisions.get_mut(i).map(|d| match d.take().and_then(|d| check_decision(d, at, report)) {
                    Some(d) => self.decisions.push(d),
                    None => self.broken = true,
                })
            }
            LINKS => {
                self.read_links.get_mut(i).map(|l| match l.take().and_then(|l| check_link(l, at, &refs, report)) {
                    Some(l) => self.links.push(l),
                    None => self.broken = true,
                })
            }
            INDICATORS => self.read_indicators.get_mut(i).map(|x| {
                match x.take().and_then(|x| check_indicator(x, at, &refs, report)) {
                    Some(x) => self.indicators.push(x),
                    None => self.broken = true,
                }
            }),
            _ => self.read_story.get_mut(i).map(|s| {
                match s.take().and_then(|s| check_story_step(s, at, &refs, report)) {
                    Some(s) => self.story.push(s),
                    None => self.broken = true,
                }
            }),
        };
        if more.is_some() {
            self.next += 1;
            return Stage::Check(c);
        }
        self.next = 0;
        match c {
            ORGS => Stage::Cycles,
            STORY => Stage::Done,
            _ => Stage::Check(c + 1),
        }
    }

    /// The model, built only from a clean file; or every problem, in the order they were found.
    fn result(&mut self) -> Result<Model, Problems> {
        let mut all = Report::new(Lang::Fr);
        for section in [&mut self.read, &mut self.ids, &mut self.meaning] {
            all.omitted += section.omitted;
            section.list.drain(..).for_each(|p| all.push(p));
        }
        let organizations: Option<Vec<Organization>> = std::mem::take(&mut self.organizations).into_iter().collect();
        match organizations {
            Some(organizations) if all.list.is_empty() && !self.broken => {
                let [org_index, _, link_index, _] = std::mem::take(&mut self.index);
                Ok(Model::indexed(
                    std::mem::take(&mut self.title),
                    self.description.take(),
                    organizations,
                    std::mem::take(&mut self.decisions),
                    std::mem::take(&mut self.links),
                    std::mem::take(&mut self.indicators),
                    org_index,
                    link_index,
                )
                .with_story(std::mem::take(&mut self.story)))
            }
            _ => Err(Problems { list: all.list, omitted: all.omitted }),
        }
    }
}

struct Report {
    list: Vec<Problem>,
    omitted: usize,
    v: &'static ValidationTexts,
}

impl Report {
    fn new(lang: Lang) -> Report {
        Report { list: Vec::new(), omitted: 0, v: lang.validation() }
    }

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
        self.push(Problem { path: path.into(), position: None, message: message.into() });
    }

    fn push(&mut self, problem: Problem) {
        if self.list.len() < MAX_REPORTED_PROBLEMS {
            self.list.push(problem);
        } else {
            self.omitted += 1;
        }
    }
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

/// What is wrong with the JSON's syntax, in the report's language; the position is reported apart.
/// The command-line tool, for the officers who mend files, names the rule broken (from
/// serde_json's English message); the browser says what stands there, as the words serde_json
/// chooses between would cost each visitor a kilobyte of code.
fn syntax_message(e: &serde_json::Error, text: &str, v: &ValidationTexts) -> String {
    if cfg!(target_arch = "wasm32") {
        syntax_near(e, text, v)
    } else {
        syntax_rule(e, v)
    }
}

/// Where the reading stopped: the end of the file, or the character found there.
pub(crate) fn syntax_near(e: &serde_json::Error, text: &str, v: &ValidationTexts) -> String {
    let eof = v.syntax.split('\n').next().unwrap_or_default();
    let line = text.split('\n').nth(e.line().saturating_sub(1)).unwrap_or_default();
    // serde_json counts columns in bytes, from 1, up to the character it could not take.
    let at = e.column().saturating_sub(1);
    let found = line.get(at..).and_then(|rest| rest.chars().next());
    match found {
        _ if e.classify() == serde_json::error::Category::Eof => eof.to_string(),
        None => eof.to_string(),
        Some(c) if c.is_control() || c.is_whitespace() => {
            fill(v.syntax_near, &[("found", &format!("U+{:04X}", c as u32))])
        }
        Some(c) => fill(v.syntax_near, &[("found", c.encode_utf8(&mut [0; 4]))]),
    }
}

/// serde_json's syntax messages, in the report's language.
fn syntax_rule(e: &serde_json::Error, v: &ValidationTexts) -> String {
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

    fn near(text: &str) -> String {
        let e = serde_json::from_str::<Value>(text).expect_err("not JSON");
        syntax_near(&e, text, Lang::Fr.validation())
    }

    /// The browser's syntax messages: the character where the reading stopped, or the end.
    #[test]
    fn the_browser_says_what_stands_where_the_reading_stopped() {
        assert_eq!(near("{\"a\": 1,\n  }"), "erreur de syntaxe près de « } »");
        assert_eq!(near("{\"a\": tru}"), "erreur de syntaxe près de « } »");
        assert_eq!(near("{\"é\": 1 \"b\": 2}"), "erreur de syntaxe près de « \" »");
        assert_eq!(near("{\"a\": \"x\ty\"}"), "erreur de syntaxe près de « U+0009 »");
        assert_eq!(near("{\"a\": [1, 2"), "le fichier s'arrête avant la fin du JSON");
    }
}
