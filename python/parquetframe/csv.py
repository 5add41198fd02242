"""CSV reading and writing: :func:`read_csv`, :func:`iter_csv_batches`, :func:`write_csv`.

The native backend calls the C ABI of ``libParquetFrameNative.so`` (``pf_csv_read``,
``pf_csv_open_batches``/``pf_csv_reader_next``, ``pf_csv_write``; see the CSV section of
``Sources/PFNative/include/parquetframe.h``). It parses in parallel on the process-wide
pool (``swift_threads``) and streams with bounded memory.

The fallback (library missing, ``swift_io_enabled=False``, ``PARQUETFRAME_DISABLE_SWIFT_IO``
or ``PARQUETFRAME_DISABLE_SWIFT``) runs on ``pyarrow.csv`` with the options mapped so that
the results are identical to the native reader. Adjustments made around pyarrow, all in
this module:

* null tokens: the native list (default ``"", NA, N/A, NULL, null``) is passed explicitly,
  with ``strings_can_be_null=True`` (pyarrow's own default list also nulls ``NaN``,
  ``nan``, ``#N/A``...; here ``NaN`` reads as a float NaN);
* booleans: inference accepts only ``true/True/TRUE/false/False/FALSE`` (pyarrow's
  defaults add ``1``/``0``, which would turn a ``1,true`` column into bool); explicit
  ``bool`` columns also accept ``1``/``0`` and are converted here;
* one parse block over the whole file, so types are inferred over the whole file as
  the native reader does (pyarrow would fix them from its first 1 MiB block);
* types pyarrow infers but the native reader does not (``time32``) are re-read as utf8;
  all-null columns become utf8 instead of ``null``;
* byte-level preprocessing before pyarrow: UTF-16 byte-order marks are rejected, the
  UTF-8 BOM is dropped, ``skip_rows`` skips physical lines, UTF-8 is validated (strict:
  :class:`FormatError` with the byte offset) or repaired with U+FFFD (``replace``),
  comment records are removed (quote-aware), and for ``ragged="fill"`` the records are
  re-tokenized by :mod:`csv` and padded with nulls / truncated;
* an empty input (no record) gives an empty table, a header without rows a table with
  utf8 columns and no rows (pyarrow raises for both);
* header-less files use pyarrow's own ``f0, f1, ...`` names; ``columns`` is applied after
  reading (first column of each name, unknown names raise :class:`InvalidArgumentError`).

``iter_csv_batches`` fixes the types from the first batch in both backends; the fallback
reads the whole file into memory first (only the native backend has bounded memory).

``write_csv`` writes atomically in both backends (temporary file in the target
directory, then rename). The native writer quotes strings only where needed; pyarrow
quotes every string: the bytes differ, the data read back is the same.
"""

from __future__ import annotations

import codecs
import csv as _pycsv
import ctypes
import io
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from . import _native
from ._logging import log_backend
from .backends import SWIFT, resolve
from .errors import (
    FormatError,
    InternalError,
    InvalidArgumentError,
    ParquetFrameError,
    ParquetFrameIOError,
    UnsupportedError,
)
from .frame import Frame

__all__ = ["read_csv", "iter_csv_batches", "write_csv", "CSVBatchIterator", "DEFAULT_NULL_VALUES"]

#: Field texts read as null by default (``NaN`` is not among them: it reads as a float NaN).
DEFAULT_NULL_VALUES: tuple[str, ...] = ("", "NA", "N/A", "NULL", "null")

_SETTING = "swift_io_enabled"
_RAGGED = ("error", "fill", "skip")
_ENCODING_ERRORS = ("strict", "replace")
_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")
#: Types the native reader infers; anything else pyarrow infers is re-read as utf8.
_NATIVE_INFERRED = (
    pa.bool_(), pa.int64(), pa.float64(), pa.date32(), pa.utf8(),
    pa.timestamp("s"), pa.timestamp("ns"), pa.timestamp("s", "UTC"), pa.timestamp("ns", "UTC"),
)

_c_char_p = ctypes.c_char_p
_CSV_SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "pf_csv_read": (ctypes.c_int32, [_c_char_p, _c_char_p, ctypes.POINTER(ctypes.c_void_p)]),
    "pf_csv_open_batches": (ctypes.c_int32, [_c_char_p, _c_char_p, ctypes.c_int64, ctypes.POINTER(ctypes.c_void_p)]),
    "pf_csv_reader_next": (ctypes.c_int32, [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]),
    "pf_csv_reader_free": (None, [ctypes.c_void_p]),
    "pf_csv_write": (ctypes.c_int32, [ctypes.c_void_p, _c_char_p, _c_char_p]),
}
def _csv_lib() -> tuple[Any, dict[str, Any]] | None:
    """The native library with the CSV functions declared, or None when it lacks them."""
    return _native.bind("csv", _native.CAP_IO, _CSV_SIGNATURES)


def _backend(backend: str | None) -> str:
    chosen = resolve(backend, _SETTING)
    if chosen == SWIFT and _csv_lib() is None:
        if backend == SWIFT:
            raise UnsupportedError("the native library has no CSV functions")
        return "pyarrow"
    return chosen


# --- options ------------------------------------------------------------------------------

_SIMPLE_TYPES: dict[str, pa.DataType] = {
    "bool": pa.bool_(), "boolean": pa.bool_(),
    "int8": pa.int8(), "int16": pa.int16(), "int32": pa.int32(), "int64": pa.int64(),
    "uint8": pa.uint8(), "uint16": pa.uint16(), "uint32": pa.uint32(), "uint64": pa.uint64(),
    "float32": pa.float32(), "float": pa.float32(), "float64": pa.float64(), "double": pa.float64(),
    "date32": pa.date32(), "date": pa.date32(), "date32[day]": pa.date32(),
    "utf8": pa.utf8(), "string": pa.utf8(), "str": pa.utf8(),
    "large_utf8": pa.large_utf8(), "large_string": pa.large_utf8(),
    "binary": pa.binary(), "null": pa.null(),
}
_TS_RE = re.compile(r"^timestamp\[(s|ms|us|ns)(?:,(?:tz=)?(utc))?\]$")


def _arrow_type(name: str, value: Any) -> pa.DataType:
    """A ``column_types`` value (pyarrow type or string) as a pyarrow type the reader supports."""
    if isinstance(value, pa.DataType):
        t = value
    elif isinstance(value, str):
        key = value.lower().replace(" ", "")
        t = _SIMPLE_TYPES.get(key)
        if t is None:
            m = _TS_RE.match(key)
            if m is None:
                raise ValueError(f"column_types[{name!r}]: unknown CSV column type {value!r}")
            t = pa.timestamp(m.group(1), "UTC" if m.group(2) else None)
    else:
        raise TypeError(f"column_types[{name!r}] must be a pyarrow DataType or a string, got {type(value).__name__}")
    if pa.types.is_timestamp(t):
        if t.tz not in (None, "UTC"):
            raise ValueError(f"column_types[{name!r}]: CSV timestamps support no zone or UTC only, got {t}")
    elif t not in set(_SIMPLE_TYPES.values()):
        raise ValueError(f"column_types[{name!r}]: type {t} cannot be read from CSV")
    return t


def _type_name(t: pa.DataType) -> str:
    """The native ``column_types`` name of a pyarrow type."""
    if pa.types.is_timestamp(t):
        return f"timestamp[{t.unit}{', UTC' if t.tz else ''}]"
    if pa.types.is_date32(t):
        return "date32"
    if t == pa.float32():
        return "float32"
    if t == pa.float64():
        return "float64"
    if t == pa.utf8():
        return "utf8"
    if t == pa.large_utf8():
        return "large_utf8"
    return str(t)


def _one_byte(name: str, value: Any, *, optional: bool) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a one-character string{' or None' if optional else ''}, "
                        f"got {type(value).__name__}")
    if len(value.encode("utf-8")) != 1:
        raise ValueError(f"{name} must be a single one-byte (ASCII) character, got {value!r}")
    if value in ("\n", "\r"):
        raise ValueError(f"{name} cannot be CR or LF")
    return value


def _check_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool, got {type(value).__name__}")
    return value


def _check_int(name: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def _check_strings(name: str, value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a list of strings, got {type(value).__name__}")
    out = list(value)
    for v in out:
        if not isinstance(v, str):
            raise TypeError(f"{name} must hold strings only, got {type(v).__name__}")
    return out


def _check_path(path: Any) -> str:
    if isinstance(path, Path) or isinstance(path, os.PathLike):
        path = os.fspath(path)
    if not isinstance(path, str):
        raise TypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")
    if not path:
        raise ValueError("path must not be empty")
    return path


class _ReadOptions:
    """Validated read options, shared by both backends."""

    __slots__ = ("delimiter", "header", "skip_rows", "null_values", "column_types", "columns",
                 "quote_char", "escape_char", "comment", "ragged", "encoding_errors")

    def __init__(self, delimiter: Any = ",", header: Any = True, skip_rows: Any = 0, null_values: Any = None,
                 column_types: Any = None, columns: Any = None, quote_char: Any = '"', escape_char: Any = None,
                 comment: Any = None, ragged: Any = "error", encoding_errors: Any = "strict") -> None:
        self.delimiter = _one_byte("delimiter", delimiter, optional=False)
        self.header = _check_bool("header", header)
        self.skip_rows = _check_int("skip_rows", skip_rows, 0)
        nv = _check_strings("null_values", null_values)
        self.null_values = list(DEFAULT_NULL_VALUES) if nv is None else nv
        if column_types is None:
            self.column_types: dict[str, pa.DataType] = {}
        elif isinstance(column_types, Mapping):
            self.column_types = {}
            for k, v in column_types.items():
                if not isinstance(k, str):
                    raise TypeError(f"column_types keys must be column names (str), got {type(k).__name__}")
                self.column_types[k] = _arrow_type(k, v)
        else:
            raise TypeError(f"column_types must be a dict of name -> type, got {type(column_types).__name__}")
        self.columns = _check_strings("columns", columns)
        self.quote_char = _one_byte("quote_char", quote_char, optional=True) if quote_char != "" else None
        self.escape_char = _one_byte("escape_char", escape_char, optional=True)
        self.comment = _one_byte("comment", comment, optional=True)
        if not isinstance(ragged, str):
            raise TypeError(f"ragged must be a str, got {type(ragged).__name__}")
        if ragged not in _RAGGED:
            raise ValueError(f"ragged must be one of {', '.join(_RAGGED)}, got {ragged!r}")
        self.ragged = ragged
        if not isinstance(encoding_errors, str):
            raise TypeError(f"encoding_errors must be a str, got {type(encoding_errors).__name__}")
        if encoding_errors not in _ENCODING_ERRORS:
            raise ValueError(f"encoding_errors must be one of {', '.join(_ENCODING_ERRORS)}, got {encoding_errors!r}")
        self.encoding_errors = encoding_errors
        # The same contradictions the native reader rejects.
        if self.quote_char is not None and self.quote_char == self.delimiter:
            raise ValueError("quote_char must differ from the delimiter")
        if self.escape_char is not None and self.escape_char in (self.delimiter, self.quote_char):
            raise ValueError("escape_char must differ from the delimiter and the quote char")
        if self.comment is not None and self.comment == self.delimiter:
            raise ValueError("comment must differ from the delimiter")

    def to_json(self) -> str:
        d: dict[str, Any] = {
            "delimiter": self.delimiter,
            "quote_char": self.quote_char,
            "escape_char": self.escape_char,
            "comment": self.comment,
            "header": self.header,
            "skip_rows": self.skip_rows,
            "null_values": self.null_values,
            "ragged": self.ragged,
            "encoding_errors": self.encoding_errors,
        }
        if self.column_types:
            d["column_types"] = {k: _type_name(v) for k, v in self.column_types.items()}
        if self.columns is not None:
            d["columns"] = self.columns
        return json.dumps(d)


# --- native backend -----------------------------------------------------------------------


def _native_read(path: str, o: _ReadOptions, block_size: int | None = None) -> Frame:
    lib, fns = _csv_lib()  # type: ignore[misc]
    out = ctypes.c_void_p()
    options = o.to_json()
    if block_size is not None:
        options = options[:-1] + f', "block_size": {block_size}}}'
    status = fns["pf_csv_read"](os.fsencode(path), options.encode(), ctypes.byref(out))
    lib.check(status, "read_csv")
    return Frame._from_handle(out.value, lib)


# --- pyarrow fallback ---------------------------------------------------------------------


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise ParquetFrameIOError(f"cannot open '{path}': {exc.strerror or exc}") from exc


def _skip_lines(data: bytes, start: int, count: int) -> int | None:
    """Offset after ``count`` physical lines from ``start`` (None: the input ends first)."""
    pos = start
    n = len(data)
    for _ in range(count):
        lf = data.find(b"\n", pos)
        cr = data.find(b"\r", pos)
        ends = [e for e in (lf, cr) if e >= 0]
        if not ends:
            return None
        e = min(ends)
        pos = e + 2 if data[e] == 13 and e + 1 < n and data[e + 1] == 10 else e + 1
    return pos


def _strip_comments(data: bytes, o: _ReadOptions) -> bytes:
    """Remove records that start with the comment byte (quote and escape aware)."""
    c = ord(o.comment)  # type: ignore[arg-type]
    if c not in data:
        return data
    q = ord(o.quote_char) if o.quote_char else -1
    esc = ord(o.escape_char) if o.escape_char else -1
    d = ord(o.delimiter)
    out = bytearray()
    pos, n = 0, len(data)
    while pos < n:
        first = data[pos]
        if first in (10, 13):  # empty line: kept (the parser ignores it)
            out.append(first)
            pos += 1
            continue
        if first == c:
            while pos < n and data[pos] not in (10, 13):
                pos += 1
            if pos < n:
                pos += 2 if data[pos] == 13 and pos + 1 < n and data[pos + 1] == 10 else 1
            continue
        # One record: fields until an unquoted CR/LF.
        start = pos
        while pos < n:
            if data[pos] == q:  # quoted section at field start
                pos += 1
                while pos < n:
                    b = data[pos]
                    if b == esc:
                        pos += 2
                        continue
                    if b == q:
                        if pos + 1 < n and data[pos + 1] == q:
                            pos += 2
                            continue
                        pos += 1
                        break
                    pos += 1
            while pos < n and data[pos] not in (d, 10, 13):
                pos += 2 if data[pos] == esc else 1
            if pos >= n:
                break
            b = data[pos]
            pos += 1
            if b == d:
                continue
            if b == 13 and pos < n and data[pos] == 10:
                pos += 1
            break
        out += data[start:min(pos, n)]
    return bytes(out)


_RAGGED_NULL = "\x01pf-ragged-null\x01"


def _fill_ragged(data: bytes, o: _ReadOptions) -> bytes:
    """Re-tokenize with :mod:`csv` and pad short / truncate long records (``ragged="fill"``).

    Padded fields are written as a sentinel token that is added to the null values.
    """
    text = data.decode("utf-8")
    reader = _pycsv.reader(
        io.StringIO(text, newline=""), delimiter=o.delimiter, quotechar=o.quote_char or '"',
        quoting=_pycsv.QUOTE_NONE if o.quote_char is None else _pycsv.QUOTE_MINIMAL,
        doublequote=True, escapechar=o.escape_char, strict=False,
    )
    records = [r for r in reader if r]
    if not records:
        return b""
    width = len(records[0])
    buf = io.StringIO()
    w = _pycsv.writer(buf, delimiter=",", quotechar='"', doublequote=True, lineterminator="\n",
                      quoting=_pycsv.QUOTE_MINIMAL)
    for r in records:
        if len(r) < width:
            r = r + [_RAGGED_NULL] * (width - len(r))
        w.writerow(r[:width])
    return buf.getvalue().encode("utf-8")


def _prepare(data: bytes, o: _ReadOptions) -> bytes:
    """Byte-level work the native reader does before parsing (see the module docs)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        mark = "FF FE" if data[0] == 0xFF else "FE FF"
        raise UnsupportedError(f"CSV input is UTF-16 (byte-order mark {mark}); convert it to UTF-8")
    start = 3 if data[:3] == codecs.BOM_UTF8 else 0
    skipped = _skip_lines(data, start, o.skip_rows)
    if skipped is None:
        return b""
    body = data[skipped:]
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if o.encoding_errors == "strict":
            raise FormatError(
                f"CSV input is not valid UTF-8 (invalid byte sequence at byte {skipped + exc.start}); "
                "use encoding_errors=replace to substitute U+FFFD"
            ) from None
        body = body.decode("utf-8", "replace").encode("utf-8")
    if o.comment is not None:
        body = _strip_comments(body, o)
    return body


def _has_record(body: bytes) -> bool:
    return bool(body.strip(b"\r\n"))


def _pyarrow_parse(body: bytes, o: _ReadOptions, column_types: dict[str, pa.DataType],
                   null_values: list[str]) -> pa.Table:
    ro = pacsv.ReadOptions(use_threads=True, block_size=max(1 << 20, min(len(body) + 1, (1 << 31) - 1)),
                           autogenerate_column_names=not o.header)
    handler = None
    if o.ragged == "skip":
        def handler(row: Any) -> str:  # noqa: ANN401
            return "skip"
    po = pacsv.ParseOptions(delimiter=o.delimiter if o.ragged != "fill" else ",",
                            quote_char=(o.quote_char or False) if o.ragged != "fill" else '"',
                            double_quote=True,
                            escape_char=(o.escape_char or False) if o.ragged != "fill" else False,
                            newlines_in_values=True, ignore_empty_lines=True, invalid_row_handler=handler)
    co = pacsv.ConvertOptions(column_types=column_types, null_values=null_values, strings_can_be_null=True,
                              quoted_strings_can_be_null=True, true_values=list(_TRUE),
                              false_values=list(_FALSE), check_utf8=True, auto_dict_encode=False)
    return pacsv.read_csv(pa.BufferReader(body), read_options=ro, parse_options=po, convert_options=co)


def _arrow_error(exc: Exception) -> ParquetFrameError:
    msg = str(exc)
    if isinstance(exc, pa.ArrowNotImplementedError):
        return UnsupportedError(f"CSV: {msg}")
    return FormatError(f"CSV: {msg}")


def _convert_bool(col: pa.ChunkedArray, name: str) -> pa.ChunkedArray:
    """Strings to bool as the native reader does (true/True/TRUE/1, false/False/FALSE/0; spaces trimmed)."""
    trimmed = pc.utf8_trim(col, " \t")
    is_true = pc.is_in(trimmed, pa.array([*_TRUE, "1"]))
    is_false = pc.is_in(trimmed, pa.array([*_FALSE, "0"]))
    bad = pc.and_(pc.invert(pc.or_(is_true, is_false)), pc.is_valid(col))
    if pc.any(bad).as_py():
        idx = pc.index(bad, True).as_py()
        raise FormatError(f"CSV column '{name}' (bool): cannot parse '{col[idx].as_py()}' in data row {idx + 1}")
    return pc.if_else(pc.is_valid(col), is_true, pa.scalar(None, pa.bool_()))


def _parse_body(body: bytes, o: _ReadOptions, all_text: bool = False) -> pa.Table:
    """Parse preprocessed bytes with pyarrow and adjust the result to the native reader's.

    With ``all_text`` every column is read as utf8 (null tokens still apply) and the
    projection is not applied.
    """
    null_values = list(o.null_values)
    if o.ragged == "fill":
        body = _fill_ragged(body, o)
        null_values.append(_RAGGED_NULL)
        if not _has_record(body):
            return pa.table({})
    explicit = dict(o.column_types)
    bool_cols = [k for k, v in explicit.items() if v == pa.bool_()]
    for k in bool_cols:
        explicit[k] = pa.utf8()
    try:
        try:
            table = _pyarrow_parse(body, o, explicit, null_values)
        except pa.ArrowInvalid as exc:
            # A header without a final line break: pyarrow sees no complete record.
            if "Empty CSV file" not in str(exc) or body.endswith((b"\n", b"\r")):
                raise
            body = body + b"\n"
            table = _pyarrow_parse(body, o, explicit, null_values)
        if all_text:
            redo = {f.name: pa.utf8() for f in table.schema if f.name not in explicit}
            bool_cols = []
        else:
            # Inferred types the native reader does not infer (time32): re-read as utf8.
            redo = {f.name: pa.utf8() for f in table.schema
                    if f.name not in explicit and f.type != pa.null() and f.type not in _NATIVE_INFERRED}
        if redo:
            table = _pyarrow_parse(body, o, {**explicit, **redo}, null_values)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise _arrow_error(exc) from None
    columns = []
    for i, f in enumerate(table.schema):
        col = table.column(i)
        if f.name in bool_cols:
            col = _convert_bool(col, f.name)
        elif f.type == pa.null() and f.name not in explicit:
            col = col.cast(pa.utf8())
        columns.append(col)
    return pa.Table.from_arrays(columns, names=table.column_names)


def _project(table: pa.Table, columns: list[str] | None) -> pa.Table:
    if columns is None:
        return table
    names = table.column_names
    idx = []
    for c in columns:
        if c not in names:
            raise InvalidArgumentError(f"CSV has no column named '{c}'; columns are: {', '.join(names)}")
        idx.append(names.index(c))
    return pa.Table.from_arrays([table.column(i) for i in idx], names=list(columns))


def _fallback_table(path: str, o: _ReadOptions) -> pa.Table:
    body = _prepare(_read_bytes(path), o)
    if not _has_record(body):
        return pa.table({})
    return _project(_parse_body(body, o), o.columns)


# --- public API ---------------------------------------------------------------------------


def read_csv(path: str | os.PathLike, delimiter: str = ",", header: bool = True, skip_rows: int = 0,
             null_values: Sequence[str] | None = None, column_types: Mapping[str, Any] | None = None,
             columns: Sequence[str] | None = None, quote_char: str | None = '"', escape_char: str | None = None,
             comment: str | None = None, ragged: str = "error", encoding_errors: str = "strict", *,
             backend: str | None = None, _block_size: int | None = None) -> Frame:
    """Read a CSV file into a :class:`Frame`.

    Args:
        path: the file.
        delimiter: field separator, one ASCII character (``"\\t"`` for TSV).
        header: the first record holds the column names; else columns are ``f0, f1, ...``.
        skip_rows: physical lines skipped before the header.
        null_values: field texts read as null (default ``"", NA, N/A, NULL, null``).
        column_types: name -> type (a pyarrow type or a name such as ``"int64"``,
            ``"timestamp[us, UTC]"``) overriding inference.
        columns: the columns to return, in this order.
        quote_char: quote character, or ``None`` to disable quoting.
        escape_char: escape character (the next character is literal), or ``None``.
        comment: records starting with this character are skipped.
        ragged: records of the wrong width: ``"error"``, ``"fill"`` (pad with nulls /
            drop extra fields) or ``"skip"``.
        encoding_errors: ``"strict"`` (invalid UTF-8 raises) or ``"replace"`` (U+FFFD).
        backend: ``None`` (automatic), ``"swift"`` or ``"pyarrow"``.
        _block_size: bytes per parallel parse block of the native reader (testing aid;
            results never depend on it).

    Types are inferred over the whole file: bool, int64, float64, date32,
    timestamp[s|ns] (``UTC`` when zoned), else utf8; all-null columns are utf8; ``NaN``
    is a float. An empty file gives an empty table.

    Raises:
        TypeError, ValueError: bad arguments.
        FormatError: malformed input (the message says where).
        ParquetFrameIOError: the file cannot be read.
    """
    path = _check_path(path)
    o = _ReadOptions(delimiter, header, skip_rows, null_values, column_types, columns, quote_char, escape_char,
                     comment, ragged, encoding_errors)
    if _block_size is not None:
        _check_int("_block_size", _block_size, 1)
    chosen = _backend(backend)
    log_backend("read_csv", chosen)
    if chosen == SWIFT:
        return _native_read(path, o, _block_size)
    return Frame._from_table(_fallback_table(path, o))


class CSVBatchIterator:
    """Iterator over the record batches of a CSV file (each a one-batch :class:`Frame`).

    Returned by :func:`iter_csv_batches`; usable as a context manager. :meth:`close`
    frees the native reader early.
    """

    def __init__(self, path: str, o: _ReadOptions, batch_size: int, backend: str) -> None:
        self.backend = backend
        self._reader: int | None = None
        self._lib: Any = None
        self._fns: Any = None
        self._batches: Iterator[pa.Table] | None = None
        if backend == SWIFT:
            self._lib, self._fns = _csv_lib()  # type: ignore[misc]
            out = ctypes.c_void_p()
            status = self._fns["pf_csv_open_batches"](os.fsencode(path), o.to_json().encode(), batch_size,
                                                      ctypes.byref(out))
            self._lib.check(status, "iter_csv_batches")
            self._reader = out.value
        else:
            self._batches = _fallback_batches(path, o, batch_size)

    def __iter__(self) -> CSVBatchIterator:
        return self

    def __next__(self) -> Frame:
        if self.backend == SWIFT:
            if self._reader is None:
                raise StopIteration
            out = ctypes.c_void_p()
            try:
                self._lib.check(self._fns["pf_csv_reader_next"](self._reader, ctypes.byref(out)), "iter_csv_batches")
            except ParquetFrameError:
                self.close()
                raise
            if not out.value:
                self.close()
                raise StopIteration
            return Frame._from_handle(out.value, self._lib)
        assert self._batches is not None
        return Frame._from_table(next(self._batches))

    def close(self) -> None:
        """Free the reader (further iteration stops)."""
        reader, self._reader = self._reader, None
        if reader and self._fns is not None:
            self._fns["pf_csv_reader_free"](reader)
        self._batches = iter(())

    def __enter__(self) -> CSVBatchIterator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass


def _typed_slice(strings: pa.Table, types: dict[str, pa.DataType]) -> pa.Table:
    """Convert (or infer, for names missing from ``types``) utf8 columns the way the reader does.

    The strings are written as CSV (every value quoted, nulls unquoted and empty) and parsed
    again by :func:`_pyarrow_parse`'s rules, so conversion and inference are the reader's own.
    """
    cols = []
    for i, name in enumerate(strings.column_names):
        col = strings.column(i)
        t = types.get(name)
        if t is not None and col.type == t:  # an explicit type, converted by the whole-file parse
            cols.append(col)
            continue
        if t == pa.utf8() or t == pa.large_utf8() or t == pa.binary():
            cols.append(col.cast(t))
            continue
        if t == pa.bool_():
            cols.append(_convert_bool(col, name))
            continue
        if pc.any(pc.equal(col, "")).as_py():
            # A non-null empty text fits no inferred type (the native reader gives utf8).
            if t is None:
                cols.append(col.cast(pa.utf8()))
                continue
            idx = pc.index(pc.fill_null(pc.equal(col, ""), False), True).as_py()
            raise FormatError(f"CSV column '{name}' ({t}): cannot parse '' in batch row {idx + 1}")
        buf = io.BytesIO()
        # A second, never-null column keeps a null row from becoming an (ignored) empty line.
        pad = pa.array(["x"] * len(col), pa.utf8())
        pacsv.write_csv(pa.table({"v": col, "pad": pad}), buf,
                        write_options=pacsv.WriteOptions(include_header=True, quoting_style="all_valid"))
        o = _ReadOptions(null_values=[""], column_types={"v": t} if t is not None else None)
        try:
            parsed = _pyarrow_parse(buf.getvalue(), o, dict(o.column_types), [""])
            if parsed.num_rows != len(col):
                raise InternalError("CSV fallback: batch re-parse changed the row count")
        except pa.ArrowInvalid as exc:
            if t is not None:
                raise FormatError(f"CSV column '{name}' does not fit its type {t} fixed from the first batch: "
                                  f"{exc}") from None
            raise _arrow_error(exc) from None
        pcol = parsed.column(0) if parsed.num_rows else pa.chunked_array([], pa.null())
        if t is None and (pcol.type == pa.null() or pcol.type not in _NATIVE_INFERRED):
            pcol = col.cast(pa.utf8()) if pcol.type != pa.null() else pcol.cast(pa.utf8())
        # Quoted "" is a string here; the reader's null tokens were applied before.
        cols.append(pcol)
    return pa.Table.from_arrays(cols, names=strings.column_names)


def _fallback_batches(path: str, o: _ReadOptions, batch_size: int) -> Iterator[pa.Table]:
    """The fallback of :func:`iter_csv_batches`: types fixed from the first batch, like the native reader."""
    body = _prepare(_read_bytes(path), o)
    if not _has_record(body):
        return iter(())
    strings = _project(_parse_body(body, o, all_text=True), o.columns)

    def gen() -> Iterator[pa.Table]:
        types: dict[str, pa.DataType] | None = None
        for off in range(0, strings.num_rows, batch_size):
            part = strings.slice(off, batch_size).combine_chunks()
            typed = _typed_slice(part, types if types is not None else dict(o.column_types))
            if types is None:
                types = {f.name: f.type for f in typed.schema}
            yield typed

    return gen()


def iter_csv_batches(path: str | os.PathLike, batch_size: int = 65536, delimiter: str = ",", header: bool = True,
                     skip_rows: int = 0, null_values: Sequence[str] | None = None,
                     column_types: Mapping[str, Any] | None = None, columns: Sequence[str] | None = None,
                     quote_char: str | None = '"', escape_char: str | None = None, comment: str | None = None,
                     ragged: str = "error", encoding_errors: str = "strict", *,
                     backend: str | None = None) -> CSVBatchIterator:
    """Iterate over a CSV file in batches of at most ``batch_size`` rows (each a :class:`Frame`).

    Same options as :func:`read_csv`. The native backend streams with bounded memory;
    column types are fixed from the first batch, and a later value that does not fit
    raises :class:`FormatError` (give the column a type in ``column_types``). Concatenated,
    the batches equal :func:`read_csv` whenever the first batch shows every column's type.
    """
    path = _check_path(path)
    batch_size = _check_int("batch_size", batch_size, 1)
    o = _ReadOptions(delimiter, header, skip_rows, null_values, column_types, columns, quote_char, escape_char,
                     comment, ragged, encoding_errors)
    chosen = _backend(backend)
    log_backend("iter_csv_batches", chosen)
    return CSVBatchIterator(path, o, batch_size, chosen)


def write_csv(data: Any, path: str | os.PathLike, delimiter: str = ",", header: bool = True,
              null_value: str = "", line_terminator: str = "\n", *, backend: str | None = None) -> None:
    """Write a table as CSV, atomically (temporary file in the target directory, then rename).

    Args:
        data: a :class:`Frame` or any Arrow-compatible table (pyarrow, polars, pandas...).
        path: the output file (replaced if it exists).
        delimiter: field separator, one ASCII character.
        header: write the column names first.
        null_value: text written for nulls (no quotes, delimiter or line breaks).
        line_terminator: ``"\\n"`` or ``"\\r\\n"``.
        backend: ``None`` (automatic), ``"swift"`` or ``"pyarrow"``.

    Raises:
        TypeError, ValueError: bad arguments.
        UnsupportedError: nested columns (list, struct, map).
        ParquetFrameIOError: the file cannot be written.
    """
    path = _check_path(path)
    delimiter = _one_byte("delimiter", delimiter, optional=False)  # type: ignore[assignment]
    _check_bool("header", header)
    if not isinstance(null_value, str):
        raise TypeError(f"null_value must be a str, got {type(null_value).__name__}")
    if any(ch in null_value for ch in ('"', delimiter, "\n", "\r")):
        raise ValueError("null_value cannot contain quotes, the delimiter or line breaks")
    if not isinstance(line_terminator, str):
        raise TypeError(f"line_terminator must be a str, got {type(line_terminator).__name__}")
    if line_terminator not in ("\n", "\r\n"):
        raise ValueError(f"line_terminator must be '\\n' or '\\r\\n', got {line_terminator!r}")
    if not isinstance(data, Frame) and not (hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__")):
        raise TypeError(f"write_csv expects a Frame or an Arrow-compatible table, got {type(data).__name__}")
    chosen = _backend(backend)
    log_backend("write_csv", chosen)
    if chosen == SWIFT:
        frame = data if isinstance(data, Frame) and data.backend == SWIFT else Frame.from_arrow(data, backend=SWIFT)
        lib, fns = _csv_lib()  # type: ignore[misc]
        options = json.dumps({"delimiter": delimiter, "header": header, "null_token": null_value,
                              "line_terminator": line_terminator})
        lib.check(fns["pf_csv_write"](frame._handle, os.fsencode(path), options.encode()), "write_csv")
        return
    table = data.to_arrow() if isinstance(data, Frame) else pa.table(data)
    for f in table.schema:
        if pa.types.is_nested(f.type):
            raise UnsupportedError(f"CSV cannot write column '{f.name}' of nested type {f.type}")
    directory = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(directory, f".{os.path.basename(path)}.tmp-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        pacsv.write_csv(table, tmp, write_options=pacsv.WriteOptions(
            include_header=header, delimiter=delimiter, null_string=null_value, eol=line_terminator))
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _unlink(tmp)
        raise ParquetFrameIOError(f"cannot write '{path}': {exc.strerror or exc}") from exc
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        _unlink(tmp)
        raise _arrow_error(exc) from None
    except BaseException:
        _unlink(tmp)
        raise


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
