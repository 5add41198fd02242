"""Configuration: set/get/reset/context, validation, environment variables."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import parquetframe as pf
from parquetframe import _native
from parquetframe.backends import swift_backend

from conftest import NATIVE, requires_native, subprocess_env

DEFAULTS = {
    "swift_io_enabled": True,
    "swift_graph_enabled": True,
    "swift_workflow_enabled": True,
    "swift_threads": None,
}


def test_defaults():
    assert pf.get_config() == DEFAULTS


def test_get_config_returns_a_copy():
    cfg = pf.get_config()
    cfg["swift_io_enabled"] = False
    assert pf.get_config()["swift_io_enabled"] is True


def test_set_and_reset():
    pf.set_config(swift_io_enabled=False, swift_threads=1)
    assert pf.get_config()["swift_io_enabled"] is False
    assert pf.get_config()["swift_threads"] == 1
    pf.reset_config()
    assert pf.get_config() == DEFAULTS


def test_unknown_key_names_key_and_valid_keys():
    with pytest.raises(ValueError) as info:
        pf.set_config(swift_io=True)
    message = str(info.value)
    assert "swift_io" in message
    for key in DEFAULTS:
        assert key in message


@pytest.mark.parametrize(
    "settings",
    [
        {"swift_io_enabled": 1},
        {"swift_graph_enabled": "yes"},
        {"swift_workflow_enabled": None},
        {"swift_threads": "4"},
        {"swift_threads": 2.0},
        {"swift_threads": True},
    ],
)
def test_wrong_types(settings):
    with pytest.raises(TypeError):
        pf.set_config(**settings)
    assert pf.get_config() == DEFAULTS


def test_negative_threads_is_value_error():
    with pytest.raises(ValueError):
        pf.set_config(swift_threads=-1)


def test_validation_is_all_or_nothing():
    with pytest.raises(TypeError):
        pf.set_config(swift_io_enabled=False, swift_graph_enabled="no")
    assert pf.get_config() == DEFAULTS


def test_config_context_restores_previous():
    pf.set_config(swift_graph_enabled=False)
    with pf.config_context(swift_io_enabled=False, swift_threads=1) as inside:
        assert inside["swift_io_enabled"] is False
        assert pf.get_config()["swift_threads"] == 1
        assert pf.get_config()["swift_graph_enabled"] is False
    assert pf.get_config() == {**DEFAULTS, "swift_graph_enabled": False}


def test_config_context_restores_on_error():
    with pytest.raises(RuntimeError):
        with pf.config_context(swift_io_enabled=False):
            raise RuntimeError("boom")
    assert pf.get_config() == DEFAULTS


def test_config_context_rejects_bad_key_without_changes():
    with pytest.raises(ValueError):
        with pf.config_context(nope=1):
            pass  # pragma: no cover
    assert pf.get_config() == DEFAULTS


@requires_native
def test_threads_are_pushed_to_native():
    lib = _native.library()
    pf.set_config(swift_threads=1)
    assert lib.pf_get_threads() == 1
    assert swift_backend.get_backend_info()["threads"] == 1
    with pf.config_context(swift_threads=2):
        assert lib.pf_get_threads() == 2
    assert lib.pf_get_threads() == 1
    pf.set_config(swift_threads=None)
    assert lib.pf_get_threads() >= 1


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], env=subprocess_env(**env), capture_output=True, text=True
    )


INFO_CODE = """
    import json, parquetframe as pf
    from parquetframe.backends import swift_backend
    info = swift_backend.get_backend_info()
    print(json.dumps({"available": pf.swift_available(), "config": pf.get_config(), "info": info}))
"""


@pytest.mark.parametrize("value", ["1", "true", "YES", "True"])
def test_env_disable_swift(value):
    out = _run(INFO_CODE, PARQUETFRAME_DISABLE_SWIFT=value)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["available"] is False
    assert result["info"]["swift_io_available"] is False
    assert result["info"]["swift_compiled"] is NATIVE


def test_env_disable_swift_other_values_do_not_disable():
    out = _run(INFO_CODE, PARQUETFRAME_DISABLE_SWIFT="0")
    assert json.loads(out.stdout)["available"] is NATIVE


def test_env_disable_swift_frame_uses_fallback():
    code = """
        import pyarrow as pa, parquetframe as pf
        from parquetframe._demo import demo_frame
        print(pf.Frame.from_arrow(pa.table({'a': [1, 2]})).backend, demo_frame(5).backend)
    """
    out = _run(code, PARQUETFRAME_DISABLE_SWIFT="1")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["pyarrow", "pyarrow"]


@pytest.mark.parametrize(
    "var,key",
    [
        ("PARQUETFRAME_DISABLE_SWIFT_IO", "swift_io_enabled"),
        ("PARQUETFRAME_DISABLE_SWIFT_GRAPH", "swift_graph_enabled"),
        ("PARQUETFRAME_DISABLE_SWIFT_WORKFLOW", "swift_workflow_enabled"),
    ],
)
def test_env_disable_parts(var, key):
    out = _run(INFO_CODE, **{var: "yes"})
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["config"][key] is False
    assert result["info"][key.replace("_enabled", "_available")] is False
    others = [k for k in DEFAULTS if k.endswith("_enabled") and k != key]
    assert all(result["config"][k] is True for k in others)


def test_env_threads():
    out = _run(INFO_CODE, PARQUETFRAME_SWIFT_THREADS="1")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["config"]["swift_threads"] == 1
    if NATIVE:
        assert result["info"]["threads"] == 1


def test_env_threads_invalid_is_ignored_with_warning():
    out = _run(INFO_CODE, PARQUETFRAME_SWIFT_THREADS="many")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["config"]["swift_threads"] is None
    assert "PARQUETFRAME_SWIFT_THREADS" in out.stderr


def test_reset_config_rereads_environment(monkeypatch):
    monkeypatch.setenv("PARQUETFRAME_DISABLE_SWIFT_IO", "1")
    monkeypatch.setenv("PARQUETFRAME_SWIFT_THREADS", "1")
    pf.reset_config()
    assert pf.get_config()["swift_io_enabled"] is False
    assert pf.get_config()["swift_threads"] == 1
    monkeypatch.delenv("PARQUETFRAME_DISABLE_SWIFT_IO")
    monkeypatch.delenv("PARQUETFRAME_SWIFT_THREADS")
    pf.reset_config()
    assert pf.get_config() == DEFAULTS


LOG_CODE = """
    import pyarrow as pa, parquetframe as pf
    f = pf.Frame.from_arrow(pa.table({'a': [1, 2]}))
    f.to_arrow()
"""


def test_env_log_info_reports_backend():
    out = _run(LOG_CODE, PARQUETFRAME_SWIFT_LOG="INFO")
    assert out.returncode == 0, out.stderr
    backend = "swift" if NATIVE else "pyarrow"
    assert f"from_arrow: backend={backend}" in out.stderr
    assert f"to_arrow: backend={backend}" in out.stderr


def test_env_log_error_level_hides_info():
    out = _run(LOG_CODE, PARQUETFRAME_SWIFT_LOG="error")
    assert out.returncode == 0, out.stderr
    assert "backend=" not in out.stderr


def test_no_log_by_default():
    out = _run(LOG_CODE)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""


def test_log_disabled_swift_reports_pyarrow():
    out = _run(LOG_CODE, PARQUETFRAME_SWIFT_LOG="debug", PARQUETFRAME_DISABLE_SWIFT="1")
    assert "from_arrow: backend=pyarrow" in out.stderr
