"""Workflows from Python: both engines (native Swift scheduler and the pure-Python
fallback) must give the same statuses and outputs."""

from __future__ import annotations

import json
import os
import shutil
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import parquetframe as pf
from parquetframe import _native
from parquetframe.workflow import CancellationToken, ValidationIssue, Workflow, _native_wf

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
NATIVE_WF = _native_wf() is not None


@pytest.fixture(params=["swift", "python"])
def engine(request) -> str:
    if request.param == "swift" and not NATIVE_WF:
        pytest.skip(f"native workflow engine not available: {_native.load_error()}")
    return request.param


def write_yaml(tmp_path: Path, text: str, name: str = "wf.yaml") -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text))
    return p


def sorted_by_vertex(t: pa.Table) -> pa.Table:
    return t.sort_by("vertex").replace_schema_metadata(None)


# --- the example pipeline ------------------------------------------------------------------


def run_pipeline(tmp_path: Path, engine: str, sub: str, **variables):
    work = tmp_path / sub
    wf = Workflow.from_yaml(EXAMPLES / "pipeline.yaml", variables={"work": str(work), **variables})
    return work, wf.run(engine=engine)


def test_pipeline_runs_and_writes_outputs(tmp_path, engine):
    work, r = run_pipeline(tmp_path, engine, "w", edges="3000", vertices="400")
    assert r.status == "succeeded", r.errors
    assert r.engine == ("swift" if engine == "swift" else "python")
    assert all(s.status == "completed" for s in r.steps.values())
    assert r.steps["read_csv"].rows == 3000
    for f in ["edges.csv", "edges.parquet", "results/pagerank.parquet", "results/components.csv",
              "results/distances.parquet", "results/reach.csv"]:
        assert (work / f).is_file(), f
    # No temporary files left behind by the atomic writes.
    assert not [p for p in work.rglob(".*tmp*")]
    ranks = pq.read_table(work / "results/pagerank.parquet")
    assert ranks.column_names == ["vertex", "rank"]
    assert abs(sum(ranks["rank"].to_pylist()) - 1.0) < 1e-9
    # Against networkx on the same edges.
    nx = pytest.importorskip("networkx")
    edges = pq.read_table(work / "edges.parquet").to_pydict()
    g = nx.MultiDiGraph()
    g.add_nodes_from(range(400))
    g.add_weighted_edges_from(zip(edges["src"], edges["dst"], edges["weight"]))
    expected = nx.pagerank(g, alpha=0.85, tol=1e-10, weight="weight")
    got = dict(zip(ranks["vertex"].to_pylist(), ranks["rank"].to_pylist()))
    for v in range(0, 400, 37):
        assert got[v] == pytest.approx(expected[v], rel=1e-4, abs=1e-9)
    out = r.outputs["components"].to_arrow()
    assert out.column_names == ["vertex", "component_id"]


@pytest.mark.skipif(not NATIVE_WF, reason="needs the native engine for the comparison")
def test_pipeline_same_outputs_on_both_engines(tmp_path):
    _, a = run_pipeline(tmp_path, "swift", "native", edges="2000", vertices="300")
    _, b = run_pipeline(tmp_path, "python", "fallback", edges="2000", vertices="300")
    assert a.status == b.status == "succeeded"
    assert {n: s.status for n, s in a.steps.items()} == {n: s.status for n, s in b.steps.items()}
    assert {n: s.rows for n, s in a.steps.items()} == {n: s.rows for n, s in b.steps.items()}
    for step in ["pagerank", "components", "distances", "reach"]:
        x, y = sorted_by_vertex(a.outputs[step].to_arrow()), sorted_by_vertex(b.outputs[step].to_arrow())
        assert x.column_names == y.column_names
        for c in x.column_names:
            xs, ys = x[c].to_pylist(), y[c].to_pylist()
            if c in ("rank", "distance") and x[c].type == pa.float64():
                np.testing.assert_allclose(np.array(xs, dtype=float), np.array(ys, dtype=float), rtol=1e-9)
            else:
                assert xs == ys, (step, c)


# --- python steps ----------------------------------------------------------------------------


def test_python_steps_handlers_and_module_functions(tmp_path, engine, monkeypatch):
    (tmp_path / "mysteps.py").write_text(textwrap.dedent("""
        import pyarrow as pa
        import pyarrow.compute as pc
        def scale(frame, factor=1):
            t = frame.to_arrow()
            return t.set_column(t.schema.get_field_index("x"), "x", pc.multiply(t["x"], factor))
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    pq.write_table(pa.table({"x": [1, 2, 3]}), tmp_path / "in.parquet")
    seen = {}

    def total(frame, other):
        seen["types"] = (type(frame).__name__, type(other).__name__)
        t = frame.to_arrow()
        return pa.table({"total": [sum(t["x"].to_pylist()) + other.num_rows]})

    wf = Workflow.from_dict({"name": "py", "config": {"work_dir": str(tmp_path)}, "steps": [
        {"name": "load", "type": "read", "params": {"path": "in.parquet"}},
        {"name": "scaled", "type": "python", "inputs": ["load"], "params": {"function": "mysteps:scale", "factor": 10}},
        {"name": "sum", "type": "python", "inputs": ["scaled", "load"], "output": "sum.csv"},
    ]})
    r = wf.run(engine=engine, step_handlers={"sum": total})
    assert r.status == "succeeded", r.errors
    assert r.outputs["scaled"].to_arrow()["x"].to_pylist() == [10, 20, 30]
    assert r.outputs["sum"].to_arrow()["total"].to_pylist() == [63]
    assert seen["types"] == ("Frame", "Frame")
    assert (tmp_path / "sum.csv").read_text().splitlines() == ['"total"', "63"] or \
        (tmp_path / "sum.csv").read_text().splitlines() == ["total", "63"]


def test_python_step_exception_is_a_step_error_with_retries(tmp_path, engine):
    calls = []

    def boom():
        calls.append(1)
        raise ZeroDivisionError("bad math")

    wf = Workflow.from_dict({"name": "boom", "config": {"work_dir": str(tmp_path)}, "steps": [
        {"name": "b", "type": "python", "retries": 2, "backoff": {"initial": 0.01}},
        {"name": "after", "type": "noop", "depends_on": ["b"]},
    ]})
    r = wf.run(engine=engine, step_handlers={"b": boom})
    assert r.status == "failed"
    assert r.steps["b"].status == "failed" and r.steps["b"].attempts == 3 and len(calls) == 3
    assert "ZeroDivisionError: bad math" in r.steps["b"].error
    assert r.steps["after"].status == "skipped"


def test_python_step_without_function_is_invalid(tmp_path, engine):
    wf = Workflow.from_dict({"name": "x", "steps": [{"name": "p", "type": "python"}]})
    issues = wf.validate()
    assert any("python step 'p' needs params.function" in i.message for i in issues)
    with pytest.raises(pf.InvalidArgumentError) as e:
        wf.run(engine=engine)
    assert e.value.issues


# --- progress, cancellation, retries, timeouts -------------------------------------------------


def test_progress_events(tmp_path, engine):
    events = []
    lock = threading.Lock()

    def on(e):
        with lock:
            events.append(e)

    wf = Workflow.from_dict({"name": "ev", "config": {"work_dir": str(tmp_path)}, "steps": [
        {"name": "a", "type": "noop", "params": {"rows": 5}},
        {"name": "b", "type": "noop", "depends_on": ["a"], "retries": 1, "backoff": {"initial": 0.01},
         "params": {"fail_times": 1}},
        {"name": "c", "type": "noop", "depends_on": ["b"], "when": False},
    ]})
    r = wf.run(engine=engine, on_progress=on)
    assert r.status == "succeeded"
    kinds = [(e["event"], e["step"]) for e in events]
    assert kinds.index(("started", "a")) < kinds.index(("completed", "a")) < kinds.index(("started", "b"))
    assert ("retrying", "b") in kinds and ("skipped", "c") in kinds
    done_a = next(e for e in events if e["event"] == "completed" and e["step"] == "a")
    assert done_a["rows"] == 5 and done_a["duration_s"] >= 0
    retry = next(e for e in events if e["event"] == "retrying")
    assert retry["attempt"] == 1 and "planned failure" in retry["message"] and retry["delay_s"] > 0


def test_progress_callback_errors_do_not_break_the_run(tmp_path, engine):
    def bad(_e):
        raise RuntimeError("callback bug")

    wf = Workflow.from_dict({"name": "x", "config": {"work_dir": str(tmp_path)},
                             "steps": [{"name": "a", "type": "noop"}]})
    assert wf.run(engine=engine, on_progress=bad).status == "succeeded"


def test_cancel_from_another_thread(tmp_path, engine):
    token = CancellationToken()
    wf = Workflow.from_dict({"name": "c", "config": {"work_dir": str(tmp_path)}, "steps": [
        {"name": "hang", "type": "noop", "params": {"hang": True}},
        {"name": "sleep", "type": "command", "params": {"args": ["sleep", "30"]}},
        {"name": "later", "type": "noop", "depends_on": ["hang"]},
    ]})
    threading.Timer(0.4, token.cancel).start()
    t0 = time.monotonic()
    r = wf.run(engine=engine, cancel_token=token, max_parallel=4)
    assert time.monotonic() - t0 < 10
    assert token.cancelled
    assert r.status == "cancelled"
    assert r.steps["hang"].status == "cancelled" and r.steps["sleep"].status == "cancelled"
    assert r.steps["later"].status in ("skipped", "cancelled")
    record = json.loads(Path(r.history_path).read_text())
    assert record["status"] == "cancelled"


def test_already_cancelled_token_runs_nothing(tmp_path, engine):
    token = CancellationToken()
    token.cancel()
    wf = Workflow.from_dict({"name": "c", "config": {"work_dir": str(tmp_path)},
                             "steps": [{"name": "a", "type": "noop"}]})
    r = wf.run(engine=engine, cancel_token=token)
    assert r.status == "cancelled" and r.steps["a"].attempts == 0


def test_retries_and_timeouts(tmp_path, engine):
    wf = Workflow.from_dict({"name": "rt", "config": {"work_dir": str(tmp_path), "stop_on_failure": False,
                                                      "default_backoff": {"initial": 0.01}}, "steps": [
        {"name": "ok", "type": "noop", "retries": 2, "params": {"fail_times": 2}},
        {"name": "bad", "type": "noop", "retries": 1, "params": {"fail_times": 5}},
        {"name": "slow", "type": "noop", "timeout": 0.2, "params": {"hang": True}},
        {"name": "indep", "type": "noop", "depends_on": ["ok"]},
        {"name": "dep", "type": "noop", "depends_on": ["bad"]},
    ]})
    r = wf.run(engine=engine)
    assert r.status == "failed"
    assert (r.steps["ok"].status, r.steps["ok"].attempts) == ("completed", 3)
    assert (r.steps["bad"].status, r.steps["bad"].attempts) == ("failed", 2)
    assert r.steps["slow"].status == "failed" and "timed out" in r.steps["slow"].error
    assert r.steps["slow"].durations[0] < 5
    assert r.steps["indep"].status == "completed"
    assert r.steps["dep"].status == "skipped" and "bad" in r.steps["dep"].error
    assert len(r.durations) == 5 and set(r.errors) == {"bad", "slow", "dep"}


# --- validation -------------------------------------------------------------------------------


BAD_YAML = """\
name: bad
steps:
  - name: a
    type: noop
    paramz: {}
  - name: b
    type: noop
    depends_on: [zz]
  - name: c
    type: nope
  - name: d
    type: noop
    depends_on: [e]
  - name: e
    type: noop
    depends_on: [d]
"""


@pytest.mark.parametrize("use_native", [True, False])
def test_validation_issues_with_lines(tmp_path, use_native):
    if use_native and not NATIVE_WF:
        pytest.skip("native library not available")
    path = write_yaml(tmp_path, BAD_YAML)
    if use_native:
        wf = Workflow.from_yaml(path)
    else:
        with pf.config_context(swift_workflow_enabled=False):
            from parquetframe import workflow as w

            d = w.load_yaml(str(path), {})
            issues = w.validate(d)
            wf = None
    if wf is not None:
        issues = wf.validate()
    text = "\n".join(i.text for i in issues)
    assert all(isinstance(i, ValidationIssue) for i in issues)
    assert "line 5:" in text and "paramz" in text and "did you mean 'params'" in text
    assert "line 8:" in text and "unknown step 'zz'" in text
    assert "line 10:" in text and "unknown type 'nope'" in text
    assert "cycle: d -> e -> d" in text or "cycle: e -> d -> e" in text


def test_validate_raise_errors_and_run_refuses(tmp_path, engine):
    wf = Workflow.from_yaml(write_yaml(tmp_path, BAD_YAML))
    with pytest.raises(pf.InvalidArgumentError) as e:
        wf.validate(raise_errors=True)
    assert "line 5" in str(e.value) and len(e.value.issues) >= 4
    with pytest.raises(pf.InvalidArgumentError):
        wf.run(engine=engine)


def test_fallback_validator_without_native_library(tmp_path):
    path = write_yaml(tmp_path, BAD_YAML)
    with pf.config_context(swift_workflow_enabled=False):
        wf = Workflow.from_yaml(path)
        issues = wf.validate()
    assert len(issues) >= 4


def test_valid_workflow_has_no_issues(engine):
    wf = Workflow.from_yaml(EXAMPLES / "retry_demo.yaml")
    assert wf.validate() == []


def test_bad_arguments():
    with pytest.raises(TypeError):
        Workflow.from_dict(["not", "a", "mapping"])
    with pytest.raises(FileNotFoundError):
        Workflow.from_yaml("/nonexistent/wf.yaml")
    wf = Workflow.from_dict({"name": "x", "steps": [{"name": "a", "type": "noop"}]})
    with pytest.raises(ValueError):
        wf.run(max_parallel=0)
    with pytest.raises(TypeError):
        wf.run(cancel_token=object())
    with pytest.raises(TypeError):
        wf.run(step_handlers={"a": 3})


# --- history, resume, rendering ----------------------------------------------------------------


def test_history_written_in_the_same_format(tmp_path, engine):
    wf = Workflow.from_dict({"name": "h", "config": {"work_dir": str(tmp_path)},
                             "steps": [{"name": "a", "type": "noop", "params": {"rows": 3}},
                                       {"name": "b", "type": "command", "params": {"shell": "echo hi"}}]})
    r = wf.run(engine=engine)
    path = Path(r.history_path)
    assert path.parent == tmp_path / ".pframe-history" and path.name == r.run_id + ".json"
    rec = json.loads(path.read_text())
    assert set(rec) >= {"run_id", "workflow", "status", "started_at", "ended_at", "resumed_from", "steps"}
    assert rec["status"] == "succeeded" and rec["workflow"] == "h"
    step_keys = {"name", "type", "status", "attempts", "started_at", "ended_at", "attempt_durations_s", "error",
                 "stdout", "stderr", "exit", "output_path", "output_written", "rows", "produced_table"}
    assert all(set(s) == step_keys for s in rec["steps"])
    assert rec["steps"][1]["stdout"] == "hi\n"
    other = tmp_path / "hist"
    r2 = wf.run(engine=engine, history_dir=other)
    assert Path(r2.history_path).parent == other
    assert wf.run(engine=engine, write_history=False).history_path is None


@pytest.mark.parametrize("second", ["swift", "python"])
def test_resume_reuses_completed_steps(tmp_path, engine, second):
    if second == "swift" and not NATIVE_WF:
        pytest.skip("native library not available")
    yaml = write_yaml(tmp_path, f"""\
        name: resumable
        variables: {{fail: "1"}}
        config: {{work_dir: "{tmp_path}"}}
        steps:
          - name: first
            type: command
            params: {{shell: "echo run >> first.log"}}
          - name: table
            type: noop
            params: {{rows: 2}}
            output: t.parquet
            inputs: [data.parquet]
          - name: flaky
            type: noop
            depends_on: [first]
            params: {{fail_times: "${{fail}}"}}
    """)
    pq.write_table(pa.table({"x": [1, 2]}), tmp_path / "data.parquet")
    r1 = Workflow.from_yaml(yaml).run(engine=engine)
    assert r1.status == "failed" and r1.steps["flaky"].status == "failed"
    r2 = Workflow.from_yaml(yaml, variables={"fail": "0"}).run(engine=second, resume=r1.run_id)
    assert r2.status == "succeeded" and r2.resumed_from == r1.run_id
    assert r2.steps["first"].status == "reused"
    assert r2.steps["flaky"].status == "completed"
    assert (tmp_path / "first.log").read_text() == "run\n"  # not run again
    with pytest.raises(pf.InvalidArgumentError):
        Workflow.from_yaml(yaml).run(engine=engine, resume="20000101T000000Z-000000")


def test_mermaid_and_dot(engine):
    wf = Workflow.from_yaml(EXAMPLES / "pipeline.yaml")
    m, d = wf.to_mermaid(), wf.to_dot()
    assert m.startswith("flowchart TD") and 's4["graph<br/>(graph.build)"]' in m and "s4 --> s5" in m
    assert d.startswith('digraph "pipeline"') and '"graph" -> "pagerank";' in d
    if NATIVE_WF:
        from parquetframe import workflow as w

        assert w.to_mermaid(wf._definition) == m
        assert w.to_dot(wf._definition) == d


def test_result_helpers(tmp_path, engine):
    wf = Workflow.from_dict({"name": "x", "config": {"work_dir": str(tmp_path)},
                             "steps": [{"name": "a", "type": "noop", "params": {"fail_times": 1}}]})
    r = wf.run(engine=engine)
    assert not r.succeeded and r.attempts == {"a": 1}
    with pytest.raises(pf.ParquetFrameError):
        r.raise_for_status()


def test_write_step_options_and_atomicity(tmp_path, engine):
    pq.write_table(pa.table({"a": list(range(100)), "b": [f"s{i}" for i in range(100)]}), tmp_path / "in.parquet")
    wf = Workflow.from_dict({"name": "w", "config": {"work_dir": str(tmp_path)}, "steps": [
        {"name": "r", "type": "read", "params": {"path": "in.parquet", "columns": ["a", "b"], "limit": 50}},
        {"name": "pq", "type": "write", "inputs": ["r"],
         "params": {"path": "out/x.parquet", "compression": "snappy", "row_group_size": 20}},
        {"name": "csv", "type": "write", "inputs": ["r"], "params": {"path": "out/x.tsv", "delimiter": "\\t"}},
        {"name": "bad", "type": "write", "inputs": ["r"], "depends_on": ["pq", "csv"],
         "params": {"path": "out/x.parquet", "compression": "nope"}},
    ]})
    issues = wf.validate()
    if engine == "swift":
        assert any("compression" in i.message for i in issues)
    meta = pq.ParquetFile(tmp_path / "in.parquet").metadata
    assert meta.num_rows == 100
    wf2 = Workflow.from_dict({"name": "w", "config": {"work_dir": str(tmp_path)}, "steps": wf._tree["steps"][:3]})
    r = wf2.run(engine=engine)
    assert r.status == "succeeded", r.errors
    f = pq.ParquetFile(tmp_path / "out/x.parquet")
    assert f.metadata.num_rows == 50 and f.metadata.num_row_groups == 3
    assert f.metadata.row_group(0).column(0).compression == "SNAPPY"
    assert (tmp_path / "out/x.tsv").read_text().splitlines()[1].split("\t")[0] == "0"
    assert sorted(os.listdir(tmp_path / "out")) == ["x.parquet", "x.tsv"]
    shutil.rmtree(tmp_path / "out")


def test_config_switch_selects_the_fallback(tmp_path):
    wf = Workflow.from_dict({"name": "x", "config": {"work_dir": str(tmp_path)},
                             "steps": [{"name": "a", "type": "noop"}]})
    with pf.config_context(swift_workflow_enabled=False):
        assert wf.run().engine == "python"
    assert wf.run().engine == ("swift" if NATIVE_WF else "python")
    assert pf.Workflow is Workflow and pf.CancellationToken is CancellationToken


# --- engine timing and python step threads --------------------------------------------------


def test_engine_seconds_is_reported_and_within_the_call(tmp_path, engine):
    steps = [{"name": f"s{i}", "type": "noop"} for i in range(200)]
    steps += [{"name": "join", "type": "noop", "depends_on": [f"s{i}" for i in range(200)]}]
    wf = Workflow.from_dict({"name": "timing", "config": {"work_dir": str(tmp_path)}, "steps": steps})
    t0 = time.perf_counter()
    r = wf.run(engine=engine, write_history=False, keep_outputs=False)
    wall = time.perf_counter() - t0
    assert r.status == "succeeded"
    assert isinstance(r.engine_seconds, float)
    assert 0 < r.engine_seconds <= wall
    assert r.record["engine_seconds"] == r.engine_seconds
    # steps are built lazily but are all there
    assert len(r.steps) == 201 and r.steps["join"].status == "completed"
    assert "steps=201" in repr(r)


def test_python_threads_runs_python_steps_concurrently_or_one_at_a_time(tmp_path, engine):
    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def step():
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.02)  # releases the GIL
        with lock:
            state["now"] -= 1

    names = [f"p{i}" for i in range(6)]
    wf = Workflow.from_dict({"name": "pyt", "config": {"work_dir": str(tmp_path), "max_parallel": 4},
                             "steps": [{"name": n, "type": "python"} for n in names]})
    handlers = {n: step for n in names}
    r = wf.run(engine=engine, step_handlers=handlers, write_history=False)
    assert r.status == "succeeded", r.errors
    assert state["max"] == 1  # default: one python step at a time
    state["max"] = 0
    r = wf.run(engine=engine, step_handlers=handlers, write_history=False, python_threads=3)
    assert r.status == "succeeded", r.errors
    assert 2 <= state["max"] <= 3
    with pytest.raises(ValueError):
        wf.run(engine=engine, step_handlers=handlers, python_threads=0)
    with pytest.raises(TypeError):
        wf.run(engine=engine, step_handlers=handlers, python_threads=True)


def test_python_step_params_are_passed_on_every_call(tmp_path, engine):
    seen = []
    wf = Workflow.from_dict({"name": "pp", "config": {"work_dir": str(tmp_path)}, "steps": [
        {"name": "a", "type": "python", "params": {"k": 1}},
        {"name": "b", "type": "python", "params": {"k": 2}, "depends_on": ["a"]},
    ]})
    handlers = {"a": lambda **kw: seen.append(("a", kw)), "b": lambda **kw: seen.append(("b", kw))}
    for _ in range(2):
        assert wf.run(engine=engine, step_handlers=handlers, write_history=False).status == "succeeded"
    assert seen == [("a", {"k": 1}), ("b", {"k": 2})] * 2


def test_python_steps_run_on_the_calling_thread_by_default(tmp_path, engine):
    # The native engine runs python steps on the thread that called run() (one python
    # thread); the fallback on its pool. Either way each step gets its own handler.
    threads = {}
    names = [f"p{i}" for i in range(20)]
    steps = [{"name": n, "type": "python", **({"depends_on": [names[i - 1]]} if i % 2 else {})} for i, n in enumerate(names)]
    wf = Workflow.from_dict({"name": "pt", "config": {"work_dir": str(tmp_path)}, "steps": steps})
    handlers = {n: (lambda n=n: threads.__setitem__(n, threading.get_ident())) for n in names}
    r = wf.run(engine=engine, step_handlers=handlers, write_history=False)
    assert r.status == "succeeded", r.errors
    assert sorted(threads) == sorted(names)
    if engine == "swift":
        assert set(threads.values()) == {threading.get_ident()}


@pytest.mark.parametrize("keep_outputs", [True, False])
def test_outputs_of_python_steps_in_definition_order(tmp_path, engine, keep_outputs):
    wf = Workflow.from_dict({"name": "po", "config": {"work_dir": str(tmp_path)}, "steps": [
        {"name": "c", "type": "python"},
        {"name": "none", "type": "python"},
        {"name": "a", "type": "python", "inputs": ["c"]},
        {"name": "fails", "type": "python", "depends_on": ["a"]},
        {"name": "b", "type": "python", "depends_on": ["fails"]},
    ]})

    def boom():
        raise ValueError("no luck")

    handlers = {"c": lambda: pa.table({"x": [1, 2]}), "none": lambda: None,
                "a": lambda f: pa.table({"y": [v * 3 for v in f.to_arrow()["x"].to_pylist()]}),
                "fails": boom, "b": lambda: pa.table({"z": [0]})}
    r = wf.run(engine=engine, step_handlers=handlers, write_history=False, keep_outputs=keep_outputs)
    assert r.status == "failed"
    assert [(n, s.status) for n, s in r.steps.items()] == [
        ("c", "completed"), ("none", "completed"), ("a", "completed"), ("fails", "failed"), ("b", "skipped")]
    assert "ValueError: no luck" in r.errors["fails"]
    assert [n for n, s in r.steps.items() if s.produced_table] == ["c", "a"]
    if keep_outputs:
        assert list(r.outputs) == ["c", "a"]
        assert r.outputs["a"].to_arrow()["y"].to_pylist() == [3, 6]
    else:
        assert r.outputs == {}
    assert "output_steps" not in r.record


def test_keyboard_interrupt_in_a_python_step_cancels_the_native_run(tmp_path):
    # Python steps run on the caller's thread, where Ctrl-C lands as KeyboardInterrupt.
    if not NATIVE_WF:
        pytest.skip("native workflow engine not available")
    ran = []

    def interrupted():
        raise KeyboardInterrupt

    wf = Workflow.from_dict({"name": "ki", "config": {"work_dir": str(tmp_path)}, "steps": [
        {"name": "a", "type": "python"},
        {"name": "b", "type": "python", "depends_on": ["a"], "retries": 3},
        {"name": "c", "type": "python", "depends_on": ["b"]},
    ]})
    with pytest.raises(KeyboardInterrupt):
        wf.run(engine="swift", write_history=False,
               step_handlers={"a": lambda: ran.append("a"), "b": interrupted, "c": lambda: ran.append("c")})
    assert ran == ["a"]
    # the workflow stays usable
    r = wf.run(engine="swift", write_history=False,
               step_handlers={"a": lambda: ran.append("a"), "b": lambda: None, "c": lambda: ran.append("c")})
    assert r.status == "succeeded" and ran == ["a", "a", "c"]
