//! The drawing's colours against its white background (RGAA / WCAG 2.1 AA): link lines and
//! node fills contrast at least 3:1 (non-text), and no two kinds of link differ by colour only.

// Native tests (the browser build runs tests/browser.rs only): the size rules of clippy.toml
// guard the browser build, not these.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)]

use carte_partenariats::core::model::{LinkKind, OrgKind};
use carte_partenariats::core::scene::{link_style, org_colour, PARENT_TIE_STYLE};

fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn contrast_with_white(hex: &str) -> f64 {
    1.05 / (luminance(hex) + 0.05)
}

#[test]
fn link_lines_and_nodes_stand_out_from_the_background() {
    for kind in LinkKind::ALL {
        let (colour, _) = link_style(*kind);
        assert!(contrast_with_white(colour) >= 4.5, "{kind:?} {colour}: {:.2}", contrast_with_white(colour));
    }
    assert!(contrast_with_white(PARENT_TIE_STYLE.0) >= 3.0);
    for kind in OrgKind::ALL {
        let colour = org_colour(*kind);
        assert!(contrast_with_white(colour) >= 3.0, "{kind:?} {colour}: {:.2}", contrast_with_white(colour));
    }
}

#[test]
fn colour_is_never_the_only_cue_between_kinds_of_link() {
    let styles: Vec<_> = LinkKind::ALL.iter().map(|k| link_style(*k).1).collect();
    for (i, a) in styles.iter().enumerate() {
        for b in &styles[i + 1..] {
            assert!(a != b, "two kinds share the dash pattern {a:?}");
        }
    }
    assert!(styles.iter().all(|d| *d != PARENT_TIE_STYLE.1), "a link kind looks like a parent tie");
}
