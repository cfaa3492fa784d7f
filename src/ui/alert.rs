//! The error message shown when an export cannot be displayed: what and where, in French.

use yew::prelude::*;

use crate::core::i18n::fill;
use crate::ui::config::use_lang;
use crate::ui::state::LoadError;

#[derive(Properties, PartialEq, Clone)]
pub struct LoadAlertProps {
    pub error: std::rc::Rc<LoadError>,
    /// Offered when the failed file was not the default one.
    pub default_href: Option<String>,
}

#[component]
pub fn LoadAlert(props: &LoadAlertProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let e = &props.error;
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
                            { format!(" : {}", p.message) }
                        </li>
                    }) }
                </ul>
            }
            if e.omitted > 0 { <p>{ fill(t.more_problems, &[("n", &e.omitted.to_string())]) }</p> }
            if let Some(href) = &props.default_href {
                <p><a class="button" href={href.clone()}>{ t.show_default }</a></p>
            }
        </div>
    }
}
