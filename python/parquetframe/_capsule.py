"""Raw access to the Arrow PyCapsules of the Arrow PyCapsule interface.

``__arrow_c_stream__`` returns a capsule named ``"arrow_array_stream"`` and
``__arrow_c_array__`` a pair named ``"arrow_schema"`` / ``"arrow_array"``. The
native import functions *move* the struct behind the pointer (they set its
``release`` member to NULL), so the capsule's destructor has nothing left to free.
"""

from __future__ import annotations

import ctypes

_get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
_get_pointer.restype = ctypes.c_void_p
_get_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]

_is_valid = ctypes.pythonapi.PyCapsule_IsValid
_is_valid.restype = ctypes.c_int
_is_valid.argtypes = [ctypes.py_object, ctypes.c_char_p]

STREAM = b"arrow_array_stream"
SCHEMA = b"arrow_schema"
ARRAY = b"arrow_array"


def capsule_pointer(capsule: object, name: bytes) -> int:
    """The address held by a PyCapsule with the given name.

    Raises:
        TypeError: the object is not a capsule of that name.
    """
    if not _is_valid(capsule, name):
        raise TypeError(f"expected a PyCapsule named {name.decode()!r}, got {type(capsule).__name__}")
    address = _get_pointer(capsule, name)
    if not address:
        raise TypeError(f"PyCapsule {name.decode()!r} holds a NULL pointer")
    return int(address)
