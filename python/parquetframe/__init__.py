"""ParquetFrame: a data engine with a Swift native core.

The Python package is a thin layer over the C ABI of the native library
(``libParquetFrameNative.so``), loaded with ctypes. Data crosses the boundary
through the Arrow C Stream interface without copies. Where the native library is
missing or disabled (``PARQUETFRAME_DISABLE_SWIFT=1``), the same API runs on
pyarrow with identical results.

>>> import parquetframe as pf
>>> frame = pf.Frame.from_arrow(pyarrow_table)   # doctest: +SKIP
>>> frame.to_arrow()                               # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import _native, config
from .avro import avro_schema, iter_avro_batches, read_avro
from .config import config_context, get_config, reset_config, set_config
from .csv import iter_csv_batches, read_csv, write_csv
from .errors import (
    CancelledError,
    FormatError,
    InternalError,
    InvalidArgumentError,
    ParquetFrameError,
    ParquetFrameIOError,
    UnsupportedError,
)
from .frame import Frame
from .graph import GraphFrame, read_graph
from .memory import cached_memory, release_memory
from .parquet import ParquetMetadata, iter_parquet_batches, read_parquet, read_parquet_metadata
from .parquet_write import write_parquet
from .readers import read
from .workflow import CancellationToken, StepResult, ValidationIssue, Workflow, WorkflowResult

__all__ = [
    "__version__",
    # tables
    "Frame",
    "read",
    # Parquet
    "read_parquet",
    "iter_parquet_batches",
    "read_parquet_metadata",
    "ParquetMetadata",
    "write_parquet",
    # CSV and Avro
    "read_csv",
    "iter_csv_batches",
    "write_csv",
    "read_avro",
    "iter_avro_batches",
    "avro_schema",
    # graphs
    "GraphFrame",
    "read_graph",
    # workflows
    "Workflow",
    "WorkflowResult",
    "StepResult",
    "ValidationIssue",
    "CancellationToken",
    # settings and backend
    "swift_available",
    "set_config",
    "get_config",
    "reset_config",
    "config_context",
    "cached_memory",
    "release_memory",
    # errors
    "ParquetFrameError",
    "InvalidArgumentError",
    "ParquetFrameIOError",
    "FormatError",
    "UnsupportedError",
    "CancelledError",
    "InternalError",
]


def swift_available() -> bool:
    """Whether the native library is loaded and not disabled (``PARQUETFRAME_DISABLE_SWIFT``)."""
    return _native.library() is not None and not config.swift_disabled()


reset_config()
