//! The details panel: an organisation (names, kind, parent, links grouped by kind), a link
//! (everything about it and the decision behind it), or a bundle (the list of its acts).

use std::rc::Rc;

use yew::prelude::*;

use crate::core::dataset::{Dataset, Resolved};
use crate::core::locale;
use crate::core::model::{LinkIx, LinkKind, OrgIx};
use crate::core::route::Selection;
use crate::core::table;

#[derive(Properties, Clone)]
pub struct DetailsProps {
    pub data: Rc<Dataset>,
    pub resolved: Resolved,
    pub on_select: Callback<Selection>,
    pub on_close: Callback<()>,
}

impl PartialEq for DetailsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data) && self.resolved == other.resolved
    }
}

#[component]
pub fn Details(props: &DetailsProps) -> Html {
    let heading = use_node_ref();
    // Each new selection moves focus to the panel's heading, so keyboard users land in it.
    {
        let heading = heading.clone();
        use_effect_with(props.resolved, move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let ctx = Ctx { data: &props.data, on_select: &props.on_select };
    let (title, body) = match props.resolved {
        Resolved::None => return html! {},
        Resolved::Org(org) => (props.data.model.organizations[org].name.clone(), ctx.org(org)),
        Resolved::Link(link) => (ctx.link_title(link), ctx.link(link)),
        Resolved::Bundle(edge) => {
            let (a, b) = props.data.graph.bundle(edge).ends;
            let m = &props.data.model;
            (format!("{} — {}", m.organizations[a].label(), m.organizations[b].label()), ctx.bundle(edge))
        }
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <aside class="details" aria-labelledby="details-title">
            <div class="details-head">
                <h2 id="details-title" tabindex="-1" ref={heading}>{ title }</h2>
                <button type="button" class="close" onclick={close} title="Fermer (Échap)">
                    <span aria-hidden="true">{"×"}</span><span class="visually-hidden">{"Fermer le panneau"}</span>
                </button>
            </div>
            { body }
        </aside>
    }
}

struct Ctx<'a> {
    data: &'a Dataset,
    on_select: &'a Callback<Selection>,
}

impl Ctx<'_> {
    fn org_button(&self, org: OrgIx) -> Html {
        let o = &self.data.model.organizations[org];
        let (cb, id) = (self.on_select.clone(), o.id.clone());
        html! {
            <button type="button" class="linkish" onclick={Callback::from(move |_: MouseEvent| cb.emit(Selection::Org(id.clone())))}>
                { o.name.clone() }
            </button>
        }
    }

    fn link_button(&self, link: LinkIx, text: String) -> Html {
        let (cb, id) = (self.on_select.clone(), self.data.model.links[link].id.clone());
        html! {
            <button type="button" class="linkish" onclick={Callback::from(move |_: MouseEvent| cb.emit(Selection::Link(id.clone())))}>
                { text }
            </button>
        }
    }

    fn link_title(&self, link: LinkIx) -> String {
        let l = &self.data.model.links[link];
        l.title.clone().unwrap_or_else(|| capitalise(l.kind.label_fr()))
    }

    fn org(&self, org: OrgIx) -> Html {
        let m = &self.data.model;
        let o = &m.organizations[org];
        let former = o.former_names.iter().map(|f| {
            let when = match (f.from, f.until) {
                (Some(a), Some(b)) => format!(" (du {} au {})", locale::date(a), locale::date(b)),
                (None, Some(b)) => format!(" (jusqu'au {})", locale::date(b)),
                (Some(a), None) => format!(" (depuis le {})", locale::date(a)),
                (None, None) => String::new(),
            };
            html! { <li>{ format!("{}{when}", f.name) }</li> }
        });
        let children: Vec<OrgIx> = m.children(org).collect();
        let indicators = m.indicators.iter().filter(|i| i.organization == Some(org)).map(|i| {
            html! { <li>{ format!("{} : {} {} ({})", i.label, locale::integer(i.value), i.unit, i.year) }</li> }
        });
        let links: Vec<LinkIx> = m.links_of(org).collect();
        let groups = LinkKind::ALL.iter().filter_map(|kind| {
            let of_kind: Vec<LinkIx> = links.iter().copied().filter(|l| m.links[*l].kind == *kind).collect();
            (!of_kind.is_empty()).then(|| {
                html! {
                    <section class="link-group">
                        <h4>{ format!("{} ({})", capitalise(kind.label_fr()), of_kind.len()) }</h4>
                        <ul class="acts">{ for of_kind.iter().map(|l| self.act_summary(*l, Some(org))) }</ul>
                    </section>
                }
            })
        });
        html! {
            <div class="details-body">
                <dl class="facts">
                    if let Some(short) = &o.short_name { <dt>{"Sigle"}</dt><dd>{ short.clone() }</dd> }
                    <dt>{"Nature"}</dt><dd>{ capitalise(o.kind.label_fr()) }</dd>
                    if !o.former_names.is_empty() { <dt>{"Autres noms"}</dt><dd><ul class="plain">{ for former }</ul></dd> }
                    if let Some(parent) = o.parent { <dt>{"Rattachement"}</dt><dd>{ self.org_button(parent) }</dd> }
                    if !children.is_empty() {
                        <dt>{"Rattachés"}</dt>
                        <dd><ul class="plain">{ for children.iter().map(|c| html! { <li>{ self.org_button(*c) }</li> }) }</ul></dd>
                    }
                    if let Some(site) = &o.website {
                        <dt>{"Site"}</dt>
                        <dd><a href={site.clone()} target="_blank" rel="noopener noreferrer">{ site.clone() }</a></dd>
                    }
                </dl>
                if let Some(d) = &o.description { <p class="description">{ d.clone() }</p> }
                if m.indicators.iter().any(|i| i.organization == Some(org)) {
                    <h3>{"Chiffres"}</h3><ul class="plain">{ for indicators }</ul>
                }
                <h3>{ format!("Liens ({})", links.len()) }</h3>
                if links.is_empty() { <p>{"Aucun lien dans ces données."}</p> }
                { for groups }
            </div>
        }
    }

    /// One act as a list item: the other party, what it is, amount, period and decision.
    fn act_summary(&self, link: LinkIx, from_point_of: Option<OrgIx>) -> Html {
        let m = &self.data.model;
        let l = &m.links[link];
        let d = m.decision_of(link);
        let other = from_point_of.map(|o| l.other_party(o));
        let direction = match from_point_of {
            Some(o) if l.amount.is_some() && l.from == o => "versé à",
            Some(o) if l.amount.is_some() && l.to == o => "reçu de",
            _ => "avec",
        };
        let period = table::period(m, link);
        html! {
            <li class="act">
                <p class="act-title">{ self.link_button(link, self.link_title(link)) }</p>
                if let Some(o) = other { <p>{ format!("{direction} ") }{ self.org_button(o) }</p> }
                <p class="act-meta">
                    if let Some(a) = l.amount { <strong class="amount">{ locale::euros(a) }</strong>{" · "} }
                    if !period.is_empty() { { period }{" · "} }
                    { decision_line(d) }
                </p>
            </li>
        }
    }

    fn link(&self, link: LinkIx) -> Html {
        let m = &self.data.model;
        let l = &m.links[link];
        let d = m.decision_of(link);
        let period = table::period(m, link);
        html! {
            <div class="details-body">
                <dl class="facts">
                    <dt>{"Nature"}</dt><dd>{ capitalise(l.kind.label_fr()) }</dd>
                    <dt>{ if l.amount.is_some() { "Payeur" } else { "De" } }</dt><dd>{ self.org_button(l.from) }</dd>
                    <dt>{ if l.amount.is_some() { "Bénéficiaire" } else { "À" } }</dt><dd>{ self.org_button(l.to) }</dd>
                    if l.parties.len() > 2 {
                        <dt>{"Parties"}</dt>
                        <dd><ul class="plain">{ for l.parties.iter().map(|p| html! { <li>{ self.org_button(*p) }</li> }) }</ul></dd>
                    }
                    if let Some(a) = l.amount { <dt>{"Montant"}</dt><dd><strong class="amount">{ locale::euros(a) }</strong></dd> }
                    if !period.is_empty() { <dt>{"Période"}</dt><dd>{ period }</dd> }
                    if let Some(c) = &l.convention { <dt>{"Convention"}</dt><dd>{ c.clone() }</dd> }
                    if let Some(b) = &l.budget { <dt>{"Imputation"}</dt><dd>{ b.clone() }</dd> }
                </dl>
                if let Some(p) = &l.purpose { <p class="description">{ p.clone() }</p> }
                if let Some(q) = &l.quote { <blockquote class="quote">{ format!("« {q} »") }</blockquote> }
                <h3>{ if l.mentioned_only { "Mentionné dans" } else { "Décision" } }</h3>
                <dl class="facts">
                    if let Some(r) = &d.reference { <dt>{"Référence"}</dt><dd class="reference">{ r.clone() }</dd> }
                    <dt>{"Instance"}</dt><dd>{ d.instance.clone() }</dd>
                    <dt>{ if d.reference.is_some() { "Séance" } else { "Date" } }</dt><dd>{ locale::date(d.date) }</dd>
                    if let Some(s) = d.signed { <dt>{"Signée le"}</dt><dd>{ locale::date(s) }</dd> }
                    <dt>{"Objet"}</dt><dd>{ d.title.clone() }</dd>
                    if let Some(r) = &d.rapporteur { <dt>{"Rapporteur"}</dt><dd>{ r.clone() }</dd> }
                    if let Some(s) = &d.signatory { <dt>{"Signataire"}</dt><dd>{ s.clone() }</dd> }
                    if let Some(n) = d.members_present { <dt>{"Membres présents"}</dt><dd>{ n }</dd> }
                    <dt>{"Source"}</dt>
                    <dd>{ source_link(&d.document, d.url.as_deref()) }</dd>
                </dl>
                if let Some(q) = &d.quote { <blockquote class="quote">{ format!("« {q} »") }</blockquote> }
            </div>
        }
    }

    fn bundle(&self, edge: petgraph::graph::EdgeIndex) -> Html {
        let bundle = self.data.graph.bundle(edge);
        let summary = crate::core::scene::bundle_badge(bundle);
        html! {
            <div class="details-body">
                <p class="bundle-summary">{ format!("{summary} entre ") }{ self.org_button(bundle.ends.0) }{ " et " }{ self.org_button(bundle.ends.1) }</p>
                <ul class="acts">{ for bundle.links.iter().map(|l| self.act_summary(*l, None)) }</ul>
            </div>
        }
    }
}

/// "CHL-059-15101/23/BM, Bureau de la Métropole, séance du 7 décembre 2023".
fn decision_line(d: &crate::core::model::Decision) -> Html {
    let when = locale::date(d.date);
    match &d.reference {
        Some(r) => html! { <><span class="reference">{ r.clone() }</span>{ format!(", {}, séance du {when}", d.instance) }</> },
        None => html! { { format!("{}, {when}", d.instance) } },
    }
}

/// A link to the source: its web address when the export gives one, else the copy shipped in
/// `sources/` beside the page (the default dataset's documents).
fn source_link(document: &str, url: Option<&str>) -> Html {
    let href = url.map(str::to_owned).unwrap_or_else(|| {
        let safe = !document.contains(['/', '\\', ':']) && document.ends_with(".txt");
        if safe { format!("sources/{document}") } else { String::new() }
    });
    if href.is_empty() {
        html! { { document.to_string() } }
    } else {
        html! { <a href={href} target="_blank" rel="noopener noreferrer">{ document.to_string() }</a> }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
