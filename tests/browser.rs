//! Component tests in headless Chromium (wasm-bindgen-test): what a user reads in the details
//! panel, the alert and the table, rendered by the real components.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use carte_partenariats::core::dataset::{Dataset, Resolved};
use carte_partenariats::core::query::Visible;
use carte_partenariats::core::route::{Route, Selection};
use carte_partenariats::core::validate::validate;
use carte_partenariats::ui::alert::load_alert;
use carte_partenariats::ui::details::{details, DetailsProps};
use carte_partenariats::ui::state::LoadError;
use carte_partenariats::ui::table_view::{TableView, TableViewProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

const DEFAULT: &str = include_str!("fixtures/frozen-export.json");

fn host() -> web_sys::Element {
    let document = gloo::utils::document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

/// Visible text with the French no-break spaces made plain, as a reader would quote it.
fn text(el: &web_sys::Element) -> String {
    el.text_content().unwrap_or_default().replace(['\u{202F}', '\u{A0}'], " ")
}

fn details_props(data: Rc<Dataset>, resolved: Resolved, on_select: Callback<Selection>) -> DetailsProps {
    let visible = Rc::new(Visible::all(&data.model));
    DetailsProps {
        data,
        resolved,
        visible,
        route: Route::default(),
        on_select,
        on_route: Callback::noop(),
        on_close: Callback::noop(),
    }
}

fn data() -> Rc<Dataset> {
    Rc::new(Dataset::from_text(DEFAULT).unwrap())
}

#[wasm_bindgen_test]
async fn the_metropole_panel_shows_the_ave_fee_and_its_decision() {
    let data = data();
    let metropole = data.model.org_by_id("metropole-amp").unwrap();
    let root = host();
    let props = details_props(data, Resolved::Org(metropole), Callback::noop());
    yew::Renderer::<DetailsHost>::with_root_and_props(root.clone(), DetailsHostProps { props }).render();
    yew::scheduler::flush().await;
    let shown = text(&root);
    assert!(shown.contains("Métropole Aix-Marseille-Provence"), "{shown}");
    assert!(shown.contains("Alliance Villes Emploi"), "{shown}");
    assert!(shown.contains("14 205 €"), "{shown}");
    assert!(shown.contains("CHL-059-15101/23/BM"), "{shown}");
    assert!(shown.contains("Adhésion / cotisation (2)"), "{shown}");
    // Money paid, by year, as a table anyone can read.
    assert!(shown.contains("50 000 €") && shown.contains("64 205 €"), "{shown}");
}

#[wasm_bindgen_test]
async fn choosing_a_partner_in_the_panel_selects_it() {
    let data = data();
    let metropole = data.model.org_by_id("metropole-amp").unwrap();
    let root = host();
    let chosen = Rc::new(std::cell::RefCell::new(None));
    let sink = chosen.clone();
    let on_select = Callback::from(move |s: Selection| *sink.borrow_mut() = Some(s));
    let props = details_props(data, Resolved::Org(metropole), on_select);
    yew::Renderer::<DetailsHost>::with_root_and_props(root.clone(), DetailsHostProps { props }).render();
    yew::scheduler::flush().await;
    let buttons = root.query_selector_all("button.linkish").unwrap();
    let ave = (0..buttons.length())
        .filter_map(|i| buttons.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|b| b.text_content().as_deref() == Some("Alliance Villes Emploi"))
        .expect("a button for the AVE");
    ave.click();
    assert_eq!(*chosen.borrow(), Some(Selection::Org("ave".into())));
}

#[wasm_bindgen_test]
async fn the_alert_says_what_is_wrong_and_where() {
    // The wasm reads the validator's messages when a file is broken (ui/loader.rs does so).
    assert!(
        carte_partenariats::core::i18n::Lang::Fr.install_validation(include_str!("../assets/texts/validation-fr.json"))
    );
    let problems = validate(
        r#"{"schema":"carte-partenariats/1","title":"t","organizations":[{"id":"a"}],"decisions":[],"links":[]}"#,
    )
    .unwrap_err();
    let error =
        LoadError { source: "x.json".into(), headline: "Export invalide".into(), problems: problems.list, omitted: 0 };
    let root = host();
    yew::Renderer::<AlertHost>::with_root_and_props(root.clone(), AlertHostProps { error: Rc::new(error) }).render();
    yew::scheduler::flush().await;
    let alert = root.query_selector("[role=alert]").unwrap().expect("an element with role=alert");
    let shown = text(&alert);
    assert!(shown.contains("$.organizations[0]"), "{shown}");
    assert!(shown.contains("champ obligatoire manquant : name"), "{shown}");
    assert!(alert.query_selector("a[href='./']").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn markup_from_the_data_stays_text() {
    let hostile = include_str!("fixtures/hostile.json");
    let data = Rc::new(Dataset::from_text(hostile).unwrap());
    let root = host();
    let props = details_props(data, Resolved::Org(0), Callback::noop());
    yew::Renderer::<DetailsHost>::with_root_and_props(root.clone(), DetailsHostProps { props }).render();
    yew::scheduler::flush().await;
    assert!(text(&root).contains("<script>window.__pwned = 2</script>Organisation piégée"));
    assert!(root.query_selector("script, img, svg[onload], iframe").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_table_lists_every_link_with_its_amount() {
    let data = data();
    let count = data.model.links.len() as u32;
    let root = host();
    let props = TableViewProps {
        visible: Rc::new(Visible::all(&data.model)),
        data,
        resolved: Resolved::None,
        sort: None,
        on_sort: Callback::noop(),
        on_select: Callback::noop(),
        on_drawn: Callback::noop(),
    };
    yew::Renderer::<TableView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(root.query_selector_all("tbody tr").unwrap().length(), count);
    let fee = root.query_selector("tr[data-link='metropole-ave-cotisation-2024']").unwrap().unwrap();
    assert!(text(&fee).contains("14 205 €"));
    assert!(text(&fee).contains("CHL-059-15101/23/BM"));
}

#[derive(yew::Properties, PartialEq)]
struct AlertHostProps {
    error: Rc<LoadError>,
}

/// Mounts the load alert, a plain function of the root component, as the page shows it.
#[yew::component]
fn AlertHost(props: &AlertHostProps) -> yew::Html {
    load_alert(&props.error, Some("./"), carte_partenariats::core::i18n::Lang::Fr)
}

#[derive(yew::Properties, PartialEq)]
struct DetailsHostProps {
    props: DetailsProps,
}

/// Mounts the details panel, a plain function of the root component, as the page shows it.
#[yew::component]
fn DetailsHost(props: &DetailsHostProps) -> yew::Html {
    details(&props.props, carte_partenariats::core::i18n::Lang::Fr, "")
}

/// The links of a rendered panel: (href, text, name said to screen readers, target, rel).
type LinkSeen = (String, String, String, String, String);

fn links_in(root: &web_sys::Element) -> Vec<LinkSeen> {
    let found = root.query_selector_all("a").unwrap();
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|a| {
            let attr = |name: &str| a.get_attribute(name).unwrap_or_default();
            (attr("href"), text(&a), attr("aria-label"), attr("target"), attr("rel"))
        })
        .collect()
}

async fn panel_links(data: &Rc<Dataset>, resolved: Resolved) -> (String, Vec<LinkSeen>) {
    let root = host();
    let props = details_props(data.clone(), resolved, Callback::noop());
    yew::Renderer::<DetailsHost>::with_root_and_props(root.clone(), DetailsHostProps { props }).render();
    yew::scheduler::flush().await;
    (text(&root), links_in(&root))
}

#[wasm_bindgen_test]
async fn links_from_the_data_say_where_they_go() {
    let data = Rc::new(Dataset::from_text(include_str!("fixtures/outbound-links.json")).unwrap());
    let org = |id: &str| Resolved::Org(data.model.org_by_id(id).unwrap());
    let new_tab = |href: &str, text: &str| {
        let name = format!("{text} (nouvelle fenêtre)");
        (href.to_string(), text.to_string(), name, "_blank".to_string(), "noopener noreferrer".to_string())
    };
    // The host, as the browser reads it: lowercase, default port dropped, IDN in punycode (a
    // look-alike letter cannot pass for another), `\` read as `/`.
    let (_, links) = panel_links(&data, org("hub")).await;
    assert_eq!(links, [new_tab("https://hubdumentorat.fr/page?x#y", "hubdumentorat.fr")]);
    let (_, links) = panel_links(&data, org("idn")).await;
    assert_eq!(links, [new_tab("https://xn--donnes-eva.example/", "xn--donnes-eva.example")]);
    let (_, links) = panel_links(&data, org("slash")).await;
    assert_eq!(links, [new_tab("https://a.example/@b.example/", "a.example")]);
    // A user name before `@` would let the address pass for the Métropole's: text, not a link.
    let (shown, links) = panel_links(&data, org("creds")).await;
    assert_eq!(links, []);
    assert!(shown.contains("https://www.ampmetropole.fr@evil.example/"), "{shown}");
    // A decision's source: its name, then where it is.
    let (_, links) = panel_links(&data, Resolved::Link(0)).await;
    assert_eq!(
        links,
        [new_tab("http://deliberations.example:8080/tst-002.pdf", "Délibération TST-002 (deliberations.example:8080)")]
    );
}
