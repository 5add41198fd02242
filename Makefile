# ParquetFrame developer tasks.
#
#   make demo    set up, build (release) and run `pframe demo` (Swift table handed to pyarrow)
#   make test    set up, build (release), run `swift test` and pytest; fails if either fails
#   make bench   set up, build (release) and run the quick benchmarks
#   make dev     only the setup: apt packages, .venv, release build, package on the venv path
#
# Setup is idempotent: apt packages are installed only when missing, the venv is
# created only when absent and requirements are reinstalled only when
# requirements-dev.txt changes (stamp file keyed on its hash).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

SWIFT ?= swift
# One build configuration for everything (the .so, pframe, the tests): release,
# compiled with -enable-testing so that the tests' `@testable import` works.
# Tests are built together with the products (`--build-tests`) and
# `swift test --skip-build` runs exactly what was built: demo/test/bench never
# rebuild with different flags. SCRATCH selects the build folder.
SCRATCH ?= .build
SWIFT_FLAGS := -c release --scratch-path $(SCRATCH) -Xswiftc -enable-testing
PYTHON3 ?= python3

VENV := .venv
VENV_PY := $(VENV)/bin/python
REQUIREMENTS := requirements-dev.txt
REQ_STAMP := $(VENV)/.requirements-$(shell sha256sum $(REQUIREMENTS) | cut -c1-16).stamp

APT_PACKAGES := libsnappy-dev libzstd-dev zlib1g-dev liblz4-dev libbrotli-dev libbz2-dev liblzma-dev \
                python3-venv
LIB := libParquetFrameNative.so
PKG_LIB_DIR := python/parquetframe/_lib
BUILD_DIR := $(SCRATCH)/release

.PHONY: all dev demo test bench apt venv build python-path clean

all: dev

## apt: install the missing system packages (apt-get update only when something is missing).
apt:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  echo "apt: installing$$missing"; \
	  $$sudo apt-get update; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi

$(VENV_PY): | apt
	$(PYTHON3) -m venv $(VENV)

$(REQ_STAMP): $(REQUIREMENTS) | $(VENV_PY)
	$(VENV_PY) -m pip install --quiet -r $(REQUIREMENTS)
	rm -f $(VENV)/.requirements-*.stamp
	touch $@

venv: $(REQ_STAMP)

## build: release build of every product and test, then the library copied into the package.
build: apt
	$(SWIFT) build $(SWIFT_FLAGS) --build-tests
	@[ -f $(BUILD_DIR)/$(LIB) ] || { echo "$(BUILD_DIR)/$(LIB) missing after swift build" >&2; exit 1; }
	mkdir -p $(PKG_LIB_DIR)
	cp --remove-destination $(BUILD_DIR)/$(LIB) $(PKG_LIB_DIR)/$(LIB)

## python-path: put python/ on the venv's path with a .pth file (development install).
python-path: venv
	@site="$$($(VENV_PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"; \
	echo "$(CURDIR)/python" > "$$site/parquetframe-dev.pth"

dev: venv build python-path

demo: dev
	PARQUETFRAME_PYTHON=$(abspath $(VENV_PY)) $(BUILD_DIR)/pframe demo

test: dev
	@rc_swift=0; rc_py=0; \
	$(SWIFT) test $(SWIFT_FLAGS) --skip-build 2>&1 | tee $(SCRATCH)/swift-test.log || rc_swift=$$?; \
	PARQUETFRAME_REQUIRE_NATIVE=1 PARQUETFRAME_LIB=$(abspath $(PKG_LIB_DIR)/$(LIB)) \
	  $(VENV_PY) -m pytest tests -q 2>&1 | tee $(SCRATCH)/pytest.log || rc_py=$$?; \
	echo; echo "================ test summary ================"; \
	echo "swift test (exit $$rc_swift):"; \
	grep -E "Test run with|Executed [0-9]+ tests?" $(SCRATCH)/swift-test.log | tail -n 3 | sed 's/^/  /' || true; \
	echo "pytest (exit $$rc_py):"; \
	grep -E "(passed|failed|error|skipped|no tests ran)" $(SCRATCH)/pytest.log | tail -n 1 | sed 's/^/  /' || true; \
	[ "$$rc_swift" -eq 0 ] && [ "$$rc_py" -eq 0 ]

bench: dev
	$(VENV_PY) benchmarks/run.py --quick

clean:
	rm -rf $(PKG_LIB_DIR) build dist python/*.egg-info
	@site="$$($(VENV_PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' 2>/dev/null)" \
	  && rm -f "$$site/parquetframe-dev.pth" || true
