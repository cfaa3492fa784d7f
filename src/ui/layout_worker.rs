//! The page's side of the layout worker (`worker.rs`, started by `carte-worker.js`, a file
//! beside the widget's, on the same origin): hands it the export's bytes as soon as they are
//! downloaded (it reads the network's ties from them itself), tells it the ties the page read
//! (sent too, should it ask for them), and lets the dataset, once built, follow the pictures it
//! sends back (positions, and the communities' regions; one that comes before is kept for it).
//! A picture drawn from other ties than the page's is refused.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::dataset::Dataset;
use crate::core::layout::{words_digest, Point, Ties, ASK_FOR_TIES};
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
    picture: Option<Picture>,
    failed: bool,
    /// Resolves the wait for the first picture.
    first: Option<js_sys::Function>,
    /// The ties the page read: their digest, which every picture must carry, and their words.
    ties: Option<(u32, Vec<u32>)>,
    /// The worker has the export's bytes (it reads the ties itself, or asks for them).
    has_export: bool,
    /// It asked for the ties before the page had read them.
    asked: bool,
}

struct Picture {
    digest: u32,
    positions: Vec<Point>,
    settled: bool,
    regions: Vec<Region>,
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

    /// Hands over a copy of the export's bytes; `false` if they could not be sent.
    pub fn send_export(&self, bytes: &[u8]) -> bool {
        let array = js_sys::Uint8Array::from(bytes);
        let sent = self.worker.post_message_with_transfer(&array, &js_sys::Array::of1(&array.buffer())).is_ok();
        self.inbox.borrow_mut().has_export = sent;
        sent
    }

    /// Tells the worker the ties the page read (sent, unless it reads them from the export);
    /// `false` once it cannot lay them out (it failed, or read other ties).
    pub fn give_ties(&self, ties: &Ties) -> bool {
        let mut inbox = self.inbox.borrow_mut();
        let words = ties.to_words();
        if !inbox.has_export || inbox.asked {
            post_words(&self.worker, &words);
        }
        let digest = words_digest(&words);
        if inbox.picture.as_ref().is_some_and(|p| p.digest != digest) {
            fail(&mut inbox, &self.worker);
        }
        inbox.ties = Some((digest, words));
        !inbox.failed
    }

    /// Whether it failed (or read other ties than the page's).
    pub fn failed(&self) -> bool {
        self.inbox.borrow().failed
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
            if let Some(p) = inbox.picture.take() {
                data.follow(p.positions, p.settled, p.regions);
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

fn post_words(worker: &web_sys::Worker, words: &[u32]) {
    let array = js_sys::Uint32Array::from(words);
    let _ = worker.post_message_with_transfer(&array, &js_sys::Array::of1(&array.buffer()));
}

/// Failed, or the page no longer shows this dataset: the layout goes on here, if at all.
fn fail(inbox: &mut Inbox, worker: &web_sys::Worker) {
    worker.terminate();
    inbox.failed = true;
    inbox.picture = None;
    if let Some(Some(data)) = inbox.data.as_ref().map(Weak::upgrade) {
        data.lay_out_here();
    }
}

/// One message of the worker: a picture (see `worker.rs`), a request for the ties, or a
/// failure; a picture goes into the dataset, or is kept until there is one.
fn receive(event: &web_sys::Event, inbox: &RefCell<Inbox>, worker: &web_sys::Worker) {
    let mut inbox = inbox.borrow_mut();
    let data = inbox.data.as_ref().map(|d| d.upgrade());
    let message = event.dyn_ref::<web_sys::MessageEvent>().map(|m| m.data()).filter(|_| !matches!(data, Some(None)));
    let numbers = message.and_then(|m| m.dyn_into::<js_sys::Float32Array>().ok()).map(|a| a.to_vec());
    if numbers.as_deref() == Some(&[ASK_FOR_TIES]) {
        match &inbox.ties {
            Some((_, words)) => post_words(worker, words),
            None => inbox.asked = true,
        }
        return;
    }
    let picture = numbers.as_deref().and_then(|n| {
        let (settled, digest, length) = (*n.first()? == 1.0, *n.get(1)? as u32, *n.get(2)? as usize);
        let regions = regions_from_numbers(n.get(3..3 + length)?)?;
        let positions = n[3 + length..].chunks_exact(2).map(|p| Point::new(p[0].into(), p[1].into())).collect();
        Some(Picture { digest, positions, settled, regions })
    });
    let expected = inbox.ties.as_ref().map(|(digest, _)| *digest);
    let arrived = match picture.filter(|p| expected.is_none_or(|d| d == p.digest)) {
        Some(p) => {
            if p.settled {
                worker.terminate();
            }
            match &data {
                Some(Some(data)) => data.follow(p.positions, p.settled, p.regions),
                _ => inbox.picture = Some(p),
            }
            true
        }
        None => {
            fail(&mut inbox, worker);
            false
        }
    };
    if let Some(resolve) = inbox.first.take() {
        let _ = resolve.call1(&JsValue::NULL, &JsValue::from_bool(arrived));
    }
}
