//! The `carte` command-line tool, over the same core as the widget: one module per command, plus
//! `names`, the ids and name comparisons they share; `decode` and `pdf`, inputs as published
//! (encodings, byte-order marks, PDF text layers, web pages) made the UTF-8 text every reader expects.
//! Native only (files, CSV, progress bars).

// The size rules of clippy.toml guard the browser build; this code never goes into the wasm.
#![allow(clippy::disallowed_methods)]

pub mod decode;
pub mod extract;
pub mod generate;
pub mod html;
pub mod identity;
pub mod io;
pub mod merge;
pub mod money;
pub mod names;
pub mod pdf;
pub mod scdl;
pub mod stats;
pub mod usage;

/// A number and its noun, singular for 0 and 1 as French has it: "1 problème", "0 décision",
/// "3 lignes". `one` and `many` are the noun's two forms.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}

/// Exit statuses, distinct so that scripts can tell failures apart.
pub mod exit {
    /// Everything went well.
    pub const OK: i32 = 0;
    /// The input was read but is invalid (validation problems, rejected rows, merge conflicts).
    pub const INVALID: i32 = 1;
    /// The command line itself is wrong (clap's own status).
    pub const USAGE: i32 = 2;
    /// An input file could not be read.
    pub const UNREADABLE: i32 = 3;
    /// The output could not be written.
    pub const UNWRITABLE: i32 = 4;
}
