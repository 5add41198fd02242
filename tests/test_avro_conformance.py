"""Avro conformance: every file of ``../shared/corpora/avro`` (see its MANIFEST.tsv).

* Files fastavro reads: the native reader's table equals, exactly (types, nullability,
  values), the fallback's table, which is built from fastavro's decoding; the row count
  equals fastavro's record count from the manifest. Files the native reader reports as
  unsupported (recursive schemas) must be unsupported by the
  fallback too, and be listed in ``EXPECTED_UNSUPPORTED``.
* Files fastavro rejects (malformed, legacy): both backends raise ``FormatError``. The
  native reader runs in a subprocess with a timeout, so a crash or a hang fails the test
  instead of killing pytest.

Counts per category are printed (``pytest -s``).
"""

from __future__ import annotations

import csv
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO, subprocess_env
from avro_support import NATIVE_IO, backend, requires_native  # noqa: F401 (backend is a fixture)

import parquetframe as pf


CORPUS = REPO.parent / "shared" / "corpora"
MANIFEST = CORPUS / "avro" / "MANIFEST.tsv"

#: Files fastavro reads that need features the core lacks, with the reason.
EXPECTED_UNSUPPORTED = {
    "avro/fastavro/recursive.avro": "recursive",
    "avro/generated/interop_bzip2.avro": "recursive",
    "avro/generated/interop_deflate.avro": "recursive",
    "avro/generated/interop_null.avro": "recursive",
}


def _entries() -> list[dict]:
    if not MANIFEST.is_file():
        return []
    with MANIFEST.open(newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


ENTRIES = _entries()
VALID = [e for e in ENTRIES if e["fastavro_readable"] == "yes"]
MALFORMED = [e for e in ENTRIES if e["fastavro_readable"] != "yes"]
RESULTS: Counter = Counter()

pytestmark = pytest.mark.skipif(not ENTRIES, reason=f"Avro corpus not found at {MANIFEST}")


def _read(path: Path, backend: str):
    return pf.read_avro(path, backend=backend).to_arrow()


@pytest.mark.parametrize("entry", VALID, ids=[e["dest_path"] for e in VALID])
def test_valid_file_fallback(entry):
    """The fastavro-based fallback reads every valid file (or reports it unsupported)."""
    rel = entry["dest_path"]
    path = CORPUS / rel
    if rel in EXPECTED_UNSUPPORTED:
        with pytest.raises(pf.UnsupportedError):
            _read(path, "pyarrow")
        RESULTS["fallback unsupported"] += 1
        return
    table = _read(path, "pyarrow")
    assert table.num_rows == int(entry["fastavro_records"] or 0)
    table.validate(full=True)
    RESULTS["fallback read"] += 1


@requires_native
@pytest.mark.parametrize("entry", VALID, ids=[e["dest_path"] for e in VALID])
def test_valid_file_native_equals_fallback(entry):
    rel = entry["dest_path"]
    path = CORPUS / rel
    if rel in EXPECTED_UNSUPPORTED:
        with pytest.raises(pf.UnsupportedError):
            _read(path, "swift")
        RESULTS["native unsupported (expected)"] += 1
        return
    native = _read(path, "swift")
    expected = _read(path, "pyarrow")
    native.validate(full=True)
    assert native.schema.equals(expected.schema), f"\nnative:   {native.schema}\nfallback: {expected.schema}"
    assert native.equals(expected), f"\nnative:   {native.to_pylist()[:3]}\nfallback: {expected.to_pylist()[:3]}"
    assert native.to_pylist() == expected.to_pylist() or _has_nan(expected)
    # Streaming with small batches concatenates to the same table.
    batches = [f.to_arrow() for f in pf.iter_avro_batches(path, batch_size=3, backend="swift")]
    assert all(b.num_rows <= 3 for b in batches)
    assert sum(b.num_rows for b in batches) == native.num_rows
    if batches and native.num_columns:  # concat_tables drops the rows of zero-column tables
        import pyarrow as pa

        assert pa.concat_tables(batches).equals(native)
    RESULTS["native == fallback"] += 1


def _has_nan(table) -> bool:
    return "nan" in repr(table.to_pylist()).lower()


_SUBPROCESS_READ = textwrap.dedent("""
    import sys
    import parquetframe as pf
    try:
        pf.read_avro(sys.argv[1], backend="swift")
    except pf.FormatError as e:
        print("FormatError:", e)
        sys.exit(3)
    except pf.ParquetFrameError as e:
        print(type(e).__name__ + ":", e)
        sys.exit(4)
    print("accepted")
    sys.exit(0)
""")


@pytest.mark.parametrize("entry", MALFORMED, ids=[e["dest_path"] for e in MALFORMED])
def test_malformed_file_raises_format_error(entry):
    path = CORPUS / entry["dest_path"]
    with pytest.raises(pf.FormatError):
        _read(path, "pyarrow")
    if NATIVE_IO:
        proc = subprocess.run([sys.executable, "-c", _SUBPROCESS_READ, str(path)], capture_output=True,
                              text=True, timeout=60, env=subprocess_env())
        assert proc.returncode == 3, f"native reader: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr[-2000:]}"
        with pytest.raises(pf.FormatError):
            list(pf.iter_avro_batches(path, batch_size=2, backend="swift"))
    RESULTS[f"{entry['category']} rejected"] += 1


@requires_native
def test_projection_on_corpus_file():
    path = CORPUS / "avro/arrow-testing/alltypes_plain.avro"
    cols = ["string_col", "id", "timestamp_col"]
    native = pf.read_avro(path, columns=cols, backend="swift").to_arrow()
    assert native.column_names == cols
    assert native.equals(pf.read_avro(path, columns=cols, backend="pyarrow").to_arrow())
    assert native.equals(pf.read_avro(path, backend="swift").to_arrow().select(cols))
    with pytest.raises(pf.InvalidArgumentError):
        pf.read_avro(path, columns=["nope"], backend="swift")
    with pytest.raises(pf.InvalidArgumentError):
        pf.read_avro(path, columns=["nope"], backend="pyarrow")


def test_schema_json(backend):
    path = CORPUS / "avro/arrow-testing/simple_enum.avro"
    schema = pf.avro_schema(path, backend=backend)
    assert schema["type"] == "record"
    assert [f["name"] for f in schema["fields"]][:1] == ["f1"]


def test_missing_file_is_io_error(backend, tmp_path):
    with pytest.raises(pf.ParquetFrameIOError):
        pf.read_avro(tmp_path / "missing.avro", backend=backend)


def test_zz_print_counts():
    """Runs last in this module: prints how many files passed, by category."""
    print("\nAvro conformance:", dict(sorted(RESULTS.items())),
          f"(manifest: {len(VALID)} fastavro-readable, {len(MALFORMED)} malformed/legacy)")
    assert sum(RESULTS.values()) > 0
