//! Tables of strings that the browser build loads when it needs them instead of carrying them:
//! the English interface (for `?lang=en` only) and the validator's messages (for a broken file
//! only), about 6 KB of the first view's gzipped wasm. Natively (the CLI, tests, the build) they are
//! the statics of `mod.rs` and `validation.rs`; the browser reads the same values from
//! `assets/texts/*.json`, written from those statics and kept in step by `tests/texts.rs`.
//!
//! A table is a struct whose fields are all `&'static str`, declared through `string_table!`, so
//! that it can be seen as a list of strings in field order and built back from one. The JSON file
//! is that list, after the table's fingerprint (a hash of its field names): a file of another
//! version of the widget (an old copy in a cache) is refused rather than read with its strings in
//! the wrong places.

use serde_json::Value;

/// A struct of `&'static str` fields only, `#[repr(C)]`: declared by `string_table!`.
///
/// # Safety
/// Implemented by `string_table!` alone, which guarantees the layout `as_list` relies on.
pub unsafe trait StringTable: Sized + 'static {
    /// How many strings the table holds.
    const LEN: usize;
    /// A hash of the field names, in order (53 bits, exact as a JSON number).
    const FINGERPRINT: u64;
}

/// Declares a `#[repr(C)]` struct whose listed fields are all `&'static str` and makes it a
/// `StringTable`.
macro_rules! string_table {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident,)* }) => {
        $(#[$meta])*
        #[repr(C)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: &'static str,)*
        }

        impl $name {
            /// Every string empty: what the browser shows until the table is read.
            pub const EMPTY: Self = Self { $($field: "",)* };
        }

        // SAFETY: every field is a `&'static str` and the struct is `#[repr(C)]`.
        unsafe impl $crate::core::i18n::table::StringTable for $name {
            const LEN: usize = [$(stringify!($field)),*].len();
            const FINGERPRINT: u64 = $crate::core::i18n::table::fingerprint(&[$(stringify!($field)),*]);
        }
    };
}
pub(crate) use string_table;

/// FNV-1a over the names and their separators, kept to 53 bits.
pub const fn fingerprint(names: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < names.len() {
        let bytes = names[i].as_bytes();
        let mut j = 0;
        while j <= bytes.len() {
            let byte = if j < bytes.len() { bytes[j] } else { b',' };
            hash = (hash ^ byte as u64).wrapping_mul(0x0100_0000_01b3);
            j += 1;
        }
        i += 1;
    }
    hash & ((1 << 53) - 1)
}

/// The table's strings in field order.
pub fn as_list<T: StringTable>(table: &T) -> &[&'static str] {
    // SAFETY: `T` is a `#[repr(C)]` struct of `T::LEN` fields of type `&'static str` (the
    // contract of `StringTable`), laid out as an array of them: same size, same alignment, no
    // padding between fields of one type.
    unsafe { std::slice::from_raw_parts((table as *const T).cast::<&'static str>(), T::LEN) }
}

/// The JSON file of a table: its fingerprint, then its strings in field order.
pub fn to_json<T: StringTable>(table: &T) -> String {
    let mut list = vec![Value::from(T::FINGERPRINT)];
    list.extend(as_list(table).iter().map(|s| Value::from(*s)));
    serde_json::to_string(&Value::Array(list)).expect("a list of strings is JSON")
}

/// A table read from its JSON file, kept for the rest of the page's life; `None` when the file is
/// not that table's (another fingerprint, another length, anything but strings).
pub fn from_json<T: StringTable>(text: &str) -> Option<&'static T> {
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(text) else { return None };
    let (head, strings) = items.split_first()?;
    if head.as_u64() != Some(T::FINGERPRINT) || strings.len() != T::LEN {
        return None;
    }
    let mut list: Vec<&'static str> = Vec::with_capacity(T::LEN);
    for item in strings {
        list.push(Box::leak(item.as_str()?.to_string().into_boxed_str()));
    }
    let list: &'static [&'static str] = Box::leak(list.into_boxed_slice());
    // SAFETY: `list` holds exactly `T::LEN` `&'static str`, which is `T`'s layout (see `as_list`);
    // a boxed slice of them is aligned for it, and it lives as long as the page.
    Some(unsafe { &*list.as_ptr().cast::<T>() })
}
