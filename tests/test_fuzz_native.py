"""Mutation fuzzing of the native readers: malformed input must never crash or hang.

Seeded mutants of small corpus files (bit flips, truncations, overwritten runs,
duplicated ranges) are read by the native library in a child process. Every read
must either succeed or raise a ``ParquetFrameError``; a signal (a Swift trap kills
the process), another exception type or a hang fails the test and names the file
that caused it (the mutant is kept for reproduction).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import parquetframe as pf

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
MUTANTS_PER_FILE = int(os.environ.get("PF_FUZZ_MUTANTS", "12"))
MAX_FILE_BYTES = 256 * 1024

# reader function name in parquetframe → corpus folder and file suffixes
FORMATS = {
    "read_parquet": ("parquet", (".parquet",)),
    "read_avro": ("avro", (".avro",)),
    "read_csv": ("csv", (".csv", ".tsv")),
}

CHILD = r"""
import json, sys
import parquetframe as pf
func = getattr(pf, sys.argv[1])
report = {"ok": 0, "errors": 0, "unexpected": []}
for line in sys.stdin:
    path = line.strip()
    print("READING " + path, file=sys.stderr, flush=True)
    try:
        frame = func(path)
        frame.to_arrow().validate(full=True)
        report["ok"] += 1
    except pf.ParquetFrameError:
        report["errors"] += 1
    except Exception as e:  # anything else is a bug in the error mapping
        report["unexpected"].append(f"{path}: {type(e).__name__}: {e}")
print(json.dumps(report))
"""


def _mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    kind = rng.randrange(5)
    if not b:
        return bytes(b)
    if kind == 0:  # flip a few bits
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
    elif kind == 1:  # truncate
        b = b[: rng.randrange(len(b))]
    elif kind == 2:  # overwrite a run with 0xFF or 0x00 (absurd lengths, zero sizes)
        i = rng.randrange(len(b))
        b[i : i + rng.randint(1, 16)] = bytes([rng.choice((0x00, 0xFF, 0x7F))]) * rng.randint(1, 16)
    elif kind == 3:  # duplicate a range
        i = rng.randrange(len(b))
        j = min(len(b), i + rng.randint(1, 64))
        b[j:j] = b[i:j]
    else:  # random bytes in the middle
        i = rng.randrange(len(b))
        b[i : i + 8] = bytes(rng.randrange(256) for _ in range(8))
    return bytes(b)


def _seeds(folder: str, suffixes: tuple[str, ...]) -> list[Path]:
    root = CORPUS / folder
    files = sorted(p for p in root.rglob("*") if p.suffix in suffixes and p.is_file()
                   and p.stat().st_size <= MAX_FILE_BYTES and "encrypt" not in p.name)
    return files


@pytest.mark.parametrize("func", sorted(FORMATS))
def test_mutated_files_never_crash_the_process(func: str, tmp_path: Path) -> None:
    if not pf.swift_available():
        pytest.skip("the native library is not available (PARQUETFRAME_REQUIRE_NATIVE covers CI)")
    if not hasattr(pf, func):
        pytest.fail(f"parquetframe.{func} is missing")
    folder, suffixes = FORMATS[func]
    seeds = _seeds(folder, suffixes)
    assert seeds, f"no corpus files under {CORPUS / folder}"
    rng = random.Random(20261121)
    paths = []
    for seed in seeds:
        data = seed.read_bytes()
        for k in range(MUTANTS_PER_FILE):
            p = tmp_path / f"{seed.stem}.m{k}{seed.suffix}"
            p.write_bytes(_mutate(data, rng))
            paths.append(str(p))
    proc = subprocess.run([sys.executable, "-c", CHILD, func], input="\n".join(paths) + "\n",
                          capture_output=True, text=True, timeout=600)
    last = [ln for ln in proc.stderr.splitlines() if ln.startswith("READING ")]
    culprit = last[-1][8:] if last else "?"
    assert proc.returncode == 0, (
        f"reader process died with code {proc.returncode} while reading {culprit}\n{proc.stderr[-2000:]}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"{func}: {len(paths)} mutants of {len(seeds)} files: {report['ok']} read, "
          f"{report['errors']} rejected with ParquetFrameError")
    assert not report["unexpected"], "\n".join(report["unexpected"][:20])
    assert report["ok"] + report["errors"] == len(paths)
