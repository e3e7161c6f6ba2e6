//! Asking for memory before it is read.
//!
//! A pass over a million people in id order reads parts of them (their
//! roles, their handoffs, their rows in the graph) that lie in random
//! places, and each read that misses the caches waits a trip to memory.
//! Asking for the parts some items ahead lets those trips overlap. A
//! prefetch is only a hint: it never faults, never changes what a program
//! computes, and costs about an instruction when the data is already near.

/// How many items ahead a loop over items in random places asks for the
/// item it will read: enough trips to memory under way to keep it busy
/// (the passes that use it were measured at 16; `Person::AHEAD` is the
/// JSON writer's own, where each person takes longer).
pub const AHEAD: usize = 16;

/// Asks for the cache line holding `item`, without waiting for it.
#[inline]
pub fn item<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees and cannot fault;
    // the pointer comes from a reference, so it is valid besides.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(item).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}

/// Asks for the first cache line of `items`, if there is one.
#[inline]
pub fn first<T>(items: &[T]) {
    if let Some(head) = items.first() {
        item(head);
    }
}

/// Asks for `items[i]`, if there is one.
#[inline]
pub fn at<T>(items: &[T], i: usize) {
    if let Some(item) = items.get(i) {
        self::item(item);
    }
}
