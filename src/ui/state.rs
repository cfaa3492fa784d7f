//! The one state of the widget, the `Action`s that change it, and the reducer.

use std::rc::Rc;

use yew::Reducible;

use crate::core::dataset::Dataset;
use crate::core::route::{Route, Selection, View};
use crate::core::table::{Column, Sort};
use crate::core::validate::Problem;

#[derive(Debug, Clone)]
pub enum Load {
    Loading { source: String, progress: Progress },
    Ready(Rc<Dataset>),
    Failed(Rc<LoadError>),
}

/// How far loading has gone, for the progress indicator.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Progress {
    #[default]
    Starting,
    /// Bytes received, and the total when the server said it.
    Downloading { received: usize, total: Option<usize> },
    /// Downloaded: reading, checking and laying out.
    Reading,
}

/// Why an export could not be shown: a headline and, for invalid files, every problem.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub source: String,
    pub headline: String,
    pub problems: Vec<Problem>,
    pub omitted: usize,
}

#[derive(Debug, Clone)]
pub struct State {
    pub load: Load,
    pub route: Route,
    pub sort: Option<Sort>,
    /// The sheet of tools (time, filters, paths, layouts) is open.
    pub tools_open: bool,
}

pub enum Action {
    Loading(String),
    Progress(Progress),
    Loaded(Rc<Dataset>),
    Failed(LoadError),
    /// The address changed (back button, edited hash): take its whole state.
    Navigate(Route),
    Select(Selection),
    ShowView(View),
    SortBy(Column),
    /// A control changed the shareable state (filters, focus, path, layout).
    Route(Route),
    /// Opens or closes the sheet of tools.
    Tools(bool),
}

impl State {
    pub fn new(route: Route) -> State {
        State {
            load: Load::Loading { source: String::new(), progress: Progress::Starting },
            // A shared path opens with its answer in view, in the sheet of tools.
            tools_open: route.path.is_some(),
            route,
            sort: None,
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Loading(source) => next.load = Load::Loading { source, progress: Progress::Starting },
            Action::Progress(progress) => match &mut next.load {
                Load::Loading { progress: current, .. } => *current = progress,
                _ => return self,
            },
            Action::Loaded(data) => next.load = Load::Ready(data),
            Action::Failed(error) => next.load = Load::Failed(Rc::new(error)),
            Action::Navigate(route) | Action::Route(route) if route == self.route => return self,
            Action::Navigate(route) | Action::Route(route) => {
                // A path asked for from an organisation's panel is answered in the sheet of tools.
                next.tools_open |= route.path.is_some() && self.route.path.is_none();
                next.route = route;
            }
            Action::Select(selection) if selection == self.route.selection => return self,
            Action::Select(selection) => next.route.selection = selection,
            Action::ShowView(view) if view == self.route.view => return self,
            Action::ShowView(view) => next.route.view = view,
            Action::Tools(open) if open == self.tools_open => return self,
            Action::Tools(open) => next.tools_open = open,
            Action::SortBy(column) => {
                // A second click on the same column reverses the order.
                let ascending = !matches!(self.sort, Some(s) if s.column == column && s.ascending);
                next.sort = Some(Sort { column, ascending });
            }
        }
        Rc::new(next)
    }
}
