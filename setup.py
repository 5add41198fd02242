"""Build hook: compile the Swift native library and ship it inside the package.

``pip install .`` runs ``swift build -c release --product ParquetFrameNative`` (build folder
``.build-pip``) in the repository root and copies ``libParquetFrameNative.so`` to ``parquetframe/_lib/``.
Set ``PARQUETFRAME_SKIP_SWIFT_BUILD=1`` to build a pure-Python package instead
(the library then falls back to pyarrow). All metadata lives in ``pyproject.toml``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

ROOT = Path(__file__).resolve().parent
LIBRARY = "libParquetFrameNative.so"
SKIP = os.environ.get("PARQUETFRAME_SKIP_SWIFT_BUILD", "").strip().lower() in ("1", "true", "yes")


class BuildPyWithSwift(build_py):
    """``build_py`` that also builds the native library and copies it into the package."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "parquetframe" / "_lib"
        if SKIP:
            # A library copied into the source tree by `make` must not leak into a pure wheel.
            shutil.rmtree(target, ignore_errors=True)
            self.announce("PARQUETFRAME_SKIP_SWIFT_BUILD set: building a pure-Python package", level=2)
            return
        swift = shutil.which("swift")
        if swift is None:
            raise RuntimeError(
                "swift not found on PATH; install the Swift toolchain or set PARQUETFRAME_SKIP_SWIFT_BUILD=1"
            )
        # A build folder of its own: `make` builds `.build` with -enable-testing, and
        # sharing it would make each of the two rebuild everything the other built.
        subprocess.run(
            [swift, "build", "-c", "release", "--scratch-path", ".build-pip", "--product", "ParquetFrameNative"],
            cwd=ROOT, check=True,
        )
        built = ROOT / ".build-pip" / "release" / LIBRARY
        if not built.is_file():
            raise RuntimeError(f"swift build did not produce {built}")
        target.mkdir(parents=True, exist_ok=True)
        self.copy_file(str(built), str(target / LIBRARY))


class PlatformDistribution(Distribution):
    """Marks the wheel as platform-specific when it carries the native library."""

    def has_ext_modules(self) -> bool:
        return not SKIP


setup(cmdclass={"build_py": BuildPyWithSwift}, distclass=PlatformDistribution)
