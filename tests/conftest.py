"""Shared fixtures: run tests on both backends (native Swift and pyarrow fallback)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "python"))  # works without `make` / installation too

import parquetframe as pf  # noqa: E402
from parquetframe import _native  # noqa: E402

NATIVE = pf.swift_available()
NATIVE_SKIP_REASON = f"native library not built/loaded: {_native.load_error()}"

requires_native = pytest.mark.skipif(not NATIVE, reason=NATIVE_SKIP_REASON)


@pytest.fixture(params=["swift", "pyarrow"])
def backend(request) -> str:
    """Each backend in turn; the native one is skipped only when the library is not built."""
    if request.param == "swift" and not NATIVE:
        pytest.skip(NATIVE_SKIP_REASON)
    return request.param


@pytest.fixture(autouse=True)
def _fresh_config():
    """Every test starts and ends with the default configuration."""
    pf.reset_config()
    yield
    pf.reset_config()


def subprocess_env(**overrides: str | None) -> dict[str, str]:
    """The current environment with PARQUETFRAME_* cleared, python/ on the path, plus overrides."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARQUETFRAME_") or k == "PARQUETFRAME_LIB"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "python"), env.get("PYTHONPATH")]))
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env
