//! The page's side of the layout worker (`worker.rs`, started by `carte-worker.js`, a file
//! beside the widget's, on the same origin): sends it the network's ties as soon as the export's
//! organisations and links are read, and lets the dataset, once built, follow the pictures it
//! sends back (positions, and the communities' regions; one that comes before is kept for it).

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::dataset::Dataset;
use crate::core::layout::{Point, Ties};
use crate::core::scene::{regions_from_numbers, Region};

/// A started worker and what it has sent.
pub struct LayoutWorker {
    worker: web_sys::Worker,
    inbox: Rc<RefCell<Inbox>>,
    listeners: Option<[EventListener; 2]>,
}

/// What the worker sent, kept until the dataset exists, then handed to it as it comes.
#[derive(Default)]
struct Inbox {
    data: Option<Weak<Dataset>>,
    picture: Option<(Vec<Point>, bool, Vec<Region>)>,
    failed: bool,
    /// Resolves the wait for the first picture.
    first: Option<js_sys::Function>,
}

impl LayoutWorker {
    /// Starts the worker from the widget's files (`url`, same origin); `None` where workers
    /// cannot run.
    pub fn start(url: &str) -> Option<LayoutWorker> {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(url, &options).ok()?;
        let inbox: Rc<RefCell<Inbox>> = Rc::default();
        let listen = |name: &'static str| {
            let (inbox, worker) = (inbox.clone(), worker.clone());
            EventListener::new(&worker.clone(), name, move |event| receive(event, &inbox, &worker))
        };
        let listeners = Some([listen("message"), listen("error")]);
        Some(LayoutWorker { worker, inbox, listeners })
    }

    /// Sends the network's ties; `false` if they could not be sent.
    pub fn send(&self, ties: &Ties) -> bool {
        let array = js_sys::Uint32Array::from(&ties.to_words()[..]);
        self.worker.post_message_with_transfer(&array, &js_sys::Array::of1(&array.buffer())).is_ok()
    }

    /// Hands the built dataset what has come and what will come; resolves once the first
    /// picture is there (`true`), or the worker failed (`false`: the caller lays out here).
    pub async fn lay_out(mut self, data: &Rc<Dataset>) -> bool {
        // The listeners, and the worker, live on: it ends itself once settled, or failed.
        self.listeners.take().into_iter().flatten().for_each(EventListener::forget);
        let this = std::mem::ManuallyDrop::new(self);
        let arrived = {
            let mut inbox = this.inbox.borrow_mut();
            inbox.data = Some(Rc::downgrade(data));
            if let Some((positions, settled, regions)) = inbox.picture.take() {
                data.follow(positions, settled, regions);
                return true;
            }
            if inbox.failed {
                return false;
            }
            js_sys::Promise::new(&mut |resolve, _| inbox.first = Some(resolve))
        };
        JsFuture::from(arrived).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
    }
}

impl Drop for LayoutWorker {
    /// Not handed a dataset (the export was refused, or too small for it): stopped.
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// One answer of the worker, a picture (see `worker.rs`) or a failure: into the dataset, or kept
/// until there is one.
fn receive(event: &web_sys::Event, inbox: &RefCell<Inbox>, worker: &web_sys::Worker) {
    let mut inbox = inbox.borrow_mut();
    let data = inbox.data.as_ref().map(|d| d.upgrade());
    let message = event.dyn_ref::<web_sys::MessageEvent>().map(|m| m.data()).filter(|_| !matches!(data, Some(None)));
    let numbers = message.and_then(|m| m.dyn_into::<js_sys::Float32Array>().ok()).map(|a| a.to_vec());
    let picture = numbers.as_deref().and_then(|n| {
        let (settled, length) = (*n.first()? == 1.0, *n.get(1)? as usize);
        let regions = regions_from_numbers(n.get(2..2 + length)?)?;
        let positions = n[2 + length..].chunks_exact(2).map(|p| Point::new(p[0].into(), p[1].into())).collect();
        Some((positions, settled, regions))
    });
    let arrived = match picture {
        Some((positions, settled, regions)) => {
            if settled {
                worker.terminate();
            }
            match &data {
                Some(Some(data)) => data.follow(positions, settled, regions),
                _ => inbox.picture = Some((positions, settled, regions)),
            }
            true
        }
        None => {
            // Failed, or the page no longer shows this dataset: the layout goes on here, if at all.
            worker.terminate();
            inbox.failed = true;
            if let Some(Some(data)) = &data {
                data.lay_out_here();
            }
            false
        }
    };
    if let Some(resolve) = inbox.first.take() {
        let _ = resolve.call1(&JsValue::NULL, &JsValue::from_bool(arrived));
    }
}
