"""The native metadata handle (lazy ``ParquetMetadata``) and the typed filter kernels
(nulls, NaN, dictionaries, strings, decimals, DNF) against pyarrow."""

from __future__ import annotations

import datetime
import decimal
import math

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import parquetframe as pf

NATIVE = pf.swift_available()
pytestmark = pytest.mark.skipif(not NATIVE, reason="native library not available")



def _values(t: pa.Table) -> dict:
    out = {}
    for name in t.column_names:
        c = t[name].combine_chunks() if t[name].num_chunks else pa.array([], type=t[name].type)
        if pa.types.is_dictionary(c.type):
            c = c.cast(c.type.value_type)
        out[name] = ["nan" if isinstance(v, float) and math.isnan(v) else v for v in c.to_pylist()]
    return out


@pytest.fixture(scope="module")
def kernel_file(tmp_path_factory):
    n = 2000
    nan = float("nan")
    t = pa.table({
        "i": pa.array([None if k % 17 == 0 else k for k in range(n)], pa.int64()),
        "i8": pa.array([k % 100 - 50 for k in range(n)], pa.int8()),
        "u": pa.array([k % 300 for k in range(n)], pa.uint32()),
        "f": pa.array([None if k % 13 == 0 else (nan if k % 11 == 0 else k / 4) for k in range(n)], pa.float64()),
        "s": pa.array([None if k % 7 == 0 else f"s{k % 50:03d}" for k in range(n)]),
        "b": pa.array([None if k % 5 == 0 else k % 3 == 0 for k in range(n)]),
        "d": pa.array([datetime.date(2020, 1, 1) + datetime.timedelta(days=k % 400) for k in range(n)]),
        "dec": pa.array([decimal.Decimal(k % 1000) / 100 for k in range(n)], pa.decimal128(9, 2)),
    })
    p = tmp_path_factory.mktemp("kernels") / "k.parquet"
    pq.write_table(t, p, row_group_size=300)
    return p


FILTERS = [
    [("i", "<", 100)],
    [("i", ">=", 1990)],
    [("i", "==", 34)],
    [("i", "!=", 5)],
    [("i", "in", [1, 17, 500, 4000])],
    [("i", "not in", [1, 2, 3])],
    [("i8", "<=", -40)],
    [("u", ">", 290)],
    [("f", "<", 10.0)],
    [("f", "!=", 2.5)],
    [("f", "==", 2.5)],
    [("f", "in", [0.25, 2.5])],
    [("f", "not in", [0.25])],
    [("s", "==", "s010")],
    [("s", ">", "s045")],
    [("s", "!=", "s001")],
    [("s", "in", ["s001", "s002", "zzz"])],
    [("s", "not in", ["s001"])],
    [("b", "==", True)],
    [("b", "!=", True)],
    [("d", ">=", datetime.date(2020, 12, 1))],
    [("dec", "<", decimal.Decimal("1.50"))],
    [[("i", "<", 50)], [("s", "==", "s049"), ("f", ">", 100.0)]],
    [("i", ">", 10_000)],
]


@pytest.mark.parametrize("filters", FILTERS, ids=[repr(f) for f in FILTERS])
@pytest.mark.parametrize("dictionary", [False, True])
def test_filter_kernels_match_pyarrow(kernel_file, filters, dictionary):
    ours = pf.read_parquet(kernel_file, filters=filters, dictionary_as_arrow=dictionary, backend="swift").to_arrow()
    ref = pq.read_table(kernel_file).filter(pq.filters_to_expression(filters))
    assert ours.num_rows == ref.num_rows
    assert _values(ours) == _values(ref)


def test_filter_projection_not_including_filter_column(kernel_file):
    flt = [("i", "<", 700), ("s", "==", "s003")]
    ours = pf.read_parquet(kernel_file, columns=["f", "d"], filters=flt, backend="swift").to_arrow()
    ref = pq.read_table(kernel_file).filter(pq.filters_to_expression(flt)).select(["f", "d"])
    assert ours.column_names == ["f", "d"]
    assert _values(ours) == _values(ref)


def test_filter_batches_equal_read(kernel_file):
    flt = [("u", ">=", 250)]
    batches = [b.to_arrow() for b in pf.iter_parquet_batches(kernel_file, batch_size=64, filters=flt, backend="swift")]
    assert all(b.num_rows <= 64 for b in batches)
    ref = pq.read_table(kernel_file).filter(pq.filters_to_expression(flt))
    assert _values(pa.concat_tables(batches)) == _values(ref)


def test_metadata_handle_lazy(kernel_file):
    md = pf.read_parquet_metadata(kernel_file, backend="swift")
    ref = pq.read_metadata(kernel_file)
    assert (md.num_rows, md.num_row_groups, md.num_columns) == (ref.num_rows, ref.num_row_groups, ref.num_columns)
    assert md.created_by == ref.created_by
    assert md.schema.names == pq.read_schema(kernel_file).names
    assert md.schema.field("dec").type == pa.decimal128(9, 2)
    assert len(md.row_groups) == ref.num_row_groups
    assert md.row_groups[-1] is md.row_groups[ref.num_row_groups - 1]
    for g in (0, ref.num_row_groups - 1):
        rg, rrg = md.row_groups[g], ref.row_group(g)
        assert rg.num_rows == rrg.num_rows
        assert rg.total_byte_size == rrg.total_byte_size
        assert rg.num_columns == rrg.num_columns == len(rg.columns)
        for j in range(rrg.num_columns):
            c, rc = rg.columns[j], rrg.column(j)
            assert c.path == rc.path_in_schema
            assert c.num_values == rc.num_values
            assert c.total_compressed_size == rc.total_compressed_size
            if rc.statistics is not None and rc.statistics.has_min_max and c.path in ("i8", "u", "s"):
                assert (c.statistics.min, c.statistics.max) == (rc.statistics.min, rc.statistics.max)
    assert md.row_groups[0] is md.row_groups[0]
    assert [g.num_rows for g in md.row_groups[1:3]] == [ref.row_group(1).num_rows, ref.row_group(2).num_rows]
    with pytest.raises(IndexError):
        md.row_groups[ref.num_row_groups]
    d = md.to_dict()
    assert len(d["row_groups"]) == ref.num_row_groups
    assert d["row_groups"][1]["num_rows"] == ref.row_group(1).num_rows
    assert md.row_groups[1].to_dict()["columns"][0]["path"] == "i"
    assert md.key_value_metadata == {k.decode(): v.decode() for k, v in ref.metadata.items()}


def test_metadata_handle_matches_fallback(kernel_file):
    ours = pf.read_parquet_metadata(kernel_file, backend="swift")
    fb = pf.read_parquet_metadata(kernel_file, backend="pyarrow")
    assert (ours.num_rows, ours.num_row_groups, ours.num_columns) == (fb.num_rows, fb.num_row_groups, fb.num_columns)
    assert ours.schema == fb.schema
    for a, b in zip(ours.row_groups, fb.row_groups):
        assert a.num_rows == b.num_rows
        assert [c.path for c in a.columns] == [c.path for c in b.columns]


def test_metadata_errors(tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1garbagegarbagePAR1")
    with pytest.raises(pf.FormatError):
        pf.read_parquet_metadata(bad, backend="swift")
    with pytest.raises(pf.ParquetFrameIOError):
        pf.read_parquet_metadata(tmp_path / "missing.parquet", backend="swift")
