"""pf.write_parquet: options, atomicity, errors, both backends."""

from __future__ import annotations

import base64
import datetime
import decimal
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import parquetframe as pf
from parquetframe.parquet_write import write_parquet

from conftest import requires_native


def _table() -> pa.Table:
    return pa.table({
        "i": pa.array([1, None, -3, 4], pa.int64()),
        "u8": pa.array([1, 2, None, 255], pa.uint8()),
        "s": pa.array(["b", "a", None, "ccc"]),
        "d": pa.array(["x", "y", "x", None]).dictionary_encode(),
        "ts": pa.array([0, 1, None, 3], pa.timestamp("ms", tz="UTC")),
        "t32": pa.array([0, None, 86399000, 5], pa.time32("ms")),
        "dur": pa.array([1, 2, 3, None], pa.duration("ns")),
        "dec": pa.array([decimal.Decimal("1.25"), None, decimal.Decimal("-3.50"), decimal.Decimal("0.00")],
                        pa.decimal128(9, 2)),
        "l": pa.array([[1, 2], [], None, [None]], pa.list_(pa.int32())),
        "st": pa.array([{"a": 1, "b": "x"}, None, {"a": None, "b": None}, {"a": 4, "b": "y"}]),
        "m": pa.array([[("k", 1)], None, [], [("a", None), ("b", 2)]], pa.map_(pa.string(), pa.int64())),
        "date": pa.array([datetime.date(2020, 1, 1), None, datetime.date(1969, 12, 31), datetime.date(2000, 2, 29)]),
    })


def _assert_same(got: pa.Table, want: pa.Table) -> None:
    """Equal schemas (metadata included) and equal values (struct children under null
    parents are not compared, as Parquet does not store them)."""
    assert got.schema.names == want.schema.names
    # pyarrow itself reads list items back as "element" and map entries under another
    # name, so types are compared through their values and the native == fallback test.
    assert got.to_pylist() == want.to_pylist()


def test_native_equals_fallback(tmp_path):
    if not pf.swift_available():
        pytest.skip("native library not loaded")
    t = _table()
    write_parquet(t, tmp_path / "n.parquet", backend="swift")
    write_parquet(t, tmp_path / "p.parquet", backend="pyarrow")
    a, b = pq.read_table(tmp_path / "n.parquet"), pq.read_table(tmp_path / "p.parquet")
    assert a.schema.equals(b.schema, check_metadata=True)
    assert a.equals(b)


def test_round_trip_both_backends(tmp_path, backend):
    t = _table()
    path = tmp_path / "t.parquet"
    write_parquet(t, path, backend=backend)
    _assert_same(pq.read_table(path), t)
    assert os.listdir(tmp_path) == ["t.parquet"]


@requires_native
def test_frame_input_and_footer(tmp_path):
    t = _table()
    frame = pf.Frame.from_arrow(t, backend="swift")
    path = tmp_path / "f.parquet"
    write_parquet(frame, str(path), compression="snappy", row_group_size=3, metadata={"owner": "me"})
    f = pq.ParquetFile(path)
    assert f.metadata.created_by == "parquetframe version 0.1.0"
    assert f.metadata.num_row_groups == 2
    assert f.metadata.row_group(0).column(0).compression == "SNAPPY"
    kv = f.metadata.metadata
    assert kv[b"owner"] == b"me"
    schema = pa.ipc.read_schema(pa.py_buffer(base64.b64decode(kv[b"ARROW:schema"])))
    assert schema.equals(t.schema)
    _assert_same(pq.read_table(path), t)


@requires_native
def test_parquet_schema_matches_pyarrow(tmp_path):
    t = _table()
    ours, theirs = tmp_path / "o.parquet", tmp_path / "p.parquet"
    write_parquet(t, ours, backend="swift")
    pq.write_table(t, theirs)
    a, b = pq.ParquetFile(ours).schema, pq.ParquetFile(theirs).schema
    assert len(a) == len(b)
    for i in range(len(a)):
        ca, cb = a.column(i), b.column(i)
        assert ca.path == cb.path
        assert ca.physical_type == cb.physical_type
        assert str(ca.logical_type) == str(cb.logical_type), ca.path
        assert ca.max_definition_level == cb.max_definition_level
        assert ca.max_repetition_level == cb.max_repetition_level


@requires_native
def test_arrow_schema_encoder_read_by_pyarrow():
    from parquetframe import _native

    schema = pa.schema([
        pa.field("a", pa.dictionary(pa.int16(), pa.string())), pa.field("b", pa.list_(pa.float16()), nullable=False),
        pa.field("c", pa.timestamp("ns", tz="Asia/Tokyo"), metadata={"x": "y"}), pa.field("d", pa.large_binary()),
        pa.field("e", pa.map_(pa.int32(), pa.struct([("q", pa.time64("us"))]))),
    ], metadata={"k": "v"})
    path_t = pa.table({f.name: pa.nulls(0, f.type) for f in schema}, schema=schema)
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "x.parquet")
        write_parquet(path_t, p, backend="swift")
        raw = pq.ParquetFile(p).metadata.metadata[b"ARROW:schema"]
    decoded = pa.ipc.read_schema(pa.py_buffer(base64.b64decode(raw)))
    assert decoded.equals(schema, check_metadata=True)


@pytest.mark.parametrize("codec", ["none", "snappy", "gzip", "zstd", "lz4_raw", "brotli"])
@pytest.mark.parametrize("version", ["1.0", "2.0"])
def test_codecs_and_page_versions(tmp_path, backend, codec, version):
    t = _table()
    path = tmp_path / "c.parquet"
    write_parquet(t, path, compression=codec, data_page_version=version, data_page_size=64, row_group_size=2,
                  backend=backend)
    _assert_same(pq.read_table(path), t)


@requires_native
def test_encodings(tmp_path):
    t = pa.table({
        "i32": pa.array(range(1000), pa.int32()), "i64": pa.array([x * 7 - 3000 for x in range(1000)], pa.int64()),
        "f": pa.array([x / 3 for x in range(1000)]), "s": pa.array([f"prefix-{x % 37}" for x in range(1000)]),
        "b": pa.array([x % 3 == 0 for x in range(1000)]),
    })
    enc = {"i32": "DELTA_BINARY_PACKED", "i64": "BYTE_STREAM_SPLIT", "f": "BYTE_STREAM_SPLIT",
           "s": "DELTA_BYTE_ARRAY", "b": "RLE"}
    path = tmp_path / "e.parquet"
    write_parquet(t, path, column_encoding=enc, use_dictionary=False, backend="swift")
    md = pq.ParquetFile(path).metadata.row_group(0)
    for j, name in enumerate(t.column_names):
        assert enc[name] in md.column(j).encodings
    _assert_same(pq.read_table(path), t)
    write_parquet(t, path, column_encoding={"s": "DELTA_LENGTH_BYTE_ARRAY"}, backend="swift")
    assert "DELTA_LENGTH_BYTE_ARRAY" in pq.ParquetFile(path).metadata.row_group(0).column(3).encodings
    _assert_same(pq.read_table(path), t)


@requires_native
def test_dictionary_fallback_to_plain(tmp_path):
    t = pa.table({"s": [f"value-{i:08d}" for i in range(200_000)]})
    path = tmp_path / "d.parquet"
    write_parquet(t, path, backend="swift")
    enc = pq.ParquetFile(path).metadata.row_group(0).column(0).encodings
    assert "RLE_DICTIONARY" not in enc
    _assert_same(pq.read_table(path), t)


def test_bad_arguments(tmp_path):
    t = _table()
    with pytest.raises(ValueError):
        write_parquet(t, tmp_path / "x.parquet", compression="lzo")
    with pytest.raises(TypeError):
        write_parquet(t, tmp_path / "x.parquet", row_group_size="10")
    with pytest.raises(ValueError):
        write_parquet(t, tmp_path / "x.parquet", row_group_size=0)
    with pytest.raises(ValueError):
        write_parquet(t, tmp_path / "x.parquet", data_page_version="3.0")
    with pytest.raises(ValueError):
        write_parquet(t, tmp_path / "x.parquet", column_encoding={"i": "BIT_PACKED"})
    with pytest.raises(TypeError):
        write_parquet([1, 2, 3], tmp_path / "x.parquet")
    with pytest.raises(TypeError):
        write_parquet(t, 42)
    assert os.listdir(tmp_path) == []


def test_failure_leaves_no_file(tmp_path, backend):
    t = _table()
    path = tmp_path / "keep.parquet"
    write_parquet(t, path, backend=backend)
    before = path.read_bytes()
    # DELTA_BINARY_PACKED cannot encode strings: the write fails after it started.
    with pytest.raises(pf.ParquetFrameError):
        write_parquet(t, path, column_encoding={"s": "DELTA_BINARY_PACKED"}, use_dictionary=False, backend=backend)
    assert sorted(os.listdir(tmp_path)) == ["keep.parquet"]
    assert path.read_bytes() == before
    with pytest.raises(pf.ParquetFrameError):
        write_parquet(t, tmp_path / "missing" / "x.parquet", backend=backend)


@requires_native
def test_union_is_unsupported(tmp_path):
    u = pa.UnionArray.from_sparse(pa.array([0, 1], pa.int8()), [pa.array([1, 2]), pa.array(["a", "b"])])
    t = pa.table({"u": u})
    with pytest.raises(pf.UnsupportedError, match="union"):
        write_parquet(t, tmp_path / "u.parquet", backend="swift")
    assert os.listdir(tmp_path) == []


@requires_native
def test_polars_input_and_config_fallback(tmp_path):
    pl = pytest.importorskip("polars")
    df = pl.DataFrame({"a": [1, 2, None], "b": ["x", None, "z"]})
    path = tmp_path / "p.parquet"
    write_parquet(df, path)
    assert pl.read_parquet(path).equals(df)
    with pf.config_context(swift_io_enabled=False):
        write_parquet(df, path)
    assert pq.ParquetFile(path).metadata.created_by.startswith("parquet-cpp")
