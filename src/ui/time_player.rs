//! The time player: the network year by year, over the years in which decisions were taken.
//! Play advances a year every few seconds and can always be paused; Previous and Next step.
//! The year is the years filter, so it is in the address and the table follows it too.

use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::core::dataset::Dataset;
use crate::core::i18n::fill;
use crate::core::query::{self, Visible};
use crate::core::route::Route;
use crate::ui::config::use_lang;

const STEP_MS: u32 = 2500;
/// A year's acts told in sentences under the player, at most this many.
const ACTS_TOLD: usize = 3;

#[derive(Properties, Clone)]
pub struct TimePlayerProps {
    pub data: Rc<Dataset>,
    pub route: Route,
    pub visible: Rc<Visible>,
    pub on_route: Callback<Route>,
}

impl PartialEq for TimePlayerProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data) && self.route == other.route && self.visible == other.visible
    }
}

/// The years in which something was decided, in order: the steps of the player. (Walked rather
/// than sorted: a sort of `i32` would add its own copy of std's sort to the wasm.)
fn steps(data: &Dataset) -> Vec<i32> {
    let decided = |year: i32| data.model.decisions.iter().any(|d| d.date.year == year);
    let first = data.model.decisions.iter().map(|d| d.date.year).min().unwrap_or(0);
    let last = data.model.decisions.iter().map(|d| d.date.year).max().unwrap_or(-1);
    (first..=last).filter(|y| decided(*y)).collect()
}

#[component]
pub fn TimePlayer(props: &TimePlayerProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let playing = use_state(|| false);
    let years = steps(&props.data);
    let current = props.route.years.filter(|(a, b)| a == b).map(|(y, _)| y);
    let at = |year: Option<i32>| Route { years: year.map(|y| (y, y)), ..props.route.clone() };
    let next_year = match current {
        None => years.first().copied(),
        Some(y) => years.iter().copied().find(|x| *x > y),
    };
    let previous_year = current.and_then(|y| years.iter().copied().rev().find(|x| *x < y));

    // While playing, step forward on a timer; stop after the last year.
    {
        let (playing, on_route, next) = (playing.clone(), props.on_route.clone(), next_year.map(|y| at(Some(y))));
        use_effect_with((*playing, next.clone()), move |(is_playing, next)| {
            let timer = match (is_playing, next.clone()) {
                (true, Some(next)) => Some(Interval::new(STEP_MS, move || on_route.emit(next.clone()))),
                (true, None) => {
                    playing.set(false);
                    None
                }
                _ => None,
            };
            move || drop(timer)
        });
    }

    let go = |route: Route| {
        let (on_route, playing) = (props.on_route.clone(), playing.clone());
        Callback::from(move |_: MouseEvent| {
            playing.set(false);
            on_route.emit(route.clone());
        })
    };
    let toggle = {
        let (playing, on_route, first) = (playing.clone(), props.on_route.clone(), at(years.first().copied()));
        let at_end = current.is_some() && next_year.is_none();
        let start_fresh = current.is_none() || at_end;
        Callback::from(move |_: MouseEvent| {
            if !*playing && start_fresh {
                on_route.emit(first.clone());
            }
            playing.set(!*playing);
        })
    };
    let label = match current {
        Some(y) => fill(t.network_in, &[("year", &y.to_string())]),
        None => t.all_years.to_string(),
    };
    // The year's acts, told as a reader would say them (« La Métropole AMP subventionne la CCIMP. »).
    let acts = current.map(|year| query::acts_of_year(&props.data.model, &props.visible, year)).unwrap_or_default();
    let mut told: Vec<String> =
        acts.iter().take(ACTS_TOLD).map(|l| query::link_sentence(&props.data.model, *l, lang)).collect();
    if acts.len() > ACTS_TOLD {
        told.push(fill(t.more_of_year, &[("count", &(acts.len() - ACTS_TOLD).to_string())]));
    }
    html! {
        <div class="time-player" role="group" aria-label={t.time}>
            <span class="time-title tool-title">{ t.time }</span>
            <button type="button" onclick={go(at(previous_year))} disabled={previous_year.is_none()} aria-label={t.previous_year}>{"‹"}</button>
            <button type="button" class="play" onclick={toggle} aria-pressed={playing.to_string()}>
                { if *playing { format!("⏸ {}", t.pause) } else { format!("▶ {}", t.play) } }
            </button>
            <button type="button" onclick={go(at(next_year))} disabled={next_year.is_none()} aria-label={t.next_year}>{"›"}</button>
            <output class="time-year" aria-live="polite">{ label }</output>
            if current.is_some() {
                <button type="button" class="linkish" onclick={go(at(None))}>{ t.all_years }</button>
            }
            if let (Some(year), false) = (current, acts.is_empty()) {
                <p class="time-acts"><strong>{ fill(t.acts_of_year, &[("year", &year.to_string())]) }</strong>{ format!(" {}", told.join(" ")) }</p>
            }
        </div>
    }
}
