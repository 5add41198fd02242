"""Parquet metadata of wide, many-row-group files: the native footer (column chunks decoded
on access) against pyarrow's, chunk by chunk and in any access order; malformed footers
raise FormatError at open or on access, never crash."""

from __future__ import annotations

import datetime
import random

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import parquetframe as pf
from parquetframe import FormatError, ParquetFrameError

pytestmark = pytest.mark.skipif(not pf.swift_available(), reason="native library not available")


@pytest.fixture(scope="module")
def wide_file(tmp_path_factory) -> str:
    rng = np.random.default_rng(3)
    n = 240
    cols = {}
    for i in range(40):
        kind = i % 4
        if kind == 0:
            cols[f"i{i}"] = pa.array(rng.integers(-1000, 1000, n), mask=rng.random(n) < 0.1)
        elif kind == 1:
            cols[f"f{i}"] = pa.array(rng.normal(size=n))
        elif kind == 2:
            cols[f"s{i}"] = pa.array([f"v{k:04d}" for k in rng.integers(0, 500, n)])
        else:
            cols[f"d{i}"] = pa.array([datetime.date(2020, 1, 1) + datetime.timedelta(days=int(k))
                                      for k in rng.integers(0, 900, n)])
    path = str(tmp_path_factory.mktemp("md") / "wide.parquet")
    pq.write_table(pa.table(cols), path, row_group_size=20, write_page_index=True)
    return path


def _check_chunk(ours, ref) -> None:
    assert ours.path == ref.path_in_schema
    assert ours.physical_type == ref.physical_type
    assert ours.codec == ref.compression
    assert set(ours.encodings) == set(ref.encodings)
    assert ours.num_values == ref.num_values
    assert ours.total_compressed_size == ref.total_compressed_size
    assert ours.total_uncompressed_size == ref.total_uncompressed_size
    assert ours.data_page_offset == ref.data_page_offset
    assert ours.dictionary_page_offset == ref.dictionary_page_offset
    assert ours.has_page_index == (ref.has_offset_index or ref.has_column_index)
    s, r = ours.statistics, ref.statistics
    assert (s is not None) == (r is not None)
    if r is not None:
        assert s.null_count == r.null_count
        if r.has_min_max:
            assert (s.min, s.max) == (r.min, r.max)


def test_every_chunk_matches_pyarrow_in_any_order(wide_file):
    md = pf.read_parquet_metadata(wide_file)
    ref = pq.read_metadata(wide_file)
    assert (md.num_rows, md.num_row_groups, md.num_columns) == (ref.num_rows, ref.num_row_groups, ref.num_columns)
    assert md.created_by == ref.created_by
    order = list(range(ref.num_row_groups))
    random.Random(5).shuffle(order)
    for g in order:
        rg, rrg = md.row_groups[g], ref.row_group(g)
        assert (rg.num_rows, rg.total_byte_size) == (rrg.num_rows, rrg.total_byte_size)
        assert rg.num_columns == rrg.num_columns
        for j in random.Random(g).sample(range(rrg.num_columns), rrg.num_columns):
            _check_chunk(rg.columns[j], rrg.column(j))
    assert md.row_groups[-1].num_rows == ref.row_group(ref.num_row_groups - 1).num_rows


def test_whole_document_and_file_statistics(wide_file):
    md = pf.read_parquet_metadata(wide_file)
    ref = pq.read_metadata(wide_file)
    d = md.to_dict()
    assert len(d["row_groups"]) == ref.num_row_groups
    # File-wide bounds: min of the row-group minima and max of the maxima (pyarrow per chunk).
    for j, fs in enumerate(d["file_statistics"]):
        stats = [ref.row_group(g).column(j).statistics for g in range(ref.num_row_groups)]
        assert fs["statistics"]["min"] == min(s.min for s in stats)
        assert fs["statistics"]["max"] == max(s.max for s in stats)
        assert fs["statistics"]["null_count"] == sum(s.null_count for s in stats)


def test_handles_are_independent_and_reopenable(wide_file):
    a = pf.read_parquet_metadata(wide_file)
    b = pf.read_parquet_metadata(wide_file)
    assert a.row_groups[3].columns[5].to_dict() == b.row_groups[3].columns[5].to_dict()
    del a
    assert b.schema.names == pq.read_schema(wide_file).names


def _footer_bounds(data: bytes) -> tuple[int, int]:
    n = int.from_bytes(data[-8:-4], "little")
    return len(data) - 8 - n, len(data) - 8


def test_truncated_footer_is_a_format_error(wide_file, tmp_path):
    data = open(wide_file, "rb").read()
    start, end = _footer_bounds(data)
    for keep in (1, 50, (end - start) // 2, end - start - 1):
        footer = data[start:start + keep]
        bad = tmp_path / f"cut{keep}.parquet"
        bad.write_bytes(b"PAR1" + footer + len(footer).to_bytes(4, "little") + b"PAR1")
        with pytest.raises(FormatError):
            pf.read_parquet_metadata(bad)


def test_mutated_footers_raise_or_read_consistently(wide_file, tmp_path):
    data = bytearray(open(wide_file, "rb").read())
    start, end = _footer_bounds(bytes(data))
    rng = random.Random(11)
    outcomes = {"open-error": 0, "access-error": 0, "ok": 0}
    for i in range(60):
        b = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            b[rng.randrange(start, end)] = rng.randrange(256)
        p = tmp_path / f"m{i}.parquet"
        p.write_bytes(bytes(b))
        try:
            md = pf.read_parquet_metadata(p)
        except ParquetFrameError:
            outcomes["open-error"] += 1
            continue
        try:
            for g in range(md.num_row_groups):
                for c in md.row_groups[g].columns:
                    c.to_dict()
            md.to_dict()
            outcomes["ok"] += 1
        except FormatError:
            outcomes["access-error"] += 1
    assert outcomes["open-error"] + outcomes["access-error"] > 0
    assert sum(outcomes.values()) == 60
