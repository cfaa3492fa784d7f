//! core::math against std's f64 methods (the platform's libm natively): within 2 ulp over the
//! ranges the layouts and the scene use (1 ulp observed here against glibc, 2 for log10), which
//! leaves room for a platform libm an ulp off itself; and the special values each function documents.

// Native tests (the browser build runs tests/browser.rs only): the size rules of clippy.toml
// guard the browser build, not these.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)]

use carte_partenariats::core::math;
use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI, TAU};

/// The spacing of doubles at `v` (2^-1074 among subnormals).
fn ulp(v: f64) -> f64 {
    let exponent = v.abs().to_bits() >> 52;
    if exponent == 0 {
        f64::from_bits(1)
    } else {
        f64::from_bits(exponent << 52) * f64::EPSILON
    }
}

/// The largest error, in ulps of the reference, over `(input, ours, reference)`; prints it and
/// where, so that `cargo test -- --nocapture` shows the observed figures.
fn worst_ulps(name: &str, cases: impl Iterator<Item = (f64, f64, f64)>) -> f64 {
    let mut count = 0;
    let (worst, at) = cases.fold((0.0_f64, f64::NAN), |(worst, at), (input, ours, reference)| {
        count += 1;
        assert!(ours.is_finite() == reference.is_finite(), "{name}({input:e}) = {ours:e}, std {reference:e}");
        let err = if ours == reference { 0.0 } else { (ours - reference).abs() / ulp(reference) };
        if err > worst {
            (err, input)
        } else {
            (worst, at)
        }
    });
    eprintln!("{name}: worst {worst:.3} ulp at {at:e} over {count} points");
    worst
}

/// `n` points in [a, b), each nudged by up to half a step so that they do not fall on round
/// numbers.
fn sweep(a: f64, b: f64, n: usize) -> impl Iterator<Item = f64> {
    let step = (b - a) / n as f64;
    (0..n).map(move |i| a + step * (i as f64 + 0.5 * ((i as f64 * 0.618_033_988_749_895) % 1.0)))
}

/// Equal to the bit, any NaN matching any NaN (their sign bits differ between libms).
fn same_bits(ours: f64, reference: f64) -> bool {
    ours.to_bits() == reference.to_bits() || (ours.is_nan() && reference.is_nan())
}

#[test]
fn sin_and_cos_are_within_two_ulp_up_to_a_million() {
    let points = || {
        sweep(-1e5, 1e5, 400_000)
            .chain(sweep(-1e6, 1e6, 200_000))
            .chain(sweep(-10.0, 10.0, 100_000))
            .chain((1..=70_000).map(|k| k as f64 * FRAC_PI_2)) // next to the zeros of sin and cos
            .chain((0..=1000).map(|i| 1e-300 * 10_f64.powf(i as f64 * 0.306))) // 1e-300 to 1e6
            .chain((0..=50_000).map(|i| i as f64 * (PI * (3.0 - 5.0_f64.sqrt()))))
        // golden-angle spirals
    };
    let sin = worst_ulps("sin", points().flat_map(|x| [x, -x]).map(|x| (x, math::sin_cos(x).0, x.sin())));
    let cos = worst_ulps("cos", points().flat_map(|x| [x, -x]).map(|x| (x, math::sin_cos(x).1, x.cos())));
    assert!(sin <= 2.0 && cos <= 2.0, "sin {sin} ulp, cos {cos} ulp");
    for x in points().take(1000) {
        assert!(same_bits(math::sin(x), math::sin_cos(x).0) && same_bits(math::cos(x), math::sin_cos(x).1));
    }
}

#[test]
fn sin_and_cos_special_values() {
    for x in [0.0, -0.0, 1e-310, -1e-310, f64::MIN_POSITIVE] {
        assert!(same_bits(math::sin(x), x.sin()), "sin({x:e})");
        assert_eq!(math::cos(x), 1.0, "cos({x:e})");
    }
    for x in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
        let (s, c) = math::sin_cos(x);
        assert!(s.is_nan() && c.is_nan(), "sin_cos({x}) = ({s}, {c})");
    }
    assert_eq!(math::sin_cos(FRAC_PI_2), FRAC_PI_2.sin_cos());
    assert_eq!(math::sin_cos(PI), PI.sin_cos());
}

#[test]
fn atan2_is_within_two_ulp_in_every_quadrant() {
    // Directions all round the circle, at radii from 1e-200 to 1e200, and steep and flat ratios.
    let radii = [1e-200, 1e-9, 0.37, 1.0, 3.5, 1e5, 1e200];
    let directions = || sweep(-PI, PI, 20_000).map(f64::sin_cos);
    let mut cases: Vec<(f64, f64)> = directions().flat_map(|(s, c)| radii.map(|r| (r * s, r * c))).collect();
    for ratio in (0..=600).map(|i| 1e-300 * 10_f64.powf(i as f64)) {
        for (y, x) in [(ratio, 1.0), (1.0, ratio)] {
            cases.extend([(y, x), (-y, x), (y, -x), (-y, -x)]);
        }
    }
    // Each atan reduction interval and its bounds (7/16, 11/16, 19/16, 39/16).
    cases.extend(sweep(0.0, 4.0, 40_000).flat_map(|t| [(t, 1.0), (-t, -1.0), (1.0, t)]));
    cases.extend([0.4375, 0.6875, 1.1875, 2.4375].map(|t| (t, 1.0)));
    let worst = worst_ulps("atan2", cases.iter().map(|&(y, x)| (y / x, math::atan2(y, x), y.atan2(x))));
    assert!(worst <= 2.0, "atan2: {worst} ulp");
}

#[test]
fn atan2_special_values_are_std_s() {
    let values = [0.0, -0.0, 1.0, -1.0, 1e-310, -1e-310, 1e300, -1e300, f64::INFINITY, f64::NEG_INFINITY, f64::NAN];
    for y in values {
        for x in values {
            assert!(
                same_bits(math::atan2(y, x), y.atan2(x)),
                "atan2({y}, {x}) = {}, std {}",
                math::atan2(y, x),
                y.atan2(x)
            );
        }
    }
    assert_eq!(math::atan2(1.0, 1.0), FRAC_PI_4);
    assert_eq!(math::atan2(-1.0, -1.0), -3.0 * FRAC_PI_4);
}

#[test]
fn hypot_is_within_two_ulp_for_layout_and_screen_magnitudes() {
    let cases = sweep(-1e6, 1e6, 500)
        .flat_map(|x| sweep(-3e5, 7e5, 500).map(move |y| (x, y)))
        .chain(sweep(-1e-3, 1e-3, 300).flat_map(|x| sweep(-1e-9, 1e-3, 300).map(move |y| (x, y))))
        .chain([(1e-150, 3e-150), (1e150, -2e150), (3.0, 4.0), (0.0, -0.0), (-5.0, 0.0)]);
    let worst = worst_ulps("hypot", cases.map(|(x, y)| (x, math::hypot(x, y), x.hypot(y))));
    assert!(worst <= 2.0, "hypot: {worst} ulp");
    assert_eq!(math::hypot(3.0, 4.0), 5.0);
}

#[test]
fn log10_is_within_two_ulp_and_exact_on_powers_of_ten() {
    let degrees = (1..=100_000).map(|d| d as f64);
    let wide = (0..=4000).map(|i| 1e-310 * 1.2_f64.powi(i)).filter(|x| x.is_finite());
    let near_one = sweep(0.5, 2.0, 100_000);
    let worst = worst_ulps("log10", degrees.chain(wide).chain(near_one).map(|x| (x, math::log10(x), x.log10())));
    // musl's log10 (the one the wasm linked before), correctly rounded std: up to 2 ulp apart.
    assert!(worst <= 2.0, "log10: {worst} ulp");
    for k in 0..=22 {
        assert_eq!(math::log10(10_f64.powi(k)), k as f64, "log10(1e{k})");
    }
}

#[test]
fn ln_is_within_two_ulp() {
    let wide = (0..=4000).map(|i| 1e-310 * 1.2_f64.powi(i)).filter(|x| x.is_finite());
    let near_one = sweep(0.5, 2.0, 100_000);
    let zooms = sweep(0.001, 1.0, 100_000);
    let worst = worst_ulps("ln", wide.chain(near_one).chain(zooms).map(|x| (x, math::ln(x), x.ln())));
    assert!(worst <= 2.0, "ln: {worst} ulp");
    assert_eq!(math::ln(1.0), 0.0);
}

#[test]
fn logarithms_special_values() {
    for x in [0.0, -0.0, -1.0, -1e-310, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, f64::MIN_POSITIVE, f64::MAX, 1e-320]
    {
        assert!(same_bits(math::ln(x), x.ln()), "ln({x:e}) = {}, std {}", math::ln(x), x.ln());
        assert!(same_bits(math::log10(x), x.log10()), "log10({x:e}) = {}, std {}", math::log10(x), x.log10());
    }
}

#[test]
fn exp_is_within_two_ulp() {
    let worst = worst_ulps(
        "exp",
        sweep(-745.0, 709.7, 400_000)
            .chain(sweep(-2.0, 2.0, 100_000))
            .chain(sweep(-1e-6, 1e-6, 1000))
            .map(|x| (x, math::exp(x), x.exp())),
    );
    assert!(worst <= 2.0, "exp: {worst} ulp");
    for x in [0.0, -0.0, 709.78, 709.79, -745.13, -745.14, 1e300, -1e300, f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
        assert!(same_bits(math::exp(x), x.exp()), "exp({x}) = {}, std {}", math::exp(x), x.exp());
    }
}

#[test]
fn powf_is_within_1e_15_over_the_zooms_and_weights_of_the_scene() {
    // scene::node_radius_in: zoom.min(1.0).powf(0.5 − 0.25·weight), weight ∈ [0, 1].
    let mut worst: f64 = 0.0;
    for zoom in sweep(0.002, 1.0, 5000).chain([0.002, 1.0]) {
        for y in sweep(0.25, 0.5, 200).chain([0.25, 0.5]) {
            let (ours, reference) = (math::powf(zoom, y), zoom.powf(y));
            worst = worst.max((ours - reference).abs() / reference);
        }
    }
    eprintln!("powf: worst relative error {worst:e}");
    assert!(worst <= 1e-15, "powf: relative error {worst:e}");
    assert_eq!(math::powf(1.0, 0.3), 1.0);
    assert_eq!(math::powf(4.0, 0.5), 2.0);
    assert_eq!(math::powf(0.0, 0.5), 0.0);
    assert!(math::powf(-1.0, 0.5).is_nan());
}

#[test]
fn wrap_angle_is_rem_euclid_bit_for_bit() {
    let cases = sweep(-TAU + 1e-9, 2.0 * TAU, 300_000)
        .chain([-1e-300, -0.0, 0.0, TAU, -TAU / 2.0, 2.0 * TAU - 1e-15, -TAU + 1e-15, 3.0 * PI, -PI])
        .chain((1..200).flat_map(|n| {
            let step = TAU / n as f64;
            [-PI, -1.0, 0.3, PI].into_iter().flat_map(move |start| (0..n).map(move |i| start + i as f64 * step))
        }));
    for a in cases {
        assert!(
            same_bits(math::wrap_angle(a), a.rem_euclid(TAU)),
            "wrap_angle({a:e}) = {:e}, std {:e}",
            math::wrap_angle(a),
            a.rem_euclid(TAU)
        );
    }
}

#[test]
fn round_is_std_s_bit_for_bit() {
    let halves = (-2000..=2000).map(|i| i as f64 * 0.5);
    let near_halves = [0.5, 1.5, 2.5, -0.5, -2.5]
        .into_iter()
        .flat_map(|h: f64| [f64::from_bits(h.to_bits() - 1), f64::from_bits(h.to_bits() + 1)]);
    let wide = (0..=2000).map(|i| 1e-300 * 10_f64.powf(i as f64 * 0.3)).flat_map(|x| [x, -x, x * 1.5, -x * 1.5]);
    let big = (0..200).map(|i| 4_503_599_627_370_496.0 + i as f64).flat_map(|x| [x, -x, x * 2.0 + 1.0]);
    let special =
        [0.0, -0.0, 0.49999999999999994, -0.49999999999999994, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, f64::MAX];
    let sweep = sweep(-1e4, 1e4, 200_000);
    for x in halves.chain(near_halves).chain(wide).chain(big).chain(special).chain(sweep) {
        assert!(same_bits(math::round(x), x.round()), "round({x:e}) = {:e}, std {:e}", math::round(x), x.round());
    }
}
