"""Avro decimals above 38 digits read as decimal256 (as pyarrow maps them), on both backends.

Files are written by fastavro; expected values are what fastavro decodes
(``decimal.Decimal``) and the pyarrow decimal256 arrays built from those values.
"""

from __future__ import annotations

import decimal
import os
import tempfile

import pyarrow as pa
import pytest

import parquetframe as pf
from parquetframe import avro as _pfavro
from parquetframe._preview import format_table

from avro_support import backend, requires_native  # noqa: F401 (backend is a fixture)

fastavro = pytest.importorskip("fastavro")

D = decimal.Decimal
P, S = 50, 10


def scaled(unscaled: int, scale: int = S) -> decimal.Decimal:
    """unscaled × 10^-scale, exactly (the default context would round to 28 digits)."""
    return D(unscaled).scaleb(-scale, decimal.Context(prec=100))


VALUES = [scaled(0), scaled(10**S), scaled(-1), scaled(10**P - 1), scaled(-(10**P - 1)),
          D("12345678901234567890123456789012345678.1234567890"),
          D("-98765432109876543210987654321098765432.0000000001"),
          scaled(2**127), scaled(-(2**127) - 1)]
SCHEMA = {
    "type": "record", "name": "Wide", "fields": [
        {"name": "b", "type": {"type": "bytes", "logicalType": "decimal", "precision": P, "scale": S}},
        {"name": "nb", "type": ["null", {"type": "bytes", "logicalType": "decimal", "precision": P, "scale": S}]},
        {"name": "f", "type": {"type": "fixed", "name": "F22", "size": 22, "logicalType": "decimal",
                               "precision": P, "scale": S}},
        {"name": "small", "type": {"type": "bytes", "logicalType": "decimal", "precision": 38, "scale": 2}},
    ],
}


def _records() -> list[dict]:
    out = []
    for k, v in enumerate(VALUES * 3):
        out.append({"b": v, "nb": None if k % 4 == 1 else v, "f": v,
                    "small": scaled(k * 12345 - 40000, 2)})
    return out


def _write(path: str, records: list[dict], schema: dict = SCHEMA, codec: str = "null", block: int = 5) -> None:
    with open(path, "wb") as fh:
        fastavro.writer(fh, fastavro.parse_schema(schema), records, codec=codec, sync_interval=block * 40)


def _fastavro_rows(path: str) -> list[dict]:
    with open(path, "rb") as fh:
        return list(fastavro.reader(fh))


@pytest.fixture(scope="module")
def wide_file():
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "wide.avro")
        _write(p, _records(), codec="deflate")
        yield p


def test_fastavro_decodes_what_we_wrote(wide_file):
    rows = _fastavro_rows(wide_file)
    assert [r["f"] for r in rows] == VALUES * 3


def test_reads_equal_fastavro_and_pyarrow_decimal256(wide_file, backend):
    table = pf.read_avro(wide_file, backend=backend).to_arrow()
    table.validate(full=True)
    t256 = pa.decimal256(P, S)
    assert table.schema.field("b").type == t256
    assert table.schema.field("f").type == t256
    assert table.schema.field("nb").type == t256 and table.schema.field("nb").nullable
    assert table.schema.field("small").type == pa.decimal128(38, 2)  # p <= 38 stays decimal128
    rows = _fastavro_rows(wide_file)
    for name in ["b", "nb", "f", "small"]:
        want = [r[name] for r in rows]
        assert table.column(name).to_pylist() == want, name
        assert table.column(name).combine_chunks().equals(pa.array(want, type=table.schema.field(name).type)), name


@requires_native
def test_native_equals_fallback_and_streams(wide_file):
    native = pf.read_avro(wide_file, backend="swift").to_arrow()
    fallback = pf.read_avro(wide_file, backend="pyarrow").to_arrow()
    assert native.schema.equals(fallback.schema)
    assert native.equals(fallback)
    batches = [f.to_arrow() for f in pf.iter_avro_batches(wide_file, batch_size=4, backend="swift")]
    assert pa.concat_tables(batches).equals(native)


@requires_native
def test_to_arrow_is_zero_copy(wide_file):
    frame = pf.read_avro(wide_file, backend="swift")

    def addresses(t: pa.Table) -> list:
        return [[b.address if b is not None else None for b in chunk.buffers()]
                for column in t.columns for chunk in column.chunks]

    first = frame.to_arrow()
    assert first.schema.field("f").type == pa.decimal256(P, S)
    assert addresses(first) == addresses(frame.to_arrow())
    # pyarrow decimal256 -> Frame -> pyarrow keeps the very same buffers.
    source = pa.table({"d": pa.array(VALUES + [None], pa.decimal256(P, S))})
    back = pf.Frame.from_arrow(source, backend="swift").to_arrow()
    assert back.equals(source)
    assert addresses(back) == addresses(source)


def test_preview_shows_decimal256(wide_file, backend):
    frame = pf.read_avro(wide_file, columns=["f"], backend=backend)
    text = repr(frame)
    assert "decimal256(50, 10)" in text
    assert "-0.0000000001" in text and "1.0000000000" in text
    assert "-9999999999999999999999999999" in text  # wide cells are cut after 30 characters


@requires_native
def test_preview_native_equals_fallback():
    source = pa.table({"d": pa.array(VALUES + [None], pa.decimal256(P, S)),
                       "z": pa.array([scaled(-(10**70) * k, 0) for k in range(len(VALUES) + 1)], pa.decimal256(76, 0))})
    native = pf.Frame.from_arrow(source, backend="swift")
    assert repr(native) == format_table(source)


@pytest.mark.parametrize("kind", ["bytes", "fixed"])
def test_value_beyond_precision_names_the_field(backend, kind, tmp_path):
    # fastavro checks nothing beyond the byte size: a 51-digit value in decimal(50, 10).
    base = ({"type": "bytes"} if kind == "bytes" else {"type": "fixed", "name": "F26", "size": 26})
    schema = {"type": "record", "name": "R", "fields": [
        {"name": "id", "type": "int"},
        {"name": "amount", "type": {**base, "logicalType": "decimal", "precision": 60, "scale": S}},
    ]}
    p = str(tmp_path / "over.avro")
    _write(p, [{"id": 1, "amount": scaled(10**S)}, {"id": 2, "amount": scaled(-(10**P))}], schema=schema)
    # Re-declare the same bytes with precision 50 by rewriting the header's schema.
    data = open(p, "rb").read().replace(b'"precision": 60', b'"precision": 50')
    assert data.count(b'"precision": 50') == 1
    open(p, "wb").write(data)
    with pytest.raises(pf.FormatError) as info:
        pf.read_avro(p, backend=backend).to_arrow()
    msg = str(info.value)
    assert "amount" in msg and "50 digits" in msg, msg
    assert "-1" + "0" * 40 + "." + "0" * 10 in msg, msg


def test_precision_above_76_is_unsupported(backend, tmp_path):
    schema = {"type": "record", "name": "R", "fields": [
        {"name": "x", "type": {"type": "bytes", "logicalType": "decimal", "precision": 77, "scale": 0}}]}
    p = str(tmp_path / "p77.avro")
    _write(p, [{"x": D(1)}], schema=schema)
    with pytest.raises(pf.UnsupportedError, match="76"):
        pf.read_avro(p, backend=backend)


def test_fallback_builds_decimal256_without_native(tmp_path):
    """The pure-Python path alone (no native library involved) gives pyarrow's decimal256."""
    p = str(tmp_path / "fb.avro")
    recs = _records()
    _write(p, recs, codec="null", block=1000)
    fb = _pfavro._fallback_read(p, None)
    fb.validate(full=True)
    assert fb.column("f").type == pa.decimal256(P, S)
    assert fb.column("f").to_pylist() == [r["f"] for r in recs]
    assert fb.column("nb").null_count == sum(r["nb"] is None for r in recs)
    assert format_table(fb.select(["nb"])).count("null") >= 1


@requires_native
def test_decimal256_to_parquet_matches_pyarrow(wide_file, tmp_path):
    """Avro decimal256 -> native Parquet writer: pyarrow reads the values back, and the column
    has the FIXED_LEN_BYTE_ARRAY width, logical type and statistics pyarrow writes."""
    import pyarrow.parquet as pq

    table = pf.read_avro(wide_file, columns=["b", "nb", "f"], backend="swift").to_arrow()
    ours, theirs = str(tmp_path / "ours.parquet"), str(tmp_path / "theirs.parquet")
    pf.write_parquet(table, ours, backend="swift")
    pq.write_table(table, theirs)
    assert pq.read_table(ours).equals(table)
    # The stored ARROW:schema (an IPC schema message) records decimal256.
    import base64

    stored = base64.b64decode(pq.ParquetFile(ours).metadata.metadata[b"ARROW:schema"])
    assert pa.ipc.read_schema(pa.py_buffer(stored)).equals(table.schema)
    for i in range(3):
        a = pq.ParquetFile(ours).metadata
        b = pq.ParquetFile(theirs).metadata
        ca, cb = a.schema.column(i), b.schema.column(i)
        assert (ca.physical_type, ca.length, str(ca.logical_type)) == (cb.physical_type, cb.length, str(cb.logical_type))
        sa, sb = a.row_group(0).column(i).statistics, b.row_group(0).column(i).statistics
        assert (sa.min, sa.max, sa.null_count) == (sb.min, sb.max, sb.null_count)
