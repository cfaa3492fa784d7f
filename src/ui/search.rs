//! The search box: an ARIA combobox over names, short names and former names, ignoring
//! accents and case. Arrow keys move through suggestions, Enter opens one, Escape closes.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::dataset::Dataset;
use crate::core::i18n::fill;
use crate::core::locale::fold;
use crate::core::query::{self, Visible};
use crate::core::route::Selection;
use crate::ui::config::use_lang;

const SUGGESTIONS: usize = 8;

#[derive(Properties, Clone)]
pub struct SearchProps {
    pub data: Rc<Dataset>,
    pub visible: Rc<Visible>,
    pub on_select: Callback<Selection>,
}

impl PartialEq for SearchProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data) && self.visible == other.visible
    }
}

#[component]
pub fn Search(props: &SearchProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let text = use_state(String::new);
    let active = use_state(|| None::<usize>);
    let open = use_state(|| false);
    let m = &props.data.model;
    let results: Vec<usize> = query::search(m, &text, SUGGESTIONS * 2)
        .into_iter()
        .filter(|o| props.visible.orgs[*o])
        .take(SUGGESTIONS)
        .collect();

    let choose = {
        let (on_select, data, text, open, active) =
            (props.on_select.clone(), props.data.clone(), text.clone(), open.clone(), active.clone());
        Callback::from(move |org: usize| {
            on_select.emit(Selection::Org(data.model.organizations[org].id.clone()));
            text.set(String::new());
            open.set(false);
            active.set(None);
        })
    };
    let oninput = {
        let (text, open, active) = (text.clone(), open.clone(), active.clone());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            text.set(input.value());
            open.set(!input.value().trim().is_empty());
            active.set(None);
        })
    };
    let onkeydown = {
        let (results, active, open, choose) = (results.clone(), active.clone(), open.clone(), choose.clone());
        Callback::from(move |e: KeyboardEvent| {
            let n = results.len();
            match e.key().as_str() {
                "ArrowDown" if n > 0 => {
                    e.prevent_default();
                    open.set(true);
                    active.set(Some(active.map_or(0, |a| (a + 1) % n)));
                }
                "ArrowUp" if n > 0 => {
                    e.prevent_default();
                    open.set(true);
                    active.set(Some(active.map_or(n - 1, |a| (a + n - 1) % n)));
                }
                "Enter" if *open && n > 0 => {
                    e.prevent_default();
                    choose.emit(results[active.unwrap_or(0)]);
                }
                "Escape" if *open => {
                    // Handled here: the page's Escape (closing the details) must not fire too.
                    e.prevent_default();
                    open.set(false);
                    active.set(None);
                }
                _ => {}
            }
        })
    };
    let onblur = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(false))
    };
    let expanded = *open && !text.trim().is_empty();
    let needle = fold(text.trim());
    let options = results.iter().enumerate().map(|(i, org)| {
        let o = &m.organizations[*org];
        // Say why a result matched when it was through a former name.
        let former = o
            .former_names
            .iter()
            .find(|f| fold(&f.name).contains(&needle))
            .filter(|_| !fold(&o.name).contains(&needle));
        let onmousedown = {
            let (choose, org) = (choose.clone(), *org);
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                choose.emit(org);
            })
        };
        html! {
            <li id={format!("carte-search-option-{i}")} role="option" aria-selected={(*active == Some(i)).to_string()}
                class={classes!((*active == Some(i)).then_some("active"))} {onmousedown}>
                <span class="option-name">{ o.name.clone() }</span>
                if let Some(f) = former { <span class="option-note">{ format!(" ({} {})", t.formerly, f.name) }</span> }
                <span class="option-kind">{ format!(" · {}", lang.org_kind(o.kind)) }</span>
            </li>
        }
    });
    let status = if !expanded {
        String::new()
    } else if results.is_empty() {
        t.search_none.to_string()
    } else {
        fill(t.search_results, &[("n", &results.len().to_string())])
    };
    html! {
        <div class="search">
            <label for="carte-search">{ t.search_label }</label>
            <input id="carte-search" type="search" role="combobox" autocomplete="off" spellcheck="false"
                placeholder={t.search_placeholder}
                aria-autocomplete="list" aria-expanded={expanded.to_string()} aria-controls="carte-search-list"
                aria-activedescendant={active.filter(|_| expanded).map(|i| format!("carte-search-option-{i}"))}
                value={(*text).clone()} {oninput} {onkeydown} {onblur} />
            <ul id="carte-search-list" role="listbox" aria-label={t.search_label} hidden={!expanded || results.is_empty()}>
                { for options }
            </ul>
            <p class="visually-hidden" role="status" aria-live="polite">{ status }</p>
        </div>
    }
}
