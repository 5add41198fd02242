"""Arrow round trips: pyarrow -> Frame.from_arrow -> to_arrow is unchanged and zero-copy."""

from __future__ import annotations

import gc

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings

import parquetframe as pf
from parquetframe._demo import demo_frame

from arrow_strategies import sliced_tables, tables
from conftest import NATIVE, requires_native

HYPOTHESIS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BACKENDS = ["swift", "pyarrow"] if NATIVE else ["pyarrow"]


def _assert_round_trip(table: pa.Table, backend: str) -> pf.Frame:
    frame = pf.Frame.from_arrow(table, backend=backend)
    assert frame.backend == backend
    got = frame.to_arrow()
    assert got.schema.equals(table.schema, check_metadata=True), (got.schema, table.schema)
    for i in range(table.num_columns):  # field-level metadata too
        assert got.schema.field(i).metadata == table.schema.field(i).metadata
    assert got.equals(table, check_metadata=True)
    got.validate(full=True)
    assert frame.num_rows == table.num_rows and frame.column_names == table.column_names
    return frame


@pytest.mark.parametrize("backend", BACKENDS)
@given(table=tables())
@HYPOTHESIS
def test_round_trip_every_type(backend, table):
    _assert_round_trip(table, backend)


@pytest.mark.parametrize("backend", BACKENDS)
@given(table=sliced_tables())
@HYPOTHESIS
def test_round_trip_slices(backend, table):
    _assert_round_trip(table, backend)


@pytest.mark.parametrize("backend", BACKENDS)
@given(table=tables(max_columns=2))
@HYPOTHESIS
def test_round_trip_record_batch(backend, table):
    """The __arrow_c_array__ path (one record batch)."""
    batch = table.combine_chunks().to_batches()
    if not batch:
        return
    frame = pf.Frame.from_arrow(batch[0], backend=backend)
    assert frame.to_arrow().equals(pa.Table.from_batches(batch[:1]), check_metadata=True)


@requires_native
@given(table=sliced_tables())
@HYPOTHESIS
def test_native_and_fallback_agree(table):
    native = pf.Frame.from_arrow(table, backend="swift")
    fallback = pf.Frame.from_arrow(table, backend="pyarrow")
    assert native == fallback
    assert native.to_arrow().equals(fallback.to_arrow(), check_metadata=True)
    assert native.head(3).to_arrow().equals(fallback.head(3).to_arrow())
    n = table.num_rows
    assert native.slice(n // 3, n // 2).to_arrow().equals(fallback.slice(n // 3, n // 2).to_arrow())


def _addresses(table: pa.Table) -> list[list[int | None]]:
    return [[b.address if b is not None else None for b in chunk.buffers()]
            for column in table.columns for chunk in column.chunks]


@requires_native
def test_zero_copy_from_arrow_to_arrow():
    source = pa.table({
        "i": pa.array(range(10_000), pa.int64()),
        "f": pa.array([None if k % 7 == 0 else k * 0.5 for k in range(10_000)]),
        "s": pa.array([None if k % 5 == 0 else f"s{k}" for k in range(10_000)]),
    })
    before = _addresses(source)
    frame = pf.Frame.from_arrow(source)
    assert frame.backend == "swift"
    after = _addresses(frame.to_arrow())
    for src, dst in zip(before, after):
        for a, b in zip(src, dst):
            if a is not None:
                assert a == b, (before, after)


@requires_native
def test_zero_copy_sliced_source_keeps_buffers():
    source = pa.table({"i": pa.array(range(1000), pa.int64())}).slice(100, 50)
    frame = pf.Frame.from_arrow(source)
    got = frame.to_arrow()
    assert got.equals(source)
    src_data = source.column(0).chunk(0).buffers()[1]
    got_chunk = got.column(0).chunk(0)
    got_data = got_chunk.buffers()[1]
    # Same memory: the exported values start at the same address (offset applied either side).
    assert got_data.address + got_chunk.offset * 8 == src_data.address + source.column(0).chunk(0).offset * 8


def test_zero_copy_to_arrow_twice(backend):
    frame = demo_frame(100_000, backend=backend)
    assert _addresses(frame.to_arrow()) == _addresses(frame.to_arrow())


@requires_native
def test_source_buffers_survive_source_deletion():
    source = pa.table({"s": pa.array([f"value-{k}" for k in range(1000)])})
    expected = source.to_pydict()
    frame = pf.Frame.from_arrow(source)
    del source
    gc.collect()
    assert frame.to_arrow().to_pydict() == expected
