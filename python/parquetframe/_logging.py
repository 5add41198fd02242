"""The ``parquetframe`` logger.

``PARQUETFRAME_SWIFT_LOG`` (``error``, ``warn``, ``info`` or ``debug``) turns on
logging to stderr for both the Python layer (logger ``"parquetframe"``) and the
native library (``pf_set_log_level``). Every operation logs, at info level, the
backend that ran it, e.g. ``from_arrow: backend=swift``.
"""

from __future__ import annotations

import logging
import sys

logger = logging.getLogger("parquetframe")

#: Accepted values of ``PARQUETFRAME_SWIFT_LOG`` -> (Python level, native level).
LEVELS: dict[str, tuple[int, int]] = {
    "error": (logging.ERROR, 1),
    "warn": (logging.WARNING, 2),
    "warning": (logging.WARNING, 2),
    "info": (logging.INFO, 3),
    "debug": (logging.DEBUG, 4),
}

_handler: logging.Handler | None = None


def parse_level(value: str | None) -> tuple[int, int] | None:
    """Map a ``PARQUETFRAME_SWIFT_LOG`` value to (Python level, native level).

    Returns ``None`` for an unset or empty value; an unknown value is ignored with
    a warning on stderr (a bad environment variable must not break imports).
    """
    if value is None or not value.strip():
        return None
    key = value.strip().lower()
    if key not in LEVELS:
        print(
            f"parquetframe: ignoring PARQUETFRAME_SWIFT_LOG={value!r} "
            f"(expected one of error, warn, info, debug)",
            file=sys.stderr,
        )
        return None
    return LEVELS[key]


def configure(python_level: int | None) -> None:
    """Attach (or detach) the stderr handler of the ``parquetframe`` logger."""
    global _handler
    if python_level is None:
        if _handler is not None:
            logger.removeHandler(_handler)
            _handler = None
            logger.setLevel(logging.NOTSET)
        return
    if _handler is None:
        _handler = logging.StreamHandler(sys.stderr)
        _handler.setFormatter(logging.Formatter("[parquetframe] %(levelname)s %(message)s"))
        logger.addHandler(_handler)
    logger.setLevel(python_level)


def log_backend(operation: str, backend: str) -> None:
    """Log at info level which backend ran an operation."""
    logger.info("%s: backend=%s", operation, backend)
