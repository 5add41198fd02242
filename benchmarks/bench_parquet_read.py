"""Parquet reading: ParquetFrame against pyarrow and polars.

Cases (data generated once, with a fixed seed, into ``benchmarks/data/``):

* ``metadata 10Mx10`` / ``metadata 500 cols x 100 rg``: footer decoding
  (``pf.read_parquet_metadata`` vs ``pyarrow.parquet.read_metadata``);
* ``read (pyarrow-written)`` / ``read (polars-written)``: full read of a snappy file of
  10M rows (quick: 1M) with int64, float64 (with nulls), timestamp, a low-cardinality
  string and a free-text string (with nulls), vs ``pq.read_table`` and ``polars.read_parquet``
  (at the 1-thread setting polars runs in a child process with ``POLARS_MAX_THREADS=1``, since
  its pool is sized at import; pyarrow gets ``use_threads=False``);
* ``project 2 of 10``: two columns of a 10-column file;
* ``filter selective``: a filter keeping about 1% of the rows of a sorted key (row-group
  and page statistics skip most of the data; the quick file has a single row group);
* ``peak memory``: the peak resident set of reading the file in a fresh process, counted
  from the resident set measured right after the imports (and, for ParquetFrame, after the
  native library is loaded), so interpreter and library footprints are not charged to the
  read. Method (the same for every tool): the child process imports, then resets the kernel's
  high-water mark (``echo 5 > /proc/self/clear_refs``) and reads ``VmRSS`` as the baseline,
  runs the read keeping its result alive, and reports ``VmHWM - baseline``. Reported in
  ``seconds`` as MiB with the decoded Arrow size (``Table.nbytes``) as baseline, so the ratio
  is peak / decoded size. Where ``clear_refs`` cannot be written (not Linux) the whole
  process's ``ru_maxrss`` minus the post-import RSS is used;
* ``streaming peak (batch N)``: the same for ``iter_parquet_batches`` at several batch sizes
  (each batch is converted to Arrow and dropped).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

import parquetframe as pf

NAME = "parquet_read"
DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parent.parent


def _table(rows: int, seed: int = 42) -> pa.Table:
    rng = np.random.default_rng(seed)
    ints = np.arange(rows, dtype=np.int64)
    floats = rng.normal(size=rows)
    fmask = rng.random(rows) < 0.05
    ts = (np.int64(1_600_000_000_000_000) + rng.integers(0, 10**12, rows)).astype("datetime64[us]")
    cats = np.array(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"])[rng.integers(0, 8, rows)]
    words = np.array([f"w{k:05d}" for k in range(20000)])
    text = [" ".join(words[rng.integers(0, 20000, 4)]) for _ in range(min(rows, 100_000))]
    text = (text * (rows // len(text) + 1))[:rows]
    tmask = rng.random(rows) < 0.1
    cols = {
        "id": pa.array(ints),
        "value": pa.array(floats, mask=fmask),
        "ts": pa.array(ts),
        "category": pa.array(cats),
        "text": pa.array(text, mask=tmask),
    }
    for k in range(5):
        cols[f"x{k}"] = pa.array(rng.integers(0, 1000, rows))
    return pa.table(cols)


def _ensure(rows: int) -> dict[str, Path]:
    DATA.mkdir(parents=True, exist_ok=True)
    paths = {
        "pyarrow": DATA / f"read_{rows}_pyarrow.parquet",
        "polars": DATA / f"read_{rows}_polars.parquet",
        "wide": DATA / "wide_500x100.parquet",
    }
    if not paths["pyarrow"].exists():
        pq.write_table(_table(rows), paths["pyarrow"], compression="snappy", row_group_size=1 << 20)
    if not paths["polars"].exists():
        try:
            import polars as pl

            pl.from_arrow(_table(rows)).write_parquet(paths["polars"], compression="snappy")
        except ImportError:
            paths.pop("polars")
    if not paths["wide"].exists():
        rng = np.random.default_rng(7)
        t = pa.table({f"c{i}": pa.array(rng.integers(0, 100, 1000)) for i in range(500)})
        pq.write_table(t, paths["wide"], row_group_size=10)
    return paths


_MEM_SCRIPT = r"""
import resource, sys


def _status(key):
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])  # KiB
    except OSError:
        pass
    return None


sys.path.insert(0, sys.argv[1])
exec(sys.argv[2])  # imports and warm-up
try:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset VmHWM to the current RSS
    reset = True
except OSError:
    reset = False
base = _status("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result = None
exec(sys.argv[3])  # the read; keeps its result in `result`
peak = (_status("VmHWM") if reset else None) or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(max(peak - base, 0))
"""


def _peak_mib(setup: str, code: str) -> float:
    """Peak RSS (MiB) of `code` above the RSS right after `setup`, in a fresh process."""
    out = subprocess.run([sys.executable, "-c", _MEM_SCRIPT, str(ROOT / "python"), setup, code],
                         capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024.0


# Imports and warm-up before the baseline: the tool's modules, and for ParquetFrame the
# native library (loaded on first use) with its Parquet functions bound.
_SETUP_PA = "import pyarrow as pa, pyarrow.parquet as pq"
_SETUP_PF = ("import pyarrow as pa, pyarrow.parquet as pq, parquetframe as pf\n"
             "from parquetframe import parquet as _pfq\n"
             "assert _pfq._lib() is not None, 'native library not loaded'")


_POLARS_CHILD = r"""
import statistics, sys, time, polars as pl
path, repeats, code = sys.argv[1], int(sys.argv[2]), sys.argv[3]
fn = eval("lambda: " + code, {"pl": pl, "path": path})
fn()
times = []
for _ in range(repeats):
    t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
print(statistics.median(times))
"""


def _polars_seconds(ctx, path: Path, code: str) -> float:
    """Median time of the polars expression `code` (over ``path``). polars sizes its pool at
    import, so the 1-thread setting runs it in a child with ``POLARS_MAX_THREADS=1``."""
    if ctx.threads != 1:
        import polars as pl
        fn = eval("lambda: " + code, {"pl": pl, "path": str(path)})
        return ctx.median_seconds(fn)
    out = subprocess.run([sys.executable, "-c", _POLARS_CHILD, str(path), str(ctx.repeats), code],
                         capture_output=True, text=True, check=True,
                         env={**os.environ, "POLARS_MAX_THREADS": "1"}).stdout
    return float(out)


def run(ctx) -> list[dict]:
    rows_n = 1_000_000 if ctx.quick else 10_000_000
    paths = _ensure(rows_n)
    threads = ctx.threads
    use_threads = threads != 1
    out: list[dict] = []

    def add(case, size, tool, seconds, baseline="pyarrow"):
        # The runner pairs rows with their baseline by (size, tool): tag tools with the case
        # so that cases of the same size do not share a baseline.
        tag = f" [{case}]"
        out.append(dict(case=case, size=size, tool=tool + tag, seconds=seconds, baseline=baseline + tag))

    try:
        import polars as pl
    except ImportError:  # pragma: no cover
        pl = None

    # Metadata.
    for label, p in (("metadata 10 cols", paths["pyarrow"]), ("metadata 500 cols x 100 rg", paths["wide"])):
        add(label, rows_n if "10 cols" in label else 1000, "pyarrow", ctx.median_seconds(lambda p=p: pq.read_metadata(p)))
        add(label, rows_n if "10 cols" in label else 1000, "parquetframe",
            ctx.median_seconds(lambda p=p: pf.read_parquet_metadata(p)))

    # Full reads.
    for writer in ("pyarrow", "polars"):
        p = paths.get(writer)
        if p is None:
            continue
        case = f"read ({writer}-written)"
        add(case, rows_n, "pyarrow", ctx.median_seconds(lambda p=p: pq.read_table(p, use_threads=use_threads)))
        if pl is not None:
            add(case, rows_n, "polars", _polars_seconds(ctx, p, "pl.read_parquet(path)"))
        add(case, rows_n, "parquetframe", ctx.median_seconds(lambda p=p: pf.read_parquet(p).to_arrow()))

    p = paths["pyarrow"]
    cols = ["id", "value"]
    add("project 2 of 10", rows_n, "pyarrow", ctx.median_seconds(lambda: pq.read_table(p, columns=cols, use_threads=use_threads)))
    if pl is not None:
        add("project 2 of 10", rows_n, "polars", _polars_seconds(ctx, p, f"pl.read_parquet(path, columns={cols!r})"))
    add("project 2 of 10", rows_n, "parquetframe", ctx.median_seconds(lambda: pf.read_parquet(p, columns=cols).to_arrow()))

    flt = [("id", "<", rows_n // 100)]
    add("filter selective", rows_n, "pyarrow", ctx.median_seconds(lambda: pq.read_table(p, filters=flt, use_threads=use_threads)))
    if pl is not None:
        add("filter selective", rows_n, "polars",
            _polars_seconds(ctx, p, f'pl.scan_parquet(path).filter(pl.col("id") < {rows_n // 100}).collect()'))
    add("filter selective", rows_n, "parquetframe", ctx.median_seconds(lambda: pf.read_parquet(p, filters=flt).to_arrow()))

    # Memory (only once, at the all-threads setting, to keep the run short).
    if threads == 0:
        decoded = pq.read_table(p).nbytes / 2**20
        add("peak memory (MiB)", rows_n, "decoded arrow size", decoded, baseline="decoded arrow size")
        add("peak memory (MiB)", rows_n, "pyarrow",
            _peak_mib(_SETUP_PA, f"result = pq.read_table({str(p)!r})"), baseline="decoded arrow size")
        add("peak memory (MiB)", rows_n, "parquetframe",
            _peak_mib(_SETUP_PF, f"result = pf.read_parquet({str(p)!r}).to_arrow()"), baseline="decoded arrow size")
        for bs in (8192, 65536, 1 << 20):
            add(f"streaming peak (MiB), batch {bs}", rows_n, "parquetframe",
                _peak_mib(_SETUP_PF, f"for b in pf.iter_parquet_batches({str(p)!r}, batch_size={bs}): b.to_arrow()"),
                baseline="parquetframe")
    return out
