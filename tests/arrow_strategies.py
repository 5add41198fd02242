"""Hypothesis strategies for random Arrow tables covering every supported type."""

from __future__ import annotations

import decimal

import numpy as np
import pyarrow as pa
from hypothesis import strategies as st

MAX_ROWS = 12

_INT_RANGES = {
    pa.int8(): (-(2**7), 2**7 - 1),
    pa.int16(): (-(2**15), 2**15 - 1),
    pa.int32(): (-(2**31), 2**31 - 1),
    pa.int64(): (-(2**63), 2**63 - 1),
    pa.uint8(): (0, 2**8 - 1),
    pa.uint16(): (0, 2**16 - 1),
    pa.uint32(): (0, 2**32 - 1),
    pa.uint64(): (0, 2**64 - 1),
}
_DAY_US = 86_400 * 10**6

PRIMITIVE_TYPES = [
    pa.null(),
    pa.bool_(),
    *_INT_RANGES,
    pa.float16(),
    pa.float32(),
    pa.float64(),
    pa.utf8(),
    pa.large_utf8(),
    pa.binary(),
    pa.large_binary(),
    pa.binary(3),
    pa.date32(),
    pa.date64(),
    pa.time32("s"),
    pa.time32("ms"),
    pa.time64("us"),
    pa.time64("ns"),
    pa.timestamp("s"),
    pa.timestamp("ms"),
    pa.timestamp("us"),
    pa.timestamp("ns"),
    pa.timestamp("us", tz="UTC"),
    pa.timestamp("ns", tz="Europe/Paris"),
    pa.duration("s"),
    pa.duration("ms"),
    pa.duration("us"),
    pa.duration("ns"),
    pa.decimal128(9, 2),
    pa.decimal128(38, 10),
    pa.decimal128(5, 0),
]
KEY_TYPES = [pa.int32(), pa.int64(), pa.utf8(), pa.binary()]
INDEX_TYPES = [pa.int8(), pa.int16(), pa.int32(), pa.int64()]


def _name() -> st.SearchStrategy[str]:
    return st.text(alphabet="abcdefxyz_é", min_size=1, max_size=6)


def _extend(children: st.SearchStrategy[pa.DataType]) -> st.SearchStrategy[pa.DataType]:
    return st.one_of(
        st.builds(pa.list_, children),
        st.builds(pa.large_list, children),
        st.builds(lambda t, n: pa.list_(t, n), children, st.integers(1, 3)),
        st.builds(
            lambda fields: pa.struct(fields),
            st.lists(st.tuples(_name(), children), min_size=1, max_size=3, unique_by=lambda f: f[0]),
        ),
        st.builds(pa.map_, st.sampled_from(KEY_TYPES), children),
    )


_LEAVES = st.sampled_from(PRIMITIVE_TYPES)
_DICTIONARIES = st.builds(
    pa.dictionary, st.sampled_from(INDEX_TYPES), st.sampled_from([pa.utf8(), pa.int64(), pa.float64()])
)
_NESTED = st.recursive(_LEAVES, _extend, max_leaves=4)


def data_types() -> st.SearchStrategy[pa.DataType]:
    """Random column types: primitives, nested types (up to a few leaves), dictionaries."""
    return st.one_of(_LEAVES, _DICTIONARIES, _NESTED)


def _scalar_values(t: pa.DataType) -> st.SearchStrategy:
    """Python values (not None) of a non-dictionary type, as pa.array accepts them."""
    if pa.types.is_boolean(t):
        return st.booleans()
    if t in _INT_RANGES:
        lo, hi = _INT_RANGES[t]
        return st.integers(lo, hi)
    if pa.types.is_floating(t):
        return st.floats(width=t.bit_width, allow_nan=False)
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return st.text(max_size=40)
    if pa.types.is_fixed_size_binary(t) and not pa.types.is_decimal(t):
        return st.binary(min_size=t.byte_width, max_size=t.byte_width)
    if pa.types.is_binary(t) or pa.types.is_large_binary(t):
        return st.binary(max_size=20)
    if pa.types.is_date32(t):
        return st.integers(-1_000_000, 2_000_000)
    if pa.types.is_date64(t):
        return st.integers(-1_000_000, 2_000_000).map(lambda d: d * 86_400_000)
    if pa.types.is_time32(t):
        return st.integers(0, 86_400 * (1000 if t.unit == "ms" else 1) - 1)
    if pa.types.is_time64(t):
        return st.integers(0, _DAY_US * (1000 if t.unit == "ns" else 1) - 1)
    if pa.types.is_timestamp(t) or pa.types.is_duration(t):
        return st.integers(-(2**62), 2**62)
    if pa.types.is_decimal(t):
        bound = 10**t.precision - 1
        return st.integers(-bound, bound).map(lambda u: decimal.Decimal(f"{u}e-{t.scale}"))
    if pa.types.is_map(t):
        entry = st.tuples(_scalar_values(t.key_type), _values_or_null(t.item_type))
        return st.lists(entry, max_size=3)
    if pa.types.is_fixed_size_list(t):
        return st.lists(_values_or_null(t.value_type), min_size=t.list_size, max_size=t.list_size)
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return st.lists(_values_or_null(t.value_type), max_size=3)
    if pa.types.is_struct(t):
        fields = [t.field(i) for i in range(t.num_fields)]
        return st.fixed_dictionaries({f.name: _values_or_null(f.type) for f in fields})
    raise NotImplementedError(str(t))


def _values_or_null(t: pa.DataType) -> st.SearchStrategy:
    if pa.types.is_null(t):
        return st.none()
    if pa.types.is_dictionary(t):
        return _values_or_null(t.value_type)
    return st.one_of(st.none(), _scalar_values(t))


@st.composite
def arrays(draw, t: pa.DataType, size: int) -> pa.Array:
    """A random array of type ``t`` with ``size`` values (nulls included)."""
    if pa.types.is_dictionary(t):
        dictionary = draw(st.lists(_scalar_values(t.value_type), min_size=1, max_size=5, unique=True))
        indices = draw(st.lists(st.one_of(st.none(), st.integers(0, len(dictionary) - 1)), min_size=size, max_size=size))
        return pa.DictionaryArray.from_arrays(
            pa.array(indices, type=t.index_type), pa.array(dictionary, type=t.value_type)
        )
    values = draw(st.lists(_values_or_null(t), min_size=size, max_size=size))
    if pa.types.is_float16(t):
        mask = np.array([v is None for v in values], dtype=bool)
        data = np.array([0.0 if v is None else v for v in values], dtype=np.float16)
        return pa.array(data, type=t, mask=mask)
    if _contains_float16(t):
        # pyarrow cannot convert Python floats to float16 inside nested types: build via numpy.
        return _nested_with_float16(t, values)
    return pa.array(values, type=t)


def _contains_float16(t: pa.DataType) -> bool:
    if pa.types.is_float16(t):
        return True
    if pa.types.is_dictionary(t):
        return _contains_float16(t.value_type)
    return any(_contains_float16(t.field(i).type) for i in range(t.num_fields)) if t.num_fields else False


def _nested_with_float16(t: pa.DataType, values: list) -> pa.Array:
    """Build a nested array containing float16 by building with float32 and casting."""
    widened = _widen(t)
    return pa.array(values, type=widened).cast(t)


def _widen(t: pa.DataType) -> pa.DataType:
    if pa.types.is_float16(t):
        return pa.float32()
    if pa.types.is_map(t):
        return pa.map_(t.key_type, _widen(t.item_type))
    if pa.types.is_fixed_size_list(t):
        return pa.list_(_widen(t.value_type), t.list_size)
    if pa.types.is_large_list(t):
        return pa.large_list(_widen(t.value_type))
    if pa.types.is_list(t):
        return pa.list_(_widen(t.value_type))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _widen(f.type), f.nullable) for f in t])
    return t


_metadata = st.one_of(
    st.none(),
    st.dictionaries(st.text("abk", min_size=1, max_size=3), st.text("xyz ", max_size=5), min_size=1, max_size=2),
)


@st.composite
def tables(draw, max_columns: int = 4) -> pa.Table:
    """A random table (1..max_columns columns, 0..MAX_ROWS rows, maybe several batches, with metadata)."""
    n_cols = draw(st.integers(1, max_columns))
    names = draw(st.lists(_name(), min_size=n_cols, max_size=n_cols, unique=True))
    types = [draw(data_types()) for _ in range(n_cols)]
    n_batches = draw(st.integers(1, 3))
    fields = [pa.field(n, t, nullable=True, metadata=draw(_metadata)) for n, t in zip(names, types)]
    schema = pa.schema(fields, metadata=draw(_metadata))
    batches = []
    for _ in range(n_batches):
        size = draw(st.integers(0, MAX_ROWS))
        batches.append(pa.RecordBatch.from_arrays([draw(arrays(t, size)) for t in types], schema=schema))
    return pa.Table.from_batches(batches, schema=schema)


@st.composite
def sliced_tables(draw, **kwargs) -> pa.Table:
    """A random table, sliced at a random (often non-zero) offset."""
    table = draw(tables(**kwargs))
    offset = draw(st.integers(0, table.num_rows))
    length = draw(st.integers(0, table.num_rows - offset))
    return table.slice(offset, length)
