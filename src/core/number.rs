//! Decimal text of floats for SVG, CSS and canvas fonts, without the standard library's float
//! printer.
//!
//! `format!("{}", x)` or `format!("{:.1}", x)` on an `f64` keeps std's float formatting alive in
//! the browser build (Grisu, Dragon4 and their tables: 17 KB of wasm, 8 KB gzipped). The
//! numbers we write are coordinates, sizes and opacities, which need a few decimals at most, so
//! they are scaled to an integer, rounded, and printed with the integer formatter instead.
//!
//! `f64::clamp` does the same harm when its bounds are not constants (its panic message prints
//! them with `{:?}`), which is why the core writes `x.max(low).min(high)` there.

use super::math;

/// `value` rounded to `places` decimals (at most 9), with no trailing zeros: `decimal(12.25, 1)`
/// → "12.3", `decimal(12.0, 1)` → "12", `decimal(-0.04, 1)` → "0". Halves round away from zero.
///
/// At most 15 significant digits are written, as many as an `f64` holds for sure, so a value
/// read from text comes back as it was written: `decimal(1234.56, 9)` → "1234.56". Magnitudes
/// of 10^15 and more, which no coordinate reaches, get seven significant digits and an exponent
/// ("1.5e20"). NaN and infinities, which no picture should contain, are written "0".
pub fn decimal(value: f64, places: u32) -> String {
    const LIMIT: f64 = 1e15;
    if !value.is_finite() {
        return "0".into();
    }
    let magnitude = value.abs();
    let mut places = places.min(9);
    while places > 0 && magnitude * 10u64.pow(places) as f64 >= LIMIT {
        places -= 1;
    }
    // The digits as an integer (below 2^53: exact), and the power of ten they are scaled by.
    let (scaled, places, exponent) = if magnitude < LIMIT {
        (math::round(magnitude * 10u64.pow(places) as f64) as u64, places, 0)
    } else {
        let (mut mantissa, mut exponent) = (magnitude, 0u32);
        while mantissa >= 10.0 {
            mantissa /= 10.0;
            exponent += 1;
        }
        let mut scaled = math::round(mantissa * 1e6) as u64;
        if scaled >= 10_000_000 {
            scaled /= 10;
            exponent += 1;
        }
        (scaled, 6, exponent)
    };
    let unit = 10u64.pow(places);
    let mut out = String::new();
    if value < 0.0 && scaled != 0 {
        out.push('-');
    }
    out.push_str(&(scaled / unit).to_string());
    let mut fraction = scaled % unit;
    if fraction != 0 {
        let mut digits = places as usize;
        while fraction % 10 == 0 {
            fraction /= 10;
            digits -= 1;
        }
        let text = fraction.to_string();
        out.push('.');
        out.extend(std::iter::repeat_n('0', digits - text.len()));
        out.push_str(&text);
    }
    if exponent > 0 {
        out.push('e');
        out.push_str(&exponent.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn rounds_to_the_places_asked() {
        assert_eq!(decimal(12.0, 1), "12");
        assert_eq!(decimal(12.25, 1), "12.3");
        assert_eq!(decimal(12.24, 1), "12.2");
        assert_eq!(decimal(0.16, 2), "0.16");
        assert_eq!(decimal(0.9, 2), "0.9");
        assert_eq!(decimal(1.0, 2), "1");
        assert_eq!(decimal(0.05, 2), "0.05");
        assert_eq!(decimal(3.007, 2), "3.01");
        assert_eq!(decimal(0.999, 2), "1");
        assert_eq!(decimal(1234.5678, 0), "1235");
        assert_eq!(decimal(0.1 + 0.2, 4), "0.3");
        assert_eq!(decimal(1.0 / 3.0, 6), "0.333333");
        assert_eq!(decimal(260.0, 2), "260");
    }

    #[test]
    fn negatives_and_zero() {
        assert_eq!(decimal(-3.5, 1), "-3.5");
        assert_eq!(decimal(-3.46, 1), "-3.5");
        assert_eq!(decimal(-0.04, 1), "0");
        assert_eq!(decimal(-0.0, 1), "0");
        assert_eq!(decimal(0.0, 3), "0");
        assert_eq!(decimal(-1200.06, 1), "-1200.1");
    }

    #[test]
    fn numbers_read_from_text_come_back_as_written() {
        for text in ["1234.56", "0.1", "12.5", "-7.25", "0.000001", "999999.999999", "123456789.123456"] {
            assert_eq!(decimal(text.parse().unwrap(), 9), text);
        }
    }

    #[test]
    fn huge_magnitudes_get_an_exponent() {
        assert_eq!(decimal(1e20, 1), "1e20");
        assert_eq!(decimal(-1.5e20, 1), "-1.5e20");
        assert_eq!(decimal(1e15, 0), "1e15");
        assert_eq!(decimal(999_999_999_999_999.0, 0), "999999999999999");
        assert_eq!(decimal(123_456_789_012_345_678.0, 3), "1.234568e17");
        assert_eq!(decimal(f64::MAX, 2), "1.797693e308");
        assert_eq!(decimal(1e300, 2), "1e300");
    }

    #[test]
    fn not_finite_is_zero() {
        assert_eq!(decimal(f64::NAN, 1), "0");
        assert_eq!(decimal(f64::INFINITY, 1), "0");
        assert_eq!(decimal(f64::NEG_INFINITY, 2), "0");
    }

    #[test]
    fn parses_back_within_half_a_unit() {
        for i in -2000..2000 {
            let value = i as f64 * 0.731 + 0.0123;
            for places in 0..4 {
                let back: f64 = decimal(value, places).parse().unwrap();
                assert!((back - value).abs() <= 0.5 / 10f64.powi(places as i32) + 1e-9, "{value} at {places}: {back}");
            }
        }
    }
}
