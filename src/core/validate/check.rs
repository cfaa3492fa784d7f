//! Wire types → checked model types: ids and references, dates, amounts, kinds, addresses.
//! Each element is checked on its own and every problem reported at its path, written out only
//! when there is one. Strings move from the wire type into the model, uncopied.

use std::collections::HashMap;

use serde_json::Value;

use super::read::{number_text, At};
use super::Report;
use crate::core::format;
use crate::core::grammar::{Article, Gender, Grammar};
use crate::core::i18n::fill;
use crate::core::model::{
    is_rna, is_siren, is_siret, AmountError, Cents, Decision, FormerName, Identifiers, Indicator, IsoDate, Link,
    LinkKind, LinkSource, OrgIx, OrgKind, Organization, StoryStep,
};

/// Adds one element's id to the index of its collection, reporting empty and duplicate ids.
pub fn index_id(index: &mut HashMap<String, usize>, id: Option<&str>, at: At, report: &mut Report) {
    let Some(id) = id else { return };
    if id.trim().is_empty() || id.chars().any(char::is_whitespace) {
        let message = fill(report.v.invalid_id, &[("id", id)]);
        report.at(format!("{at}.id"), message);
    } else if let Some(first) = index.get(id) {
        let first = At { index: *first, ..at };
        let message = fill(report.v.duplicate_id, &[("id", id), ("path", &first.to_string())]);
        report.at(format!("{at}.id"), message);
    } else {
        index.insert(id.to_owned(), at.index);
    }
}

/// The indexes that references are looked up in.
pub struct Refs<'a> {
    pub orgs: &'a HashMap<String, usize>,
    pub decisions: &'a HashMap<String, usize>,
    pub links: &'a HashMap<String, usize>,
}

impl Refs<'_> {
    fn org(&self, id: &str, path: &dyn Fn() -> String, report: &mut Report) -> Option<OrgIx> {
        let found = self.orgs.get(id).copied();
        if found.is_none() {
            let message = fill(report.v.unknown_org, &[("id", id)]);
            report.at(path(), message);
        }
        found
    }

    fn decision(&self, id: &str, path: &dyn Fn() -> String, report: &mut Report) -> Option<usize> {
        let found = self.decisions.get(id).copied();
        if found.is_none() {
            let message = fill(report.v.unknown_decision, &[("id", id)]);
            report.at(path(), message);
        }
        found
    }
}

pub fn check_org(o: format::Organization, at: At, refs: &Refs, report: &mut Report) -> Option<Organization> {
    let mut ok = true;
    let kind = OrgKind::from_key(&o.kind);
    if kind.is_none() {
        let message = fill(report.v.unknown_org_kind, &[("kind", &o.kind), ("keys", &OrgKind::keys())]);
        report.at(format!("{at}.kind"), message);
    }
    ok &= non_empty(&o.name, &|| format!("{at}.name"), report);
    ok &= check_url(o.website.as_deref(), &|| format!("{at}.website"), report);
    let parent = match &o.parent {
        Some(p) if *p == o.id => {
            report.at(format!("{at}.parent"), report.v.own_parent);
            ok = false;
            None
        }
        Some(p) => {
            let found = refs.org(p, &|| format!("{at}.parent"), report);
            ok &= found.is_some();
            found
        }
        None => None,
    };
    let mut former_names = Vec::new();
    for (i, f) in o.former_names.into_iter().enumerate() {
        let from = optional_date(f.from.as_deref(), &|| format!("{at}.former_names[{i}].from"), report);
        let until = optional_date(f.until.as_deref(), &|| format!("{at}.former_names[{i}].until"), report);
        ok &= from.is_ok() && until.is_ok();
        former_names.push(FormerName { name: f.name, from: from.ok()?, until: until.ok()? });
    }
    let identifiers = check_identifiers(o.identifiers, at, report);
    ok &= identifiers.is_some();
    let grammar = check_grammar(o.article.as_deref(), o.gender.as_deref(), at, report);
    ok &= grammar.is_some();
    (ok && kind.is_some()).then(|| Organization {
        id: o.id,
        name: o.name,
        short_name: o.short_name.filter(|s| !s.trim().is_empty()),
        grammar: grammar.unwrap_or_default(),
        kind: kind.unwrap_or(OrgKind::Other),
        former_names,
        parent,
        description: o.description,
        website: o.website,
        identifiers: identifiers.unwrap_or_default(),
    })
}

/// An organisation's article and gender: known values, and agreeing (« la » is feminine). Without
/// a gender, the article's own (or masculine) is taken.
fn check_grammar(article: Option<&str>, gender: Option<&str>, at: At, report: &mut Report) -> Option<Grammar> {
    let known = match article {
        None => Some(Article::None),
        Some(key) => Article::from_key(key).or_else(|| {
            let message = fill(report.v.unknown_value, &[("value", key), ("keys", Article::KEYS)]);
            report.at(format!("{at}.article"), message);
            None
        }),
    };
    let gender_known = match gender {
        None => Some(known.and_then(Article::gender).unwrap_or_default()),
        Some(key) => Gender::from_key(key).or_else(|| {
            let message = fill(report.v.unknown_value, &[("value", key), ("keys", Gender::KEYS)]);
            report.at(format!("{at}.gender"), message);
            None
        }),
    };
    let (known, gender_known) = (known?, gender_known?);
    if known.gender().is_some_and(|g| g != gender_known) {
        let values = [("article", article.unwrap_or_default()), ("gender", gender.unwrap_or_default())];
        report.at(format!("{at}.gender"), fill(report.v.gender_mismatch, &values));
        return None;
    }
    Some(Grammar { article: known, gender: gender_known })
}

/// SIREN, SIRET and RNA as the registers write them: digits only, right check digits, and each
/// SIRET an establishment of the SIREN when both are given. `None` when any is wrong.
fn check_identifiers(ids: Option<format::Identifiers>, at: At, report: &mut Report) -> Option<Identifiers> {
    let Some(ids) = ids else { return Some(Identifiers::default()) };
    let mut ok = true;
    if let Some(siren) = ids.siren.as_deref().filter(|s| !is_siren(s)) {
        report.at(format!("{at}.identifiers.siren"), fill(report.v.bad_siren, &[("value", siren)]));
        ok = false;
    }
    for (i, siret) in ids.siret.iter().enumerate() {
        let path = || format!("{at}.identifiers.siret[{i}]");
        if !is_siret(siret) {
            report.at(path(), fill(report.v.bad_siret, &[("value", siret)]));
            ok = false;
        } else if let Some(siren) = ids.siren.as_deref().filter(|s| !siret.starts_with(s)) {
            report.at(path(), fill(report.v.siret_of_other_siren, &[("value", siret), ("siren", siren)]));
            ok = false;
        }
    }
    if let Some(rna) = ids.rna.as_deref().filter(|r| !is_rna(r)) {
        report.at(format!("{at}.identifiers.rna"), fill(report.v.bad_rna, &[("value", rna)]));
        ok = false;
    }
    ok.then_some(Identifiers { siren: ids.siren, siret: ids.siret, rna: ids.rna })
}

/// Follows parents from organisation `start`; a walk that comes back to it is a cycle. At most
/// a step per organisation: a walk caught in a cycle that `start` is not on ends there.
pub fn check_parent_cycle(orgs: &[Option<Organization>], start: usize, report: &mut Report) {
    let mut current = start;
    for _ in 0..orgs.len() {
        match orgs[current].as_ref().and_then(|o| o.parent) {
            Some(parent) if parent == start => {
                return report.at(format!("$.organizations[{start}].parent"), report.v.parent_cycle);
            }
            Some(parent) => current = parent,
            None => return,
        }
    }
}

pub fn check_decision(d: format::Decision, at: At, report: &mut Report) -> Option<Decision> {
    let date = required_date(&d.date, &|| format!("{at}.date"), report);
    let signed = optional_date(d.signed.as_deref(), &|| format!("{at}.signed"), report);
    let mut ok = non_empty(&d.title, &|| format!("{at}.title"), report);
    ok &= non_empty(&d.instance, &|| format!("{at}.instance"), report);
    ok &= non_empty(&d.source.document, &|| format!("{at}.source.document"), report);
    ok &= check_url(d.source.url.as_deref(), &|| format!("{at}.source.url"), report);
    if !ok {
        return None;
    }
    Some(Decision {
        id: d.id,
        reference: d.reference.filter(|r| !r.trim().is_empty()),
        instance: d.instance,
        date: date?,
        signed: signed.ok()?,
        title: d.title,
        rapporteur: d.rapporteur,
        signatory: d.signatory,
        members_present: d.members_present,
        document: d.source.document,
        url: d.source.url,
        quote: d.source.quote,
    })
}

pub fn check_link(mut l: format::Link, at: At, refs: &Refs, report: &mut Report) -> Option<Link> {
    let kind = LinkKind::from_key(&l.kind);
    if kind.is_none() {
        let message = fill(report.v.unknown_link_kind, &[("kind", &l.kind), ("keys", &LinkKind::keys())]);
        report.at(format!("{at}.kind"), message);
    }
    let from = refs.org(&l.from, &|| format!("{at}.from"), report);
    let to = refs.org(&l.to, &|| format!("{at}.to"), report);
    if l.from == l.to {
        let message = fill(report.v.self_link, &[("id", &l.to)]);
        report.at(format!("{at}.to"), message);
    }
    let mut parties_ok = true;
    let mut parties = Vec::new();
    for (i, p) in l.parties.iter().enumerate() {
        match refs.org(p, &|| format!("{at}.parties[{i}]"), report) {
            Some(ix) => parties.push(ix),
            None => parties_ok = false,
        }
    }
    let decision = refs.decision(&l.decision, &|| format!("{at}.decision"), report);
    let mentioned_only = match l.basis.as_deref() {
        None | Some("decided") => false,
        Some("mentioned") => true,
        Some(other) => {
            let message = fill(report.v.unknown_value, &[("value", other), ("keys", "decided, mentioned")]);
            report.at(format!("{at}.basis"), message);
            parties_ok = false;
            false
        }
    };
    let amount = check_amount(&l, at, report);
    let start = optional_date(l.start.as_deref(), &|| format!("{at}.start"), report);
    let end = optional_date(l.end.as_deref(), &|| format!("{at}.end"), report);
    if let (Ok(Some(s)), Ok(Some(e))) = (start, end) {
        if e.last_day() < s.first_day() {
            let message = fill(report.v.end_before_start, &[("end", &e.to_string()), ("start", &s.to_string())]);
            report.at(format!("{at}.end"), message);
        }
    }
    if let Some(year) = l.year {
        if !(1000..=9999).contains(&year) {
            let message = fill(report.v.bad_year, &[("year", &year.to_string())]);
            report.at(format!("{at}.year"), message);
        }
    }
    let sources = check_link_sources(std::mem::take(&mut l.sources), at, refs, report);
    let (from, to, decision, amount, start, end) = (from?, to?, decision?, amount.ok()?, start.ok()?, end.ok()?);
    let sources = sources?;
    if !parties_ok || l.from == l.to {
        return None;
    }
    // Parties always list `from` and `to` first, so that views need not merge the two fields.
    let mut all_parties = vec![from, to];
    all_parties.extend(parties.into_iter().filter(|p| *p != from && *p != to));
    Some(Link {
        id: l.id,
        kind: kind?,
        from,
        to,
        parties: all_parties,
        decision,
        mentioned_only,
        title: l.title,
        convention: l.convention,
        amount,
        year: l.year,
        start,
        end,
        budget: l.budget,
        purpose: l.purpose,
        quote: l.quote,
        sources,
    })
}

/// Each further record of a link: a document named, a web address, an existing decision.
fn check_link_sources(
    sources: Vec<format::LinkSource>,
    at: At,
    refs: &Refs,
    report: &mut Report,
) -> Option<Vec<LinkSource>> {
    let mut ok = true;
    let mut out = Vec::with_capacity(sources.len());
    for (i, s) in sources.into_iter().enumerate() {
        ok &= non_empty(&s.document, &|| format!("{at}.sources[{i}].document"), report);
        ok &= check_url(s.url.as_deref(), &|| format!("{at}.sources[{i}].url"), report);
        let decision = match &s.decision {
            Some(id) => {
                let found = refs.decision(id, &|| format!("{at}.sources[{i}].decision"), report);
                ok &= found.is_some();
                found
            }
            None => None,
        };
        out.push(LinkSource { document: s.document, decision, url: s.url, quote: s.quote });
    }
    ok.then_some(out)
}

fn check_amount(l: &format::Link, at: At, report: &mut Report) -> Result<Option<Cents>, ()> {
    let from_string = match &l.amount {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => match Cents::parse_euros(s) {
            Ok(c) => Some(c),
            Err(e) => {
                let template = match e {
                    AmountError::Negative => report.v.negative_amount,
                    AmountError::NotDecimal => report.v.unreadable_amount,
                    AmountError::TooPrecise => report.v.too_precise,
                    AmountError::TooLarge => report.v.amount_too_large,
                };
                let message = fill(template, &[("value", s)]);
                report.at(format!("{at}.amount"), message);
                return Err(());
            }
        },
        Some(Value::Number(n)) => {
            let mut message = fill(report.v.amount_number, &[("value", &number_text(n))]);
            if n.as_f64().is_some_and(|v| v < 0.0) {
                message = format!("{} ; {message}", report.v.negative_amount);
            }
            report.at(format!("{at}.amount"), message);
            return Err(());
        }
        Some(other) => {
            let message = fill(report.v.amount_type, &[("type", report.type_of(other))]);
            report.at(format!("{at}.amount"), message);
            return Err(());
        }
    };
    let from_cents = match l.amount_cents {
        None => None,
        Some(c) if c < 0 => {
            report.at(format!("{at}.amount_cents"), report.v.negative_amount);
            return Err(());
        }
        Some(c) if c as u64 > Cents::MAX.0 => {
            let message = fill(report.v.amount_too_large, &[("value", &c.to_string())]);
            report.at(format!("{at}.amount_cents"), message);
            return Err(());
        }
        Some(c) => Some(Cents(c as u64)),
    };
    match (from_string, from_cents) {
        (Some(_), Some(_)) => {
            report.at(format!("{at}.amount_cents"), report.v.both_amounts);
            Err(())
        }
        (a, b) => Ok(a.or(b)),
    }
}

pub fn check_indicator(x: format::Indicator, at: At, refs: &Refs, report: &mut Report) -> Option<Indicator> {
    let organization = match &x.organization {
        Some(id) => Some(refs.org(id, &|| format!("{at}.organization"), report)?),
        None => None,
    };
    let decision = refs.decision(&x.decision, &|| format!("{at}.decision"), report)?;
    Some(Indicator {
        id: x.id,
        label: x.label,
        value: x.value,
        unit: x.unit,
        year: x.year,
        organization,
        decision,
        quote: x.quote,
    })
}

pub fn check_story_step(st: format::StoryStep, at: At, refs: &Refs, report: &mut Report) -> Option<StoryStep> {
    let mut ok = non_empty(&st.title, &|| format!("{at}.title"), report);
    let mut organizations = Vec::new();
    for (i, id) in st.organizations.iter().enumerate() {
        match refs.org(id, &|| format!("{at}.organizations[{i}]"), report) {
            Some(o) => organizations.push(o),
            None => ok = false,
        }
    }
    let mut links = Vec::new();
    for (i, id) in st.links.iter().enumerate() {
        match refs.links.get(id) {
            Some(l) => links.push(*l),
            None => {
                let message = fill(report.v.unknown_link, &[("id", id)]);
                report.at(format!("{at}.links[{i}]"), message);
                ok = false;
            }
        }
    }
    ok.then_some(StoryStep { title: st.title, text: st.text, organizations, links, zoom: st.zoom })
}

fn required_date(text: &str, path: &dyn Fn() -> String, report: &mut Report) -> Option<IsoDate> {
    let date = IsoDate::parse(text);
    if date.is_none() {
        let message = fill(report.v.bad_date, &[("value", text)]);
        report.at(path(), message);
    }
    date
}

fn optional_date(text: Option<&str>, path: &dyn Fn() -> String, report: &mut Report) -> Result<Option<IsoDate>, ()> {
    match text {
        None => Ok(None),
        Some(t) => required_date(t, path, report).map(Some).ok_or(()),
    }
}

fn non_empty(text: &str, path: &dyn Fn() -> String, report: &mut Report) -> bool {
    let ok = !text.trim().is_empty();
    if !ok {
        report.at(path(), report.v.empty);
    }
    ok
}

/// Only web addresses are accepted, so that a `javascript:` link can never reach the page.
fn check_url(url: Option<&str>, path: &dyn Fn() -> String, report: &mut Report) -> bool {
    let ok = url.is_none_or(|u| u.starts_with("https://") || u.starts_with("http://"));
    if !ok {
        report.at(path(), report.v.bad_url);
    }
    ok
}
