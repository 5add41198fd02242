"""Reading Parquet files: ``read_parquet``, ``iter_parquet_batches``, ``read_parquet_metadata``.

The native library (``pf_parquet_*`` functions) decodes files in Swift; results are
:class:`~parquetframe.Frame` objects sharing the native buffers. When the library is
missing or I/O is disabled (``swift_io_enabled=False``, ``PARQUETFRAME_DISABLE_SWIFT_IO``),
the same functions run on ``pyarrow.parquet`` with the same signatures and results.
Errors map to :class:`~parquetframe.FormatError` (malformed file) and
:class:`~parquetframe.UnsupportedError` (encryption, unsupported types).
"""

from __future__ import annotations

import ctypes
import datetime
import decimal
import json
import os
from collections.abc import Iterator, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from . import _native
from ._logging import log_backend
from .backends import PYARROW, SWIFT, resolve
from .errors import FormatError, InvalidArgumentError, ParquetFrameIOError, UnsupportedError
from .frame import Frame

__all__ = [
    "read_parquet",
    "iter_parquet_batches",
    "read_parquet_metadata",
    "ParquetMetadata",
    "RowGroupMetadata",
    "ColumnChunkMetadata",
    "ColumnStatistics",
]

_SIGS: dict[str, tuple[Any, list[Any]]] = {
    "pf_parquet_read": (ctypes.c_int32, [ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]),
    "pf_parquet_open_batches": (
        ctypes.c_int32,
        [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int64, ctypes.POINTER(ctypes.c_void_p)],
    ),
    "pf_parquet_reader_next": (ctypes.c_int32, [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]),
    "pf_parquet_reader_free": (None, [ctypes.c_void_p]),
    "pf_parquet_metadata_json": (ctypes.c_int32, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]),
    "pf_parquet_metadata_open": (ctypes.c_int32, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]),
    "pf_parquet_metadata_free": (None, [ctypes.c_void_p]),
    "pf_parquet_metadata_num_rows": (ctypes.c_int64, [ctypes.c_void_p]),
    "pf_parquet_metadata_num_row_groups": (ctypes.c_int64, [ctypes.c_void_p]),
    "pf_parquet_metadata_num_columns": (ctypes.c_int64, [ctypes.c_void_p]),
    "pf_parquet_metadata_created_by": (ctypes.c_char_p, [ctypes.c_void_p]),
    "pf_parquet_metadata_row_group_num_rows": (ctypes.c_int64, [ctypes.c_void_p, ctypes.c_int64]),
    "pf_parquet_metadata_row_group_total_byte_size": (ctypes.c_int64, [ctypes.c_void_p, ctypes.c_int64]),
    "pf_parquet_metadata_export_schema": (ctypes.c_int32, [ctypes.c_void_p, ctypes.c_void_p]),
    "pf_parquet_metadata_part_json": (
        ctypes.c_int32, [ctypes.c_void_p, ctypes.c_int64, ctypes.POINTER(ctypes.c_void_p)],
    ),
}


def _lib() -> Any:
    """The native library with the Parquet functions declared, or None."""
    lib = _native.library()
    if lib is None:
        return None
    if getattr(lib, "_parquet_ready", None) is None:
        try:
            for name, (res, args) in _SIGS.items():
                fn = getattr(lib._dll, name)
                fn.restype = res
                fn.argtypes = args
                setattr(lib, name, fn)
            lib._parquet_ready = True
        except AttributeError:
            lib._parquet_ready = False
    return lib if lib._parquet_ready else None


def _backend(backend: str | None) -> str:
    chosen = resolve(backend, "swift_io_enabled")
    if chosen == SWIFT and _lib() is None:
        if backend == SWIFT:
            raise UnsupportedError("the native library has no Parquet reader")
        return PYARROW
    return chosen


def _path(path: Any) -> str:
    if isinstance(path, bytes):
        path = path.decode()
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")
    return os.fspath(path)


# --- filters -------------------------------------------------------------------------------


def _normalize_filters(filters: Any) -> list[list[tuple]] | None:
    """pyarrow DNF: a list of conjunctions, or one conjunction, of (column, op, value)."""
    if filters is None:
        return None
    if not isinstance(filters, (list, tuple)):
        raise TypeError("filters must be a list of (column, op, value) tuples or a list of such lists")
    if not filters:
        return None
    if all(isinstance(p, tuple) or (isinstance(p, list) and p and isinstance(p[0], str)) for p in filters):
        filters = [filters]
    out = []
    for conj in filters:
        preds = []
        for p in conj:
            if not isinstance(p, (tuple, list)) or len(p) not in (2, 3) or not isinstance(p[0], str):
                raise ValueError(f"invalid filter predicate {p!r}: expected (column, op, value)")
            preds.append(tuple(p))
        out.append(preds)
    return out


def _json_value(v: Any, t: pa.DataType) -> Any:
    if v is None:
        return None
    if pa.types.is_dictionary(t):
        t = t.value_type
    if isinstance(v, bool):
        return v
    if pa.types.is_decimal(t):
        d = decimal.Decimal(v) if not isinstance(v, decimal.Decimal) else v
        return {"decimal": str(int(d.scaleb(t.scale).to_integral_value()))}
    if pa.types.is_temporal(t) and not isinstance(v, (int, float)):
        return pa.scalar(v, type=t).cast(pa.int64() if t.bit_width == 64 else pa.int32()).as_py()
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        if isinstance(v, str):
            v = v.encode()
        if isinstance(v, (bytes, bytearray)):
            return {"bytes": bytes(v).hex()}
    if isinstance(v, (bytes, bytearray)):
        return {"bytes": bytes(v).hex()}
    if isinstance(v, int) and v > 2**63 - 1:
        return {"uint": str(v)}
    if isinstance(v, float) and t is not None and pa.types.is_integer(t) and v.is_integer():
        return v
    if isinstance(v, (int, float, str)):
        return v
    raise TypeError(f"unsupported filter value {v!r} for a column of type {t}")


def _filters_json(filters: list[list[tuple]] | None, schema: pa.Schema) -> Any:
    if filters is None:
        return None
    out = []
    for conj in filters:
        preds = []
        for p in conj:
            name, op = p[0], str(p[1]).strip().lower()
            if schema.get_field_index(name) < 0:
                raise InvalidArgumentError(f"filter on unknown column '{name}'")
            t = schema.field(name).type
            if len(p) == 2:
                preds.append([name, op])
                continue
            value = p[2]
            if op in ("in", "not in"):
                if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
                    raise TypeError(f"'{op}' needs a collection of values, got {value!r}")
                preds.append([name, op, [_json_value(x, t) for x in value]])
            else:
                preds.append([name, op, _json_value(value, t)])
        out.append(preds)
    return out


def _options(columns, row_groups, filters, schema: pa.Schema | None, **extra: Any) -> bytes:
    if columns is not None:
        if isinstance(columns, str) or not all(isinstance(c, str) for c in columns):
            raise TypeError("columns must be a list of column names")
        columns = list(columns)
    if row_groups is not None:
        if isinstance(row_groups, int) or not all(isinstance(g, int) for g in row_groups):
            raise TypeError("row_groups must be a list of integers")
        row_groups = list(row_groups)
    opts = {"columns": columns, "row_groups": row_groups}
    if filters is not None:
        opts["filters"] = _filters_json(filters, schema)
    opts.update({k: v for k, v in extra.items() if v is not None})
    return json.dumps(opts).encode()


# --- native -----------------------------------------------------------------------------------


def _native_read(lib: Any, path: str, options: bytes) -> Frame:
    out = ctypes.c_void_p()
    lib.check(lib.pf_parquet_read(path.encode(), options, ctypes.byref(out)), "read_parquet")
    return Frame._from_handle(out.value, lib)


def _native_schema(lib: Any, path: str) -> pa.Schema:
    out = ctypes.c_void_p()
    lib.check(lib.pf_parquet_metadata_open(path.encode(), ctypes.byref(out)), "read_parquet")
    md = ParquetMetadata(None, _lib=lib, _handle=out.value)
    c_schema = _native.ArrowSchema()
    lib.check(lib.pf_parquet_metadata_export_schema(md._handle, ctypes.byref(c_schema)), "read_parquet")
    return pa.Schema._import_from_c(ctypes.addressof(c_schema))


# --- fallback ----------------------------------------------------------------------------------


def _map_pyarrow_error(exc: Exception) -> Exception:
    msg = str(exc)
    if isinstance(exc, FileNotFoundError):
        return ParquetFrameIOError(msg)
    if "encrypt" in msg.lower() or "decrypt" in msg.lower():
        return UnsupportedError(msg)
    if isinstance(exc, (pa.ArrowNotImplementedError, NotImplementedError)):
        return UnsupportedError(msg)
    if isinstance(exc, (pa.ArrowInvalid, pa.ArrowException, OSError, ValueError, IndexError, UnicodeDecodeError)):
        return FormatError(msg)
    return exc


def _fallback_read(path: str, columns, row_groups, filters, dictionary_as_arrow: bool = False) -> pa.Table:
    try:
        pf = pq.ParquetFile(path)
        read_dictionary = None
        if dictionary_as_arrow:
            read_dictionary = [f.name for f in pf.schema_arrow if pa.types.is_string(f.type) or pa.types.is_binary(f.type)]
        f = pq.ParquetFile(path, read_dictionary=read_dictionary)
        read_cols = columns
        if filters is not None and columns is not None:
            needed = [p[0] for conj in filters for p in conj]
            read_cols = list(columns) + [c for c in dict.fromkeys(needed) if c not in columns]
        if row_groups is not None:
            table = f.read_row_groups(row_groups, columns=read_cols)
        else:
            table = f.read(columns=read_cols)
        if filters is not None:
            table = table.filter(pq.filters_to_expression(filters))
            if columns is not None:
                table = table.select(list(range(len(columns))))
        return table
    except Exception as exc:  # noqa: BLE001 - mapped to ParquetFrame errors
        mapped = _map_pyarrow_error(exc)
        if mapped is exc:
            raise
        raise mapped from exc


# --- public API --------------------------------------------------------------------------------


def read_parquet(
    path: str | os.PathLike,
    columns: Sequence[str] | None = None,
    row_groups: Sequence[int] | None = None,
    filters: Any = None,
    *,
    dictionary_as_arrow: bool = False,
    verify_crc: bool = False,
    backend: str | None = None,
) -> Frame:
    """Read a Parquet file into a :class:`Frame`.

    Args:
        path: the file.
        columns: top-level names or dotted nested paths (``"a.b"``); ``None`` for all.
        row_groups: indices of the row groups to read; ``None`` for all.
        filters: pyarrow DNF filters ``[[("col", op, value), ...], ...]`` (or one
            conjunction); ops ``== != < <= > >= in not in``. Row groups are skipped by
            statistics, then rows are filtered exactly.
        dictionary_as_arrow: return string/binary columns as dictionary arrays.
        verify_crc: verify page checksums.
        backend: ``None`` (automatic), ``"swift"`` or ``"pyarrow"``.

    Raises:
        FormatError: malformed file. UnsupportedError: encrypted file or unsupported type.
    """
    path = _path(path)
    norm = _normalize_filters(filters)
    chosen = _backend(backend)
    log_backend("read_parquet", chosen)
    if chosen == SWIFT:
        lib = _lib()
        schema = _native_schema(lib, path) if norm is not None else None
        opts = _options(columns, row_groups, norm, schema, dictionary_as_arrow=dictionary_as_arrow or None,
                        verify_crc=verify_crc or None)
        return _native_read(lib, path, opts)
    _options(columns, row_groups, None, None)  # argument validation
    if not os.path.exists(path):
        raise ParquetFrameIOError(f"cannot open {path}: No such file or directory")
    table = _fallback_read(path, list(columns) if columns is not None else None,
                           list(row_groups) if row_groups is not None else None, norm, dictionary_as_arrow)
    return Frame._from_table(table)


def iter_parquet_batches(
    path: str | os.PathLike,
    batch_size: int = 65536,
    columns: Sequence[str] | None = None,
    filters: Any = None,
    *,
    row_groups: Sequence[int] | None = None,
    backend: str | None = None,
) -> Iterator[Frame]:
    """Iterate over a Parquet file in :class:`Frame` batches of at most ``batch_size`` rows.

    Memory follows batch_size for flat columns (nested columns: one row group at a time). Concatenated, the batches equal
    :func:`read_parquet` with the same arguments.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int):
        raise TypeError("batch_size must be an int")
    if batch_size <= 0:
        raise ValueError(f"batch_size must be > 0, got {batch_size}")
    path = _path(path)
    norm = _normalize_filters(filters)
    chosen = _backend(backend)
    log_backend("iter_parquet_batches", chosen)
    if chosen == SWIFT:
        lib = _lib()
        schema = _native_schema(lib, path) if norm is not None else None
        opts = _options(columns, row_groups, norm, schema)
        reader = ctypes.c_void_p()
        lib.check(lib.pf_parquet_open_batches(path.encode(), opts, batch_size, ctypes.byref(reader)),
                  "iter_parquet_batches")
        return _native_batches(lib, reader.value)
    return _fallback_batches(path, batch_size, columns, row_groups, norm)


def _native_batches(lib: Any, reader: int) -> Iterator[Frame]:
    try:
        while True:
            out = ctypes.c_void_p()
            lib.check(lib.pf_parquet_reader_next(reader, ctypes.byref(out)), "iter_parquet_batches")
            if not out.value:
                return
            yield Frame._from_handle(out.value, lib)
    finally:
        lib.pf_parquet_reader_free(reader)


def _fallback_batches(path, batch_size, columns, row_groups, filters) -> Iterator[Frame]:
    try:
        f = pq.ParquetFile(path)
        groups = list(row_groups) if row_groups is not None else range(f.num_row_groups)
        expr = pq.filters_to_expression(filters) if filters is not None else None
        for g in groups:
            t = f.read_row_group(g, columns=list(columns) if columns is not None else None)
            if expr is not None:
                t = t.filter(expr)
            for b in t.to_batches(max_chunksize=batch_size):
                if b.num_rows:
                    yield Frame._from_table(pa.Table.from_batches([b]))
    except Exception as exc:  # noqa: BLE001
        mapped = _map_pyarrow_error(exc)
        if mapped is exc:
            raise
        raise mapped from exc


# --- metadata --------------------------------------------------------------------------------


class ColumnStatistics:
    """Statistics of a column chunk, typed in the logical domain."""

    def __init__(self, d: dict) -> None:
        self._d = d
        self.has_min_max: bool = d.get("has_min_max", False)
        self.min = d.get("min")
        self.max = d.get("max")
        self.null_count: int | None = d.get("null_count")
        self.distinct_count: int | None = d.get("distinct_count")

    def to_dict(self) -> dict:
        return dict(self._d)

    def __repr__(self) -> str:
        return (f"ColumnStatistics(min={self.min!r}, max={self.max!r}, null_count={self.null_count}, "
                f"distinct_count={self.distinct_count})")


class ColumnChunkMetadata:
    """One column chunk of a row group."""

    def __init__(self, d: dict) -> None:
        self._d = d
        self.path: str = d["path"]
        self.physical_type: str | None = d.get("physical_type")
        self.codec: str | None = d.get("codec")
        self.encodings: list[str] = d.get("encodings", [])
        self.num_values: int | None = d.get("num_values")
        self.total_compressed_size: int | None = d.get("total_compressed_size")
        self.total_uncompressed_size: int | None = d.get("total_uncompressed_size")
        self.data_page_offset = d.get("data_page_offset")
        self.dictionary_page_offset = d.get("dictionary_page_offset")
        self.has_page_index: bool = d.get("has_page_index", False)
        self.has_bloom_filter: bool = d.get("has_bloom_filter", False)
        s = d.get("statistics")
        self.statistics: ColumnStatistics | None = ColumnStatistics(s) if s is not None else None

    def to_dict(self) -> dict:
        return dict(self._d)


class RowGroupMetadata:
    """One row group. Native metadata fetches the column chunks on first access."""

    def __init__(self, d: dict | None = None, *, _native: Any = None, _index: int = 0) -> None:
        self._d = d
        self._native = _native
        self._index = _index
        self._columns: list[ColumnChunkMetadata] | None = None
        if d is not None:
            self.num_rows: int = d["num_rows"]
            self.total_byte_size: int = d.get("total_byte_size", 0)
        else:
            lib, h = _native._lib, _native._handle
            self.num_rows = int(lib.pf_parquet_metadata_row_group_num_rows(h, _index))
            self.total_byte_size = int(lib.pf_parquet_metadata_row_group_total_byte_size(h, _index))

    def _dict(self) -> dict:
        if self._d is None:
            self._d = self._native._part(self._index)
        return self._d

    @property
    def columns(self) -> list[ColumnChunkMetadata]:
        if self._columns is None:
            self._columns = [ColumnChunkMetadata(c) for c in self._dict().get("columns", [])]
        return self._columns

    @property
    def num_columns(self) -> int:
        if self._d is None and self._native is not None:
            return self._native.num_columns
        return len(self.columns)

    def to_dict(self) -> dict:
        return dict(self._dict())

    def __repr__(self) -> str:
        return f"RowGroupMetadata(num_rows={self.num_rows}, total_byte_size={self.total_byte_size})"


class _RowGroups(Sequence):
    """The row groups of a :class:`ParquetMetadata`, created on access."""

    def __init__(self, md: ParquetMetadata) -> None:
        self._md = md
        self._cache: dict[int, RowGroupMetadata] = {}

    def __len__(self) -> int:
        return self._md.num_row_groups

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if isinstance(i, bool) or not isinstance(i, int):
            raise TypeError("row group indices must be integers")
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"row group {i} out of range")
        g = self._cache.get(i)
        if g is None:
            g = self._cache[i] = RowGroupMetadata(_native=self._md, _index=i)
        return g

    def __repr__(self) -> str:
        return f"<{len(self)} row groups>"


class _NativeMetadataHandle:
    """Owns a ``pf_parquet_metadata*`` and frees it once."""

    __slots__ = ("_lib", "_handle")

    def __init__(self, lib: Any, handle: int) -> None:
        self._lib = lib
        self._handle = handle

    def __del__(self) -> None:
        h, self._handle = self._handle, None
        if h:
            self._lib.pf_parquet_metadata_free(h)


_UNSET: Any = object()


class ParquetMetadata:
    """Metadata of a Parquet file (footer only; no data is read).

    With the native library the footer is decoded once into a native handle (column chunks
    are decoded there when first asked for); sizes are read from it on first access, the
    schema crosses as an Arrow C schema, and row groups and their column chunks are built on
    first access (``to_dict()`` returns everything).
    """

    def __init__(self, d: dict | None, schema: pa.Schema | None = None, *, _lib: Any = None,
                 _handle: int | None = None) -> None:
        self._d = d
        self._schema = schema
        self._kv: dict | None = None
        self._row_groups: Sequence[RowGroupMetadata] | None = None
        if d is not None:
            self._lib = None
            self._handle = None
            self._num_rows: int | None = d["num_rows"]
            self._num_row_groups: int | None = d["num_row_groups"]
            self._num_columns: int | None = d["num_columns"]
            self._created_by: Any = d.get("created_by")
            self._kv = d.get("key_value_metadata") or {}
            self._row_groups = [RowGroupMetadata(g) for g in d.get("row_groups", [])]
        else:
            self._lib = _lib
            self._owner = _NativeMetadataHandle(_lib, _handle)
            self._handle = _handle
            self._num_rows = self._num_row_groups = self._num_columns = None
            self._created_by = _UNSET

    @property
    def num_rows(self) -> int:
        if self._num_rows is None:
            self._num_rows = int(self._lib.pf_parquet_metadata_num_rows(self._handle))
        return self._num_rows

    @property
    def num_row_groups(self) -> int:
        if self._num_row_groups is None:
            self._num_row_groups = int(self._lib.pf_parquet_metadata_num_row_groups(self._handle))
        return self._num_row_groups

    @property
    def num_columns(self) -> int:
        """Number of leaf columns."""
        if self._num_columns is None:
            self._num_columns = int(self._lib.pf_parquet_metadata_num_columns(self._handle))
        return self._num_columns

    @property
    def created_by(self) -> str | None:
        if self._created_by is _UNSET:
            cb = self._lib.pf_parquet_metadata_created_by(self._handle)
            self._created_by = cb.decode("utf-8", "replace") if cb is not None else None
        return self._created_by

    def _part(self, part: int) -> dict:
        out = ctypes.c_void_p()
        self._lib.check(self._lib.pf_parquet_metadata_part_json(self._handle, part, ctypes.byref(out)),
                        "read_parquet_metadata")
        d = json.loads(self._lib.take_string(out.value))
        if part == -2:
            return _type_stats(d)
        if part >= 0:
            return _type_stats({"row_groups": [d]})["row_groups"][0]
        return d

    @property
    def schema(self) -> pa.Schema:
        """The Arrow schema of a full read."""
        if self._schema is None:
            c_schema = _native.ArrowSchema()
            try:
                self._lib.check(self._lib.pf_parquet_metadata_export_schema(self._handle, ctypes.byref(c_schema)),
                                "read_parquet_metadata")
                self._schema = pa.Schema._import_from_c(ctypes.addressof(c_schema))
            except UnsupportedError:
                self._schema = pa.schema([])
        return self._schema

    @property
    def key_value_metadata(self) -> dict:
        if self._kv is None:
            self._kv = self._part(-1).get("key_value_metadata") or {}
        return self._kv

    @property
    def row_groups(self) -> Sequence[RowGroupMetadata]:
        if self._row_groups is None:
            self._row_groups = _RowGroups(self)
        return self._row_groups

    def to_dict(self) -> dict:
        """The metadata as plain Python values (statistics typed)."""
        if self._d is None:
            self._d = self._part(-2)
        return dict(self._d)

    def __repr__(self) -> str:
        return (f"ParquetMetadata(num_rows={self.num_rows}, num_row_groups={self.num_row_groups}, "
                f"num_columns={self.num_columns}, created_by={self.created_by!r})")


_EPOCH_DATE = datetime.date(1970, 1, 1)
_EPOCH = datetime.datetime(1970, 1, 1)
_PER_SECOND = {"ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}


def _typed(v: Any) -> Any:
    if not isinstance(v, dict):
        return v
    kind, value = v.get("kind"), v.get("value")
    if kind in ("integer", "unsigned", "boolean", "string"):
        return value
    if kind == "float":
        return float(value)
    if kind == "decimal":
        return decimal.Decimal(value)
    if kind == "date":
        return _EPOCH_DATE + datetime.timedelta(days=value)
    if kind in ("time", "timestamp"):
        per = _PER_SECOND.get(v.get("unit"), 1_000_000)
        micros = value * 1_000_000 // per
        if kind == "time":
            return (datetime.datetime.min + datetime.timedelta(microseconds=micros)).time()
        ts = _EPOCH + datetime.timedelta(microseconds=micros)
        return ts.replace(tzinfo=datetime.timezone.utc) if v.get("utc") else ts
    if kind in ("bytes", "uuid"):
        return bytes.fromhex(value)
    return value


def _type_bounds(s: dict) -> None:
    """Types min/max in place; bounds outside Python's date/time range are dropped."""
    try:
        s["min"], s["max"] = _typed(s.get("min")), _typed(s.get("max"))
    except (OverflowError, ValueError):
        s["min"] = s["max"] = None
        s["has_min_max"] = False


def _type_stats(d: dict) -> dict:
    for g in d.get("row_groups", []):
        for c in g.get("columns", []):
            s = c.get("statistics")
            if s:
                _type_bounds(s)
    for c in d.get("file_statistics", []):
        s = c.get("statistics")
        if s:
            _type_bounds(s)
    return d


def _fallback_metadata(path: str) -> ParquetMetadata:
    try:
        f = pq.ParquetFile(path)
        md = f.metadata
        schema = f.schema_arrow
    except Exception as exc:  # noqa: BLE001
        mapped = _map_pyarrow_error(exc)
        if mapped is exc:
            raise
        raise mapped from exc
    groups = []
    for i in range(md.num_row_groups):
        rg = md.row_group(i)
        cols = []
        for j in range(rg.num_columns):
            c = rg.column(j)
            st = None
            if c.is_stats_set and c.statistics is not None:
                s = c.statistics
                st = {
                    "has_min_max": s.has_min_max,
                    "min": s.min if s.has_min_max else None,
                    "max": s.max if s.has_min_max else None,
                    "null_count": s.null_count if s.has_null_count else None,
                    "distinct_count": s.distinct_count if s.has_distinct_count else None,
                }
            cols.append({
                "path": c.path_in_schema, "physical_type": c.physical_type, "codec": c.compression,
                "encodings": list(c.encodings), "num_values": c.num_values,
                "total_compressed_size": c.total_compressed_size,
                "total_uncompressed_size": c.total_uncompressed_size,
                "data_page_offset": c.data_page_offset, "dictionary_page_offset": c.dictionary_page_offset,
                "has_page_index": c.has_offset_index or c.has_column_index,
                "has_bloom_filter": False, "statistics": st,
            })
        groups.append({"num_rows": rg.num_rows, "total_byte_size": rg.total_byte_size, "columns": cols})
    kv = {k.decode(): v.decode() for k, v in (md.metadata or {}).items()}
    d = {"num_rows": md.num_rows, "num_row_groups": md.num_row_groups, "num_columns": md.num_columns,
         "created_by": md.created_by, "key_value_metadata": kv, "row_groups": groups}
    return ParquetMetadata(d, schema)


def read_parquet_metadata(path: str | os.PathLike, *, backend: str | None = None) -> ParquetMetadata:
    """The metadata of a Parquet file: sizes, schema (``pyarrow.Schema``), row groups, column
    chunks with codecs, encodings, sizes and typed statistics."""
    path = _path(path)
    chosen = _backend(backend)
    log_backend("read_parquet_metadata", chosen)
    if chosen == SWIFT:
        lib = _lib()
        out = ctypes.c_void_p()
        lib.check(lib.pf_parquet_metadata_open(path.encode(), ctypes.byref(out)), "read_parquet_metadata")
        return ParquetMetadata(None, _lib=lib, _handle=out.value)
    if not os.path.exists(path):
        raise ParquetFrameIOError(f"cannot open {path}: No such file or directory")
    return _fallback_metadata(path)
