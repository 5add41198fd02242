"""ctypes bindings of the native library ``libParquetFrameNative.so``.

The C ABI is documented in ``Sources/PFNative/include/parquetframe.h``. This
module finds and loads the library, declares the signatures of its functions and
turns non-zero status codes into :mod:`parquetframe.errors` exceptions.

Library search order (the first existing file wins):

1. the path in the environment variable ``PARQUETFRAME_LIB`` -- when it is set, it is
   the only path tried, so an explicitly chosen build is never silently replaced by
   another one (a failure to load it is logged as a warning);
2. ``parquetframe/_lib/libParquetFrameNative.so`` inside the installed package;
3. ``<repo>/.build/release/libParquetFrameNative.so`` (development tree).

A missing or unusable library is not an error: :func:`library` returns ``None``
(:func:`load_error` says why) and the Python layer falls back to pyarrow. ``ctypes.CDLL`` releases the GIL
for the duration of every native call.
"""

from __future__ import annotations

import ctypes
import os
import threading
from pathlib import Path
from typing import Any

from ._logging import logger
from .errors import error_for_status

__all__ = [
    "ArrowSchema",
    "ArrowArray",
    "ArrowArrayStream",
    "NativeLibrary",
    "LIBRARY_NAME",
    "candidate_paths",
    "library",
    "load_error",
]

LIBRARY_NAME = "libParquetFrameNative.so"
LIBRARY_ENV = "PARQUETFRAME_LIB"

# PF_CAP_* bits of pf_capabilities().
CAP_IO = 1
CAP_GRAPH = 2
CAP_WORKFLOW = 4


# --- Arrow C Data / C Stream interface structs (layout fixed by the spec) ---------------


class ArrowSchema(ctypes.Structure):
    """``struct ArrowSchema`` of the Arrow C data interface."""


class ArrowArray(ctypes.Structure):
    """``struct ArrowArray`` of the Arrow C data interface."""


class ArrowArrayStream(ctypes.Structure):
    """``struct ArrowArrayStream`` of the Arrow C stream interface."""


ArrowSchema._fields_ = [
    ("format", ctypes.c_char_p),
    ("name", ctypes.c_char_p),
    ("metadata", ctypes.c_char_p),
    ("flags", ctypes.c_int64),
    ("n_children", ctypes.c_int64),
    ("children", ctypes.POINTER(ctypes.POINTER(ArrowSchema))),
    ("dictionary", ctypes.POINTER(ArrowSchema)),
    ("release", ctypes.CFUNCTYPE(None, ctypes.POINTER(ArrowSchema))),
    ("private_data", ctypes.c_void_p),
]
ArrowArray._fields_ = [
    ("length", ctypes.c_int64),
    ("null_count", ctypes.c_int64),
    ("offset", ctypes.c_int64),
    ("n_buffers", ctypes.c_int64),
    ("n_children", ctypes.c_int64),
    ("buffers", ctypes.POINTER(ctypes.c_void_p)),
    ("children", ctypes.POINTER(ctypes.POINTER(ArrowArray))),
    ("dictionary", ctypes.POINTER(ArrowArray)),
    ("release", ctypes.CFUNCTYPE(None, ctypes.POINTER(ArrowArray))),
    ("private_data", ctypes.c_void_p),
]
ArrowArrayStream._fields_ = [
    ("get_schema", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ArrowArrayStream), ctypes.POINTER(ArrowSchema))),
    ("get_next", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ArrowArrayStream), ctypes.POINTER(ArrowArray))),
    ("get_last_error", ctypes.CFUNCTYPE(ctypes.c_char_p, ctypes.POINTER(ArrowArrayStream))),
    ("release", ctypes.CFUNCTYPE(None, ctypes.POINTER(ArrowArrayStream))),
    ("private_data", ctypes.c_void_p),
]

# --- function signatures ------------------------------------------------------------------

_i32 = ctypes.c_int32
_i64 = ctypes.c_int64
_ptr = ctypes.c_void_p
_out_ptr = ctypes.POINTER(ctypes.c_void_p)

#: name -> (restype, argtypes) for every function of parquetframe.h.
_SIGNATURES: dict[str, tuple[object, list[object]]] = {
    "pf_version": (ctypes.c_char_p, []),
    "pf_last_error": (ctypes.c_char_p, []),
    "pf_capabilities": (_i32, []),
    "pf_set_threads": (_i32, [_i32]),
    "pf_get_threads": (_i32, []),
    "pf_set_log_level": (_i32, [_i32]),
    "pf_memory_cached": (_i64, []),
    "pf_memory_release": (_i64, []),
    "pf_string_free": (None, [_ptr]),
    "pf_table_free": (None, [_ptr]),
    "pf_table_num_rows": (_i64, [_ptr]),
    "pf_table_num_columns": (_i64, [_ptr]),
    "pf_table_num_batches": (_i64, [_ptr]),
    "pf_table_export_stream": (_i32, [_ptr, ctypes.POINTER(ArrowArrayStream)]),
    "pf_table_export_schema": (_i32, [_ptr, ctypes.POINTER(ArrowSchema)]),
    "pf_table_import_stream": (_i32, [_ptr, _out_ptr]),
    "pf_table_import_array": (_i32, [_ptr, _ptr, _out_ptr]),
    "pf_table_slice": (_i32, [_ptr, _i64, _i64, _out_ptr]),
    "pf_table_preview": (_i32, [_ptr, _i64, _out_ptr]),
    "pf_table_equals": (_i32, [_ptr, _ptr, ctypes.POINTER(_i32)]),
    "pf_demo_table": (_i32, [_i64, _i64, _out_ptr]),
}


class NativeLibrary:
    """A loaded ``libParquetFrameNative.so`` with typed functions.

    Every C function is reachable as an attribute of the same name (``lib.pf_version()``).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._dll = ctypes.CDLL(str(path))
        self._groups: dict[str, dict[str, Any] | None] = {}
        self._groups_lock = threading.Lock()
        for name, (restype, argtypes) in _SIGNATURES.items():
            fn = getattr(self._dll, name)  # AttributeError: symbol missing
            fn.restype = restype
            fn.argtypes = argtypes
            setattr(self, name, fn)

    def functions(self, group: str, capability: int, signatures: dict[str, tuple[Any, list[Any]]]
                  ) -> dict[str, Any] | None:
        """The typed functions of one core (``signatures``: name -> (restype, argtypes)),
        declared once per library; None when the library lacks ``capability`` or a symbol."""
        with self._groups_lock:
            if group not in self._groups:
                fns: dict[str, Any] | None = None
                if self.capabilities & capability:
                    try:
                        fns = {}
                        for name, (restype, argtypes) in signatures.items():
                            fn = getattr(self._dll, name)
                            fn.restype, fn.argtypes = restype, argtypes
                            fns[name] = fn
                    except AttributeError:
                        fns = None
                self._groups[group] = fns
            return self._groups[group]

    @property
    def version(self) -> str:
        """The native library version (``pf_version()``)."""
        return self.pf_version().decode()

    @property
    def capabilities(self) -> int:
        """Bitmask of ``PF_CAP_*`` compiled into the library."""
        return int(self.pf_capabilities())

    def last_error(self) -> str:
        """The last error message of the calling thread."""
        msg = self.pf_last_error()
        return msg.decode("utf-8", "replace") if msg else ""

    def check(self, status: int, operation: str = "") -> None:
        """Raise the exception matching a non-zero status code."""
        if status != 0:
            message = self.last_error() or f"{operation} failed"
            raise error_for_status(int(status), message)

    def take_string(self, address: int | None) -> str:
        """Copy a library-owned C string into Python and free it."""
        if not address:
            return ""
        try:
            return ctypes.string_at(address).decode("utf-8")
        finally:
            self.pf_string_free(address)


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


def candidate_paths() -> list[Path]:
    """The paths searched for the native library, in order (only ``PARQUETFRAME_LIB``
    when that is set)."""
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return [Path(env)]
    paths: list[Path] = []
    paths.append(_package_dir() / "_lib" / LIBRARY_NAME)
    # python/parquetframe/_native.py -> repo root is two levels above the package dir.
    paths.append(_package_dir().parent.parent / ".build" / "release" / LIBRARY_NAME)
    return paths


_lock = threading.Lock()
_loaded = False
_library: NativeLibrary | None = None
_load_error: str | None = None


def _load() -> None:
    global _loaded, _library, _load_error
    errors = []
    for path in candidate_paths():
        if not path.is_file():
            if os.environ.get(LIBRARY_ENV):
                errors.append(f"{path}: no such file")
            continue
        try:
            _library = NativeLibrary(path)
            _load_error = None
            logger.debug("loaded native library %s (version %s)", path, _library.version)
            return
        except (OSError, AttributeError) as exc:
            errors.append(f"{path}: {exc}")
            logger.debug("cannot use native library %s: %s", path, exc)
    _load_error = "; ".join(errors) if errors else "native library not found"
    if os.environ.get(LIBRARY_ENV):
        logger.warning("%s=%s is not usable (%s); using the pure-Python fallback",
                       LIBRARY_ENV, os.environ[LIBRARY_ENV], _load_error)


def library() -> NativeLibrary | None:
    """The loaded native library, or ``None`` when it is missing or unusable."""
    global _loaded
    if not _loaded:
        with _lock:
            if not _loaded:
                _load()
                _loaded = True
    return _library


def load_error() -> str | None:
    """Why the native library could not be loaded (``None`` when it was)."""
    library()
    return _load_error


def bind(group: str, capability: int, signatures: dict[str, tuple[Any, list[Any]]]
         ) -> tuple[NativeLibrary, dict[str, Any]] | None:
    """(library, functions) for one core's C functions, or None when the library is
    missing or lacks them (see :meth:`NativeLibrary.functions`)."""
    lib = library()
    if lib is None:
        return None
    fns = lib.functions(group, capability, signatures)
    return (lib, fns) if fns is not None else None
