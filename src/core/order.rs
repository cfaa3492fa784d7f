//! One sort for the whole crate.
//!
//! Each `sort_by` or `sort_by_key` with its own element type or closure compiles its own copy
//! of the standard library's sort, some 3.5 KB of wasm each. Every sort of the browser build
//! goes through `sort_indices` instead: one copy, comparing through `&dyn Fn`. The cost is an
//! indirect call per comparison, which is nothing next to what the comparisons themselves do.

use std::cmp::Ordering;

/// Sorts indices by `compare`; equal ones keep their relative order (the index breaks ties,
/// so the result is that of a stable sort).
pub fn sort_indices(indices: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    indices.sort_unstable_by(|a, b| compare(*a, *b).then(a.cmp(b)));
}

/// Sorts indices into ascending order, as `sort_unstable` would, through `sort_indices`.
pub fn sort_ascending(indices: &mut [usize]) {
    sort_indices(indices, &|_, _| Ordering::Equal);
}

/// Sorts `items` stably by `compare`, through `sort_indices`.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut order, &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    // `order` is a permutation: each slot is taken exactly once.
    items.extend(order.iter().filter_map(|&i| slots[i].take()));
}

/// Sorts `items` stably by the key `key` gives each of them, through `sort_indices`.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_are_stable() {
        let mut words = vec!["pear", "fig", "apple", "kiwi", "plum", "date"];
        sort_by_key(&mut words, |w| w.len());
        assert_eq!(words, ["fig", "pear", "kiwi", "plum", "date", "apple"]);
        sort_by(&mut words, |a, b| b.len().cmp(&a.len()));
        assert_eq!(words, ["apple", "pear", "kiwi", "plum", "date", "fig"]);
        let mut indices = vec![3, 0, 2, 1];
        sort_indices(&mut indices, &|a, b| (a % 2).cmp(&(b % 2)));
        assert_eq!(indices, [0, 2, 1, 3]);
        let mut indices = vec![7, 3, 9, 3, 0];
        sort_ascending(&mut indices);
        assert_eq!(indices, [0, 3, 3, 7, 9]);
    }
}
