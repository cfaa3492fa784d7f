//! The layout worker's side: a wasm of its own (`src/bin/carte-layout.rs`, built without the
//! interface), started in a Web Worker by `carte-worker.js` when the page has a large network
//! to show. It lays the network out and finds its communities while the page stays free.
//!
//! The page sends the export's bytes as soon as they are downloaded (a `Uint8Array`): the worker
//! reads the ties from them itself (`Ties::from_export`) while the page checks the export. Should
//! it not manage, it asks for them (`ASK_FOR_TIES`) and the page sends `Ties::to_words()` as a
//! `Uint32Array` once it has read them. The worker finds the communities (Louvain: the layout
//! gathers each in its own place), then answers with pictures as they improve, each a
//! `Float32Array`: 1 once settled (else 0), the ties' digest (the page checks it against its
//! own reading), the length of the communities' regions
//! (`regions_to_numbers`), the regions, then x and y of each organisation.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

use crate::core::community::{louvain, Communities};
use crate::core::layout::{ExactRun, ForceRun, ForceSettings, LayoutInput, LayoutRun, Ties, ASK_FOR_TIES};
use crate::core::scene::{community_regions, regions_to_numbers};

/// Work between two pictures sent to the page, in milliseconds.
const POST_EVERY_MS: f64 = 150.0;
/// Layout work before the first picture: the coarse levels, which show the big picture.
const FIRST_PICTURE_MS: f64 = 25.0;

/// Called by `carte-worker.js` with what the page sent; runs to the settled layout.
#[wasm_bindgen]
pub fn layout_worker(message: wasm_bindgen::JsValue) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let ties = if let Some(bytes) = message.dyn_ref::<js_sys::Uint8Array>() {
        let Some(ties) = Ties::from_export(&bytes.to_vec()) else {
            let _ = scope.post_message(&js_sys::Float32Array::from(&[ASK_FOR_TIES][..]));
            return;
        };
        ties
    } else {
        match message.dyn_ref::<js_sys::Uint32Array>().and_then(|w| Ties::from_words(&w.to_vec())) {
            Some(ties) => ties,
            None => return scope.close(),
        }
    };
    let digest = ties.digest();
    let input = LayoutInput::from_ties(&ties);
    let mut degrees = vec![0usize; ties.hashes.len()];
    ties.links.iter().for_each(|&(a, b)| [a, b].iter().for_each(|o| degrees[*o as usize] += 1));
    let communities = Communities::new(louvain(input.hashes.len(), &input.edges), &degrees);
    let post_positions = |run: &dyn LayoutRun, settled: bool| {
        let positions = run.positions();
        let regions = regions_to_numbers(&community_regions(&communities, &positions));
        let mut numbers = vec![if settled { 1.0 } else { 0.0 }, digest as f32, regions.len() as f32];
        numbers.extend(regions);
        numbers.extend(positions.iter().flat_map(|p| [p.x as f32, p.y as f32]));
        let array = js_sys::Float32Array::from(&numbers[..]);
        let _ = scope.post_message_with_transfer(&array, &js_sys::Array::of1(&array.buffer()));
    };
    let settings = ForceSettings::default();
    let mut run: Box<dyn LayoutRun> = if input.hashes.len() <= settings.exact_below {
        Box::new(ExactRun::new(&input, &settings))
    } else {
        Box::new(ForceRun::grouped(&input, &communities.of, &settings))
    };
    let start = js_sys::Date::now();
    let mut settled = run.run(&mut || js_sys::Date::now() - start < FIRST_PICTURE_MS);
    post_positions(&*run, settled);
    while !settled {
        let start = js_sys::Date::now();
        settled = run.run(&mut || js_sys::Date::now() - start < POST_EVERY_MS);
        post_positions(&*run, settled);
    }
    scope.close();
}
