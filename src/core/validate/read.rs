//! One JSON element → its wire type (`format.rs`), field by field, every wrong field reported.
//!
//! The wire types are read from the JSON value by hand rather than through their `Deserialize`
//! impls: serde's derived visitors (and the path tracking around them) weighed some 40 KB of the
//! browser build, and reading by hand reports every wrong field of an element, not only the first.
//! The `Deserialize` impls stay for the command-line tool; a test checks that both read an export
//! alike. The value is taken apart as it is read: its strings move into the wire type, uncopied.

use std::fmt;

use serde_json::{Map, Number, Value};

use super::Report;
use crate::core::format;
use crate::core::i18n::fill;

/// Where an element is (`$.links[2]`, `$.decisions[0].source`): written out only when a
/// problem is reported there, so that reading a clean element allocates no path.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    pub collection: &'a str,
    pub index: usize,
    pub nested: Option<Field<'a>>,
}

/// A field of an element, `kind` or `parties[2]`.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    pub key: &'a str,
    pub index: Option<usize>,
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "$.{}[{}]", self.collection, self.index)?;
        match self.nested {
            Some(field) => write!(f, ".{field}"),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.index {
            Some(i) => write!(f, "{}[{i}]", self.key),
            None => f.write_str(self.key),
        }
    }
}

pub fn field(key: &str) -> Field<'_> {
    Field { key, index: None }
}

/// Reads one element of a top-level array, reporting at its path; `None` if anything is wrong.
pub fn read_element<T>(item: Value, at: At, report: &mut Report, read: fn(&mut Fields) -> T) -> Option<T> {
    let Value::Object(object) = item else {
        let message = fill(report.v.must_be_object, &[("type", report.type_of(&item))]);
        report.at(at.to_string(), message);
        return None;
    };
    let mut fields = Fields { object, at, report, ok: true };
    let value = read(&mut fields);
    fields.ok.then_some(value)
}

pub fn read_organization(f: &mut Fields) -> format::Organization {
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
        identifiers: f.optional_object("identifiers", |f| format::Identifiers {
            siren: f.optional_string("siren"),
            siret: f.strings("siret"),
            rna: f.optional_string("rna"),
        }),
    }
}

pub fn read_decision(f: &mut Fields) -> format::Decision {
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

pub fn read_link(f: &mut Fields) -> format::Link {
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
        amount: f.optional("amount"),
        amount_cents: f.optional_integer("amount_cents", i64::MIN, i64::MAX),
        year: f.optional_integer("year", i32::MIN.into(), i32::MAX.into()).map(|y| y as i32),
        start: f.optional_string("start"),
        end: f.optional_string("end"),
        budget: f.optional_string("budget"),
        purpose: f.optional_string("purpose"),
        quote: f.optional_string("quote"),
        sources: f.objects("sources", |f| format::LinkSource {
            document: f.string("document"),
            decision: f.optional_string("decision"),
            url: f.optional_string("url"),
            quote: f.optional_string("quote"),
        }),
    }
}

pub fn read_indicator(f: &mut Fields) -> format::Indicator {
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

pub fn read_story_step(f: &mut Fields) -> format::StoryStep {
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
pub struct Fields<'a, 'r> {
    object: Map<String, Value>,
    at: At<'a>,
    report: &'r mut Report,
    ok: bool,
}

impl Fields<'_, '_> {
    /// A field that must be there.
    fn required(&mut self, key: &str) -> Option<Value> {
        let value = take(&mut self.object, key);
        if value.is_none() {
            let message = fill(self.report.v.missing_field, &[("field", key)]);
            self.report.at(self.at.to_string(), message);
            self.ok = false;
        }
        value
    }

    /// A field that may be absent or null.
    fn optional(&mut self, key: &str) -> Option<Value> {
        take(&mut self.object, key).filter(|v| !v.is_null())
    }

    fn string(&mut self, key: &str) -> String {
        self.required(key).and_then(|v| self.as_string(field(key), v)).unwrap_or_default()
    }

    fn optional_string(&mut self, key: &str) -> Option<String> {
        self.optional(key).and_then(|v| self.as_string(field(key), v))
    }

    /// A list of strings that may be absent (empty then).
    fn strings(&mut self, key: &str) -> Vec<String> {
        let items = take(&mut self.object, key).map_or(Vec::new(), |v| self.as_list(key, v));
        let at = |i| Field { key, index: Some(i) };
        items.into_iter().enumerate().filter_map(|(i, item)| self.as_string(at(i), item)).collect()
    }

    fn integer(&mut self, key: &str, min: i64, max: i64) -> i64 {
        self.required(key).and_then(|v| self.as_integer(key, &v, min, max)).unwrap_or_default()
    }

    fn optional_integer(&mut self, key: &str, min: i64, max: i64) -> Option<i64> {
        self.optional(key).and_then(|v| self.as_integer(key, &v, min, max))
    }

    /// A boolean that may be absent (false then).
    fn flag(&mut self, key: &str) -> bool {
        match take(&mut self.object, key) {
            None => false,
            Some(Value::Bool(b)) => b,
            Some(other) => {
                self.wrong(self.report.v.wrong_type, field(key), &other, self.report.v.t_bool);
                false
            }
        }
    }

    /// A nested object that must be there, read by `read`.
    fn object<T: Default>(&mut self, key: &str, read: fn(&mut Fields) -> T) -> T {
        match self.required(key) {
            Some(value) => self.nested(field(key), value, read),
            None => T::default(),
        }
    }

    /// A nested object that may be absent or null, read by `read`.
    fn optional_object<T: Default>(&mut self, key: &str, read: fn(&mut Fields) -> T) -> Option<T> {
        self.optional(key).map(|value| self.nested(field(key), value, read))
    }

    /// A list of nested objects that may be absent (empty then), each read by `read`.
    fn objects<T: Default>(&mut self, key: &str, read: fn(&mut Fields) -> T) -> Vec<T> {
        let items = take(&mut self.object, key).map_or(Vec::new(), |v| self.as_list(key, v));
        let at = |i| Field { key, index: Some(i) };
        items.into_iter().enumerate().map(|(i, item)| self.nested(at(i), item, read)).collect()
    }

    fn nested<T: Default>(&mut self, at: Field, value: Value, read: fn(&mut Fields) -> T) -> T {
        let Value::Object(object) = value else {
            self.wrong(self.report.v.wrong_type, at, &value, self.report.v.t_object);
            return T::default();
        };
        let inner_at = At { nested: Some(at), ..self.at };
        let mut inner = Fields { object, at: inner_at, report: &mut *self.report, ok: true };
        let read = read(&mut inner);
        self.ok &= inner.ok;
        read
    }

    fn as_string(&mut self, at: Field, value: Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s),
            other => {
                self.wrong(self.report.v.wrong_type, at, &other, self.report.v.t_string);
                None
            }
        }
    }

    fn as_list(&mut self, key: &str, value: Value) -> Vec<Value> {
        match value {
            Value::Array(items) => items,
            other => {
                self.wrong(self.report.v.wrong_type, field(key), &other, self.report.v.t_list);
                Vec::new()
            }
        }
    }

    /// A whole number within `min..=max`; a number out of range is a wrong value, anything
    /// else (a decimal number included) a wrong type.
    fn as_integer(&mut self, key: &str, value: &Value, min: i64, max: i64) -> Option<i64> {
        let v = self.report.v;
        let template = match value {
            Value::Number(n) => match n.as_i64() {
                Some(i) if (min..=max).contains(&i) => return Some(i),
                _ if n.is_f64() => v.wrong_type,
                _ => v.wrong_value,
            },
            _ => v.wrong_type,
        };
        self.wrong(template, field(key), value, v.t_integer);
        None
    }

    /// Reports a field at `path.at` holding the wrong kind of value.
    fn wrong(&mut self, template: &str, at: Field, found: &Value, expected: &str) {
        let v = self.report.v;
        let found = match found {
            Value::Bool(b) => format!("{} {b}", v.t_bool),
            Value::Number(n) if n.is_f64() => format!("{} {}", v.t_float, number_text(n)),
            Value::Number(n) => format!("{} {}", v.t_integer, number_text(n)),
            other => self.report.type_of(other).to_string(),
        };
        let message = fill(template, &[("found", &found), ("expected", expected)]);
        self.report.at(format!("{}.{at}", self.at), message);
        self.ok = false;
    }
}

/// A field's value, taken out of its object (and Null left in its place: taking it out
/// altogether would bring the map's rebalancing code into the browser build).
pub fn take(object: &mut Map<String, Value>, key: &str) -> Option<Value> {
    object.get_mut(key).map(std::mem::take)
}

/// A JSON number as written in messages. (Neither `Number`'s own `Display` nor `f64`'s: their
/// float printer would add its tables to the browser build for the sake of error messages.)
pub fn number_text(n: &Number) -> String {
    match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => i.to_string(),
        (None, Some(u)) => u.to_string(),
        _ => crate::core::number::decimal(n.as_f64().unwrap_or_default(), 9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::Lang;

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
            let mut report = Report::new(Lang::Fr);
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
        let items = root[key].as_array().expect("an array");
        let by_hand: Vec<Option<T>> = items
            .iter()
            .enumerate()
            .map(|(index, item)| read_element(item.clone(), At { collection: key, index, nested: None }, report, read))
            .collect();
        let by_serde: Vec<Option<T>> = items.iter().map(|item| serde_json::from_value(item.clone()).ok()).collect();
        assert_eq!(format!("{by_hand:?}"), format!("{by_serde:?}"));
    }
}
