//! The details panel: an organisation (names, kind, parent, money, links grouped by kind), a
//! link (everything about it and the decision behind it), or a bundle (the list of its acts).

use std::rc::Rc;

use yew::prelude::*;

use crate::core::dataset::{Dataset, Resolved};
use crate::core::i18n::{capitalise, fill, Lang};
use crate::core::model::{Decision, LinkIx, LinkKind, OrgIx};
use crate::core::origin::web_origin;
use crate::core::query::{self, Visible};
use crate::core::route::{Route, Selection, View};

/// Acts listed per kind in an organisation's panel; a hub's thousands are in the table.
const ACTS_SHOWN: usize = 50;
use crate::core::scene::bundle_badge;
use crate::core::table;
use crate::ui::money_chart::money_chart;
use crate::ui::origin;

/// What the panel shows, and where its choices go.
#[derive(Clone)]
pub struct DetailsProps {
    pub data: Rc<Dataset>,
    pub resolved: Resolved,
    pub visible: Rc<Visible>,
    pub route: Route,
    pub on_select: Callback<Selection>,
    pub on_route: Callback<Route>,
    pub on_close: Callback<()>,
}

impl PartialEq for DetailsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
            && self.resolved == other.resolved
            && self.visible == other.visible
            && self.route == other.route
    }
}

/// A function of the root, not a component (each component type costs the wasm its own
/// lifecycle code): the root moves focus to the panel's heading on each new selection.
/// `asset_base`: where the shipped source documents are (`sources/…`).
pub fn details(props: &DetailsProps, lang: Lang, asset_base: &str) -> Html {
    let asset_base = asset_base.to_string();
    let ctx = Ctx { props, lang, asset_base };
    let t = lang.texts();
    let m = &props.data.model;
    let (title, body) = match props.resolved {
        Resolved::None => return html! {},
        Resolved::Org(org) => (m.organizations[org].name.clone(), ctx.org(org)),
        Resolved::Link(link) => (ctx.link_title(link), ctx.link(link)),
        Resolved::Bundle(edge) => {
            let (a, b) = props.data.graph.bundle(edge).ends;
            (format!("{} — {}", m.organizations[a].label(), m.organizations[b].label()), ctx.bundle(edge))
        }
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <aside class="details sheet" aria-labelledby="details-title">
            <div class="details-head">
                <h2 id="details-title" tabindex="-1">{ title }</h2>
                <button type="button" class="close" onclick={close} aria-label={t.close_title}>
                    <span aria-hidden="true">{"×"}</span>
                </button>
            </div>
            { body }
        </aside>
    }
}

struct Ctx<'a> {
    props: &'a DetailsProps,
    lang: Lang,
    asset_base: String,
}

impl Ctx<'_> {
    fn data(&self) -> &Dataset {
        &self.props.data
    }

    fn org_button(&self, org: OrgIx) -> Html {
        let o = &self.data().model.organizations[org];
        let (cb, id) = (self.props.on_select.clone(), o.id.clone());
        html! {
            <button type="button" class="linkish" onclick={Callback::from(move |_: MouseEvent| cb.emit(Selection::Org(id.clone())))}>
                { o.name.clone() }
            </button>
        }
    }

    fn link_button(&self, link: LinkIx, text: String) -> Html {
        let (cb, id) = (self.props.on_select.clone(), self.data().model.links[link].id.clone());
        html! {
            <button type="button" class="linkish" onclick={Callback::from(move |_: MouseEvent| cb.emit(Selection::Link(id.clone())))}>
                { text }
            </button>
        }
    }

    fn route_button(&self, label: &str, pressed: Option<bool>, route: Route) -> Html {
        let on_route = self.props.on_route.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_route.emit(route.clone()));
        html! { <button type="button" class="chip" aria-pressed={pressed.map(|p| p.to_string())} {onclick}>{ label.to_string() }</button> }
    }

    fn link_title(&self, link: LinkIx) -> String {
        let l = &self.data().model.links[link];
        l.title.clone().unwrap_or_else(|| capitalise(self.lang.link_kind(l.kind)))
    }

    /// "Only its links" (depth 1 or 2) and "path from here": a partner exploring its own ties.
    fn org_actions(&self, org: OrgIx) -> Html {
        let t = self.lang.texts();
        let route = &self.props.route;
        let id = self.data().model.organizations[org].id.clone();
        let focus_at = |depth: usize| Route { focus: Some((id.clone(), depth)), ..route.clone() };
        let current = route.focus.as_ref().filter(|(f, _)| *f == id).map(|(_, d)| *d);
        let to = route.path.as_ref().map(|p| p.1.clone()).filter(|b| *b != id).unwrap_or_default();
        html! {
            <div class="org-actions" role="group" aria-label={t.only_links_of}>
                <span class="org-actions-label">{ t.only_links_of }{" :"}</span>
                { self.route_button(t.depth_1, Some(current == Some(1)), focus_at(1)) }
                { self.route_button(t.depth_2, Some(current == Some(2)), focus_at(2)) }
                if current.is_some() { { self.route_button(t.whole_network, None, Route { focus: None, ..route.clone() }) } }
                { self.route_button(t.path_from_here, None, Route { path: Some((id.clone(), to)), ..route.clone() }) }
            </div>
        }
    }

    fn org(&self, org: OrgIx) -> Html {
        let (lang, t) = (self.lang, self.lang.texts());
        let m = &self.data().model;
        let o = &m.organizations[org];
        let former = o.former_names.iter().map(|f| {
            let d = |x| lang.date(x);
            let when = match (f.from, f.until) {
                (Some(a), Some(b)) => format!(" ({})", fill(t.name_between, &[("from", &d(a)), ("to", &d(b))])),
                (None, Some(b)) => format!(" ({})", fill(t.name_until, &[("date", &d(b))])),
                (Some(a), None) => format!(" ({})", fill(t.name_since, &[("date", &d(a))])),
                (None, None) => String::new(),
            };
            html! { <li>{ format!("{}{when}", f.name) }</li> }
        });
        let children: Vec<OrgIx> = m.children(org).collect();
        let indicators: Vec<Html> = m
            .indicators
            .iter()
            .filter(|i| i.organization == Some(org))
            .map(|i| html! { <li>{ format!("{} : {} {} ({})", i.label, lang.integer(i.value), i.unit, i.year) }</li> })
            .collect();
        let visible = &self.props.visible;
        let links: Vec<LinkIx> = m.links_of(org).filter(|l| visible.links[*l]).collect();
        let in_table = Route { view: View::Table, focus: Some((o.id.clone(), 1)), ..self.props.route.clone() };
        let groups = LinkKind::ALL.iter().filter_map(|kind| {
            let of_kind: Vec<LinkIx> = links.iter().copied().filter(|l| m.links[*l].kind == *kind).collect();
            let more = of_kind.len().saturating_sub(ACTS_SHOWN);
            (!of_kind.is_empty()).then(|| {
                html! {
                    <section class="link-group">
                        <h4>{ format!("{} ({})", capitalise(lang.link_kind(*kind)), of_kind.len()) }</h4>
                        <ul class="acts">{ for of_kind.iter().take(ACTS_SHOWN).map(|l| self.act_summary(*l, Some(org))) }</ul>
                        if more > 0 {
                            <p class="more-acts">
                                { fill(t.more_acts, &[("count", &lang.integer(more as u64))]) }{" "}
                                { self.route_button(t.see_in_table, None, in_table.clone()) }
                            </p>
                        }
                    </section>
                }
            })
        });
        // A parent's units' own links, grouped by unit: « via France Travail Bouches-du-Rhône ».
        let unit_groups = query::unit_links(m, visible, org);
        let unit_count: usize = unit_groups.iter().map(|(_, links)| links.len()).sum();
        let units = unit_groups.iter().map(|(unit, links)| {
            let name = &m.organizations[*unit].name;
            html! {
                <section class="link-group">
                    <h4>{ format!("{} ({})", fill(t.via, &[("name", name)]), links.len()) }</h4>
                    <ul class="acts">{ for links.iter().take(ACTS_SHOWN).map(|l| self.act_summary(*l, Some(*unit))) }</ul>
                </section>
            }
        });
        let (totals, units_included) = query::totals_with_units(m, visible, org);
        html! {
            <div class="details-body">
                { self.org_actions(org) }
                <dl class="facts">
                    if let Some(short) = &o.short_name { { fact(t.short_name, text(short)) } }
                    { fact(t.kind, text(&capitalise(lang.org_kind(o.kind)))) }
                    if !o.former_names.is_empty() { { fact(t.other_names, html! { <ul class="plain">{ for former }</ul> }) } }
                    if let Some(parent) = o.parent { { fact(t.parent, self.org_button(parent)) } }
                    if !children.is_empty() {
                        { fact(t.children, html! { <ul class="plain">{ for children.iter().map(|c| html! { <li>{ self.org_button(*c) }</li> }) }</ul> }) }
                    }
                    if let Some(site) = &o.website {
                        { fact(t.website, outbound_link(site, None, lang)) }
                    }
                </dl>
                if let Some(d) = &o.description { <p class="description">{ d.clone() }</p> }
                if !indicators.is_empty() { <h3>{ t.figures }</h3><ul class="plain">{ for indicators }</ul> }
                if totals.paid_total().0 + totals.received_total().0 > 0 {
                    <h3>{ t.money }if units_included { <span class="heading-note">{ format!(" ({})", t.units_included) }</span> }</h3>
                    { money_chart(&totals, lang) }
                }
                <h3>{ format!("{} ({})", t.links_heading, links.len()) }</h3>
                if links.is_empty() { <p>{ t.no_links }</p> }
                { for groups }
                if unit_count > 0 {
                    <h3>{ format!("{} ({unit_count})", t.units_links) }</h3>
                    { for units }
                }
            </div>
        }
    }

    /// One act as a list item: the other party, what it is, amount, period and decision.
    fn act_summary(&self, link: LinkIx, from_point_of: Option<OrgIx>) -> Html {
        let (lang, t) = (self.lang, self.lang.texts());
        let m = &self.data().model;
        let l = &m.links[link];
        let other = from_point_of.map(|o| l.other_party(o));
        let direction = match from_point_of {
            Some(o) if l.amount.is_some() && l.from == o => t.paid_to,
            Some(o) if l.amount.is_some() && l.to == o => t.received_from,
            _ => t.with,
        };
        let period = table::period(m, link, lang);
        html! {
            <li class="act">
                <p class="act-title">{ self.link_button(link, self.link_title(link)) }</p>
                if let Some(o) = other { <p>{ format!("{direction} ") }{ self.org_button(o) }</p> }
                <p class="act-meta">
                    if let Some(a) = l.amount { <strong class="amount">{ lang.euros(a) }</strong>{" · "} }
                    if !period.is_empty() { { period }{" · "} }
                    { decision_line(m.decision_of(link), lang) }
                </p>
            </li>
        }
    }

    fn link(&self, link: LinkIx) -> Html {
        let (lang, t) = (self.lang, self.lang.texts());
        let m = &self.data().model;
        let l = &m.links[link];
        let d = m.decision_of(link);
        let period = table::period(m, link, lang);
        html! {
            <div class="details-body">
                <dl class="facts">
                    { fact(t.kind, text(&capitalise(lang.link_kind(l.kind)))) }
                    { fact(if l.amount.is_some() { t.payer } else { t.from }, self.org_button(l.from)) }
                    { fact(if l.amount.is_some() { t.beneficiary } else { t.to }, self.org_button(l.to)) }
                    if l.parties.len() > 2 {
                        { fact(t.parties, html! { <ul class="plain">{ for l.parties.iter().map(|p| html! { <li>{ self.org_button(*p) }</li> }) }</ul> }) }
                    }
                    if let Some(a) = l.amount { { fact(t.amount, html! { <strong class="amount">{ lang.euros(a) }</strong> }) } }
                    if !period.is_empty() { { fact(t.period, text(&period)) } }
                    if let Some(c) = &l.convention { { fact(t.convention, text(c)) } }
                    if let Some(b) = &l.budget { { fact(t.budget, text(b)) } }
                </dl>
                if let Some(p) = &l.purpose { <p class="description">{ p.clone() }</p> }
                if let Some(q) = &l.quote { <blockquote class="quote" lang="fr">{ format!("« {q} »") }</blockquote> }
                <h3>{ if l.mentioned_only { t.mentioned_in } else { t.decision } }</h3>
                <dl class="facts">
                    if let Some(r) = &d.reference { <dt>{ t.reference }</dt><dd class="reference">{ r.clone() }</dd> }
                    { fact(t.instance, text(&d.instance)) }
                    { fact(if d.reference.is_some() { t.seance } else { t.date }, text(&lang.date(d.date))) }
                    if let Some(s) = d.signed { { fact(t.signed, text(&lang.date(s))) } }
                    { fact(t.subject, text(&d.title)) }
                    if let Some(r) = &d.rapporteur { { fact(t.rapporteur, text(r)) } }
                    if let Some(s) = &d.signatory { { fact(t.signatory, text(s)) } }
                    if let Some(n) = d.members_present { { fact(t.members_present, text(&n.to_string())) } }
                    { fact(t.source, source_link(&d.document, d.url.as_deref(), &self.asset_base, lang)) }
                </dl>
                if let Some(q) = &d.quote { <blockquote class="quote" lang="fr">{ format!("« {q} »") }</blockquote> }
            </div>
        }
    }

    fn bundle(&self, edge: petgraph::graph::EdgeIndex) -> Html {
        let t = self.lang.texts();
        let m = &self.data().model;
        let bundle = self.data().graph.bundle(edge);
        let summary = bundle_badge(m, bundle, &self.props.visible, self.lang);
        let shown = bundle.links.iter().filter(|l| self.props.visible.links[**l]);
        html! {
            <div class="details-body">
                <p class="bundle-summary">
                    { fill(t.bundle_between, &[("acts", &summary)]) }{" "}
                    { self.org_button(bundle.ends.0) }{ format!(" {} ", if self.lang == Lang::Fr { "et" } else { "and" }) }{ self.org_button(bundle.ends.1) }
                </p>
                <ul class="acts">{ for shown.map(|l| self.act_summary(*l, None)) }</ul>
            </div>
        }
    }
}

/// One term and its description in a facts list. (A function rather than inline markup: each
/// element written in `html!` compiles to its own copy of the element-building code.)
fn fact(term: &'static str, description: Html) -> Html {
    html! { <><dt>{ term }</dt><dd>{ description }</dd></> }
}

/// Text as a node.
fn text(text: &str) -> Html {
    Html::from(text.to_string())
}

/// "CHL-059-15101/23/BM, Bureau de la Métropole, séance du 7 décembre 2023".
fn decision_line(d: &Decision, lang: Lang) -> Html {
    let when = lang.date(d.date);
    let t = lang.texts();
    match &d.reference {
        Some(r) => html! {
            <><span class="reference">{ r.clone() }</span>{ format!(", {}", fill(t.decision_line, &[("instance", &d.instance), ("date", &when)])) }</>
        },
        None => html! { { format!("{}, {when}", d.instance) } },
    }
}

/// A link to the source: its web address when the export gives one, else the copy shipped in
/// `sources/` beside the page (the default dataset's documents).
fn source_link(document: &str, url: Option<&str>, asset_base: &str, lang: Lang) -> Html {
    match url {
        Some(url) => outbound_link(url, Some(document), lang),
        None if !document.contains(['/', '\\', ':']) && document.ends_with(".txt") => {
            new_tab_link(format!("{asset_base}sources/{document}"), document.to_string(), lang)
        }
        None => html! { { document.to_string() } },
    }
}

/// A link taken from the data (a website, a source's address). Only http(s) is ever a link, as
/// the browser reads it; the host it leads to is said in the link (« hubdumentorat.fr », or
/// « Délibération … (hubdumentorat.fr) »), so that nobody follows it without knowing where it
/// goes. Anything else is shown as text.
pub fn outbound_link(address: &str, label: Option<&str>, lang: Lang) -> Html {
    let resolved = origin::resolve(address);
    let Some((href, (_, host))) = resolved.as_ref().and_then(|url| Some((url, web_origin(url)?))) else {
        return html! { { label.unwrap_or(address).to_string() } };
    };
    let text = match label {
        Some(label) => [label, " (", host, ")"].concat(),
        None => host.to_string(),
    };
    new_tab_link(href.clone(), text, lang)
}

/// A link opened in a new tab, without telling the page it leads to who sent the visitor there,
/// nor letting it reach back. Its name says so to screen readers, after the text they see (the
/// arrow after it is drawn by CSS).
fn new_tab_link(href: String, text: String, lang: Lang) -> Html {
    let label = [text.as_str(), lang.texts().new_window].concat();
    html! { <a {href} target="_blank" rel="noopener noreferrer" aria-label={label}>{ text }</a> }
}
