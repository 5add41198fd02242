"""Aligned text preview of a table (the ``repr`` of :class:`parquetframe.Frame`).

The native library (``pf_table_preview``) and this module produce *identical*
text; this docstring is the specification both follow.

Layout, for a 3-row table::

    shape: (3, 3)
    ┌─────┬───────┬───────┐
    │ id  ┆ value ┆ label │
    │ --- ┆ ---   ┆ ---   │
    │ i64 ┆ f64   ┆ str   │
    ╞═════╪═══════╪═══════╡
    │ 0   ┆ 0.0   ┆ null  │
    │ 1   ┆ 0.25  ┆ row-1 │
    │ 2   ┆ 0.5   ┆ row-2 │
    └─────┴───────┴───────┘

* The first line is ``shape: (rows, columns)``. Lines are joined by ``\\n``; there
  is no trailing newline.
* The width of a column is ``max(len(name), len(type name), len(each shown cell), 3)``,
  lengths counted in Unicode code points. Cells are left-aligned and padded with
  spaces, with one space of margin on each side; ``┆`` separates columns inside,
  ``│`` closes the rows outside. Border lines use ``─`` (``┌ ┬ ┐``, ``└ ┴ ┘``) and the
  line under the header uses ``═`` (``╞ ╪ ╡``).
* When the table has more than ``max_rows`` rows (default 10), the first
  ``max_rows // 2`` and the last ``max_rows - max_rows // 2`` rows are shown with a
  row of ``…`` cells between them. A table with 0 rows shows the header block
  and the closing line only. A table with 0 columns prints the ``shape`` line only.

Type names: ``null``, ``bool``, ``i8``, ``i16``, ``i32``, ``i64``, ``u8``, ``u16``,
``u32``, ``u64``, ``f16``, ``f32``, ``f64``, ``str`` (utf8), ``large_str``, ``binary``,
``large_binary``, ``fixed_binary[N]``, ``date32``, ``date64``, ``time32[s]``,
``time32[ms]``, ``time64[us]``, ``time64[ns]``, ``timestamp[unit]`` or
``timestamp[unit, TZ]``, ``duration[unit]``, ``decimal128(p, s)``, ``decimal256(p, s)``,
``list[<child>]``, ``large_list[<child>]``, ``fixed_list[<child>; N]``,
``struct[<n> fields]``, ``map[<key>, <value>]``, ``dict[<index>, <value>]``; any
other type prints as pyarrow's ``str(type)``.

Cell text:

* a null value (at any nesting level) is ``null``;
* integers in decimal; booleans ``true`` / ``false``;
* floats (f16, f32 and f64 alike) as Python's ``repr()`` of the value widened to
  a double: the shortest decimal string that round-trips as a double,
  positional with at least one fractional digit (``1.0``, ``0.25``) when the
  decimal exponent ``e`` of the first significant digit satisfies ``-4 <= e < 16``,
  otherwise scientific as ``d[.ddd]e±XX`` with at least two exponent digits
  (``1e+20``, ``1.5e-05``); ``nan``, ``inf``, ``-inf``, ``-0.0``. (An f32 0.1
  therefore prints as ``0.10000000149011612``.) :func:`format_float` also offers
  the shortest text in a narrower precision;
* strings raw, except control characters (U+0000–U+001F, U+007F), which are escaped as
  ``\\n``, ``\\r``, ``\\t`` and ``\\xNN`` (two lowercase hex digits) so every cell stays on one line; binary values (binary, large_binary, fixed_binary) as ``0x``
  followed by lowercase hex;
* date32 / date64 as ``YYYY-MM-DD`` (proleptic Gregorian; date64 milliseconds
  are floored to days; years below 0 print as ``-YYYY``, above 9999 unpadded);
* timestamps as ``YYYY-MM-DD HH:MM:SS`` followed, for units finer than seconds,
  by ``.`` and the fraction with 3 (ms), 6 (us) or 9 (ns) digits, trailing zeros
  kept; the time zone is not printed;
* time32 / time64 as ``HH:MM:SS`` plus the fraction as for timestamps (whole
  seconds are taken modulo one day, floored);
* durations as the integer followed by the unit: ``1500us``;
* decimals as exact decimal strings with exactly ``scale`` fractional digits
  (``-1.50`` for unscaled -150 at scale 2; a negative scale multiplies by a power
  of ten, no point);
* lists (all three kinds) as ``[a, b, null]``; structs as ``{name: value, ...}``;
  maps as ``{key: value, ...}``; nested values follow the same rules;
* dictionary-encoded values as their decoded value;
* any other type as Python's ``str()`` of the value (``as_py()``);
* finally, the text of every cell (whatever its type) longer than 30 code points
  is cut to its first 30 followed by ``…``. Only whole cells are cut, not values
  nested inside them.
"""

from __future__ import annotations

import math
import struct

import pyarrow as pa
import pyarrow.types as pat

__all__ = ["format_table", "type_name", "format_cells", "format_float", "DEFAULT_MAX_ROWS"]

DEFAULT_MAX_ROWS = 10
MAX_TEXT = 30
ELLIPSIS = "…"

_INT_NAMES = {
    pa.int8(): "i8", pa.int16(): "i16", pa.int32(): "i32", pa.int64(): "i64",
    pa.uint8(): "u8", pa.uint16(): "u16", pa.uint32(): "u32", pa.uint64(): "u64",
}
_FLOAT_NAMES = {pa.float16(): "f16", pa.float32(): "f32", pa.float64(): "f64"}
_FRACTION_DIGITS = {"s": 0, "ms": 3, "us": 6, "ns": 9}


# --- type names -------------------------------------------------------------------------


def type_name(t: pa.DataType) -> str:
    """The short type name shown under a column name."""
    if t in _INT_NAMES:
        return _INT_NAMES[t]
    if t in _FLOAT_NAMES:
        return _FLOAT_NAMES[t]
    if pat.is_null(t):
        return "null"
    if pat.is_boolean(t):
        return "bool"
    if pat.is_string(t):
        return "str"
    if pat.is_large_string(t):
        return "large_str"
    if pat.is_fixed_size_binary(t) and not pat.is_decimal(t):
        return f"fixed_binary[{t.byte_width}]"
    if pat.is_binary(t):
        return "binary"
    if pat.is_large_binary(t):
        return "large_binary"
    if pat.is_date32(t):
        return "date32"
    if pat.is_date64(t):
        return "date64"
    if pat.is_time32(t):
        return f"time32[{t.unit}]"
    if pat.is_time64(t):
        return f"time64[{t.unit}]"
    if pat.is_timestamp(t):
        return f"timestamp[{t.unit}, {t.tz}]" if t.tz else f"timestamp[{t.unit}]"
    if pat.is_duration(t):
        return f"duration[{t.unit}]"
    if pat.is_decimal128(t):
        return f"decimal128({t.precision}, {t.scale})"
    if pat.is_decimal256(t):
        return f"decimal256({t.precision}, {t.scale})"
    if pat.is_map(t):
        return f"map[{type_name(t.key_type)}, {type_name(t.item_type)}]"
    if pat.is_list(t):
        return f"list[{type_name(t.value_type)}]"
    if pat.is_large_list(t):
        return f"large_list[{type_name(t.value_type)}]"
    if pat.is_fixed_size_list(t):
        return f"fixed_list[{type_name(t.value_type)}; {t.list_size}]"
    if pat.is_struct(t):
        return f"struct[{t.num_fields} fields]"
    if pat.is_dictionary(t):
        return f"dict[{type_name(t.index_type)}, {type_name(t.value_type)}]"
    return str(t)


# --- scalar formatting --------------------------------------------------------------------


def _cut(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + ELLIPSIS


def _shortest_digits(value: float, pack: str) -> tuple[str, int]:
    """Shortest significant digits and decimal exponent of a positive finite value that
    round-trip through the ``struct`` format ``pack`` (``"f"``: f32, ``"e"``: f16)."""
    target = struct.pack(pack, value)
    for precision in range(1, 18):
        text = "%.*e" % (precision - 1, value)
        try:
            if struct.pack(pack, float(text)) != target:
                continue
        except OverflowError:  # rounded above the format's largest finite value
            continue
        mantissa, exponent = text.split("e")
        return mantissa.replace(".", "").rstrip("0") or "0", int(exponent)
    raise AssertionError("unreachable: 17 significant digits always round-trip")  # pragma: no cover


def format_float(value: float, bits: int = 64) -> str:
    """Shortest round-trip text of a float of ``bits`` precision, in ``repr`` layout."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if bits == 64:
        return repr(float(value))
    negative = math.copysign(1.0, value) < 0
    if value == 0:
        return "-0.0" if negative else "0.0"
    digits, exp = _shortest_digits(abs(value), "f" if bits == 32 else "e")
    if -4 <= exp < 16:
        if exp >= 0:
            intpart = digits[: exp + 1].ljust(exp + 1, "0")
            frac = digits[exp + 1 :] or "0"
        else:
            intpart, frac = "0", "0" * (-exp - 1) + digits
        text = f"{intpart}.{frac}"
    else:
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        text = f"{mantissa}e{'+' if exp >= 0 else '-'}{abs(exp):02d}"
    return "-" + text if negative else text


def _civil_from_days(days: int) -> tuple[int, int, int]:
    """(year, month, day) of a day count since 1970-01-01, proleptic Gregorian."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    year = yoe + era * 400 + (1 if month <= 2 else 0)
    return year, month, day


def escape_controls(text: str) -> str:
    """``text`` with control characters escaped: ``\\n``, ``\\r``, ``\\t``, else ``\\xNN``."""
    if text.isprintable() or not any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        return text
    out = []
    for c in text:
        o = ord(c)
        if c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        else:
            out.append(c)
    return "".join(out)


def _format_date(days: int) -> str:
    y, m, d = _civil_from_days(days)
    year = f"-{-y:04d}" if y < 0 else f"{y:04d}"
    return f"{year}-{m:02d}-{d:02d}"


def _format_time_of_day(value: int, unit: str) -> str:
    per_second = 10 ** _FRACTION_DIGITS[unit]
    seconds, fraction = divmod(value, per_second)
    hours, rest = divmod(seconds % 86400, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    if _FRACTION_DIGITS[unit]:
        text += f".{fraction:0{_FRACTION_DIGITS[unit]}d}"
    return text


def _format_timestamp(value: int, unit: str) -> str:
    per_day = 86400 * 10 ** _FRACTION_DIGITS[unit]
    days, within = divmod(value, per_day)
    return f"{_format_date(days)} {_format_time_of_day(within, unit)}"


def _format_decimal(unscaled: int, scale: int) -> str:
    if scale <= 0:
        return str(unscaled * 10 ** (-scale))
    sign = "-" if unscaled < 0 else ""
    digits = str(abs(unscaled)).rjust(scale + 1, "0")
    return f"{sign}{digits[:-scale]}.{digits[-scale:]}"


def _decimal_unscaled(arr: pa.Array) -> list[int]:
    width = arr.type.byte_width
    data = arr.buffers()[1]
    raw = memoryview(data) if data is not None else memoryview(b"")
    base = arr.offset
    return [
        int.from_bytes(raw[(base + i) * width : (base + i + 1) * width], "little", signed=True)
        for i in range(len(arr))
    ]


# --- column formatting --------------------------------------------------------------------


def format_cells(arr: pa.Array) -> list[str]:
    """The cell text of every value of an array (see the module docstring)."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    t = arr.type
    n = len(arr)
    if n == 0:
        return []
    if pat.is_null(t):
        return ["null"] * n
    if pat.is_dictionary(t):
        return format_cells(arr.dictionary_decode())
    valid = arr.is_valid().to_pylist()

    def with_nulls(texts: list[str]) -> list[str]:
        return [text if ok else "null" for text, ok in zip(texts, valid)]

    if pat.is_boolean(t):
        return with_nulls(["true" if v else "false" for v in arr.to_pylist()])
    if pat.is_integer(t):
        return with_nulls([str(v) for v in arr.to_pylist()])
    if pat.is_floating(t):
        return with_nulls([format_float(float(v)) if v is not None else "" for v in arr.to_pylist()])
    if pat.is_string(t) or pat.is_large_string(t) or pat.is_string_view(t):
        return with_nulls([escape_controls(v) if v is not None else "" for v in arr.to_pylist()])
    if pat.is_decimal(t):
        return with_nulls([_format_decimal(u, t.scale) for u in _decimal_unscaled(arr)])
    if pat.is_binary(t) or pat.is_large_binary(t) or pat.is_fixed_size_binary(t) or pat.is_binary_view(t):
        return with_nulls(["0x" + v.hex() if v is not None else "" for v in arr.to_pylist()])
    if pat.is_date32(t):
        return with_nulls([_format_date(v) if v is not None else "" for v in arr.view(pa.int32()).to_pylist()])
    if pat.is_date64(t):
        return with_nulls(
            [_format_date(v // 86_400_000) if v is not None else "" for v in arr.view(pa.int64()).to_pylist()]
        )
    if pat.is_time32(t) or pat.is_time64(t):
        ints = arr.view(pa.int32() if pat.is_time32(t) else pa.int64()).to_pylist()
        return with_nulls([_format_time_of_day(v, t.unit) if v is not None else "" for v in ints])
    if pat.is_timestamp(t):
        ints = arr.view(pa.int64()).to_pylist()
        return with_nulls([_format_timestamp(v, t.unit) if v is not None else "" for v in ints])
    if pat.is_duration(t):
        return with_nulls([f"{v}{t.unit}" if v is not None else "" for v in arr.view(pa.int64()).to_pylist()])
    if pat.is_struct(t):
        names = [t.field(i).name for i in range(t.num_fields)]
        children = [format_cells(child) for child in arr.flatten()]
        return with_nulls(
            ["{" + ", ".join(f"{name}: {col[i]}" for name, col in zip(names, children)) + "}" for i in range(n)]
        )
    if pat.is_map(t):
        texts = []
        for i in range(n):
            if not valid[i]:
                texts.append("null")
                continue
            entries = arr[i].values
            keys, items = (format_cells(c) for c in entries.flatten()) if entries is not None else ([], [])
            texts.append("{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, items)) + "}")
        return texts
    if pat.is_list(t) or pat.is_large_list(t) or pat.is_fixed_size_list(t):
        texts = []
        for i in range(n):
            if not valid[i]:
                texts.append("null")
                continue
            values = arr[i].values
            texts.append("[" + ", ".join(format_cells(values) if values is not None else []) + "]")
        return texts
    return [str(s.as_py()) if s.is_valid else "null" for s in arr]


# --- table layout -------------------------------------------------------------------------


def _line(left: str, fill: str, middle: str, right: str, widths: list[int]) -> str:
    return left + middle.join(fill * (w + 2) for w in widths) + right


def _row(cells: list[str], widths: list[int]) -> str:
    return "│" + "┆".join(f" {c.ljust(w)} " for c, w in zip(cells, widths)) + "│"


def format_table(table: pa.Table, max_rows: int = DEFAULT_MAX_ROWS) -> str:
    """The aligned preview text of a table (see the module docstring)."""
    if max_rows < 0:
        raise ValueError(f"max_rows must be >= 0, got {max_rows}")
    rows, cols = table.num_rows, table.num_columns
    if rows > max_rows:
        head_n = max_rows // 2
        tail_n = max_rows - head_n
        parts = [table.slice(0, head_n), None, table.slice(rows - tail_n, tail_n)]
    else:
        parts = [table]
    body: list[list[str]] = []
    for part in parts:
        if part is None:
            body.append([ELLIPSIS] * cols)
            continue
        columns = [[_cut(c) for c in format_cells(part.column(j))] for j in range(cols)]
        body.extend([columns[j][i] for j in range(cols)] for i in range(part.num_rows))
    if cols == 0:
        return f"shape: ({rows}, {cols})"
    names = list(table.column_names)
    types = [type_name(f.type) for f in table.schema]
    widths = [
        max(len(names[j]), len(types[j]), 3, *(len(r[j]) for r in body)) for j in range(cols)
    ]
    lines = [
        f"shape: ({rows}, {cols})",
        _line("┌", "─", "┬", "┐", widths),
        _row(names, widths),
        _row(["---"] * cols, widths),
        _row(types, widths),
        _line("╞", "═", "╪", "╡", widths),
        *(_row(r, widths) for r in body),
        _line("└", "─", "┴", "┘", widths),
    ]
    return "\n".join(lines)
