"""``Frame``: an immutable table, owned by Swift (native) or by pyarrow (fallback).

A ``Frame`` holds either a handle on a table owned by the native library or a
``pyarrow.Table``; the backend is chosen once, at construction. Both expose the
same API with the same results. Data crosses to and from other Arrow libraries
through the Arrow C Stream interface without copies: ``Frame`` implements
``__arrow_c_stream__``, so ``pyarrow.table(frame)``, ``polars.DataFrame(frame)``
and DuckDB accept it directly.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pyarrow as pa

from . import _capsule, _native, _preview
from ._logging import log_backend
from .backends import PYARROW, SWIFT, resolve
from .errors import InvalidArgumentError

__all__ = ["Frame"]


def _wrap_arrow_errors(exc: Exception) -> InvalidArgumentError:
    return InvalidArgumentError(f"cannot import Arrow data: {exc}")


def _without_views(t: pa.DataType) -> pa.DataType:
    """``t`` with the Arrow view layouts (string_view, binary_view, list_view), which the
    native library does not import, replaced by their large offset-based equivalents."""
    if pa.types.is_string_view(t):
        return pa.large_utf8()
    if pa.types.is_binary_view(t):
        return pa.large_binary()
    if pa.types.is_list_view(t) or pa.types.is_large_list_view(t):
        return pa.large_list(t.value_field.with_type(_without_views(t.value_type)))
    if pa.types.is_map(t):
        return pa.map_(t.key_field.with_type(_without_views(t.key_type)),
                       t.item_field.with_type(_without_views(t.item_type)), t.keys_sorted)
    if pa.types.is_list(t):
        return pa.list_(t.value_field.with_type(_without_views(t.value_type)))
    if pa.types.is_large_list(t):
        return pa.large_list(t.value_field.with_type(_without_views(t.value_type)))
    if pa.types.is_fixed_size_list(t):
        return pa.list_(t.value_field.with_type(_without_views(t.value_type)), t.list_size)
    if pa.types.is_struct(t):
        return pa.struct([f.with_type(_without_views(f.type)) for f in t])
    if pa.types.is_dictionary(t):
        return pa.dictionary(t.index_type, _without_views(t.value_type), t.ordered)
    return t


def _importable_stream(obj: Any) -> Any:
    """The object whose ``__arrow_c_stream__`` feeds the import (both backends).

    pyarrow objects go straight through. Other producers (polars, pandas, ...) are
    read through a pyarrow ``RecordBatchReader`` (zero-copy), and view layouts —
    polars exports its strings as string_view — are cast to offset layouts, the
    one conversion that copies.
    """
    if isinstance(obj, (pa.Table, pa.RecordBatchReader)):
        return obj
    reader = pa.RecordBatchReader.from_stream(obj)
    schema = reader.schema
    target = pa.schema([f.with_type(_without_views(f.type)) for f in schema], metadata=schema.metadata)
    return reader if target.equals(schema) else reader.cast(target)


class Frame:
    """An immutable columnar table.

    Build one with :meth:`Frame.from_arrow` (or ``Frame(obj)``) from any object
    implementing the Arrow PyCapsule interface: a ``pyarrow.Table`` or
    ``RecordBatch``, a ``polars.DataFrame``, a ``pandas.DataFrame``, another
    ``Frame``...
    """

    __slots__ = ("_handle", "_table", "_lib", "_schema", "__weakref__")

    def __init__(self, data: Any, *, backend: str | None = None) -> None:
        """Same as :meth:`Frame.from_arrow`."""
        other = type(self).from_arrow(data, backend=backend)
        self._handle, self._table, self._lib, self._schema = other._handle, other._table, other._lib, None
        other._handle = None  # ownership moves to self

    # --- construction ---------------------------------------------------------------------

    @classmethod
    def _from_handle(cls, handle: int, lib: _native.NativeLibrary) -> Frame:
        """Wrap a native ``pf_table*`` (ownership moves to the Frame, freed in ``__del__``)."""
        if not handle:
            raise InvalidArgumentError("NULL table handle")
        frame = cls.__new__(cls)
        frame._handle, frame._table, frame._lib, frame._schema = int(handle), None, lib, None
        return frame

    @classmethod
    def _from_table(cls, table: pa.Table) -> Frame:
        """Wrap a ``pyarrow.Table`` (fallback backend)."""
        frame = cls.__new__(cls)
        frame._handle, frame._table, frame._lib, frame._schema = None, table, None, None
        return frame

    @classmethod
    def from_arrow(cls, obj: Any, *, backend: str | None = None) -> Frame:
        """Build a Frame from an Arrow-compatible object, without copying.

        Args:
            obj: an object implementing ``__arrow_c_stream__`` (tables, data frames,
                record batch readers) or ``__arrow_c_array__`` (record batches, struct arrays).
            backend: ``None`` (automatic), ``"swift"`` or ``"pyarrow"``.

        Raises:
            TypeError: ``obj`` implements neither protocol.
            InvalidArgumentError: the data is not a table (e.g. a non-struct array)
                or fails validation.
        """
        has_stream = hasattr(obj, "__arrow_c_stream__")
        has_array = hasattr(obj, "__arrow_c_array__")
        if not (has_stream or has_array):
            raise TypeError(
                f"Frame.from_arrow expects an object with __arrow_c_stream__ or __arrow_c_array__, "
                f"got {type(obj).__name__}"
            )
        chosen = resolve(backend)
        log_backend("from_arrow", chosen)
        if chosen == SWIFT:
            lib = _native.library()
            assert lib is not None
            out = ctypes.c_void_p()
            if has_stream:
                try:
                    source = _importable_stream(obj)
                except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
                    raise _wrap_arrow_errors(exc) from exc
                capsule = source.__arrow_c_stream__()
                address = _capsule.capsule_pointer(capsule, _capsule.STREAM)
                status = lib.pf_table_import_stream(address, ctypes.byref(out))
            else:
                schema_capsule, array_capsule = obj.__arrow_c_array__()
                schema_address = _capsule.capsule_pointer(schema_capsule, _capsule.SCHEMA)
                array_address = _capsule.capsule_pointer(array_capsule, _capsule.ARRAY)
                status = lib.pf_table_import_array(schema_address, array_address, ctypes.byref(out))
            lib.check(status, "from_arrow")
            return cls._from_handle(out.value, lib)
        try:
            if has_stream:
                table = pa.RecordBatchReader.from_stream(_importable_stream(obj)).read_all()
            else:
                table = pa.Table.from_batches([pa.record_batch(obj)])
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
            raise _wrap_arrow_errors(exc) from exc
        return cls._from_table(table)

    def __del__(self) -> None:
        handle, self._handle = getattr(self, "_handle", None), None
        if handle and self._lib is not None:
            self._lib.pf_table_free(handle)

    # --- properties -----------------------------------------------------------------------

    @property
    def backend(self) -> str:
        """``"swift"`` when the table is owned by the native library, else ``"pyarrow"``."""
        return SWIFT if self._handle is not None else PYARROW

    @property
    def num_rows(self) -> int:
        """Number of rows."""
        if self._handle is not None:
            return int(self._lib.pf_table_num_rows(self._handle))
        return self._table.num_rows

    @property
    def num_columns(self) -> int:
        """Number of columns."""
        if self._handle is not None:
            return int(self._lib.pf_table_num_columns(self._handle))
        return self._table.num_columns

    @property
    def schema(self) -> pa.Schema:
        """The schema, as a ``pyarrow.Schema``."""
        if self._schema is None:
            if self._handle is not None:
                c_schema = _native.ArrowSchema()
                self._lib.check(
                    self._lib.pf_table_export_schema(self._handle, ctypes.byref(c_schema)), "schema"
                )
                self._schema = pa.Schema._import_from_c(ctypes.addressof(c_schema))
            else:
                self._schema = self._table.schema
        return self._schema

    @property
    def column_names(self) -> list[str]:
        """The column names, in order."""
        return list(self.schema.names)

    @property
    def shape(self) -> tuple[int, int]:
        """``(num_rows, num_columns)``."""
        return (self.num_rows, self.num_columns)

    def __len__(self) -> int:
        return self.num_rows

    # --- slicing --------------------------------------------------------------------------

    def slice(self, offset: int = 0, length: int | None = None) -> Frame:
        """Rows ``[offset, offset + length)``, clamped to the table, without copying."""
        if isinstance(offset, bool) or not isinstance(offset, int):
            raise TypeError(f"offset must be an int, got {type(offset).__name__}")
        if length is not None and (isinstance(length, bool) or not isinstance(length, int)):
            raise TypeError(f"length must be an int or None, got {type(length).__name__}")
        if offset < 0 or (length is not None and length < 0):
            raise ValueError("offset and length must be >= 0")
        rows = self.num_rows
        offset = min(offset, rows)
        length = rows - offset if length is None else min(length, rows - offset)
        log_backend("slice", self.backend)
        if self._handle is not None:
            out = ctypes.c_void_p()
            self._lib.check(
                self._lib.pf_table_slice(self._handle, offset, length, ctypes.byref(out)), "slice"
            )
            return Frame._from_handle(out.value, self._lib)
        return Frame._from_table(self._table.slice(offset, length))

    def head(self, n: int = 5) -> Frame:
        """The first ``n`` rows (zero-copy slice)."""
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int, got {type(n).__name__}")
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        return self.slice(0, n)

    # --- conversion -----------------------------------------------------------------------

    def _export_reader(self) -> pa.RecordBatchReader:
        """A ``pyarrow.RecordBatchReader`` over the table, without copying."""
        if self._handle is None:
            return self._table.to_reader()
        stream = _native.ArrowArrayStream()
        self._lib.check(
            self._lib.pf_table_export_stream(self._handle, ctypes.byref(stream)), "export_stream"
        )
        # pyarrow moves the struct's content into its own reader (stream.release becomes NULL).
        return pa.RecordBatchReader._import_from_c(ctypes.addressof(stream))

    def to_arrow(self) -> pa.Table:
        """The table as a ``pyarrow.Table`` sharing this Frame's buffers (zero-copy)."""
        log_backend("to_arrow", self.backend)
        if self._handle is None:
            return self._table
        return self._export_reader().read_all()

    def to_pandas(self, **kwargs: Any):
        """The table as a ``pandas.DataFrame`` (``pyarrow.Table.to_pandas(**kwargs)``)."""
        return self.to_arrow().to_pandas(**kwargs)

    def to_polars(self):
        """The table as a ``polars.DataFrame``.

        Raises:
            ImportError: polars is not installed.
        """
        try:
            import polars
        except ImportError as exc:
            raise ImportError(
                "Frame.to_polars() requires polars; install it with `pip install polars`"
            ) from exc
        return polars.from_arrow(self.to_arrow())

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """Arrow PyCapsule interface: an ``arrow_array_stream`` capsule over the table."""
        log_backend("__arrow_c_stream__", self.backend)
        return self._export_reader().__arrow_c_stream__(requested_schema)

    # --- comparison -----------------------------------------------------------------------

    def equals(self, other: Frame) -> bool:
        """Whether two frames hold the same schema and values (chunking ignored)."""
        if not isinstance(other, Frame):
            raise TypeError(f"Frame.equals expects a Frame, got {type(other).__name__}")
        log_backend("equals", self.backend)
        if self._handle is not None and other._handle is not None:
            result = ctypes.c_int32()
            self._lib.check(
                self._lib.pf_table_equals(self._handle, other._handle, ctypes.byref(result)), "equals"
            )
            return bool(result.value)
        return self.to_arrow().equals(other.to_arrow(), check_metadata=True)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Frame):
            return NotImplemented
        return self.equals(other)

    __hash__ = None  # type: ignore[assignment]  # mutable-style equality, like pyarrow

    # --- display --------------------------------------------------------------------------

    def preview(self, max_rows: int = _preview.DEFAULT_MAX_ROWS) -> str:
        """The aligned text preview (format: :mod:`parquetframe._preview`)."""
        if isinstance(max_rows, bool) or not isinstance(max_rows, int):
            raise TypeError(f"max_rows must be an int, got {type(max_rows).__name__}")
        if max_rows < 0:
            raise ValueError(f"max_rows must be >= 0, got {max_rows}")
        log_backend("preview", self.backend)
        if self._handle is not None:
            out = ctypes.c_void_p()
            self._lib.check(
                self._lib.pf_table_preview(self._handle, max_rows, ctypes.byref(out)), "preview"
            )
            return self._lib.take_string(out.value)
        return _preview.format_table(self._table, max_rows)

    def __repr__(self) -> str:
        return self.preview()

    __str__ = __repr__
