"""``pf.read(path, **kw)``: read any supported data file, dispatching on its extension."""

from __future__ import annotations

import os
from typing import Any

from .frame import Frame

__all__ = ["read"]


def read(path: str | os.PathLike, **kwargs: Any) -> Frame:
    """Read a data file into a :class:`Frame` by extension.

    ``.parquet`` / ``.pqt``: :func:`parquetframe.read_parquet` (keyword arguments pass through).
    ``.avro``: :func:`parquetframe.read_avro` (keyword arguments pass through).

    Raises:
        ValueError: unknown extension. NotImplementedError: a format not wired yet.
    """
    p = os.fspath(path)
    ext = os.path.splitext(p)[1].lower().lstrip(".")
    if ext in ("parquet", "pqt"):
        from .parquet import read_parquet

        return read_parquet(p, **kwargs)
    if ext in ("csv", "tsv"):
        from .csv import read_csv

        if ext == "tsv":
            kwargs.setdefault("delimiter", "\t")
        return read_csv(p, **kwargs)
    if ext == "avro":
        from .avro import read_avro

        return read_avro(p, **kwargs)
    if ext in ("csv", "tsv", "avro"):
        raise NotImplementedError(f"pf.read: .{ext} files are not supported by pf.read yet")
    raise ValueError(f"'{p}': unknown file type '.{ext}' (expected .parquet, .pqt, .csv, .tsv or .avro)")
