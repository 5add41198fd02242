"""The native library: presence, loading without the toolchain, C ABI usable from C."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

import parquetframe as pf
from parquetframe import _native
from parquetframe.backends import swift_backend

from conftest import NATIVE, REPO, requires_native, subprocess_env


@pytest.mark.skipif(os.environ.get("PARQUETFRAME_REQUIRE_NATIVE") != "1", reason="PARQUETFRAME_REQUIRE_NATIVE!=1")
def test_native_library_is_available_when_required():
    assert pf.swift_available(), f"native library required but not available: {_native.load_error()}"
    assert swift_backend.is_available()


def test_version():
    assert pf.__version__ == "0.1.0"


def test_backend_info_keys_and_consistency():
    info = swift_backend.get_backend_info()
    for key in ("swift_compiled", "swift_io_available", "swift_graph_available",
                "swift_workflow_available", "version", "threads", "library_path"):
        assert key in info
    assert info["swift_compiled"] == (_native.library() is not None)
    assert isinstance(info["threads"], int) and info["threads"] >= 1
    if not info["swift_compiled"]:
        assert info["library_path"] is None and info["version"] is None
        assert not (info["swift_io_available"] or info["swift_graph_available"] or info["swift_workflow_available"])


@requires_native
def test_backend_info_native():
    info = swift_backend.get_backend_info()
    lib = _native.library()
    assert info["version"] == lib.version == "0.1.0"
    assert info["library_path"] == str(lib.path)
    caps = lib.capabilities
    assert info["swift_io_available"] == bool(caps & _native.CAP_IO)
    with pf.config_context(swift_io_enabled=False, swift_graph_enabled=False, swift_workflow_enabled=False):
        info = swift_backend.get_backend_info()
        assert not info["swift_io_available"]
        assert not info["swift_graph_available"]
        assert not info["swift_workflow_available"]


def test_library_search_order_env_first(tmp_path):
    fake = tmp_path / "lib.so"
    env = subprocess_env(PARQUETFRAME_LIB=str(fake))
    code = "from parquetframe import _native; print(_native.candidate_paths()[0])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(fake)


def test_unusable_explicit_library_falls_back_to_python(tmp_path):
    """A PARQUETFRAME_LIB pointing at a non-library file is the only path tried: no other
    build replaces it, load_error names it, and the pure-Python fallback still works."""
    bogus = tmp_path / "libParquetFrameNative.so"
    bogus.write_bytes(b"not an ELF file")
    env = subprocess_env(PARQUETFRAME_LIB=str(bogus))
    code = textwrap.dedent("""
        import parquetframe as pf
        from parquetframe import _native
        print(_native.library() is None, %r in _native.load_error())
        print(pf.Frame.from_arrow(__import__('pyarrow').table({'a': [1]})).num_rows)
    """) % str(bogus)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True", "1"]
    assert "not usable" in out.stderr


def _library_path() -> str:
    lib = _native.library()
    assert lib is not None
    return str(lib.path)


@requires_native
def test_so_has_no_swift_runtime_dependency():
    ldd = shutil.which("ldd")
    if ldd is None:
        pytest.skip("ldd not installed")
    out = subprocess.run([ldd, _library_path()], capture_output=True, text=True, check=True).stdout
    bad = [line for line in out.splitlines() if any(s in line for s in ("libswift", "libFoundation", "libdispatch"))]
    assert not bad, "Swift runtime dependencies:\n" + "\n".join(bad)
    assert "not found" not in out, out


@requires_native
def test_so_loads_without_swift_toolchain_on_paths():
    def strip(value: str) -> str:
        return os.pathsep.join(p for p in value.split(os.pathsep) if p and not p.startswith("/opt/swift"))

    env = subprocess_env(PARQUETFRAME_LIB=_library_path())
    env["PATH"] = strip(env.get("PATH", "/usr/bin:/bin")) or "/usr/bin:/bin"
    env["LD_LIBRARY_PATH"] = strip(env.get("LD_LIBRARY_PATH", ""))
    code = textwrap.dedent("""
        import parquetframe as pf
        from parquetframe._demo import demo_frame
        assert pf.swift_available(), __import__('parquetframe')._native.load_error()
        f = demo_frame(100)
        print(f.backend, f.num_rows, f.to_arrow().num_rows)
    """)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["swift", "100", "100"]


C_PROGRAM = r"""
#include <stdio.h>
#include <string.h>
#include "parquetframe.h"

int main(void) {
    printf("version=%s\n", pf_version());
    pf_table* t = NULL;
    if (pf_demo_table(1000, 100, &t) != PF_OK) { printf("error=%s\n", pf_last_error()); return 1; }
    printf("rows=%lld cols=%lld batches=%lld\n", (long long)pf_table_num_rows(t),
           (long long)pf_table_num_columns(t), (long long)pf_table_num_batches(t));
    struct ArrowArrayStream s;
    memset(&s, 0, sizeof s);
    if (pf_table_export_stream(t, &s) != PF_OK) return 2;
    long long total = 0;
    for (;;) {
        struct ArrowArray a;
        if (s.get_next(&s, &a) != 0) return 3;
        if (a.release == NULL) break;
        total += a.length;
        a.release(&a);
    }
    s.release(&s);
    printf("streamed=%lld\n", total);
    pf_table* bad = NULL;
    pf_status st = pf_demo_table(-1, 0, &bad);
    printf("negative_rows_status=%d message_nonempty=%d\n", (int)st, pf_last_error()[0] != 0);
    pf_table_free(t);
    return 0;
}
"""


@requires_native
def test_c_program_against_header(tmp_path):
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if cc is None:
        pytest.skip("no C compiler")
    src = tmp_path / "demo.c"
    src.write_text(C_PROGRAM)
    exe = tmp_path / "demo"
    lib = _native.library().path
    subprocess.run(
        [cc, "-std=c11", "-Wall", "-Werror", str(src), "-o", str(exe),
         "-I", str(REPO / "Sources/PFNative/include"), "-I", str(REPO / "Sources/CArrowABI/include"),
         str(lib), f"-Wl,-rpath,{lib.parent}"],
        check=True, capture_output=True, text=True,
    )
    out = subprocess.run([str(exe)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "version=0.1.0"
    assert lines[1] == "rows=1000 cols=3 batches=10"
    assert lines[2] == "streamed=1000"
    assert lines[3] == "negative_rows_status=1 message_nonempty=1"


def test_native_flag_matches_swift_available():
    assert NATIVE == pf.swift_available()
