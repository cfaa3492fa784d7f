//! The pure core: format, validation, model, graph, layout, scene, table and routes.
//! Only std, serde, serde_json and petgraph: no browser crate, so all of it is tested natively.

pub mod community;
pub mod dataset;
pub mod format;
pub mod grammar;
pub mod graph;
pub mod i18n;
pub mod layout;
pub mod locale;
pub mod math;
pub mod model;
pub mod number;
pub mod order;
pub mod origin;
pub mod page;
pub mod query;
pub mod route;
pub mod scene;
pub mod svg;
pub mod table;
pub mod validate;
