"""Hand-off cost: a table built in Swift given to pyarrow and polars.

The demo table (int64, float64 and utf8 columns with nulls) is generated first;
only the hand-off is timed:

* ``Frame.to_arrow()`` (Arrow C Stream export + pyarrow import, zero-copy);
* ``polars.DataFrame(frame)`` (PyCapsule stream, zero-copy);
* ``Frame.from_arrow(pyarrow_table)`` (the other direction);

against the peer a user would otherwise need: building the same table in pyarrow
from numpy arrays that already exist (``pa.table`` over numpy, which copies the
validity and string data). A hand-off that costs the same at both sizes is O(1):
no data is copied.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

import parquetframe as pf
from parquetframe._demo import demo_frame

NAME = "handoff"


def _numpy_columns(rows: int) -> dict:
    i = np.arange(rows, dtype=np.int64)
    labels = np.array([f"row-{k}" for k in range(1000)], dtype=object)[i % 1000]
    return {"id": i, "value": i * 0.25, "value_null": i % 10 == 9, "label": labels, "label_null": i % 13 == 0}


def _pyarrow_from_numpy(cols: dict) -> pa.Table:
    return pa.table({
        "id": pa.array(cols["id"]),
        "value": pa.array(cols["value"], mask=cols["value_null"]),
        "label": pa.array(cols["label"], type=pa.utf8(), mask=cols["label_null"]),
    })


BASELINE = "pyarrow: pa.table from numpy"


def run(ctx) -> list[dict]:
    """Time the hand-offs at two sizes (generation excluded)."""
    sizes = [100_000, 1_000_000] if ctx.quick else [1_000_000, 10_000_000]
    try:
        import polars
    except ImportError:  # pragma: no cover - polars is a dev requirement
        polars = None
    backend = "swift" if pf.swift_available() else "pyarrow"
    note = (
        f"Frame backend: {backend}. `frame.to_arrow()` should cost the same at both sizes (O(1), zero-copy); "
        "the baseline grows linearly. polars converts utf8 to its string-view layout, which is O(n) inside "
        "polars with either source; `Frame.from_arrow` validates every imported batch (O(n), no copy)."
    )
    rows: list[dict] = []

    def add(case: str, size: int, tool: str, seconds: float) -> None:
        rows.append(dict(case=case, size=size, tool=tool, seconds=seconds,
                         baseline=None if tool == BASELINE else BASELINE, note=note))

    for size in sizes:
        frame = demo_frame(size)
        cols = _numpy_columns(size)
        arrow_table = frame.to_arrow()
        add("build in pyarrow", size, BASELINE,
            ctx.median_seconds(lambda: _pyarrow_from_numpy(cols), max(3, ctx.repeats // 2)))
        add("to pyarrow", size, f"{backend}: frame.to_arrow()", ctx.median_seconds(frame.to_arrow))
        if polars is not None:
            add("to polars", size, f"{backend}: polars.DataFrame(frame)",
                ctx.median_seconds(lambda: polars.DataFrame(frame)))
            add("to polars", size, "polars.from_arrow(pyarrow table)",
                ctx.median_seconds(lambda: polars.from_arrow(arrow_table)))
        add("from pyarrow", size, f"{backend}: Frame.from_arrow(table)",
            ctx.median_seconds(lambda: pf.Frame.from_arrow(arrow_table)))
    return rows
