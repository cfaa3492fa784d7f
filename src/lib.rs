//! Carte des partenariats: the network of conventions, subsidies and memberships decided by the
//! Métropole Aix-Marseille-Provence, drawn from a JSON export.
//!
//! The map of the crate:
//! - `core`: pure Rust (format → validate → model → graph → layout → scene, plus table and routes),
//!   tested natively;
//! - `render`: draws a `core::scene::Scene` on a canvas; knows nothing of Yew;
//! - `ui`: the Yew components, one state, one `Action` enum, one reducer.
//! - `cli`: the `carte` command-line tool (validate, extract, import-scdl, merge, stats), native only.
//!
//! Data flows one way: text → format → validate → model → graph → layout → scene → render;
//! user actions come back as `Action`s whose reducer calls the core.

pub mod core;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod render;
#[cfg(target_arch = "wasm32")]
pub mod ui;
