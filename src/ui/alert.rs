//! The error message shown when an export cannot be displayed: what and where, in French.

use yew::prelude::*;

use crate::ui::state::LoadError;

#[derive(Properties, PartialEq, Clone)]
pub struct LoadAlertProps {
    pub error: std::rc::Rc<LoadError>,
    /// Offered when the failed file was not the default one.
    pub default_href: Option<String>,
}

#[component]
pub fn LoadAlert(props: &LoadAlertProps) -> Html {
    let e = &props.error;
    html! {
        <div class="alert" role="alert">
            <h2>{"Les données n'ont pas pu être affichées"}</h2>
            <p>{ e.headline.clone() }</p>
            if !e.problems.is_empty() {
                <ul class="problems">
                    { for e.problems.iter().map(|p| html! {
                        <li>
                            <code>{ match p.position {
                                Some((line, column)) => format!("ligne {line}, colonne {column}"),
                                None => p.path.clone(),
                            } }</code>
                            { format!(" : {}", p.message) }
                        </li>
                    }) }
                </ul>
            }
            if e.omitted > 0 { <p>{ format!("… et {} autres problèmes.", e.omitted) }</p> }
            if let Some(href) = &props.default_href {
                <p><a class="button" href={href.clone()}>{"Afficher les données par défaut"}</a></p>
            }
        </div>
    }
}
