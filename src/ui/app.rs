//! The root component: owns the state, loads the export, keeps the address in step, derives
//! what the filters keep, and lays out header, tools, views, details panel and legend.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::core::dataset::{Dataset, Resolved};
use crate::core::i18n::{fill, Lang};
use crate::core::query::{self, Visible};
use crate::core::route::{Route, Selection, View};
use crate::ui::alert::load_alert;
use crate::ui::browser;
use crate::ui::config::Config;
use crate::ui::details::{details, DetailsProps};
use crate::ui::graph_view::GraphView;
use crate::ui::legend::legend;
use crate::ui::loader;
use crate::ui::presentation::{presentation, PresentationProps};
use crate::ui::search::Search;
use crate::ui::state::{Action, Load, Progress, State};
use crate::ui::table_view::TableView;
use crate::ui::tools::{self, tools_sheet};

/// What the current route derives from the data: the filter's result and the paths asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    pub visible: Rc<Visible>,
    pub paths: Rc<Vec<Vec<usize>>>,
    /// The year whose names the graph writes (the end of the years filter).
    pub year: Option<i32>,
    pub notice: Option<String>,
}

fn derive(data: &Dataset, route: &Route, lang: Lang) -> Derived {
    let (filter, notice) = data.filter(route, lang);
    let visible = query::apply(&data.model, &data.graph, &filter);
    let paths = route
        .path
        .as_ref()
        .and_then(|(a, b)| Some((data.model.org_by_id(a)?, data.model.org_by_id(b)?)))
        .map(|(a, b)| query::shortest_paths(&data.model, &data.graph, &visible, a, b, 5))
        .unwrap_or_default();
    Derived { visible: Rc::new(visible), paths: Rc::new(paths), year: route.years.map(|y| y.1), notice }
}

#[derive(Properties, Clone)]
pub struct AppProps {
    pub config: Rc<Config>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config)
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let config = props.config.clone();
    let lang = config.lang;
    let state = use_reducer(|| State::new(config.route.clone()));
    let root = use_node_ref();
    let announced = use_mut_ref(|| false);

    // Load the export named by the configuration, once. The static first view (written at build
    // time) shows the default data in French: for other data or another language it goes at once,
    // after a failure too; otherwise once the data is ready (the focus effect below).
    {
        let (dispatch, config, root) = (state.dispatcher(), config.clone(), root.clone());
        use_effect_with((), move |_| {
            let remove_static = move || {
                if let Some(node) = root.cast::<web_sys::Node>() {
                    browser::remove_static_view(&node);
                }
            };
            if config.follow_address {
                browser::set_document_language(lang);
            }
            if config.data_url != config.default_data_url() || lang != Lang::Fr {
                remove_static();
            }
            dispatch.dispatch(Action::Loading(config.data_url.clone()));
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let dispatch = dispatch.clone();
                    move |p| dispatch.dispatch(Action::Progress(p))
                };
                match loader::load(&config, &progress).await {
                    Ok(data) => dispatch.dispatch(Action::Loaded(data)),
                    Err(error) => {
                        dispatch.dispatch(Action::Failed(error));
                        remove_static();
                    }
                }
            });
        });
    }
    // Back, forward and edited addresses bring their state with them (standalone site only).
    {
        let (dispatch, follow) = (state.dispatcher(), config.follow_address);
        use_effect_with((), move |_| {
            let names: &[&str] = if follow { &["popstate", "hashchange"] } else { &[] };
            let listeners: Vec<EventListener> = names
                .iter()
                .copied()
                .map(|name| {
                    let dispatch = dispatch.clone();
                    EventListener::new(&browser::window(), name, move |_| {
                        dispatch.dispatch(Action::Navigate(Route::parse(&browser::location_hash())))
                    })
                })
                .collect();
            move || drop(listeners)
        });
    }
    // Every navigation the user makes is written back into the address.
    {
        let follow = config.follow_address;
        use_effect_with(state.route.clone(), move |route| {
            if follow {
                browser::sync_address(route);
            }
        });
    }
    // Tell the page what was selected: `carte-select`, whose detail names the id.
    {
        let (host, root) = (config.host.clone(), root.clone());
        let first = use_mut_ref(|| true);
        use_effect_with(state.route.selection.clone(), move |selection| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            let target = host.or_else(|| root.cast::<web_sys::Element>());
            if let Some(target) = target {
                browser::announce_selection(&target, selection);
            }
        });
    }

    // Focus follows what the user opened, so that keyboard users land in it: the presentation
    // (its keys are the clicker's), the sheet of tools, or a new selection's details.
    {
        let root = root.clone();
        let ready = matches!(state.load, Load::Ready(_));
        let key =
            (ready && state.route.present.is_some(), state.tools_open, ready.then(|| state.route.selection.clone()));
        let last = use_mut_ref(|| (false, false, None));
        use_effect_with(key, move |key| {
            // Loaded: the widget's first view replaces the static one now (its canvas is drawn
            // before the next paint), and can take the focus.
            if let (Some(_), Some(node)) = (&key.2, root.cast::<web_sys::Node>()) {
                browser::remove_static_view(&node);
            }
            let before = last.replace(key.clone());
            let target = if key.0 && !before.0 {
                ".presentation"
            } else if key.1 && !before.1 {
                "#carte-tools-title"
            } else if key.2 != before.2 && key.2.as_ref().is_some_and(|s| *s != Selection::None) {
                "#details-title"
            } else {
                return;
            };
            if let Some(root) = root.cast::<web_sys::Element>() {
                browser::focus_within(&root, target);
            }
        });
    }

    let data = match &state.load {
        Load::Ready(data) => Some(data.clone()),
        _ => None,
    };
    // Only the parts of the route that change what is shown are the memo's key: selecting,
    // switching view, layout or presentation step must not recompute the filter.
    let derived = {
        let key = Route {
            view: View::Graph,
            selection: Selection::None,
            layout: Default::default(),
            present: None,
            ..state.route.clone()
        };
        use_memo((data.as_ref().map(|d| Rc::as_ptr(d) as usize), key), move |(_, key)| {
            data.as_ref().map(|d| derive(d, key, lang))
        })
    };

    let on_select = {
        let dispatch = state.dispatcher();
        Callback::from(move |selection| dispatch.dispatch(Action::Select(selection)))
    };
    let on_route = {
        let dispatch = state.dispatcher();
        Callback::from(move |route| dispatch.dispatch(Action::Route(route)))
    };
    let on_sort = {
        let dispatch = state.dispatcher();
        Callback::from(move |column| dispatch.dispatch(Action::SortBy(column)))
    };
    let on_close = {
        let (dispatch, route, root) = (state.dispatcher(), state.route.clone(), root.clone());
        Callback::from(move |_| {
            dispatch.dispatch(Action::Select(Selection::None));
            // Give focus back to the node that was open, so keyboard users stay where they were.
            // Searched from the widget's own root: an embedded one lives in a shadow root.
            if let (Selection::Org(id), Some(root)) = (&route.selection, root.cast::<web_sys::Element>()) {
                browser::focus_within(&root, &format!("[data-org=\"{}\"]", id.replace(['"', '\\'], "")));
            }
        })
    };
    let on_drawn = {
        let (announced, root, host) = (announced.clone(), root.clone(), config.host.clone());
        Callback::from(move |_| {
            if !*announced.borrow() {
                *announced.borrow_mut() = true;
                if let Some(el) = host.clone().or_else(|| root.cast::<web_sys::Element>()) {
                    browser::announce_ready(&el);
                }
            }
        })
    };
    // Escape closes the sheet of tools first (focus back on its button), then the details.
    let onkeydown = {
        let (on_close, dispatch, root) = (on_close.clone(), state.dispatcher(), root.clone());
        let (open, tools) = (state.route.selection != Selection::None, state.tools_open);
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Escape" || e.default_prevented() || !(open || tools) {
                return;
            }
            e.prevent_default();
            if tools {
                dispatch.dispatch(Action::Tools(false));
                if let Some(root) = root.cast::<web_sys::Element>() {
                    browser::focus_within(&root, ".tools-button");
                }
            } else {
                on_close.emit(());
            }
        })
    };

    let t = lang.texts();
    let (content, below) = match (&state.load, (*derived).clone()) {
        (Load::Loading { source, progress }, _) => (loading_view(source, *progress, lang), html! {}),
        (Load::Failed(error), _) => {
            // The standalone site offers its default data back; an embedded widget cannot
            // change its host page, so it only says what went wrong.
            let default_href = (config.follow_address && error.source != config.default_data_url()).then(|| {
                let location = browser::window().location();
                let path = location.pathname().unwrap_or_default();
                let lang_param = if lang == Lang::En { "?lang=en" } else { "" };
                format!("{path}{lang_param}{}", browser::location_hash())
            });
            (load_alert(error, default_href.as_deref(), lang), html! {})
        }
        (Load::Ready(data), Some(derived)) => {
            let on_tools = {
                let (dispatch, root) = (state.dispatcher(), root.clone());
                Callback::from(move |open: bool| {
                    dispatch.dispatch(Action::Tools(open));
                    // Closed: focus goes back to the bar's button, where the user was.
                    if let (false, Some(root)) = (open, root.cast::<web_sys::Element>()) {
                        browser::focus_within(&root, ".tools-button");
                    }
                })
            };
            let handlers = Handlers { on_select, on_route: on_route.clone(), on_sort, on_close, on_drawn, on_tools };
            ready_view(data, &state, &derived, lang, &config.asset_base, handlers)
        }
        (Load::Ready(_), None) => (html! {}, html! {}),
    };
    // The map fills the first screen under the title and the bar (the table grows as it needs).
    let fills = matches!(state.load, Load::Ready(_)) && state.route.view == View::Graph;
    let title = match &state.load {
        Load::Ready(data) => data.model.title.clone(),
        _ => t.kicker.to_string(),
    };

    let embedded = !config.follow_address;
    let classes = classes!("carte", config.theme.class(), embedded.then_some("embedded"));
    html! {
        <ContextProvider<Rc<Config>> context={config.clone()}>
            // The standalone site owns the page's landmarks; an embedded widget is one labelled
            // section of its host page, with no banner, main or footer of its own.
            <@{if embedded { "section" } else { "div" }} class={classes} ref={root} {onkeydown} lang={lang.code()}
                aria-label={embedded.then(|| title.clone())}>
                // The header inside the first screen, so that the map can take the rest of it.
                <@{if embedded { "div" } else { "main" }} class="carte-content">
                    <div class={classes!("first-screen", fills.then_some("fills"))}>
                        <@{if embedded { "div" } else { "header" }} class="carte-header">
                            <div class="carte-heading">
                                <p class="kicker">{ t.kicker }</p>
                                <@{if embedded { "h2" } else { "h1" }} class="carte-title">{ title.clone() }</@>
                                if let Load::Ready(data) = &state.load { { loaded_from(data, lang) } }
                            </div>
                            if let (Load::Ready(data), Some(derived)) = (&state.load, (*derived).as_ref()) {
                                { header_side(data, &state.route, derived, lang, &on_route) }
                            }
                        </@>
                        { content }
                    </div>
                    { below }
                </@>
                <@{if embedded { "div" } else { "footer" }} class="carte-footer">
                    <p>{ t.footer_lead }
                        <a href={config.export_href()}>{ t.export_json }</a>{" ("}
                        <a href={config.asset("carte-partenariats.schema.json")}>{ t.schema }</a>{"). "}
                        if config.follow_address {
                            <a href={browser::other_language_href(lang)} hreflang={t.other_language_name} lang={t.other_language_name}>{ t.other_language }</a>
                        }
                    </p>
                </@>
            </@>
        </ContextProvider<Rc<Config>>>
    }
}

/// « Données chargées depuis example.org » when the export is not the site's default one: its
/// title may claim anything, so where it comes from is said beside it.
pub fn loaded_from(data: &Dataset, lang: Lang) -> Html {
    match &data.loaded_from {
        Some(host) => html! { <p class="loaded-from">{ fill(lang.texts().data_from, &[("host", host)]) }</p> },
        None => html! {},
    }
}

/// A link to another state of the widget: a real `href` (copyable), followed in place so that
/// an embedded widget never navigates its host page.
fn route_link(
    route: Route,
    label: &str,
    class: Option<&'static str>,
    current: bool,
    on_route: &Callback<Route>,
) -> Html {
    let href = route.to_hash();
    let on_route = on_route.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        if e.ctrl_key() || e.meta_key() || e.shift_key() {
            return;
        }
        e.prevent_default();
        on_route.emit(route.clone());
    });
    html! { <a {href} {class} aria-current={current.then_some("page")} {onclick}>{ label.to_string() }</a> }
}

fn header_side(data: &Dataset, route: &Route, derived: &Derived, lang: Lang, on_route: &Callback<Route>) -> Html {
    let m = &data.model;
    let t = lang.texts();
    let tab = |view: View, label: &str| {
        route_link(Route { view, ..route.clone() }, label, Some("tab"), route.view == view, on_route)
    };
    let total = query::visible_total(m, &derived.visible);
    html! {
        <div class="header-side">
            <p class="summary">
                { format!("{} · {} · {}",
                    lang.count(derived.visible.org_count(), t.org_one, t.org_many),
                    lang.count(derived.visible.link_count(), t.link_one, t.link_many),
                    lang.count(m.decisions.len(), t.decision_one, t.decision_many)) }
                <br/>
                <span class="header-total">{ fill(t.shown_total, &[("amount", &lang.euros(total))]) }</span>
            </p>
            <nav class="tabs" aria-label={t.views}>
                { tab(View::Graph, t.tab_graph) }
                { tab(View::Table, t.tab_table) }
                { route_link(Route { present: Some(1), ..route.clone() }, t.present, Some("tab present"), false, on_route) }
            </nav>
        </div>
    }
}

struct Handlers {
    on_select: Callback<Selection>,
    on_route: Callback<Route>,
    on_sort: Callback<crate::core::table::Column>,
    on_close: Callback<()>,
    on_drawn: Callback<()>,
    on_tools: Callback<bool>,
}

/// The first screen (bar, map or table, sheets) and what comes below it (table link, legend).
fn ready_view(
    data: &Rc<Dataset>,
    state: &State,
    derived: &Derived,
    lang: Lang,
    asset_base: &str,
    handlers: Handlers,
) -> (Html, Html) {
    let Handlers { on_select, on_route, on_sort, on_close, on_drawn, on_tools } = handlers;
    let t = lang.texts();
    if state.route.present.is_some() {
        let props = PresentationProps { data: data.clone(), route: state.route.clone(), on_route, on_drawn };
        return (presentation(&props, lang), html! {});
    }
    let (mut resolved, mut notice) = match data.resolve(&state.route.selection, lang) {
        Ok(r) => (r, None),
        Err(message) => (Resolved::None, Some(message)),
    };
    // A selection the filters hide is closed, not shown over an empty place.
    if let Resolved::Org(o) = resolved {
        if !derived.visible.orgs[o] {
            resolved = Resolved::None;
        }
    }
    notice = notice.or_else(|| derived.notice.clone());
    let open_tools = state.tools_open;
    let view = match state.route.view {
        View::Graph => html! {
            <GraphView data={data.clone()} {resolved} visible={derived.visible.clone()} paths={derived.paths.clone()}
                year={derived.year} layout={state.route.layout} route={state.route.clone()}
                on_select={on_select.clone()} on_route={on_route.clone()} on_drawn={on_drawn.clone()} />
        },
        View::Table => html! {
            <TableView data={data.clone()} {resolved} visible={derived.visible.clone()} sort={state.sort} {on_sort}
                on_select={on_select.clone()} {on_drawn} />
        },
    };
    // Said by screen readers when the selection changes (filter results have their own region).
    let announcement = match resolved {
        Resolved::None => String::new(),
        Resolved::Org(o) => data.model.organizations[o].name.clone(),
        Resolved::Link(l) => {
            let link = &data.model.links[l];
            let m = &data.model;
            format!(
                "{} : {} — {}",
                lang.link_kind(link.kind),
                m.organizations[link.from].name,
                m.organizations[link.to].name
            )
        }
        Resolved::Bundle(e) => {
            let (a, b) = data.graph.bundle(e).ends;
            format!("{} — {}", data.model.organizations[a].name, data.model.organizations[b].name)
        }
    };
    let first = html! {
        <>
            <p class="visually-hidden" role="status" aria-live="polite">{ announcement }</p>
            if let Some(message) = notice { <p class="alert notice" role="alert">{ message }</p> }
            <div class="toolbar">
                <Search data={data.clone()} visible={derived.visible.clone()} on_select={on_select.clone()} />
                <button type="button" class="tools-button" aria-expanded={state.tools_open.to_string()}
                    aria-controls={tools::SHEET_ID} onclick={on_tools.reform(move |_: MouseEvent| !open_tools)}>
                    { t.tools }
                </button>
            </div>
            <div class={classes!("carte-body", (resolved != Resolved::None).then_some("with-details"))}>
                <section class="carte-main" aria-label={ if state.route.view == View::Graph { t.tab_graph } else { t.tab_table } }>
                    { view }
                </section>
                if state.tools_open {
                    { tools_sheet(data, &state.route, derived, lang, &on_route) }
                }
                if resolved != Resolved::None {
                    { details(&DetailsProps { data: data.clone(), resolved, visible: derived.visible.clone(), route: state.route.clone(), on_select, on_route: on_route.clone(), on_close }, lang, asset_base) }
                }
            </div>
        </>
    };
    let below = html! {
        <>
            if state.route.view == View::Graph {
                <p class="alt-link">{ route_link(Route { view: View::Table, ..state.route.clone() }, t.alt_table_link, None, false, &on_route) }</p>
            }
            { legend(data, lang) }
        </>
    };
    (first, below)
}

/// What loading says while it lasts: the stage in words (announced once per stage) and a
/// progress bar for the download (not announced at every step).
fn loading_view(source: &str, progress: Progress, lang: Lang) -> Html {
    let t = lang.texts();
    let source = if source.is_empty() { String::new() } else { format!(" ({source})") };
    let (stage, value, max) = match progress {
        // English is read before the export: until then nothing is said, rather than French.
        Progress::Starting if lang.interface_file().is_some() => ("", None, None),
        Progress::Starting => (t.loading, None, None),
        Progress::Downloading { received, total } => (t.loading, Some(received), total),
        Progress::Reading => (t.loading_reading, None, None),
    };
    let mb = |bytes: usize| lang.megabytes(bytes);
    let amount = match (value, max) {
        (Some(received), Some(total)) if total > 0 => {
            Some(fill(t.loading_amount, &[("received", &mb(received)), ("total", &mb(total))]))
        }
        (Some(received), None) => Some(mb(received)),
        _ => None,
    };
    html! {
        <div class="loading">
            <p class="status" role="status">{ format!("{stage}{source}…") }</p>
            <progress max={max.map(|m| m.to_string())} value={value.filter(|_| max.is_some()).map(|v| v.to_string())}
                aria-label={t.loading_progress}></progress>
            if let Some(amount) = amount {
                <p class="loading-amount">{ amount }</p>
            }
        </div>
    }
}
