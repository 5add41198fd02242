"""CSV conformance over ``../shared/corpora/csv`` (see its MANIFEST.tsv).

* expected-output suites must match: csv-spectrum (``*.expected.json``) and the
  commons-csv ``CSVFileParser`` control files (``n:[fields]`` per record);
* every other file: the native reader, the pyarrow fallback and ``pyarrow.csv.read_csv``
  with the same dialect agree (same table, or all three fail); files pyarrow cannot read
  must make both backends raise a clear ``ParquetFrameError`` or read the same table
  (documented differences: empty file and header-only file read as empty tables);
* malformed/fuzz files must raise ``ParquetFrameError`` or read, never crash or hang:
  the native reader runs in a subprocess with a timeout, so a crash fails the test
  instead of killing pytest.

Counts per category are printed (``pytest -s``) and asserted.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.ipc as ipc
import pytest

import parquetframe as pf
from parquetframe.csv import DEFAULT_NULL_VALUES

from conftest import NATIVE, NATIVE_SKIP_REASON, REPO, subprocess_env

CORPUS = REPO.parent / "shared" / "corpora" / "csv"
pytestmark = pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").is_file(), reason=f"no corpus at {CORPUS}")
TIMEOUT_S = 60


def _manifest() -> list[dict]:
    lines = (CORPUS / "MANIFEST.tsv").read_text().splitlines()
    head = lines[0].split("\t")
    rows = [dict(zip(head, line.split("\t"))) for line in lines[1:] if line.strip()]
    for r in rows:
        r["path"] = CORPUS / r["dest_path"].removeprefix("csv/")
    return rows


def _dialect(features: str) -> dict:
    """Read options from the manifest's sniffed features (we do not sniff dialects)."""
    opts: dict = {}
    for f in features.split(";"):
        if f.startswith("delimiter:"):
            d = f[len("delimiter:"):]
            opts["delimiter"] = {"SPACE": " ", "TAB": "\t", "": ";"}.get(d, d)
    return opts


# --- native reads in a subprocess ----------------------------------------------------------

_WORKER = r"""
import json, sys
import pyarrow as pa, pyarrow.ipc as ipc
import parquetframe as pf
for line in sys.stdin:
    job = json.loads(line)
    print(json.dumps({"start": job["id"]}), flush=True)
    try:
        t = pf.read_csv(job["path"], backend="swift", **job["options"]).to_arrow()
        with ipc.new_file(job["out"], t.schema) as w:
            w.write_table(t)
        res = {"id": job["id"], "ok": True}
    except pf.ParquetFrameError as e:
        res = {"id": job["id"], "ok": False, "error": type(e).__name__, "message": str(e)}
    except Exception as e:
        res = {"id": job["id"], "ok": False, "error": "NOT-A-ParquetFrameError:" + type(e).__name__, "message": str(e)}
    print(json.dumps(res), flush=True)
"""


def native_reads(jobs: list[tuple[str, Path, dict]], tmp: Path) -> dict[str, dict]:
    """Run ``pf.read_csv(backend="swift")`` for each job in worker subprocesses.

    A job that crashes the worker or exceeds ``TIMEOUT_S`` is recorded as
    ``{"ok": False, "error": "CRASH"/"TIMEOUT"}``; the worker restarts after it.
    Successful results carry the table (read back from an Arrow IPC file).
    """
    results: dict[str, dict] = {}
    pending = list(jobs)
    while pending:
        proc = subprocess.Popen([sys.executable, "-c", _WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=subprocess_env())
        payload = "".join(json.dumps({"id": i, "path": str(p), "options": o, "out": str(tmp / f"{n}.arrow")}) + "\n"
                          for n, (i, p, o) in enumerate(pending))
        try:
            out, err = proc.communicate(payload, timeout=TIMEOUT_S * max(1, len(pending)) / 4 + TIMEOUT_S)
            timed_out = False
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            timed_out = True
        started = None
        for line in out.splitlines():
            msg = json.loads(line)
            if "start" in msg:
                started = msg["start"]
                continue
            results[msg["id"]] = msg
            started = None
        if started is not None:  # died or hung inside this job
            results[started] = {"id": started, "ok": False, "error": "TIMEOUT" if timed_out else "CRASH",
                                "message": err[-2000:]}
        elif proc.returncode not in (0, None) and len(results) < len(jobs):
            pytest.fail(f"CSV worker died outside a job: rc={proc.returncode} {err[-2000:]}")
        done = set(results)
        index = {i: n for n, (i, _, _) in enumerate(pending)}
        rest = [j for j in pending if j[0] not in done]
        # Keep the numbering stable for the IPC file names.
        for i, res in results.items():
            if res.get("ok") and "table" not in res and i in index:
                with ipc.open_file(tmp / f"{index[i]}.arrow") as r:
                    res["table"] = r.read_all()
        if len(rest) == len(pending):  # no progress: should not happen
            pytest.fail(f"CSV worker made no progress: {err[-2000:]}")
        pending = rest
    return results


# --- comparison --------------------------------------------------------------------------


def _same_values(a: pa.ChunkedArray, b: pa.ChunkedArray) -> bool:
    if a.type != b.type or len(a) != len(b):
        return False
    la, lb = a.to_pylist(), b.to_pylist()
    for x, y in zip(la, lb):
        if isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y):
            continue
        if x != y:
            return False
    return True


def tables_equal(a: pa.Table, b: pa.Table) -> bool:
    if a.column_names != b.column_names or a.num_rows != b.num_rows:
        return False
    return all(_same_values(a.column(i), b.column(i)) for i in range(a.num_columns))


def describe_diff(a: pa.Table, b: pa.Table) -> str:
    if a.schema != b.schema:
        return f"schemas differ:\n{a.schema}\nvs\n{b.schema}"
    if a.num_rows != b.num_rows:
        return f"rows differ: {a.num_rows} vs {b.num_rows}"
    for i, n in enumerate(a.column_names):
        if not _same_values(a.column(i), b.column(i)):
            return f"column {n!r} differs:\n{a.column(i).to_pylist()[:20]}\nvs\n{b.column(i).to_pylist()[:20]}"
    return "equal"


def pyarrow_reference(path: Path, options: dict) -> pa.Table:
    """``pyarrow.csv.read_csv`` with the same dialect, normalized where ParquetFrame documents a difference.

    Same dialect: the delimiter, our null tokens (pyarrow's default list also nulls
    ``NaN``), strings can be null, only word booleans are inferred, one block (types over
    the whole file). Normalized: all-null columns utf8 (pyarrow: null), time32 columns
    re-read as text (not inferred by ParquetFrame).
    """
    body = path.read_bytes()

    def read(types: dict) -> pa.Table:
        return pacsv.read_csv(
            pa.BufferReader(body),
            read_options=pacsv.ReadOptions(block_size=max(1 << 20, len(body) + 1)),
            parse_options=pacsv.ParseOptions(delimiter=options.get("delimiter", ","), newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                null_values=list(DEFAULT_NULL_VALUES), strings_can_be_null=True,
                true_values=["true", "True", "TRUE"], false_values=["false", "False", "FALSE"], column_types=types),
        )

    t = read({})
    redo = {f.name: pa.utf8() for f in t.schema if pa.types.is_time(f.type)}
    if redo:
        t = read(redo)
    return pa.Table.from_arrays([t.column(i).cast(pa.utf8()) if f.type == pa.null() else t.column(i)
                                 for i, f in enumerate(t.schema)], names=t.column_names)


# --- the test -----------------------------------------------------------------------------


def _fallback(path: Path, options: dict) -> dict:
    try:
        return {"ok": True, "table": pf.read_csv(path, backend="pyarrow", **options).to_arrow()}
    except pf.ParquetFrameError as e:
        return {"ok": False, "error": type(e).__name__, "message": str(e)}


@pytest.mark.skipif(not NATIVE, reason=NATIVE_SKIP_REASON)
def test_corpus_native_fallback_pyarrow(tmp_path: Path) -> None:
    rows = [r for r in _manifest() if r["category"] != "expected-values"]
    # Files that are not UTF-8 fail by default; read them again with encoding_errors="replace".
    rows += [{**r, "dest_path": r["dest_path"] + "#replace", "replace": True} for r in list(rows)
             if "encoding:non-utf8" in r["features"]]
    jobs = [(r["dest_path"], r["path"],
             {**_dialect(r["features"]), **({"encoding_errors": "replace"} if r.get("replace") else {})})
            for r in rows]
    native = native_reads(jobs, tmp_path)
    counts: Counter = Counter()
    failures: list[str] = []
    notes: list[str] = []
    for r, (key, path, options) in zip(rows, jobs):
        cat = r["category"]
        nat = native[key]
        fb = _fallback(path, options)
        if nat["error"] if not nat["ok"] else False:
            if nat["error"] in ("CRASH", "TIMEOUT") or nat["error"].startswith("NOT-A-"):
                failures.append(f"{key}: native {nat['error']}: {nat['message'][-500:]}")
                counts[f"{cat}:FAIL"] += 1
                continue
        # native == fallback
        if nat["ok"] != fb["ok"]:
            failures.append(f"{key}: native ok={nat['ok']} fallback ok={fb['ok']}: "
                            f"{nat.get('message') or fb.get('message')}")
            counts[f"{cat}:FAIL"] += 1
            continue
        if nat["ok"] and not tables_equal(nat["table"], fb["table"]):
            failures.append(f"{key}: native != fallback: {describe_diff(nat['table'], fb['table'])}")
            counts[f"{cat}:FAIL"] += 1
            continue
        if not nat["ok"]:
            assert nat["message"], key
            counts[f"{cat}:both-error"] += 1
            notes.append(f"{key}: {nat['error']}: {nat['message'][:150]}")
            continue
        # == pyarrow.csv with the same dialect (which has no U+FFFD replacement mode)
        ours = nat["table"]
        if r.get("replace"):
            counts[f"{cat}:replace-native-eq-fallback"] += 1
            continue
        if r["pyarrow_csv"].startswith("ok"):
            try:
                ref = pyarrow_reference(path, options)
            except pa.ArrowInvalid as exc:
                ref = None
                notes.append(f"{key}: pyarrow (same dialect) fails: {exc}")
            if ref is not None and ref.num_columns and not tables_equal(ours, ref):
                failures.append(f"{key}: ours != pyarrow: {describe_diff(ours, ref)}")
                counts[f"{cat}:FAIL"] += 1
                continue
            counts[f"{cat}:equal-pyarrow"] += 1
        else:
            counts[f"{cat}:read-where-pyarrow-fails"] += 1
            notes.append(f"{key}: pyarrow: {r['pyarrow_csv'][:100]}; ours: {ours.num_rows} rows x "
                         f"{ours.num_columns} cols")
    print("\nCSV corpus (native == fallback == pyarrow):")
    for k, v in sorted(counts.items()):
        print(f"  {k}: {v}")
    for n in notes:
        print(f"  note: {n}")
    for f in failures:
        print(f"  FAIL: {f}")
    assert not failures, "\n".join(failures)
    assert sum(counts.values()) == len(rows)
    fuzz = sum(r["category"] == "malformed-fuzz" for r in rows)
    assert fuzz >= 4
    assert sum(v for k, v in counts.items() if k.startswith("malformed-fuzz:") and not k.endswith("FAIL")) == fuzz
    # Most valid files must read equal to pyarrow with the same dialect.
    assert counts["data:equal-pyarrow"] >= 35


def _spectrum_cases() -> list[Path]:
    return sorted((CORPUS / "csv-spectrum").glob("*.expected.json")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("expected", _spectrum_cases(), ids=lambda p: p.name)
def test_csv_spectrum(expected: Path, backend: str) -> None:
    rows = json.loads(expected.read_text())
    csv_path = expected.with_name(expected.name.replace(".expected.json", ".csv"))
    names = list(rows[0].keys())
    # The suite's files are comma-separated; escaped_quotes uses doubled quotes only.
    t = pf.read_csv(csv_path, null_values=[], column_types={n: "utf8" for n in names}, backend=backend).to_arrow()
    assert t.column_names == names
    assert t.to_pylist() == rows


_CONTROL = ["test_default.txt", "test_default_comment.txt"]
# test_rfc4180*.txt need ignore_empty_lines=False / trimming, which the Python API does
# not expose; the Swift corpus test (Tests/PFFormatsTests/CSVCorpusTests.swift) covers them.


@pytest.mark.parametrize("control", _CONTROL)
def test_commons_csv_control_files(control: str, backend: str) -> None:
    d = CORPUS / "commons-csv" / "CSVFileParser"
    lines = (d / control).read_text().split("\n")
    settings = lines[0].split(" ")
    comment = next((s[-1] for s in settings if s.startswith("CommentStart=")), None)
    assert "IgnoreEmpty=true" in settings
    want = [ln for ln in lines[2:] if ln]
    t = pf.read_csv(d / settings[0], header=False, ragged="fill", null_values=[], comment=comment,
                    column_types={f"f{i}": "utf8" for i in range(4)}, backend=backend).to_arrow()
    got = []
    for rec in t.to_pylist():
        fields = [v for v in rec.values() if v is not None]  # padded fields are null, "" stays ""
        got.append(f"{len(fields)}:[{', '.join(fields)}]")
    assert len(got) == len(want)
    for g, w in zip(got, want):
        # commons-csv drops spaces after a closing quote; pyarrow and ParquetFrame keep them.
        assert g == w or g.replace(" ", "") == w.replace(" ", ""), (g, w)
    exact = sum(g == w for g, w in zip(got, want))
    print(f"\ncommons-csv {control}: {len(want)} records, {exact} exact, {len(want) - exact} differ only in "
          "spaces after a closing quote")
