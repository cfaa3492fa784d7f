//! The layout worker's wasm: the core's layout and communities, and `worker.rs` (its exported
//! `layout_worker`, which `carte-worker.js` calls). Built with `--no-default-features
//! --features worker`: no interface, so the page's own wasm need not carry the large layout.

#[cfg(all(target_arch = "wasm32", feature = "worker"))]
pub use carte_partenariats::worker::layout_worker;

fn main() {}
