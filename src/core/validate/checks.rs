//! The meaning of an export once read: references between ids, dates, amounts, kinds, parent
//! cycles, addresses; each element checked into its `model` type or reported.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::read::number_text;
use super::Report;
use crate::core::format;
use crate::core::grammar::{Article, Gender, Grammar};
use crate::core::i18n::fill;
use crate::core::model::{
    is_rna, is_siren, is_siret, Cents, Decision, FormerName, Identifiers, Indicator, IsoDate, Link, LinkKind,
    LinkSource, OrgIx, OrgKind, Organization, StoryStep,
};

pub(super) struct Refs<'a> {
    pub(super) orgs: &'a HashMap<String, usize>,
    pub(super) decisions: &'a HashMap<String, usize>,
}

impl Refs<'_> {
    pub(super) fn org(&self, id: &str, path: String, report: &mut Report) -> Option<OrgIx> {
        let found = self.orgs.get(id).copied();
        if found.is_none() {
            let message = fill(report.v.unknown_org, &[("id", id)]);
            report.at(path, message);
        }
        found
    }

    pub(super) fn decision(&self, id: &str, path: String, report: &mut Report) -> Option<usize> {
        let found = self.decisions.get(id).copied();
        if found.is_none() {
            let message = fill(report.v.unknown_decision, &[("id", id)]);
            report.at(path, message);
        }
        found
    }
}

pub(super) fn check_org(
    o: &format::Organization,
    path: &str,
    refs: &Refs,
    report: &mut Report,
) -> Option<Organization> {
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
    let mut former_names = Vec::new();
    for (i, f) in o.former_names.iter().enumerate() {
        let p = format!("{path}.former_names[{i}]");
        let from = optional_date(f.from.as_deref(), &format!("{p}.from"), report);
        let until = optional_date(f.until.as_deref(), &format!("{p}.until"), report);
        ok &= from.is_ok() && until.is_ok();
        former_names.push(FormerName { name: f.name.clone(), from: from.ok()?, until: until.ok()? });
    }
    let identifiers = check_identifiers(o.identifiers.as_ref(), &format!("{path}.identifiers"), report);
    ok &= identifiers.is_some();
    let grammar = check_grammar(o, path, report);
    ok &= grammar.is_some();
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
        identifiers: identifiers.unwrap_or_default(),
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

/// SIREN, SIRET and RNA as the registers write them: digits only, right check digits, and each
/// SIRET an establishment of the SIREN when both are given. `None` when any is wrong.
fn check_identifiers(ids: Option<&format::Identifiers>, path: &str, report: &mut Report) -> Option<Identifiers> {
    let Some(ids) = ids else { return Some(Identifiers::default()) };
    let mut ok = true;
    if let Some(siren) = ids.siren.as_deref().filter(|s| !is_siren(s)) {
        report.at(format!("{path}.siren"), fill(report.v.bad_siren, &[("value", siren)]));
        ok = false;
    }
    for (i, siret) in ids.siret.iter().enumerate() {
        let at = format!("{path}.siret[{i}]");
        if !is_siret(siret) {
            report.at(at, fill(report.v.bad_siret, &[("value", siret)]));
            ok = false;
        } else if let Some(siren) = ids.siren.as_deref().filter(|s| !siret.starts_with(s)) {
            report.at(at, fill(report.v.siret_of_other_siren, &[("value", siret), ("siren", siren)]));
            ok = false;
        }
    }
    if let Some(rna) = ids.rna.as_deref().filter(|r| !is_rna(r)) {
        report.at(format!("{path}.rna"), fill(report.v.bad_rna, &[("value", rna)]));
        ok = false;
    }
    ok.then(|| Identifiers { siren: ids.siren.clone(), siret: ids.siret.clone(), rna: ids.rna.clone() })
}

/// Follows parents from each organisation; a walk that comes back to its start is a cycle.
pub(super) fn check_parent_cycles(orgs: &[Option<Organization>], report: &mut Report) {
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

pub(super) fn check_decision(d: &format::Decision, path: &str, report: &mut Report) -> Option<Decision> {
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

pub(super) fn check_link(l: &format::Link, path: &str, refs: &Refs, report: &mut Report) -> Option<Link> {
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
            let message = fill(report.v.unknown_basis, &[("value", other)]);
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
    let sources = check_link_sources(&l.sources, path, refs, report);
    let (from, to, decision, amount, start, end) = (from?, to?, decision?, amount.ok()?, start.ok()?, end.ok()?);
    let sources = sources?;
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
        sources,
    })
}

/// Each further record of a link: a document named, a web address, an existing decision.
fn check_link_sources(
    sources: &[format::LinkSource],
    path: &str,
    refs: &Refs,
    report: &mut Report,
) -> Option<Vec<LinkSource>> {
    let mut ok = true;
    let mut out = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        let at = format!("{path}.sources[{i}]");
        ok &= non_empty(&s.document, &format!("{at}.document"), report);
        ok &= check_url(s.url.as_deref(), &format!("{at}.url"), report);
        let decision = match &s.decision {
            Some(id) => {
                let found = refs.decision(id, format!("{at}.decision"), report);
                ok &= found.is_some();
                found
            }
            None => None,
        };
        out.push(LinkSource { document: s.document.clone(), decision, url: s.url.clone(), quote: s.quote.clone() });
    }
    ok.then_some(out)
}

pub(super) fn check_amount(l: &format::Link, path: &str, report: &mut Report) -> Result<Option<Cents>, ()> {
    let amount_path = format!("{path}.amount");
    let from_string = match &l.amount {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => match Cents::parse_euros(s) {
            Ok(c) => Some(c),
            Err(e) => {
                use crate::core::model::AmountError::*;
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
        Some(c) if c as u64 > Cents::MAX.0 => {
            let message = fill(report.v.amount_too_large, &[("value", &c.to_string())]);
            report.at(format!("{path}.amount_cents"), message);
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

pub(super) fn check_indicator(
    x: &format::Indicator,
    path: &str,
    refs: &Refs,
    report: &mut Report,
) -> Option<Indicator> {
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

pub(super) fn check_story_step(
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

pub(super) fn required_date(text: &str, path: &str, report: &mut Report) -> Option<IsoDate> {
    let date = IsoDate::parse(text);
    if date.is_none() {
        let message = fill(report.v.bad_date, &[("value", text)]);
        report.at(path, message);
    }
    date
}

pub(super) fn optional_date(text: Option<&str>, path: &str, report: &mut Report) -> Result<Option<IsoDate>, ()> {
    match text {
        None => Ok(None),
        Some(t) => required_date(t, path, report).map(Some).ok_or(()),
    }
}

pub(super) fn non_empty(text: &str, path: &str, report: &mut Report) -> bool {
    let ok = !text.trim().is_empty();
    if !ok {
        report.at(path, report.v.empty);
    }
    ok
}

/// Only web addresses are accepted, so that a `javascript:` link can never reach the page.
pub(super) fn check_url(url: Option<&str>, path: &str, report: &mut Report) -> bool {
    let ok = url.is_none_or(|u| u.starts_with("https://") || u.starts_with("http://"));
    if !ok {
        report.at(path, report.v.bad_url);
    }
    ok
}
