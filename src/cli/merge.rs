//! `carte merge`: the union of several exports by id. An id found twice with the same content
//! is kept once; with different content it is a conflict, reported, and the first file's
//! version is kept: nothing is silently overwritten.

use std::collections::HashMap;

use serde::Serialize;

use crate::core::format::{Export, SCHEMA_V1};

pub struct Merged {
    pub export: Export,
    /// French sentences naming each conflicting id and the files that disagree.
    pub conflicts: Vec<String>,
}

/// Merges exports given with the name of the file each came from.
pub fn merge(inputs: &[(String, Export)]) -> Merged {
    let mut conflicts = Vec::new();
    let title = inputs.first().map(|(_, e)| e.title.clone()).unwrap_or_default();
    let description = inputs.iter().find_map(|(_, e)| e.description.clone());
    let organizations = union("organizations", inputs, |e| &e.organizations, |o| &o.id, &mut conflicts);
    let decisions = union("decisions", inputs, |e| &e.decisions, |d| &d.id, &mut conflicts);
    let links = union("links", inputs, |e| &e.links, |l| &l.id, &mut conflicts);
    let indicators = union("indicators", inputs, |e| &e.indicators, |i| &i.id, &mut conflicts);
    let story = union("story", inputs, |e| &e.story, |s| &s.title, &mut conflicts);
    Merged {
        export: Export {
            schema: SCHEMA_V1.to_string(),
            title,
            description,
            organizations,
            decisions,
            links,
            indicators,
            story,
        },
        conflicts,
    }
}

/// One collection's union, in order of first appearance.
fn union<T: Clone + Serialize>(
    collection: &str,
    inputs: &[(String, Export)],
    items: impl Fn(&Export) -> &Vec<T>,
    id: impl Fn(&T) -> &String,
    conflicts: &mut Vec<String>,
) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    let mut seen: HashMap<String, (usize, &str)> = HashMap::new();
    for (file, export) in inputs {
        for item in items(export) {
            let key = id(item).clone();
            match seen.get(&key) {
                None => {
                    seen.insert(key, (out.len(), file.as_str()));
                    out.push(item.clone());
                }
                Some((at, first_file)) => {
                    let same = serde_json::to_value(&out[*at]).ok() == serde_json::to_value(item).ok();
                    if !same {
                        conflicts.push(format!(
                            "{collection} « {key} » : « {file} » diffère de « {first_file} » ; la version de « {first_file} » est gardée"
                        ));
                    }
                }
            }
        }
    }
    out
}
