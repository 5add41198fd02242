#!/usr/bin/env python3
"""Benchmark runner: times ParquetFrame against its peers and writes ratios.

Usage::

    python benchmarks/run.py [--quick] [--threads 1,0] [--only NAME ...] [--repeats N]

Each benchmark module in :data:`REGISTRY` exposes ``NAME`` and
``run(ctx) -> list[dict]``; every returned row has ``case``, ``size``, ``tool``,
``seconds`` (median) and optionally ``baseline`` (the tool the ratio is taken
against). ``--threads`` lists the native pool sizes to run under (``0``: all
cores). Results go to ``benchmarks/results/latest.md`` and ``latest.json``
together with a description of the machine. Timings are never asserted: they
are for side-by-side comparison on one machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import importlib
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent

# numpy's OpenBLAS keeps worker threads that spin for a while after waking (seen taking 5-8 %
# of the CPU while a Parquet read is timed). No timed operation uses dense linear algebra, and
# on a 2-core machine those threads take CPU from the tool being timed (ours and the peers in
# this process alike), so they are limited to one before numpy is first imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "python"))

#: Benchmark modules, in run order.
REGISTRY = ["bench_handoff", "bench_parquet_read", "bench_parquet_write", "bench_csv", "bench_avro",
            "bench_graph", "bench_workflow"]


@dataclasses.dataclass
class Context:
    """What a benchmark module receives."""

    quick: bool
    repeats: int
    threads: int

    def median_seconds(self, fn: Callable[[], object], repeats: int | None = None) -> float:
        """Median wall time of ``fn()`` over ``repeats`` runs (after one warm-up run)."""
        fn()
        times = []
        for _ in range(repeats or self.repeats):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return statistics.median(times)


def environment() -> dict:
    """Machine and library versions, recorded with the results."""
    import parquetframe as pf
    from parquetframe.backends.swift_backend import get_backend_info

    versions = {}
    for name in ("pyarrow", "polars", "duckdb", "numpy", "pandas"):
        try:
            versions[name] = importlib.import_module(name).__version__
        except ImportError:
            versions[name] = None
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "parquetframe": pf.__version__,
        "native": get_backend_info(),
        "versions": versions,
    }


def _ratios(rows: list[dict]) -> None:
    """Add ``ratio`` = seconds / seconds of the row's baseline tool (same benchmark, case, size, threads)."""
    index = {(r["bench"], r.get("case"), r["size"], r["threads"], r["tool"]): r["seconds"] for r in rows}
    for r in rows:
        base = index.get((r["bench"], r.get("case"), r["size"], r["threads"], r.get("baseline")))
        r["ratio"] = r["seconds"] / base if base else None


def _markdown(env: dict, rows: list[dict], quick: bool) -> str:
    native = env["native"]
    lines = [
        "# ParquetFrame benchmarks",
        "",
        f"- date: {env['date']}, mode: {'quick' if quick else 'full'}",
        f"- machine: {env['cpu']} ({env['cpu_count']} CPUs), {env['platform']}",
        f"- python {env['python']}; " + ", ".join(f"{k} {v}" for k, v in env["versions"].items() if v),
        f"- native library: {native['library_path'] or 'not loaded (pyarrow fallback)'}"
        + (f", version {native['version']}" if native["version"] else ""),
        "",
        "Times are medians; ratio = time / time of the baseline tool (lower is faster).",
        "",
    ]
    for bench in dict.fromkeys(r["bench"] for r in rows):
        lines += [f"## {bench}", "", "| case | size | threads | tool | time | ratio vs | ratio |",
                  "|---|---:|---:|---|---:|---|---:|"]
        for r in (r for r in rows if r["bench"] == bench):
            ratio = f"{r['ratio']:.3g}" if r.get("ratio") is not None else ""
            lines.append(
                f"| {r['case']} | {r['size']:,} | {r['threads'] or 'all'} | {r['tool']} | "
                f"{_fmt_time(r['seconds'])} | {r.get('baseline') or ''} | {ratio} |"
            )
        notes = [r["note"] for r in rows if r["bench"] == bench and r.get("note")]
        lines += [""] + [f"- {n}" for n in dict.fromkeys(notes)] + [""]
    return "\n".join(lines)


def _fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats (a few minutes)")
    parser.add_argument("--threads", default="1,0", help="comma-separated native pool sizes; 0 = all cores")
    parser.add_argument("--only", nargs="*", default=None, help="benchmark module names to run")
    parser.add_argument("--repeats", type=int, default=None, help="timed repeats per measurement")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="output directory")
    args = parser.parse_args(argv)

    import parquetframe as pf

    threads = [int(t) for t in args.threads.split(",") if t.strip()]
    repeats = args.repeats or (5 if args.quick else 9)
    names = args.only or REGISTRY
    rows: list[dict] = []
    for name in names:
        module = importlib.import_module(name)
        for t in threads:
            pf.set_config(swift_threads=t)
            ctx = Context(quick=args.quick, repeats=repeats, threads=t)
            print(f"== {module.NAME} (threads={t or 'all'})", flush=True)
            for row in module.run(ctx):
                row.update(bench=module.NAME, threads=t)
                rows.append(row)
                print(f"   {row['case']:<28} {row['size']:>11,}  {row['tool']:<30} {_fmt_time(row['seconds'])}",
                      flush=True)
    pf.reset_config()
    _ratios(rows)
    env = environment()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps({"environment": env, "quick": args.quick, "results": rows},
                                                     indent=2, default=str))
    report = _markdown(env, rows, args.quick)
    (args.out / "latest.md").write_text(report + "\n")
    print("\n" + report)
    print(f"\nwrote {args.out / 'latest.md'} and {args.out / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
