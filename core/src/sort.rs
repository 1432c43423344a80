//! One stable sort for the whole crate, by a key of two integers.
//!
//! `slice::sort_by_key` is monomorphised for every element type and key closure, and the
//! standard library's stable sort is several kilobytes of code each time: in WebAssembly
//! the copies were about 20 KB of the module. Here every call sorts the same thing, a list
//! of `(key, key, position)` triples, and then moves the elements into that order: one
//! copy of the sort, and a small permutation loop per element type.

/// Sort `items` stably by `key`: on equal keys the elements keep their order.
pub(crate) fn sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> (i64, i64)) {
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
}
