//! The root component: owns the state, loads the export, keeps the address in step, and lays
//! out header, views, details panel and legend.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::core::dataset::{Dataset, Resolved};
use crate::core::locale;
use crate::core::route::{Route, Selection, View};
use crate::ui::alert::LoadAlert;
use crate::ui::browser;
use crate::ui::details::Details;
use crate::ui::graph_view::GraphView;
use crate::ui::legend::Legend;
use crate::ui::loader::{self, DEFAULT_DATA};
use crate::ui::state::{Action, Load, State};
use crate::ui::table_view::TableView;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State::new(Route::parse(&browser::location_hash())));
    let root = use_node_ref();
    let announced = use_mut_ref(|| false);

    // Load the export named by `?data=`, or the default one, once.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let url = browser::data_param().unwrap_or_else(|| DEFAULT_DATA.to_string());
            dispatch.dispatch(Action::Loading(url.clone()));
            wasm_bindgen_futures::spawn_local(async move {
                match loader::load(&url).await {
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

    let on_select = {
        let dispatch = state.dispatcher();
        Callback::from(move |selection| dispatch.dispatch(Action::Select(selection)))
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
            if e.key() == "Escape" && open {
                e.prevent_default();
                on_close.emit(());
            }
        })
    };

    let content = match &state.load {
        Load::Loading { source } => html! {
            <p class="status" role="status">{ format!("Chargement des données{}…", if source.is_empty() { String::new() } else { format!(" ({source})") }) }</p>
        },
        Load::Failed(error) => {
            let default_href = (error.source != DEFAULT_DATA).then(|| {
                let path = browser::window().location().pathname().unwrap_or_default();
                format!("{path}{}", browser::location_hash())
            });
            html! { <LoadAlert error={error.clone()} {default_href} /> }
        }
        Load::Ready(data) => ready_view(data, &state, Handlers { on_select, on_sort, on_close, on_drawn }),
    };
    let title = match &state.load {
        Load::Ready(data) => data.model.title.clone(),
        _ => "Carte des partenariats".to_string(),
    };

    html! {
        <div class="carte" ref={root} {onkeydown}>
            <header class="carte-header">
                <div>
                    <p class="kicker">{"Carte des partenariats"}</p>
                    <h1>{ title }</h1>
                </div>
                if let Load::Ready(data) = &state.load { { header_nav(data, &state.route) } }
            </header>
            <main class="carte-content">{ content }</main>
            if matches!(state.load, Load::Ready(_)) {
                <footer class="carte-footer">
                    <p>{"Chaque lien renvoie à la délibération qui le fonde. Données : "}
                        <a href="data/partenariats.json">{"export JSON"}</a>{" ("}
                        <a href="carte-partenariats.schema.json">{"schéma"}</a>{")."}</p>
                </footer>
            }
        </div>
    }
}

fn header_nav(data: &Dataset, route: &Route) -> Html {
    let m = &data.model;
    let tab = |view: View, label: &str| {
        let href = Route { view, selection: route.selection.clone() }.to_hash();
        let current = (route.view == view).then_some("page");
        html! { <a href={href} class="tab" aria-current={current}>{ label.to_string() }</a> }
    };
    html! {
        <div class="header-side">
            <p class="summary">
                { format!("{} · {} · {}",
                    locale::count(m.organizations.len(), "organisation", "organisations"),
                    locale::count(m.links.len(), "lien", "liens"),
                    locale::count(m.decisions.len(), "décision", "décisions")) }
            </p>
            <nav class="tabs" aria-label="Vues">
                { tab(View::Graph, "Graphe") }
                { tab(View::Table, "Tableau") }
            </nav>
        </div>
    }
}

struct Handlers {
    on_select: Callback<Selection>,
    on_sort: Callback<crate::core::table::Column>,
    on_close: Callback<()>,
    on_drawn: Callback<()>,
}

fn ready_view(data: &Rc<Dataset>, state: &State, handlers: Handlers) -> Html {
    let Handlers { on_select, on_sort, on_close, on_drawn } = handlers;
    let (resolved, notice) = match data.resolve(&state.route.selection) {
        Ok(r) => (r, None),
        Err(message) => (Resolved::None, Some(message)),
    };
    let view = match state.route.view {
        View::Graph => html! {
            <GraphView data={data.clone()} {resolved} on_select={on_select.clone()} on_drawn={on_drawn.clone()} />
        },
        View::Table => html! {
            <TableView data={data.clone()} {resolved} sort={state.sort} {on_sort} on_select={on_select.clone()} {on_drawn} />
        },
    };
    html! {
        <>
            if let Some(message) = notice { <p class="alert notice" role="alert">{ message }</p> }
            <div class={classes!("carte-body", (resolved != Resolved::None).then_some("with-details"))}>
                <section class="carte-main" aria-label={ if state.route.view == View::Graph { "Graphe" } else { "Tableau" } }>
                    { view }
                    if state.route.view == View::Graph {
                        <p class="alt-link"><a href={Route { view: View::Table, selection: state.route.selection.clone() }.to_hash()}>{"Voir les liens sous forme de tableau"}</a></p>
                    }
                </section>
                if resolved != Resolved::None {
                    <Details data={data.clone()} {resolved} {on_select} {on_close} />
                }
            </div>
            <Legend data={data.clone()} />
        </>
    }
}
