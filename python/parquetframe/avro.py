"""Reading Avro object container files.

>>> import parquetframe as pf
>>> frame = pf.read_avro("events.avro", columns=["id", "ts"])          # doctest: +SKIP
>>> for batch in pf.iter_avro_batches("events.avro", batch_size=10_000):  # doctest: +SKIP
...     ...
>>> pf.avro_schema("events.avro")["fields"][0]["name"]                 # doctest: +SKIP

The native library (``pf_avro_*``) reads the file when it is loaded and
``swift_io_enabled`` is true. Otherwise the fallback decodes the records with
fastavro and builds the *same* Arrow table (same types, same values, same
nullability), driven by the writer schema.

How Avro types map to Arrow (both backends):

=========================================  ================================================
Avro                                       Arrow
=========================================  ================================================
null, boolean, int, long, float, double    null, bool, int32, int64, float32, float64
bytes, string, fixed(n)                    binary, utf8, fixed_size_binary(n) (n = 0: unsupported)
record                                     struct (top level: the columns; a non-record
                                           top-level schema is one column ``value``)
enum                                       dictionary<int32, utf8> (dictionary = symbols)
array, map                                 list<item>, map<utf8, value>
["null", T] / [T, "null"] / [T]            nullable T / nullable T / T
any other union                            dense_union, one child per branch in branch
                                           order (type ids 0..n-1), named ``"int"``,
                                           ``"string"``, ..., the full name of a record /
                                           enum / fixed, ``"array"``, ``"map"``; a
                                           ``"null"`` branch is a child of type null that
                                           holds the union's nulls
decimal(p, s), p <= 38                     decimal128(p, s)
decimal(p, s), 38 < p <= 76                decimal256(p, s) (p > 76: UnsupportedError)
uuid                                       utf8 (on string) / fixed_size_binary(16)
date, time-millis, time-micros             date32, time32(ms), time64(us)
timestamp-{millis,micros,nanos}            timestamp(unit, "UTC")
local-timestamp-{millis,micros,nanos}      timestamp(unit)
duration (fixed 12)                        struct<months, days, milliseconds: uint32>
=========================================  ================================================

Recursive schemas raise :class:`UnsupportedError`; malformed files raise
:class:`FormatError`.
"""

from __future__ import annotations

import ctypes
import io
import json
import os
import struct
from collections.abc import Iterator, Sequence
from typing import Any

import pyarrow as pa

from . import _native
from ._logging import log_backend
from ._preview import _format_decimal
from .backends import PYARROW, SWIFT, resolve
from .errors import (
    FormatError,
    InvalidArgumentError,
    ParquetFrameError,
    ParquetFrameIOError,
    UnsupportedError,
)
from .frame import Frame

__all__ = ["read_avro", "iter_avro_batches", "avro_schema"]

_SETTING = "swift_io_enabled"
_i32, _i64, _ptr = ctypes.c_int32, ctypes.c_int64, ctypes.c_void_p
_P = ctypes.POINTER

_AVRO_SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "pf_avro_read": (_i32, [ctypes.c_char_p, _ptr, _i32, _P(_ptr)]),
    "pf_avro_open_batches": (_i32, [ctypes.c_char_p, _ptr, _i32, _i64, _P(_ptr)]),
    "pf_avro_reader_next": (_i32, [_ptr, _P(_ptr)]),
    "pf_avro_reader_free": (None, [_ptr]),
    "pf_avro_schema_json": (_i32, [ctypes.c_char_p, _P(_ptr)]),
}


def _avro_lib() -> tuple[Any, dict[str, Any]] | None:
    """(library, functions) with the Avro functions declared, or None when unusable."""
    return _native.bind("avro", _native.CAP_IO, _AVRO_SIGNATURES)


def _choose(backend: str | None) -> str:
    chosen = resolve(backend, _SETTING)
    if chosen == SWIFT and _avro_lib() is None:
        if backend == SWIFT:
            raise UnsupportedError("the native library has no Avro functions")
        return PYARROW
    return chosen


def _check_path(path: Any) -> str:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")
    return os.fspath(path)


def _check_columns(columns: Any) -> list[str] | None:
    if columns is None:
        return None
    if isinstance(columns, (str, bytes)) or not isinstance(columns, Sequence):
        raise TypeError("columns must be a sequence of str or None")
    out = list(columns)
    for c in out:
        if not isinstance(c, str):
            raise TypeError(f"column names must be str, got {type(c).__name__}")
    if not out:
        raise ValueError("columns must not be empty (use None for all columns)")
    return out


def _c_columns(columns: list[str] | None) -> tuple[Any, int]:
    if not columns:
        return None, 0
    arr = (ctypes.c_char_p * len(columns))(*[c.encode() for c in columns])
    return ctypes.cast(arr, _ptr), len(columns)


# --- public API ----------------------------------------------------------------------------


def read_avro(path: str | os.PathLike, columns: Sequence[str] | None = None, *,
              backend: str | None = None) -> Frame:
    """Read a whole Avro object container file into a :class:`Frame`.

    Args:
        path: the file.
        columns: top-level fields to read, in the order wanted (None: all, in file
            order). The other fields are skipped without being decoded.
        backend: None/"auto", "swift" or "pyarrow" (the fastavro fallback).

    Raises:
        FormatError: malformed file. UnsupportedError: a recursive schema or a decimal
        above 76 digits (in a selected column). InvalidArgumentError: unknown column.
        ParquetFrameIOError: the file cannot be read.
    """
    p = _check_path(path)
    cols = _check_columns(columns)
    chosen = _choose(backend)
    if chosen == SWIFT:
        lib, fns = _avro_lib()  # type: ignore[misc]
        arr, n = _c_columns(cols)
        out = _ptr()
        lib.check(fns["pf_avro_read"](p.encode(), arr, n, ctypes.byref(out)), "pf_avro_read")
        frame = Frame._from_handle(out.value, lib)
    else:
        frame = Frame._from_table(_fallback_read(p, cols))
    log_backend("read_avro", chosen)
    return frame


def iter_avro_batches(path: str | os.PathLike, batch_size: int = 65536,
                      columns: Sequence[str] | None = None, *,
                      backend: str | None = None) -> Iterator[Frame]:
    """Stream an Avro file as :class:`Frame` batches of at most ``batch_size`` rows.

    The native reader holds one block and one batch in memory at a time. The batches
    concatenate to :func:`read_avro`'s table. Errors as in :func:`read_avro` (raised
    when the offending block is reached; the header is checked at once).
    """
    p = _check_path(path)
    if isinstance(batch_size, bool) or not isinstance(batch_size, int):
        raise TypeError(f"batch_size must be an int, got {type(batch_size).__name__}")
    if batch_size <= 0:
        raise ValueError(f"batch_size must be positive, got {batch_size}")
    cols = _check_columns(columns)
    chosen = _choose(backend)
    log_backend("iter_avro_batches", chosen)
    if chosen == SWIFT:
        lib, fns = _avro_lib()  # type: ignore[misc]
        arr, n = _c_columns(cols)
        handle = _ptr()
        lib.check(fns["pf_avro_open_batches"](p.encode(), arr, n, batch_size, ctypes.byref(handle)),
                  "pf_avro_open_batches")
        return _native_batches(lib, fns, handle.value)
    return _fallback_batches(p, cols, batch_size)


def _native_batches(lib: Any, fns: dict[str, Any], handle: int) -> Iterator[Frame]:
    try:
        while True:
            out = _ptr()
            lib.check(fns["pf_avro_reader_next"](handle, ctypes.byref(out)), "pf_avro_reader_next")
            if not out.value:
                return
            yield Frame._from_handle(out.value, lib)
    finally:
        fns["pf_avro_reader_free"](handle)


def avro_schema(path: str | os.PathLike, *, backend: str | None = None) -> Any:
    """The writer schema stored in the file header, parsed from JSON (usually a dict)."""
    p = _check_path(path)
    chosen = _choose(backend)
    if chosen == SWIFT:
        lib, fns = _avro_lib()  # type: ignore[misc]
        out = _ptr()
        lib.check(fns["pf_avro_schema_json"](p.encode(), ctypes.byref(out)), "pf_avro_schema_json")
        text = lib.take_string(out.value)
    else:
        text = _fallback_schema_text(p)
    log_backend("avro_schema", chosen)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise FormatError(f"{p}: the Avro schema is not valid JSON: {exc}") from None


# --- fallback: schema ----------------------------------------------------------------------

_PRIMITIVES = ("null", "boolean", "int", "long", "float", "double", "bytes", "string")
_PRIM_ARROW = {
    "null": pa.null(), "boolean": pa.bool_(), "int": pa.int32(), "long": pa.int64(),
    "float": pa.float32(), "double": pa.float64(), "bytes": pa.binary(), "string": pa.utf8(),
}
_DURATION_TYPE = pa.struct([
    pa.field("months", pa.uint32(), nullable=False),
    pa.field("days", pa.uint32(), nullable=False),
    pa.field("milliseconds", pa.uint32(), nullable=False),
])
_MAX_UNION_BRANCHES = 127


class _Schema:
    """A normalized Avro schema node (named references inlined, as in the Swift reader)."""

    __slots__ = ("kind", "name", "fields", "symbols", "size", "items", "branches", "logical", "base")

    def __init__(self, kind: str, **kw: Any) -> None:
        self.kind = kind
        self.name: str | None = kw.get("name")
        self.fields: list[tuple[str, _Schema]] = kw.get("fields", [])
        self.symbols: list[str] = kw.get("symbols", [])
        self.size: int = kw.get("size", 0)
        self.items: _Schema | None = kw.get("items")
        self.branches: list[_Schema] = kw.get("branches", [])
        self.logical: tuple | None = kw.get("logical")
        self.base: _Schema | None = kw.get("base")

    def branch_name(self) -> str:
        if self.kind == "logical":
            return self.base.branch_name()  # type: ignore[union-attr]
        if self.kind in ("record", "enum", "fixed"):
            return self.name  # type: ignore[return-value]
        return self.kind


def _bad(what: str) -> FormatError:
    return FormatError(f"invalid Avro schema: {what}")


def _max_decimal_digits(size: int) -> int:
    if size <= 0:
        return 0
    import math
    return int(math.floor((8 * size - 1) * math.log10(2) - 1e-12))


class _SchemaParser:
    """Mirrors Sources/PFFormats/Avro/AvroSchemaParser.swift."""

    def __init__(self) -> None:
        self.named: dict[str, _Schema] = {}
        self.in_progress: set[str] = set()
        self.depth = 0

    def parse(self, j: Any, ns: str | None) -> _Schema:
        self.depth += 1
        try:
            if self.depth > 200:
                raise _bad("nesting deeper than 200 levels")
            if isinstance(j, str):
                return self.resolve(j, ns)
            if isinstance(j, list):
                out = []
                for b in j:
                    s = self.parse(b, ns)
                    if s.kind == "union":
                        raise _bad("a union may not immediately contain another union")
                    out.append(s)
                return _Schema("union", branches=out)
            if isinstance(j, dict):
                return self.parse_object(j, ns)
            raise _bad(f"expected a type name, an object or an array, got {j!r}")
        finally:
            self.depth -= 1

    def resolve(self, name: str, ns: str | None) -> _Schema:
        if name in _PRIMITIVES:
            return _Schema(name)
        candidates = []
        if "." not in name and ns:
            candidates.append(f"{ns}.{name}")
        candidates.append(name)
        for c in candidates:
            if c in self.in_progress:
                raise UnsupportedError(f"recursive Avro schema: type '{c}' refers to itself")
            if c in self.named:
                return self.named[c]
        raise _bad(f"unknown type name '{name}'")

    @staticmethod
    def qualify(obj: dict, enclosing: str | None) -> tuple[str, str | None]:
        raw = obj.get("name")
        if not isinstance(raw, str) or not raw:
            raise _bad(f"named type without a name: {obj!r}")
        if "." in raw:
            ns, _, short = raw.rpartition(".")
            return raw if ns else short, ns or None
        if "namespace" in obj:
            ns = obj["namespace"]
            if ns is None:
                return raw, None
            if not isinstance(ns, str):
                raise _bad("namespace must be a string")
            return (f"{ns}.{raw}" if ns else raw), (ns or None)
        return (f"{enclosing}.{raw}" if enclosing else raw), (enclosing or None)

    def define(self, full: str, s: _Schema) -> None:
        if full in _PRIMITIVES:
            raise _bad(f"'{full}' redefines a primitive type")
        if full in self.named:
            raise _bad(f"type '{full}' is defined twice")
        self.named[full] = s

    def parse_object(self, obj: dict, ns: str | None) -> _Schema:
        if "type" not in obj:
            raise _bad(f"object without \"type\": {obj!r}")
        t = obj["type"]
        if not isinstance(t, str):
            return self.parse(t, ns)
        if t in ("record", "error"):
            full, rns = self.qualify(obj, ns)
            self.in_progress.add(full)
            fields_json = obj.get("fields")
            if not isinstance(fields_json, list):
                raise _bad(f"record '{full}' has no \"fields\" array")
            fields: list[tuple[str, _Schema]] = []
            seen: set[str] = set()
            for f in fields_json:
                fname = f.get("name") if isinstance(f, dict) else None
                if not isinstance(fname, str):
                    raise _bad(f"record '{full}' has a field without a name")
                if fname in seen:
                    raise _bad(f"record '{full}' has two fields named '{fname}'")
                seen.add(fname)
                if "type" not in f:
                    raise _bad(f"field '{fname}' of '{full}' has no type")
                fields.append((fname, self.parse(f["type"], rns)))
            self.in_progress.discard(full)
            base = _Schema("record", name=full, fields=fields)
            self.define(full, base)
        elif t == "enum":
            full, _ = self.qualify(obj, ns)
            syms = obj.get("symbols")
            if not isinstance(syms, list):
                raise _bad(f"enum '{full}' has no \"symbols\" array")
            symbols: list[str] = []
            for s in syms:
                if not isinstance(s, str):
                    raise _bad(f"enum '{full}' has a non-string symbol")
                if s in symbols:
                    raise _bad(f"enum '{full}' repeats symbol '{s}'")
                symbols.append(s)
            base = _Schema("enum", name=full, symbols=symbols)
            self.define(full, base)
        elif t == "array":
            if "items" not in obj:
                raise _bad("array without \"items\"")
            base = _Schema("array", items=self.parse(obj["items"], ns))
        elif t == "map":
            if "values" not in obj:
                raise _bad("map without \"values\"")
            base = _Schema("map", items=self.parse(obj["values"], ns))
        elif t == "fixed":
            full, _ = self.qualify(obj, ns)
            size = obj.get("size")
            if isinstance(size, bool) or not isinstance(size, int) or size < 0 or size > 2**31 - 1:
                raise _bad(f"fixed '{full}' needs a non-negative \"size\"")
            base = _Schema("fixed", name=full, size=size)
            self.define(full, base)
        else:
            base = self.resolve(t, ns)
        lt = obj.get("logicalType")
        if isinstance(lt, str):
            logical = self.logical(lt, obj, base)
            if logical is not None:
                return _Schema("logical", logical=logical, base=base)
        return base

    @staticmethod
    def logical(name: str, obj: dict, base: _Schema) -> tuple | None:
        k = base.kind
        if name == "decimal" and k in ("bytes", "fixed"):
            p = obj.get("precision")
            s = obj.get("scale", 0)
            if isinstance(p, bool) or not isinstance(p, int) or not 1 <= p <= 10_000:
                return None
            if isinstance(s, bool) or not isinstance(s, int) or not 0 <= s <= p:
                return None
            if k == "fixed" and p > _max_decimal_digits(base.size):
                return None
            return ("decimal", p, s)
        simple = {
            ("uuid", "string"): "uuid", ("date", "int"): "date", ("time-millis", "int"): "time-millis",
            ("time-micros", "long"): "time-micros", ("timestamp-millis", "long"): "timestamp-millis",
            ("timestamp-micros", "long"): "timestamp-micros", ("timestamp-nanos", "long"): "timestamp-nanos",
            ("local-timestamp-millis", "long"): "local-timestamp-millis",
            ("local-timestamp-micros", "long"): "local-timestamp-micros",
            ("local-timestamp-nanos", "long"): "local-timestamp-nanos",
        }
        if (name, k) in simple:
            return (simple[(name, k)],)
        if name == "uuid" and k == "fixed" and base.size == 16:
            return ("uuid",)
        if name == "duration" and k == "fixed" and base.size == 12:
            return ("duration",)
        return None


_TS = {
    "timestamp-millis": ("ms", "UTC"), "timestamp-micros": ("us", "UTC"), "timestamp-nanos": ("ns", "UTC"),
    "local-timestamp-millis": ("ms", None), "local-timestamp-micros": ("us", None),
    "local-timestamp-nanos": ("ns", None),
}


def _arrow_type(s: _Schema) -> tuple[pa.DataType, bool]:
    """Mirrors AvroSchema.arrowType() (Sources/PFFormats/Avro/AvroSchema+Arrow.swift)."""
    k = s.kind
    if k in _PRIM_ARROW:
        return _PRIM_ARROW[k], k == "null"
    if k == "record":
        return pa.struct([_arrow_field(n, f) for n, f in s.fields]), False
    if k == "enum":
        return pa.dictionary(pa.int32(), pa.utf8()), False
    if k == "array":
        return pa.list_(_arrow_field("item", s.items)), False  # type: ignore[arg-type]
    if k == "map":
        vt, vn = _arrow_type(s.items)  # type: ignore[arg-type]
        return pa.map_(pa.field("key", pa.utf8(), nullable=False), pa.field("value", vt, nullable=vn)), False
    if k == "fixed":
        if s.size == 0:
            raise UnsupportedError(f"Avro fixed '{s.name}' of size 0 (Arrow fixed_size_binary needs a positive width)")
        return pa.binary(s.size), False
    if k == "union":
        non_null = [b for b in s.branches if b.kind != "null"]
        if not non_null:
            return pa.null(), True
        if len(non_null) == 1:
            t, n = _arrow_type(non_null[0])
            return t, n or len(non_null) < len(s.branches)
        if len(s.branches) > _MAX_UNION_BRANCHES:
            raise UnsupportedError(f"Avro union of {len(s.branches)} branches (at most {_MAX_UNION_BRANCHES} "
                                   "fit Arrow's int8 type ids)")
        fields = [pa.field(b.branch_name(), _arrow_type(b)[0], nullable=True) for b in s.branches]
        return pa.dense_union(fields, type_codes=list(range(len(fields)))), True
    # logical
    lt = s.logical[0]  # type: ignore[index]
    if lt == "decimal":
        _, p, sc = s.logical  # type: ignore[misc]
        if p <= 38:
            return pa.decimal128(p, sc), False
        if p > 76:
            raise UnsupportedError(f"Avro decimal({p}, {sc}): precision above 76 does not fit Arrow's decimal256")
        return pa.decimal256(p, sc), False
    if lt == "uuid":
        return _arrow_type(s.base)  # type: ignore[arg-type]
    if lt == "date":
        return pa.date32(), False
    if lt == "time-millis":
        return pa.time32("ms"), False
    if lt == "time-micros":
        return pa.time64("us"), False
    if lt in _TS:
        unit, tz = _TS[lt]
        return pa.timestamp(unit, tz=tz), False
    return _DURATION_TYPE, False


def _arrow_field(name: str, s: _Schema) -> pa.Field:
    t, n = _arrow_type(s)
    return pa.field(name, t, nullable=n)


# --- fallback: decoding with fastavro ------------------------------------------------------


class _Emitter:
    """Rewrites the normalized schema for fastavro so that decoding keeps every detail:

    * logical types are dropped (fastavro returns the raw int / bytes values);
    * every named type gets a fresh unique name (named references are inlined);
    * every union branch B becomes a record ``{"v": B}`` named ``__pfu<n>_<branch>``
      — the binary encoding of a one-field record is that of the field, so the bytes
      decode the same — and fastavro (``return_named_type=True``) returns
      ``(name, {"v": value})``, from which the branch index is exact even for unions
      such as ``["int", "long"]`` whose values Python cannot tell apart.
    """

    def __init__(self) -> None:
        self.n = 0

    def fresh(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n}"

    def emit(self, s: _Schema) -> Any:
        k = s.kind
        if k in _PRIMITIVES:
            return k
        if k == "logical":
            return self.emit(s.base)  # type: ignore[arg-type]
        if k == "record":
            return {"type": "record", "name": self.fresh("__pfr"), "namespace": "",
                    "fields": [{"name": n, "type": self.emit(f)} for n, f in s.fields]}
        if k == "enum":
            return {"type": "enum", "name": self.fresh("__pfe"), "namespace": "", "symbols": s.symbols}
        if k == "fixed":
            return {"type": "fixed", "name": self.fresh("__pff"), "namespace": "", "size": s.size}
        if k == "array":
            return {"type": "array", "items": self.emit(s.items)}  # type: ignore[arg-type]
        if k == "map":
            return {"type": "map", "values": self.emit(s.items)}  # type: ignore[arg-type]
        uid = self.fresh("__pfu")
        return [{"type": "record", "name": f"{uid}_{i}", "namespace": "",
                 "fields": [{"name": "v", "type": self.emit(b)}]} for i, b in enumerate(s.branches)]


def _fastavro():
    try:
        import fastavro
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise UnsupportedError("reading Avro without the native library needs fastavro "
                               "(pip install fastavro)") from exc
    return fastavro


class _Decoded:
    """An Avro file decoded by fastavro: schema and a record iterator (raw values)."""

    def __init__(self, path: str) -> None:
        self.path = path
        fastavro = _fastavro()
        try:
            self.file = open(path, "rb")
        except OSError as exc:
            raise ParquetFrameIOError(f"cannot open {path}: {exc.strerror or exc}") from None
        try:
            self.blocks = fastavro.block_reader(self.file)
            meta = self.blocks.metadata
            text = meta.get("avro.schema")
            if text is None:
                raise FormatError(f"{path}: the Avro header has no avro.schema")
            self.schema_text = text if isinstance(text, str) else bytes(text).decode("utf-8")
            self.schema = _SchemaParser().parse(json.loads(self.schema_text), None)
            self.parsed = fastavro.parse_schema(_Emitter().emit(self.schema), _write_hint=False)
        except ParquetFrameError:
            self.file.close()
            raise
        except Exception as exc:
            self.file.close()
            raise _format_error(path, exc) from None
        if self.schema.kind == "record":
            self.top = self.schema.fields
            self.is_record = True
        else:
            self.top = [("value", self.schema)]
            self.is_record = False

    def records(self) -> Iterator[Any]:
        fastavro = _fastavro()
        try:
            for block in self.blocks:
                data = block.bytes_
                if not isinstance(data, io.BytesIO):
                    data = io.BytesIO(bytes(data))
                for _ in range(block.num_records):
                    yield fastavro.schemaless_reader(data, self.parsed, None, return_named_type=True)
                left = len(data.getbuffer()) - data.tell()
                if left:
                    raise FormatError(f"{self.path}: {left} bytes left over after a block's "
                                      f"{block.num_records} records")
        except ParquetFrameError:
            raise
        except Exception as exc:
            raise _format_error(self.path, exc) from None
        finally:
            self.file.close()


def _format_error(path: str, exc: Exception) -> FormatError:
    return FormatError(f"{path}: malformed Avro file ({type(exc).__name__}: {exc})")


def _fallback_schema_text(path: str) -> str:
    fastavro = _fastavro()
    try:
        with open(path, "rb") as f:
            meta = fastavro.block_reader(f).metadata
    except OSError as exc:
        raise ParquetFrameIOError(f"cannot open {path}: {exc.strerror or exc}") from None
    except Exception as exc:
        raise _format_error(path, exc) from None
    text = meta.get("avro.schema")
    if text is None:
        raise FormatError(f"{path}: the Avro header has no avro.schema")
    return text if isinstance(text, str) else bytes(text).decode("utf-8")


def _select(top: list[tuple[str, _Schema]], columns: list[str] | None) -> list[tuple[int, str, _Schema]]:
    if columns is None:
        return [(i, n, s) for i, (n, s) in enumerate(top)]
    names = [n for n, _ in top]
    out = []
    seen: set[str] = set()
    for c in columns:
        if c not in names:
            raise InvalidArgumentError(f"no Avro field named '{c}'; fields are: {', '.join(names)}")
        if c in seen:
            raise InvalidArgumentError(f"column '{c}' selected twice")
        seen.add(c)
        i = names.index(c)
        out.append((i, c, top[i][1]))
    return out


class _Builder:
    """Turns raw fastavro values of a set of top-level columns into record batches."""

    def __init__(self, dec: _Decoded, columns: list[str] | None) -> None:
        self.dec = dec
        self.cols = _select(dec.top, columns)
        self.fields = [_arrow_field(n, s) for _, n, s in self.cols]
        self.schema = pa.schema(self.fields)

    def batch(self, rows: list[Any]) -> pa.RecordBatch:
        n = len(rows)
        if self.dec.is_record:
            values = [[r[name] for r in rows] for _, name, _ in self.cols]
        else:
            values = [rows for _ in self.cols]
        arrays = []
        for (_, name, s), f, v in zip(self.cols, self.fields, values):
            try:
                arrays.append(_build(s, f.nullable, v))
            except FormatError as exc:
                raise FormatError(f"Avro field '{name}': {exc}") from None
        if not arrays:
            return pa.RecordBatch.from_struct_array(pa.array([{}] * n, type=pa.struct([])))
        return pa.RecordBatch.from_arrays(arrays, schema=self.schema)


def _fallback_read(path: str, columns: list[str] | None) -> pa.Table:
    dec = _Decoded(path)
    builder = _Builder(dec, columns)
    rows = list(dec.records())
    return pa.Table.from_batches([builder.batch(rows)] if rows else [], schema=builder.schema)


def _fallback_batches(path: str, columns: list[str] | None, batch_size: int) -> Iterator[Frame]:
    dec = _Decoded(path)
    builder = _Builder(dec, columns)
    return _fallback_batch_iter(dec, builder, batch_size)


def _fallback_batch_iter(dec: _Decoded, builder: _Builder, batch_size: int) -> Iterator[Frame]:
    rows: list[Any] = []
    for r in dec.records():
        rows.append(r)
        if len(rows) == batch_size:
            yield Frame._from_table(pa.Table.from_batches([builder.batch(rows)]))
            rows = []
    if rows:
        yield Frame._from_table(pa.Table.from_batches([builder.batch(rows)]))


# --- fallback: raw values -> Arrow ---------------------------------------------------------


def _branch(v: Any) -> tuple[int, Any]:
    """(branch index, value) of a wrapped union value ``(name, {"v": value})``."""
    name, rec = v
    return int(name.rsplit("_", 1)[1]), rec["v"]


def _mask(values: list[Any], nullable: bool) -> pa.Array | None:
    if not nullable or all(v is not None for v in values):
        return None
    return pa.array([v is None for v in values], type=pa.bool_())


def _validity_buffer(values: list[Any], nullable: bool) -> tuple[pa.Buffer | None, int]:
    if not nullable:
        return None, 0
    nulls = sum(v is None for v in values)
    if nulls == 0:
        return None, 0
    bits = pa.array([v is not None for v in values], type=pa.bool_())
    return bits.buffers()[1], nulls


def _build(s: _Schema, nullable: bool, values: list[Any]) -> pa.Array:
    """The Arrow array of `values` (raw fastavro values of schema `s`).

    None marks a null: a null slot when `nullable`, else (a value under a null parent
    record) the placeholder the Swift reader writes (zero, empty, branch 0...).
    """
    k = s.kind
    n = len(values)
    if k == "union":
        non_null = [b for b in s.branches if b.kind != "null"]
        if not non_null:
            return pa.nulls(n)
        if len(non_null) == 1:
            inner = non_null[0]
            unwrapped = []
            for v in values:
                if v is None:
                    unwrapped.append(None)
                else:
                    i, x = _branch(v)
                    unwrapped.append(None if s.branches[i].kind == "null" else x)
            inner_nullable = nullable or len(non_null) < len(s.branches)
            return _build(inner, inner_nullable, unwrapped)
        return _build_dense_union(s, values)
    if k == "null":
        return pa.nulls(n)
    if k in ("boolean", "int", "long", "float", "double", "bytes", "string"):
        t = _PRIM_ARROW[k]
        if nullable:
            return pa.array(values, type=t)
        ph = {"boolean": False, "int": 0, "long": 0, "float": 0.0, "double": 0.0, "bytes": b"", "string": ""}[k]
        return pa.array([ph if v is None else v for v in values], type=t)
    if k == "fixed":
        ph = bytes(s.size)
        return pa.array([(None if nullable else ph) if v is None else v for v in values], type=pa.binary(s.size))
    if k == "enum":
        idx = {sym: i for i, sym in enumerate(s.symbols)}
        indices = pa.array([(None if nullable else 0) if v is None else idx[v] for v in values], type=pa.int32())
        return pa.DictionaryArray.from_arrays(indices, pa.array(s.symbols, type=pa.utf8()))
    if k == "record":
        typ, _ = _arrow_type(s)
        if not s.fields:
            return pa.array([None if (v is None and nullable) else {} for v in values], type=typ)
        children = []
        for fname, fs in s.fields:
            child_nullable = _arrow_type(fs)[1]
            children.append(_build(fs, child_nullable, [None if v is None else v[fname] for v in values]))
        return pa.StructArray.from_arrays(children, fields=list(typ), mask=_mask(values, nullable))
    if k in ("array", "map"):
        typ, _ = _arrow_type(s)
        offsets = [0]
        flat: list[Any] = []
        keys: list[str] = []
        for v in values:
            if v:
                if k == "array":
                    flat.extend(v)
                else:
                    keys.extend(v.keys())
                    flat.extend(v.values())
            offsets.append(len(flat))
        item_nullable = _arrow_type(s.items)[1]  # type: ignore[arg-type]
        items = _build(s.items, item_nullable, flat)  # type: ignore[arg-type]
        validity, nulls = _validity_buffer(values, nullable)
        off = pa.array(offsets, type=pa.int32()).buffers()[1]
        if k == "array":
            return pa.Array.from_buffers(typ, n, [validity, off], null_count=nulls, children=[items])
        entries = pa.StructArray.from_arrays([pa.array(keys, type=pa.utf8()), items],
                                             fields=[typ.key_field, typ.item_field])
        return pa.Array.from_buffers(typ, n, [validity, off], null_count=nulls, children=[entries])
    # logical types
    lt = s.logical[0]  # type: ignore[index]
    typ, _ = _arrow_type(s)
    if lt == "uuid":
        return _build(s.base, nullable, values)  # type: ignore[arg-type]
    if lt == "decimal":
        _, p, sc = s.logical  # type: ignore[misc]
        width = typ.byte_width
        bound = 10**p
        data = bytearray()
        for v in values:
            u = 0 if v is None else int.from_bytes(v, "big", signed=True)
            if not -(2 ** (8 * width - 1)) <= u < 2 ** (8 * width - 1):
                raise FormatError(f"decimal value does not fit in {8 * width} bits")
            if not -bound < u < bound:
                raise FormatError(f"decimal value {_format_decimal(u, sc)} has more than the {p} digits "
                                  f"of decimal({p}, {sc})")
            data += u.to_bytes(width, "little", signed=True)
        validity, nulls = _validity_buffer(values, nullable)
        return pa.Array.from_buffers(typ, n, [validity, pa.py_buffer(bytes(data))], null_count=nulls)
    if lt == "duration":
        parts = [struct.unpack("<III", v) if v is not None else (0, 0, 0) for v in values]
        children = [pa.array([p[j] for p in parts], type=pa.uint32()) for j in range(3)]
        return pa.StructArray.from_arrays(children, fields=list(_DURATION_TYPE), mask=_mask(values, nullable))
    storage = pa.int32() if lt in ("date", "time-millis") else pa.int64()
    ints = pa.array(values if nullable else [0 if v is None else v for v in values], type=storage)
    return ints.view(typ)


def _build_dense_union(s: _Schema, values: list[Any]) -> pa.Array:
    null_index = next((i for i, b in enumerate(s.branches) if b.kind == "null"), 0)
    nb = len(s.branches)
    per_branch: list[list[Any]] = [[] for _ in range(nb)]
    type_ids = bytearray()
    offsets: list[int] = []
    for v in values:
        i, x = (null_index, None) if v is None else _branch(v)
        type_ids.append(i)
        offsets.append(len(per_branch[i]))
        per_branch[i].append(x)
    children = [_build(b, False, per_branch[i]) for i, b in enumerate(s.branches)]
    typ, _ = _arrow_type(s)
    return pa.UnionArray.from_dense(
        pa.array(list(type_ids), type=pa.int8()), pa.array(offsets, type=pa.int32()), children,
        [b.branch_name() for b in s.branches], list(range(nb)))
