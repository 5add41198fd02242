"""Conformance of the Parquet reader against pyarrow over the shared corpus.

Every file of ``../shared/corpora/parquet/MANIFEST.tsv`` is read by pyarrow (the
reference) and by parquetframe, each in a subprocess (pyarrow aborts on two encrypted
files; a crash of ours must be a failure, not a dead pytest), with a timeout.

- files pyarrow reads must read equal (values, nulls, types), up to the documented
  differences in ALLOWED_DIFFERENCES;
- malformed files must raise FormatError (or, when the feature is simply not supported,
  UnsupportedError), never crash or hang;
- encrypted files must raise UnsupportedError.
Counts per category are printed.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from arrow_compare import plain

ROOT = Path(__file__).resolve().parent.parent
CORPORA = (ROOT / ".." / "shared" / "corpora").resolve()
MANIFEST = CORPORA / "parquet" / "MANIFEST.tsv"
WORKER = Path(__file__).resolve().parent / "_parquet_corpus_worker.py"
TIMEOUT = float(os.environ.get("PF_CONFORMANCE_TIMEOUT", "120"))
HEAVY = os.environ.get("PF_HEAVY") == "1"
SKIP_NAMES = set() if HEAVY else {"large_string_map.brotli.parquet"}

#: Files whose result deliberately differs from pyarrow's, with the reason.
ALLOWED_DIFFERENCES: dict[str, str] = {}

pytestmark = pytest.mark.skipif(not MANIFEST.exists(), reason="Parquet corpus not available")


def _manifest() -> list[dict]:
    lines = MANIFEST.read_text().splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]
    return [r for r in rows if r["category"] != "aux" and Path(r["dest_path"]).name not in SKIP_NAMES]


def _run_all(mode: str, files: list[str], out: Path) -> dict[str, dict]:
    """Runs the worker over `files`, restarting after a crash or timeout."""
    results: dict[str, dict] = {}
    todo = list(files)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "python") + os.pathsep + env.get("PYTHONPATH", "")
    while todo:
        idx = {p: files.index(p) for p in todo}
        # Index files by global position so outputs do not collide across restarts.
        sub = out / f"{mode}-{idx[todo[0]]}"
        sub.mkdir(parents=True, exist_ok=True)
        try:
            # A whole-run bound: generous per file, so a hang anywhere ends the run.
            proc = subprocess.run([sys.executable, str(WORKER), mode, str(sub), *todo], capture_output=True,
                                  text=True, timeout=TIMEOUT + 10 * len(todo), env=env)
            stdout, code, stderr = proc.stdout, proc.returncode, proc.stderr
        except subprocess.TimeoutExpired as exc:
            stdout, code = (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else (exc.stdout or ""), -999
            stderr = ""
        started = None
        for line in stdout.splitlines():
            rec = json.loads(line)
            if "start" in rec:
                started = rec["start"]
                continue
            if rec.get("ok"):
                rec["file"] = str(sub / f"{rec['index']}.arrow")
            results[rec["path"]] = rec
            started = None
        before = len(todo)
        todo = [p for p in todo if p not in results]
        if started is None and len(todo) == before and code != 0:
            # The worker made no progress at all (it could not start): fail every file
            # instead of restarting forever.
            for p in todo:
                results[p] = {"path": p, "ok": False, "error": "WORKER_FAILED", "message": stderr[-500:]}
            todo = []
        elif started is not None and started in todo:
            results[started] = {"path": started, "ok": False, "error": "CRASH" if code != -999 else "TIMEOUT",
                                "message": f"exit code {code}"}
            todo.remove(started)
        elif todo and code == 0:
            for p in todo:
                results[p] = {"path": p, "ok": False, "error": "MISSING", "message": ""}
            todo = []
    return results


def _load(path: str) -> pa.Table:
    with pa.memory_map(path) as src:
        return pa.ipc.open_file(src).read_all()


def _normalize_type(t: pa.DataType) -> pa.DataType:
    if pa.types.is_dictionary(t):
        return _normalize_type(t.value_type)
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return pa.list_(_normalize_type(t.value_type))
    if pa.types.is_map(t):
        return pa.map_(_normalize_type(t.key_type), _normalize_type(t.item_type))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _normalize_type(f.type)) for f in t])
    return t


@pytest.fixture(scope="module")
def corpus_results(tmp_path_factory):
    rows = _manifest()
    files = [str(CORPORA / r["dest_path"]) for r in rows]
    out = tmp_path_factory.mktemp("parquet-conformance")
    ref = _run_all("ref", files, out)
    ours = _run_all("ours", files, out)
    return rows, ref, ours


def _compare(ref_file: str, our_file: str) -> str | None:
    a, b = _load(ref_file), _load(our_file)
    if a.num_rows != b.num_rows:
        return f"rows {b.num_rows} != pyarrow {a.num_rows}"
    if a.column_names != b.column_names:
        return f"columns {b.column_names} != pyarrow {a.column_names}"
    for name, x, y in zip(a.column_names, a.columns, b.columns):
        if x.type != y.type:
            return f"column {name}: type {y.type} != pyarrow {x.type}"
    na, nb = plain(a), plain(b)
    for name, x, y in zip(a.column_names, na.columns, nb.columns):
        if not x.equals(y):
            xs, ys = x.to_pylist(), y.to_pylist()
            for i, (u, v) in enumerate(zip(xs, ys)):
                if not _same(u, v):
                    return f"column {name} row {i}: {str(v)[:120]} != pyarrow {str(u)[:120]}"
    return None


def _same(u, v) -> bool:
    """Value equality in which NaN equals NaN (recursively)."""
    if isinstance(u, float) and isinstance(v, float) and u != u and v != v:
        return True
    if isinstance(u, (list, tuple)) and isinstance(v, (list, tuple)):
        return len(u) == len(v) and all(_same(a, b) for a, b in zip(u, v))
    if isinstance(u, dict) and isinstance(v, dict):
        return u.keys() == v.keys() and all(_same(u[k], v[k]) for k in u)
    return u == v


def test_corpus_conformance(corpus_results):
    rows, ref, ours = corpus_results
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    failures = []
    for r in rows:
        path = str(CORPORA / r["dest_path"])
        name = r["dest_path"]
        cat = r["category"]
        rr, oo = ref.get(path, {}), ours.get(path, {})
        if oo.get("error") in ("CRASH", "TIMEOUT", "MISSING"):
            failures.append(f"{name}: our reader {oo['error']} ({oo.get('message')})")
            counts[cat]["fail"] += 1
            continue
        if cat == "encrypted":
            if oo.get("ok") or oo.get("error") != "UnsupportedError":
                failures.append(f"{name}: encrypted file gave {oo.get('error') or 'a table'}")
                counts[cat]["fail"] += 1
            else:
                counts[cat]["pass"] += 1
            continue
        if rr.get("ok"):
            if not oo.get("ok"):
                msg = f"{name}: pyarrow reads it, we raised {oo.get('error')}: {oo.get('message')}"
                if cat.startswith("malformed") and oo.get("error") in ("FormatError", "UnsupportedError"):
                    # A corrupt file pyarrow happens to accept: a clean error is the right answer too.
                    counts[cat]["clean error (pyarrow reads)"] += 1
                    continue
                if name in ALLOWED_DIFFERENCES:
                    counts[cat]["allowed"] += 1
                    continue
                failures.append(msg)
                counts[cat]["fail"] += 1
                continue
            diff = _compare(rr["file"], oo["file"])
            if diff is None:
                counts[cat]["pass"] += 1
            elif name in ALLOWED_DIFFERENCES:
                counts[cat]["allowed"] += 1
            else:
                failures.append(f"{name}: {diff}")
                counts[cat]["fail"] += 1
        else:
            # pyarrow rejects it: we must raise a clean error (or, for files pyarrow cannot
            # read for lack of a feature, we may read them).
            if oo.get("ok"):
                counts[cat]["read (pyarrow fails)"] += 1
            elif oo.get("error") in ("FormatError", "UnsupportedError"):
                counts[cat]["clean error"] += 1
            else:
                failures.append(f"{name}: pyarrow fails, we raised {oo.get('error')}: {oo.get('message')}")
                counts[cat]["fail"] += 1
    print("\nParquet conformance by category:")
    for cat, c in sorted(counts.items()):
        print(f"  {cat:18s} " + ", ".join(f"{k}={v}" for k, v in sorted(c.items())))
    assert not failures, "\n".join(failures)
