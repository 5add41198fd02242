"""Streaming Parquet reads: batches decode page by page, so the peak memory of iterating
over a large row group is bounded by the batch size, not the row-group size; batches
concatenated equal the full read."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import parquetframe as pf

NATIVE = pf.swift_available()
pytestmark = pytest.mark.skipif(not NATIVE, reason="native library not built")

ROWS = 1_000_000

# Iterates over the batches in a grandchild process and prints that process's peak RSS
# (ru_maxrss of RUSAGE_CHILDREN, KiB on Linux), so each measurement is independent.
_WORKER = """
import sys
import parquetframe as pf
n = 0
for b in pf.iter_parquet_batches(sys.argv[1], batch_size=int(sys.argv[2]), backend="swift"):
    n += b.num_rows
print(n)
"""
_MEASURE = """
import json, resource, subprocess, sys
r = subprocess.run([sys.executable, "-c", sys.argv[1], sys.argv[2], sys.argv[3]], capture_output=True, text=True)
print(json.dumps({"rc": r.returncode, "rows": r.stdout.strip(), "err": r.stderr[-2000:],
                  "maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def _peak_kib(path: str, batch_size: int) -> int:
    out = subprocess.run([sys.executable, "-c", _MEASURE, _WORKER, path, str(batch_size)],
                         capture_output=True, text=True, check=True)
    res = json.loads(out.stdout)
    assert res["rc"] == 0, res["err"]
    assert int(res["rows"]) == ROWS
    return int(res["maxrss_kib"])


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> str:
    """1M rows in ONE row group: ints, floats with nulls, dictionary and plain strings."""
    path = str(tmp_path_factory.mktemp("stream") / "big.parquet")
    idx = pa.array(range(ROWS), type=pa.int64())
    t = pa.table({
        "id": idx,
        "x": pa.array([None if i % 10 == 3 else i * 0.5 for i in range(ROWS)], type=pa.float64()),
        "cat": pa.array(["alpha", "beta", "gamma", "delta"] * (ROWS // 4)),
        "s": pa.array([f"row-{i:09d}-payload" for i in range(ROWS)]),
    })
    pq.write_table(t, path, row_group_size=ROWS, compression="snappy", data_page_size=64 * 1024)
    assert pq.ParquetFile(path).metadata.num_row_groups == 1
    return path


def test_streaming_peak_bounded_by_batch_size(big_file):
    peaks = {bs: _peak_kib(big_file, bs) for bs in (1_000, 65_536, ROWS)}
    print("peak RSS MiB:", {bs: round(k / 1024, 1) for bs, k in peaks.items()})
    # The full-row-group batch holds every decoded column (~60 MiB of values); 1k-row batches
    # hold about one page per column. A memory property, not a timing.
    assert peaks[1_000] + 40 * 1024 < peaks[ROWS], peaks
    assert peaks[65_536] < peaks[ROWS], peaks


@pytest.mark.parametrize("version", ["1.0", "2.0"])
@pytest.mark.parametrize("batch_size", [1, 7, 1000, 4096, 100_000])
def test_batches_concatenate_to_full_read(tmp_path, version, batch_size):
    n = 20_000
    t = pa.table({
        "i": pa.array([None if i % 7 == 2 else i for i in range(n)], type=pa.int32()),
        "d": pa.array([None if i % 5 == 0 else ["a", "bb", "ccc"][i % 3] for i in range(n)]),
        "p": pa.array([f"v{i * 7919 % 100003}" for i in range(n)]),
        "b": pa.array([None if i % 11 == 0 else i % 2 == 0 for i in range(n)]),
        "l": pa.array([None if i % 9 == 0 else list(range(i % 3)) for i in range(n)], type=pa.list_(pa.int64())),
    })
    path = str(tmp_path / "t.parquet")
    pq.write_table(t, path, row_group_size=7_000, data_page_size=2_000, data_page_version=version,
                   dictionary_pagesize_limit=3_000, compression="none" if version == "1.0" else "zstd")
    full = pq.read_table(path)
    batches = [b.to_arrow() for b in pf.iter_parquet_batches(path, batch_size=batch_size, backend="swift")]
    sizes = [b.num_rows for b in batches]
    expected = []
    for g in (7_000, 7_000, 6_000):
        while g > 0:
            expected.append(min(batch_size, g))
            g -= min(batch_size, g)
    assert sizes == expected
    assert pa.concat_tables(batches).equals(full)
    # Projection and a row filter, applied per batch.
    flt = [("i", ">=", 15_000)]
    ref = pq.read_table(path, columns=["p", "l"], filters=flt)
    got = [b.to_arrow() for b in pf.iter_parquet_batches(path, batch_size=batch_size, columns=["p", "l"],
                                                         filters=flt, backend="swift")]
    assert all(0 < b.num_rows <= batch_size for b in got)
    assert pa.concat_tables(got).equals(ref) if got else ref.num_rows == 0
