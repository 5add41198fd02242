"""Parquet decimals above 38 digits read as decimal256, as pyarrow reads them.

Files are written by pyarrow (FIXED_LEN_BYTE_ARRAY, dictionary and plain, v1 and v2 pages,
nullable, nested) and by our own writer; the reference is ``pq.read_table`` on the same file
and the ``decimal.Decimal`` values the columns were built from.
"""

from __future__ import annotations

import decimal
import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import parquetframe as pf

NATIVE = pf.swift_available()
requires_native = pytest.mark.skipif(not NATIVE, reason="native library not available")

D = decimal.Decimal
CTX = decimal.Context(prec=100)


def scaled(unscaled: int, scale: int) -> decimal.Decimal:
    """unscaled × 10^-scale, exactly."""
    return D(unscaled).scaleb(-scale, CTX)


def values(precision: int, scale: int, n: int, seed: int, nulls: bool = True, distinct: int | None = None) -> list:
    """Edge values (0, ±1, ±(10^p - 1), ±2^127 neighbours) then random ones, some null."""
    rnd = random.Random(seed)
    top = 10**precision - 1
    edges = [e for e in (0, 1, -1, top, -top, 2**127, -(2**127) - 1, 2**64, -(2**63)) if abs(e) <= top]
    pool = [rnd.randrange(-top, top + 1) for _ in range(distinct or n)]
    out = []
    for i in range(n):
        if nulls and i % 7 == 3:
            out.append(None)
        elif i < len(edges):
            out.append(scaled(edges[i], scale))
        else:
            out.append(scaled(pool[rnd.randrange(len(pool))], scale))
    return out


def table(n: int = 3000, distinct: int | None = None) -> pa.Table:
    t50 = pa.decimal256(50, 10)
    t76 = pa.decimal256(76, 0)
    return pa.table({
        "d50": pa.array(values(50, 10, n, 1, distinct=distinct), t50),
        "d76": pa.array(values(76, 0, n, 2, distinct=distinct), t76),
        "req": pa.array(values(39, 3, n, 3, nulls=False, distinct=distinct), pa.decimal256(39, 3)),
        "small": pa.array(values(10, 2, n, 4, distinct=distinct), pa.decimal256(10, 2)),
        "lst": pa.array([None if i % 11 == 5 else [scaled(i * 10**45, 10), None, scaled(-i, 10)][: i % 4]
                         for i in range(n)], pa.list_(t50)),
    })


def read_ours(path, **kw) -> pa.Table:
    return pf.read_parquet(str(path), backend="swift", **kw).to_arrow()


def assert_same(ours: pa.Table, ref: pa.Table) -> None:
    assert ours.schema.equals(ref.schema, check_metadata=False), (ours.schema, ref.schema)
    assert ours.combine_chunks().equals(ref.combine_chunks())
    for name in ref.column_names:
        assert ours[name].to_pylist() == ref[name].to_pylist(), name


@requires_native
@pytest.mark.parametrize("dictionary", [True, False])
@pytest.mark.parametrize("version", ["1.0", "2.0"])
@pytest.mark.parametrize("compression", ["none", "snappy", "zstd"])
def test_pyarrow_written_equal_pyarrow(tmp_path, dictionary, version, compression):
    src = table(distinct=40 if dictionary else None)
    path = tmp_path / "d.parquet"
    pq.write_table(src, path, use_dictionary=dictionary, data_page_version=version, compression=compression,
                   data_page_size=2048, row_group_size=1200)
    md = pq.ParquetFile(path).metadata
    col = md.schema.column(0)
    assert col.physical_type == "FIXED_LEN_BYTE_ARRAY" and col.length == 21
    encodings = md.row_group(0).column(0).encodings
    assert ("RLE_DICTIONARY" in encodings) == dictionary
    ref = pq.read_table(path)
    assert ref.schema.field("d50").type == pa.decimal256(50, 10)
    assert ref.equals(src)
    assert_same(read_ours(path), ref)


@requires_native
def test_without_arrow_schema_maps_wide_decimals_to_decimal256(tmp_path):
    """Without ARROW:schema, precision decides: above 38 digits decimal256, else decimal128."""
    src = table(500)
    path = tmp_path / "plain.parquet"
    pq.write_table(src, path, store_schema=False)
    ref = pq.read_table(path)
    assert ref.schema.field("d76").type == pa.decimal256(76, 0)
    assert ref.schema.field("small").type == pa.decimal128(10, 2)
    assert_same(read_ours(path), ref)


@requires_native
def test_projection_row_groups_batches_and_filters(tmp_path):
    src = table(2000)
    path = tmp_path / "d.parquet"
    pq.write_table(src, path, row_group_size=700, data_page_size=1024)
    assert_same(read_ours(path, columns=["d76", "lst"]), pq.read_table(path, columns=["d76", "lst"]))
    assert_same(read_ours(path, row_groups=[1, 2]), pq.ParquetFile(path).read_row_groups([1, 2]))
    batches = [b.to_arrow() for b in pf.iter_parquet_batches(str(path), batch_size=333, backend="swift")]
    assert_same(pa.concat_tables(batches), pq.read_table(path))
    for flt in ([("d50", ">", D("0.5"))], [("small", "<=", D("-3.25"))], [("d76", "==", D(1))],
                [("req", "in", [D("0.000"), D("-0.001")])], [("d50", "!=", D(0))],
                # filter values beyond 38 digits (unscaled) take the 256-bit path
                [("d50", "<", D("1234567890123456789012345678901234567890.0123456789"))],
                [("d50", ">", D("-1234567890123456789012345678901234567890.0123456789"))]):
        ref = pq.read_table(path, filters=flt)
        assert_same(read_ours(path, filters=flt), ref)
        assert ref.num_rows > 0 or flt[0][1] == "==", flt


@requires_native
def test_own_writer_round_trip(tmp_path):
    src = table(1500)
    ours = tmp_path / "ours.parquet"
    pf.write_parquet(src, str(ours), backend="swift")
    assert pq.read_table(ours).equals(src)
    assert_same(read_ours(ours), pq.read_table(ours))
    assert read_ours(ours).equals(src)


@requires_native
def test_integer_backed_decimal256_restored(tmp_path):
    """decimal256 of few digits stored as INT32/INT64 comes back as decimal256, as in pyarrow."""
    src = pa.table({
        "i32": pa.array([D("1.25"), None, D("-9999999.99")], pa.decimal256(9, 2)),
        "i64": pa.array([D("123456789012345678"), D("-1"), None], pa.decimal256(18, 0)),
    })
    path = tmp_path / "int.parquet"
    pq.write_table(src, path, store_decimal_as_integer=True)
    md = pq.ParquetFile(path).metadata
    assert [md.schema.column(i).physical_type for i in range(2)] == ["INT32", "INT64"]
    ref = pq.read_table(path)
    assert ref.equals(src)
    assert_same(read_ours(path), ref)


@requires_native
def test_statistics_of_wide_decimals(tmp_path):
    src = pa.table({"d": pa.array([scaled(-(10**49) + 1, 10), None, scaled(10**45, 10)], pa.decimal256(50, 10))})
    path = tmp_path / "s.parquet"
    pq.write_table(src, path)
    theirs = pq.ParquetFile(path).metadata.row_group(0).column(0).statistics
    ours = pf.read_parquet_metadata(str(path), backend="swift").row_groups[0].columns[0].statistics
    assert D(str(ours.min)) == theirs.min and D(str(ours.max)) == theirs.max
    assert ours.null_count == theirs.null_count == 1
