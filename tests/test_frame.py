"""The Frame API on both backends."""

from __future__ import annotations

import pyarrow as pa
import pytest

import parquetframe as pf
from parquetframe._demo import demo_frame, demo_table_pyarrow

from conftest import requires_native


@pytest.fixture
def table() -> pa.Table:
    return pa.table(
        {"id": pa.array([1, 2, 3, None], pa.int64()), "name": ["a", None, "ccc", "d"], "x": [0.5, 1.5, None, 3.0]},
        metadata={"origin": "test"},
    )


def test_from_arrow_basics(backend, table):
    frame = pf.Frame.from_arrow(table, backend=backend)
    assert frame.backend == backend
    assert frame.num_rows == len(frame) == 4
    assert frame.num_columns == 3
    assert frame.shape == (4, 3)
    assert frame.column_names == ["id", "name", "x"]
    assert frame.schema.equals(table.schema, check_metadata=True)
    assert frame.to_arrow().equals(table, check_metadata=True)


def test_constructor_is_from_arrow(backend, table):
    frame = pf.Frame(table, backend=backend)
    assert frame.backend == backend
    assert frame.to_arrow().equals(table)


def test_from_record_batch_uses_c_array(backend, table):
    batch = table.to_batches()[0]
    frame = pf.Frame.from_arrow(batch, backend=backend)
    assert frame.to_arrow().equals(table, check_metadata=True)


def test_from_polars_and_pandas(backend):
    polars = pytest.importorskip("polars")
    pandas = pytest.importorskip("pandas")
    pl_df = polars.DataFrame({"a": [1, 2, None], "b": [0.5, None, 2.5]})
    frame = pf.Frame.from_arrow(pl_df, backend=backend)
    assert frame.to_arrow().to_pydict() == {"a": [1, 2, None], "b": [0.5, None, 2.5]}
    pd_df = pandas.DataFrame({"a": [1, 2, 3]})
    frame = pf.Frame.from_arrow(pd_df, backend=backend)
    assert frame.to_arrow().column("a").to_pylist() == [1, 2, 3]


def test_from_polars_strings_become_large_utf8(backend):
    polars = pytest.importorskip("polars")
    df = polars.DataFrame({"s": ["a", None, "ccc"], "l": [["x"], None, []]})
    frame = pf.Frame.from_arrow(df, backend=backend)
    assert frame.schema.field("s").type == pa.large_utf8()
    assert frame.schema.field("l").type == pa.large_list(pa.large_utf8())
    assert frame.to_arrow().to_pydict() == {"s": ["a", None, "ccc"], "l": [["x"], None, []]}
    assert polars.DataFrame(frame).equals(df)


def test_from_frame(backend, table):
    frame = pf.Frame.from_arrow(pf.Frame.from_arrow(table, backend=backend), backend=backend)
    assert frame.to_arrow().equals(table, check_metadata=True)


def test_from_arrow_rejects_other_objects(backend):
    with pytest.raises(TypeError, match="__arrow_c_stream__"):
        pf.Frame.from_arrow({"a": [1]}, backend=backend)


def test_empty_and_multi_batch_tables(backend):
    schema = pa.schema([("a", pa.int32()), ("b", pa.utf8())])
    empty = schema.empty_table()
    frame = pf.Frame.from_arrow(empty, backend=backend)
    assert frame.num_rows == 0 and frame.column_names == ["a", "b"]
    assert frame.to_arrow().equals(empty)
    chunked = pa.Table.from_batches(
        [pa.record_batch([pa.array([i, i + 1], pa.int32()), pa.array(["x", None])], schema=schema) for i in range(3)]
    )
    frame = pf.Frame.from_arrow(chunked, backend=backend)
    assert frame.num_rows == 6
    assert frame.to_arrow().equals(chunked)


def test_head_and_slice(backend):
    frame = demo_frame(100, 30, backend=backend)
    ref = demo_table_pyarrow(100)
    head = frame.head(7)
    assert isinstance(head, pf.Frame) and head.backend == backend
    assert head.to_arrow().equals(ref.slice(0, 7))
    assert frame.head(1000).num_rows == 100
    assert frame.head(0).num_rows == 0
    part = frame.slice(25, 40)
    assert part.to_arrow().equals(ref.slice(25, 40))
    assert frame.slice(95).to_arrow().equals(ref.slice(95))
    assert frame.slice(200).num_rows == 0


def test_to_pandas(backend, table):
    df = pf.Frame.from_arrow(table, backend=backend).to_pandas()
    assert list(df.columns) == ["id", "name", "x"]
    assert df["name"].tolist()[0] == "a"
    assert len(df) == 4


def test_to_polars(backend, table):
    polars = pytest.importorskip("polars")
    df = pf.Frame.from_arrow(table, backend=backend).to_polars()
    assert isinstance(df, polars.DataFrame)
    assert df.to_dict(as_series=False) == {"id": [1, 2, 3, None], "name": ["a", None, "ccc", "d"], "x": [0.5, 1.5, None, 3.0]}


def test_to_polars_without_polars(backend, table, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "polars":
            raise ImportError("No module named 'polars'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ImportError, match="requires polars"):
        pf.Frame.from_arrow(table, backend=backend).to_polars()


def test_pyarrow_accepts_frame(backend, table):
    frame = pf.Frame.from_arrow(table, backend=backend)
    assert pa.table(frame).equals(table, check_metadata=True)
    assert pa.RecordBatchReader.from_stream(frame).read_all().equals(table)


def test_arrow_c_stream_requested_schema(backend, table):
    frame = pf.Frame.from_arrow(table.select(["id"]), backend=backend)
    target = pa.schema([("id", pa.int64())])
    capsule = frame.__arrow_c_stream__(target.__arrow_c_schema__())
    reader = pa.RecordBatchReader._import_from_c_capsule(capsule)
    assert reader.schema.names == ["id"]


def test_polars_accepts_frame(backend, table):
    polars = pytest.importorskip("polars")
    frame = pf.Frame.from_arrow(table, backend=backend)
    expected = {"id": [1, 2, 3, None], "name": ["a", None, "ccc", "d"], "x": [0.5, 1.5, None, 3.0]}
    assert polars.DataFrame(frame).to_dict(as_series=False) == expected
    # polars.from_arrow treats a generic stream exporter as a Series of structs.
    series = polars.from_arrow(frame)
    assert series.struct.unnest().to_dict(as_series=False) == expected


def test_duckdb_accepts_frame(backend, table):
    duckdb = pytest.importorskip("duckdb")
    frame = pf.Frame.from_arrow(table, backend=backend)
    con = duckdb.connect()
    con.register("frame_view", frame)
    assert con.execute("select count(*), sum(id), max(name) from frame_view").fetchall() == [(4, 6, "d")]
    # Replacement scan of a local variable.
    assert con.execute("select count(*) from frame where x > 1").fetchone()[0] == 2


def test_equality(backend, table):
    a = pf.Frame.from_arrow(table, backend=backend)
    b = pf.Frame.from_arrow(table.slice(0, 2).combine_chunks(), backend=backend)
    rechunked = pa.Table.from_batches(table.to_batches(max_chunksize=1))
    c = pf.Frame.from_arrow(rechunked, backend=backend)
    assert a == c and a.equals(c)  # chunking ignored
    assert a != b
    assert a.head(2) == b
    assert a != pf.Frame.from_arrow(table.rename_columns(["id", "name", "y"]), backend=backend)
    assert (a == "not a frame") is False
    with pytest.raises(TypeError):
        a.equals(table)
    with pytest.raises(TypeError):
        hash(a)


@requires_native
def test_native_and_fallback_equal(table):
    native = pf.Frame.from_arrow(table, backend="swift")
    fallback = pf.Frame.from_arrow(table, backend="pyarrow")
    assert native == fallback and fallback == native
    assert native.to_arrow().equals(fallback.to_arrow(), check_metadata=True)
    assert repr(native) == repr(fallback)


def test_demo_frame_matches_reference(backend):
    for rows, batch_rows in [(0, 0), (1, 0), (27, 0), (1000, 0), (1000, 64), (2600, 1000)]:
        frame = demo_frame(rows, batch_rows, backend=backend)
        ref = demo_table_pyarrow(rows, batch_rows)
        got = frame.to_arrow()
        assert got.equals(ref, check_metadata=True), (rows, batch_rows)
        assert all(f.nullable for f in got.schema)
        if batch_rows and rows:
            assert [len(b) for b in got.to_batches()] == [len(b) for b in ref.to_batches()]


def test_demo_reference_values():
    t = demo_table_pyarrow(30).to_pydict()
    assert t["id"][:3] == [0, 1, 2]
    assert t["value"][9] is None and t["value"][8] == 2.0 and t["value"][19] is None
    assert t["label"][0] is None and t["label"][13] is None and t["label"][12] == "row-12"
    big = demo_table_pyarrow(2001).column("label").to_pylist()
    assert big[1001] is None and big[1002] == "row-2" and big[2000] == "row-0"


@requires_native
def test_native_demo_equals_fallback_demo():
    for rows, batch in [(0, 0), (15, 4), (5000, 999)]:
        native = demo_frame(rows, batch, backend="swift")
        fallback = demo_frame(rows, batch, backend="pyarrow")
        assert native == fallback
        assert repr(native) == repr(fallback)


def test_frame_outlives_source_and_exports_outlive_frame(backend):
    table = demo_table_pyarrow(1000)
    frame = pf.Frame.from_arrow(table, backend=backend)
    del table
    exported = frame.to_arrow()
    del frame
    import gc

    gc.collect()
    assert exported.equals(demo_table_pyarrow(1000))
