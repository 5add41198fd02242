"""Comparing tables read by us with tables read by pyarrow, chunking and dictionaries aside."""

from __future__ import annotations

import pyarrow as pa


def plain(t: pa.Table) -> pa.Table:
    """Combine chunks and decode dictionaries (the representation compared)."""
    cols = []
    for c in t.columns:
        c = c.combine_chunks() if c.num_chunks else pa.array([], type=c.type)
        if pa.types.is_dictionary(c.type):
            c = c.cast(c.type.value_type)
        cols.append(c)
    return pa.table(cols, names=t.column_names)


def assert_same(ours: pa.Table, ref: pa.Table) -> None:
    """Same column names, row count and types; equal values column by column."""
    assert ours.column_names == ref.column_names
    assert ours.num_rows == ref.num_rows
    for a, b in zip(ours.schema, ref.schema):
        assert a.type == b.type, (a, b)
    x, y = plain(ours), plain(ref)
    for name in x.column_names:
        assert x[name].to_pylist() == y[name].to_pylist() or x[name].equals(y[name]), name
