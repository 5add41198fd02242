"""Error hierarchy and the mapping of native status codes."""

from __future__ import annotations

import pyarrow as pa
import pytest

import parquetframe as pf
from parquetframe import errors
from parquetframe._demo import demo_frame

from conftest import requires_native

EXPECTED = {
    1: (pf.InvalidArgumentError, ValueError),
    2: (pf.ParquetFrameIOError, OSError),
    3: (pf.FormatError, pf.ParquetFrameError),
    4: (pf.UnsupportedError, pf.ParquetFrameError),
    5: (pf.CancelledError, pf.ParquetFrameError),
    6: (pf.InternalError, pf.ParquetFrameError),
}


@pytest.mark.parametrize("status", sorted(EXPECTED))
def test_status_mapping(status):
    cls, base = EXPECTED[status]
    exc = errors.error_for_status(status, "what went wrong")
    assert type(exc) is cls
    assert isinstance(exc, pf.ParquetFrameError) and isinstance(exc, base)
    assert exc.status == status
    assert str(exc) == "what went wrong"


def test_unknown_status_is_internal_error():
    exc = errors.error_for_status(42, "odd")
    assert isinstance(exc, pf.InternalError)
    assert "42" in str(exc) and "odd" in str(exc)


def test_reexports():
    for name in ("ParquetFrameError", "InvalidArgumentError", "ParquetFrameIOError", "FormatError",
                 "UnsupportedError", "CancelledError", "InternalError"):
        assert getattr(pf, name) is getattr(errors, name)


def test_non_table_array_is_invalid_argument(backend):
    """A plain (non-struct) array is not a table: both backends raise InvalidArgumentError."""
    with pytest.raises(pf.InvalidArgumentError) as info:
        pf.Frame.from_arrow(pa.array([1, 2, 3]), backend=backend)
    assert str(info.value)  # carries a message


def test_non_table_stream_is_invalid_argument(backend):
    with pytest.raises(pf.InvalidArgumentError):
        pf.Frame.from_arrow(pa.chunked_array([[1, 2], [3]]), backend=backend)


@requires_native
def test_native_error_carries_last_error_message():
    from parquetframe import _native

    lib = _native.library()
    import ctypes

    out = ctypes.c_void_p()
    status = lib.pf_demo_table(-5, 0, ctypes.byref(out))
    assert status == 1
    assert lib.last_error()
    with pytest.raises(pf.InvalidArgumentError) as info:
        lib.check(status)
    assert str(info.value) == lib.last_error()


def test_bad_arguments_raise_type_and_value_errors(backend):
    with pytest.raises(TypeError):
        pf.Frame.from_arrow([1, 2, 3], backend=backend)
    with pytest.raises(ValueError):
        demo_frame(-1, backend=backend)
    with pytest.raises(TypeError):
        demo_frame("10", backend=backend)
    frame = demo_frame(3, backend=backend)
    with pytest.raises(ValueError):
        frame.head(-1)
    with pytest.raises(TypeError):
        frame.head(1.5)


def test_forcing_unavailable_swift_backend(monkeypatch):
    monkeypatch.setenv("PARQUETFRAME_DISABLE_SWIFT", "1")
    pf.reset_config()
    with pytest.raises(pf.UnsupportedError):
        demo_frame(3, backend="swift")
    with pytest.raises(ValueError):
        demo_frame(3, backend="rust")
