"""Late materialization of filtered reads: with a filter, the columns outside it decode
only the pages holding a selected row (found from page headers, or from the offset index
when the file has one). Results must equal pyarrow's ``pq.read_table(filters=...)`` on
files of many small pages, with nulls, dictionary pages, v1 and v2 pages, page indexes,
compression and nested columns (decoded whole, then filtered)."""

from __future__ import annotations

import decimal
import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arrow_compare import assert_same
import parquetframe as pf

pytestmark = pytest.mark.skipif(not pf.swift_available(), reason="needs the native library")


def _table(n: int, seed: int = 3) -> pa.Table:
    rnd = random.Random(seed)
    return pa.table({
        "k": pa.array(range(n), pa.int64()),                       # sorted key
        "g": pa.array([rnd.randrange(10) for _ in range(n)], pa.int32()),  # scattered key
        "f": pa.array([rnd.random() if i % 7 else None for i in range(n)], pa.float64()),
        "s": pa.array([f"w{rnd.randrange(30)}" if i % 5 else None for i in range(n)]),   # dictionary
        "t": pa.array([f"text {rnd.randrange(10**9)}" for _ in range(n)]),             # plain fallback
        "b": pa.array([bool(i % 3) if i % 11 else None for i in range(n)]),
        "i8": pa.array([i % 100 for i in range(n)], pa.int8()),
        "dec": pa.array([None if i % 13 == 0 else decimal.Decimal(i) / 100 for i in range(n)], pa.decimal128(12, 2)),
        "l": pa.array([[i, i + 1] if i % 4 else None for i in range(n)], pa.list_(pa.int32())),
        "st": pa.array([{"a": i, "b": str(i)} if i % 6 else None for i in range(n)]),
    })


WRITES = {
    "v1-snappy": dict(compression="snappy"),
    "v2-zstd": dict(compression="zstd", data_page_version="2.0"),
    "v1-none-index": dict(compression="none", write_page_index=True),
    "v2-gzip-index": dict(compression="gzip", data_page_version="2.0", write_page_index=True),
    "no-dict": dict(compression="snappy", use_dictionary=False, write_page_index=True),
}

FILTERS = [
    [("k", "<", 57)],
    [("k", ">=", 2900)],
    [("k", ">", 1200), ("k", "<=", 1260)],
    [[("k", "<", 10)], [("k", ">", 2990)]],
    [("k", "in", [5, 777, 1500, 2999])],
    [("g", "==", 3)],
    [("g", "in", [1, 2]), ("k", "<", 900)],
    [("s", "==", "w7")],
    [("f", ">", 0.99)],
    [("k", "==", -1)],
    [("k", ">=", 0)],
]


@pytest.fixture(scope="module", params=sorted(WRITES))
def paged_file(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / f"{request.param}.parquet"
    # Small pages (a few hundred bytes) so every column chunk has many pages.
    pq.write_table(_table(3000), path, row_group_size=1000, data_page_size=512,
                   write_batch_size=64, **WRITES[request.param])
    return path


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
def test_filtered_read_matches_pyarrow(paged_file, filters):
    assert_same(pf.read_parquet(paged_file, filters=filters).to_arrow(),
                pq.read_table(paged_file, filters=filters))


@pytest.mark.parametrize("columns", [["t"], ["s", "k"], ["st", "l"], ["b", "i8", "dec"]])
def test_filtered_projection_matches_pyarrow(paged_file, columns):
    filters = [("k", ">", 1990), ("k", "<", 2015)]
    ours = pf.read_parquet(paged_file, columns=columns, filters=filters).to_arrow()
    ref = pq.read_table(paged_file, columns=columns, filters=filters)
    assert_same(ours, ref)


@pytest.mark.parametrize("index", [False, True])
def test_filtered_dictionary_as_arrow(tmp_path, index):
    # Without ARROW:schema, dictionary_as_arrow reads strings as dictionary arrays.
    path = tmp_path / "d.parquet"
    pq.write_table(_table(3000), path, row_group_size=3000, data_page_size=512, write_batch_size=64,
                   store_schema=False, write_page_index=index)
    filters = [("k", "<", 300), ("g", "==", 4)]
    ours = pf.read_parquet(path, filters=filters, dictionary_as_arrow=True).to_arrow()
    assert pa.types.is_dictionary(ours.schema.field("s").type)
    assert ours.column("s").to_pylist() == pq.read_table(path, filters=filters).column("s").to_pylist()


def test_filtered_read_with_crc(tmp_path):
    path = tmp_path / "crc.parquet"
    pq.write_table(_table(2000), path, row_group_size=2000, data_page_size=512, write_batch_size=64,
                   write_page_checksum=True)
    filters = [("k", ">", 1500), ("k", "<", 1520)]
    assert_same(pf.read_parquet(path, filters=filters, verify_crc=True).to_arrow(),
                pq.read_table(path, filters=filters))


@pytest.mark.parametrize("index", [False, True])
def test_corrupt_skipped_page_is_not_read(tmp_path, index):
    # A page that the filter does not need is skipped unread: damage its body (not its
    # header) and the selective read still succeeds, while a full read reports the damage.
    path = tmp_path / "c.parquet"
    t = pa.table({"k": pa.array(range(4000), pa.int64()),
                  "v": pa.array([f"value {i}" for i in range(4000)])})
    pq.write_table(t, path, row_group_size=4000, data_page_size=1024, write_batch_size=64,
                   compression="snappy", use_dictionary=False, write_page_index=index)
    md = pq.ParquetFile(path).metadata.row_group(0).column(1)
    start = md.data_page_offset
    data = bytearray(path.read_bytes())
    # Damage the tail of the chunk (last pages' bodies), far from the rows kept.
    end = start + md.total_compressed_size
    for i in range(end - 60, end - 5):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    filters = [("k", "<", 50)]
    ours = pf.read_parquet(path, filters=filters).to_arrow()
    assert ours.column("v").to_pylist() == [f"value {i}" for i in range(50)]
    with pytest.raises(pf.FormatError):
        pf.read_parquet(path).to_arrow()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(1, 2500), rg=st.integers(50, 3000), lo=st.integers(-10, 2600), width=st.integers(0, 400),
       v2=st.booleans(), index=st.booleans(), seed=st.integers(0, 5))
def test_property_selective(tmp_path_factory, n, rg, lo, width, v2, index, seed):
    path = tmp_path_factory.mktemp("prop") / "p.parquet"
    pq.write_table(_table(n, seed), path, row_group_size=rg, data_page_size=256, write_batch_size=32,
                   data_page_version="2.0" if v2 else "1.0", write_page_index=index)
    filters = [("k", ">=", lo), ("k", "<", lo + width)]
    assert_same(pf.read_parquet(path, filters=filters).to_arrow(), pq.read_table(path, filters=filters))


def test_filter_column_pages_pruned_by_statistics(tmp_path):
    # The page headers' statistics of the filter column exclude its later pages: damage
    # their bodies and a filter on the first rows still reads them correctly.
    path = tmp_path / "k.parquet"
    t = pa.table({"k": pa.array(range(4000), pa.int64()), "v": pa.array([i * 0.5 for i in range(4000)])})
    pq.write_table(t, path, row_group_size=4000, data_page_size=1024, write_batch_size=64,
                   compression="snappy", use_dictionary=False)
    md = pq.ParquetFile(path).metadata.row_group(0).column(0)
    end = md.data_page_offset + md.total_compressed_size
    data = bytearray(path.read_bytes())
    for i in range(end - 60, end - 5):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    ours = pf.read_parquet(path, filters=[("k", "<", 40)]).to_arrow()
    assert ours.column("k").to_pylist() == list(range(40))
    assert ours.column("v").to_pylist() == [i * 0.5 for i in range(40)]
    with pytest.raises(pf.FormatError):
        pf.read_parquet(path, columns=["k"]).to_arrow()
