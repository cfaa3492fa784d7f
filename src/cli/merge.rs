//! `carte merge`, and what `--into` does: the union of exports act by act (`cli::identity`).
//!
//! An organisation found again — same id, same official number, or the same name as `names`
//! compares it — is one organisation; its numbers are completed. A decision found again (same
//! reference, else place, date and title) is one decision. A link found again (same decision,
//! parties, kind, year and amount) is one act: the later record is added to its `sources`, never
//! written as a second link, so that merging the same input twice changes nothing. An id already
//! held by another act is renamed and said (Istres's `2024-087` is not Martigues's). Different
//! content under one id and one act is a conflict: reported, the first file's version kept.
//! Alike names are reported with both names and kept apart: nothing is merged on a guess.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Serialize;

use crate::cli::count;
use crate::cli::exit;
use crate::cli::identity::{names_of, DecisionIdentity, Found, LinkKey, Numbers, OrgIndex};
use crate::cli::io::{json_size, too_large, write_export, CliError};
use crate::cli::names::{first_free, instance_place, name_word, slug};
use crate::core::format::{self, Export};
use crate::core::validate::MAX_EXPORT_BYTES;

pub struct Merged {
    pub export: Export,
    /// French sentences naming each conflicting id and the files that disagree.
    pub conflicts: Vec<String>,
    /// French sentences: ids renamed because another act held them.
    pub notes: Vec<String>,
    /// French sentences: names only alike a known organisation's, kept apart.
    pub uncertain: Vec<String>,
    /// What each input brought, in input order.
    pub tallies: Vec<Tally>,
    /// Where each element of the result comes from.
    pub origins: Origins,
}

/// What one input brought to the union.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub links_added: usize,
    /// Links that were acts already known.
    pub links_known: usize,
    /// Records added to known acts' `sources`.
    pub sources_added: usize,
    pub organizations_added: usize,
    pub organizations_known: usize,
    pub decisions_added: usize,
    pub decisions_known: usize,
}

impl Tally {
    /// "2 liens nouveaux, 1 acte déjà connu (1 source ajoutée), 1 organisation nouvelle".
    pub fn sentence(&self) -> String {
        let mut parts = vec![
            count(self.links_added, "lien nouveau", "liens nouveaux"),
            count(self.links_known, "acte déjà connu", "actes déjà connus"),
        ];
        if self.sources_added > 0 {
            parts[1].push_str(&format!(" ({})", count(self.sources_added, "source ajoutée", "sources ajoutées")));
        }
        parts.push(count(self.organizations_added, "organisation nouvelle", "organisations nouvelles"));
        parts.push(count(self.decisions_added, "décision nouvelle", "décisions nouvelles"));
        parts.join(", ")
    }
}

/// For each element of a merged export, in order: (input index, its index in that input).
#[derive(Debug, Clone, Default)]
pub struct Origins {
    pub organizations: Vec<(usize, usize)>,
    pub decisions: Vec<(usize, usize)>,
    pub links: Vec<(usize, usize)>,
    pub indicators: Vec<(usize, usize)>,
    pub story: Vec<(usize, usize)>,
}

impl Origins {
    /// A JSON path of the merged export (`$.links[17].from`) said where its element was written:
    /// « fragment.json », `$.links[0].from`.
    pub fn locate(&self, path: &str, files: &[&str]) -> String {
        for (collection, origins) in [
            ("organizations", &self.organizations),
            ("decisions", &self.decisions),
            ("links", &self.links),
            ("indicators", &self.indicators),
            ("story", &self.story),
        ] {
            let Some(rest) = path.strip_prefix(&format!("$.{collection}[")) else { continue };
            let Some((index, tail)) = rest.split_once(']') else { continue };
            if let Some(&(file, at)) = index.parse::<usize>().ok().and_then(|i| origins.get(i)) {
                return format!("« {} », $.{collection}[{at}]{tail}", files.get(file).copied().unwrap_or("?"));
            }
        }
        path.to_string()
    }
}

/// The union would pass the format's 64 MB: stopped while reading `file`, at `bytes` already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    pub file: String,
    pub bytes: usize,
}

/// Merges exports given with the name of the file each came from, in that order of precedence.
/// Stops as soon as the result would pass `MAX_EXPORT_BYTES` (a lower bound of its size is kept
/// as elements are added), rather than building an export nobody may load.
pub fn merge(inputs: &[(String, Export)]) -> Result<Merged, TooLarge> {
    let mut merger = Merger::default();
    let mut tallies = Vec::new();
    for (at, (file, export)) in inputs.iter().enumerate() {
        let (tally, _) = merger.absorb(at, file, export)?;
        tallies.push(tally);
    }
    Ok(merger.finish(inputs, tallies))
}

/// The one way a union reaches a file, for `merge` and every `--into`: merge, say what was found
/// (`say` gets French lines for standard error), validate, write — or write nothing. Status 1 when
/// there were conflicts (the union is written, first versions kept). Alike names are said unless
/// `alike_said`: an input made against the first has had them said already, by row or by name.
pub fn merge_and_write(
    inputs: &[(String, Export)],
    output: Option<&Path>,
    alike_said: bool,
    say: &mut dyn FnMut(&str),
) -> Result<i32, CliError> {
    let merged = merge(inputs).map_err(|e| {
        let mut refused = too_large(e.bytes);
        refused.message = format!("en ajoutant « {} » : {}", e.file, refused.message);
        refused
    })?;
    for conflict in &merged.conflicts {
        say(&format!("conflit : {conflict}"));
    }
    for note in merged.notes.iter().chain(merged.uncertain.iter().filter(|_| !alike_said)) {
        say(note);
    }
    for ((file, _), tally) in inputs.iter().zip(&merged.tallies).skip(1) {
        say(&format!("« {file} » : {}", tally.sentence()));
    }
    let files: Vec<&str> = inputs.iter().map(|(f, _)| f.as_str()).collect();
    write_export(&merged.export, output, &|path| merged.origins.locate(path, &files))?;
    Ok(if merged.conflicts.is_empty() { exit::OK } else { exit::INVALID })
}

/// A fragment made `--against` a reference export, with the reference's ids wherever it records
/// what the reference already holds (organisations, decisions, acts), and new ids that collide
/// with none of the reference's. Merging it into the reference then changes only what is new.
/// Also the French notes: ids renamed (another act held them), then names only alike a known one's.
pub fn align(reference: &Export, fragment: Export) -> (Export, Vec<String>, Vec<String>) {
    let mut merger = Merger::default();
    let resolved = merger
        .absorb(0, "référence", reference)
        .and_then(|_| merger.absorb(1, "fragment", &fragment))
        .map(|(_, resolution)| resolution);
    // A reference too large to merge is refused elsewhere; the fragment is then left as it is.
    let Ok(resolution) = resolved else { return (fragment, Vec::new(), Vec::new()) };
    let rename = |map: &HashMap<String, String>, id: &str| map.get(id).cloned().unwrap_or_else(|| id.to_string());
    let mut organizations: Vec<format::Organization> = Vec::new();
    let mut kept = HashSet::new();
    let mut wanted: Vec<String> = fragment.organizations.iter().map(|o| rename(&resolution.orgs, &o.id)).collect();
    while let Some(id) = wanted.pop() {
        // Each organisation as the union holds it (the reference's, completed), with its ancestors.
        if let Some(&at) = merger.org_pos.get(&id) {
            if kept.insert(id) {
                let mut o = merger.out.organizations[at].clone();
                o.identifiers = merger.org_numbers[at].to_wire().or(o.identifiers);
                wanted.extend(o.parent.clone());
                organizations.push(o);
            }
        }
    }
    organizations.reverse();
    let decisions = fragment
        .decisions
        .into_iter()
        .map(|mut d| {
            d.id = rename(&resolution.decisions, &d.id);
            d
        })
        .collect::<Vec<_>>();
    let mut seen_decisions = HashSet::new();
    let decisions = decisions.into_iter().filter(|d| seen_decisions.insert(d.id.clone())).collect();
    let links = fragment
        .links
        .into_iter()
        .map(|mut l| {
            l.id = rename(&resolution.links, &l.id);
            l.from = rename(&resolution.orgs, &l.from);
            l.to = rename(&resolution.orgs, &l.to);
            l.parties = l.parties.iter().map(|p| rename(&resolution.orgs, p)).collect();
            l.decision = rename(&resolution.decisions, &l.decision);
            l
        })
        .collect();
    (Export { organizations, decisions, links, ..fragment }, merger.notes, merger.uncertain)
}

/// How one input's ids were resolved in the union.
#[derive(Default)]
struct Resolution {
    orgs: HashMap<String, String>,
    decisions: HashMap<String, String>,
    links: HashMap<String, String>,
}

#[derive(Default)]
struct Merger {
    out: Export,
    origins: Origins,
    /// The inputs' file names, by input index.
    files: Vec<String>,
    conflicts: Vec<String>,
    notes: Vec<String>,
    uncertain: Vec<String>,
    org_pos: HashMap<String, usize>,
    /// Official numbers of each organisation of `out`, completed as inputs come.
    org_numbers: Vec<Numbers>,
    numbers_grown: Vec<bool>,
    orgs: OrgIndex,
    decision_pos: HashMap<String, usize>,
    decision_identity: Vec<DecisionIdentity>,
    decision_buckets: HashMap<String, Vec<usize>>,
    link_pos: HashMap<String, usize>,
    link_keys: HashMap<LinkKey, Vec<usize>>,
    /// Links by their key without parties, to tell an act told with a body's parent or agency.
    loose_keys: HashMap<LinkKey, Vec<usize>>,
    indicator_pos: HashMap<String, usize>,
    story_pos: HashMap<String, usize>,
    /// A lower bound of the result's size: the compact JSON of what it holds.
    bytes: usize,
}

impl Merger {
    fn grow<T: Serialize>(&mut self, item: &T, file: &str) -> Result<(), TooLarge> {
        self.bytes += json_size(item);
        if self.bytes > MAX_EXPORT_BYTES {
            return Err(TooLarge { file: file.to_string(), bytes: self.bytes });
        }
        Ok(())
    }

    fn absorb(&mut self, input: usize, file: &str, e: &Export) -> Result<(Tally, Resolution), TooLarge> {
        if input == 0 {
            self.out.title.clone_from(&e.title);
        }
        self.files.push(file.to_string());
        if self.out.description.is_none() {
            self.out.description.clone_from(&e.description);
        }
        let mut tally = Tally::default();
        let mut r = Resolution::default();
        self.absorb_orgs(input, file, e, &mut tally, &mut r)?;
        self.absorb_decisions(input, file, e, &mut tally, &mut r)?;
        self.absorb_links(input, file, e, &mut tally, &mut r)?;
        self.absorb_rest(input, file, e, &r)?;
        Ok((tally, r))
    }

    fn absorb_orgs(
        &mut self,
        input: usize,
        file: &str,
        e: &Export,
        tally: &mut Tally,
        r: &mut Resolution,
    ) -> Result<(), TooLarge> {
        let mut added = Vec::new();
        for (i, o) in e.organizations.iter().enumerate() {
            let numbers = Numbers::of(o.identifiers.as_ref());
            let held_by = self.org_pos.get(&o.id).copied();
            if let Some(at) = held_by.filter(|&at| !self.org_numbers[at].contradict(&numbers)) {
                self.grow_numbers(at, &numbers);
                if without_identifiers(&self.out.organizations[at]) != without_identifiers(o) {
                    let first = self.file_of(&self.origins.organizations, at);
                    self.conflict("organizations", &o.id, file, first);
                }
                r.orgs.insert(o.id.clone(), o.id.clone());
                continue;
            }
            match self.orgs.find(&names_of(o), &numbers) {
                Found::Certain(at) => {
                    self.grow_numbers(at, &numbers);
                    r.orgs.insert(o.id.clone(), self.out.organizations[at].id.clone());
                    tally.organizations_known += 1;
                    continue;
                }
                Found::Uncertain(at) => {
                    let other = &self.out.organizations[at];
                    self.uncertain.push(uncertain_note(o, other, file, &numbers, &self.org_numbers[at]));
                }
                Found::None => {}
            }
            let mut id = o.id.clone();
            if let Some(at) = held_by {
                id = first_free(&o.id, |x| self.org_pos.contains_key(x));
                self.notes.push(format!(
                    "organisation « {} » de « {file} » : l'identifiant est déjà celui de « {} », aux numéros \
                     officiels différents ; renommée « {id} »",
                    o.name, self.out.organizations[at].name
                ));
            }
            let mut org = o.clone();
            org.id.clone_from(&id);
            r.orgs.insert(o.id.clone(), id.clone());
            self.grow(&org, file)?;
            self.org_pos.insert(id, self.out.organizations.len());
            added.push(self.out.organizations.len());
            self.out.organizations.push(org);
            self.org_numbers.push(numbers);
            self.numbers_grown.push(false);
            self.origins.organizations.push((input, i));
            tally.organizations_added += 1;
        }
        // Parents name the union's ids; the organisations added are found from the next input on,
        // so that two homonyms of one file stay two.
        for at in added {
            let org = &mut self.out.organizations[at];
            if let Some(p) = &org.parent {
                org.parent = Some(r.orgs.get(p).cloned().unwrap_or_else(|| p.clone()));
            }
            let org = &self.out.organizations[at];
            self.orgs.insert(at, &names_of(org), &self.org_numbers[at]);
        }
        Ok(())
    }

    fn grow_numbers(&mut self, at: usize, numbers: &Numbers) {
        if self.org_numbers[at].absorb(numbers) {
            self.numbers_grown[at] = true;
        }
    }

    fn absorb_decisions(
        &mut self,
        input: usize,
        file: &str,
        e: &Export,
        tally: &mut Tally,
        r: &mut Resolution,
    ) -> Result<(), TooLarge> {
        for (i, d) in e.decisions.iter().enumerate() {
            let identity = DecisionIdentity::of(d);
            let held_by = self.decision_pos.get(&d.id).copied();
            let same_id_same_act = held_by.filter(|&at| !self.decision_identity[at].clearly_other(&identity));
            if let Some(at) = same_id_same_act.or_else(|| self.find_decision(&identity)) {
                r.decisions.insert(d.id.clone(), self.out.decisions[at].id.clone());
                tally.decisions_known += usize::from(input > 0);
                continue;
            }
            let mut id = d.id.clone();
            if let Some(at) = held_by {
                id = self.renamed_decision(d);
                let other = &self.out.decisions[at];
                self.notes.push(format!(
                    "décision « {} » de « {file} » ({}) : l'identifiant est déjà celui d'une autre décision ({}) ; \
                     renommée « {id} »",
                    d.id, d.instance, other.instance
                ));
            }
            let mut decision = d.clone();
            decision.id.clone_from(&id);
            r.decisions.insert(d.id.clone(), id.clone());
            self.grow(&decision, file)?;
            let at = self.out.decisions.len();
            self.decision_pos.insert(id, at);
            self.decision_buckets.entry(identity.bucket()).or_default().push(at);
            self.decision_identity.push(identity);
            self.out.decisions.push(decision);
            self.origins.decisions.push((input, i));
            tally.decisions_added += 1;
        }
        Ok(())
    }

    fn find_decision(&self, identity: &DecisionIdentity) -> Option<usize> {
        let bucket = self.decision_buckets.get(&identity.bucket())?;
        bucket.iter().copied().find(|&at| self.decision_identity[at].same_act(identity))
    }

    /// Another id for a decision whose own is held by another act: its place appended
    /// (`2024-087-istres`), else a number.
    fn renamed_decision(&self, d: &format::Decision) -> String {
        let place_words = instance_place(&d.instance);
        let place: Vec<String> = slug(&d.instance)
            .split('-')
            .filter(|w| place_words.iter().any(|p| name_word(w) == *p))
            .map(str::to_string)
            .collect();
        let base = if place.is_empty() { d.id.clone() } else { format!("{}-{}", d.id, place.join("-")) };
        first_free(&base, |id| self.decision_pos.contains_key(id))
    }

    fn absorb_links(
        &mut self,
        input: usize,
        file: &str,
        e: &Export,
        tally: &mut Tally,
        r: &mut Resolution,
    ) -> Result<(), TooLarge> {
        let known_before = self.out.links.len();
        let mut used = HashSet::new();
        let incoming_decisions: HashMap<&str, &format::Decision> =
            e.decisions.iter().map(|d| (d.id.as_str(), d)).collect();
        for (i, l) in e.links.iter().enumerate() {
            let mut link = l.clone();
            let org = |id: &str| r.orgs.get(id).cloned().unwrap_or_else(|| id.to_string());
            link.from = org(&l.from);
            link.to = org(&l.to);
            link.parties = l.parties.iter().map(|p| org(p)).collect();
            link.decision = r.decisions.get(&l.decision).cloned().unwrap_or_else(|| l.decision.clone());
            for s in &mut link.sources {
                if let Some(d) = &s.decision {
                    s.decision = Some(r.decisions.get(d).cloned().unwrap_or_else(|| d.clone()));
                }
            }
            let date = self.decision_pos.get(&link.decision).map(|&at| self.out.decisions[at].date.clone());
            let key = LinkKey::of(&link, date.as_deref());
            let known = self
                .link_keys
                .get(&key)
                .and_then(|v| v.iter().copied().find(|&at| at < known_before && !used.contains(&at)));
            if let Some(at) = known {
                used.insert(at);
                let record = incoming_decisions.get(l.decision.as_str()).copied();
                tally.sources_added += self.add_sources(at, &link, record, file)?;
                r.links.insert(l.id.clone(), self.out.links[at].id.clone());
                tally.links_known += 1;
                continue;
            }
            let mut id = link.id.clone();
            if let Some(&at) = self.link_pos.get(&link.id) {
                let same = serde_json::to_value(&self.out.links[at]).ok() == serde_json::to_value(&link).ok();
                if same || self.out.links[at].decision == link.decision {
                    // One act under one decision, told otherwise: the first version stands.
                    if !same {
                        let first = self.file_of(&self.origins.links, at);
                        self.conflict("links", &link.id, file, first);
                    }
                    r.links.insert(l.id.clone(), link.id.clone());
                    continue;
                }
                id = first_free(&link.id, |x| self.link_pos.contains_key(x));
                self.notes.push(format!(
                    "lien « {} » de « {file} » : l'identifiant est déjà celui d'un autre acte ; renommé « {id} »",
                    link.id
                ));
            }
            let loose = key.without_parties();
            if let Some(twin) = self.kin_link(&key, &loose, known_before) {
                let other = &self.out.links[twin];
                self.uncertain.push(format!(
                    "rapprochement incertain : le lien « {} » de « {file} » ({} → {}) a la décision, la nature, l'année \
                     et le montant de « {} » ({} → {}), entre un organisme et celui dont il dépend ; gardé à part — \
                     si c'est le même acte, retirez l'un des deux",
                    link.id, link.from, link.to, other.id, other.from, other.to
                ));
            }
            link.id.clone_from(&id);
            r.links.insert(l.id.clone(), id.clone());
            self.grow(&link, file)?;
            let at = self.out.links.len();
            self.link_pos.insert(id, at);
            self.loose_keys.entry(loose).or_default().push(at);
            self.link_keys.entry(key).or_default().push(at);
            self.out.links.push(link);
            self.origins.links.push((input, i));
            tally.links_added += 1;
        }
        Ok(())
    }

    /// A link of an earlier input alike `key` in all but parties, each of its parties being one of
    /// `key`'s or its parent or child (France Travail for its Bouches-du-Rhône agency).
    fn kin_link(&self, key: &LinkKey, loose: &LinkKey, known_before: usize) -> Option<usize> {
        let parties = key.parties();
        let kin = |a: &str, b: &str| a == b || self.ancestor(a, b) || self.ancestor(b, a);
        self.loose_keys.get(loose)?.iter().copied().filter(|&at| at < known_before).find(|&at| {
            let other = LinkKey::of(&self.out.links[at], None);
            let theirs = other.parties();
            theirs.len() == parties.len() && parties.iter().zip(&theirs).all(|(a, b)| kin(a, b))
        })
    }

    /// Whether organisation `a` is an ancestor of `b` in the union (`parent` chains).
    fn ancestor(&self, a: &str, b: &str) -> bool {
        let mut next = self.org_pos.get(b).and_then(|&at| self.out.organizations[at].parent.clone());
        for _ in 0..self.out.organizations.len() {
            match next {
                Some(p) if p == a => return true,
                Some(p) => next = self.org_pos.get(&p).and_then(|&at| self.out.organizations[at].parent.clone()),
                None => return false,
            }
        }
        false
    }

    /// Adds to a known act the records `link` brings: its decision's document (unless it is the
    /// act's own) and the link's own `sources`. Each document is listed once. How many were added.
    fn add_sources(
        &mut self,
        at: usize,
        link: &format::Link,
        record: Option<&format::Decision>,
        file: &str,
    ) -> Result<usize, TooLarge> {
        let own = self.out.links[at].decision.clone();
        let own_document =
            self.decision_pos.get(&own).map(|&d| self.out.decisions[d].source.document.clone()).unwrap_or_default();
        let mut records: Vec<format::LinkSource> = record
            .map(|d| format::LinkSource {
                document: d.source.document.clone(),
                decision: Some(link.decision.clone()),
                url: d.source.url.clone(),
                quote: link.quote.clone(),
            })
            .into_iter()
            .collect();
        records.extend(link.sources.iter().cloned());
        let mut added = 0;
        for mut s in records {
            if s.decision.as_deref() == Some(own.as_str()) {
                s.decision = None;
            }
            let sources = &self.out.links[at].sources;
            let listed = sources.iter().any(|x| x.document == s.document && x.decision == s.decision);
            if (s.decision.is_none() && s.document == own_document) || listed {
                continue;
            }
            self.grow(&s, file)?;
            self.out.links[at].sources.push(s);
            added += 1;
        }
        Ok(added)
    }

    /// Indicators and story steps: by id (by title for steps), ids inside rewritten.
    fn absorb_rest(&mut self, input: usize, file: &str, e: &Export, r: &Resolution) -> Result<(), TooLarge> {
        let rename = |map: &HashMap<String, String>, id: &str| map.get(id).cloned().unwrap_or_else(|| id.to_string());
        for (i, x) in e.indicators.iter().enumerate() {
            let mut x = x.clone();
            x.organization = x.organization.map(|o| rename(&r.orgs, &o));
            x.decision = rename(&r.decisions, &x.decision);
            match self.indicator_pos.get(&x.id) {
                Some(&at) => {
                    if serde_json::to_value(&self.out.indicators[at]).ok() != serde_json::to_value(&x).ok() {
                        let first = self.file_of(&self.origins.indicators, at);
                        self.conflict("indicators", &x.id, file, first);
                    }
                }
                None => {
                    self.grow(&x, file)?;
                    self.indicator_pos.insert(x.id.clone(), self.out.indicators.len());
                    self.out.indicators.push(x);
                    self.origins.indicators.push((input, i));
                }
            }
        }
        for (i, st) in e.story.iter().enumerate() {
            let mut st = st.clone();
            st.organizations = st.organizations.iter().map(|o| rename(&r.orgs, o)).collect();
            st.links = st.links.iter().map(|l| rename(&r.links, l)).collect();
            match self.story_pos.get(&st.title) {
                Some(&at) => {
                    if serde_json::to_value(&self.out.story[at]).ok() != serde_json::to_value(&st).ok() {
                        let first = self.file_of(&self.origins.story, at);
                        self.conflict("story", &st.title, file, first);
                    }
                }
                None => {
                    self.grow(&st, file)?;
                    self.story_pos.insert(st.title.clone(), self.out.story.len());
                    self.out.story.push(st);
                    self.origins.story.push((input, i));
                }
            }
        }
        Ok(())
    }

    /// The file the element at `at` of a collection came from.
    fn file_of(&self, origins: &[(usize, usize)], at: usize) -> String {
        origins.get(at).and_then(|(input, _)| self.files.get(*input)).cloned().unwrap_or_default()
    }

    fn conflict(&mut self, collection: &str, key: &str, file: &str, first_file: String) {
        self.conflicts.push(format!(
            "{collection} « {key} » : « {file} » diffère de « {first_file} » ; la version de « {first_file} » est gardée"
        ));
    }

    fn finish(mut self, inputs: &[(String, Export)], tallies: Vec<Tally>) -> Merged {
        for (at, org) in self.out.organizations.iter_mut().enumerate() {
            if self.numbers_grown[at] {
                org.identifiers = self.org_numbers[at].to_wire();
            }
        }
        if inputs.is_empty() {
            self.out.title = String::new();
        }
        Merged {
            export: self.out,
            conflicts: self.conflicts,
            notes: self.notes,
            uncertain: self.uncertain,
            tallies,
            origins: self.origins,
        }
    }
}

/// An organisation compared without its official numbers, which merging completes.
fn without_identifiers(o: &format::Organization) -> Option<serde_json::Value> {
    let mut o = o.clone();
    o.identifiers = None;
    serde_json::to_value(&o).ok()
}

/// "« Alliance Emploi » (alliance-emploi) de « f » ressemble à « Alliance Villes Emploi » (ave)…"
fn uncertain_note(
    o: &format::Organization,
    other: &format::Organization,
    file: &str,
    numbers: &Numbers,
    other_numbers: &Numbers,
) -> String {
    let why = if numbers.contradict(other_numbers) {
        "même nom mais numéros officiels différents"
    } else {
        "nom approchant"
    };
    format!(
        "rapprochement incertain : « {} » ({}) de « {file} » et « {} » ({}) ({why}) ; gardées à part — si ce sont \
         les mêmes, ajoutez le nom aux former_names de « {} » ou son SIRET à ses identifiers",
        o.name, o.id, other.name, other.id, other.id
    )
}
