//! Questions asked of the network: search, filters (kind, years, amount, organisation kind,
//! a partner's own network), names as they were in a year, shortest paths and links told in
//! sentences, a parent's units and their links, and money totals (with or without the units). All derived from the model; nothing here is stored back into it.
//!
//! **The year rule.** A link belongs to every year from the first to the last year it was
//! decided or in force: from the earliest of its decision's date, its `start` and its `year`,
//! to the latest of its `end` and its `year` — or, when it has neither, open-ended: to the
//! last year present in the data if it has a `start`, else only the year it began.

use std::collections::VecDeque;

use super::grammar::{self, Party};
use super::graph::Graph;
use super::i18n::Lang;
use super::locale;
use super::model::{Cents, KindSet, LinkIx, LinkKind, Model, OrgIx, OrgKind, Organization};

/// What the user asked to see. Empty sets mean "all".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub link_kinds: KindSet<LinkKind>,
    pub org_kinds: KindSet<OrgKind>,
    /// Inclusive range of years.
    pub years: Option<(i32, i32)>,
    /// Inclusive range of amounts; links without an amount are left out when it is set.
    pub amount: Option<(Cents, Cents)>,
    /// Only the organisations within this many steps of this one.
    pub ego: Option<(OrgIx, usize)>,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        *self != Filter::default()
    }
}

/// Which organisations and links the filter keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visible {
    pub orgs: Vec<bool>,
    pub links: Vec<bool>,
}

impl Visible {
    pub fn all(model: &Model) -> Visible {
        Visible { orgs: vec![true; model.organizations.len()], links: vec![true; model.links.len()] }
    }

    pub fn link_count(&self) -> usize {
        self.links.iter().filter(|v| **v).count()
    }

    pub fn org_count(&self) -> usize {
        self.orgs.iter().filter(|v| **v).count()
    }
}

/// The first and last year of the data: every decision, start, end and year.
pub fn year_span(model: &Model) -> Option<(i32, i32)> {
    let years = model
        .decisions
        .iter()
        .map(|d| d.date.year)
        .chain(model.links.iter().flat_map(|l| [l.start.map(|d| d.year), l.end.map(|d| d.year), l.year]).flatten());
    years.fold(None, |span, y| Some(span.map_or((y, y), |(a, b): (i32, i32)| (a.min(y), b.max(y)))))
}

/// The years a link belongs to (see the year rule above), as an inclusive range.
pub fn link_years(model: &Model, link: LinkIx, data_last_year: i32) -> (i32, i32) {
    let l = &model.links[link];
    let decided = model.decisions[l.decision].date.year;
    let first = [Some(decided), l.start.map(|d| d.year), l.year].into_iter().flatten().min().unwrap_or(decided);
    let last = match (l.end, l.year, l.start) {
        (Some(end), _, _) => end.year.max(l.year.unwrap_or(end.year)),
        (None, Some(y), _) => y,
        (None, None, Some(_)) => data_last_year.max(first),
        (None, None, None) => first,
    };
    (first, last.max(first))
}

/// Applies a filter: a link is kept when its kind, years and amount match and both its ends
/// are kept; an organisation is kept when its kind matches and, if any link criterion is set,
/// it keeps at least one link (or is the centre of the partner's network).
pub fn apply(model: &Model, graph: &Graph, filter: &Filter) -> Visible {
    let last_year = year_span(model).map_or(0, |s| s.1);
    let mut orgs: Vec<bool> =
        model.organizations.iter().map(|o| filter.org_kinds.is_empty() || filter.org_kinds.contains(o.kind)).collect();
    if let Some((centre, depth)) = filter.ego {
        let near = within(graph, centre, depth);
        orgs.iter_mut().zip(near).for_each(|(v, n)| *v &= n);
    }
    let links: Vec<bool> = (0..model.links.len())
        .map(|ix| {
            let l = &model.links[ix];
            let kind_ok = filter.link_kinds.is_empty() || filter.link_kinds.contains(l.kind);
            let years_ok = filter.years.is_none_or(|(from, to)| {
                let (a, b) = link_years(model, ix, last_year);
                a <= to && b >= from
            });
            let amount_ok = filter.amount.is_none_or(|(lo, hi)| l.amount.is_some_and(|a| a >= lo && a <= hi));
            kind_ok && years_ok && amount_ok && orgs[l.from] && orgs[l.to]
        })
        .collect();
    let link_criteria = !filter.link_kinds.is_empty() || filter.years.is_some() || filter.amount.is_some();
    if link_criteria {
        let mut linked = vec![false; orgs.len()];
        for (ix, l) in model.links.iter().enumerate() {
            if links[ix] {
                linked[l.from] = true;
                linked[l.to] = true;
            }
        }
        if let Some((centre, _)) = filter.ego {
            linked[centre] = true;
        }
        orgs.iter_mut().zip(linked).for_each(|(v, l)| *v &= l);
    }
    Visible { orgs, links }
}

/// Organisations at most `depth` steps from `centre` (links and parent ties alike).
pub fn within(graph: &Graph, centre: OrgIx, depth: usize) -> Vec<bool> {
    let mut seen = vec![false; graph.node_count()];
    let mut queue = VecDeque::from([(centre, 0)]);
    seen[centre] = true;
    while let Some((org, d)) = queue.pop_front() {
        if d == depth {
            continue;
        }
        for n in graph.neighbours(org) {
            if !seen[n] {
                seen[n] = true;
                queue.push_back((n, d + 1));
            }
        }
    }
    seen
}

/// The name an organisation bore in a year: a former name still in use that year, else its name.
pub fn name_in_year(org: &Organization, year: i32) -> &str {
    org.former_names
        .iter()
        .find(|f| f.until.is_some_and(|u| u.year >= year) && f.from.is_none_or(|s| s.year <= year))
        .map_or(org.name.as_str(), |f| f.name.as_str())
}

/// Organisations matching a search, best first: accents and case are ignored; names, short
/// names and former names all count. A match at the start of a word ranks above one inside it.
pub fn search(model: &Model, text: &str, limit: usize) -> Vec<OrgIx> {
    let needle = locale::fold(text.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u8, usize, OrgIx)> = model
        .organizations
        .iter()
        .enumerate()
        .filter_map(|(ix, o)| {
            let names = std::iter::once(o.name.as_str())
                .chain(o.short_name.as_deref())
                .chain(o.former_names.iter().map(|f| f.name.as_str()));
            names
                .filter_map(|name| {
                    let hay = locale::fold(name);
                    let at = hay.find(&needle)?;
                    let word_start = at == 0 || !hay[..at].chars().last().is_some_and(locale::is_word_char);
                    Some(match (at == 0, word_start) {
                        (true, _) => 0,
                        (false, true) => 1,
                        (false, false) => 2,
                    })
                })
                .min()
                .map(|score| (score, o.name.len(), ix))
        })
        .collect();
    // A parent found brings its units (« France Travail » finds its agencies), after the names
    // that match themselves.
    let mut matched = vec![false; model.organizations.len()];
    scored.iter().for_each(|(_, _, ix)| matched[*ix] = true);
    for org in 0..matched.len() {
        if !matched[org] && ancestors(model, org).any(|a| matched[a]) {
            scored.push((3, 0, org));
        }
    }
    super::order::sort_by_key(&mut scored, |s| *s);
    scored.into_iter().take(limit).map(|(_, _, ix)| ix).collect()
}

/// Every shortest chain of organisations from `a` to `b` through visible links (and parent ties
/// between visible organisations), at most `max` of them, in a stable order.
pub fn shortest_paths(
    model: &Model,
    graph: &Graph,
    visible: &Visible,
    a: OrgIx,
    b: OrgIx,
    max: usize,
) -> Vec<Vec<OrgIx>> {
    if !visible.orgs[a] || !visible.orgs[b] {
        return Vec::new();
    }
    let passable = |x: OrgIx, y: OrgIx| {
        visible.orgs[x]
            && visible.orgs[y]
            && graph.bundle_between(x, y).is_some_and(|e| {
                let bundle = graph.bundle(e);
                bundle.parent_tie || bundle.links.iter().any(|l| visible.links[*l])
            })
    };
    // Breadth-first distances from `a`, then every path walked back from `b` along decreasing distance.
    let mut dist = vec![usize::MAX; model.organizations.len()];
    dist[a] = 0;
    let mut queue = VecDeque::from([a]);
    while let Some(x) = queue.pop_front() {
        let mut next: Vec<OrgIx> = graph.neighbours(x).filter(|y| passable(x, *y)).collect();
        super::order::sort_ascending(&mut next);
        for y in next {
            if dist[y] == usize::MAX {
                dist[y] = dist[x] + 1;
                queue.push_back(y);
            }
        }
    }
    if dist[b] == usize::MAX {
        return Vec::new();
    }
    let mut paths = Vec::new();
    let mut stack = vec![vec![b]];
    while let Some(partial) = stack.pop() {
        if paths.len() >= max {
            break;
        }
        let head = *partial.last().unwrap_or(&b);
        if head == a {
            paths.push(partial.into_iter().rev().collect());
            continue;
        }
        let mut prev: Vec<OrgIx> = graph
            .neighbours(head)
            .filter(|p| dist[*p] != usize::MAX && dist[*p] + 1 == dist[head] && passable(*p, head))
            .collect();
        // Highest first, so that the lowest is popped first.
        super::order::sort_ascending(&mut prev);
        prev.reverse();
        for p in prev {
            let mut longer = partial.clone();
            longer.push(p);
            stack.push(longer);
        }
    }
    paths
}

/// The clause template of a link walked from `from` (forward) or towards it.
pub fn link_template(kind: LinkKind, forward: bool, lang: Lang) -> &'static str {
    let t = lang.texts();
    let (fwd, back) = match kind {
        LinkKind::Partnership => (t.verb_partnership, t.verb_partnership),
        LinkKind::Subsidy => (t.verb_subsidy, t.verb_subsidy_back),
        LinkKind::Membership => (t.verb_membership, t.verb_membership_back),
        LinkKind::CoFunding => (t.verb_cofunding, t.verb_cofunding_back),
        LinkKind::Mandate => (t.verb_mandate, t.verb_mandate_back),
        LinkKind::DataSharing => (t.verb_data, t.verb_data_back),
        LinkKind::Pact => (t.verb_pact, t.verb_pact),
        LinkKind::Other => (t.verb_other, t.verb_other),
    };
    if forward {
        fwd
    } else {
        back
    }
}

/// The template of one step of a path: the first visible link between the two (walked in its
/// direction or against it), else their parent tie.
fn step_template(model: &Model, graph: &Graph, visible: &Visible, from: OrgIx, to: OrgIx, lang: Lang) -> &'static str {
    let Some(edge) = graph.bundle_between(from, to) else { return "" };
    let t = lang.texts();
    match graph.bundle(edge).links.iter().copied().find(|l| visible.links[*l]) {
        Some(l) => link_template(model.links[l].kind, model.links[l].from == from, lang),
        None if model.organizations[to].parent == Some(from) => t.verb_parent,
        None => t.verb_child,
    }
}

/// A path told as one sentence, with articles and agreement: « La Préfecture des
/// Bouches-du-Rhône mandate la CCIMP, qui est subventionnée par la Métropole AMP. »
pub fn describe_path(model: &Model, graph: &Graph, visible: &Visible, path: &[OrgIx], lang: Lang) -> String {
    let party = |o: OrgIx| Party::of(&model.organizations[o]);
    let mut sentence = String::new();
    for (i, pair) in path.windows(2).enumerate() {
        let template = step_template(model, graph, visible, pair[0], pair[1], lang);
        if i == 0 {
            sentence.push_str(&grammar::clause(template, party(pair[0]), party(pair[1]), lang));
        } else {
            let which = Party::relative(lang.texts().which, model.organizations[pair[0]].grammar);
            sentence.push_str(", ");
            sentence.push_str(&grammar::clause(template, which, party(pair[1]), lang));
        }
    }
    let mut sentence = super::i18n::capitalise(&sentence);
    sentence.push('.');
    sentence
}

/// A link told as a sentence from its `from` to its `to`: « La Métropole AMP subventionne la CCIMP. »
pub fn link_sentence(model: &Model, link: LinkIx, lang: Lang) -> String {
    let l = &model.links[link];
    let (a, b) = (&model.organizations[l.from], &model.organizations[l.to]);
    grammar::sentence(link_template(l.kind, true, lang), Party::of(a), Party::of(b), lang)
}

/// The visible links decided in a year (by their decision's date), in export order.
pub fn acts_of_year(model: &Model, visible: &Visible, year: i32) -> Vec<LinkIx> {
    (0..model.links.len()).filter(|l| visible.links[*l] && model.decision_of(*l).date.year == year).collect()
}

/// The organisations under `org`: its units, their units and so on, in export order. One walk up
/// from each organisation (validation refuses parent cycles, so each walk ends).
pub fn units_of(model: &Model, org: OrgIx) -> Vec<OrgIx> {
    (0..model.organizations.len()).filter(|o| *o != org && ancestors(model, *o).any(|a| a == org)).collect()
}

/// An organisation's parent, its parent's parent, and so on.
fn ancestors(model: &Model, org: OrgIx) -> impl Iterator<Item = OrgIx> + '_ {
    std::iter::successors(model.organizations[org].parent, move |p| model.organizations[*p].parent)
        .take(model.organizations.len())
}

/// A parent's units' visible links that do not involve the parent itself, grouped by unit (units
/// in export order, each with at least one link; a link between two units is listed under the first).
pub fn unit_links(model: &Model, visible: &Visible, org: OrgIx) -> Vec<(OrgIx, Vec<LinkIx>)> {
    let mut listed = vec![false; model.links.len()];
    let mut groups = Vec::new();
    for unit in units_of(model, org) {
        let links: Vec<LinkIx> = model
            .links_of(unit)
            .filter(|l| visible.links[*l] && !model.links[*l].involves(org) && !listed[*l])
            .collect();
        links.iter().for_each(|l| listed[*l] = true);
        if !links.is_empty() {
            groups.push((unit, links));
        }
    }
    groups
}

/// Money an organisation paid and received, by year and link kind (visible links only). Each
/// list is sorted by year, then kind, with one entry per pair.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totals {
    pub paid: Vec<((i32, LinkKind), Cents)>,
    pub received: Vec<((i32, LinkKind), Cents)>,
}

impl Totals {
    pub fn paid_total(&self) -> Cents {
        Cents(self.paid.iter().map(|(_, c)| c.0).sum())
    }

    pub fn received_total(&self) -> Cents {
        Cents(self.received.iter().map(|(_, c)| c.0).sum())
    }

    /// What was paid in a year for one kind of link.
    pub fn paid_in(&self, year: i32, kind: LinkKind) -> Cents {
        amount_at(&self.paid, (year, kind))
    }

    /// What was received in a year for one kind of link.
    pub fn received_in(&self, year: i32, kind: LinkKind) -> Cents {
        amount_at(&self.received, (year, kind))
    }

    /// Years with money either way, in order, each with (paid, received).
    pub fn by_year(&self) -> Vec<(i32, (Cents, Cents))> {
        let mut years: Vec<(i32, (Cents, Cents))> = Vec::new();
        let mut add = |year: i32, paid: u64, received: u64| {
            let at = years.partition_point(|(y, _)| *y < year);
            if years.get(at).is_none_or(|(y, _)| *y != year) {
                years.insert(at, (year, (Cents(0), Cents(0))));
            }
            let sums = &mut years[at].1;
            sums.0 .0 += paid;
            sums.1 .0 += received;
        };
        self.paid.iter().for_each(|((y, _), c)| add(*y, c.0, 0));
        self.received.iter().for_each(|((y, _), c)| add(*y, 0, c.0));
        years
    }
}

fn amount_at(list: &[((i32, LinkKind), Cents)], key: (i32, LinkKind)) -> Cents {
    list.iter().find(|(k, _)| *k == key).map_or(Cents(0), |(_, c)| *c)
}

/// Adds to the entry of `key`, inserted in order when new. (A sorted `Vec` rather than a
/// `BTreeMap`: a handful of entries, and much less code in the browser build.)
fn add_at(list: &mut Vec<((i32, LinkKind), Cents)>, key: (i32, LinkKind), amount: Cents) {
    let at = list.partition_point(|(k, _)| *k < key);
    match list.get_mut(at) {
        Some((k, sum)) if *k == key => sum.0 += amount.0,
        _ => list.insert(at, (key, amount)),
    }
}

/// A link's money counts in its `year`, else the year it starts, else the year it was decided.
pub fn money_year(model: &Model, link: LinkIx) -> i32 {
    let l = &model.links[link];
    l.year.or(l.start.map(|s| s.year)).unwrap_or(model.decisions[l.decision].date.year)
}

pub fn totals(model: &Model, visible: &Visible, org: OrgIx) -> Totals {
    let mut member = vec![false; model.organizations.len()];
    member[org] = true;
    totals_of(model, visible, &member)
}

/// What an organisation and its units paid and received together (money between them is left
/// out: it neither comes in nor goes out of the group). The flag says whether any unit's money
/// is in it, for the panel to say « unités comprises ».
pub fn totals_with_units(model: &Model, visible: &Visible, org: OrgIx) -> (Totals, bool) {
    let mut member = vec![false; model.organizations.len()];
    member[org] = true;
    let units = units_of(model, org);
    units.iter().for_each(|u| member[*u] = true);
    let with_units = totals_of(model, visible, &member);
    let included = with_units != totals(model, visible, org);
    (with_units, included)
}

/// Money paid and received by a group of organisations (`member`), links inside it left out.
fn totals_of(model: &Model, visible: &Visible, member: &[bool]) -> Totals {
    let mut totals = Totals::default();
    for (ix, l) in model.links.iter().enumerate() {
        let Some(amount) = l.amount.filter(|_| visible.links[ix]) else { continue };
        if member[l.from] == member[l.to] {
            continue;
        }
        let key = (money_year(model, ix), l.kind);
        if member[l.from] {
            add_at(&mut totals.paid, key, amount);
        } else {
            add_at(&mut totals.received, key, amount);
        }
    }
    totals
}

/// The sum of the visible links' amounts: the header's total for the current filter.
pub fn visible_total(model: &Model, visible: &Visible) -> Cents {
    Cents(model.links.iter().zip(&visible.links).filter(|(_, v)| **v).filter_map(|(l, _)| l.amount).map(|a| a.0).sum())
}

/// How many visible links of each kind, for the filter's checkboxes: the kinds that have some,
/// in vocabulary order.
pub fn kind_counts(model: &Model, visible: &Visible) -> Vec<(LinkKind, usize)> {
    let mut counts = vec![0; LinkKind::ALL.len()];
    for (l, v) in model.links.iter().zip(&visible.links) {
        if *v {
            counts[l.kind as usize] += 1;
        }
    }
    LinkKind::ALL.iter().copied().zip(counts).filter(|(_, n)| *n > 0).collect()
}
