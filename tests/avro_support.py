"""Shared by the Avro tests: whether the native reader is usable, and a backend fixture."""

from __future__ import annotations

import pytest

from conftest import NATIVE

import parquetframe as pf
from parquetframe import avro as _pfavro

#: The native Avro reader is loaded and enabled (``swift_io_enabled``).
NATIVE_IO = NATIVE and pf.get_config()["swift_io_enabled"] and _pfavro._avro_lib() is not None
requires_native = pytest.mark.skipif(not NATIVE_IO, reason="native Avro reader not built, not loaded or disabled")


@pytest.fixture(params=["swift", "pyarrow"])
def backend(request) -> str:
    """Each Avro backend in turn; the native one is skipped when unavailable or disabled."""
    if request.param == "swift" and not NATIVE_IO:
        pytest.skip("native Avro reader not built, not loaded or disabled")
    return request.param
