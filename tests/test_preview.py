"""The preview text (Frame.__repr__): exact expected strings written from the spec."""

from __future__ import annotations

import decimal

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, assume, given, settings

import parquetframe as pf
from parquetframe._demo import demo_frame
from parquetframe._preview import format_cells, format_float, format_table, type_name

from arrow_strategies import tables
from conftest import requires_native

DEMO_3 = """\
shape: (3, 3)
┌─────┬───────┬───────┐
│ id  ┆ value ┆ label │
│ --- ┆ ---   ┆ ---   │
│ i64 ┆ f64   ┆ str   │
╞═════╪═══════╪═══════╡
│ 0   ┆ 0.0   ┆ null  │
│ 1   ┆ 0.25  ┆ row-1 │
│ 2   ┆ 0.5   ┆ row-2 │
└─────┴───────┴───────┘"""

DEMO_12 = """\
shape: (12, 3)
┌─────┬───────┬────────┐
│ id  ┆ value ┆ label  │
│ --- ┆ ---   ┆ ---    │
│ i64 ┆ f64   ┆ str    │
╞═════╪═══════╪════════╡
│ 0   ┆ 0.0   ┆ null   │
│ 1   ┆ 0.25  ┆ row-1  │
│ 2   ┆ 0.5   ┆ row-2  │
│ 3   ┆ 0.75  ┆ row-3  │
│ 4   ┆ 1.0   ┆ row-4  │
│ …   ┆ …     ┆ …      │
│ 7   ┆ 1.75  ┆ row-7  │
│ 8   ┆ 2.0   ┆ row-8  │
│ 9   ┆ null  ┆ row-9  │
│ 10  ┆ 2.5   ┆ row-10 │
│ 11  ┆ 2.75  ┆ row-11 │
└─────┴───────┴────────┘"""

DEMO_12_MAX_3 = """\
shape: (12, 3)
┌─────┬───────┬────────┐
│ id  ┆ value ┆ label  │
│ --- ┆ ---   ┆ ---    │
│ i64 ┆ f64   ┆ str    │
╞═════╪═══════╪════════╡
│ 0   ┆ 0.0   ┆ null   │
│ …   ┆ …     ┆ …      │
│ 10  ┆ 2.5   ┆ row-10 │
│ 11  ┆ 2.75  ┆ row-11 │
└─────┴───────┴────────┘"""

DEMO_EMPTY = """\
shape: (0, 3)
┌─────┬───────┬───────┐
│ id  ┆ value ┆ label │
│ --- ┆ ---   ┆ ---   │
│ i64 ┆ f64   ┆ str   │
╞═════╪═══════╪═══════╡
└─────┴───────┴───────┘"""

SCALARS = """\
shape: (2, 4)
┌──────┬───────┬─────────────────────────────────┬────────┐
│ b    ┆ f     ┆ s                               ┆ bin    │
│ ---  ┆ ---   ┆ ---                             ┆ ---    │
│ bool ┆ f64   ┆ str                             ┆ binary │
╞══════╪═══════╪═════════════════════════════════╪════════╡
│ true ┆ 1e+20 ┆ xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… ┆ 0x00ff │
│ null ┆ -0.0  ┆ héllo                           ┆ null   │
└──────┴───────┴─────────────────────────────────┴────────┘"""

TEMPORAL = """\
shape: (2, 4)
┌────────────┬─────────────────────────┬────────────────────┬──────────────┐
│ d          ┆ ts                      ┆ t                  ┆ du           │
│ ---        ┆ ---                     ┆ ---                ┆ ---          │
│ date32     ┆ timestamp[ms, UTC]      ┆ time64[ns]         ┆ duration[us] │
╞════════════╪═════════════════════════╪════════════════════╪══════════════╡
│ 1970-01-01 ┆ 1970-01-01 00:00:01.500 ┆ 00:00:00.000000001 ┆ 1500us       │
│ 1969-12-31 ┆ 1969-12-31 23:59:59.999 ┆ 23:59:59.999999999 ┆ null         │
└────────────┴─────────────────────────┴────────────────────┴──────────────┘"""

NESTED = """\
shape: (2, 5)
┌──────────────────┬───────────┬──────────────────┬───────────────┬───────────────┐
│ dec              ┆ l         ┆ st               ┆ m             ┆ dct           │
│ ---              ┆ ---       ┆ ---              ┆ ---           ┆ ---           │
│ decimal128(5, 2) ┆ list[i64] ┆ struct[2 fields] ┆ map[str, i64] ┆ dict[i8, str] │
╞══════════════════╪═══════════╪══════════════════╪═══════════════╪═══════════════╡
│ -1.50            ┆ [1, null] ┆ {a: 1, b: x}     ┆ {k: 1}        ┆ u             │
│ 0.05             ┆ null      ┆ {a: null, b: y}  ┆ {}            ┆ null          │
└──────────────────┴───────────┴──────────────────┴───────────────┴───────────────┘"""

LONG_LIST = """\
shape: (1, 1)
┌─────────────────────────────────┐
│ l                               │
│ ---                             │
│ list[i64]                       │
╞═════════════════════════════════╡
│ [0, 1, 2, 3, 4, 5, 6, 7, 8, 9,… │
└─────────────────────────────────┘"""


def scalars_table() -> pa.Table:
    return pa.table({
        "b": pa.array([True, None]),
        "f": pa.array([1e20, -0.0]),
        "s": pa.array(["x" * 35, "héllo"]),
        "bin": pa.array([b"\x00\xff", None], pa.binary()),
    })


def temporal_table() -> pa.Table:
    return pa.table({
        "d": pa.array([0, -1], pa.date32()),
        "ts": pa.array([1500, -1], pa.timestamp("ms", tz="UTC")),
        "t": pa.array([1, 86_399_999_999_999], pa.time64("ns")),
        "du": pa.array([1500, None], pa.duration("us")),
    })


def nested_table() -> pa.Table:
    return pa.table({
        "dec": pa.array([decimal.Decimal("-1.50"), decimal.Decimal("0.05")], pa.decimal128(5, 2)),
        "l": pa.array([[1, None], None], pa.list_(pa.int64())),
        "st": pa.array([{"a": 1, "b": "x"}, {"a": None, "b": "y"}], pa.struct([("a", pa.int32()), ("b", pa.utf8())])),
        "m": pa.array([[("k", 1)], []], pa.map_(pa.utf8(), pa.int64())),
        "dct": pa.DictionaryArray.from_arrays(pa.array([0, None], pa.int8()), pa.array(["u"])),
    })


@pytest.mark.parametrize(
    "build,expected",
    [
        (lambda b: demo_frame(3, backend=b), DEMO_3),
        (lambda b: demo_frame(12, backend=b), DEMO_12),
        (lambda b: demo_frame(12, 5, backend=b), DEMO_12),
        (lambda b: demo_frame(0, backend=b), DEMO_EMPTY),
        (lambda b: pf.Frame.from_arrow(scalars_table(), backend=b), SCALARS),
        (lambda b: pf.Frame.from_arrow(temporal_table(), backend=b), TEMPORAL),
        (lambda b: pf.Frame.from_arrow(nested_table(), backend=b), NESTED),
        (lambda b: pf.Frame.from_arrow(pa.table({"l": [list(range(20))]}), backend=b), LONG_LIST),
    ],
    ids=["demo3", "demo12", "demo12-chunked", "empty", "scalars", "temporal", "nested", "long-list"],
)
def test_repr_exact(backend, build, expected):
    frame = build(backend)
    assert repr(frame) == expected
    assert str(frame) == expected


def test_preview_max_rows(backend):
    frame = demo_frame(12, backend=backend)
    assert frame.preview(3) == DEMO_12_MAX_3
    assert frame.preview(12) == frame.preview(100)
    assert frame.preview(0).splitlines()[6] == "│ …   ┆ …     ┆ …     │"
    with pytest.raises(ValueError):
        frame.preview(-1)


def test_zero_columns():
    assert format_table(pa.table({})) == "shape: (0, 0)"


def test_type_names():
    cases = {
        pa.null(): "null", pa.bool_(): "bool", pa.int8(): "i8", pa.int16(): "i16", pa.int32(): "i32",
        pa.int64(): "i64", pa.uint8(): "u8", pa.uint16(): "u16", pa.uint32(): "u32", pa.uint64(): "u64",
        pa.float16(): "f16", pa.float32(): "f32", pa.float64(): "f64", pa.utf8(): "str",
        pa.large_utf8(): "large_str", pa.binary(): "binary", pa.large_binary(): "large_binary",
        pa.binary(7): "fixed_binary[7]", pa.date32(): "date32", pa.date64(): "date64",
        pa.time32("s"): "time32[s]", pa.time32("ms"): "time32[ms]", pa.time64("us"): "time64[us]",
        pa.time64("ns"): "time64[ns]", pa.timestamp("ns"): "timestamp[ns]",
        pa.timestamp("ns", tz="UTC"): "timestamp[ns, UTC]", pa.duration("us"): "duration[us]",
        pa.decimal128(10, 3): "decimal128(10, 3)", pa.list_(pa.int32()): "list[i32]",
        pa.large_list(pa.utf8()): "large_list[str]", pa.list_(pa.float64(), 3): "fixed_list[f64; 3]",
        pa.struct([("a", pa.int8()), ("b", pa.int8()), ("c", pa.int8())]): "struct[3 fields]",
        pa.map_(pa.utf8(), pa.list_(pa.int64())): "map[str, list[i64]]",
        pa.dictionary(pa.int16(), pa.utf8()): "dict[i16, str]",
    }
    for t, name in cases.items():
        assert type_name(t) == name, t


@pytest.mark.parametrize(
    "value,text",
    [(1.0, "1.0"), (0.25, "0.25"), (float("nan"), "nan"), (float("inf"), "inf"), (float("-inf"), "-inf"),
     (1e20, "1e+20"), (1e16, "1e+16"), (1e15, "1000000000000000.0"), (1e-5, "1e-05"), (0.0001, "0.0001"),
     (-0.0, "-0.0"), (123456789.125, "123456789.125"), (5e-324, "5e-324")],
)
def test_float_text(value, text):
    assert format_float(value) == text


def test_float_text_in_narrow_precision():
    assert format_float(0.10000000149011612, 32) == "0.1"
    assert format_float(65504.0, 16) == "65500.0"
    assert format_float(1e20, 32) == "1e+20"


def test_float32_cells_print_as_doubles(backend):
    frame = pf.Frame.from_arrow(pa.table({"f": pa.array([0.1, float("nan")], pa.float32())}), backend=backend)
    lines = repr(frame).splitlines()
    assert lines[6] == "│ 0.10000000149011612 │"
    assert lines[7] == "│ nan                 │"


def test_dates_far_from_epoch(backend):
    table = pa.table({"d": pa.array([-719_528, 2_932_896], pa.date32()), "ts": pa.array([-1, 253_402_300_799], pa.timestamp("s"))})
    lines = repr(pf.Frame.from_arrow(table, backend=backend)).splitlines()
    assert lines[6] == "│ 0000-01-01 ┆ 1969-12-31 23:59:59 │"
    assert lines[7] == "│ 9999-12-31 ┆ 9999-12-31 23:59:59 │"


@pytest.mark.filterwarnings("ignore")
@requires_native
@given(tables())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_native_and_fallback_previews_match(table):
    native = pf.Frame.from_arrow(table, backend="swift")
    fallback = pf.Frame.from_arrow(table, backend="pyarrow")
    for max_rows in (10, 3):
        assert native.preview(max_rows) == fallback.preview(max_rows)


@given(tables())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fallback_preview_is_well_formed(table):
    cells = [cell for column in table.columns for cell in format_cells(column)]
    assume(not any(ch in cell for cell in cells for ch in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"))
    text = format_table(table)
    lines = text.splitlines()
    assert lines[0] == f"shape: ({table.num_rows}, {table.num_columns})"
    shown = min(table.num_rows, 10) + (1 if table.num_rows > 10 else 0)
    assert len(lines) == 7 + shown
    assert len({len(line) for line in lines[1:]}) == 1  # every row has the same width


def test_control_characters_are_escaped_on_both_backends():
    table = pa.table({"s": ["a\x00b", "x\ny\tz\r", "\x7fé"]})
    expected_cells = ["a\\x00b", "x\\ny\\tz\\r", "\\x7fé"]
    for backend in ["pyarrow"] + (["swift"] if pf.swift_available() else []):
        text = pf.Frame.from_arrow(table, backend=backend).preview()
        assert "\x00" not in text and len(text.splitlines()) == 10, backend
        for cell in expected_cells:
            assert f"│ {cell}" in text, (backend, cell, text)
