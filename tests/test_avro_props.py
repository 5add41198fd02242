"""Property tests of the Avro reader: random schemas and records written by fastavro.

Schemas: a top-level record of primitives, nullable fields, arrays, maps, enums, fixed,
decimals (bytes and fixed, decimal128 and decimal256), logical types (date, times, timestamps, uuid, duration),
nested records and unions (dense unions, including ``["int", "long"]``), written with a
random codec and block size. Properties:

* the native reader's table equals the fastavro-based fallback's table exactly;
* projection returns exactly the asked columns, in the asked order, equal to the
  matching columns of the full table;
* ``iter_avro_batches`` concatenates to the full table, each batch at most batch_size rows.
"""

from __future__ import annotations

import io
import itertools
import os
import tempfile

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avro_support import backend, requires_native  # noqa: F401 (backend is a fixture)

import parquetframe as pf


fastavro = pytest.importorskip("fastavro")


def _supported_codecs() -> list[str]:
    out = []
    schema = fastavro.parse_schema({"type": "record", "name": "C", "fields": [{"name": "a", "type": "int"}]})
    for codec in ["null", "deflate", "snappy", "zstandard", "bzip2", "xz"]:
        try:
            fastavro.writer(io.BytesIO(), schema, [{"a": 1}], codec=codec)
            out.append(codec)
        except Exception:
            pass
    return out


CODECS = _supported_codecs()
INT32 = st.integers(-(2**31), 2**31 - 1)
INT64 = st.integers(-(2**63), 2**63 - 1)
FLOAT32 = st.floats(width=32, allow_nan=False)
FLOAT64 = st.floats(allow_nan=False)
TEXT = st.text(max_size=12)
BYTES = st.binary(max_size=12)


def _signed_bytes(v: int, size: int | None = None) -> bytes:
    n = size if size is not None else max(1, (v.bit_length() + 8) // 8)
    return v.to_bytes(n, "big", signed=True)


class _Gen:
    """Draws a schema node and a value strategy for it (names kept unique)."""

    def __init__(self, draw):
        self.draw = draw
        self.counter = itertools.count()

    def name(self, prefix: str) -> str:
        return f"{prefix}{next(self.counter)}"

    def primitive(self):
        k = self.draw(st.sampled_from(["boolean", "int", "long", "float", "double", "bytes", "string"]))
        return k, {"boolean": st.booleans(), "int": INT32, "long": INT64, "float": FLOAT32,
                   "double": FLOAT64, "bytes": BYTES, "string": TEXT}[k]

    def logical(self):
        k = self.draw(st.sampled_from(["date", "time-millis", "time-micros", "timestamp-millis",
                                       "timestamp-micros", "timestamp-nanos", "local-timestamp-millis",
                                       "local-timestamp-micros", "local-timestamp-nanos", "decimal-bytes",
                                       "decimal-fixed", "uuid", "duration"]))
        if k == "date":
            return {"type": "int", "logicalType": k}, INT32
        if k == "time-millis":  # Arrow's full validation wants times of day within a day
            return {"type": "int", "logicalType": k}, st.integers(0, 86_400_000 - 1)
        if k == "time-micros":
            return {"type": "long", "logicalType": k}, st.integers(0, 86_400_000_000 - 1)
        if k == "decimal-bytes":
            p = self.draw(st.integers(1, 76))  # above 38: decimal256
            s = self.draw(st.integers(0, p))
            lim = 10**p - 1
            return ({"type": "bytes", "logicalType": "decimal", "precision": p, "scale": s},
                    st.integers(-lim, lim).map(_signed_bytes))
        if k == "decimal-fixed":
            size = self.draw(st.integers(1, 32))
            maxp = int((8 * size - 1) * 0.30102999566398119521 - 1e-12)
            if maxp < 1:
                size, maxp = 2, 4
            p = self.draw(st.integers(1, maxp))
            s = self.draw(st.integers(0, p))
            lim = 10**p - 1
            return ({"type": "fixed", "name": self.name("D"), "size": size, "logicalType": "decimal",
                     "precision": p, "scale": s}, st.integers(-lim, lim).map(lambda v, n=size: _signed_bytes(v, n)))
        if k == "uuid":
            return {"type": "string", "logicalType": "uuid"}, st.uuids().map(str)
        if k == "duration":
            return ({"type": "fixed", "name": self.name("Dur"), "size": 12, "logicalType": "duration"},
                    st.binary(min_size=12, max_size=12))
        return {"type": "long", "logicalType": k}, INT64

    def node(self, depth: int):
        choices = ["primitive", "primitive", "logical", "enum", "fixed", "nullable"]
        if depth > 0:
            choices += ["array", "map", "record", "union", "nullable"]
        k = self.draw(st.sampled_from(choices))
        if k == "primitive":
            return self.primitive()
        if k == "logical":
            return self.logical()
        if k == "enum":
            symbols = self.draw(st.lists(st.from_regex(r"[A-Z][A-Z0-9_]{0,4}", fullmatch=True),
                                         min_size=1, max_size=5, unique=True))
            return {"type": "enum", "name": self.name("E"), "symbols": symbols}, st.sampled_from(symbols)
        if k == "fixed":
            size = self.draw(st.integers(1, 8))  # fixed(0): UnsupportedError (see test below)
            return {"type": "fixed", "name": self.name("F"), "size": size}, st.binary(min_size=size, max_size=size)
        if k == "nullable":
            s, v = self.node(depth - 1) if depth > 0 else self.primitive()
            if isinstance(s, list):
                return s, v
            first = self.draw(st.booleans())
            return (["null", s] if first else [s, "null"]), st.one_of(st.none(), v)
        if k == "array":
            s, v = self.node(depth - 1)
            return {"type": "array", "items": s}, st.lists(v, max_size=4)
        if k == "map":
            s, v = self.node(depth - 1)
            return {"type": "map", "values": s}, st.dictionaries(TEXT, v, max_size=3)
        if k == "record":
            return self.record(depth - 1)
        return self.union(depth - 1)

    def record(self, depth: int, min_fields: int = 0):
        n = self.draw(st.integers(min_fields, 4))
        fields, strategies = [], {}
        for i in range(n):
            s, v = self.node(depth)
            fields.append({"name": f"f{i}", "type": s})
            strategies[f"f{i}"] = v
        return ({"type": "record", "name": self.name("R"), "fields": fields},
                st.fixed_dictionaries(strategies))

    def union(self, depth: int):
        if self.draw(st.integers(0, 4)) == 0:
            branches = [("int", INT32), ("long", INT64)]
        else:
            families = {
                "int": ("int", INT32), "long": ("long", INT64), "float": ("float", FLOAT32),
                "double": ("double", FLOAT64), "string": ("string", TEXT), "bytes": ("bytes", BYTES),
                "boolean": ("boolean", st.booleans()),
            }
            keys = self.draw(st.lists(st.sampled_from(["intlike", "floatlike", "string", "bytes", "boolean",
                                                       "array", "record"]), min_size=2, max_size=3, unique=True))
            branches = []
            for key in keys:
                if key == "intlike":
                    branches.append(families[self.draw(st.sampled_from(["int", "long"]))])
                elif key == "floatlike":
                    branches.append(families[self.draw(st.sampled_from(["float", "double"]))])
                elif key == "array":
                    s, v = self.node(max(depth - 1, 0)) if depth > 0 else self.primitive()
                    if isinstance(s, list):
                        s, v = "long", INT64
                    branches.append(({"type": "array", "items": s}, st.lists(v, max_size=3)))
                elif key == "record":
                    branches.append(self.record(max(depth - 1, 0), min_fields=1))
                else:
                    branches.append(families[key])
        if self.draw(st.booleans()):
            branches.insert(self.draw(st.integers(0, len(branches))), ("null", st.none()))
        return [b[0] for b in branches], st.one_of(*[b[1] for b in branches])


@st.composite
def avro_files(draw):
    g = _Gen(draw)
    schema, values = g.record(depth=2, min_fields=1)
    schema["namespace"] = draw(st.sampled_from([None, "pf.test"]))
    if schema["namespace"] is None:
        del schema["namespace"]
    records = draw(st.lists(values, max_size=25))
    codec = draw(st.sampled_from(CODECS))
    sync = draw(st.sampled_from([16, 64, 1000, 16000]))
    buf = io.BytesIO()
    fastavro.writer(buf, fastavro.parse_schema(schema), records, codec=codec, sync_interval=sync)
    return schema, records, codec, buf.getvalue()


def _write(data: bytes) -> str:
    fd, path = tempfile.mkstemp(suffix=".avro")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return path


SETTINGS = settings(max_examples=int(os.environ.get("PF_AVRO_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _explain(schema, records, codec) -> str:
    return f"\nschema={schema}\ncodec={codec}\nrecords={records[:3]}"


@SETTINGS
@given(avro_files(), st.data())
def test_fallback_reads_random_files(file, data):
    schema, records, codec, raw = file
    path = _write(raw)
    try:
        t = pf.read_avro(path, backend="pyarrow").to_arrow()
        t.validate(full=True)
        assert t.num_rows == len(records)
        assert t.column_names == [f["name"] for f in schema["fields"]]
        size = data.draw(st.integers(1, 10))
        batches = [b.to_arrow() for b in pf.iter_avro_batches(path, batch_size=size, backend="pyarrow")]
        assert all(b.num_rows <= size for b in batches)
        if batches:
            assert pa.concat_tables(batches).equals(t)
    finally:
        os.unlink(path)


@requires_native
@SETTINGS
@given(avro_files(), st.data())
def test_native_equals_fallback(file, data):
    schema, records, codec, raw = file
    path = _write(raw)
    try:
        native = pf.read_avro(path, backend="swift").to_arrow()
        expected = pf.read_avro(path, backend="pyarrow").to_arrow()
        native.validate(full=True)
        why = _explain(schema, records, codec)
        assert native.schema.equals(expected.schema), f"{why}\nnative:   {native.schema}\nfallback: {expected.schema}"
        assert native.equals(expected), f"{why}\nnative:   {native.to_pylist()}\nfallback: {expected.to_pylist()}"

        names = [f["name"] for f in schema["fields"]]
        cols = data.draw(st.lists(st.sampled_from(names), min_size=1, unique=True))
        projected = pf.read_avro(path, columns=cols, backend="swift").to_arrow()
        assert projected.column_names == cols
        assert projected.equals(native.select(cols))

        size = data.draw(st.integers(1, 10))
        batches = [b.to_arrow() for b in pf.iter_avro_batches(path, batch_size=size, columns=cols, backend="swift")]
        assert all(b.num_rows <= size for b in batches)
        assert sum(b.num_rows for b in batches) == len(records)
        if batches:
            assert pa.concat_tables(batches).equals(projected)
    finally:
        os.unlink(path)


def test_union_types_and_values(tmp_path, backend):
    """A concrete dense union: branch order, names, null branch and values."""
    schema = fastavro.parse_schema({"type": "record", "name": "U", "namespace": "ns", "fields": [
        {"name": "u", "type": ["null", "int", "string", {"type": "record", "name": "P", "fields": [
            {"name": "x", "type": "long"}]}]},
        {"name": "il", "type": ["int", "long"]},
    ]})
    path = tmp_path / "u.avro"
    with path.open("wb") as f:
        fastavro.writer(f, schema, [{"u": None, "il": 1}, {"u": 5, "il": 2**40}, {"u": "s", "il": -3},
                                    {"u": {"x": 7}, "il": 0}])
    t = pf.read_avro(path, backend=backend).to_arrow()
    u = t.schema.field("u").type
    assert pa.types.is_union(u) and u.mode == "dense"
    assert [u.field(i).name for i in range(u.num_fields)] == ["null", "int", "string", "ns.P"]
    assert list(u.type_codes) == [0, 1, 2, 3]
    assert t.column("u").to_pylist() == [None, 5, "s", {"x": 7}]
    assert t.column("u").chunk(0).type_codes.to_pylist() == [0, 1, 2, 3]
    il = t.column("il").combine_chunks()
    assert il.to_pylist() == [1, 2**40, -3, 0]
    assert il.type_codes.to_pylist() == [0, 1, 0, 0]


def test_fixed_size_zero_is_unsupported(tmp_path, backend):
    """Arrow's fixed_size_binary needs a positive width (the core rejects width 0)."""
    schema = fastavro.parse_schema({"type": "record", "name": "Z", "fields": [
        {"name": "z", "type": {"type": "fixed", "name": "Z0", "size": 0}}, {"name": "a", "type": "int"}]})
    path = tmp_path / "z.avro"
    with path.open("wb") as f:
        fastavro.writer(f, schema, [{"z": b"", "a": 1}])
    with pytest.raises(pf.UnsupportedError):
        pf.read_avro(path, backend=backend)
    # Projected away, the field is skipped.
    assert pf.read_avro(path, columns=["a"], backend=backend).to_arrow().column("a").to_pylist() == [1]
