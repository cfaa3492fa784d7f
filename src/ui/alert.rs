//! The error message shown when an export cannot be displayed: what and where, in French.

use yew::prelude::*;

use crate::core::i18n::{fill, Lang};
use crate::ui::state::LoadError;

/// `default_href` is offered when the failed file was not the default one. A function, not a
/// component: it has no state (each component type costs the wasm its own lifecycle code).
pub fn load_alert(e: &LoadError, default_href: Option<&str>, lang: Lang) -> Html {
    let t = lang.texts();
    html! {
        <div class="alert" role="alert">
            <h2>{ t.alert_title }</h2>
            <p>{ e.headline.clone() }</p>
            if !e.problems.is_empty() {
                <ul class="problems">
                    { for e.problems.iter().map(|p| html! {
                        <li>
                            <code>{ match p.position {
                                Some((line, column)) => fill(t.line_column, &[("line", &line.to_string()), ("column", &column.to_string())]),
                                None => p.path.clone(),
                            } }</code>
                            // Empty when the messages could not be read (see `loader::explained`).
                            if !p.message.is_empty() { { format!(" : {}", p.message) } }
                        </li>
                    }) }
                </ul>
            }
            if e.omitted > 0 { <p>{ fill(t.more_problems, &[("n", &e.omitted.to_string())]) }</p> }
            if let Some(href) = default_href {
                <p><a class="button" href={href.to_string()}>{ t.show_default }</a></p>
            }
        </div>
    }
}
