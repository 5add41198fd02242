"""`python -m parquetframe.demo` runs and proves the zero-copy hand-off."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import NATIVE, subprocess_env


@pytest.mark.parametrize("disable", ["0", "1"])
def test_demo_module(disable):
    out = subprocess.run(
        [sys.executable, "-m", "parquetframe.demo", "--rows", "20000"],
        env=subprocess_env(PARQUETFRAME_DISABLE_SWIFT=disable), capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    text = out.stdout
    native = NATIVE and disable == "0"
    assert f"Frame built by {'swift' if native else 'pyarrow'}" in text
    assert "shape: (20000, 3)" in text
    assert "num_rows: 20000" in text
    assert "label: string" in text
    assert "zero-copy: yes" in text
