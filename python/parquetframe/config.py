"""Runtime configuration of ParquetFrame.

Settings (see :func:`set_config`):

``swift_io_enabled`` (bool)
    Use the native library for I/O operations.
``swift_graph_enabled`` (bool)
    Use the native library for graph algorithms.
``swift_workflow_enabled`` (bool)
    Use the native library for workflow execution.
``swift_threads`` (int >= 0 or None)
    Size of the native thread pool; ``0`` or ``None`` means one thread per core.

Environment variables, read at import and by :func:`reset_config`:

``PARQUETFRAME_DISABLE_SWIFT``
    Do not use the native library at all (``1``, ``true`` or ``yes``, any case).
``PARQUETFRAME_DISABLE_SWIFT_IO`` / ``_GRAPH`` / ``_WORKFLOW``
    Initial value ``False`` for the matching ``swift_*_enabled`` setting.
``PARQUETFRAME_SWIFT_THREADS``
    Initial value of ``swift_threads``.
``PARQUETFRAME_SWIFT_LOG``
    ``error``, ``warn``, ``info`` or ``debug``: log to stderr from Python (logger
    ``"parquetframe"``) and from the native library.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from typing import Any

from . import _logging, _native

__all__ = ["set_config", "get_config", "reset_config", "config_context", "swift_disabled"]

_BOOL_KEYS = ("swift_io_enabled", "swift_graph_enabled", "swift_workflow_enabled")
_VALID_KEYS = (*_BOOL_KEYS, "swift_threads")

_ENV_DISABLE = "PARQUETFRAME_DISABLE_SWIFT"
_ENV_DISABLE_BY_KEY = {
    "swift_io_enabled": "PARQUETFRAME_DISABLE_SWIFT_IO",
    "swift_graph_enabled": "PARQUETFRAME_DISABLE_SWIFT_GRAPH",
    "swift_workflow_enabled": "PARQUETFRAME_DISABLE_SWIFT_WORKFLOW",
}
_ENV_THREADS = "PARQUETFRAME_SWIFT_THREADS"
_ENV_LOG = "PARQUETFRAME_SWIFT_LOG"

_lock = threading.RLock()
_config: dict[str, Any] = {}
_swift_disabled = False


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes")


def _env_threads() -> int | None:
    raw = os.environ.get(_ENV_THREADS, "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        print(f"parquetframe: ignoring {_ENV_THREADS}={raw!r} (expected an integer >= 0)", file=sys.stderr)
        return None
    return value


def _validate(key: str, value: Any) -> None:
    if key not in _VALID_KEYS:
        raise ValueError(f"unknown config key {key!r}; valid keys: {', '.join(_VALID_KEYS)}")
    if key in _BOOL_KEYS:
        if not isinstance(value, bool):
            raise TypeError(f"config key {key!r} expects a bool, got {type(value).__name__}")
    elif value is not None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"config key {key!r} expects an int or None, got {type(value).__name__}")
        if value < 0:
            raise ValueError(f"config key {key!r} must be >= 0, got {value}")


def _push_threads(threads: int | None) -> None:
    """Size the native thread pool (when the library is in use)."""
    lib = _native.library()
    if lib is None or _swift_disabled:
        return
    lib.check(lib.pf_set_threads(int(threads or 0)), "pf_set_threads")


def _push_log_level(native_level: int) -> None:
    lib = _native.library()
    if lib is None or _swift_disabled:
        return
    lib.check(lib.pf_set_log_level(native_level), "pf_set_log_level")


def set_config(**settings: Any) -> None:
    """Change settings; all are validated before any is applied.

    Raises:
        ValueError: unknown key (the message lists the valid keys) or bad value.
        TypeError: a value of the wrong type.
    """
    for key, value in settings.items():
        _validate(key, value)
    with _lock:
        if "swift_threads" in settings:
            _push_threads(settings["swift_threads"])
        _config.update(settings)


def get_config() -> dict[str, Any]:
    """A copy of the current settings."""
    with _lock:
        return dict(_config)


def reset_config() -> None:
    """Restore the defaults, re-reading the ``PARQUETFRAME_*`` environment variables."""
    global _swift_disabled
    with _lock:
        _swift_disabled = _env_flag(_ENV_DISABLE)
        _config.clear()
        for key in _BOOL_KEYS:
            _config[key] = not _env_flag(_ENV_DISABLE_BY_KEY[key])
        _config["swift_threads"] = _env_threads()
        levels = _logging.parse_level(os.environ.get(_ENV_LOG))
        _logging.configure(levels[0] if levels else None)
        _push_log_level(levels[1] if levels else 0)
        _push_threads(_config["swift_threads"])


@contextlib.contextmanager
def config_context(**settings: Any) -> Iterator[dict[str, Any]]:
    """Apply settings for the duration of a ``with`` block, then restore the previous ones.

    Yields a copy of the configuration in effect inside the block.
    """
    with _lock:
        previous = get_config()
        set_config(**settings)
    try:
        yield get_config()
    finally:
        with _lock:
            set_config(**previous)


def swift_disabled() -> bool:
    """Whether ``PARQUETFRAME_DISABLE_SWIFT`` turned the native library off."""
    return _swift_disabled


def enabled(key: str) -> bool:
    """The value of a ``swift_*_enabled`` setting."""
    with _lock:
        return bool(_config[key])
