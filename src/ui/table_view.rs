//! The table view: every link as a row, sortable by column, with a CSV download of what it shows.
//! It is also the text alternative of the graph. A large export is shown a page at a time
//! (the CSV still holds every row).

use std::rc::Rc;

use yew::prelude::*;

use crate::core::dataset::{Dataset, Resolved};
use crate::core::i18n::{fill, Lang};
use crate::core::query::{self, Visible};
use crate::core::route::Selection;
use crate::core::table::{self, Column, Sort};
use crate::ui::browser;
use crate::ui::config::use_lang;

/// Rows per page: enough to scroll through, few enough to draw at once.
const PAGE_ROWS: usize = 200;

#[derive(Properties, Clone)]
pub struct TableViewProps {
    pub data: Rc<Dataset>,
    pub resolved: Resolved,
    pub visible: Rc<Visible>,
    pub sort: Option<Sort>,
    pub on_sort: Callback<Column>,
    pub on_select: Callback<Selection>,
    pub on_drawn: Callback<()>,
}

impl PartialEq for TableViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
            && self.resolved == other.resolved
            && self.sort == other.sort
            && self.visible == other.visible
    }
}

#[component]
pub fn TableView(props: &TableViewProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    {
        let on_drawn = props.on_drawn.clone();
        use_effect_with((), move |_| on_drawn.emit(()));
    }
    let m = &props.data.model;
    let rows = table::sorted_rows(m, &props.visible, props.sort);
    let selected_link = match props.resolved {
        Resolved::Link(l) => Some(l),
        _ => None,
    };
    // A new filter or order starts at the first page; a selected link opens the page it is on.
    let page = use_state(|| 0usize);
    {
        let page = page.clone();
        let selected_at = selected_link.and_then(|l| rows.iter().position(|r| *r == l));
        use_effect_with((props.visible.clone(), props.sort, selected_link), move |_| {
            page.set(selected_at.map_or(0, |i| i / PAGE_ROWS));
        });
    }
    let pages = rows.len().div_ceil(PAGE_ROWS).max(1);
    let current = (*page).min(pages - 1);
    let shown = &rows[current * PAGE_ROWS..((current + 1) * PAGE_ROWS).min(rows.len())];
    let download = {
        let (data, rows) = (props.data.clone(), rows.clone());
        Callback::from(move |_: MouseEvent| {
            browser::download_text(
                lang.texts().csv_file,
                &table::to_csv(&data.model, &rows, lang),
                "text/csv;charset=utf-8",
            );
        })
    };
    let header = Column::ALL.iter().map(|column| {
        let state = props.sort.filter(|s| s.column == *column);
        let aria_sort = match state {
            Some(Sort { ascending: true, .. }) => "ascending",
            Some(Sort { ascending: false, .. }) => "descending",
            None => "none",
        };
        let arrow = match state {
            Some(Sort { ascending: true, .. }) => "▲",
            Some(Sort { ascending: false, .. }) => "▼",
            None => "↕",
        };
        let onclick = props.on_sort.reform({
            let column = *column;
            move |_: MouseEvent| column
        });
        html! {
            <th scope="col" aria-sort={aria_sort}>
                <button type="button" class="sort" {onclick}>
                    { column.title(lang) }<span class="arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    });
    let body = shown.iter().map(|&link| {
        let l = &m.links[link];
        let open = {
            let (cb, id) = (props.on_select.clone(), l.id.clone());
            Callback::from(move |_: MouseEvent| cb.emit(Selection::Link(id.clone())))
        };
        let class = if selected_link == Some(link) { "selected" } else { "" };
        html! {
            <tr key={l.id.clone()} {class} data-link={l.id.clone()}>
                <td>{ table::cell(m, link, Column::From, lang) }</td>
                <td>{ table::cell(m, link, Column::To, lang) }</td>
                <td>{ table::cell(m, link, Column::Kind, lang) }</td>
                <td>{ table::cell(m, link, Column::Purpose, lang) }</td>
                <td>{ table::cell(m, link, Column::Period, lang) }</td>
                <td class="num">{ table::cell(m, link, Column::Amount, lang) }</td>
                <td><button type="button" class="linkish" onclick={open}>{ table::cell(m, link, Column::Decision, lang) }</button></td>
            </tr>
        }
    });
    let total = query::visible_total(m, &props.visible);
    html! {
        <div class="table-view">
            <div class="table-tools">
                <p>{ format!("{} · {} {}", lang.count(rows.len(), t.link_one, t.link_many), t.total_amount, lang.euros(total)) }</p>
                <button type="button" class="button" onclick={download}>{ t.download_csv }</button>
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-label={t.table_region}>
                <table>
                    <caption>{ fill(t.table_caption, &[("n", &rows.len().to_string())]) }</caption>
                    <thead><tr>{ for header }</tr></thead>
                    <tbody>{ for body }</tbody>
                </table>
            </div>
            if pages > 1 {
                { pager(current, pages, rows.len(), &page, lang) }
            }
        </div>
    }
}

/// "Links 201 to 400 of 30 000", with the previous and next pages.
fn pager(current: usize, pages: usize, total: usize, page: &UseStateHandle<usize>, lang: Lang) -> Html {
    let t = lang.texts();
    let go = |to: usize| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(to))
    };
    let first = current * PAGE_ROWS + 1;
    let last = ((current + 1) * PAGE_ROWS).min(total);
    let range = fill(
        t.table_page,
        &[
            ("from", &lang.integer(first as u64)),
            ("to", &lang.integer(last as u64)),
            ("total", &lang.integer(total as u64)),
        ],
    );
    html! {
        <nav class="pager" aria-label={t.table_pages}>
            <button type="button" class="button secondary" disabled={current == 0} onclick={go(current.saturating_sub(1))}>{ t.table_previous }</button>
            <p role="status">{ range }</p>
            <button type="button" class="button secondary" disabled={current + 1 >= pages} onclick={go(current + 1)}>{ t.table_next }</button>
        </nav>
    }
}
