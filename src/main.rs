//! Entry point: mounts the widget in the browser and nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    carte_partenariats::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Le widget se construit pour le navigateur : lancez « make serve ».");
}
