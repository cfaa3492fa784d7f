//! The core stays pure: no browser crate anywhere under src/core, so it builds and is tested
//! natively, and the CLI can share it.

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn the_core_imports_no_browser_crate() {
    let core = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut stack = vec![core];
    let mut files = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            files += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            for banned in ["yew", "web_sys", "gloo", "wasm_bindgen", "js_sys"] {
                let used = text.lines().any(|l| {
                    let l = l.trim_start();
                    !l.starts_with("//") && (l.contains(&format!("{banned}::")) || l.contains(&format!("use {banned}")))
                });
                assert!(!used, "{} uses {banned}", path.display());
            }
        }
    }
    assert!(files >= 8);
}
