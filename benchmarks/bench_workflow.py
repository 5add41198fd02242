"""Workflow scheduling overhead and an end-to-end pipeline.

1. Scheduling overhead: 10,000 no-op steps in three shapes — independent, 10 chains of
   1,000, a binary fan-in tree — run by the native scheduler (a ``noop`` workflow) against
   ``dask.threaded.get``, ``dask.local.get_sync`` on the equivalent task graph, and a minimal
   DAG runner on ``concurrent.futures.ThreadPoolExecutor``. Two native rows, from the same
   runs:

   * ``parquetframe native engine``: the scheduler's own wall time, ``engine_seconds`` of
     the run result — from the start of the scheduler's setup (per-step records, dependency
     counters, ready queues) to the join of its last worker thread after the last step
     finished: worker start/join, dispatch and the (no-op) steps are in; parsing,
     validation, writing history and encoding/decoding the result record are out.
   * ``parquetframe native via Python (end-to-end)``: the whole ``Workflow.run`` call from
     Python — validation (twice: Python-side check and the engine's own), the engine,
     the result JSON (one record per step) encoded in Swift and decoded in Python.
     Nothing is subtracted. (Per-step :class:`StepResult` objects are built lazily, on
     first access of ``result.steps``, so they are not in this time.)

   The dask and ThreadPoolExecutor rows are end-to-end calls from Python too (their graphs
   are built inside the timed call).
2. Python no-op steps driven from Python: the same 10,000-step shapes made of ``type:
   python`` steps, each calling the same no-op function as the dask tasks. The native
   engine (a ctypes callback per step; with the default ``python_threads=1`` the calls run
   on the thread that called ``Workflow.run``) and the pure-Python fallback engine, against
   dask's synchronous scheduler (``dask.local.get_sync``). End-to-end times of the whole
   call from Python, nothing subtracted: for dask the graph is built inside the timed call,
   for parquetframe the run validates its handlers and returns the run record.
3. A 10-step pipeline on generated data (CSV -> Parquet -> graph kernels -> files): the
   native engine against the pure-Python fallback running the same steps.

Each row's ``us_per_step`` field gives the overhead per step (section 1 and 2).
"""

from __future__ import annotations

import concurrent.futures
import os
import statistics
import shutil
import tempfile
import threading

NAME = "workflow"


def shapes(n: int) -> dict[str, list[tuple[str, list[str]]]]:
    """name -> [(step, dependencies)] for each shape, with about n steps."""
    independent = [(f"s{i}", []) for i in range(n)]
    chains, per = [], n // 10
    for c in range(10):
        for i in range(per):
            chains.append((f"c{c}_{i}", [f"c{c}_{i - 1}"] if i else []))
    leaves = n // 2
    tree, level, k = [(f"t0_{i}", []) for i in range(leaves)], [f"t0_{i}" for i in range(leaves)], 1
    while len(level) > 1:
        nxt = []
        for i in range(0, len(level), 2):
            name = f"t{k}_{i // 2}"
            tree.append((name, level[i:i + 2]))
            nxt.append(name)
        level, k = nxt, k + 1
    return {"independent": independent, "10 chains": chains, "fan-in tree": tree}


def workflow_dict(steps, step_type="noop") -> dict:
    return {"name": "bench", "config": {"stop_on_failure": True},
            "steps": [{"name": s, "type": step_type, **({"depends_on": d} if d else {})} for s, d in steps]}


def _noop(*_args):
    return None


def dask_graph(steps) -> dict:
    return {s: (_noop, *d) for s, d in steps}


def threadpool_dag(steps, workers: int) -> None:
    """A minimal ready-queue DAG runner on ThreadPoolExecutor (dependents start on completion)."""
    deps = {s: len(d) for s, d in steps}
    dependents: dict[str, list[str]] = {s: [] for s, _ in steps}
    for s, d in steps:
        for x in d:
            dependents[x].append(s)
    lock = threading.Lock()
    left = [len(steps)]
    done = threading.Event()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)

    def finish(name):
        ready = []
        with lock:
            left[0] -= 1
            for t in dependents[name]:
                deps[t] -= 1
                if deps[t] == 0:
                    ready.append(t)
            if left[0] == 0:
                done.set()
        for t in ready:
            submit(t)

    def submit(name):
        pool.submit(_noop).add_done_callback(lambda _f, n=name: finish(n))

    for s, d in steps:
        if not d:
            submit(s)
    done.wait()
    pool.shutdown()


PIPELINE = """\
name: bench_pipeline
variables: {{work: {work}, edges: "{edges}", vertices: "{vertices}"}}
config: {{work_dir: "${{work}}", max_parallel: 4}}
steps:
  - name: generate
    type: command
    params:
      shell: |
        awk -v n=${{vertices}} -v m=${{edges}} 'BEGIN {{ srand(7); print "src,dst,weight"
          for (i = 0; i < m; i++) printf "%d,%d,%.3f\\n", int(rand() * n), int(rand() * n), 1 + rand() * 9 }}' > edges.csv
  - {{name: read_csv, type: read, depends_on: [generate], params: {{path: edges.csv}}}}
  - {{name: to_parquet, type: write, inputs: [read_csv], params: {{path: edges.parquet}}}}
  - {{name: edges, type: read, depends_on: [to_parquet], params: {{path: edges.parquet}}}}
  - {{name: graph, type: graph.build, inputs: [edges], params: {{weight: weight}}}}
  - {{name: pagerank, type: graph.pagerank, inputs: [graph]}}
  - {{name: components, type: graph.components, inputs: [graph]}}
  - {{name: distances, type: graph.sssp, inputs: [graph], params: {{source: 0}}}}
  - {{name: reach, type: graph.bfs, inputs: [graph], params: {{source: 0}}}}
  - {{name: save, type: write, inputs: [pagerank], params: {{path: ranks.csv}}}}
"""


def run(ctx) -> list[dict]:
    import dask.local
    import dask.threaded

    import parquetframe as pf
    from parquetframe.workflow import _native_wf

    rows: list[dict] = []
    native = _native_wf() is not None
    n = 10_000
    workers = os.cpu_count() or 1
    reps = max(1, ctx.repeats // 2)

    def add(case, size, tool, seconds, baseline=None, steps=None):
        row = dict(case=case, size=size, tool=tool, seconds=seconds, baseline=baseline)
        if steps:
            row["us_per_step"] = seconds / steps * 1e6
            print(f"  {case:<34} {tool:<40} {row['us_per_step']:9.2f} us/step", flush=True)
        rows.append(row)

    for shape, steps in shapes(n).items():
        keys = [s for s, _ in steps]
        case = f"scheduling: {shape}"
        base = "dask.threaded.get"
        add(case, len(steps), base, ctx.median_seconds(lambda: dask.threaded.get(dask_graph(steps), keys), reps),
            base, len(steps))
        add(case, len(steps), "dask.local.get_sync",
            ctx.median_seconds(lambda: dask.local.get_sync(dask_graph(steps), keys), reps), base, len(steps))
        add(case, len(steps), "ThreadPoolExecutor DAG",
            ctx.median_seconds(lambda: threadpool_dag(steps, workers), reps), base, len(steps))
        if native:
            wf = pf.Workflow.from_dict(workflow_dict(steps))
            engine_times: list[float] = []

            def go_native(wf=wf, engine_times=engine_times):
                r = wf.run(write_history=False, keep_outputs=False, engine="swift")
                engine_times.append(r.engine_seconds)

            e2e = ctx.median_seconds(go_native, reps)
            add(case, len(steps), "parquetframe native engine", statistics.median(engine_times[1:] or engine_times), base, len(steps))
            add(case, len(steps), "parquetframe native via Python (end-to-end)", e2e, base, len(steps))

    # Python no-op steps driven from Python: the same shapes, the same no-op function per step.
    for shape, steps in shapes(n).items():
        keys = [s for s, _ in steps]
        handlers = {s: _noop for s in keys}
        case = f"python no-op steps: {shape}"
        base = "dask.local.get_sync"
        add(case, len(steps), base, ctx.median_seconds(lambda: dask.local.get_sync(dask_graph(steps), keys), reps),
            base, len(steps))
        wf = pf.Workflow.from_dict(workflow_dict(steps, "python"))

        def go_python(engine, wf=wf, handlers=handlers):
            r = wf.run(step_handlers=handlers, write_history=False, engine=engine)
            assert r.status == "succeeded", r.errors

        if native:
            add(case, len(steps), "parquetframe native (ctypes callbacks)",
                ctx.median_seconds(lambda: go_python("swift"), reps), base, len(steps))
        add(case, len(steps), "parquetframe python fallback", ctx.median_seconds(lambda: go_python("python"), reps),
            base, len(steps))

    # A 10-step pipeline on generated data.
    edges = 200_000 if ctx.quick else 1_000_000
    tmp = tempfile.mkdtemp(prefix="pf-bench-wf-")
    try:
        path = os.path.join(tmp, "pipeline.yaml")
        with open(path, "w") as f:
            f.write(PIPELINE.format(work=os.path.join(tmp, "work"), edges=edges, vertices=edges // 10))
        wf = pf.Workflow.from_yaml(path)
        base = "parquetframe python fallback"

        def go(engine):
            r = wf.run(engine=engine, write_history=False, keep_outputs=False)
            assert r.status == "succeeded", r.errors

        add("10-step pipeline (edges)", edges, base, ctx.median_seconds(lambda: go("python"), max(1, reps // 2)), base)
        if native:
            add("10-step pipeline (edges)", edges, "parquetframe native",
                ctx.median_seconds(lambda: go("swift"), max(1, reps // 2)), base)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows
