"""Memory the native core keeps for reuse.

Large buffers of released arrays and decompressed Parquet pages (64 KiB and more) are not
returned to the system at once: the next read of a similar size reuses them, already
resident, instead of paying page faults for fresh memory. The amount is bounded by
``PARQUETFRAME_BUFFER_CACHE_MB`` (default: an eighth of physical memory, at most 4 GiB;
``0`` disables the cache), and blocks unused for 5 s are freed at the next native
allocation. :func:`release_memory` frees them immediately, for example before a long phase
of pure-Python work.

>>> import parquetframe as pf
>>> pf.release_memory() >= 0
True
"""

from __future__ import annotations

from . import _native

__all__ = ["cached_memory", "release_memory"]


def cached_memory() -> int:
    """Bytes the native core currently keeps for reuse (0 without the native library)."""
    lib = _native.library()
    return int(lib.pf_memory_cached()) if lib is not None else 0


def release_memory() -> int:
    """Frees the memory the native core keeps for reuse; returns the bytes freed (0
    without the native library, where nothing is kept)."""
    lib = _native.library()
    return int(lib.pf_memory_release()) if lib is not None else 0
