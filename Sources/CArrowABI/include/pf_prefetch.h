/*
 * Software prefetch for Swift kernels (Swift has no prefetch intrinsic). A hint only:
 * it never faults and has no visible effect, so any address may be passed.
 */
#ifndef PF_PREFETCH_H
#define PF_PREFETCH_H

/// Asks the CPU to bring the cache line holding `p` into cache ahead of a load or store.
static inline __attribute__((always_inline)) void pf_prefetch(const void *p) {
  __builtin_prefetch(p, 0, 3);
}

#endif
