"""DAG workflows: load a YAML (or dict) workflow, validate it, run it.

>>> import parquetframe as pf
>>> wf = pf.Workflow.from_yaml("examples/pipeline.yaml", variables={"work": "/tmp/pf"})  # doctest: +SKIP
>>> wf.validate()            # [] when valid, else a list of ValidationIssue  # doctest: +SKIP
>>> result = wf.run(max_parallel=4, on_progress=print)                        # doctest: +SKIP
>>> result.status, result.steps["pagerank"].status                            # doctest: +SKIP
('succeeded', 'completed')
>>> result.outputs["pagerank"].to_arrow()                                     # doctest: +SKIP

Engines
-------
The native engine (the Swift scheduler, reached through ``pf_workflow_*`` of the C ABI)
runs whenever the library is loaded and ``swift_workflow_enabled`` is true. Otherwise a
pure-Python executor with the same semantics runs the same file: ready queue on a
``ThreadPoolExecutor``, retries with the same backoff formula, per-attempt timeouts,
cancellation, ``stop_on_failure``, skipping of dependents, ``when`` conditions, the same
progress events and the same run-history JSON (so a run can be resumed by either engine).

Validation
----------
:meth:`Workflow.validate` **returns** the list of :class:`ValidationIssue` (empty when the
workflow can run); ``validate(raise_errors=True)`` raises :class:`InvalidArgumentError`
listing them all instead. :meth:`Workflow.run` always validates first and raises
:class:`InvalidArgumentError` (with an ``issues`` attribute) when anything is wrong. The
native validator is used whenever the library is available, also to check a workflow
that then runs on the fallback; without it, the file is parsed with PyYAML and checked
the same way (unknown keys, types, variables, step names and types, references, files,
cycles), with line numbers.

Python steps
------------
``type: python`` with ``params: {function: "package.module:function"}``, or a callable
given as ``step_handlers={"step name": fn}``. The function is called as
``fn(*inputs, **params)``: one :class:`Frame` per entry of the step's ``inputs`` (in
order), and the step's other params as keyword arguments (``function`` removed). It
returns a :class:`Frame`, any Arrow table-like object (pyarrow Table, polars DataFrame...)
or ``None``. An exception fails the attempt (its type and message become the step error;
retries apply). With the native engine, native steps run without the GIL (ctypes releases
it during ``pf_workflow_run``) and python steps take it in their callback, which runs on
the thread that called :meth:`Workflow.run` (with the default ``python_threads=1``): no
interpreter state is set up per step, and Ctrl-C (``KeyboardInterrupt``) raised in a
step cancels the run and is raised from ``run``.

Timeouts and cancellation interrupt native steps, ``command`` subprocesses and ``noop``
steps; a Python function cannot be interrupted: it runs to its end, and its attempt is
then reported as timed out or cancelled.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import dataclasses
import importlib
import json
import math
import os
import random
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa

from . import _native, config
from ._logging import logger
from .errors import CancelledError, InvalidArgumentError, ParquetFrameError
from .frame import Frame

__all__ = [
    "Workflow",
    "WorkflowResult",
    "StepResult",
    "ValidationIssue",
    "CancellationToken",
    "NATIVE_STEP_TYPES",
]

_SETTING = "swift_workflow_enabled"

#: Step types the native engine provides (plus ``python`` through the Python driver).
NATIVE_STEP_TYPES = ("command", "noop", "read", "write", "graph.build", "graph.pagerank", "graph.bfs",
                     "graph.sssp", "graph.components")

# --- native bindings --------------------------------------------------------------------------

_PROGRESS_CB = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_void_p)
# (step_index, step_name, params_json, inputs, n_inputs, out, error, user_data): every pointer
# arrives as a plain int (c_void_p), so a call converts nothing it does not use; the name and
# params are read once per step (see Workflow._install_handler).
_STEP_CB = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
                            ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)

_c = ctypes.c_char_p
_p = ctypes.c_void_p
_o = ctypes.POINTER(ctypes.c_void_p)
_WF_SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "pf_workflow_from_yaml": (ctypes.c_int32, [_c, _c, _o]),
    "pf_workflow_from_json": (ctypes.c_int32, [_c, _c, _o]),
    "pf_workflow_free": (None, [_p]),
    "pf_workflow_validate": (ctypes.c_int32, [_p, _o]),
    "pf_workflow_to_mermaid": (ctypes.c_int32, [_p, _o]),
    "pf_workflow_to_dot": (ctypes.c_int32, [_p, _o]),
    "pf_workflow_set_python_handler": (ctypes.c_int32, [_p, _STEP_CB, _p]),
    "pf_workflow_run": (ctypes.c_int32, [_p, _c, _p, _PROGRESS_CB, _p, _o]),
    "pf_workflow_output": (ctypes.c_int32, [_p, _c, _o]),
    "pf_cancel_token_new": (ctypes.c_int32, [_o]),
    "pf_cancel_token_cancel": (ctypes.c_int32, [_p]),
    "pf_cancel_token_free": (None, [_p]),
}

_bind_lock = threading.Lock()
_bound: dict[int, Any] = {}

_libc = ctypes.CDLL(None)
_libc.strdup.restype = ctypes.c_void_p
_libc.strdup.argtypes = [ctypes.c_char_p]


class _WF:
    """Typed workflow functions of one loaded library."""

    def __init__(self, lib: _native.NativeLibrary) -> None:
        self.lib = lib
        for name, (restype, argtypes) in _WF_SIGNATURES.items():
            fn = getattr(lib._dll, name)
            fn.restype, fn.argtypes = restype, argtypes
            setattr(self, name, fn)


def _native_wf(require_enabled: bool = True) -> _WF | None:
    """The workflow bindings, or None when the library is missing/disabled (or lacks them)."""
    lib = _native.library()
    if lib is None or config.swift_disabled() or not (lib.capabilities & _native.CAP_WORKFLOW):
        return None
    if require_enabled and not config.enabled(_SETTING):
        return None
    with _bind_lock:
        wf = _bound.get(id(lib))
        if wf is None:
            try:
                wf = _WF(lib)
            except AttributeError:
                return None
            _bound[id(lib)] = wf
        return wf


# --- public value types -----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ValidationIssue:
    """One problem of a workflow: ``text`` is ``"line 12: message"`` (or the message)."""

    message: str
    line: int | None = None
    column: int | None = None
    step: str | None = None

    @property
    def text(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message

    def __str__(self) -> str:
        return self.text


class CancellationToken:
    """A thread-safe cancellation flag for :meth:`Workflow.run`.

    ``token.cancel()`` may be called from any thread (or a signal handler's thread): running
    steps are cancelled, nothing new starts, and the run ends with status ``cancelled``.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._handle: int | None = None
        self._wf: _WF | None = None
        self.reason: str | None = None

    def cancel(self, reason: str = "cancelled by the caller") -> None:
        """Cancel (idempotent; the first reason wins)."""
        with self._lock:
            if self.reason is None:
                self.reason = reason
            self._event.set()
            if self._handle is not None and self._wf is not None:
                self._wf.pf_cancel_token_cancel(self._handle)

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._event.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until cancelled (or ``timeout`` seconds); returns :attr:`cancelled`."""
        return self._event.wait(timeout)

    def _native(self, wf: _WF) -> int:
        with self._lock:
            if self._handle is None:
                out = ctypes.c_void_p()
                wf.lib.check(wf.pf_cancel_token_new(ctypes.byref(out)), "pf_cancel_token_new")
                self._handle, self._wf = out.value, wf
                if self._event.is_set():
                    wf.pf_cancel_token_cancel(self._handle)
            return self._handle

    def __del__(self) -> None:
        handle, wf = getattr(self, "_handle", None), getattr(self, "_wf", None)
        if handle is not None and wf is not None:
            try:
                wf.pf_cancel_token_free(handle)
            except Exception:  # noqa: BLE001 - interpreter shutdown
                pass

    def __repr__(self) -> str:
        return f"CancellationToken(cancelled={self.cancelled})"


@dataclasses.dataclass
class StepResult:
    """What happened to one step (the step record of the run history)."""

    name: str
    type: str
    status: str
    attempts: int = 0
    durations: list[float] = dataclasses.field(default_factory=list)
    error: str | None = None
    rows: int | None = None
    started_at: float | None = None
    ended_at: float | None = None
    stdout: str | None = None
    stderr: str | None = None
    exit: str | None = None
    output_path: str | None = None
    output_written: bool = False
    produced_table: bool = False

    @property
    def duration(self) -> float:
        """Seconds spent in all attempts."""
        return float(sum(self.durations))

    @classmethod
    def _from_record(cls, r: Mapping[str, Any]) -> StepResult:
        return cls(name=r["name"], type=r.get("type", ""), status=r.get("status", "pending"),
                   attempts=int(r.get("attempts") or 0), durations=list(r.get("attempt_durations_s") or []),
                   error=r.get("error"), rows=r.get("rows"), started_at=r.get("started_at"),
                   ended_at=r.get("ended_at"), stdout=r.get("stdout"), stderr=r.get("stderr"),
                   exit=r.get("exit"), output_path=r.get("output_path"),
                   output_written=bool(r.get("output_written")), produced_table=bool(r.get("produced_table")))

    def _record(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "status": self.status, "attempts": self.attempts,
                "started_at": self.started_at, "ended_at": self.ended_at,
                "attempt_durations_s": list(self.durations), "error": self.error, "stdout": self.stdout,
                "stderr": self.stderr, "exit": self.exit, "output_path": self.output_path,
                "output_written": self.output_written, "rows": self.rows, "produced_table": self.produced_table}


class WorkflowResult:
    """The result of :meth:`Workflow.run`.

    Attributes:
        status: ``"succeeded"``, ``"failed"`` or ``"cancelled"``.
        steps: :class:`StepResult` by step name (definition order).
        outputs: the output :class:`Frame` of every completed step that produced a table.
        run_id, workflow, history_path, resumed_from, engine (``"swift"`` or ``"python"``),
        record: the run-history record (a dict, the same JSON for both engines).
    """

    def __init__(self, record: dict[str, Any], outputs: dict[str, Frame], engine: str,
                 steps_json: str | None = None) -> None:
        # With ``steps_json``, ``record`` is the header only and the per-step records are
        # decoded from that text on first access (``record``, ``steps``, ``errors``...).
        self._record = record
        self._steps_json = steps_json
        self._step_count = 0
        self.run_id: str = record["run_id"]
        self.workflow: str = record["workflow"]
        self.status: str = record["status"]
        self.resumed_from: str | None = record.get("resumed_from")
        self.history_path: str | None = record.get("history_path")
        #: Seconds the scheduler itself ran (see :meth:`Workflow.run`), None if not measured.
        self.engine_seconds: float | None = record.get("engine_seconds")
        self._steps: dict[str, StepResult] | None = None
        self.outputs = outputs
        self.engine = engine

    @property
    def record(self) -> dict[str, Any]:
        """The run-history record (a dict; the same JSON for both engines)."""
        if self._steps_json is not None:
            header, steps = self._record, json.loads(self._steps_json)
            rec: dict[str, Any] = {k: header[k] for k in ("run_id", "workflow", "status", "started_at", "ended_at",
                                                          "resumed_from") if k in header}
            rec["steps"] = steps
            rec.update((k, v) for k, v in header.items() if k not in rec)
            self._record, self._steps_json = rec, None
        return self._record

    @property
    def steps(self) -> dict[str, StepResult]:
        """:class:`StepResult` by step name (definition order; built on first access)."""
        if self._steps is None:
            self._steps = {s["name"]: StepResult._from_record(s) for s in self.record["steps"]}
        return self._steps

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"

    @property
    def attempts(self) -> dict[str, int]:
        return {n: s.attempts for n, s in self.steps.items()}

    @property
    def durations(self) -> dict[str, float]:
        return {n: s.duration for n, s in self.steps.items()}

    @property
    def errors(self) -> dict[str, str]:
        """Error (or skip/cancel reason) of every step that has one."""
        return {n: s.error for n, s in self.steps.items() if s.error}

    def raise_for_status(self) -> WorkflowResult:
        """Raise :class:`ParquetFrameError` (:class:`CancelledError` when cancelled) unless the run succeeded."""
        if self.status == "cancelled":
            raise CancelledError(f"workflow '{self.workflow}' was cancelled (run {self.run_id})")
        if self.status != "succeeded":
            failed = [f"{n}: {s.error}" for n, s in self.steps.items() if s.status == "failed"]
            raise ParquetFrameError(f"workflow '{self.workflow}' failed: " + "; ".join(failed))
        return self

    def __repr__(self) -> str:
        return (f"WorkflowResult(run_id={self.run_id!r}, status={self.status!r}, engine={self.engine!r}, "
                f"steps={self._step_count if self._steps_json is not None else len(self.record['steps'])})")


# --- the workflow ---------------------------------------------------------------------------


def _as_frame(obj: Any) -> Frame:
    if isinstance(obj, Frame):
        return obj
    if isinstance(obj, pa.RecordBatch):
        obj = pa.Table.from_batches([obj])
    if isinstance(obj, dict):
        obj = pa.table(obj)
    return Frame.from_arrow(obj)


class Workflow:
    """A loaded workflow. Build with :meth:`from_yaml` or :meth:`from_dict`."""

    def __init__(self) -> None:
        raise TypeError("use Workflow.from_yaml(path) or Workflow.from_dict(d)")

    @classmethod
    def _make(cls, yaml_path: str | None, tree: Any, variables: Mapping[str, Any] | None) -> Workflow:
        wf = cls.__new__(cls)
        wf._yaml_path = yaml_path
        wf._tree = tree
        if variables is not None and not isinstance(variables, Mapping):
            raise TypeError(f"variables must be a mapping, got {type(variables).__name__}")
        wf._variables = {str(k): _scalar_text(v) for k, v in (variables or {}).items()}
        wf._handle = None
        wf._wf = None
        wf._definition = None
        wf._lock = threading.Lock()
        wf._step_args = []  # python steps' (name, params, kwargs) by index, see _install_handler
        return wf

    @classmethod
    def from_yaml(cls, path: str | os.PathLike[str], variables: Mapping[str, Any] | None = None) -> Workflow:
        """Load a YAML workflow file; ``variables`` override those of the file.

        Raises:
            ParquetFrameIOError / FileNotFoundError: the file cannot be read.
            InvalidArgumentError: the file is not YAML or not a mapping.
        """
        p = os.fspath(path)
        if not isinstance(p, str):
            raise TypeError("path must be a str or os.PathLike[str]")
        if not os.path.isfile(p):
            raise FileNotFoundError(f"workflow file '{p}' does not exist")
        wf = cls._make(p, None, variables)
        wf._load()
        return wf

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], variables: Mapping[str, Any] | None = None) -> Workflow:
        """Build a workflow from a dictionary with the same structure as the YAML form."""
        if not isinstance(d, Mapping):
            raise TypeError(f"Workflow.from_dict expects a mapping, got {type(d).__name__}")
        try:
            json.dumps(d)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"the workflow dictionary must hold only JSON values: {exc}") from None
        wf = cls._make(None, d, variables)
        wf._load()
        return wf

    # -- loading -----------------------------------------------------------------------------

    def _load(self) -> None:
        wf = _native_wf(require_enabled=False)
        if wf is not None:
            out = ctypes.c_void_p()
            vars_json = json.dumps(self._variables).encode()
            if self._yaml_path is not None:
                status = wf.pf_workflow_from_yaml(self._yaml_path.encode(), vars_json, ctypes.byref(out))
            else:
                status = wf.pf_workflow_from_json(json.dumps(self._tree).encode(), vars_json, ctypes.byref(out))
            wf.lib.check(status, "workflow load")
            self._handle, self._wf = out.value, wf
        # The Python definition (for the fallback engine and python-step checks).


        if self._yaml_path is not None:
            self._definition = load_yaml(self._yaml_path, self._variables)
        else:
            self._definition = load_tree(self._tree, self._variables, None)

    def __del__(self) -> None:
        handle, wf = getattr(self, "_handle", None), getattr(self, "_wf", None)
        if handle and wf is not None:
            try:
                wf.pf_workflow_free(handle)
            except Exception:  # noqa: BLE001
                pass

    @property
    def name(self) -> str:
        return self._definition.name

    @property
    def step_names(self) -> list[str]:
        return [s.name for s in self._definition.steps]

    @property
    def work_dir(self) -> str:
        return self._definition.work_dir

    def __repr__(self) -> str:
        return f"Workflow(name={self.name!r}, steps={len(self._definition.steps)})"

    # -- validation --------------------------------------------------------------------------

    def _python_issues(self, handlers: Mapping[str, Callable[..., Any]] | None) -> list[ValidationIssue]:


        return python_step_issues(self._definition, handlers or {})

    def validate(self, raise_errors: bool = False, *,
                 step_handlers: Mapping[str, Callable[..., Any]] | None = None) -> list[ValidationIssue]:
        """All problems of the workflow (empty list when it can run).

        Uses the native validator when the library is loaded (whatever engine runs), else
        the Python one. ``raise_errors=True`` raises :class:`InvalidArgumentError` listing
        every issue (``exc.issues``) instead of returning them.
        """
        issues = self._native_issues() if self._handle else None
        if issues is None:


            issues = validate(self._definition)
        issues = issues + self._python_issues(step_handlers)
        if raise_errors and issues:
            raise _invalid(self.name, issues)
        return issues

    def _native_issues(self) -> list[ValidationIssue]:
        wf = self._wf
        assert wf is not None
        with self._lock:
            # python steps are checked in Python: install a handler so the native
            # validator accepts the type.
            self._install_handler(wf, {})
            out = ctypes.c_void_p()
            wf.lib.check(wf.pf_workflow_validate(self._handle, ctypes.byref(out)), "workflow validate")
        raw = json.loads(wf.lib.take_string(out.value))
        return [ValidationIssue(i["message"], i.get("line"), i.get("column"), i.get("step")) for i in raw]

    # -- rendering ---------------------------------------------------------------------------

    def to_mermaid(self) -> str:
        """The DAG as a Mermaid flowchart."""
        if self._handle:
            return self._render("pf_workflow_to_mermaid")


        return to_mermaid(self._definition)

    def to_dot(self) -> str:
        """The DAG as a Graphviz DOT document."""
        if self._handle:
            return self._render("pf_workflow_to_dot")


        return to_dot(self._definition)

    def _render(self, fn: str) -> str:
        wf = self._wf
        out = ctypes.c_void_p()
        wf.lib.check(getattr(wf, fn)(self._handle, ctypes.byref(out)), fn)
        return wf.lib.take_string(out.value)

    # -- running -----------------------------------------------------------------------------

    def run(self, max_parallel: int | None = None, on_progress: Callable[[dict[str, Any]], Any] | None = None,
            cancel_token: CancellationToken | None = None,
            step_handlers: Mapping[str, Callable[..., Any]] | None = None, *,
            history_dir: str | os.PathLike[str] | None = None, resume: str | None = None,
            write_history: bool = True, keep_outputs: bool = True, engine: str | None = None,
            python_threads: int | None = None) -> WorkflowResult:
        """Run the workflow and return what happened to every step.

        Args:
            max_parallel: most steps at once (default: the workflow's ``max_parallel``,
                else one per thread).
            on_progress: called with each progress event, a dict such as
                ``{"event": "completed", "step": "load", "attempt": 1, "duration_s": 0.01,
                "rows": 10}`` (events: started, retrying, completed, failed, cancelled,
                skipped, progress). Called on worker threads; exceptions are logged.
            cancel_token: a :class:`CancellationToken` to stop the run from another thread.
            step_handlers: callables for ``python`` steps, by step name.
            history_dir: where the run record goes (default ``<work_dir>/.pframe-history``).
            resume: the id of a failed/cancelled run whose completed steps are reused.
            write_history: write the run record (default true).
            keep_outputs: keep every step's output table in ``result.outputs``.
            engine: ``None`` (native when available), ``"swift"`` or ``"python"``.
            python_threads: most ``python`` steps at once (default 1). Python steps hold the
                GIL, so the native engine runs them on this many dedicated threads, the first
                being the calling thread (by default only it: no GIL hand-off between threads
                per step); raise it for steps that release the GIL (I/O, long native calls).
                ``max_parallel`` still bounds all steps.

        ``result.engine_seconds`` is the scheduler's own wall time: from the start of its
        setup to the join of its last worker after the last step finished (steps, dispatch,
        worker start/join and progress callbacks included; parsing, validation, writing the
        history and building the result excluded). The fallback engine measures the same span.

        A failing step does not raise: check ``result.status`` (or call
        ``result.raise_for_status()``). Raises :class:`InvalidArgumentError` (with
        ``issues``) when the workflow is invalid; nothing runs then.
        """
        if max_parallel is not None and (isinstance(max_parallel, bool) or not isinstance(max_parallel, int)):
            raise TypeError("max_parallel must be an int")
        if max_parallel is not None and max_parallel < 1:
            raise ValueError("max_parallel must be >= 1")
        if python_threads is not None and (isinstance(python_threads, bool) or not isinstance(python_threads, int)):
            raise TypeError("python_threads must be an int")
        if python_threads is not None and python_threads < 1:
            raise ValueError("python_threads must be >= 1")
        if on_progress is not None and not callable(on_progress):
            raise TypeError("on_progress must be callable")
        if cancel_token is not None and not isinstance(cancel_token, CancellationToken):
            raise TypeError("cancel_token must be a parquetframe.CancellationToken")
        handlers = dict(step_handlers or {})
        for k, v in handlers.items():
            if not callable(v):
                raise TypeError(f"step_handlers[{k!r}] is not callable")
        if engine not in (None, "auto", "swift", "python"):
            raise ValueError(f"unknown engine {engine!r}; expected swift or python")
        native = _native_wf() if engine != "python" else None
        if native is not None and self._handle:
            # The engine validates the definition itself before anything runs (and fails
            # the call when it is invalid; the full issue list is gathered then): only the
            # python-step checks, which need the handlers, run here. Saves a second pass.
            if self._python_issues(handlers):
                raise _invalid(self.name, self.validate(step_handlers=handlers))
        else:
            issues = self.validate(step_handlers=handlers)
            if issues:
                raise _invalid(self.name, issues)
        if engine == "swift" and (native is None or not self._handle):
            from .errors import UnsupportedError

            raise UnsupportedError(f"the Swift workflow engine is not available: {_native.load_error() or 'disabled'}")
        os.makedirs(self._definition.work_dir, exist_ok=True)
        hist = os.fspath(history_dir) if history_dir is not None else None
        if native is not None and self._handle:
            return self._run_native(native, max_parallel, on_progress, cancel_token, handlers, hist, resume,
                                    write_history, keep_outputs, python_threads or 1)

        record, outputs = Executor(
            self._definition, max_parallel=max_parallel, on_progress=_safe_progress(on_progress),
            token=cancel_token or CancellationToken(), handlers=handlers, history_dir=hist, resume=resume,
            write_history=write_history, keep_outputs=keep_outputs, python_threads=python_threads or 1).run()
        return WorkflowResult(record, outputs, "python")

    def _install_handler(self, wf: _WF, handlers: Mapping[str, Callable[..., Any]],
                         token: CancellationToken | None = None) -> list[BaseException]:
        """Install the python-step callback; returns the list that receives a
        KeyboardInterrupt raised in a step (Ctrl-C while it runs: the run is cancelled)."""
        # By step index, for the workflow's lifetime (the engine's step list is fixed): the
        # (name, params, kwargs) decoded from the engine's arguments on the step's first
        # call. Per run: the function, resolved on the step's first attempt. A call then
        # decodes no string, parses no JSON, imports nothing and keeps no new object.
        n_steps = len(self._definition.steps)
        if len(self._step_args) != n_steps:
            self._step_args = [None] * n_steps
        step_args = self._step_args
        fns: list[Callable[..., Any] | None] = [None] * n_steps
        cancelled = token._event.is_set if token is not None else (lambda: False)
        interrupts: list[BaseException] = []
        lib = wf.lib
        void_p = ctypes.c_void_p

        def fail(err: int, msg: str) -> None:
            if err:
                try:
                    void_p.from_address(err).value = _libc.strdup(msg.encode("utf-8", "replace"))
                except Exception:  # noqa: BLE001
                    pass

        def call(index, name_p, params_p, inputs, n, out, err, _ud):  # runs on the engine's python-step thread
            try:
                if cancelled():
                    fail(err, "cancelled before the python step started")
                    return 5
                fn = fns[index]
                args = step_args[index]
                if fn is None:
                    if args is None:
                        name = ctypes.string_at(name_p).decode() if name_p else ""
                        params = json.loads(ctypes.string_at(params_p)) if params_p else {}
                        args = step_args[index] = (name, params, {k: v for k, v in params.items() if k != "function"})
                    fn = fns[index] = resolve_python_function(None, args[1], handlers, args[0])
                kwargs = args[2]
                if n:
                    frames = []
                    for h in (void_p * n).from_address(inputs):
                        if not h:
                            frames.append(None)
                            continue
                        rows = int(lib.pf_table_num_rows(h))
                        copy = void_p()
                        lib.check(lib.pf_table_slice(h, 0, rows, ctypes.byref(copy)), "pf_table_slice")
                        frames.append(Frame._from_handle(copy.value, lib))
                    result = fn(*frames, **kwargs)
                else:
                    result = fn(**kwargs) if kwargs else fn()
                if result is None:
                    return 0  # *out stays NULL: no table
                frame = _as_frame(result)
                if frame._handle is None:
                    frame = Frame.from_arrow(frame.to_arrow(), backend="swift")
                copy = void_p()
                lib.check(lib.pf_table_slice(frame._handle, 0, frame.num_rows, ctypes.byref(copy)), "pf_table_slice")
                void_p.from_address(out).value = copy.value
                return 0
            except BaseException as exc:  # noqa: BLE001 - reported as the step's error
                if isinstance(exc, KeyboardInterrupt) and token is not None:
                    # Python steps run on the caller's thread, where Ctrl-C lands: stop the
                    # run, and run() raises it once the engine has returned.
                    interrupts.append(exc)
                    token.cancel("interrupted (KeyboardInterrupt)")
                    fail(err, "KeyboardInterrupt")
                    return 5
                fail(err, f"{type(exc).__name__}: {exc}")
                return 2

        cb = _STEP_CB(call)
        self._callback = cb  # keep alive as long as the workflow (and its native registry) lives
        wf.lib.check(wf.pf_workflow_set_python_handler(self._handle, cb, None), "pf_workflow_set_python_handler")
        return interrupts

    def _run_native(self, wf: _WF, max_parallel, on_progress, cancel_token, handlers, history_dir, resume,
                    write_history, keep_outputs, python_threads: int = 1) -> WorkflowResult:
        token = cancel_token or CancellationToken()
        options: dict[str, Any] = {"write_history": write_history, "keep_outputs": keep_outputs,
                                   "python_threads": python_threads}
        if max_parallel is not None:
            options["max_parallel"] = max_parallel
        if history_dir is not None:
            options["history_dir"] = history_dir
        if resume is not None:
            options["resume_run_id"] = str(resume)
        threads = config.get_config().get("swift_threads")
        if threads:
            options["cpu_threads"] = threads
        progress = _safe_progress(on_progress)

        def on_event(text, _ud):
            if progress is not None and text:
                progress(json.loads(text.decode()))

        cb = _PROGRESS_CB(on_event) if progress is not None else ctypes.cast(None, _PROGRESS_CB)
        out = ctypes.c_void_p()
        invalid = None
        with self._lock:
            interrupts = self._install_handler(wf, handlers, token)
            status = wf.pf_workflow_run(self._handle, json.dumps(options).encode(), token._native(wf), cb, None,
                                        ctypes.byref(out))
            if interrupts:
                if status == 0:
                    wf.lib.take_string(out.value)
                raise interrupts[0]
            if status != 0:
                message = wf.lib.last_error()
                if status == 1 and "is invalid" in message:
                    invalid = message
                else:
                    wf.lib.check(status, "workflow run")
            if invalid is None:
                text = wf.lib.take_string(out.value)
                # The native record puts "steps" last and lists the steps with an output
                # table in its header: decode only the header now and the steps when first
                # asked for (a 10,000-step record is megabytes of JSON).
                cut = text.find(',"steps":[')
                if cut > 0 and text.endswith("]}"):
                    header = json.loads(text[:cut] + "}")
                    steps_json: str | None = text[cut + 9:-1]
                else:
                    header, steps_json = json.loads(text), None
                with_table = header.pop("output_steps", [])
                outputs: dict[str, Frame] = {}
                if keep_outputs:
                    for name in with_table:
                        h = ctypes.c_void_p()
                        if wf.pf_workflow_output(self._handle, name.encode(), ctypes.byref(h)) == 0 and h.value:
                            outputs[name] = Frame._from_handle(h.value, wf.lib)
                result = WorkflowResult(header, outputs, "swift", steps_json=steps_json)
                result._step_count = len(self._definition.steps)
        if invalid is not None:
            issues = self.validate(step_handlers=handlers) or [ValidationIssue(m) for m in invalid.splitlines()[1:]]
            raise _invalid(self.name, issues)
        return result


def _safe_progress(fn: Callable[[dict[str, Any]], Any] | None) -> Callable[[dict[str, Any]], None] | None:
    if fn is None:
        return None

    def call(event: dict[str, Any]) -> None:
        try:
            fn(event)
        except Exception as exc:  # noqa: BLE001 - a progress callback must not break the run
            logger.warning("workflow progress callback raised %s: %s", type(exc).__name__, exc)

    return call


def _invalid(name: str, issues: list[ValidationIssue], message: str | None = None) -> InvalidArgumentError:
    text = message or (f"workflow '{name}' is invalid:\n" + "\n".join(i.text for i in issues))
    exc = InvalidArgumentError(text)
    exc.issues = issues  # type: ignore[attr-defined]
    return exc


def _scalar_text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v) if not v.is_integer() else str(v)
    if isinstance(v, (int, str)):
        return str(v)
    raise TypeError(f"variable values must be scalars, got {type(v).__name__}")


# Silence "imported but unused" for names used by the fallback module through this one.
_ = (concurrent, importlib, math, random, signal, subprocess, time, Path)


# =============================================================================================
# Pure-Python engine (fallback): definition loading, validation, rendering, execution.
# Same semantics and the same history JSON as the native engine.
# =============================================================================================

_TOP_KEYS = ["name", "description", "variables", "config", "steps"]
_CONFIG_KEYS = ["max_parallel", "stop_on_failure", "default_retries", "default_timeout", "default_pool",
                "default_backoff", "work_dir"]
_STEP_KEYS = ["name", "type", "description", "inputs", "output", "params", "depends_on", "retries", "backoff",
              "timeout", "pool", "when"]
_BACKOFF_KEYS = ["initial", "factor", "max", "jitter"]
_FALSE_WORDS = {"", "false", "0", "no", "off", "null", "none"}
_GRAPH_KEYS = ["src", "dst", "weight", "directed"]
_READ_KEYS = ["path", "format", "columns", "delimiter", "header", "skip_rows", "null_values", "limit"]
_WRITE_KEYS = ["path", "format", "compression", "compression_level", "row_group_size", "data_page_size",
               "dictionary", "delimiter", "header", "null_token"]
#: Parameter names of each step type (the fallback checks these; the native step types check more).
_PARAM_KEYS: dict[str, list[str]] = {
    "noop": ["sleep_ms", "fail_times", "hang", "rows"],
    "command": ["args", "shell", "env", "cwd", "grace_period"],
    "python": None,  # type: ignore[dict-item] - any params (passed to the function)
    "read": _READ_KEYS,
    "write": _WRITE_KEYS,
    "graph.build": _GRAPH_KEYS,
    "graph.pagerank": ["alpha", "tol", "max_iter", "weighted", "require_convergence", *_GRAPH_KEYS],
    "graph.bfs": ["source", "max_depth", *_GRAPH_KEYS],
    "graph.sssp": ["source", "weighted", "algorithm", *_GRAPH_KEYS],
    "graph.components": ["strong", *_GRAPH_KEYS],
}


class _N:
    """A parsed node with its line (1-based; None when built from a dict)."""

    __slots__ = ("v", "line")

    def __init__(self, v: Any, line: int | None) -> None:
        self.v, self.line = v, line  # v: scalar, list[_N] or list[tuple[str, int|None, _N]]

    def plain(self) -> Any:
        if isinstance(self.v, list) and self.v and isinstance(self.v[0], tuple):
            return {k: n.plain() for k, _, n in self.v}
        if isinstance(self.v, _Map):
            return {k: n.plain() for k, _, n in self.v}
        if isinstance(self.v, list):
            return [n.plain() for n in self.v]
        return self.v


class _Map(list):
    """Entries (key, key line, node) of a mapping node."""


def _from_yaml_node(node: Any) -> _N:
    import yaml

    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        m = _Map()
        for k, v in node.value:
            m.append((str(k.value), k.start_mark.line + 1, _from_yaml_node(v)))
        return _N(m, line)
    if isinstance(node, yaml.SequenceNode):
        return _N([_from_yaml_node(x) for x in node.value], line)
    tag = node.tag
    text = node.value
    if node.style in ("'", '"', "|", ">"):
        return _N(text, line)
    if tag.endswith(":null"):
        return _N(None, line)
    if tag.endswith(":bool"):
        return _N(text.lower() in ("true", "yes", "on"), line)
    if tag.endswith(":int"):
        try:
            return _N(int(text.replace("_", ""), 0), line)
        except ValueError:
            return _N(text, line)
    if tag.endswith(":float"):
        try:
            return _N(float(text.replace("_", "")), line)
        except ValueError:
            return _N(text, line)
    return _N(text, line)


def _from_plain(v: Any) -> _N:
    if isinstance(v, Mapping):
        return _N(_Map((str(k), None, _from_plain(x)) for k, x in v.items()), None)
    if isinstance(v, (list, tuple)):
        return _N([_from_plain(x) for x in v], None)
    return _N(v, None)


@dataclasses.dataclass
class _Backoff:
    initial: float = 1.0
    factor: float = 2.0
    max: float = 60.0
    jitter: float = 0.0

    def delay(self, retry: int, unit: float) -> float:
        base, k = self.initial, 1
        while k < retry and base < self.max:
            base *= self.factor
            k += 1
        base = min(base, self.max)
        if self.jitter > 0:
            base *= 1 - self.jitter + 2 * self.jitter * unit
        return max(0.0, min(base, self.max))


@dataclasses.dataclass
class _Step:
    name: str = ""
    type: str = ""
    inputs: list[str] = dataclasses.field(default_factory=list)
    output: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    param_lines: dict[str, int | None] = dataclasses.field(default_factory=dict)
    depends_on: list[str] = dataclasses.field(default_factory=list)
    retries: int | None = None
    backoff: _Backoff | None = None
    timeout: float | None = None
    pool: str | None = None
    when: tuple | None = None
    line: int | None = None
    lines: dict[str, int | None] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class _Definition:
    name: str = "workflow"
    variables: dict[str, str] = dataclasses.field(default_factory=dict)
    max_parallel: int | None = None
    stop_on_failure: bool = True
    default_retries: int = 0
    default_timeout: float | None = None
    default_pool: str = "cpu"
    default_backoff: _Backoff = dataclasses.field(default_factory=_Backoff)
    work_dir: str = "."
    steps: list[_Step] = dataclasses.field(default_factory=list)
    issues: list[ValidationIssue] = dataclasses.field(default_factory=list)


def _substitute(text: str, variables: Mapping[str, str]) -> tuple[str, list[str]]:
    if "$" not in text:
        return text, []
    out, problems, i = [], [], 0
    while i < len(text):
        if text.startswith("$${", i):
            out.append("${")
            i += 3
            continue
        if text.startswith("${", i):
            j = text.find("}", i + 2)
            if j < 0:
                problems.append(f"unterminated variable reference in '{text}'")
                out.append(text[i:])
                break
            name = text[i + 2:j]
            if not name or not all(c.isascii() and (c.isalnum() or c in "_-.") for c in name):
                problems.append(f"invalid variable name '${{{name}}}'")
                out.append(text[i:j + 1])
            elif name in variables:
                out.append(variables[name])
            else:
                known = sorted(variables)
                problems.append(f"unknown variable '${{{name}}}'" + _hint(name, known)
                                + (" (no variables are defined)" if not known else ""))
                out.append(text[i:j + 1])
            i = j + 1
            continue
        out.append(text[i])
        i += 1
    return "".join(out), problems


def _hint(word: str, candidates: list[str]) -> str:
    def dist(a: str, b: str) -> int:
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]

    best = min(candidates, key=lambda c: dist(word.lower(), c.lower()), default=None)
    if best is None or dist(word.lower(), best.lower()) > max(2, len(word) // 3):
        return ""
    return f" (did you mean '{best}'?)"


def _type_name(v: Any) -> str:
    if isinstance(v, _Map):
        return "mapping"
    if isinstance(v, list):
        return "list"
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    return "string"


class _Loader:
    def __init__(self, variables: dict[str, str]) -> None:
        self.issues: list[ValidationIssue] = []
        self.variables = variables
        self.step: str | None = None

    def issue(self, msg: str, line: int | None) -> None:
        self.issues.append(ValidationIssue(msg, line, None, self.step))

    def keys(self, m: _Map, allowed: list[str], ctx: str) -> None:
        for k, kl, n in m:
            if k not in allowed:
                self.issue(f"unknown key '{k}' in {ctx}" + _hint(k, allowed) + "; valid keys: " + ", ".join(allowed),
                           kl if kl is not None else n.line)

    def sub(self, s: str, line: int | None) -> str:
        out, problems = _substitute(s, self.variables)
        for p in problems:
            self.issue(p, line)
        return out

    def tree(self, n: _N) -> Any:
        if isinstance(n.v, _Map):
            return {k: self.tree(x) for k, _, x in n.v}
        if isinstance(n.v, list):
            return [self.tree(x) for x in n.v]
        if isinstance(n.v, str):
            return self.sub(n.v, n.line)
        return n.v

    def string(self, n: _N, key: str) -> str | None:
        if isinstance(n.v, str):
            return self.sub(n.v, n.line)
        if isinstance(n.v, (bool, int, float)):
            return _scalar_text(n.v)
        self.issue(f"'{key}' must be a string, not a {_type_name(n.v)}", n.line)
        return None

    def int_(self, n: _N, key: str, minimum: int = 0) -> int | None:
        v = n.v
        if isinstance(v, str):
            try:
                v = int(self.sub(v, n.line))
            except ValueError:
                pass
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, bool) or not isinstance(v, int) or v < minimum or v > 2**31 - 1:
            shown = f"'{_scalar_text(n.v)}'" if not isinstance(n.v, (list, _Map)) else f"a {_type_name(n.v)}"
            self.issue(f"'{key}' must be an integer >= {minimum}, got {shown}", n.line)
            return None
        return v

    def seconds(self, n: _N, key: str) -> float | None:
        v = n.v
        if isinstance(v, str):
            try:
                v = float(self.sub(v, n.line))
            except ValueError:
                pass
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0 or not math.isfinite(v):
            shown = f"'{_scalar_text(n.v)}'" if not isinstance(n.v, (list, _Map)) else f"a {_type_name(n.v)}"
            self.issue(f"'{key}' must be a number >= 0, got {shown}", n.line)
            return None
        return float(v)

    def bool_(self, n: _N, key: str) -> bool | None:
        if isinstance(n.v, bool):
            return n.v
        if isinstance(n.v, str):
            t = self.sub(n.v, n.line).lower()
            if t in ("true", "yes", "on", "1"):
                return True
            if t in ("false", "no", "off", "0"):
                return False
        self.issue(f"'{key}' must be true or false, got '{n.v}'", n.line)
        return None

    def pool(self, n: _N, key: str) -> str | None:
        s = self.string(n, key)
        if s is None:
            return None
        if s not in ("cpu", "io"):
            self.issue(f"'{key}' must be 'cpu' or 'io', got '{s}'", n.line)
            return None
        return s

    def strings(self, n: _N, key: str) -> tuple[list[str], list[int | None]]:
        if n.v is None:
            return [], []
        if isinstance(n.v, (str, int, float)) and not isinstance(n.v, bool):
            s = self.string(n, key)
            return ([s], [n.line]) if s is not None else ([], [])
        if not isinstance(n.v, list) or isinstance(n.v, _Map):
            self.issue(f"'{key}' must be a list of strings, not a {_type_name(n.v)}", n.line)
            return [], []
        out, lines = [], []
        for x in n.v:
            s = self.string(x, key)
            if s is not None:
                out.append(s)
                lines.append(x.line)
        return out, lines

    def backoff(self, n: _N, base: _Backoff) -> _Backoff | None:
        if not isinstance(n.v, _Map):
            self.issue("'backoff' must be a mapping with initial, factor, max, jitter", n.line)
            return None
        self.keys(n.v, _BACKOFF_KEYS, "backoff")
        b = dataclasses.replace(base)
        d = {k: x for k, _, x in n.v}
        if "initial" in d and (s := self.seconds(d["initial"], "initial")) is not None:
            b.initial = s
        if "factor" in d and (s := self.seconds(d["factor"], "factor")) is not None:
            if s < 1:
                self.issue(f"'factor' must be >= 1, got {s}", d["factor"].line)
            else:
                b.factor = s
        if "max" in d and (s := self.seconds(d["max"], "max")) is not None:
            b.max = s
        if "jitter" in d and (s := self.seconds(d["jitter"], "jitter")) is not None:
            if s > 1:
                self.issue(f"'jitter' must be between 0 and 1, got {s}", d["jitter"].line)
            else:
                b.jitter = s
        return b

    def when(self, n: _N) -> tuple | None:
        if isinstance(n.v, bool):
            return ("truthy", "true" if n.v else "false")
        if isinstance(n.v, _Map):
            self.keys(n.v, ["var", "equals", "not_equals"], "when")
            d = {k: x for k, _, x in n.v}
            name = self.string(d["var"], "var") if "var" in d else None
            if name is None:
                self.issue("'when' mapping needs 'var' (and 'equals' or 'not_equals')", n.line)
                return None
            if name not in self.variables:
                self.issue(f"'when' refers to unknown variable '{name}'" + _hint(name, sorted(self.variables)),
                           d["var"].line)
            if "equals" in d and (s := self.string(d["equals"], "equals")) is not None:
                return ("equals", name, s)
            if "not_equals" in d and (s := self.string(d["not_equals"], "not_equals")) is not None:
                return ("not_equals", name, s)
            self.issue("'when' mapping needs 'equals' or 'not_equals'", n.line)
            return None
        if isinstance(n.v, list):
            self.issue("'when' must be a string, a boolean or a mapping {var, equals}", n.line)
            return None
        return ("truthy", (self.string(n, "when") or "") if n.v is not None else "")


def load_tree(tree: Any, variables: Mapping[str, str], source_root: _N | None) -> _Definition:
    """A definition from a parsed tree (YAML nodes with lines, or a plain dict)."""
    root = source_root if source_root is not None else _from_plain(tree)
    d = _Definition()
    if not isinstance(root.v, _Map):
        raise InvalidArgumentError(f"a workflow must be a mapping with 'name' and 'steps' (got a {_type_name(root.v)})")
    top = {k: n for k, _, n in root.v}
    ld = _Loader({})
    ld.keys(root.v, _TOP_KEYS, "workflow")
    if "variables" in top:
        vn = top["variables"]
        if isinstance(vn.v, _Map):
            for k, _, x in vn.v:
                if isinstance(x.v, (list, _Map)):
                    ld.issue(f"variable '{k}' must be a scalar, not a {_type_name(x.v)}", x.line)
                else:
                    d.variables[k] = _scalar_text(x.v)
        elif vn.v is not None:
            ld.issue(f"'variables' must be a mapping, not a {_type_name(vn.v)}", vn.line)
    d.variables.update(variables)
    ld.variables = d.variables
    if "name" in top and (s := ld.string(top["name"], "name")) is not None:
        d.name = s
    if "config" in top:
        cn = top["config"]
        if isinstance(cn.v, _Map):
            ld.keys(cn.v, _CONFIG_KEYS, "config")
            c = {k: x for k, _, x in cn.v}
            if "max_parallel" in c:
                d.max_parallel = ld.int_(c["max_parallel"], "max_parallel", 1)
            if "stop_on_failure" in c and (b := ld.bool_(c["stop_on_failure"], "stop_on_failure")) is not None:
                d.stop_on_failure = b
            if "default_retries" in c and (i := ld.int_(c["default_retries"], "default_retries")) is not None:
                d.default_retries = i
            if "default_timeout" in c and c["default_timeout"].v is not None:
                d.default_timeout = ld.seconds(c["default_timeout"], "default_timeout")
            if "default_pool" in c and (p := ld.pool(c["default_pool"], "default_pool")) is not None:
                d.default_pool = p
            if "default_backoff" in c and (b2 := ld.backoff(c["default_backoff"], d.default_backoff)) is not None:
                d.default_backoff = b2
            if "work_dir" in c and (s := ld.string(c["work_dir"], "work_dir")) is not None:
                d.work_dir = s
        elif cn.v is not None:
            ld.issue(f"'config' must be a mapping, not a {_type_name(cn.v)}", cn.line)
    if "steps" not in top:
        ld.issue("the workflow has no 'steps'", root.line)
    elif not isinstance(top["steps"].v, list) or isinstance(top["steps"].v, _Map):
        ld.issue(f"'steps' must be a list, not a {_type_name(top['steps'].v)}", top["steps"].line)
    else:
        for sn in top["steps"].v:
            d.steps.append(_load_step(ld, sn, d))
    d.issues = ld.issues
    return d


def _load_step(ld: _Loader, n: _N, d: _Definition) -> _Step:
    s = _Step(line=n.line)
    if not isinstance(n.v, _Map):
        ld.issue(f"a step must be a mapping with 'name' and 'type', not a {_type_name(n.v)}", n.line)
        return s
    m = {k: x for k, _, x in n.v}
    ld.step = _scalar_text(m["name"].v) if "name" in m and not isinstance(m["name"].v, (list, _Map)) else None
    try:
        ld.keys(n.v, _STEP_KEYS, "step" + (f" '{ld.step}'" if ld.step else ""))
        for k, kl, x in n.v:
            s.lines[k] = x.line if x.line is not None else kl
        if "name" in m and (v := ld.string(m["name"], "name")) is not None:
            s.name = v
        elif "name" not in m:
            ld.issue("a step has no 'name'", n.line)
        if "type" in m and (v := ld.string(m["type"], "type")) is not None:
            s.type = v
        elif "type" not in m:
            ld.issue(f"step '{s.name}' has no 'type'", n.line)
        if "inputs" in m:
            s.inputs, lines = ld.strings(m["inputs"], "inputs")
            for i, line in enumerate(lines):
                s.lines[f"inputs[{i}]"] = line
        if "depends_on" in m:
            s.depends_on, lines = ld.strings(m["depends_on"], "depends_on")
            for i, line in enumerate(lines):
                s.lines[f"depends_on[{i}]"] = line
        if "output" in m and m["output"].v is not None:
            s.output = ld.string(m["output"], "output")
        if "params" in m:
            pn = m["params"]
            if isinstance(pn.v, _Map):
                s.params = ld.tree(pn)
                s.param_lines = {k: (x.line if x.line is not None else kl) for k, kl, x in pn.v}
            elif pn.v is not None:
                ld.issue(f"'params' must be a mapping, not a {_type_name(pn.v)}", pn.line)
        if "retries" in m:
            s.retries = ld.int_(m["retries"], "retries")
        if "backoff" in m:
            s.backoff = ld.backoff(m["backoff"], d.default_backoff)
        if "timeout" in m and m["timeout"].v is not None:
            s.timeout = ld.seconds(m["timeout"], "timeout")
        if "pool" in m:
            s.pool = ld.pool(m["pool"], "pool")
        if "when" in m:
            s.when = ld.when(m["when"])
    finally:
        ld.step = None
    return s


def load_yaml(path: str, variables: Mapping[str, str]) -> _Definition:
    """Parse a YAML workflow with PyYAML (lines kept for messages)."""
    try:
        import yaml
    except ImportError as exc:  # pragma: no cover - pyyaml is a dependency
        raise InvalidArgumentError("reading YAML workflows without the native library needs PyYAML") from exc
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise InvalidArgumentError(f"'{path}': invalid YAML: {exc}") from None
    if node is None:
        raise InvalidArgumentError(f"'{path}': a workflow must be a mapping with 'name' and 'steps' (the file is empty)")
    return load_tree(None, variables, _from_yaml_node(node))


class _Graph:
    """Dependencies of the steps (as WorkflowGraph)."""

    def __init__(self, d: _Definition) -> None:
        self.names = [s.name for s in d.steps]
        self.index: dict[str, int] = {}
        for i, n in enumerate(self.names):
            self.index.setdefault(n, i)
        producers: dict[str, int] = {}
        for i, s in enumerate(d.steps):
            if s.output is not None:
                producers.setdefault(s.output, i)
        self.deps: list[list[int]] = []
        self.rdeps: list[list[int]] = [[] for _ in d.steps]
        for i, s in enumerate(d.steps):
            ds = set()
            for name in s.inputs:
                j = self.index.get(name, producers.get(name))
                if j is not None and (j != i or name in self.index):
                    ds.add(j)
            for name in s.depends_on:
                if name in self.index:
                    ds.add(self.index[name])
            self.deps.append(sorted(ds))
            for j in self.deps[-1]:
                self.rdeps[j].append(i)

    def cycles(self) -> list[list[int]]:
        n = len(self.names)
        color = [0] * n
        pos = [-1] * n
        found, seen = [], set()
        for root in range(n):
            if color[root]:
                continue
            stack = [[root, 0]]
            color[root], pos[root] = 1, 0
            while stack:
                v, k = stack[-1]
                ds = self.rdeps[v]
                if k < len(ds):
                    stack[-1][1] = k + 1
                    w = ds[k]
                    if color[w] == 0:
                        color[w], pos[w] = 1, len(stack)
                        stack.append([w, 0])
                    elif color[w] == 1:
                        cyc = [x[0] for x in stack[pos[w]:]]
                        key = tuple(sorted(cyc))
                        if key not in seen:
                            seen.add(key)
                            found.append(cyc)
                else:
                    color[v], pos[v] = 2, -1
                    stack.pop()
        return found


def validate(d: _Definition) -> list[ValidationIssue]:
    """Every issue of a definition (the fallback validator; same checks as the native one)."""
    issues = list(d.issues)
    seen: dict[str, int | None] = {}
    names = [s.name for s in d.steps if s.name]
    name_set = set(names)
    outputs = {s.output for s in d.steps if s.output is not None}
    types = sorted(_PARAM_KEYS)
    for s in d.steps:
        if s.name:
            if s.name in seen:
                first = seen[s.name]
                issues.append(ValidationIssue(f"duplicate step name '{s.name}'"
                                              + (f" (first defined at line {first})" if first else ""),
                                              s.lines.get("name", s.line), None, s.name))
            else:
                seen[s.name] = s.lines.get("name", s.line)
        if s.type:
            if s.type not in _PARAM_KEYS:
                issues.append(ValidationIssue(f"step '{s.name}' has unknown type '{s.type}'" + _hint(s.type, types)
                                              + "; registered types: " + ", ".join(t for t in types if t != "python"),
                                              s.lines.get("type", s.line), None, s.name))
            elif _PARAM_KEYS[s.type] is not None:
                allowed = _PARAM_KEYS[s.type]
                for k in s.params:
                    if k not in allowed:
                        issues.append(ValidationIssue(f"unknown {s.type} parameter '{k}'" + _hint(k, allowed)
                                                      + "; valid: " + ", ".join(allowed),
                                                      s.param_lines.get(k) or s.lines.get("params", s.line), None,
                                                      s.name))
                issues.extend(_param_issues(s))
        for k, dep in enumerate(s.depends_on):
            line = s.lines.get(f"depends_on[{k}]", s.line)
            if dep == s.name:
                issues.append(ValidationIssue(f"cycle: {s.name} -> {s.name}", line, None, s.name))
            elif dep not in name_set:
                issues.append(ValidationIssue(f"step '{s.name}' depends on unknown step '{dep}'" + _hint(dep, names),
                                              line, None, s.name))
        for k, inp in enumerate(s.inputs):
            line = s.lines.get(f"inputs[{k}]", s.line)
            if inp == s.name:
                issues.append(ValidationIssue(f"cycle: {s.name} -> {s.name}", line, None, s.name))
                continue
            if inp in name_set or inp in outputs:
                continue
            if "/" in inp or "." in inp:
                if not os.path.exists(os.path.join(d.work_dir, inp)):
                    issues.append(ValidationIssue(
                        f"step '{s.name}': input file '{inp}' does not exist (relative to work_dir '{d.work_dir}') "
                        "and no step outputs it", line, None, s.name))
            else:
                issues.append(ValidationIssue(f"step '{s.name}' has unknown input '{inp}': not a step name"
                                              + _hint(inp, names) + " (file paths need a '/' or an extension)",
                                              line, None, s.name))
    g = _Graph(d)
    for cyc in g.cycles():
        if len(cyc) > 1:
            text = " -> ".join(g.names[i] for i in [*cyc, cyc[0]])
            issues.append(ValidationIssue(f"cycle: {text}", d.steps[cyc[0]].line, None, g.names[cyc[0]]))
    return issues


def _param_issues(s: _Step) -> list[ValidationIssue]:
    out = []
    p = s.params

    def bad(msg: str, key: str | None = None) -> None:
        out.append(ValidationIssue(f"step '{s.name}' ({s.type}): {msg}",
                                   (s.param_lines.get(key) if key else None) or s.lines.get("params", s.line),
                                   None, s.name))

    if s.type == "command":
        if ("args" in p) == ("shell" in p):
            bad("needs 'args' (a list) or 'shell' (a string) in params, not both or neither")
    elif s.type == "read":
        if "path" not in p and not s.inputs:
            bad("needs 'path' or an input (a file path or a step)")
    elif s.type == "write":
        if "path" not in p:
            bad("parameter 'path' is required")
        if len(s.inputs) != 1:
            bad(f"needs exactly one input (the table to write), got {len(s.inputs)}")
    elif s.type.startswith("graph."):
        if len(s.inputs) != 1:
            bad(f"needs exactly one input: the edge table (normally a graph.build step), got {len(s.inputs)}")
        if s.type in ("graph.bfs", "graph.sssp") and "source" not in p:
            bad("parameter 'source' is required (a vertex id or a list)")
    elif s.type == "noop":
        for k, v in p.items():
            if k != "hang" and k in _PARAM_KEYS["noop"]:
                try:
                    ok = int(v) >= 0 and not isinstance(v, bool)
                except (TypeError, ValueError):
                    ok = False
                if not ok:
                    bad(f"noop parameter '{k}' must be an integer >= 0", k)
    return out


def python_step_issues(d: _Definition, handlers: Mapping[str, Callable[..., Any]]) -> list[ValidationIssue]:
    """Python steps need a handler or a ``function: "module:function"`` param."""
    out = []
    for s in d.steps:
        if s.type != "python" or s.name in handlers:
            continue
        fn = s.params.get("function")
        line = s.param_lines.get("function") or s.lines.get("params", s.line)
        if not isinstance(fn, str) or ":" not in fn:
            out.append(ValidationIssue(
                f"python step '{s.name}' needs params.function = \"module:function\" or a callable in "
                f"step_handlers={{'{s.name}': fn}}", line, None, s.name))
    return out


def resolve_python_function(step: _Step | None, params: Mapping[str, Any],
                            handlers: Mapping[str, Callable[..., Any]], name: str) -> Callable[..., Any]:
    """The callable of a python step: ``step_handlers[name]`` or ``params.function``."""
    fn = handlers.get(name)  # handlers hold callables only (checked by run)
    if fn is not None:
        return fn
    spec = params.get("function")
    if not isinstance(spec, str) or ":" not in spec:
        raise InvalidArgumentError(f"python step '{name}' has no handler and no params.function")
    module, _, attr = spec.partition(":")
    obj: Any = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    if not callable(obj):
        raise InvalidArgumentError(f"python step '{name}': '{spec}' is not callable")
    return obj


def to_mermaid(d: _Definition) -> str:
    g = _Graph(d)
    out = "flowchart TD\n"
    for i, s in enumerate(d.steps):
        out += f'    s{i}["{s.name}<br/>({s.type})"]\n'.replace('"', "#quot;").replace("#quot;", '"', 1) \
            if '"' in s.name + s.type else f'    s{i}["{s.name}<br/>({s.type})"]\n'
    for i, ds in enumerate(g.deps):
        for j in ds:
            out += f"    s{j} --> s{i}\n"
    return out


def to_dot(d: _Definition) -> str:
    g = _Graph(d)

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace('"', '\\"')

    out = f'digraph "{esc(d.name)}" {{\n    rankdir=TB;\n    node [shape=box];\n'
    for s in d.steps:
        out += f'    "{esc(s.name)}" [label="{esc(s.name)}\\n({esc(s.type)})"];\n'
    for i, ds in enumerate(g.deps):
        for j in ds:
            out += f'    "{esc(d.steps[j].name)}" -> "{esc(d.steps[i].name)}";\n'
    return out + "}\n"


# --- fallback execution -----------------------------------------------------------------------


class _AttemptToken:
    """A child of the run token, cancelled on its own by a timeout."""

    def __init__(self, parent: CancellationToken) -> None:
        self.parent = parent
        self.local = threading.Event()
        self.local_reason: str | None = None

    def cancel(self, reason: str) -> None:
        if self.local_reason is None:
            self.local_reason = reason
        self.local.set()

    @property
    def cancelled(self) -> bool:
        return self.local.is_set() or self.parent.cancelled

    @property
    def reason(self) -> str:
        if self.local.is_set():
            return self.local_reason or "cancelled"
        return self.parent.reason or "cancelled"

    def check(self) -> None:
        if self.cancelled:
            raise _StepCancelled(self.reason)


class _StepCancelled(Exception):
    pass


class _StepError(Exception):
    pass


def _new_run_id() -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + f"{random.getrandbits(24):06x}"


def _file_format(path: str, fmt: str = "auto") -> str:
    if fmt and fmt != "auto":
        return fmt
    ext = path.rsplit("/", 1)[-1].rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    kinds = {"parquet": "parquet", "pqt": "parquet", "csv": "csv", "tsv": "tsv", "avro": "avro"}
    if ext not in kinds:
        raise InvalidArgumentError(f"'{path}': unknown file type '.{ext}' (expected .parquet, .pqt, .csv, .tsv or .avro)")
    return kinds[ext]


def _delimiter(params: Mapping[str, Any]) -> str | None:
    d = params.get("delimiter")
    if d is None:
        return None
    d = str(d)
    return "\t" if d in ("\\t", "tab", "TAB") else d


def _list(v: Any) -> list[str] | None:
    if v is None:
        return None
    if isinstance(v, list):
        return [str(x) for x in v]
    return [x.strip() for x in str(v).split(",") if x.strip()]


def _read_file(path: str, params: Mapping[str, Any] | None = None) -> pa.Table:
    params = params or {}
    fmt = _file_format(path, str(params.get("format", "auto")))
    columns = _list(params.get("columns"))
    if fmt in ("csv", "tsv"):
        import pyarrow.csv as pacsv

        delim = _delimiter(params) or ("\t" if fmt == "tsv" else ",")
        header = params.get("header", True)
        header = header if isinstance(header, bool) else str(header).lower() in ("true", "yes", "1", "on")
        ro = pacsv.ReadOptions(skip_rows=int(params.get("skip_rows", 0) or 0), autogenerate_column_names=not header)
        co = pacsv.ConvertOptions(include_columns=columns, null_values=_list(params.get("null_values"))
                                  or ["", "NA", "N/A", "NULL", "null"], strings_can_be_null=True)
        table = pacsv.read_csv(path, read_options=ro, parse_options=pacsv.ParseOptions(delimiter=delim),
                               convert_options=co)
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path, columns=columns)
    else:
        from . import readers

        table = readers.read(path).to_arrow()
        if columns:
            table = table.select(columns)
    limit = params.get("limit")
    if limit is not None and int(limit) < table.num_rows:
        table = table.slice(0, int(limit))
    return table


def _write_file(table: pa.Table, path: str, params: Mapping[str, Any] | None = None) -> None:
    """Atomic write: temporary file in the target directory, then rename."""
    params = params or {}
    fmt = _file_format(path, str(params.get("format", "auto")))
    directory = os.path.dirname(path)
    if directory:
        os.makedirs(directory, exist_ok=True)
    tmp = os.path.join(directory, f".{os.path.basename(path)}.tmp-{os.getpid()}-{random.getrandbits(32):08x}")
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            comp = str(params.get("compression", "zstd")).lower()
            comp = {"none": "none", "uncompressed": "none", "lz4_raw": "lz4", "lz4": "lz4"}.get(comp, comp)
            kwargs: dict[str, Any] = {"compression": comp}
            if params.get("compression_level") is not None:
                kwargs["compression_level"] = int(params["compression_level"])
            if params.get("row_group_size") is not None:
                kwargs["row_group_size"] = int(params["row_group_size"])
            if params.get("data_page_size") is not None:
                kwargs["data_page_size"] = int(params["data_page_size"])
            if params.get("dictionary") is not None:
                kwargs["use_dictionary"] = bool(params["dictionary"])
            pq.write_table(table, tmp, **kwargs)
        elif fmt in ("csv", "tsv"):
            import pyarrow.csv as pacsv

            delim = _delimiter(params) or ("\t" if fmt == "tsv" else ",")
            header = params.get("header", True)
            pacsv.write_csv(table, tmp, write_options=pacsv.WriteOptions(
                include_header=bool(header), delimiter=delim, quoting_style="needed"))
        else:
            raise InvalidArgumentError(f"workflow steps cannot write .{fmt} files ('{path}'); use .parquet, .csv or .tsv")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _graph_settings(table: pa.Table, params: Mapping[str, Any], use_meta: bool = True) -> dict[str, Any]:
    s: dict[str, Any] = {"src": "src", "dst": "dst", "weight": None, "directed": True}
    meta = (table.schema.metadata or {}) if use_meta else {}
    get = {k.decode(): v.decode() for k, v in meta.items()}
    if "pframe.graph.src" in get:
        s["src"] = get["pframe.graph.src"]
        s["dst"] = get.get("pframe.graph.dst", "dst")
        s["weight"] = get.get("pframe.graph.weight") or None
        s["directed"] = get.get("pframe.graph.directed", "true") != "false"
    for k in ("src", "dst"):
        if params.get(k) is not None:
            s[k] = str(params[k])
    if "weight" in params:
        s["weight"] = str(params["weight"]) if params["weight"] not in (None, "") else None
    if params.get("directed") is not None:
        v = params["directed"]
        s["directed"] = v if isinstance(v, bool) else str(v).lower() in ("true", "yes", "1", "on")
    return s


def _bool(v: Any, default: bool) -> bool:
    if v is None:
        return default
    return v if isinstance(v, bool) else str(v).lower() in ("true", "yes", "1", "on")


def _vertex_ids(v: Any, string_ids: bool) -> list[Any]:
    items = v if isinstance(v, list) else [v]
    out = []
    for x in items:
        if string_ids:
            out.append(_scalar_text(x))
        else:
            try:
                out.append(int(x))
            except (TypeError, ValueError):
                out.append(x)
    return out


_graph_cache_lock = threading.Lock()
_graph_cache: list[tuple[Any, Any, Any]] = []


def _cached_graph(table: pa.Table, s: dict[str, Any]) -> Any:
    from .graph import GraphFrame

    key = (id(table), s["src"], s["dst"], s["weight"], s["directed"])
    with _graph_cache_lock:
        for k, t, g in _graph_cache:
            if k == key and t is table:
                return g
    g = GraphFrame.from_frame(table, src=s["src"], dst=s["dst"], weight=s["weight"], directed=s["directed"],
                              backend="pyarrow")
    with _graph_cache_lock:
        _graph_cache.append((key, table, g))
        del _graph_cache[:-4]
    return g


class Executor:
    """The pure-Python scheduler: same semantics and history format as the native one."""

    def __init__(self, d: _Definition, *, max_parallel: int | None, on_progress, token: CancellationToken,
                 handlers: Mapping[str, Callable[..., Any]], history_dir: str | None, resume: str | None,
                 write_history: bool, keep_outputs: bool, seed: int = 0x5EED, python_threads: int = 1) -> None:
        self.d = d
        self.g = _Graph(d)
        # Python steps at once (they hold the GIL; the native engine gives them dedicated threads).
        self.py_slots = threading.Semaphore(max(1, python_threads))
        self.max_parallel = max(1, max_parallel or d.max_parallel or (os.cpu_count() or 1))
        self.emit = on_progress or (lambda e: None)
        self.token = token
        self.handlers = handlers
        self.history_dir = history_dir or os.path.join(d.work_dir, ".pframe-history")
        self.resume = resume
        self.write_history = write_history
        self.keep_outputs = keep_outputs
        self.seed = seed
        n = len(d.steps)
        self.records = [StepResult(s.name, s.type, "pending",
                                   output_path=os.path.join(d.work_dir, s.output) if s.output else None)
                        for s in d.steps]
        self.outputs: list[pa.Table | None] = [None] * n

    def _event(self, kind: str, step: str, attempt: int, duration=None, rows=None, message=None, delay=None) -> None:
        e: dict[str, Any] = {"event": kind, "step": step, "attempt": attempt}
        if duration is not None:
            e["duration_s"] = duration
        if rows is not None:
            e["rows"] = rows
        if message is not None:
            e["message"] = message
        if delay is not None:
            e["delay_s"] = delay
        self.emit(e)

    # -- scheduling ---------------------------------------------------------------------------

    def run(self) -> tuple[dict[str, Any], dict[str, Frame]]:
        d, g = self.d, self.g
        n = len(d.steps)
        started = time.time()
        t_engine = time.perf_counter()
        run_id = _new_run_id()
        remaining = [len(x) for x in g.deps]
        final = [False] * n
        if self.resume is not None:
            self._apply_resume(remaining, final)
        ready = [i for i in range(n) if not final[i] and remaining[i] == 0]
        stop = False
        stop_reason = None
        running: dict[concurrent.futures.Future, int] = {}
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.max_parallel,
                                                   thread_name_prefix="pf-workflow") as pool:
            while True:
                if not stop and self.token.cancelled:
                    stop, stop_reason = True, self.token.reason or "run cancelled"
                while not stop and ready and len(running) < self.max_parallel:
                    i = ready.pop(0)
                    running[pool.submit(self._execute, i)] = i
                if not running:
                    break
                done, _ = concurrent.futures.wait(list(running), timeout=0.05,
                                                  return_when=concurrent.futures.FIRST_COMPLETED)
                for f in done:
                    i = running.pop(f)
                    outcome = f.result()
                    final[i] = True
                    if outcome == "completed":
                        self.records[i].status = "completed"
                        for j in g.rdeps[i]:
                            remaining[j] -= 1
                            if remaining[j] == 0 and not final[j]:
                                ready.append(j)
                        continue
                    if outcome == "failed":
                        self.records[i].status = "failed"
                        reason = f"dependency '{d.steps[i].name}' failed"
                        if d.stop_on_failure and not stop:
                            stop, stop_reason = True, f"step '{d.steps[i].name}' failed and stop_on_failure is set"
                    elif outcome == "cancelled":
                        self.records[i].status = "cancelled"
                        reason = f"dependency '{d.steps[i].name}' was cancelled"
                        if not stop:
                            stop, stop_reason = True, self.token.reason or "run cancelled"
                    else:
                        self.records[i].status = "skipped"
                        self.records[i].error = outcome[1]
                        self._event("skipped", d.steps[i].name, 0, message=outcome[1])
                        reason = f"dependency '{d.steps[i].name}' was skipped"
                    stack = list(g.rdeps[i])
                    while stack:
                        j = stack.pop()
                        if final[j]:
                            continue
                        final[j] = True
                        self.records[j].status = "skipped"
                        self.records[j].error = reason
                        self._event("skipped", d.steps[j].name, 0, message=reason)
                        if j in ready:
                            ready.remove(j)
                        stack.extend(g.rdeps[j])
        cancelled = self.token.cancelled
        for i in range(n):
            if not final[i]:
                final[i] = True
                r = self.records[i]
                r.status = "cancelled" if cancelled else "skipped"
                r.error = (f"not started: {self.token.reason or 'run cancelled'}" if cancelled
                           else f"not started: {stop_reason or 'scheduling stopped'}")
                self._event(r.status, r.name, 0, message=r.error)
        engine_seconds = time.perf_counter() - t_engine
        statuses = [r.status for r in self.records]
        status = ("failed" if "failed" in statuses else
                  "cancelled" if cancelled or "cancelled" in statuses else "succeeded")
        record = {"run_id": run_id, "workflow": d.name, "status": status, "started_at": started,
                  "ended_at": time.time(), "resumed_from": self.resume,
                  "steps": [r._record() for r in self.records]}
        history_path = None
        if self.write_history:
            try:
                os.makedirs(self.history_dir, exist_ok=True)
                history_path = os.path.join(self.history_dir, run_id + ".json")
                tmp = history_path + f".tmp-{os.getpid()}"
                with open(tmp, "w", encoding="utf-8") as f:
                    json.dump(record, f)
                    f.write("\n")
                os.replace(tmp, history_path)
            except OSError as exc:
                logger.warning("workflow '%s': cannot write run history: %s", d.name, exc)
                history_path = None
        record["history_path"] = history_path
        record["engine_seconds"] = engine_seconds
        outputs = {}
        for i, t in enumerate(self.outputs):
            if t is not None and (self.keep_outputs) and self.records[i].status in ("completed", "reused"):
                outputs[d.steps[i].name] = Frame._from_table(t)
        return record, outputs

    def _apply_resume(self, remaining: list[int], final: list[bool]) -> None:
        rid = str(self.resume)
        if not rid or "/" in rid:
            raise InvalidArgumentError(f"invalid run id '{rid}'")
        path = os.path.join(self.history_dir, rid + ".json")
        if not os.path.isfile(path):
            raise InvalidArgumentError(f"no run '{rid}' in history directory '{self.history_dir}'")
        with open(path, encoding="utf-8") as f:
            prev = json.load(f)
        if prev.get("workflow") != self.d.name:
            raise InvalidArgumentError(f"run '{rid}' belongs to workflow '{prev.get('workflow')}', not '{self.d.name}'")
        by_name = {s["name"]: s for s in prev.get("steps", [])}
        for i, s in enumerate(self.d.steps):
            r = by_name.get(s.name)
            if r is None or r.get("status") not in ("completed", "reused"):
                continue
            out = os.path.join(self.d.work_dir, s.output) if s.output else None
            if (out and os.path.exists(out)) or (s.output is None and not r.get("produced_table")):
                rec = StepResult._from_record(r)
                rec.status = "reused"
                rec.output_path = out
                self.records[i] = rec
                final[i] = True
                if out:
                    try:
                        self.outputs[i] = _read_file(out)
                    except Exception:  # noqa: BLE001
                        pass
                for j in self.g.rdeps[i]:
                    remaining[j] -= 1

    # -- one step -----------------------------------------------------------------------------

    def _execute(self, i: int):
        d = self.d
        s = d.steps[i]
        rec = self.records[i]
        if s.when is not None and not self._condition(s.when):
            return ("skipped", "condition is false")
        max_attempts = 1 + (s.retries if s.retries is not None else d.default_retries)
        timeout = s.timeout if s.timeout is not None else d.default_timeout
        backoff = s.backoff or d.default_backoff
        inputs: dict[str, pa.Table] = {}
        input_error = None
        for name in s.inputs:
            j = self.g.index.get(name)
            if j is not None:
                if self.outputs[j] is not None:
                    inputs[name] = self.outputs[j]
                continue
            path = os.path.join(d.work_dir, name)
            k = next((k for k in self.g.deps[i] if self.records[k].output_path == path), None)
            if k is not None and self.outputs[k] is not None:
                inputs[name] = self.outputs[k]
            else:
                try:
                    inputs[name] = _read_file(path)
                except Exception as exc:  # noqa: BLE001
                    input_error = f"cannot read input '{name}': {exc}"
                    break
        rng = random.Random(self.seed + i)
        attempt = 0
        last_error = input_error or ""
        while attempt < max_attempts and input_error is None:
            attempt += 1
            tok = _AttemptToken(self.token)
            timer = None
            if timeout is not None:
                timer = threading.Timer(timeout, tok.cancel, args=(f"timed out after {timeout:g}s",))
                timer.daemon = True
                timer.start()
            if rec.started_at is None:
                rec.started_at = time.time()
            self._event("started", s.name, attempt)
            t0 = time.perf_counter()
            table = None
            rows = None
            failure: str | None = None
            try:
                table, rows = self._run_step(s, inputs, tok, attempt, rec)
                if tok.cancelled and s.type == "python":
                    raise _StepCancelled(tok.reason)
                if table is not None and rec.output_path:
                    _write_file(table, rec.output_path, s.params if s.type == "write" else None)
                    rec.output_written = True
            except _StepCancelled as exc:
                failure = f"cancelled: {exc}"
            except Exception as exc:  # noqa: BLE001 - any step error fails the attempt
                failure = f"{type(exc).__name__}: {exc}" if not isinstance(exc, (_StepError, ParquetFrameError)) else str(exc)
            finally:
                if timer is not None:
                    timer.cancel()
            dt = time.perf_counter() - t0
            rec.attempts = attempt
            rec.durations.append(dt)
            rec.ended_at = time.time()
            if failure is None:
                if self.keep_outputs or self.g.rdeps[i]:
                    self.outputs[i] = table
                rec.rows = rows if rows is not None else (table.num_rows if table is not None else None)
                rec.produced_table = table is not None
                rec.error = None
                self._event("completed", s.name, attempt, duration=dt, rows=rec.rows)
                return "completed"
            if self.token.cancelled:
                rec.error = f"cancelled: {self.token.reason or 'run cancelled'}"
                self._event("cancelled", s.name, attempt, duration=dt, message=rec.error)
                return "cancelled"
            last_error = f"attempt {attempt} {tok.local_reason}" if tok.local.is_set() else failure
            rec.error = last_error
            if attempt < max_attempts:
                delay = backoff.delay(attempt, rng.random())
                self._event("retrying", s.name, attempt, duration=dt, message=last_error, delay=delay)
                if self.token.wait(delay):
                    rec.error = f"cancelled while waiting to retry: {self.token.reason or 'run cancelled'}"
                    self._event("cancelled", s.name, attempt, message=rec.error)
                    return "cancelled"
        rec.error = last_error
        self._event("failed", s.name, attempt, duration=rec.durations[-1] if rec.durations else None,
                    message=last_error)
        return "failed"

    def _condition(self, when: tuple) -> bool:
        if when[0] == "truthy":
            return when[1].lower() not in _FALSE_WORDS
        value = self.d.variables.get(when[1])
        return value == when[2] if when[0] == "equals" else value != when[2]

    def _run_step(self, s: _Step, inputs: dict[str, pa.Table], tok: _AttemptToken, attempt: int,
                  rec: StepResult) -> tuple[pa.Table | None, int | None]:
        p = s.params
        first = inputs.get(s.inputs[0]) if s.inputs else None
        tok.check()
        if s.type == "noop":
            if not p:
                return first, None
            if p.get("fail_times") is not None and attempt <= int(p["fail_times"]):
                raise _StepError(f"I/O error: noop: planned failure {attempt} of {int(p['fail_times'])}")
            if p.get("hang") is True:
                while not tok.cancelled:
                    time.sleep(0.001)
                raise _StepCancelled(tok.reason)
            if p.get("sleep_ms") is not None and int(p["sleep_ms"]) > 0:
                end = time.perf_counter() + int(p["sleep_ms"]) / 1000
                while time.perf_counter() < end:
                    tok.check()
                    time.sleep(min(0.001, max(0.0, end - time.perf_counter())))
            return first, (int(p["rows"]) if p.get("rows") is not None else None)
        if s.type == "command":
            self._command(s, tok, rec)
            return None, None
        if s.type == "python":
            frames = [Frame._from_table(inputs[n]) if n in inputs else None for n in s.inputs]
            fn = resolve_python_function(s, p, self.handlers, s.name)
            with self.py_slots:
                result = fn(*frames, **{k: v for k, v in p.items() if k != "function"})
            if result is None:
                return None, None
            frame = _as_frame(result)
            return frame.to_arrow(), None
        if s.type == "read":
            if p.get("path") is not None:
                return _read_file(os.path.join(self.d.work_dir, str(p["path"])), p), None
            if first is not None:
                t = first
                if p.get("columns") is not None:
                    t = t.select(_list(p["columns"]))
                if p.get("limit") is not None and int(p["limit"]) < t.num_rows:
                    t = t.slice(0, int(p["limit"]))
                return t, None
            return _read_file(os.path.join(self.d.work_dir, s.inputs[0]), p), None
        if s.type == "write":
            if first is None:
                raise _StepError(f"invalid argument: step '{s.name}': input '{s.inputs[0]}' produced no table")
            _write_file(first, os.path.join(self.d.work_dir, str(p["path"])), p)
            return first, None
        if s.type.startswith("graph."):
            return self._graph(s, first, p), None
        raise _StepError(f"unknown step type '{s.type}'")

    def _graph(self, s: _Step, edges: pa.Table | None, p: Mapping[str, Any]) -> pa.Table:
        if edges is None:
            raise _StepError(f"invalid argument: step '{s.name}': input produced no edge table")
        if s.type == "graph.build":
            st = _graph_settings(edges, p, use_meta=False)
            cols = [st["src"], st["dst"]] + ([st["weight"]] if st["weight"] else [])
            t = edges.select(cols)
            meta = {k: v for k, v in (t.schema.metadata or {}).items() if not k.startswith(b"pframe.graph.")}
            meta.update({b"pframe.graph.src": st["src"].encode(), b"pframe.graph.dst": st["dst"].encode(),
                         b"pframe.graph.weight": (st["weight"] or "").encode(),
                         b"pframe.graph.directed": b"true" if st["directed"] else b"false"})
            t = t.replace_schema_metadata(meta)
            _cached_graph(t, st)
            return t
        st = _graph_settings(edges, p)
        g = _cached_graph(edges, st)
        if s.type == "graph.pagerank":
            weighted = _bool(p.get("weighted"), st["weight"] is not None)
            return g.pagerank(alpha=float(p.get("alpha", 0.85)), tol=float(p.get("tol", 1e-6)),
                              max_iter=int(p.get("max_iter", 100)),
                              weight_column=st["weight"] if weighted else None).to_arrow()
        if s.type == "graph.bfs":
            depth = p.get("max_depth")
            return g.bfs(_vertex_ids(p["source"], g.string_ids), max_depth=int(depth) if depth is not None else None).to_arrow()
        if s.type == "graph.sssp":
            weighted = _bool(p.get("weighted"), True) and st["weight"] is not None
            algo = str(p.get("algorithm", "dijkstra"))
            return g.shortest_path(_vertex_ids(p["source"], g.string_ids), st["weight"] if weighted else None,
                                   algorithm=algo).to_arrow()
        if s.type == "graph.components":
            return g.connected_components("strong" if _bool(p.get("strong"), False) else "weak").to_arrow()
        raise _StepError(f"unknown step type '{s.type}'")

    def _command(self, s: _Step, tok: _AttemptToken, rec: StepResult) -> None:
        p = s.params
        argv = ["/bin/sh", "-c", str(p["shell"])] if "shell" in p else [str(a) for a in p.get("args") or []]
        env = dict(os.environ)
        env.update({str(k): _scalar_text(v) for k, v in (p.get("env") or {}).items()})
        cwd = os.path.join(self.d.work_dir, str(p["cwd"])) if p.get("cwd") else self.d.work_dir
        grace = float(p.get("grace_period", 2))
        try:
            proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            raise _StepError(f"I/O error: cannot start '{argv[0]}': {exc}") from None
        box: dict[str, bytes] = {}

        def drain(name: str, stream: Any) -> None:
            box[name] = stream.read()

        readers = [threading.Thread(target=drain, args=(n, st), daemon=True)
                   for n, st in (("stdout", proc.stdout), ("stderr", proc.stderr))]
        for t in readers:
            t.start()
        killed_for = None
        while proc.poll() is None:
            if tok.cancelled and killed_for is None:
                killed_for = tok.reason
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except OSError:
                    pass
                try:
                    proc.wait(grace)
                except subprocess.TimeoutExpired:
                    try:
                        os.killpg(proc.pid, signal.SIGKILL)
                    except OSError:
                        pass
                break
            time.sleep(0.005)
        proc.wait()
        for t in readers:
            t.join()
        limit = 64 * 1024
        rec.stdout = box.get("stdout", b"")[-limit:].decode("utf-8", "replace")
        rec.stderr = box.get("stderr", b"")[-limit:].decode("utf-8", "replace")
        rc = proc.returncode
        rec.exit = f"exited with status {rc}" if rc >= 0 else f"killed by signal {-rc}"
        if killed_for is not None:
            raise _StepCancelled(f"{killed_for}; command terminated ({rec.exit})")
        if rc != 0:
            raise _StepError(f"I/O error: command '{argv[0]}' {rec.exit}")
