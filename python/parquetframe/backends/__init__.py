"""Backend selection: which implementation runs an operation.

Two backends exist: ``"swift"`` (the native library) and ``"pyarrow"`` (the
pure-Python fallback). Operations pick ``"swift"`` whenever the native library is
loaded and enabled, else ``"pyarrow"``; both give the same results.
"""

from __future__ import annotations

from .. import _native, config
from ..errors import UnsupportedError

SWIFT = "swift"
PYARROW = "pyarrow"
BACKENDS = (SWIFT, PYARROW)

__all__ = ["SWIFT", "PYARROW", "BACKENDS", "resolve"]


def resolve(backend: str | None = None, setting: str | None = None) -> str:
    """The backend to run an operation on.

    Args:
        backend: ``None`` or ``"auto"`` to choose automatically, or ``"swift"`` /
            ``"pyarrow"`` to force one.
        setting: the ``swift_*_enabled`` configuration key that governs the
            operation, if any (``None``: only the global switch applies).

    Raises:
        ValueError: unknown backend name.
        UnsupportedError: ``"swift"`` was forced but the native library is missing
            or disabled.
    """
    if backend not in (None, "auto", *BACKENDS):
        raise ValueError(f"unknown backend {backend!r}; expected one of auto, {', '.join(BACKENDS)}")
    if backend == PYARROW:
        return PYARROW
    native_ok = _native.library() is not None and not config.swift_disabled()
    if native_ok and setting is not None:
        native_ok = config.enabled(setting)
    if backend == SWIFT:
        if not native_ok:
            reason = _native.load_error() or "disabled by configuration"
            raise UnsupportedError(f"the Swift backend is not available: {reason}")
        return SWIFT
    return SWIFT if native_ok else PYARROW
