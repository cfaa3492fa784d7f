//! The root component: owns the state, loads the export, keeps the address in step, derives
//! what the filters keep, and lays out header, tools, views, details panel and legend.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::core::dataset::{Dataset, Resolved};
use crate::core::i18n::{fill, Lang};
use crate::core::query::{self, Visible};
use crate::core::route::{Route, Selection, View};
use crate::ui::alert::LoadAlert;
use crate::ui::browser;
use crate::ui::details::Details;
use crate::ui::filters::Filters;
use crate::ui::graph_view::GraphView;
use crate::ui::legend::Legend;
use crate::ui::loader::{self, DEFAULT_DATA};
use crate::ui::path_finder::PathFinder;
use crate::ui::search::Search;
use crate::ui::state::{Action, Load, State};
use crate::ui::table_view::TableView;
use crate::ui::time_player::TimePlayer;

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

#[component]
pub fn App() -> Html {
    let lang = use_memo((), |_| Lang::from_param(browser::query_param("lang").as_deref()));
    let lang = *lang;
    let state = use_reducer(|| State::new(Route::parse(&browser::location_hash())));
    let root = use_node_ref();
    let announced = use_mut_ref(|| false);

    // Load the export named by `?data=`, or the default one, once.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            browser::set_document_language(lang);
            let url = browser::query_param("data").unwrap_or_else(|| DEFAULT_DATA.to_string());
            dispatch.dispatch(Action::Loading(url.clone()));
            wasm_bindgen_futures::spawn_local(async move {
                match loader::load(&url, lang).await {
                    Ok(data) => dispatch.dispatch(Action::Loaded(Rc::new(data))),
                    Err(error) => dispatch.dispatch(Action::Failed(error)),
                }
            });
        });
    }
    // Back, forward and edited addresses bring their state with them.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listeners: Vec<EventListener> = ["popstate", "hashchange"]
                .into_iter()
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
    use_effect_with(state.route.clone(), |route| browser::sync_address(route));

    let data = match &state.load {
        Load::Ready(data) => Some(data.clone()),
        _ => None,
    };
    let derived = {
        let route = state.route.clone();
        use_memo((data.as_ref().map(|d| Rc::as_ptr(d) as usize), route), move |(_, route)| {
            data.as_ref().map(|d| derive(d, route, lang))
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
        let (dispatch, route) = (state.dispatcher(), state.route.clone());
        Callback::from(move |_| {
            dispatch.dispatch(Action::Select(Selection::None));
            // Give focus back to the node that was open, so keyboard users stay where they were.
            if let Selection::Org(id) = &route.selection {
                browser::focus_selector(&format!("[data-org=\"{}\"]", id.replace(['"', '\\'], "")));
            }
        })
    };
    let on_drawn = {
        let (announced, root) = (announced.clone(), root.clone());
        Callback::from(move |_| {
            if !*announced.borrow() {
                *announced.borrow_mut() = true;
                if let Some(el) = root.cast::<web_sys::Element>() {
                    browser::announce_ready(&el);
                }
            }
        })
    };
    let onkeydown = {
        let on_close = on_close.clone();
        let open = state.route.selection != Selection::None;
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && open && !e.default_prevented() {
                e.prevent_default();
                on_close.emit(());
            }
        })
    };

    let t = lang.texts();
    let content = match (&state.load, (*derived).clone()) {
        (Load::Loading { source }, _) => html! {
            <p class="status" role="status">{ format!("{}{}…", t.loading, if source.is_empty() { String::new() } else { format!(" ({source})") }) }</p>
        },
        (Load::Failed(error), _) => {
            let default_href = (error.source != DEFAULT_DATA).then(|| {
                let location = browser::window().location();
                let path = location.pathname().unwrap_or_default();
                let lang_param = if lang == Lang::En { "?lang=en" } else { "" };
                format!("{path}{lang_param}{}", browser::location_hash())
            });
            html! { <LoadAlert error={error.clone()} {default_href} /> }
        }
        (Load::Ready(data), Some(derived)) => {
            let handlers = Handlers { on_select, on_route, on_sort, on_close, on_drawn };
            ready_view(data, &state, &derived, handlers)
        }
        (Load::Ready(_), None) => html! {},
    };
    let title = match &state.load {
        Load::Ready(data) => data.model.title.clone(),
        _ => t.kicker.to_string(),
    };

    html! {
        <ContextProvider<Lang> context={lang}>
            <div class="carte" ref={root} {onkeydown}>
                <header class="carte-header">
                    <div>
                        <p class="kicker">{ t.kicker }</p>
                        <h1>{ title }</h1>
                    </div>
                    if let (Load::Ready(data), Some(derived)) = (&state.load, (*derived).as_ref()) {
                        { header_side(data, &state.route, derived, lang) }
                    }
                </header>
                <main class="carte-content">{ content }</main>
                <footer class="carte-footer">
                    <p>{ t.footer_lead }
                        <a href="data/partenariats.json">{ t.export_json }</a>{" ("}
                        <a href="carte-partenariats.schema.json">{ t.schema }</a>{"). "}
                        <a href={browser::other_language_href(lang)} hreflang={t.other_language_name} lang={t.other_language_name}>{ t.other_language }</a>
                    </p>
                </footer>
            </div>
        </ContextProvider<Lang>>
    }
}

fn header_side(data: &Dataset, route: &Route, derived: &Derived, lang: Lang) -> Html {
    let m = &data.model;
    let t = lang.texts();
    let tab = |view: View, label: &str| {
        let href = Route { view, ..route.clone() }.to_hash();
        let current = (route.view == view).then_some("page");
        html! { <a href={href} class="tab" aria-current={current}>{ label.to_string() }</a> }
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
}

fn ready_view(data: &Rc<Dataset>, state: &State, derived: &Derived, handlers: Handlers) -> Html {
    let Handlers { on_select, on_route, on_sort, on_close, on_drawn } = handlers;
    let lang = Lang::from_param(browser::query_param("lang").as_deref());
    let t = lang.texts();
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
    html! {
        <>
            if let Some(message) = notice { <p class="alert notice" role="alert">{ message }</p> }
            <div class="tools">
                <Search data={data.clone()} visible={derived.visible.clone()} on_select={on_select.clone()} />
                <TimePlayer data={data.clone()} route={state.route.clone()} on_route={on_route.clone()} />
            </div>
            <Filters data={data.clone()} route={state.route.clone()} visible={derived.visible.clone()} on_route={on_route.clone()} />
            <PathFinder data={data.clone()} route={state.route.clone()} visible={derived.visible.clone()} paths={derived.paths.clone()} on_route={on_route.clone()} />
            <div class={classes!("carte-body", (resolved != Resolved::None).then_some("with-details"))}>
                <section class="carte-main" aria-label={ if state.route.view == View::Graph { t.tab_graph } else { t.tab_table } }>
                    { view }
                    if state.route.view == View::Graph {
                        <p class="alt-link"><a href={Route { view: View::Table, ..state.route.clone() }.to_hash()}>{ t.alt_table_link }</a></p>
                    }
                </section>
                if resolved != Resolved::None {
                    <Details data={data.clone()} {resolved} visible={derived.visible.clone()} route={state.route.clone()} {on_select} {on_route} {on_close} />
                }
            </div>
            <Legend data={data.clone()} />
        </>
    }
}
