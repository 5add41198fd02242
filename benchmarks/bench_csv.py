"""CSV reading and writing against polars, pyarrow and pandas.

Data (generated once with a fixed seed into ``benchmarks/data/``, git-ignored):

* ``csv_<rows>.csv``: 1M rows, about 110 MB (quick: 200k rows, about 22 MB) of ints,
  floats, dates, timestamps, short and long strings, some quoted fields holding commas,
  and some nulls (empty fields);
* ``csv_big_<MB>.csv``: the same rows repeated to 2 GB (quick: 300 MB), read with
  ``pf.iter_csv_batches`` in a child process whose peak RSS is measured
  (``getrusage(RUSAGE_CHILDREN).ru_maxrss``), next to ``pyarrow.csv.open_csv``.

Cases: ``read_csv`` (pf vs ``polars.read_csv``, ``pyarrow.csv.read_csv``,
``pandas.read_csv``), ``stream_rss`` (peak RSS in MB in the ``seconds`` column's stead:
see the note), ``write_csv`` (pf vs ``pyarrow.csv.write_csv``). polars cannot change its
pool size after import, so at 1 thread it runs in a child process with
``POLARS_MAX_THREADS=1``.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

import parquetframe as pf

NAME = "csv"
HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
BASELINE = "polars.read_csv"


def _table(rows: int, seed: int = 42) -> pa.Table:
    rng = np.random.default_rng(seed)
    words = np.array(["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"], dtype=object)
    long_words = np.array([
        "the quick brown fox jumps over the lazy dog",
        "lorem ipsum dolor sit amet consectetur adipiscing",
        "Paris, France", "Zürich, Switzerland", "a \"quoted\" word inside",
        "sphinx of black quartz judge my vow again",
    ], dtype=object)
    def nulls(p: float) -> np.ndarray:
        return rng.random(rows) < p
    base = np.datetime64("2020-01-01T00:00:00", "s")
    return pa.table({
        "id": pa.array(np.arange(rows, dtype=np.int64)),
        "qty": pa.array(rng.integers(-1_000_000, 1_000_000, rows), mask=nulls(0.05)),
        "price": pa.array(np.round(rng.random(rows) * 1000, 2)),
        "score": pa.array(rng.normal(size=rows), mask=nulls(0.05)),
        "day": pa.array(base.astype("datetime64[D]") + rng.integers(0, 3650, rows).astype("timedelta64[D]")),
        "at": pa.array(base + rng.integers(0, 10**8, rows).astype("timedelta64[s]")),
        "tag": pa.array(words[rng.integers(0, len(words), rows)], type=pa.utf8(), mask=nulls(0.03)),
        "text": pa.array(long_words[rng.integers(0, len(long_words), rows)], type=pa.utf8()),
    })


def _ensure(rows: int) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"csv_{rows}.csv"
    if not path.exists():
        import polars as pl  # quotes only where needed, like most CSV producers

        tmp = path.with_suffix(".tmp")
        pl.from_arrow(_table(rows)).write_csv(tmp, datetime_format="%Y-%m-%d %H:%M:%S")
        tmp.replace(path)
    return path


def _ensure_big(src: Path, megabytes: int) -> Path:
    path = DATA / f"csv_big_{megabytes}.csv"
    if path.exists():
        return path
    data = src.read_bytes()
    header_end = data.index(b"\n") + 1
    body = data[header_end:]
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as f:
        f.write(data[:header_end])
        written = header_end
        while written < megabytes << 20:
            f.write(body)
            written += len(body)
    tmp.replace(path)
    return path


_POLARS_CHILD = r"""
import statistics, sys, time, polars as pl
path, repeats = sys.argv[1], int(sys.argv[2])
pl.read_csv(path)
times = []
for _ in range(repeats):
    t = time.perf_counter(); pl.read_csv(path); times.append(time.perf_counter() - t)
print(statistics.median(times))
"""

_RSS_CHILD = r"""
import resource, subprocess, sys
code = sys.argv[1]
r = subprocess.run([sys.executable, "-c", code] + sys.argv[2:], capture_output=True, text=True)
if r.returncode:
    sys.exit(r.stderr)
print(r.stdout.strip(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""

_STREAM_PF = r"""
import sys, time
sys.path.insert(0, sys.argv[2])
import parquetframe as pf
pf.set_config(swift_threads=int(sys.argv[3]))
t = time.perf_counter(); rows = 0
for b in pf.iter_csv_batches(sys.argv[1], batch_size=65536, column_types={"qty": "int64", "score": "float64", "tag": "utf8"}):
    rows += b.num_rows
print(rows, time.perf_counter() - t)
"""

_STREAM_PA = r"""
import sys, time
import pyarrow as pa, pyarrow.csv as c
t = time.perf_counter(); rows = 0
r = c.open_csv(sys.argv[1], convert_options=c.ConvertOptions(column_types={"qty": pa.int64(), "score": pa.float64()}),
               read_options=c.ReadOptions(use_threads=sys.argv[3] != "1"))
for b in r:
    rows += b.num_rows
print(rows, time.perf_counter() - t)
"""


def _stream(code: str, path: Path, threads: int) -> tuple[int, float, float]:
    """(rows, seconds, peak RSS MiB) of a child process streaming ``path``."""
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-c", _RSS_CHILD, code, str(path), str(HERE.parent / "python"),
                          str(threads)], capture_output=True, text=True, env=env, check=True).stdout.split()
    return int(out[0]), float(out[1]), int(out[2]) / 1024


def run(ctx) -> list[dict]:
    rows_n = 200_000 if ctx.quick else 1_000_000
    src = _ensure(rows_n)
    mb = src.stat().st_size / 1e6
    threads = ctx.threads
    use_threads = threads != 1
    out: list[dict] = []
    backend = "swift" if pf.swift_available() else "pyarrow"

    def add(case: str, tool: str, seconds: float, note: str = "", baseline: str | None = BASELINE,
            size: int = rows_n) -> None:
        out.append(dict(case=case, size=size, tool=tool, seconds=seconds, baseline=baseline,
                        note=note or None, mb_per_s=round(mb / seconds, 1) if case == "read_csv" else None))

    # --- whole-file reads ---
    import pandas as pd
    import polars as pl

    t_pf = ctx.median_seconds(lambda: pf.read_csv(src))
    add("read_csv", f"pf.read_csv ({backend})", t_pf)
    if use_threads:
        t_pl = ctx.median_seconds(lambda: pl.read_csv(src))
    else:
        t_pl = float(subprocess.run(
            [sys.executable, "-c", _POLARS_CHILD, str(src), str(ctx.repeats)], capture_output=True, text=True,
            env={**os.environ, "POLARS_MAX_THREADS": "1"}, check=True).stdout)
    add("read_csv", BASELINE, t_pl)
    t_pa = ctx.median_seconds(lambda: pacsv.read_csv(src, read_options=pacsv.ReadOptions(use_threads=use_threads)))
    add("read_csv", "pyarrow.csv.read_csv", t_pa)
    t_pd = ctx.median_seconds(lambda: pd.read_csv(src), repeats=max(1, ctx.repeats // 3))
    add("read_csv", "pandas.read_csv (single-threaded)", t_pd)
    rates = ", ".join(f"{name} {mb / t:.0f} MB/s" for name, t in
                      [("pf", t_pf), ("polars", t_pl), ("pyarrow", t_pa), ("pandas", t_pd)])
    out[-1]["note"] = f"read_csv of {mb:.0f} MB ({rows_n:,} rows), threads={threads or 'all'}: {rates}."

    # --- streaming with bounded memory ---
    big = _ensure_big(src, 300 if ctx.quick else 2048)
    big_mb = big.stat().st_size / 1e6
    if pf.swift_available():
        r_pf, s_pf, rss_pf = _stream(_STREAM_PF, big, threads)
        r_pa, s_pa, rss_pa = _stream(_STREAM_PA, big, threads)
        note = (f"iter_csv_batches over {big_mb:.0f} MB ({r_pf:,} rows), threads={threads or 'all'}: "
                f"pf peak RSS {rss_pf:.0f} MiB ({big_mb / s_pf:.0f} MB/s), pyarrow.csv.open_csv peak RSS "
                f"{rss_pa:.0f} MiB ({big_mb / s_pa:.0f} MB/s); must stay well under 1 GiB.")
        assert r_pf == r_pa
        add("stream", "pf.iter_csv_batches", s_pf, note, baseline="pyarrow.csv.open_csv", size=r_pf)
        add("stream", "pyarrow.csv.open_csv", s_pa, baseline="pyarrow.csv.open_csv", size=r_pa)
        out[-2]["peak_rss_mib"] = round(rss_pf, 1)
        out[-1]["peak_rss_mib"] = round(rss_pa, 1)

    # --- writing ---
    table = pacsv.read_csv(src)
    frame = pf.Frame.from_arrow(table)
    with tempfile.TemporaryDirectory(dir=DATA) as d:
        target = Path(d) / "out.csv"
        t_w = ctx.median_seconds(lambda: pf.write_csv(frame, target))
        size_pf = target.stat().st_size / 1e6
        t_wa = ctx.median_seconds(lambda: pacsv.write_csv(table, target))
        size_pa = target.stat().st_size / 1e6
    add("write_csv", f"pf.write_csv ({backend})", t_w, baseline="pyarrow.csv.write_csv")
    add("write_csv", "pyarrow.csv.write_csv", t_wa, baseline="pyarrow.csv.write_csv",
        note=f"write_csv, threads={threads or 'all'}: pf {size_pf / t_w:.0f} MB/s ({size_pf:.0f} MB), "
             f"pyarrow {size_pa / t_wa:.0f} MB/s ({size_pa:.0f} MB; pyarrow quotes every string).")
    return out
