//! Draws a `core::scene::Scene` on a 2D canvas. Knows nothing of Yew; hit-testing is in the scene.

mod canvas;

pub use canvas::{measure_text, paint, paint_highlights, warm_up, Look, FONT_STACK};
