//! Sorting with little code. Every `sort`/`sort_by_key` of the standard library
//! is compiled anew for each element type and key (several KB each in the
//! WebAssembly module); these are small and serve every caller.

/// Sorts `v` in place by `less` (heapsort: O(n log n) on any input, no
/// allocation; not stable). Input already in order (the usual case: positions
/// found left to right) costs one pass.
pub(crate) fn sort_by<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    if v.windows(2).all(|w| !less(&w[1], &w[0])) {
        return;
    }
    let sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    let n = v.len();
    for i in (0..n / 2).rev() {
        sift(v, i, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

/// Sorts `v` in place by ascending order.
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, |a, b| a < b);
}

/// Sorts `v` by `key`, keeping the order of items with equal keys (stable).
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    if v.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return;
    }
    let mut order: Vec<(K, usize)> = v.iter().enumerate().map(|(i, x)| (key(x), i)).collect();
    sort(&mut order);
    let mut items: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|(_, i)| items[i].take()));
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sort_agrees_with_the_standard_sort(mut v in prop::collection::vec(any::<i16>(), 0..200)) {
            let mut expected = v.clone();
            expected.sort();
            super::sort(&mut v);
            prop_assert_eq!(v, expected);
        }

        #[test]
        fn sort_by_key_is_stable(v in prop::collection::vec((0u8..8, any::<u32>()), 0..200)) {
            let mut ours = v.clone();
            super::sort_by_key(&mut ours, |x| x.0);
            let mut expected = v;
            expected.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, expected);
        }
    }
}
