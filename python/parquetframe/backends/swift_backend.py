"""Status of the Swift (native) backend."""

from __future__ import annotations

import os
from typing import Any

from .. import _native, config

__all__ = ["is_available", "get_backend_info"]


def is_available() -> bool:
    """Whether the native library is loaded and not disabled by ``PARQUETFRAME_DISABLE_SWIFT``."""
    return _native.library() is not None and not config.swift_disabled()


def get_backend_info() -> dict[str, Any]:
    """A description of the native backend.

    Keys:
        ``swift_compiled``: the native library was found and loaded.
        ``swift_io_available`` / ``swift_graph_available`` / ``swift_workflow_available``:
            the capability is compiled into the library *and* enabled in the configuration.
        ``swift_disabled``: ``PARQUETFRAME_DISABLE_SWIFT`` is set.
        ``version``: the native library version (``None`` without the library).
        ``threads``: size of the native thread pool (without the library: the
            configured value, or the number of CPUs).
        ``library_path``: where the library was loaded from (``None`` without it).
        ``load_error``: why the library could not be loaded (``None`` when it was).
    """
    lib = _native.library()
    cfg = config.get_config()
    usable = lib is not None and not config.swift_disabled()
    caps = lib.capabilities if lib is not None else 0
    if lib is not None:
        threads = int(lib.pf_get_threads())
    else:
        threads = cfg["swift_threads"] or os.cpu_count() or 1
    return {
        "swift_compiled": lib is not None,
        "swift_disabled": config.swift_disabled(),
        "swift_io_available": usable and bool(caps & _native.CAP_IO) and cfg["swift_io_enabled"],
        "swift_graph_available": usable and bool(caps & _native.CAP_GRAPH) and cfg["swift_graph_enabled"],
        "swift_workflow_available": usable
        and bool(caps & _native.CAP_WORKFLOW)
        and cfg["swift_workflow_enabled"],
        "capabilities": caps,
        "version": lib.version if lib is not None else None,
        "threads": threads,
        "library_path": str(lib.path) if lib is not None else None,
        "load_error": _native.load_error(),
    }
