"""Writing Parquet files: ``pf.write_parquet``.

The native backend encodes the table in Swift (columns in parallel, the GIL
released); the fallback uses :func:`pyarrow.parquet.write_table` with the same
options. Both are atomic: the file is written under a temporary name
(``.<name>.tmp-<pid>-<random>``) in the target directory and renamed into place, so a
failure never leaves a partial file under the target name.
"""

from __future__ import annotations

import ctypes
import json
import os
import secrets
import threading
from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from . import _native
from ._logging import log_backend
from .backends import PYARROW, SWIFT, resolve
from .errors import InvalidArgumentError, ParquetFrameIOError
from .frame import Frame

__all__ = ["write_parquet"]

_CODECS = {"none": "none", "uncompressed": "none", "snappy": "snappy", "gzip": "gzip", "zstd": "zstd",
           "lz4": "lz4_raw", "lz4_raw": "lz4_raw", "brotli": "brotli"}
_ENCODINGS = ("PLAIN", "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY",
              "BYTE_STREAM_SPLIT", "RLE")

_declare_lock = threading.Lock()


def _lib() -> Any:
    lib = _native.library()
    if lib is None:
        return None
    with _declare_lock:
        if not hasattr(lib, "pf_parquet_write"):
            try:
                fn = lib._dll.pf_parquet_write
            except AttributeError:
                return None
            fn.restype = ctypes.c_int32
            fn.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
            lib.pf_parquet_write = fn
    return lib


def _check_options(compression, row_group_size, data_page_size, use_dictionary, data_page_version,
                   column_encoding, compression_level, metadata) -> dict[str, Any]:
    if compression is None:
        compression = "none"
    if not isinstance(compression, str):
        raise TypeError(f"compression must be a string, got {type(compression).__name__}")
    codec = _CODECS.get(compression.lower())
    if codec is None:
        raise ValueError(f"unknown compression {compression!r}; expected one of {', '.join(sorted(_CODECS))}")
    for name, value in (("row_group_size", row_group_size), ("data_page_size", data_page_size),
                        ("compression_level", compression_level)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"{name} must be an int or None, got {type(value).__name__}")
    if row_group_size is not None and row_group_size <= 0:
        raise ValueError(f"row_group_size must be > 0, got {row_group_size}")
    if data_page_size is not None and data_page_size <= 0:
        raise ValueError(f"data_page_size must be > 0, got {data_page_size}")
    if isinstance(use_dictionary, (list, tuple)):
        if not all(isinstance(c, str) for c in use_dictionary):
            raise TypeError("use_dictionary must be a bool or a list of column names")
        use_dictionary = list(use_dictionary)
    elif not isinstance(use_dictionary, bool):
        raise TypeError(f"use_dictionary must be a bool or a list of column names, got {type(use_dictionary).__name__}")
    if data_page_version not in ("1.0", "2.0"):
        raise ValueError(f"data_page_version must be '1.0' or '2.0', got {data_page_version!r}")
    encodings: dict[str, str] = {}
    if column_encoding is not None:
        if isinstance(column_encoding, str):
            raise ValueError("column_encoding must be a mapping {column: encoding}")
        if not isinstance(column_encoding, Mapping):
            raise TypeError("column_encoding must be a mapping {column: encoding}")
        for k, v in column_encoding.items():
            if not isinstance(k, str) or not isinstance(v, str):
                raise TypeError("column_encoding keys and values must be strings")
            if v.upper() not in _ENCODINGS:
                raise ValueError(f"unsupported column encoding {v!r}; expected one of {', '.join(_ENCODINGS)}")
            encodings[k] = v.upper()
        if encodings and use_dictionary is True:
            # As in pyarrow, a column with an explicit encoding is not dictionary-encoded.
            pass
    meta: dict[str, str] = {}
    if metadata is not None:
        if not isinstance(metadata, Mapping):
            raise TypeError("metadata must be a mapping of str to str")
        for k, v in metadata.items():
            k = k.decode() if isinstance(k, bytes) else k
            v = v.decode() if isinstance(v, bytes) else v
            if not isinstance(k, str) or not isinstance(v, str):
                raise TypeError("metadata keys and values must be str or bytes")
            meta[k] = v
    return {
        "compression": codec, "compression_level": compression_level, "row_group_size": row_group_size,
        "data_page_size": data_page_size, "use_dictionary": use_dictionary,
        "data_page_version": data_page_version, "column_encoding": encodings or None,
        "key_value_metadata": meta or None,
    }


def _path(path: Any) -> str:
    if isinstance(path, (str, os.PathLike)):
        p = os.fspath(path)
        if isinstance(p, bytes):
            p = p.decode()
        if not p:
            raise ValueError("path must not be empty")
        return p
    raise TypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")


def _as_arrow(data: Any) -> pa.Table:
    if isinstance(data, Frame):
        return data.to_arrow()
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    if hasattr(data, "__arrow_c_stream__"):
        return pa.RecordBatchReader.from_stream(data).read_all()
    if hasattr(data, "__arrow_c_array__"):
        return pa.Table.from_batches([pa.record_batch(data)])
    raise TypeError(f"write_parquet expects a Frame or an object with __arrow_c_stream__, got {type(data).__name__}")


def _fallback_write(table: pa.Table, path: str, opts: dict[str, Any]) -> None:
    if opts["key_value_metadata"]:
        merged = dict(table.schema.metadata or {})
        merged.update({k.encode(): v.encode() for k, v in opts["key_value_metadata"].items()})
        table = table.replace_schema_metadata(merged)
    encodings = opts["column_encoding"]
    use_dictionary = opts["use_dictionary"]
    if encodings and use_dictionary is True:
        use_dictionary = [f.name for f in table.schema if f.name not in encodings]
    elif encodings and isinstance(use_dictionary, list):
        use_dictionary = [c for c in use_dictionary if c not in encodings]
    kwargs: dict[str, Any] = {
        "compression": "NONE" if opts["compression"] == "none" else opts["compression"].replace("lz4_raw", "lz4"),
        "use_dictionary": use_dictionary,
        "data_page_version": opts["data_page_version"],
    }
    if opts["compression_level"] is not None:
        kwargs["compression_level"] = opts["compression_level"]
    if opts["row_group_size"] is not None:
        kwargs["row_group_size"] = opts["row_group_size"]
    if opts["data_page_size"] is not None:
        kwargs["data_page_size"] = opts["data_page_size"]
    if encodings:
        kwargs["column_encoding"] = encodings
    directory, name = os.path.split(os.path.abspath(path))
    tmp = os.path.join(directory, f".{name}.tmp-{os.getpid()}-{secrets.token_hex(6)}")
    try:
        pq.write_table(table, tmp, **kwargs)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError)):
            raise InvalidArgumentError(str(exc)) from exc
        if isinstance(exc, OSError) and not isinstance(exc, ParquetFrameIOError):
            raise ParquetFrameIOError(str(exc)) from exc
        raise


def write_parquet(
    data: Any,
    path: str | os.PathLike,
    compression: str | None = "zstd",
    row_group_size: int | None = None,
    data_page_size: int | None = None,
    use_dictionary: bool | list[str] = True,
    data_page_version: str = "1.0",
    column_encoding: Mapping[str, str] | None = None,
    compression_level: int | None = None,
    metadata: Mapping[str, str] | None = None,
    *,
    backend: str | None = None,
) -> None:
    """Write a table to a Parquet file, atomically.

    Args:
        data: a :class:`Frame` or any object with ``__arrow_c_stream__`` (pyarrow
            tables, polars data frames, ...).
        path: the target file; it is replaced only once the new file is complete.
        compression: ``"zstd"`` (default), ``"snappy"``, ``"gzip"``, ``"lz4_raw"``,
            ``"brotli"`` or ``"none"``.
        row_group_size: rows per row group (default 1 Mi rows).
        data_page_size: target bytes of encoded values per data page (default 1 MiB).
        use_dictionary: dictionary-encode all columns (default), none, or the listed ones.
        data_page_version: ``"1.0"`` (default) or ``"2.0"``.
        column_encoding: ``{column: encoding}`` with PLAIN, DELTA_BINARY_PACKED,
            DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT or RLE
            (those columns are not dictionary-encoded).
        compression_level: codec-specific level (default: the codec's, 1 for zstd).
        metadata: extra key/value metadata for the file footer.
        backend: ``None`` (automatic), ``"swift"`` or ``"pyarrow"``.

    Raises:
        TypeError, ValueError: bad arguments.
        InvalidArgumentError, UnsupportedError, ParquetFrameIOError: the write failed
            (nothing is left under ``path``).
    """
    target = _path(path)
    opts = _check_options(compression, row_group_size, data_page_size, use_dictionary, data_page_version,
                          column_encoding, compression_level, metadata)
    chosen = resolve(backend, "swift_io_enabled")
    lib = _lib() if chosen == SWIFT else None
    if chosen == SWIFT and lib is None:
        chosen = PYARROW
    log_backend("write_parquet", chosen)
    if chosen == SWIFT:
        frame = data if isinstance(data, Frame) and data.backend == SWIFT else None
        if frame is None:
            if not (hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__")):
                raise TypeError(
                    f"write_parquet expects a Frame or an object with __arrow_c_stream__, got {type(data).__name__}")
            frame = Frame.from_arrow(data, backend=SWIFT)
        options = json.dumps({k: v for k, v in opts.items() if v is not None}).encode()
        status = lib.pf_parquet_write(frame._handle, target.encode(), options)
        lib.check(status, "write_parquet")
        return
    _fallback_write(_as_arrow(data), target, opts)
