//! A loaded export: its model, graph and layout, built once from the text and then only read.

use std::cell::RefCell;

use petgraph::graph::EdgeIndex;

use super::graph::Graph;
use super::i18n::{fill, Lang};
use super::layout::{ForceRun, ForceSettings, Point};
use super::model::{Cents, LinkIx, Model, OrgIx};
use super::query::Filter;
use super::route::{Route, Selection};
use super::scene::Focus;
use super::validate::{check_in, validate_in, Parsed, Problems};

pub struct Dataset {
    pub model: Model,
    pub graph: Graph,
    /// The force layout: still refining, or settled. Interior mutability because the data is
    /// shared read-only everywhere else while the browser advances the layout between frames.
    layout: RefCell<ForceLayout>,
    /// The host the export was read from when it is not the site's default export: the page
    /// and the pictures say « Données chargées depuis … ». Set by whoever fetched it.
    pub loaded_from: Option<String>,
}

enum ForceLayout {
    Refining(Box<ForceRun>),
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

    /// Text → model → graph, with the layout only started: `positions` gives a first picture
    /// at once, and `refine_layout` advances it as time allows.
    pub fn from_text_unsettled_in(text: &str, lang: Lang) -> Result<Dataset, Problems> {
        Ok(Dataset::from_model(validate_in(text, lang)?))
    }

    /// The same from an export already parsed (`validate::parse_in`).
    pub fn from_parsed_unsettled_in(parsed: Parsed, lang: Lang) -> Result<Dataset, Problems> {
        Ok(Dataset::from_model(check_in(parsed, lang)?))
    }

    /// A checked model with its graph and settled layout (the build's static view).
    pub fn from_model_settled(model: Model) -> Dataset {
        let data = Dataset::from_model(model);
        data.refine_layout(&mut || true);
        data
    }

    fn from_model(model: Model) -> Dataset {
        let graph = Graph::build(&model);
        let run = ForceRun::new(&model, &graph, &ForceSettings::default());
        Dataset { model, graph, layout: RefCell::new(ForceLayout::Refining(Box::new(run))), loaded_from: None }
    }

    /// The force layout's positions as they are now, indexed like `model.organizations`.
    pub fn positions(&self) -> Vec<Point> {
        match &*self.layout.borrow() {
            ForceLayout::Refining(run) => run.positions(),
            ForceLayout::Settled(positions) => positions.clone(),
        }
    }

    pub fn layout_settled(&self) -> bool {
        matches!(&*self.layout.borrow(), ForceLayout::Settled(_))
    }

    /// Advances the layout until it settles or `keep_going` says stop (asked after each
    /// step). Returns whether it has settled.
    pub fn refine_layout(&self, keep_going: &mut dyn FnMut() -> bool) -> bool {
        let mut layout = self.layout.borrow_mut();
        let ForceLayout::Refining(run) = &mut *layout else { return true };
        if !run.run(keep_going) {
            return false;
        }
        *layout = ForceLayout::Settled(run.positions());
        true
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
