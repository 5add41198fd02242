"""Exception hierarchy of ParquetFrame.

Every error raised by the native library is a :class:`ParquetFrameError`
subclass carrying the library's message (``pf_last_error()``). The subclasses
also derive from the closest built-in exception so that ordinary ``except
ValueError`` / ``except OSError`` handlers keep working.
"""

from __future__ import annotations

__all__ = [
    "ParquetFrameError",
    "InvalidArgumentError",
    "ParquetFrameIOError",
    "FormatError",
    "UnsupportedError",
    "CancelledError",
    "InternalError",
    "error_for_status",
]


class ParquetFrameError(Exception):
    """Base class of all errors raised by ParquetFrame.

    Attributes:
        status: the native status code (``PF_ERR_*``), or ``None`` when the error
            was raised by the Python layer itself.
    """

    status: int | None = None

    def __init__(self, message: str = "", *, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


class InvalidArgumentError(ParquetFrameError, ValueError):
    """A wrong argument was given (``PF_ERR_INVALID_ARGUMENT``)."""

    status = 1


class ParquetFrameIOError(ParquetFrameError, OSError):
    """A file-system or operating-system failure (``PF_ERR_IO``)."""

    status = 2


class FormatError(ParquetFrameError):
    """Malformed input data (``PF_ERR_FORMAT``)."""

    status = 3


class UnsupportedError(ParquetFrameError):
    """Valid input using a feature that is not supported (``PF_ERR_UNSUPPORTED``)."""

    status = 4


class CancelledError(ParquetFrameError):
    """The operation was cancelled (``PF_ERR_CANCELLED``)."""

    status = 5


class InternalError(ParquetFrameError):
    """A bug in ParquetFrame (``PF_ERR_INTERNAL``); please report it."""

    status = 6


_BY_STATUS: dict[int, type[ParquetFrameError]] = {
    cls.status: cls  # type: ignore[misc]
    for cls in (
        InvalidArgumentError,
        ParquetFrameIOError,
        FormatError,
        UnsupportedError,
        CancelledError,
        InternalError,
    )
}


def error_for_status(status: int, message: str) -> ParquetFrameError:
    """Build the exception matching a native status code.

    Unknown non-zero codes map to :class:`InternalError` (the message names the code).
    """
    cls = _BY_STATUS.get(status)
    if cls is None:
        return InternalError(f"unknown native status {status}: {message}", status=status)
    return cls(message, status=status)
