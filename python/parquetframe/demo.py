"""``python -m parquetframe.demo``: a table built in Swift, handed to pyarrow without a copy.

Builds the demo table natively (or with the pyarrow fallback), prints the Frame,
converts it with ``to_arrow()``, prints what pyarrow sees, and shows that two
conversions share the very same data buffers (zero-copy).
"""

from __future__ import annotations

import argparse
import sys

import pyarrow as pa

from . import __version__, swift_available
from ._demo import demo_frame
from .backends.swift_backend import get_backend_info


def _buffer_addresses(table: pa.Table) -> dict[str, list[int]]:
    """Address of the values buffer of each column's first chunk."""
    out = {}
    for name, column in zip(table.column_names, table.columns):
        chunk = column.chunk(0)
        out[name] = [buf.address if buf is not None else 0 for buf in chunk.buffers()]
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the demo; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m parquetframe.demo", description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the demo table")
    args = parser.parse_args(argv)

    info = get_backend_info()
    backend = "swift" if swift_available() else "pyarrow (fallback)"
    print(f"parquetframe {__version__}; backend: {backend}")
    if info["library_path"]:
        print(f"native library: {info['library_path']} (version {info['version']}, {info['threads']} threads)")
    else:
        print(f"native library not loaded: {info['load_error']}")

    frame = demo_frame(args.rows)
    print(f"\nFrame built by {frame.backend}:")
    print(frame)

    table = frame.to_arrow()
    print("\npyarrow sees:")
    print(f"  type: {type(table).__module__}.{type(table).__name__}")
    print(f"  num_rows: {table.num_rows}")
    print("  schema:")
    for field in table.schema:
        print(f"    {field.name}: {field.type} (nullable={field.nullable})")
    print("  first rows:")
    print("    " + str(table.slice(0, 5).to_pydict()))

    again = frame.to_arrow()
    first, second = _buffer_addresses(table), _buffer_addresses(again)
    print("\nbuffer addresses (validity, offsets/values, data) of two to_arrow() calls:")
    same = True
    for name in table.column_names:
        a, b = first[name], second[name]
        same &= a == b
        print(f"  {name:6s} {' '.join(hex(x) for x in a)}")
        print(f"  {'':6s} {' '.join(hex(x) for x in b)}  {'equal' if a == b else 'DIFFERENT'}")
    print("zero-copy: " + ("yes, both conversions share the same buffers" if same else "NO"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
