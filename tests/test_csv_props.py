"""Property tests of CSV writing and reading (hypothesis) plus argument validation.

Random tables (int64, float64 with NaN/inf, bool, date32, timestamps, utf8 with commas,
quotes, line breaks and unicode, nulls) go through ``pf.write_csv`` and back through
``pf.read_csv`` and ``pyarrow.csv.read_csv``; both backends, several thread counts,
``iter_csv_batches`` and projections must agree.

Round trips use explicit column types (inference of e.g. an all-null column is
ambiguous) and ``null_values=[""]`` (the writer's null token). Empty strings are not
generated: with the empty null token they read back as null in every CSV reader.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parquetframe as pf

from conftest import NATIVE, NATIVE_SKIP_REASON

requires_native = pytest.mark.skipif(not NATIVE, reason=NATIVE_SKIP_REASON)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(list(',"\n\r\t ;\'\\x#')), st.characters(codec="utf-8")),
    min_size=1, max_size=12,
)
_COLUMNS = {
    "i": (pa.int64(), st.integers(-(2**63), 2**63 - 1)),
    "f": (pa.float64(), st.floats(allow_nan=True, allow_infinity=True)),
    "b": (pa.bool_(), st.booleans()),
    "d": (pa.date32(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))),
    "ts": (pa.timestamp("s"), st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1)).map(
        lambda x: x.replace(microsecond=0))),
    "tus": (pa.timestamp("us"), st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1))),
    "tz": (pa.timestamp("us", "UTC"), st.datetimes(dt.datetime(1970, 1, 1), dt.datetime(2100, 1, 1)).map(
        lambda x: x.replace(tzinfo=dt.timezone.utc))),
    "s": (pa.utf8(), _TEXT),
}


@st.composite
def tables(draw, min_rows: int = 0, max_rows: int = 25) -> pa.Table:
    names = draw(st.lists(st.sampled_from(sorted(_COLUMNS)), min_size=1, max_size=6, unique=True))
    n = draw(st.integers(min_rows, max_rows))
    cols = {}
    for name in names:
        t, values = _COLUMNS[name]
        # A null in a one-column table is an empty line, which CSV readers skip.
        cell = values if len(names) == 1 else st.one_of(st.none(), values)
        col = draw(st.lists(cell, min_size=n, max_size=n))
        cols[name] = pa.array(col, type=t)
    return pa.table(cols)


def _types(t: pa.Table) -> dict:
    return {f.name: f.type for f in t.schema}


def _same(a: pa.Table, b: pa.Table) -> None:
    assert a.column_names == b.column_names
    assert a.schema.equals(b.schema), (a.schema, b.schema)
    assert a.num_rows == b.num_rows
    for name in a.column_names:
        for x, y in zip(a.column(name).to_pylist(), b.column(name).to_pylist()):
            if isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y):
                continue
            assert x == y, (name, x, y)


def _pyarrow_read(path: Path, t: pa.Table) -> pa.Table:
    return pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
        column_types=_types(t), null_values=[""], strings_can_be_null=True))


@given(table=tables())
@SETTINGS
def test_roundtrip(tmp_path: Path, table: pa.Table, backend: str) -> None:
    path = tmp_path / "t.csv"
    pf.write_csv(table, path, backend=backend)
    back = pf.read_csv(path, column_types=_types(table), null_values=[""], backend=backend).to_arrow()
    _same(back, table)
    if table.num_rows:
        _same(_pyarrow_read(path, table), table)


@requires_native
@given(table=tables())
@SETTINGS
def test_backends_agree(tmp_path: Path, table: pa.Table) -> None:
    """Files written by either backend read the same with either backend, with and without types."""
    for writer in ("swift", "pyarrow"):
        path = tmp_path / f"{writer}.csv"
        pf.write_csv(table, path, backend=writer)
        typed = [pf.read_csv(path, column_types=_types(table), null_values=[""], backend=b).to_arrow()
                 for b in ("swift", "pyarrow")]
        _same(typed[0], typed[1])
        _same(typed[0], table)
        inferred = [pf.read_csv(path, backend=b).to_arrow() for b in ("swift", "pyarrow")]
        _same(inferred[0], inferred[1])


@requires_native
@given(table=tables(min_rows=1, max_rows=40), batch=st.integers(1, 7), data=st.data())
@SETTINGS
def test_batches_and_projection(tmp_path: Path, table: pa.Table, batch: int, data, backend: str) -> None:
    path = tmp_path / "t.csv"
    pf.write_csv(table, path)
    types = _types(table)
    full = pf.read_csv(path, column_types=types, null_values=[""], backend=backend).to_arrow()
    parts = [f.to_arrow() for f in pf.iter_csv_batches(path, batch_size=batch, column_types=types,
                                                       null_values=[""], backend=backend)]
    assert all(p.num_rows <= batch for p in parts)
    _same(pa.concat_tables(parts) if parts else full.slice(0, 0), full)
    cols = data.draw(st.permutations(table.column_names).flatmap(
        lambda p: st.integers(1, len(p)).map(lambda k: list(p[:k]))))
    proj = pf.read_csv(path, columns=cols, column_types=types, null_values=[""], backend=backend).to_arrow()
    _same(proj, full.select(cols))


@requires_native
@given(table=tables(min_rows=1, max_rows=30))
@SETTINGS
def test_inferred_batches_match_fallback(tmp_path: Path, table: pa.Table) -> None:
    """Streaming with types fixed from the first batch: both backends agree (or both fail)."""
    path = tmp_path / "t.csv"
    pf.write_csv(table, path)
    out = []
    for b in ("swift", "pyarrow"):
        try:
            out.append([f.to_arrow() for f in pf.iter_csv_batches(path, batch_size=5, backend=b)])
        except pf.FormatError:
            out.append(None)
    assert (out[0] is None) == (out[1] is None)
    if out[0] is not None:
        assert len(out[0]) == len(out[1])
        for a, b in zip(*out):
            _same(a, b)


def _big_csv(path: Path, rows: int, seed: int = 7) -> None:
    """A few MB with quoted fields holding delimiters and line breaks (block edges fall inside them)."""
    rng = random.Random(seed)
    lines = ["id,x,name,when,flag"]
    for i in range(rows):
        name = rng.choice(["plain", '"with, comma"', '"multi\nline ""quoted"""', "", "NA", "ünïcødé"])
        when = f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 12:{rng.randint(0, 59):02d}:00"
        x = rng.choice([str(rng.random() * 1e6), "", "NaN", str(rng.randint(-5, 5))])
        lines.append(f"{i},{x},{name},{when},{rng.choice(['true', 'false', ''])}")
    path.write_text("\n".join(lines) + "\n")


@requires_native
def test_threads_identical(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    _big_csv(path, 120_000)
    results = []
    for threads in (1, 2, 4):
        pf.set_config(swift_threads=threads)
        results.append(pf.read_csv(path, _block_size=64 << 10).to_arrow())
        results.append(pf.read_csv(path).to_arrow())
    for r in results[1:]:
        _same(r, results[0])
    _same(pf.read_csv(path, backend="pyarrow").to_arrow(), results[0])
    assert results[0].num_rows == 120_000
    assert str(results[0].schema.field("when").type) == "timestamp[s]"
    parts = [f.to_arrow() for f in pf.iter_csv_batches(path, batch_size=10_000)]
    _same(pa.concat_tables(parts), results[0])


# --- argument validation -------------------------------------------------------------------


@pytest.fixture
def small(tmp_path: Path) -> Path:
    p = tmp_path / "s.csv"
    p.write_text("a,b\n1,x\n2,y\n")
    return p


@pytest.mark.parametrize("kwargs, exc", [
    ({"delimiter": 1}, TypeError),
    ({"delimiter": ";;"}, ValueError),
    ({"delimiter": "é"}, ValueError),
    ({"delimiter": "\n"}, ValueError),
    ({"header": 1}, TypeError),
    ({"skip_rows": -1}, ValueError),
    ({"skip_rows": 1.5}, TypeError),
    ({"null_values": "NA"}, TypeError),
    ({"null_values": [1]}, TypeError),
    ({"column_types": ["a"]}, TypeError),
    ({"column_types": {"a": "int128"}}, ValueError),
    ({"column_types": {"a": 5}}, TypeError),
    ({"column_types": {"a": pa.list_(pa.int64())}}, ValueError),
    ({"columns": "a"}, TypeError),
    ({"quote_char": ","}, ValueError),
    ({"ragged": "x"}, ValueError),
    ({"ragged": None}, TypeError),
    ({"encoding_errors": "ignore"}, ValueError),
    ({"comment": "##"}, ValueError),
])
def test_bad_arguments(small: Path, kwargs: dict, exc: type, backend: str) -> None:
    with pytest.raises(exc):
        pf.read_csv(small, backend=backend, **kwargs)
    with pytest.raises(exc):
        pf.iter_csv_batches(small, backend=backend, **kwargs)


def test_bad_batch_size_and_paths(small: Path, backend: str) -> None:
    with pytest.raises(ValueError):
        pf.iter_csv_batches(small, batch_size=0, backend=backend)
    with pytest.raises(TypeError):
        pf.iter_csv_batches(small, batch_size="10", backend=backend)
    with pytest.raises(TypeError):
        pf.read_csv(123, backend=backend)
    with pytest.raises(pf.ParquetFrameIOError):
        pf.read_csv(small.with_name("missing.csv"), backend=backend)
    with pytest.raises(pf.InvalidArgumentError):
        pf.read_csv(small, columns=["zz"], backend=backend)
    with pytest.raises(TypeError):
        pf.write_csv([1, 2], small.with_name("o.csv"), backend=backend)
    with pytest.raises(ValueError):
        pf.write_csv(pa.table({"a": [1]}), small.with_name("o.csv"), line_terminator="\t", backend=backend)


def test_column_type_names_and_pyarrow_types(small: Path, backend: str) -> None:
    a = pf.read_csv(small, column_types={"a": "int32", "b": pa.large_string()}, backend=backend).to_arrow()
    assert a.schema.types == [pa.int32(), pa.large_string()]
    p = small.with_name("ts.csv")
    p.write_text("t\n2020-01-01T00:00:00.5Z\n2020-01-01 01:00:00+01:00\n")
    t = pf.read_csv(p, column_types={"t": "timestamp[ms, UTC]"}, backend=backend).to_arrow()
    assert t.schema.types == [pa.timestamp("ms", "UTC")]
    assert t.column("t").cast(pa.int64()).to_pylist() == [1577836800500, 1577836800000]
    assert pf.read_csv(p, backend=backend).to_arrow().schema.types == [pa.timestamp("ns", "UTC")]


DIALECT_TEXT = (
    "# comment line\n"
    "id;name;score;when;ok\n"
    "1;'x;y';1.5;2020-01-01;true\n"
    "# another comment\n"
    "2;NA;NaN;2020-01-02;false\n"
    "3;plain;;2020-01-03;\n"
    "4;short\n"
    "5;a;1;2020-01-04;true;extra\n"
)


@pytest.mark.parametrize("ragged", ["fill", "skip"])
def test_dialect_options_agree(tmp_path: Path, ragged: str) -> None:
    p = tmp_path / "d.csv"
    p.write_text(DIALECT_TEXT)
    kw = dict(delimiter=";", quote_char="'", comment="#", ragged=ragged)
    results = [pf.read_csv(p, backend=b, **kw).to_arrow() for b in (["swift"] if NATIVE else []) + ["pyarrow"]]
    for r in results[1:]:
        _same(r, results[0])
    t = results[0]
    assert t.column("name").to_pylist()[:2] == ["x;y", None]
    assert math.isnan(t.column("score").to_pylist()[1])
    assert t.schema.field("when").type == pa.date32()
    if ragged == "fill":
        assert t.num_rows == 5
        assert t.column("score").to_pylist()[3] is None
    else:
        assert t.column("id").to_pylist() == [1, 2, 3]


def test_header_less_skip_rows_and_replace(tmp_path: Path, backend: str) -> None:
    p = tmp_path / "h.csv"
    p.write_bytes(b"junk line\n1,caf\xe9\n2,ok\n")
    with pytest.raises(pf.FormatError, match="byte 15"):
        pf.read_csv(p, header=False, skip_rows=1, backend=backend)
    t = pf.read_csv(p, header=False, skip_rows=1, encoding_errors="replace", backend=backend).to_arrow()
    assert t.column_names == ["f0", "f1"]
    assert t.column("f1").to_pylist() == ["caf\ufffd", "ok"]


def test_empty_and_header_only(tmp_path: Path, backend: str) -> None:
    e = tmp_path / "e.csv"
    e.write_text("")
    assert pf.read_csv(e, backend=backend).to_arrow().num_columns == 0
    h = tmp_path / "h.csv"
    h.write_text("a,b")
    t = pf.read_csv(h, backend=backend).to_arrow()
    assert t.column_names == ["a", "b"] and t.num_rows == 0 and t.schema.types == [pa.utf8(), pa.utf8()]


def test_write_is_atomic(tmp_path: Path, backend: str) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    bad = pa.table({"a": pa.array([[1, 2]], type=pa.list_(pa.int64()))})
    with pytest.raises(pf.UnsupportedError):
        pf.write_csv(bad, target, backend=backend)
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["out.csv"]
    pf.write_csv(pa.table({"a": [1, None]}), target, null_value="NA", line_terminator="\r\n", backend=backend)
    assert target.read_bytes().replace(b'"', b"") == b"a\r\n1\r\nNA\r\n"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_tsv_through_pf_read(tmp_path: Path, backend: str) -> None:
    if not hasattr(pf, "read"):
        pytest.skip("pf.read not available")
    p = tmp_path / "x.tsv"
    p.write_text("a\tb\n1\thello, world\n")
    with pf.config_context(swift_io_enabled=backend == "swift"):
        t = pf.read(p).to_arrow()
    assert t.to_pylist() == [{"a": 1, "b": "hello, world"}]
