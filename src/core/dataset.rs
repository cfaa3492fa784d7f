//! A loaded export: its model, graph and layout, built once from the text and then only read.
//!
//! A large export is loaded a slice at a time (`Loading`); its layout then runs elsewhere (the
//! layout worker: `follow` takes its positions as they come), a small one here (`lay_out_here`).

use std::cell::RefCell;
use std::rc::Rc;

use petgraph::graph::EdgeIndex;

use super::community::Communities;
use super::graph::{Graph, GraphBuilder};
use super::i18n::{fill, Lang};
use super::layout::{
    grouped_layout, ExactRun, ForceRun, ForceSettings, GroupedSettings, LayoutInput, LayoutRun, Point, Ties,
};
use super::model::{Cents, LinkIx, Model, OrgIx};
use super::query::Filter;
use super::route::{Route, Selection};
use super::scene::{Focus, Region};
use super::validate::{Problems, Validation};

pub struct Dataset {
    pub model: Model,
    pub graph: Graph,
    /// The force layout: still refining, or settled. Interior mutability because the data is
    /// shared read-only everywhere else while the layout advances between frames (or arrives
    /// from a worker).
    layout: RefCell<ForceLayout>,
    /// The network's communities, when found here (the command-line tool, tests).
    communities: Option<Rc<Communities>>,
    /// The communities' regions for the positions as they are, when the layout worker sends them.
    regions: RefCell<Rc<[Region]>>,
    /// The host the export was read from when it is not the site's default export: the page
    /// and the pictures say « Données chargées depuis … ». Set by whoever fetched it.
    pub loaded_from: Option<String>,
}

enum ForceLayout {
    /// Not started: to be run here (`lay_out_here`) or elsewhere (`follow`).
    Waiting,
    Refining(Box<dyn LayoutRun>),
    /// The latest positions of a layout running elsewhere.
    Following(Vec<Point>),
    Settled(Vec<Point>),
}

impl std::fmt::Debug for Dataset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dataset").field("organizations", &self.model.organizations.len()).finish_non_exhaustive()
    }
}

impl Dataset {
    /// Runs the whole pipeline: text → model → graph → settled layout (messages in French).
    pub fn from_text(text: &str) -> Result<Dataset, Problems> {
        Dataset::from_text_in(text, Lang::Fr)
    }

    /// The same, with the validator's messages in the given language.
    pub fn from_text_in(text: &str, lang: Lang) -> Result<Dataset, Problems> {
        let data = Dataset::from_text_unsettled_in(text, lang)?;
        data.refine_layout(&mut || true);
        Ok(data)
    }

    /// Text → model → graph, with the force layout only started here (the one a worker runs
    /// for a large network) and the communities found: `positions` gives a first picture at
    /// once, and `refine_layout` advances it as time allows.
    pub fn from_text_unsettled_in(text: &str, lang: Lang) -> Result<Dataset, Problems> {
        let mut data = Dataset::new(super::validate::validate_in(text, lang)?);
        let communities = Communities::of_graph(&data.graph);
        let settings = ForceSettings::default();
        let run = ForceRun::grouped(&data.layout_input(), &communities.of, &settings);
        data.lay_out_with(Box::new(run));
        data.communities = Some(Rc::new(communities));
        Ok(data)
    }

    /// A checked model with its graph and settled layout (the build's static view).
    pub fn from_model_settled(model: Model) -> Dataset {
        let data = Dataset::new(model);
        data.lay_out_here();
        data.refine_layout(&mut || true);
        data
    }

    fn new(model: Model) -> Dataset {
        let graph = Graph::build(&model);
        Dataset::built(model, graph)
    }

    fn built(model: Model, graph: Graph) -> Dataset {
        let (layout, regions) = (RefCell::new(ForceLayout::Waiting), RefCell::new(Rc::from([])));
        Dataset { model, graph, layout, communities: None, regions, loaded_from: None }
    }

    /// What a layout running elsewhere needs.
    pub fn layout_input(&self) -> LayoutInput {
        LayoutInput::new(&self.model, &self.graph)
    }

    /// Lays out here what the page can without the layout worker: a small network exactly, a
    /// larger one grouped by kind (the force layout of thousands of organisations would hold
    /// the page). Unless a layout runs here already, or has settled.
    pub fn lay_out_here(&self) {
        let settings = ForceSettings::default();
        if self.model.organizations.len() <= settings.exact_below {
            self.lay_out_with(Box::new(ExactRun::new(&self.layout_input(), &settings)));
        } else if matches!(*self.layout.borrow(), ForceLayout::Waiting | ForceLayout::Following(_)) {
            let grouped = grouped_layout(&self.model, &self.graph, &GroupedSettings::default());
            *self.layout.borrow_mut() = ForceLayout::Settled(grouped);
            *self.regions.borrow_mut() = Rc::from([]);
        }
    }

    /// Runs a layout here (unless one runs here already, or has settled).
    pub fn lay_out_with(&self, run: Box<dyn LayoutRun>) {
        let mut layout = self.layout.borrow_mut();
        if matches!(*layout, ForceLayout::Waiting | ForceLayout::Following(_)) {
            *layout = ForceLayout::Refining(run);
        }
    }

    /// Takes the positions of a layout running elsewhere (one point per organisation), with
    /// the communities' regions for them; anything else is ignored.
    pub fn follow(&self, positions: Vec<Point>, settled: bool, regions: Vec<Region>) {
        if positions.len() != self.model.organizations.len() || regions.iter().any(|r| r.main >= positions.len()) {
            return;
        }
        let mut layout = self.layout.borrow_mut();
        if matches!(*layout, ForceLayout::Waiting | ForceLayout::Following(_)) {
            *layout = if settled { ForceLayout::Settled(positions) } else { ForceLayout::Following(positions) };
            *self.regions.borrow_mut() = regions.into();
        }
    }

    /// The communities' regions for the positions as they are (none but from the worker).
    pub fn regions(&self) -> Rc<[Region]> {
        self.regions.borrow().clone()
    }

    /// The communities, when found here.
    pub fn communities(&self) -> Option<Rc<Communities>> {
        self.communities.clone()
    }

    /// The force layout's positions as they are now, indexed like `model.organizations`
    /// (all at the origin while it waits).
    pub fn positions(&self) -> Vec<Point> {
        match &*self.layout.borrow() {
            ForceLayout::Waiting => vec![Point::default(); self.model.organizations.len()],
            ForceLayout::Refining(run) => run.positions(),
            ForceLayout::Following(positions) | ForceLayout::Settled(positions) => positions.clone(),
        }
    }

    /// Whether any positions came yet (a layout waiting has none).
    pub fn has_positions(&self) -> bool {
        !matches!(*self.layout.borrow(), ForceLayout::Waiting)
    }

    pub fn layout_settled(&self) -> bool {
        matches!(&*self.layout.borrow(), ForceLayout::Settled(_))
    }

    /// Advances a layout running here until it settles or `keep_going` says stop (asked after
    /// each step). Returns whether it has settled.
    pub fn refine_layout(&self, keep_going: &mut dyn FnMut() -> bool) -> bool {
        let mut layout = self.layout.borrow_mut();
        let ForceLayout::Refining(run) = &mut *layout else { return matches!(*layout, ForceLayout::Settled(_)) };
        if !run.run(keep_going) {
            return false;
        }
        *layout = ForceLayout::Settled(run.positions());
        true
    }
}

/// An export being loaded a slice at a time: validated, then its graph built. The dataset it
/// gives has its layout waiting (`Dataset::lay_out_here`, or `follow` a worker).
pub struct Loading {
    stage: Stage,
}

enum Stage {
    Validating(Box<Validation>),
    Building(Box<(Model, GraphBuilder)>),
    Done,
}

impl Loading {
    pub fn new(text: String, lang: Lang) -> Loading {
        Loading { stage: Stage::Validating(Box::new(Validation::new(text, lang))) }
    }

    /// The export's text, once it is found broken (to be read again with the messages fetched).
    pub fn into_text(self) -> Option<String> {
        match self.stage {
            Stage::Validating(validation) => Some(validation.into_text()),
            _ => None,
        }
    }

    /// What a layout needs, once the organisations and links are read (given once).
    pub fn take_ties(&mut self) -> Option<Ties> {
        match &mut self.stage {
            Stage::Validating(validation) => validation.take_ties(),
            _ => None,
        }
    }

    /// Works until done or until `keep_going` says stop; gives the result once there is one.
    pub fn advance(&mut self, keep_going: &mut dyn FnMut() -> bool) -> Option<Result<Dataset, Problems>> {
        loop {
            match std::mem::replace(&mut self.stage, Stage::Done) {
                Stage::Validating(mut validation) => match validation.advance(keep_going) {
                    None => {
                        self.stage = Stage::Validating(validation);
                        return None;
                    }
                    Some(Err(problems)) => {
                        self.stage = Stage::Validating(validation);
                        return Some(Err(problems));
                    }
                    Some(Ok(model)) => {
                        let builder = GraphBuilder::new(&model);
                        self.stage = Stage::Building(Box::new((model, builder)));
                    }
                },
                Stage::Building(mut building) => {
                    let (model, builder) = &mut *building;
                    if !builder.advance(model, keep_going) {
                        self.stage = Stage::Building(building);
                        return None;
                    }
                    let (model, builder) = *building;
                    return Some(Ok(Dataset::built(model, builder.finish())));
                }
                Stage::Done => return None,
            }
            if !keep_going() {
                return None;
            }
        }
    }
}

/// A `route::Selection` looked up in the data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved {
    None,
    Org(OrgIx),
    Link(LinkIx),
    Bundle(EdgeIndex),
}

impl Dataset {
    /// Finds what a selection names; an id the data lacks gives a message to show.
    pub fn resolve(&self, selection: &Selection, lang: Lang) -> Result<Resolved, String> {
        let t = lang.texts();
        let org = |id: &str| self.model.org_by_id(id).ok_or_else(|| fill(t.unknown_org, &[("id", id)]));
        match selection {
            Selection::None => Ok(Resolved::None),
            Selection::Org(id) => org(id).map(Resolved::Org),
            Selection::Link(id) => {
                self.model.link_by_id(id).map(Resolved::Link).ok_or_else(|| fill(t.unknown_link, &[("id", id)]))
            }
            Selection::Pair(a, b) => {
                let (a, b) = (org(a)?, org(b)?);
                self.graph
                    .bundle_between(a, b)
                    .filter(|e| !self.graph.bundle(*e).links.is_empty())
                    .map(Resolved::Bundle)
                    .ok_or_else(|| t.unlinked_pair.to_string())
            }
        }
    }

    /// The selection to open for a bundle: its only link, or the list of its links.
    pub fn selection_for_bundle(&self, edge: EdgeIndex) -> Selection {
        let bundle = self.graph.bundle(edge);
        let id = |o: OrgIx| self.model.organizations[o].id.clone();
        match bundle.links.as_slice() {
            [] => Selection::Org(id(bundle.ends.0)),
            [only] => Selection::Link(self.model.links[*only].id.clone()),
            _ => Selection::Pair(id(bundle.ends.0), id(bundle.ends.1)),
        }
    }

    /// What the scene highlights for a resolved selection.
    pub fn focus(&self, resolved: Resolved, hovered: Option<OrgIx>) -> Focus {
        let mut focus = Focus { hovered, ..Focus::default() };
        match resolved {
            Resolved::None => {}
            Resolved::Org(o) => focus.selected_org = Some(o),
            Resolved::Link(l) => focus.selected_link = Some(l),
            Resolved::Bundle(e) => focus.selected_bundle = Some(e),
        }
        focus
    }
}

impl Dataset {
    /// The filter a route asks for; a partner's network naming an unknown id gives a message.
    pub fn filter(&self, route: &Route, lang: Lang) -> (Filter, Option<String>) {
        let mut notice = None;
        let ego = route.focus.as_ref().and_then(|(id, depth)| match self.model.org_by_id(id) {
            Some(org) => Some((org, *depth)),
            None => {
                notice = Some(fill(lang.texts().unknown_org, &[("id", id)]));
                None
            }
        });
        let filter = Filter {
            link_kinds: route.link_kinds,
            org_kinds: route.org_kinds,
            years: route.years,
            amount: route
                .amount
                .map(|(a, b)| (Cents(a.saturating_mul(100)), Cents(b.saturating_mul(100).saturating_add(99)))),
            ego,
        };
        (filter, notice)
    }
}
