"""`pframe workflow ...`: runs the built binary (env PFRAME_BIN, default .build/release/pframe)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parent.parent
PFRAME = Path(os.environ.get("PFRAME_BIN", REPO / ".build" / "release" / "pframe"))
EXAMPLES = REPO / "examples"

pytestmark = pytest.mark.skipif(not PFRAME.is_file(), reason=f"pframe binary not built ({PFRAME}); run `make test`")


def pframe(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(PFRAME), *args], capture_output=True, text=True, cwd=cwd, timeout=timeout)


def write(tmp_path: Path, text: str, name: str = "wf.yaml") -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text))
    return p


def test_validate_ok_and_invalid(tmp_path):
    ok = pframe("workflow", "validate", str(EXAMPLES / "pipeline.yaml"))
    assert ok.returncode == 0, ok.stderr
    assert "is valid (9 steps)" in ok.stdout
    bad = write(tmp_path, """\
        name: bad
        steps:
          - name: a
            type: noop
            depends_on: [missing]
          - name: b
            type: graph.pagerank
            params: {alpah: 0.9}
    """)
    r = pframe("workflow", "validate", str(bad))
    assert r.returncode == 1
    assert "line 5:" in r.stderr and "unknown step 'missing'" in r.stderr
    assert "line 8:" in r.stderr and "did you mean 'alpha'" in r.stderr
    assert "needs exactly one input" in r.stderr
    assert "Traceback" not in r.stderr


def test_python_steps_are_a_clear_error(tmp_path):
    wf = write(tmp_path, """\
        name: py
        steps:
          - name: p
            type: python
            params: {function: "m:f"}
    """)
    r = pframe("workflow", "run", str(wf))
    assert r.returncode == 1
    assert "python steps need the Python driver" in r.stderr


def test_run_example_pipeline(tmp_path):
    r = pframe("workflow", "run", str(EXAMPLES / "pipeline.yaml"), "-V", "edges=1000", "-V", "vertices=100",
               "-V", f"work={tmp_path / 'w'}", "--max-parallel", "2")
    assert r.returncode == 0, r.stderr
    assert "succeeded" in r.stdout and "pagerank" in r.stdout
    assert "completed pagerank" in r.stderr  # one progress line per event (stderr is not a TTY)
    t = pq.read_table(tmp_path / "w/results/pagerank.parquet")
    assert t.num_rows == 100
    hist = list((tmp_path / "w/.pframe-history").glob("*.json"))
    assert len(hist) == 1 and json.loads(hist[0].read_text())["status"] == "succeeded"
    h = pframe("workflow", "history", "--dir", str(tmp_path / "w/.pframe-history"))
    assert h.returncode == 0 and "pipeline" in h.stdout and "succeeded" in h.stdout and "9/9 steps" in h.stdout
    one = pframe("workflow", "history", hist[0].stem, "--dir", str(tmp_path / "w/.pframe-history"))
    assert one.returncode == 0 and "graph.pagerank" in one.stdout


def test_failed_run_exits_1_and_dry_run(tmp_path):
    wf = write(tmp_path, f"""\
        name: f
        config: {{work_dir: "{tmp_path}"}}
        steps:
          - name: a
            type: command
            params: {{shell: "exit 3"}}
          - name: b
            type: noop
            depends_on: [a]
    """)
    r = pframe("workflow", "run", str(wf), "--quiet")
    assert r.returncode == 1
    assert "workflow 'f' failed: step 'a'" in r.stderr
    dry = pframe("workflow", "run", str(wf), "--dry-run")
    assert dry.returncode == 0 and "stage 1: a" in dry.stdout and "stage 2: b" in dry.stdout
    assert len(list((tmp_path / ".pframe-history").glob("*.json"))) == 1  # the dry run recorded nothing


def test_graph_formats():
    m = pframe("workflow", "graph", str(EXAMPLES / "retry_demo.yaml"), "--format", "mermaid")
    assert m.returncode == 0 and m.stdout.startswith("flowchart TD")
    d = pframe("workflow", "graph", str(EXAMPLES / "retry_demo.yaml"), "--format", "dot")
    assert d.returncode == 0 and '"slow" -> "cleanup";' in d.stdout
    bad = pframe("workflow", "graph", str(EXAMPLES / "retry_demo.yaml"), "--format", "svg")
    assert bad.returncode == 2


def test_sigint_stops_gracefully(tmp_path):
    wf = write(tmp_path, f"""\
        name: long
        config: {{work_dir: "{tmp_path}"}}
        steps:
          - name: sleeper
            type: command
            params: {{args: [sleep, "60"]}}
          - name: hang
            type: noop
            params: {{hang: true}}
          - name: after
            type: noop
            depends_on: [sleeper]
    """)
    proc = subprocess.Popen([str(PFRAME), "workflow", "run", str(wf)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    t0 = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert time.monotonic() - t0 < 15
    assert proc.returncode != 0
    assert "interrupted" in err and "cancelled" in err
    hist = list((tmp_path / ".pframe-history").glob("*.json"))
    assert len(hist) == 1
    rec = json.loads(hist[0].read_text())
    assert rec["status"] == "cancelled"
    steps = {s["name"]: s["status"] for s in rec["steps"]}
    assert steps["sleeper"] == "cancelled" and steps["hang"] == "cancelled"
    assert steps["after"] in ("skipped", "cancelled")


def test_resume_from_cli(tmp_path):
    wf = write(tmp_path, f"""\
        name: r
        variables: {{fail: "1"}}
        config: {{work_dir: "{tmp_path}"}}
        steps:
          - name: first
            type: command
            params: {{shell: "echo x >> log.txt"}}
          - name: second
            type: noop
            depends_on: [first]
            params: {{fail_times: "${{fail}}"}}
    """)
    r1 = pframe("workflow", "run", str(wf), "--json", "--quiet")
    assert r1.returncode == 1
    run_id = json.loads(r1.stdout)["run_id"]
    r2 = pframe("workflow", "run", str(wf), "-V", "fail=0", "--resume", run_id)
    assert r2.returncode == 0, r2.stderr
    assert "reused" in r2.stdout and f"resumed from {run_id}" in r2.stdout
    assert (tmp_path / "log.txt").read_text() == "x\n"


def test_bad_variable_syntax_is_usage_error():
    r = pframe("workflow", "run", str(EXAMPLES / "pipeline.yaml"), "-V", "novalue")
    assert r.returncode == 2
