//! One stable sort for the whole crate, by a key of two integers.
//!
//! `slice::sort_by_key` is monomorphised for every element type and key closure, and the
//! standard library's stable sort is several kilobytes of code each time: in WebAssembly
//! the copies were about 20 KB of the module. Here every call sorts the same thing, a list
//! of `(key, key, position)` triples, and then moves the elements into that order: one
//! copy of the sort, and a small permutation loop per element type.

/// Sort `items` stably by `key`: on equal keys the elements keep their order.
pub(crate) fn sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> (i64, i64)) {
    if items.len() < 2 {
        return; // most update groups hold one update: no allocation for them
    }
    let order: Vec<usize> = sorted_order(items.iter().map(key).collect());
    permute(items, order);
}

/// The positions of `keys` in stable order of the keys (not generic: one copy).
fn sorted_order(keys: Vec<(i64, i64)>) -> Vec<usize> {
    let mut triples: Vec<(i64, i64, usize)> = keys
        .into_iter()
        .enumerate()
        .map(|(i, (a, b))| (a, b, i))
        .collect();
    // The position makes every triple distinct, so an unstable sort is stable here.
    triples.sort_unstable();
    triples.into_iter().map(|(_, _, i)| i).collect()
}

/// Put into place `i` the element that was at `order[i]`, following each cycle once.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            let from = *slot;
            if from == DONE {
                break;
            }
            *slot = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// An order-keeping integer for a date.
pub(crate) fn day(d: chrono::NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&d))
}

/// A value whose order is that of two integers: equal keys for equal values, and the
/// keys in the values' order.
pub(crate) trait Wide: Ord {
    // Natively only the tests call it: the standard sorts run there.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn wide(&self) -> (i64, i64);
}

impl Wide for usize {
    fn wide(&self) -> (i64, i64) {
        let v = *self as u64;
        ((v >> 32) as i64, (v & 0xffff_ffff) as i64)
    }
}

impl Wide for chrono::NaiveDate {
    fn wide(&self) -> (i64, i64) {
        (day(*self), 0)
    }
}

/// A position (below 2^63) and a number.
impl Wide for (usize, u32) {
    fn wide(&self) -> (i64, i64) {
        (i64::try_from(self.0).unwrap_or(i64::MAX), i64::from(self.1))
    }
}

/// `items.sort_unstable()` for the crate's hot paths: natively exactly that (no copies);
/// in WebAssembly [`sort_by_key`] by [`Wide::wide`], the same order (equal keys are equal
/// values), so that the module holds the one sort instead of a copy per element type.
pub(crate) fn sort_values<T: Wide>(items: &mut [T]) {
    #[cfg(target_arch = "wasm32")]
    sort_by_key(items, Wide::wide);
    #[cfg(not(target_arch = "wasm32"))]
    items.sort_unstable();
}

/// `items.sort_by_key(key)` (stable) for the crate's hot paths: natively exactly that; in
/// WebAssembly [`sort_by_key`] by the key's [`Wide::wide`] (the same order).
pub(crate) fn sort_stable_by<T, K: Wide>(items: &mut [T], key: impl Fn(&T) -> K) {
    #[cfg(target_arch = "wasm32")]
    sort_by_key(items, |t| key(t).wide());
    #[cfg(not(target_arch = "wasm32"))]
    items.sort_by_key(key);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_complete() {
        let mut v: Vec<(i64, char)> =
            vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e'), (2, 'f')];
        let mut want = v.clone();
        want.sort_by_key(|p| p.0);
        sort_by_key(&mut v, |p| (p.0, 0));
        assert_eq!(v, want);
        for n in 0..40usize {
            let mut v: Vec<(usize, usize)> = (0..n).map(|i| ((i * 7919) % 5, i)).collect();
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            sort_by_key(&mut v, |p| (p.0 as i64, 0));
            assert_eq!(v, want);
        }
    }

    /// What WebAssembly runs for `sort_values` and `sort_stable_by` gives the standard
    /// library's order (natively those run the standard library's sorts).
    #[test]
    fn wide_keys_sort_as_the_values_do() {
        let d = |n: i64| {
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(n)
        };
        for n in 0..60usize {
            let pick = |i: usize| (i * 7919 + n * 104729) % 13;
            let mut a: Vec<usize> = (0..n).map(|i| pick(i) << (pick(i) * 4)).collect();
            a.extend([usize::MAX, 0, 1 << 32, (1 << 32) - 1, usize::MAX - 1]);
            let mut want = a.clone();
            want.sort_unstable();
            sort_by_key(&mut a, Wide::wide);
            assert_eq!(a, want);

            let mut dates: Vec<chrono::NaiveDate> =
                (0..n).map(|i| d(pick(i) as i64 * 40 - 200)).collect();
            let mut want = dates.clone();
            want.sort_unstable();
            sort_by_key(&mut dates, Wide::wide);
            assert_eq!(dates, want);

            let mut pairs: Vec<(usize, u32)> = (0..n)
                .map(|i| (pick(i), (pick(i + 3) * 1000) as u32))
                .collect();
            pairs.push((0, u32::MAX));
            let mut want = pairs.clone();
            want.sort_unstable();
            sort_by_key(&mut pairs, Wide::wide);
            assert_eq!(pairs, want);

            // Stable by a date key: equal dates keep their order.
            let mut items: Vec<(chrono::NaiveDate, usize)> =
                (0..n).map(|i| (d(pick(i) as i64), i)).collect();
            let mut want = items.clone();
            want.sort_by_key(|p| p.0);
            sort_by_key(&mut items, |p| p.0.wide());
            assert_eq!(items, want);
            sort_values(&mut a);
            sort_stable_by(&mut items, |p| p.0);
            assert_eq!(items, want);
        }
    }
}
