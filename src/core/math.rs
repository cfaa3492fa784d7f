//! Elementary functions of f64 in plain Rust (fdlibm/musl algorithms), for the code the browser
//! runs. Two reasons: std's `sin`, `atan2`, `powf`… make the wasm build link compiler_builtins'
//! libm, several KB larger (Payne–Hanek reduction, a full `pow`); and these give the same bits on
//! every platform, so a layout computed natively (tests, CLI) is the one the browser shows.
//! They use only + − × ÷, `sqrt`, `round_ties_even` and bit casts, all plain wasm instructions.
//! Errors against std are checked in tests/math.rs.
// The constants keep fdlibm's published digits, so that they can be checked against its source.
#![allow(clippy::excessive_precision)]

use std::f64::consts::{FRAC_2_PI, FRAC_PI_2, FRAC_PI_4, PI};

// π/2 in three pieces (fdlibm e_rem_pio2.c): the first two have 33 significant bits, so k times
// them is exact for |k| < 2^20.
const PIO2_1: f64 = 1.570_796_326_734_125_614_17e+00;
const PIO2_2: f64 = 6.077_100_506_303_965_976_60e-11;
const PIO2_2T: f64 = 2.022_266_248_795_950_631_54e-21;

/// x reduced to x − k·π/2 ∈ about [−π/4, π/4], as y0 + y1, and k. Cody–Waite with π/2 in three
/// pieces: a few ulp for |x| < 2^20·π/2 ≈ 1.6e6, then worse as k·PIO2_1 stops being exact.
fn rem_pio2(x: f64) -> (f64, f64, i64) {
    let k = (x * FRAC_2_PI).round_ties_even();
    let r = x - k * PIO2_1;
    let w = k * PIO2_2;
    let t = r - w;
    // (r − t) − w: the rounding error of r − w, exactly (Fast2Sum, as in fdlibm).
    let w = k * PIO2_2T - ((r - t) - w);
    let y0 = t - w;
    (y0, (t - y0) - w, k as i64)
}

/// sin(x + y) for |x| ≤ π/4, y the tail of x (fdlibm k_sin.c).
fn kernel_sin(x: f64, y: f64) -> f64 {
    const S1: f64 = -1.666_666_666_666_663_243_48e-01;
    const S2: f64 = 8.333_333_333_322_489_461_24e-03;
    const S3: f64 = -1.984_126_982_985_794_931_34e-04;
    const S4: f64 = 2.755_731_370_707_006_767_89e-06;
    const S5: f64 = -2.505_076_025_340_686_341_95e-08;
    const S6: f64 = 1.589_690_995_211_550_102_21e-10;
    let z = x * x;
    let v = z * x;
    let r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    x - ((z * (0.5 * y - v * r) - y) - v * S1)
}

/// cos(x + y) for |x| ≤ π/4, y the tail of x (FreeBSD msun k_cos.c).
fn kernel_cos(x: f64, y: f64) -> f64 {
    const C1: f64 = 4.166_666_666_666_660_190_37e-02;
    const C2: f64 = -1.388_888_888_887_410_957_49e-03;
    const C3: f64 = 2.480_158_728_947_672_941_78e-05;
    const C4: f64 = -2.755_731_435_139_066_330_35e-07;
    const C5: f64 = 2.087_572_321_298_174_827_90e-09;
    const C6: f64 = -1.135_964_755_778_819_482_65e-11;
    let z = x * x;
    let w = z * z;
    let r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    w + (((1.0 - w) - hz) + (z * r - x * y))
}

/// (sin x, cos x) in place of std's, which link libm's Payne–Hanek reduction into the wasm; same
/// bits everywhere. Within a few ulp for |x| < 1.6e6 (layouts reach about 1e5); NaN if x is not finite.
pub fn sin_cos(x: f64) -> (f64, f64) {
    // Small angles skip the reduction (and keep sin(−0) = −0).
    let (y0, y1, k) = if x.abs() <= FRAC_PI_4 { (x, 0.0, 0) } else { rem_pio2(x) };
    let (s, c) = (kernel_sin(y0, y1), kernel_cos(y0, y1));
    match k & 3 {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

/// sin x in place of std's, which links libm into the wasm; see `sin_cos`.
pub fn sin(x: f64) -> f64 {
    sin_cos(x).0
}

/// cos x in place of std's, which links libm into the wasm; see `sin_cos`.
pub fn cos(x: f64) -> f64 {
    sin_cos(x).1
}

/// atan x for x ≥ 0 (fdlibm s_atan.c): reduced around 0, 1/2, 1, 3/2 or ∞, then an odd polynomial.
fn atan_positive(x: f64) -> f64 {
    const ATAN_HI: [f64; 4] =
        [4.636_476_090_008_060_935_15e-01, FRAC_PI_4, 9.827_937_232_473_290_540_82e-01, FRAC_PI_2];
    const ATAN_LO: [f64; 4] = [
        2.269_877_745_296_168_709_24e-17,
        3.061_616_997_868_383_017_93e-17,
        1.390_331_103_123_099_845_16e-17,
        6.123_233_995_736_766_035_87e-17,
    ];
    const AT: [f64; 11] = [
        3.333_333_333_333_293_180_27e-01,
        -1.999_999_999_987_648_324_76e-01,
        1.428_571_427_250_346_637_11e-01,
        -1.111_111_040_546_235_578_80e-01,
        9.090_887_133_436_506_561_96e-02,
        -7.691_876_205_044_829_994_95e-02,
        6.661_073_137_387_531_206_69e-02,
        -5.833_570_133_790_573_486_45e-02,
        4.976_877_994_615_932_360_17e-02,
        -3.653_157_274_421_691_552_70e-02,
        1.628_582_011_536_578_236_23e-02,
    ];
    if x >= 7.378_697_629_483_820_6e19 {
        // 2^66 and beyond: π/2 to the last bit.
        return ATAN_HI[3] + ATAN_LO[3];
    }
    let (id, t) = if x < 0.4375 {
        (None, x)
    } else if x < 0.6875 {
        (Some(0), (2.0 * x - 1.0) / (2.0 + x))
    } else if x < 1.1875 {
        (Some(1), (x - 1.0) / (x + 1.0))
    } else if x < 2.4375 {
        (Some(2), (x - 1.5) / (1.0 + 1.5 * x))
    } else {
        (Some(3), -1.0 / x)
    };
    let z = t * t;
    let w = z * z;
    let s1 = z * (AT[0] + w * (AT[2] + w * (AT[4] + w * (AT[6] + w * (AT[8] + w * AT[10])))));
    let s2 = w * (AT[1] + w * (AT[3] + w * (AT[5] + w * (AT[7] + w * AT[9]))));
    match id {
        None => t - t * (s1 + s2),
        Some(i) => ATAN_HI[i] - ((t * (s1 + s2) - ATAN_LO[i]) - t),
    }
}

/// atan2(y, x) in place of std's, which links libm into the wasm; same bits everywhere; a few ulp.
/// Handles NaN (→ NaN), signed zeros (atan2(±0, +0 or x > 0) = ±0, atan2(±0, −0 or x < 0) = ±π),
/// x = ±0 (→ ±π/2) and infinities as IEEE 754 (atan2(±∞, +∞) = ±π/4, (±∞, −∞) = ±3π/4, …).
pub fn atan2(y: f64, x: f64) -> f64 {
    const PI_LO: f64 = 1.224_646_799_147_353_177_2e-16;
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    let (x_negative, y_negative) = (x.is_sign_negative(), y.is_sign_negative());
    let signed = |v: f64| if y_negative { -v } else { v };
    if y == 0.0 {
        return if x_negative { signed(PI) } else { y };
    }
    if x == 0.0 || (y.is_infinite() && x.is_finite()) {
        return signed(FRAC_PI_2);
    }
    if x.is_infinite() {
        let v = match (y.is_infinite(), x_negative) {
            (true, false) => FRAC_PI_4,
            (true, true) => 3.0 * FRAC_PI_4,
            (false, false) => 0.0,
            (false, true) => PI,
        };
        return signed(v);
    }
    // Beyond 2^64 either way, the ratio is not formed (musl atan2.c): high words compared.
    let high = |v: f64| (v.to_bits() >> 32) as u32 & 0x7fff_ffff;
    if high(y) > high(x) + (64 << 20) {
        return signed(FRAC_PI_2);
    }
    let z = if x_negative && high(x) > high(y) + (64 << 20) { 0.0 } else { atan_positive((y / x).abs()) };
    signed(if x_negative { PI - (z - PI_LO) } else { z })
}

/// √(x² + y²) in place of std's `hypot`, which links libm into the wasm. Without std's scaling:
/// right (about 1 ulp) for |x|, |y| between 1e-150 and 1e150, which covers any layout or screen.
pub fn hypot(x: f64, y: f64) -> f64 {
    (x * x + y * y).sqrt()
}

const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-01;
const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;

/// For finite x > 0: (k, f, ½f², s, R) with x = 2^k·(1 + f), 1 + f ∈ [√2/2, √2), s = f/(2 + f)
/// and ln(1 + f) = f − ½f² + s·(½f² + R) (musl log.c, fdlibm e_log.c).
fn log_parts(x: f64) -> (f64, f64, f64, f64, f64) {
    const LG: [f64; 7] = [
        6.666_666_666_666_735_130e-01,
        3.999_999_999_940_941_908e-01,
        2.857_142_874_366_239_149e-01,
        2.222_219_843_214_978_396e-01,
        1.818_357_216_161_805_012e-01,
        1.531_383_769_920_937_332e-01,
        1.479_819_860_511_658_591e-01,
    ];
    let (x, mut k) = if x < f64::MIN_POSITIVE { (x * 18_014_398_509_481_984.0, -54) } else { (x, 0) };
    // Moves the mantissa into [√2/2, √2): 0x3fe6a09e… is the high word of √2/2.
    let bits = x.to_bits() + ((0x3ff0_0000 - 0x3fe6_a09e) << 32);
    k += (bits >> 52) as i32 - 0x3ff;
    let f = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) + (0x3fe6_a09e << 32)) - 1.0;
    let hfsq = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG[1] + w * (LG[3] + w * LG[5]));
    let t2 = z * (LG[0] + w * (LG[2] + w * (LG[4] + w * LG[6])));
    (k as f64, f, hfsq, s, t1 + t2)
}

/// The cases log_parts does not take: ±0 → −∞, x < 0 or NaN → NaN, +∞ → +∞.
fn log_special(x: f64) -> Option<f64> {
    if x == 0.0 {
        Some(f64::NEG_INFINITY)
    } else if x.is_nan() || x < 0.0 {
        Some(f64::NAN)
    } else if x == f64::INFINITY {
        Some(x)
    } else {
        None
    }
}

/// ln x in place of std's, which links libm into the wasm; same bits everywhere; under 1 ulp.
pub fn ln(x: f64) -> f64 {
    if let Some(v) = log_special(x) {
        return v;
    }
    let (k, f, hfsq, s, r) = log_parts(x);
    s * (hfsq + r) + k * LN2_LO - hfsq + f + k * LN2_HI
}

/// log₁₀ x in place of std's, which links libm into the wasm; same bits everywhere; about 1 ulp,
/// exact for powers of ten (musl log10.c: the sum kept in two parts).
pub fn log10(x: f64) -> f64 {
    const IVLN10_HI: f64 = 4.342_944_818_781_688_809_39e-01;
    const IVLN10_LO: f64 = 2.508_294_671_164_527_522_98e-11;
    const LOG10_2_HI: f64 = 3.010_299_956_636_117_713_06e-01;
    const LOG10_2_LO: f64 = 3.694_239_077_158_930_786_16e-13;
    if let Some(v) = log_special(x) {
        return v;
    }
    let (k, f, hfsq, s, r) = log_parts(x);
    // hi + lo = ln(1 + f), hi with its low 32 bits cleared so that hi·IVLN10_HI is exact.
    let hi = f64::from_bits((f - hfsq).to_bits() & 0xffff_ffff_0000_0000);
    let lo = f - hi - hfsq + s * (hfsq + r);
    let y = k * LOG10_2_HI;
    let val_hi = hi * IVLN10_HI;
    let val_lo = k * LOG10_2_LO + (lo + hi) * IVLN10_LO + lo * IVLN10_HI;
    let w = y + val_hi;
    val_lo + ((y - w) + val_hi) + w
}

/// eˣ in place of std's, which links libm into the wasm; same bits everywhere; under 1 ulp
/// (musl exp.c). Overflows to +∞ above 709.78, 0 below −745.13, NaN → NaN.
pub fn exp(x: f64) -> f64 {
    const P: [f64; 5] = [
        1.666_666_666_666_660_190_37e-01,
        -2.777_777_777_701_559_338_42e-03,
        6.613_756_321_437_934_361_17e-05,
        -1.653_390_220_546_525_153_90e-06,
        4.138_136_797_057_238_460_39e-08,
    ];
    if x > 709.782_712_893_383_973_096 {
        return f64::INFINITY;
    }
    if x < -745.133_219_101_941_108_42 {
        return 0.0;
    }
    // x = k·ln2 + r, |r| ≤ ln2/2; k·LN2_HI is exact (LN2_HI has 32 significant bits).
    let k = (x * std::f64::consts::LOG2_E).round_ties_even();
    let hi = x - k * LN2_HI;
    let lo = k * LN2_LO;
    let r = hi - lo;
    let rr = r * r;
    let c = r - rr * (P[0] + rr * (P[1] + rr * (P[2] + rr * (P[3] + rr * P[4]))));
    let y = 1.0 + (r * c / (2.0 - c) - lo + hi);
    // 2^k in two factors, each a normal double for k ∈ [−1075, 1024].
    let k = k as i64;
    let (a, b) = (k / 2, k - k / 2);
    y * f64::from_bits(((a + 0x3ff) as u64) << 52) * f64::from_bits(((b + 0x3ff) as u64) << 52)
}

/// xʸ in place of std's `powf`, whose libm `pow` is the largest of these in the wasm; same bits
/// everywhere. Computed as e^(y·ln x): for x > 0 (x = 0 gives 0 for y > 0, +∞ for y < 0;
/// x < 0 gives NaN), relative error about |y·ln x|·2⁻⁵³ + 1 ulp, so 1e-15 when |y·ln x| < 4.
pub fn powf(x: f64, y: f64) -> f64 {
    exp(y * ln(x))
}

/// `a.rem_euclid(TAU)` (same bits) for a ∈ (−2π, 4π), without the fmod that `%` on f64 links into
/// the wasm: a single turn added or taken off, exact for a ≥ 2π by Sterbenz's lemma.
pub fn wrap_angle(a: f64) -> f64 {
    const TAU: f64 = std::f64::consts::TAU;
    if a < 0.0 {
        a + TAU
    } else if a >= TAU {
        a - TAU
    } else {
        a
    }
}

/// `x.round()` (same bits: halves away from zero) without the libm `round` std calls in the wasm,
/// which has no such instruction: `trunc`, then one step away from zero if the rest is ½ or more.
pub fn round(x: f64) -> f64 {
    let t = x.trunc();
    if (x - t).abs() >= 0.5 {
        t + 1.0_f64.copysign(x)
    } else {
        t
    }
}
