"""The deterministic demo table used by the demo and the benchmarks.

Columns (all nullable):

* ``id`` int64: ``i``;
* ``value`` float64: ``i * 0.25``, null when ``i % 10 == 9``;
* ``label`` utf8: ``"row-" + str(i % 1000)``, null when ``i % 13 == 0``.

The Swift backend generates it natively (``pf_demo_table``); the fallback builds
the identical table with numpy and pyarrow.
"""

from __future__ import annotations

import ctypes

import pyarrow as pa

from . import _native
from ._logging import log_backend
from .backends import SWIFT, resolve
from .frame import Frame

__all__ = ["demo_frame", "demo_table_pyarrow"]


def demo_table_pyarrow(rows: int, batch_rows: int = 0) -> pa.Table:
    """Build the demo table with numpy/pyarrow (the reference for the native generator)."""
    import numpy as np

    i = np.arange(rows, dtype=np.int64)
    ids = pa.array(i)
    values = pa.array(i * 0.25, type=pa.float64(), mask=(i % 10 == 9))
    dictionary = pa.array([f"row-{k}" for k in range(min(rows, 1000))], type=pa.utf8())
    labels = dictionary.take(pa.array(i % 1000, mask=(i % 13 == 0)))
    schema = pa.schema([("id", pa.int64()), ("value", pa.float64()), ("label", pa.utf8())])
    batch = pa.RecordBatch.from_arrays([ids, values, labels], schema=schema)
    if batch_rows > 0 and rows > 0:
        return pa.Table.from_batches(
            [batch.slice(start, batch_rows) for start in range(0, rows, batch_rows)], schema=schema
        )
    return pa.Table.from_batches([batch], schema=schema)


def demo_frame(rows: int, batch_rows: int = 0, *, backend: str | None = None) -> Frame:
    """The demo table as a :class:`~parquetframe.Frame`.

    Args:
        rows: number of rows (>= 0).
        batch_rows: rows per record batch; 0 builds a single batch.
        backend: ``None`` (automatic), ``"swift"`` or ``"pyarrow"``.
    """
    for name, value in (("rows", rows), ("batch_rows", batch_rows)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
        if value < 0:
            raise ValueError(f"{name} must be >= 0, got {value}")
    chosen = resolve(backend)
    log_backend("demo_frame", chosen)
    if chosen == SWIFT:
        lib = _native.library()
        assert lib is not None
        out = ctypes.c_void_p()
        lib.check(lib.pf_demo_table(rows, batch_rows, ctypes.byref(out)), "demo_table")
        return Frame._from_handle(out.value, lib)
    return Frame._from_table(demo_table_pyarrow(rows, batch_rows))
