"""Value-level checks of the native CSV parsers and formatters against independent references.

Reading: floats of every shape (long digit runs, short tails, exponents, random bit
patterns) must equal ``pyarrow.csv``'s parse; ints equal Python's; dates and timestamps,
valid or not, must parse like Python's ``datetime.fromisoformat`` (valid ones to the same
instant, any invalid one keeping the column text, as pyarrow does).

Writing: dates, timestamps of every unit (including the far past and future), ints and
floats are written as Python would format them, and the text does not depend on the
thread count.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import struct
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import parquetframe as pf

from conftest import requires_native


def _float_texts(rng: random.Random, n: int) -> list[str]:
    out = []
    while len(out) < n:
        k = rng.random()
        if k < 0.3:
            v = struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0]
            if math.isfinite(v):
                out.append(repr(v))
        elif k < 0.7:
            digits = rng.randint(1, 22)
            s = "".join(rng.choice("0123456789") for _ in range(digits))
            cut = rng.randint(0, digits)
            s = s[:cut] + "." + s[cut:]
            if rng.random() < 0.3:
                s = "-" + s
            if rng.random() < 0.2:
                s += "e" + str(rng.randint(-30, 30))
            out.append(s)
        else:
            out.append(repr(rng.gauss(0, 10 ** rng.randint(-8, 18))))
    return out


@requires_native
def test_floats_match_pyarrow(tmp_path: Path) -> None:
    texts = _float_texts(random.Random(11), 20_000)
    path = tmp_path / "f.csv"
    path.write_text("x\n" + "\n".join(texts) + "\n")
    got = pf.read_csv(path).to_arrow()["x"]
    want = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types={"x": pa.float64()}))["x"]
    assert got.type == pa.float64()
    bad = [(t, g, w) for t, g, w in zip(texts, got.to_pylist(), want.to_pylist()) if g != w]
    assert not bad, bad[:5]


@requires_native
def test_ints_match_python(tmp_path: Path) -> None:
    rng = random.Random(12)
    values = [rng.randint(-(10 ** rng.randint(0, 18)), 10 ** rng.randint(0, 18)) for _ in range(10_000)]
    values += [2**63 - 1, -(2**63), 0, -1]
    path = tmp_path / "i.csv"
    path.write_text("x\n" + "\n".join(map(str, values)) + "\n")
    got = pf.read_csv(path).to_arrow()["x"]
    assert got.type == pa.int64() and got.to_pylist() == values


def _temporal_texts(rng: random.Random, n: int) -> tuple[list[str], list[str]]:
    dates, stamps = [], []
    for _ in range(n):
        y, m, d = rng.randint(1, 9999), rng.randint(0, 13), rng.randint(0, 32)
        h, mi, s = rng.randint(0, 25), rng.randint(0, 61), rng.randint(0, 61)
        dates.append(f"{y:04d}-{m:02d}-{d:02d}")
        stamps.append(f"{y:04d}-{m:02d}-{d:02d}{rng.choice(' T')}{h:02d}:{mi:02d}:{s:02d}")
    return dates, stamps


def _parse(text: str, kind: str):
    try:
        return dt.date.fromisoformat(text) if kind == "date" else dt.datetime.fromisoformat(text)
    except ValueError:
        return None


@requires_native
@pytest.mark.parametrize("kind", ["date", "timestamp"])
def test_temporal_values_match_python(tmp_path: Path, kind: str) -> None:
    dates, stamps = _temporal_texts(random.Random(13), 4000)
    texts = dates if kind == "date" else stamps
    valid = [t for t in texts if _parse(t, kind) is not None]
    invalid = [t for t in texts if _parse(t, kind) is None]
    assert len(valid) > 1000 and len(invalid) > 500
    path = tmp_path / "v.csv"
    path.write_text("x\n" + "\n".join(valid) + "\n")
    col = pf.read_csv(path).to_arrow()["x"]
    assert col.type == (pa.date32() if kind == "date" else pa.timestamp("s"))
    assert col.to_pylist() == [_parse(t, kind) for t in valid]
    # One invalid value among valid ones keeps the column text, like pyarrow.
    for bad in invalid[:200]:
        path.write_text(f"x\n{valid[0]}\n{bad}\n")
        assert pf.read_csv(path).to_arrow()["x"].type == pa.string(), bad
        assert pacsv.read_csv(path)["x"].type == pa.string(), bad


def _write_table(rng: random.Random, n: int) -> pa.Table:
    cols = {
        "i": pa.array([rng.randint(-(2**63), 2**63 - 1) for _ in range(n)], pa.int64()),
        "f": pa.array([struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0] if rng.random() < 0.5
                       else rng.gauss(0, 10 ** rng.randint(-6, 17)) for _ in range(n)]),
        "d": pa.array([rng.randint(-719_162, 2_932_896) for _ in range(n)], pa.int32()).cast(pa.date32()),
    }
    for unit, per in (("s", 1), ("ms", 10**3), ("us", 10**6), ("ns", 10**9)):
        lo, hi = (-62_135_596_800, 253_402_300_799) if unit != "ns" else (-9_223_372_036, 9_223_372_035)
        cols["t" + unit] = pa.array([rng.randint(lo * per, hi * per) for _ in range(n)], pa.timestamp(unit))
    return pa.table(cols)


def _iso(v: dt.datetime, digits: int) -> str:
    """``YYYY-MM-DD HH:MM:SS`` with exactly ``digits`` fraction digits (0, 3 or 6)."""
    text = v.replace(microsecond=0).isoformat(sep=" ")
    return text + (f".{v.microsecond:06d}"[: digits + 1] if digits else "")


@requires_native
def test_written_values_match_python(tmp_path: Path) -> None:
    table = _write_table(random.Random(14), 3000)
    path = tmp_path / "w.csv"
    pf.write_csv(table, path)
    lines = path.read_text().splitlines()
    assert lines[0] == "i,f,d,ts,tms,tus,tns"
    ns = table["tns"].cast(pa.int64()).to_pylist()
    for r, line in enumerate(lines[1:]):
        i, f, d, ts, tms, tus, tns = line.split(",")
        row = {k: table[k][r].as_py() for k in ("i", "f", "d", "ts", "tms", "tus")}
        assert i == str(row["i"])
        assert f == repr(row["f"])
        assert d == row["d"].isoformat()
        assert (ts, tms, tus) == (_iso(row["ts"], 0), _iso(row["tms"], 3), _iso(row["tus"], 6))
        secs, frac = divmod(ns[r], 10**9)
        assert tns == _iso(dt.datetime(1970, 1, 1) + dt.timedelta(seconds=secs), 0) + f".{frac:09d}"


@requires_native
def test_write_identical_for_any_thread_count(tmp_path: Path) -> None:
    table = _write_table(random.Random(15), 40_000)   # several pieces of about 1 MiB
    texts = []
    for threads in (1, 2, 3):
        pf.set_config(swift_threads=threads)
        path = tmp_path / f"t{threads}.csv"
        pf.write_csv(table, path)
        texts.append(path.read_bytes())
    pf.set_config(swift_threads=0)
    assert len(texts[0]) > 3 << 20
    assert texts[1] == texts[0] and texts[2] == texts[0]
