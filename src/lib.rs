//! Carte des partenariats: the network of conventions, subsidies and memberships decided by the
//! Métropole Aix-Marseille-Provence, drawn from a JSON export.
//!
//! The map of the crate:
//! - `core`: pure Rust (format → validate → model → graph → layout → scene, plus table and routes),
//!   tested natively;
//! - `render`: draws a `core::scene::Scene` on a canvas; knows nothing of Yew;
//! - `ui`: the Yew components, one state, one `Action` enum, one reducer.
//! - `cli`: the `carte` command-line tool (validate, extract, import-scdl, merge, stats), native only;
//! - `worker`: the layout worker's side, built into a wasm of its own (`src/bin/carte-layout.rs`)
//!   without the interface: the page fetches it only for a large network.
//!
//! Data flows one way: text → format → validate → model → graph → layout → scene → render;
//! user actions come back as `Action`s whose reducer calls the core.

pub mod core;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod render;
#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod ui;
#[cfg(all(target_arch = "wasm32", feature = "worker"))]
pub mod worker;

// Talc instead of the default dlmalloc: about half its code in the wasm each visitor downloads
// (as fast once the heap is grown ahead of a large export: `reserve_heap`).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Grows the heap by `bytes` at once (a block allocated and given back): talc grows the wasm
/// memory by just what each allocation lacks, and a large export's many small allocations
/// would grow it thousands of times. Memory the browser refuses is left to be found later, by
/// the allocations that need it.
pub fn reserve_heap(bytes: usize) {
    let Ok(layout) = std::alloc::Layout::from_size_align(bytes.max(1), 1) else { return };
    // SAFETY: the layout has a non-zero size; the block, if given, is freed with that layout.
    unsafe {
        let block = std::hint::black_box(std::alloc::alloc(layout));
        if !block.is_null() {
            std::alloc::dealloc(block, layout);
        }
    }
}
