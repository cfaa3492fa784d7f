//! The wire types read from the parsed JSON value by hand, field by field: every missing or
//! mistyped field is reported at its JSON path.
//!
//! Not through their `Deserialize` impls: serde's derived visitors (and the path tracking around
//! them) weighed some 40 KB of the browser build, and reading by hand reports every wrong field of
//! an element, not only the first. The `Deserialize` impls stay for the command-line tool;
//! `tests/validate.rs` checks that both read the same export alike.

use serde_json::{Map, Number, Value};

use super::Report;
use crate::core::format;
use crate::core::i18n::fill;

pub(super) fn read_organization(f: &mut Fields) -> format::Organization {
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

pub(super) fn read_decision(f: &mut Fields) -> format::Decision {
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

pub(super) fn read_link(f: &mut Fields) -> format::Link {
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
        sources: f.objects("sources", |f| format::LinkSource {
            document: f.string("document"),
            decision: f.optional_string("decision"),
            url: f.optional_string("url"),
            quote: f.optional_string("quote"),
        }),
    }
}

pub(super) fn read_indicator(f: &mut Fields) -> format::Indicator {
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

pub(super) fn read_story_step(f: &mut Fields) -> format::StoryStep {
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
pub(super) struct Fields<'v, 'r> {
    pub(super) object: &'v Map<String, Value>,
    /// The object's own JSON path, `$.links[2]`.
    pub(super) path: String,
    pub(super) report: &'r mut Report,
    pub(super) ok: bool,
}

impl<'v> Fields<'v, '_> {
    /// A field that must be there.
    pub(super) fn required(&mut self, key: &str) -> Option<&'v Value> {
        let value = self.object.get(key);
        if value.is_none() {
            let message = fill(self.report.v.missing_field, &[("field", key)]);
            self.report.at(self.path.clone(), message);
            self.ok = false;
        }
        value
    }

    /// A field that may be absent or null.
    pub(super) fn optional(&self, key: &str) -> Option<&'v Value> {
        self.object.get(key).filter(|v| !v.is_null())
    }

    pub(super) fn string(&mut self, key: &str) -> String {
        self.required(key).and_then(|v| self.as_string(key, v)).unwrap_or_default()
    }

    pub(super) fn optional_string(&mut self, key: &str) -> Option<String> {
        self.optional(key).and_then(|v| self.as_string(key, v))
    }

    /// A list of strings that may be absent (empty then).
    pub(super) fn strings(&mut self, key: &str) -> Vec<String> {
        let items = self.object.get(key).map_or(&[][..], |v| self.as_list(key, v));
        items.iter().enumerate().filter_map(|(i, item)| self.as_string(&format!("{key}[{i}]"), item)).collect()
    }

    pub(super) fn integer(&mut self, key: &str, min: i64, max: i64) -> i64 {
        self.required(key).and_then(|v| self.as_integer(key, v, min, max)).unwrap_or_default()
    }

    pub(super) fn optional_integer(&mut self, key: &str, min: i64, max: i64) -> Option<i64> {
        self.optional(key).and_then(|v| self.as_integer(key, v, min, max))
    }

    /// A boolean that may be absent (false then).
    pub(super) fn flag(&mut self, key: &str) -> bool {
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
    pub(super) fn object<T: Default>(&mut self, key: &str, read: fn(&mut Fields) -> T) -> T {
        match self.required(key) {
            Some(value) => self.nested(key, value, read),
            None => T::default(),
        }
    }

    /// A nested object that may be absent or null, read by `read`.
    pub(super) fn optional_object<T: Default>(&mut self, key: &str, read: fn(&mut Fields) -> T) -> Option<T> {
        self.optional(key).map(|value| self.nested(key, value, read))
    }

    /// A list of nested objects that may be absent (empty then), each read by `read`.
    pub(super) fn objects<T: Default>(&mut self, key: &str, read: fn(&mut Fields) -> T) -> Vec<T> {
        let items = self.object.get(key).map_or(&[][..], |v| self.as_list(key, v));
        items.iter().enumerate().map(|(i, item)| self.nested(&format!("{key}[{i}]"), item, read)).collect()
    }

    pub(super) fn nested<T: Default>(&mut self, at: &str, value: &'v Value, read: fn(&mut Fields) -> T) -> T {
        let Value::Object(object) = value else {
            self.wrong(self.report.v.wrong_type, at, value, self.report.v.t_object);
            return T::default();
        };
        let mut inner = Fields { object, path: format!("{}.{at}", self.path), report: &mut *self.report, ok: true };
        let read = read(&mut inner);
        self.ok &= inner.ok;
        read
    }

    pub(super) fn as_string(&mut self, at: &str, value: &Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong(self.report.v.wrong_type, at, other, self.report.v.t_string);
                None
            }
        }
    }

    pub(super) fn as_list(&mut self, at: &str, value: &'v Value) -> &'v [Value] {
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
    pub(super) fn as_integer(&mut self, at: &str, value: &Value, min: i64, max: i64) -> Option<i64> {
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
    pub(super) fn wrong(&mut self, template: &str, at: &str, found: &Value, expected: &str) {
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
pub(super) fn number_text(n: &Number) -> String {
    match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => i.to_string(),
        (None, Some(u)) => u.to_string(),
        _ => crate::core::number::decimal(n.as_f64().unwrap_or_default(), 9),
    }
}
