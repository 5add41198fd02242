"""Graphs: ``GraphFrame`` over the native CSR graph core, with a pure-Python fallback.

A :class:`GraphFrame` is an immutable directed or undirected graph in compressed
sparse row form. Build one from edge arrays (:meth:`GraphFrame.from_edges`), from
an edge table (:meth:`GraphFrame.from_frame`) or from a graph directory written by
:meth:`GraphFrame.write` (:func:`read_graph`). Algorithms return :class:`Frame`
results whose vertex columns hold the *original* vertex ids:

========================  ===================================================
method                    columns
========================  ===================================================
``bfs``                   vertex, distance (int64, null unreached), predecessor
``dfs``                   vertex, order, predecessor (visited vertices, pre-order)
``pagerank``              vertex, rank
``shortest_path``         vertex, distance (float64, null unreached), predecessor
``connected_components``  vertex, component_id (smallest vertex id of the component)
``degree``                vertex, degree
``neighbors``             neighbor[, weight]
========================  ===================================================

Vertex ids: integer ids that are exactly ``0 .. max`` (or any ids in
``[0, num_vertices)`` when ``num_vertices`` is given) are the vertex indices;
other integer ids and string ids are mapped through their sorted order, so the
vertex column is sorted. An undirected edge ``{u, v}`` is stored in both rows
(a self-loop once); parallel edges are kept.

Deterministic tie-breaking (the same on both backends and for any thread count):

* BFS predecessor of ``v`` at distance ``d``: the first in-neighbour of ``v`` at
  distance ``d - 1`` in in-adjacency order (directed: ascending vertex index;
  undirected: the vertex's row, i.e. input edge order).
* DFS: neighbours are tried in input edge order (``networkx.dfs_preorder_nodes``).
* Shortest-path predecessor: among tight edges ``u -> v`` (``dist[u] + w == dist[v]``)
  with ``u`` one hop closer on a tight path, the smallest ``u``.

The native backend runs when the library is loaded, has the graph capability and
``swift_graph_enabled`` is true (``PARQUETFRAME_DISABLE_SWIFT_GRAPH`` unset); the
fallback (numpy, plus scipy for components when installed) gives identical
results (PageRank equal to rounding, about 1e-15). Every operation logs its backend
(``graph.bfs: backend=swift``).
"""

from __future__ import annotations

import ctypes
import heapq
import json
import math
import os
import tempfile
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from . import _native
from ._logging import log_backend
from .backends import PYARROW, SWIFT, resolve
from .errors import InvalidArgumentError, UnsupportedError
from .frame import Frame

__all__ = ["GraphFrame", "read_graph"]

PYTHON = "python"
_SETTING = "swift_graph_enabled"
_FORMAT = "parquetframe.graph"
_i32, _i64, _ptr, _dbl = ctypes.c_int32, ctypes.c_int64, ctypes.c_void_p, ctypes.c_double
_P = ctypes.POINTER

_GRAPH_SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "pf_graph_from_edges_i64": (_i32, [_ptr, _ptr, _i64, _ptr, _i64, _i32, _P(_ptr)]),
    "pf_graph_from_table": (_i32, [_ptr, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, _i32, _P(_ptr)]),
    "pf_graph_free": (None, [_ptr]),
    "pf_graph_num_vertices": (_i64, [_ptr]),
    "pf_graph_num_edges": (_i64, [_ptr]),
    "pf_graph_is_directed": (_i32, [_ptr]),
    "pf_graph_is_weighted": (_i32, [_ptr]),
    "pf_graph_id_type": (_i32, [_ptr]),
    "pf_graph_vertices": (_i32, [_ptr, _P(_ptr)]),
    "pf_graph_bfs": (_i32, [_ptr, _ptr, _i64, _i64, _P(_ptr)]),
    "pf_graph_dfs": (_i32, [_ptr, _i64, _i64, _P(_ptr)]),
    "pf_graph_pagerank": (_i32, [_ptr, _dbl, _dbl, _i64, _i32, _ptr, _P(_ptr), _P(_i64), _P(_i32)]),
    "pf_graph_sssp": (_i32, [_ptr, _ptr, _i64, _i32, _i32, _P(_ptr)]),
    "pf_graph_components": (_i32, [_ptr, _i32, _P(_ptr)]),
    "pf_graph_degree": (_i32, [_ptr, _i32, _P(_ptr)]),
    "pf_graph_neighbors": (_i32, [_ptr, _i64, _P(_ptr)]),
    "pf_graph_has_edge": (_i32, [_ptr, _i64, _i64, _P(_i32)]),
    "pf_graph_adjacency": (_i32, [_ptr, _i32, _P(_ptr), _P(_ptr), _P(_i32), _P(_ptr), _P(_i64), _P(_i64)]),
    "pf_graph_summary": (_i32, [_ptr, _P(_ptr)]),
}


def _graph_lib() -> tuple[Any, dict[str, Any]] | None:
    """The native library with the graph functions declared, or None when unusable."""
    return _native.bind("graph", _native.CAP_GRAPH, _GRAPH_SIGNATURES)


def _choose_backend(backend: str | None) -> str:
    """``swift`` or ``python`` for a new graph."""
    if backend == PYTHON:
        backend = PYARROW
    chosen = resolve(backend, _SETTING)
    if chosen == SWIFT and _graph_lib() is None:
        if backend == SWIFT:
            raise UnsupportedError("the native library has no graph functions")
        return PYTHON
    return SWIFT if chosen == SWIFT else PYTHON


# --- input conversion ---------------------------------------------------------------------


def _is_string_type(t: pa.DataType) -> bool:
    return pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)


def _as_id_array(values: Any, name: str) -> np.ndarray | pa.Array:
    """Integer ids as a contiguous int64 numpy array (no copy when already one), or
    string ids as a pyarrow string array."""
    if isinstance(values, (pa.ChunkedArray, pa.Array)):
        arr = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
        if arr.null_count:
            raise InvalidArgumentError(f"{name} has a null at index {arr.is_null().index(True).as_py()}: "
                                       "vertex ids must not be null")
        if _is_string_type(arr.type):
            return arr.cast(pa.large_utf8())
        if not pa.types.is_integer(arr.type):
            raise TypeError(f"{name} must hold integers or strings, got {arr.type}")
        values = arr.to_numpy(zero_copy_only=False)
    if isinstance(values, str) or not hasattr(values, "__len__") and not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a sequence of vertex ids, got {type(values).__name__}")
    arr = values if isinstance(values, np.ndarray) else np.asarray(list(values) if not hasattr(values, "__len__") else values)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.dtype.kind in "US" or (arr.dtype == object and arr.size and all(isinstance(x, str) for x in arr)):
        return pa.array(arr.tolist(), type=pa.large_utf8())
    if arr.size == 0:
        return np.zeros(0, dtype=np.int64)
    if arr.dtype.kind == "b" or arr.dtype.kind not in "iu":
        if arr.dtype == object and all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in arr):
            try:
                return np.asarray(arr.tolist(), dtype=np.int64)
            except OverflowError:
                raise InvalidArgumentError(f"{name} holds an id that does not fit in int64") from None
        raise TypeError(f"{name} must hold integers or strings, got dtype {arr.dtype}")
    if arr.dtype == np.uint64 and arr.size and int(arr.max()) > np.iinfo(np.int64).max:
        i = int(np.argmax(arr > np.iinfo(np.int64).max))
        raise InvalidArgumentError(f"{name} id at index {i} is {int(arr[i])}: does not fit in int64")
    return np.ascontiguousarray(arr, dtype=np.int64)


def _as_weights(values: Any, n: int) -> np.ndarray:
    if isinstance(values, (pa.ChunkedArray, pa.Array)):
        if values.null_count:
            raise InvalidArgumentError("edge_weights has a null: edge weights must not be null")
        values = values.to_numpy(zero_copy_only=False)
    try:
        w = np.ascontiguousarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"edge_weights must be numbers: {exc}") from None
    if w.ndim != 1:
        raise ValueError(f"edge_weights must be one-dimensional, got shape {w.shape}")
    if w.size != n:
        raise InvalidArgumentError(f"edge_weights has {w.size} values but there are {n} edges")
    bad = ~np.isfinite(w)
    if bad.any():
        i = int(np.argmax(bad))
        raise InvalidArgumentError(f"weight at index {i} is {w[i]}: weights must be finite")
    return w


def _check_int(value: Any, name: str, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


# --- the pure-Python graph ----------------------------------------------------------------


class _PyGraph:
    """CSR graph in numpy arrays, built exactly like the Swift builder."""

    def __init__(self, src: Any, dst: Any, weights: np.ndarray | None, directed: bool,
                 num_vertices: int | None) -> None:
        self.directed = directed
        if isinstance(src, pa.Array) or isinstance(dst, pa.Array):
            if not (isinstance(src, pa.Array) and isinstance(dst, pa.Array)):
                raise InvalidArgumentError("sources and targets must both hold integers or both strings")
            if num_vertices is not None:
                raise InvalidArgumentError("num_vertices applies to integer ids only")
            s_list, d_list = src.to_pylist(), dst.to_pylist()
            keys = sorted(set(s_list) | set(d_list))
            index = {k: i for i, k in enumerate(keys)}
            s = np.fromiter((index[x] for x in s_list), dtype=np.int64, count=len(s_list))
            d = np.fromiter((index[x] for x in d_list), dtype=np.int64, count=len(d_list))
            self.keys: np.ndarray | list | None = keys
            self.string_ids = True
            self._index = index
        else:
            self.string_ids = False
            self._index = None
            s, d, self.keys = self._dense(src, dst, num_vertices)
        V = len(self.keys) if self.keys is not None else self._V
        E = s.size
        self.V, self.E = V, E
        self.self_loops = int(np.count_nonzero(s == d))
        if directed:
            rows, cols, eidx = s, d, np.arange(E, dtype=np.int64)
        else:
            rows = np.stack([s, d], axis=1).ravel()
            cols = np.stack([d, s], axis=1).ravel()
            eidx = np.repeat(np.arange(E, dtype=np.int64), 2)
            keep = np.ones(2 * E, dtype=bool)
            keep[1::2] = s != d
            rows, cols, eidx = rows[keep], cols[keep], eidx[keep]
        itype = np.uint32 if V < 2**32 else np.int64
        order = np.argsort(rows, kind="stable")
        self.indptr = np.zeros(V + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=V), out=self.indptr[1:])
        self.indices = cols[order].astype(itype)
        self.weights = None if weights is None else weights[eidx[order]]
        self._in: tuple | None = None
        for a in (self.indptr, self.indices, self.weights):
            if a is not None:
                a.setflags(write=False)

    def _dense(self, s: np.ndarray, d: np.ndarray, n: int | None):
        if s.size != d.size:
            raise InvalidArgumentError(f"sources has {s.size} values but targets has {d.size}")
        if n is not None:
            if n < 0:
                raise InvalidArgumentError(f"numVertices must be >= 0, got {n}")
            for arr, what in ((s, "source"), (d, "target")):
                bad = (arr < 0) | (arr >= n)
                if bad.any():
                    i = int(np.argmax(bad))
                    v = int(arr[i])
                    if v < 0:
                        raise InvalidArgumentError(f"{what} id at index {i} is {v}: ids must be non-negative")
                    raise InvalidArgumentError(f"{what} id at index {i} is {v}: ids must be < numVertices ({n})")
            self._V = n
            return s, d, None
        if s.size == 0:
            self._V = 0
            return s, d, None
        both = np.concatenate([s, d])
        lo, hi = int(both.min()), int(both.max())
        if lo >= 0 and hi < both.size:
            present = np.zeros(hi + 1, dtype=bool)
            present[both] = True
            if present.all():
                self._V = hi + 1
                return s, d, None
        keys = np.unique(both)
        return np.searchsorted(keys, s), np.searchsorted(keys, d), keys

    # ids

    def index_of(self, v: Any) -> int:
        if self.string_ids:
            if not isinstance(v, str):
                raise InvalidArgumentError(f"vertex {v!r} is an integer but the graph has string ids")
            if v not in self._index:
                raise InvalidArgumentError(f"vertex '{v}' is not in the graph")
            return self._index[v]
        if isinstance(v, str):
            raise InvalidArgumentError(f"vertex '{v}' is a string but the graph has integer ids")
        v = _check_int(v, "vertex")
        if self.keys is None:
            if not 0 <= v < self.V:
                raise InvalidArgumentError(f"vertex {v} is not in the graph (ids 0..<{self.V})")
            return v
        i = int(np.searchsorted(self.keys, v))
        if i >= self.V or self.keys[i] != v:
            raise InvalidArgumentError(f"vertex {v} is not in the graph")
        return i

    def id_array(self, idx: np.ndarray) -> pa.Array:
        """Original ids of dense indices; negative indices become nulls."""
        idx = np.asarray(idx, dtype=np.int64)
        mask = idx < 0
        safe = np.where(mask, 0, idx)
        if self.string_ids:
            keys = pa.array(self.keys, type=pa.utf8())
            return keys.take(pa.array(safe, mask=mask if mask.any() else None))
        vals = safe if self.keys is None else (self.keys[safe] if self.V else safe)
        return pa.array(vals, type=pa.int64(), mask=mask if mask.any() else None)

    def vertex_array(self) -> pa.Array:
        return self.id_array(np.arange(self.V, dtype=np.int64))

    # adjacency

    def rows(self) -> np.ndarray:
        return np.repeat(np.arange(self.V, dtype=np.int64), np.diff(self.indptr))

    def incoming(self) -> tuple:
        if not self.directed:
            return self.indptr, self.indices, self.weights
        if self._in is None:
            rows = self.rows()
            order = np.argsort(self.indices, kind="stable")
            indptr = np.zeros(self.V + 1, dtype=np.int64)
            np.cumsum(np.bincount(self.indices.astype(np.int64), minlength=self.V), out=indptr[1:])
            indices = rows[order].astype(self.indices.dtype)
            weights = None if self.weights is None else self.weights[order]
            for a in (indptr, indices, weights):
                if a is not None:
                    a.setflags(write=False)
            self._in = (indptr, indices, weights)
        return self._in

    # kernels

    def bfs(self, sources: list[int], max_depth: int | None):
        V = self.V
        dist = np.full(V, -1, dtype=np.int64)
        src = np.unique(np.asarray(sources, dtype=np.int64))
        dist[src] = 0
        frontier, depth = src, 0
        limit = math.inf if max_depth is None else max_depth
        ind = self.indices.astype(np.int64)
        while frontier.size and depth < limit:
            starts, ends = self.indptr[frontier], self.indptr[frontier + 1]
            counts = ends - starts
            total = int(counts.sum())
            if total == 0:
                break
            pos = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)
            nb = ind[pos]
            nb = np.unique(nb[dist[nb] == -1])
            if nb.size == 0:
                break
            depth += 1
            dist[nb] = depth
            frontier = nb
        pred = np.full(V, -1, dtype=np.int64)
        iptr, iind, _ = self.incoming()
        vrow = np.repeat(np.arange(V, dtype=np.int64), np.diff(iptr))
        u = iind.astype(np.int64)
        ok = (dist[vrow] > 0) & (dist[u] == dist[vrow] - 1)
        qv, qu = vrow[ok], u[ok]
        if qv.size:
            first_v, first = np.unique(qv, return_index=True)
            pred[first_v] = qu[first]
        return dist, pred

    def dfs(self, source: int, max_depth: int | None):
        indptr, ind = self.indptr.tolist(), self.indices.tolist()
        V = self.V
        depth = [-1] * V
        pred = [-1] * V
        order = [source]
        depth[source] = 0
        limit = math.inf if max_depth is None else max_depth
        if limit > 0:
            stack_v, stack_p = [source], [indptr[source]]
            while stack_v:
                top = len(stack_v) - 1
                u = stack_v[top]
                p, e = stack_p[top], indptr[u + 1]
                pushed = False
                while p < e:
                    v = ind[p]
                    p += 1
                    if depth[v] < 0:
                        stack_p[top] = p
                        depth[v] = top + 1
                        pred[v] = u
                        order.append(v)
                        if top + 1 < limit:
                            stack_v.append(v)
                            stack_p.append(indptr[v])
                        pushed = True
                        break
                if not pushed:
                    stack_v.pop()
                    stack_p.pop()
        order_arr = np.asarray(order, dtype=np.int64)
        return order_arr, np.asarray(pred, dtype=np.int64)[order_arr]

    def first_negative_weight(self):
        if self.weights is None:
            return None
        neg = self.weights < 0
        if not neg.any():
            return None
        i = int(np.argmax(neg))
        return int(self.rows()[i]), int(self.indices[i]), float(self.weights[i])

    def pagerank(self, alpha, tol, max_iter, weighted, personalization):
        V = self.V
        if not 0 <= alpha <= 1:
            raise InvalidArgumentError(f"alpha must be in [0, 1], got {alpha}")
        if not (tol >= 0 and math.isfinite(tol)):
            raise InvalidArgumentError(f"tolerance must be finite and >= 0, got {tol}")
        if V == 0:
            return np.zeros(0), 0, True
        if personalization is None:
            p = np.full(V, 1.0 / V)
        else:
            p = np.asarray(personalization, dtype=np.float64)
            bad = ~(np.isfinite(p) & (p >= 0))
            if bad.any():
                i = int(np.argmax(bad))
                raise InvalidArgumentError(f"personalization value at index {i} is {p[i]}: must be finite and >= 0")
            if not p.sum() > 0:
                raise InvalidArgumentError("personalization must have a positive sum")
            p = p / p.sum()
        use_w = weighted and self.weights is not None
        if use_w:
            bad = self.first_negative_weight()
            if bad:
                raise InvalidArgumentError(
                    f"PageRank needs non-negative weights; edge {bad[0]} -> {bad[1]} has weight {bad[2]}")
        rows = self.rows()
        w = self.weights if use_w else np.ones(self.indices.size)
        out_w = np.bincount(rows, weights=w, minlength=V)
        inv = np.zeros(V)
        np.divide(1.0, out_w, out=inv, where=out_w > 0)
        dangling_mask = inv == 0
        cols = self.indices.astype(np.int64)
        x = np.full(V, 1.0 / V)
        iterations, converged = 0, False
        while iterations < max_iter:
            iterations += 1
            contrib = x * inv
            dangling = x[dangling_mask].sum()
            s = np.bincount(cols, weights=contrib[rows] * w, minlength=V)
            nxt = alpha * (s + dangling * p) + (1 - alpha) * p
            err = np.abs(nxt - x).sum()
            x = nxt
            if err < V * tol:
                converged = True
                break
        return x, iterations, converged

    def sssp(self, sources: list[int], weighted: bool):
        V = self.V
        use_w = weighted and self.weights is not None
        if use_w:
            bad = self.first_negative_weight()
            if bad:
                raise InvalidArgumentError(
                    f"shortest paths need non-negative weights; edge {bad[0]} -> {bad[1]} has weight {bad[2]}")
            indptr, ind, wl = self.indptr.tolist(), self.indices.tolist(), self.weights.tolist()
            dl = [math.inf] * V
            heap: list = []
            for s in sources:
                if dl[s] != 0:
                    dl[s] = 0.0
                    heap.append((0.0, s))
            heapq.heapify(heap)
            while heap:
                du, u = heapq.heappop(heap)
                if du > dl[u]:
                    continue
                for i in range(indptr[u], indptr[u + 1]):
                    v = ind[i]
                    nd = du + wl[i]
                    if nd < dl[v]:
                        dl[v] = nd
                        heapq.heappush(heap, (nd, v))
            dist = np.asarray(dl, dtype=np.float64)
            w = self.weights
        else:
            hops, _ = self.bfs(sources, None)
            dist = np.where(hops < 0, np.inf, hops.astype(np.float64))
            w = np.ones(self.indices.size)
        # Predecessors: the smallest tight in-neighbour one hop closer on a tight path.
        rows, cols = self.rows(), self.indices.astype(np.int64)
        with np.errstate(invalid="ignore"):
            tight = np.isfinite(dist[rows]) & (dist[rows] + w == dist[cols])
        tr, tc = rows[tight], cols[tight]
        order = np.argsort(tr, kind="stable")
        tr, tc = tr[order], tc[order]
        tptr = np.zeros(V + 1, dtype=np.int64)
        np.cumsum(np.bincount(tr, minlength=V), out=tptr[1:])
        hops = np.full(V, -1, dtype=np.int64)
        frontier = np.unique(np.asarray(sources, dtype=np.int64))
        hops[frontier] = 0
        h = 0
        while frontier.size:
            starts, ends = tptr[frontier], tptr[frontier + 1]
            counts = ends - starts
            total = int(counts.sum())
            if total == 0:
                break
            pos = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)
            nb = tc[pos]
            nb = np.unique(nb[hops[nb] < 0])
            h += 1
            hops[nb] = h
            frontier = nb
        pred = np.full(V, -1, dtype=np.int64)
        ok = (hops[tc] > 0) & (hops[tr] == hops[tc] - 1)
        if ok.any():
            best = np.full(V, np.iinfo(np.int64).max, dtype=np.int64)
            np.minimum.at(best, tc[ok], tr[ok])
            has = best != np.iinfo(np.int64).max
            pred[has] = best[has]
        return dist, pred

    def components(self, strong: bool) -> np.ndarray:
        V = self.V
        if V == 0:
            return np.zeros(0, dtype=np.int64)
        try:
            from scipy.sparse import csr_array
            from scipy.sparse.csgraph import connected_components
        except ImportError:  # pragma: no cover - scipy is a dev requirement
            return self._components_python(strong)
        m = csr_array((np.ones(self.indices.size, dtype=np.int8), self.indices.astype(np.int64), self.indptr),
                      shape=(V, V))
        _, labels = connected_components(m, directed=True, connection="strong" if strong else "weak")
        smallest = np.full(labels.max() + 1, V, dtype=np.int64)
        np.minimum.at(smallest, labels, np.arange(V, dtype=np.int64))
        return smallest[labels]

    def _components_python(self, strong: bool) -> np.ndarray:
        V, indptr, ind = self.V, self.indptr.tolist(), self.indices.tolist()
        if not strong or not self.directed:
            parent = list(range(V))

            def find(x: int) -> int:
                while parent[x] != x:
                    parent[x] = parent[parent[x]]
                    x = parent[x]
                return x

            for u in range(V):
                for i in range(indptr[u], indptr[u + 1]):
                    a, b = find(u), find(ind[i])
                    if a != b:
                        parent[max(a, b)] = min(a, b)
            return np.asarray([find(v) for v in range(V)], dtype=np.int64)
        index, low, on, comp = [-1] * V, [0] * V, [False] * V, [-1] * V
        stack, counter, mins = [], 0, []
        for root in range(V):
            if index[root] >= 0:
                continue
            call = [(root, indptr[root])]
            index[root] = low[root] = counter
            counter += 1
            stack.append(root)
            on[root] = True
            while call:
                v, p = call[-1]
                if p < indptr[v + 1]:
                    call[-1] = (v, p + 1)
                    w = ind[p]
                    if index[w] < 0:
                        index[w] = low[w] = counter
                        counter += 1
                        stack.append(w)
                        on[w] = True
                        call.append((w, indptr[w]))
                    elif on[w]:
                        low[v] = min(low[v], index[w])
                    continue
                call.pop()
                if call:
                    low[call[-1][0]] = min(low[call[-1][0]], low[v])
                if low[v] == index[v]:
                    m = V
                    while True:
                        w = stack.pop()
                        on[w] = False
                        comp[w] = len(mins)
                        m = min(m, w)
                        if w == v:
                            break
                    mins.append(m)
        return np.asarray([mins[c] for c in comp], dtype=np.int64)

    def degree(self, mode: int) -> np.ndarray:
        out = np.diff(self.indptr)
        if mode == 0:
            return out
        if mode == 1:
            return np.diff(self.incoming()[0])
        if self.directed:
            return out + np.diff(self.incoming()[0])
        rows = self.rows()
        loops = np.bincount(rows[rows == self.indices.astype(np.int64)], minlength=self.V)
        return out + loops


# --- GraphFrame ---------------------------------------------------------------------------


class _Adjacency:
    """Owner of zero-copy adjacency memory: numpy arrays built from it keep the graph alive."""

    def __init__(self, graph: GraphFrame, address: int, dtype: np.dtype, count: int) -> None:
        self._graph = graph
        self.__array_interface__ = {
            "shape": (count,),
            "typestr": np.dtype(dtype).str,
            "data": (address, True),
            "version": 3,
        }


class GraphFrame:
    """An immutable graph with its vertex ids; see the module documentation."""

    __slots__ = ("_handle", "_lib", "_py", "_directed", "_weight_column", "_edges", "_meta",
                 "_string_index", "_vertex_cache", "__weakref__")

    def __init__(self) -> None:
        raise TypeError("use GraphFrame.from_edges, GraphFrame.from_frame or read_graph")

    @classmethod
    def _new(cls, directed: bool, weight_column: str | None, edges: dict, meta: dict) -> GraphFrame:
        g = object.__new__(cls)
        g._handle, g._lib, g._py = None, None, None
        g._directed, g._weight_column, g._edges, g._meta = directed, weight_column, edges, meta
        g._string_index, g._vertex_cache = None, None
        return g

    # --- construction ---------------------------------------------------------------------

    @classmethod
    def from_edges(cls, sources: Any, targets: Any, num_vertices: int | None = None,
                   edge_weights: Any = None, directed: bool = True, *,
                   backend: str | None = None) -> GraphFrame:
        """Build a graph from edge arrays ``sources[i] -> targets[i]``.

        Args:
            sources, targets: lists, numpy arrays or pyarrow arrays of integer ids (or
                string ids). Contiguous int64 numpy arrays are read in place.
            num_vertices: integer ids only: vertices are ``0 .. num_vertices - 1`` (ids
                outside are errors; vertices without edges are isolated).
            edge_weights: optional finite float weights, one per edge.
            directed: directed (default) or undirected.
            backend: ``None`` (automatic), ``"swift"`` or ``"python"``.

        Raises:
            TypeError: ids that are neither integers nor strings.
            InvalidArgumentError: mismatched lengths, out-of-range ids, non-finite weights.
        """
        if not isinstance(directed, bool):
            raise TypeError(f"directed must be a bool, got {type(directed).__name__}")
        if num_vertices is not None:
            num_vertices = _check_int(num_vertices, "num_vertices")
        src, dst = _as_id_array(sources, "sources"), _as_id_array(targets, "targets")
        if len(src) != len(dst):
            raise InvalidArgumentError(f"sources has {len(src)} values but targets has {len(dst)}")
        weights = None if edge_weights is None else _as_weights(edge_weights, len(src))
        strings = isinstance(src, pa.Array) or isinstance(dst, pa.Array)
        if strings and not (isinstance(src, pa.Array) and isinstance(dst, pa.Array)):
            if len(src) == 0 or len(dst) == 0:
                src = pa.array([], pa.large_utf8()) if not isinstance(src, pa.Array) else src
                dst = pa.array([], pa.large_utf8()) if not isinstance(dst, pa.Array) else dst
            else:
                raise InvalidArgumentError("sources and targets must both hold integers or both strings")
        edges = {"src": src, "dst": dst, "weight": weights}
        meta = {"src": "src", "dst": "dst", "weight": "weight" if weights is not None else None,
                "num_vertices": num_vertices}
        g = cls._new(directed, meta["weight"], edges, meta)
        chosen = _choose_backend(backend)
        log_backend("graph.build", chosen)
        if chosen == SWIFT:
            lib, fns = _graph_lib()
            out = ctypes.c_void_p()
            if strings:
                if num_vertices is not None:
                    raise InvalidArgumentError("num_vertices applies to integer ids only")
                cols = {"src": src, "dst": dst}
                if weights is not None:
                    cols["weight"] = weights
                frame = Frame.from_arrow(pa.table(cols), backend=SWIFT)
                status = fns["pf_graph_from_table"](frame._handle, b"src", b"dst",
                                                    b"weight" if weights is not None else None,
                                                    int(directed), ctypes.byref(out))
            else:
                status = fns["pf_graph_from_edges_i64"](
                    src.ctypes.data, dst.ctypes.data, len(src),
                    weights.ctypes.data if weights is not None else None,
                    -1 if num_vertices is None else num_vertices, int(directed), ctypes.byref(out))
            lib.check(status, "graph.from_edges")
            g._handle, g._lib = out.value, (lib, fns)
        else:
            g._py = _PyGraph(src, dst, weights, directed, num_vertices)
        return g

    @classmethod
    def from_frame(cls, frame: Any, src: str = "src", dst: str = "dst", weight: str | None = None,
                   directed: bool = True, *, backend: str | None = None) -> GraphFrame:
        """Build a graph from an edge table (a :class:`Frame` or any Arrow table-like
        object) with id columns ``src`` and ``dst`` (integers or strings) and an
        optional numeric ``weight`` column.

        Raises:
            InvalidArgumentError: a missing column, nulls, non-finite weights, ids of
                different kinds.
        """
        for name, value in (("src", src), ("dst", dst)):
            if not isinstance(value, str):
                raise TypeError(f"{name} must be a column name (str), got {type(value).__name__}")
        if weight is not None and not isinstance(weight, str):
            raise TypeError(f"weight must be a column name (str) or None, got {type(weight).__name__}")
        if not isinstance(directed, bool):
            raise TypeError(f"directed must be a bool, got {type(directed).__name__}")
        if not isinstance(frame, Frame):
            frame = Frame.from_arrow(frame)
        names = frame.column_names
        for c in (src, dst, weight):
            if c is not None and c not in names:
                raise InvalidArgumentError(f"no column named '{c}' (columns: {', '.join(names)})")
        chosen = _choose_backend(backend)
        meta = {"src": src, "dst": dst, "weight": weight, "num_vertices": None}
        log_backend("graph.build", chosen)
        if chosen == SWIFT:
            if frame.backend != SWIFT:
                frame = Frame.from_arrow(frame.to_arrow(), backend=SWIFT)
            lib, fns = _graph_lib()
            out = ctypes.c_void_p()
            status = fns["pf_graph_from_table"](frame._handle, src.encode(), dst.encode(),
                                                weight.encode() if weight else None, int(directed),
                                                ctypes.byref(out))
            lib.check(status, "graph.from_frame")
            g = cls._new(directed, weight, {"frame": frame}, meta)
            g._handle, g._lib = out.value, (lib, fns)
            return g
        table = frame.to_arrow()
        s, d = _as_id_array(table.column(src), f"column '{src}'"), _as_id_array(table.column(dst), f"column '{dst}'")
        if isinstance(s, pa.Array) != isinstance(d, pa.Array):
            raise InvalidArgumentError(f"columns '{src}' and '{dst}' must both hold integers or both strings")
        w = None
        if weight is not None:
            col = table.column(weight)
            if not (pa.types.is_floating(col.type) or pa.types.is_integer(col.type)):
                raise InvalidArgumentError(f"column '{weight}' has type {col.type}: edge weights must be numbers")
            if col.null_count:
                raise InvalidArgumentError(f"column '{weight}' has a null: edge weights must not be null")
            w = _as_weights(col, len(s))
        g = cls._new(directed, weight, {"frame": frame}, meta)
        g._py = _PyGraph(s, d, w, directed, None)
        return g

    def __del__(self) -> None:
        handle, self._handle = getattr(self, "_handle", None), None
        if handle and self._lib is not None:
            self._lib[1]["pf_graph_free"](handle)

    # --- properties -----------------------------------------------------------------------

    @property
    def backend(self) -> str:
        """``"swift"`` or ``"python"``."""
        return SWIFT if self._handle is not None else PYTHON

    def _fn(self, name: str):
        return self._lib[1][name]

    def _check(self, status: int, op: str) -> None:
        self._lib[0].check(status, op)

    @property
    def num_vertices(self) -> int:
        """Number of vertices."""
        return int(self._fn("pf_graph_num_vertices")(self._handle)) if self._handle else self._py.V

    @property
    def num_edges(self) -> int:
        """Number of edges (an undirected edge counts once)."""
        return int(self._fn("pf_graph_num_edges")(self._handle)) if self._handle else self._py.E

    @property
    def directed(self) -> bool:
        """Whether the graph is directed."""
        return self._directed

    @property
    def weight_column(self) -> str | None:
        """Name of the edge-weight column (None when unweighted)."""
        return self._weight_column

    @property
    def is_weighted(self) -> bool:
        """Whether edge weights are stored."""
        return self._weight_column is not None

    @property
    def string_ids(self) -> bool:
        """Whether vertex ids are strings."""
        if self._handle:
            return int(self._fn("pf_graph_id_type")(self._handle)) == 2
        return self._py.string_ids

    def __repr__(self) -> str:
        kind = "directed" if self._directed else "undirected"
        w = f", weight={self._weight_column!r}" if self._weight_column else ""
        return f"GraphFrame({kind}, vertices={self.num_vertices}, edges={self.num_edges}{w}, backend={self.backend})"

    # --- helpers --------------------------------------------------------------------------

    def _frame(self, handle: int) -> Frame:
        return Frame._from_handle(handle, self._lib[0])

    def _vertices_native(self) -> pa.Array:
        if self._vertex_cache is None:
            out = ctypes.c_void_p()
            self._check(self._fn("pf_graph_vertices")(self._handle, ctypes.byref(out)), "graph.vertices")
            self._vertex_cache = self._frame(out.value).to_arrow().column("vertex").combine_chunks()
        return self._vertex_cache

    def _native_ids(self, vertices: Iterable[Any]) -> np.ndarray:
        """Vertex arguments of the C calls: int64 ids, or dense indices for string graphs."""
        vs = list(vertices)
        if self.string_ids:
            if self._string_index is None:
                self._string_index = {s: i for i, s in enumerate(self._vertices_native().to_pylist())}
            out = []
            for v in vs:
                if not isinstance(v, str):
                    raise InvalidArgumentError(f"vertex {v!r} is an integer but the graph has string ids")
                if v not in self._string_index:
                    raise InvalidArgumentError(f"vertex '{v}' is not in the graph")
                out.append(self._string_index[v])
            return np.asarray(out, dtype=np.int64)
        for v in vs:
            if isinstance(v, str):
                raise InvalidArgumentError(f"vertex '{v}' is a string but the graph has integer ids")
            _check_int(v, "vertex")
        return np.asarray(vs, dtype=np.int64)

    @staticmethod
    def _source_list(sources: Any) -> list:
        if isinstance(sources, (str, int, np.integer)) and not isinstance(sources, bool):
            return [sources]
        if isinstance(sources, (pa.Array, pa.ChunkedArray)):
            return sources.to_pylist()
        if isinstance(sources, np.ndarray):
            return sources.tolist()
        if isinstance(sources, Iterable):
            out = list(sources)
            if not out:
                raise ValueError("at least one source vertex is needed")
            return out
        raise TypeError(f"sources must be a vertex id or a sequence of ids, got {type(sources).__name__}")

    def _weighted(self, weight_column: str | None, op: str) -> bool:
        if weight_column is None:
            return False
        if not isinstance(weight_column, str):
            raise TypeError(f"weight_column must be a str or None, got {type(weight_column).__name__}")
        if weight_column != self._weight_column:
            have = f"'{self._weight_column}'" if self._weight_column else "no weights"
            raise InvalidArgumentError(f"{op}: the graph has {have}, not a weight column '{weight_column}'")
        return True

    @staticmethod
    def _depth(max_depth: int | None) -> int:
        return -1 if max_depth is None else _check_int(max_depth, "max_depth", 0)

    # --- algorithms -----------------------------------------------------------------------

    def bfs(self, sources: Any, max_depth: int | None = None) -> Frame:
        """Breadth-first search from one or several sources.

        Returns a Frame ``vertex, distance, predecessor`` with a row per vertex.
        """
        srcs = self._source_list(sources)
        depth = self._depth(max_depth)
        log_backend("graph.bfs", self.backend)
        if self._handle:
            ids = self._native_ids(srcs)
            out = ctypes.c_void_p()
            self._check(self._fn("pf_graph_bfs")(self._handle, ids.ctypes.data, len(ids), depth,
                                                 ctypes.byref(out)), "graph.bfs")
            return self._frame(out.value)
        py = self._py
        dist, pred = py.bfs([py.index_of(s) for s in srcs], None if depth < 0 else depth)
        return Frame._from_table(pa.table({
            "vertex": py.vertex_array(),
            "distance": pa.array(dist, type=pa.int64(), mask=dist < 0),
            "predecessor": py.id_array(pred),
        }))

    def dfs(self, source: Any, max_depth: int | None = None) -> Frame:
        """Depth-first search (pre-order) from ``source``.

        Returns a Frame ``vertex, order, predecessor`` with the visited vertices in
        discovery order.
        """
        depth = self._depth(max_depth)
        log_backend("graph.dfs", self.backend)
        if self._handle:
            (sid,) = self._native_ids([source])
            out = ctypes.c_void_p()
            self._check(self._fn("pf_graph_dfs")(self._handle, int(sid), depth, ctypes.byref(out)), "graph.dfs")
            return self._frame(out.value)
        py = self._py
        order, pred = py.dfs(py.index_of(source), None if depth < 0 else depth)
        return Frame._from_table(pa.table({
            "vertex": py.id_array(order),
            "order": pa.array(np.arange(order.size, dtype=np.int64)),
            "predecessor": py.id_array(pred),
        }))

    def _personalization(self, personalized: Any) -> np.ndarray | None:
        if personalized is None:
            return None
        V = self.num_vertices
        if isinstance(personalized, Mapping):
            vec = np.zeros(V)
            if self._handle:
                keys = list(personalized.keys())
                idx = self._native_ids(keys)
                if not self.string_ids:
                    verts = self._vertices_native().to_numpy()
                    pos = np.searchsorted(verts, idx)
                    for k, p in zip(keys, pos):
                        if p >= V or verts[p] != k:
                            raise InvalidArgumentError(f"vertex {k} is not in the graph")
                    idx = pos
                for i, k in zip(idx, keys):
                    vec[int(i)] = float(personalized[k])
            else:
                for k, val in personalized.items():
                    vec[self._py.index_of(k)] = float(val)
            return vec
        vec = np.ascontiguousarray(personalized, dtype=np.float64)
        if vec.shape != (V,):
            raise InvalidArgumentError(f"personalized has {vec.size} values for {V} vertices")
        return vec

    def pagerank(self, alpha: float = 0.85, tol: float = 1e-6, max_iter: int = 100,
                 weight_column: str | None = None, personalized: Any = None) -> Frame:
        """PageRank with ``networkx.pagerank`` semantics (``‖Δx‖₁ < N·tol``).

        Args:
            weight_column: None (every edge weighs 1) or the graph's weight column.
            personalized: None, a mapping ``{vertex: weight}`` or one value per vertex
                (vertex order); dangling rank is redistributed the same way.

        Returns a Frame ``vertex, rank``. Warns (``RuntimeWarning``) when ``max_iter``
        iterations did not converge.
        """
        max_iter = _check_int(max_iter, "max_iter", 0)
        alpha, tol = float(alpha), float(tol)
        weighted = self._weighted(weight_column, "pagerank")
        p = self._personalization(personalized)
        log_backend("graph.pagerank", self.backend)
        if self._handle:
            out, iters, conv = ctypes.c_void_p(), ctypes.c_int64(), ctypes.c_int32()
            self._check(self._fn("pf_graph_pagerank")(
                self._handle, alpha, tol, max_iter, int(weighted), p.ctypes.data if p is not None else None,
                ctypes.byref(out), ctypes.byref(iters), ctypes.byref(conv)), "graph.pagerank")
            result, iterations, converged = self._frame(out.value), iters.value, bool(conv.value)
        else:
            py = self._py
            x, iterations, converged = py.pagerank(alpha, tol, max_iter, weighted, p)
            result = Frame._from_table(pa.table({"vertex": py.vertex_array(), "rank": pa.array(x, pa.float64())}))
        if not converged:
            warnings.warn(f"pagerank did not converge in {iterations} iterations (tol={tol})",
                          RuntimeWarning, stacklevel=2)
        return result

    def shortest_path(self, sources: Any, weight_column: str | None = None, *,
                      algorithm: str = "dijkstra") -> Frame:
        """Shortest paths from the nearest of ``sources``.

        Args:
            weight_column: None (hop counts) or the graph's weight column (weights
                must be non-negative).
            algorithm: ``"dijkstra"`` or ``"delta"`` (delta-stepping; same result).

        Returns a Frame ``vertex, distance, predecessor`` (distance float64, null when
        unreachable).
        """
        srcs = self._source_list(sources)
        weighted = self._weighted(weight_column, "shortest_path")
        if algorithm not in ("dijkstra", "delta"):
            raise ValueError(f"algorithm must be 'dijkstra' or 'delta', got {algorithm!r}")
        log_backend("graph.sssp", self.backend)
        if self._handle:
            ids = self._native_ids(srcs)
            out = ctypes.c_void_p()
            self._check(self._fn("pf_graph_sssp")(self._handle, ids.ctypes.data, len(ids), int(weighted),
                                                  0 if algorithm == "dijkstra" else 1, ctypes.byref(out)),
                        "graph.sssp")
            return self._frame(out.value)
        py = self._py
        dist, pred = py.sssp([py.index_of(s) for s in srcs], weighted)
        unreached = ~np.isfinite(dist)
        return Frame._from_table(pa.table({
            "vertex": py.vertex_array(),
            "distance": pa.array(np.where(unreached, 0.0, dist), type=pa.float64(), mask=unreached),
            "predecessor": py.id_array(pred),
        }))

    def connected_components(self, method: str = "weak") -> Frame:
        """Weakly or strongly connected components.

        Returns a Frame ``vertex, component_id``; a component is named by its smallest
        vertex id.
        """
        if method not in ("weak", "strong"):
            raise ValueError(f"method must be 'weak' or 'strong', got {method!r}")
        log_backend("graph.components", self.backend)
        if self._handle:
            out = ctypes.c_void_p()
            self._check(self._fn("pf_graph_components")(self._handle, int(method == "strong"),
                                                        ctypes.byref(out)), "graph.components")
            return self._frame(out.value)
        py = self._py
        labels = py.components(method == "strong")
        return Frame._from_table(pa.table({"vertex": py.vertex_array(), "component_id": py.id_array(labels)}))

    def degree(self, mode: str = "out") -> Frame:
        """Vertex degrees: ``"out"``, ``"in"`` or ``"total"`` (networkx's degree: a
        self-loop counts twice on undirected graphs). Frame ``vertex, degree``."""
        modes = {"out": 0, "in": 1, "total": 2}
        if mode not in modes:
            raise ValueError(f"mode must be 'out', 'in' or 'total', got {mode!r}")
        log_backend("graph.degree", self.backend)
        if self._handle:
            out = ctypes.c_void_p()
            self._check(self._fn("pf_graph_degree")(self._handle, modes[mode], ctypes.byref(out)), "graph.degree")
            return self._frame(out.value)
        py = self._py
        return Frame._from_table(pa.table({"vertex": py.vertex_array(),
                                           "degree": pa.array(py.degree(modes[mode]), pa.int64())}))

    def neighbors(self, v: Any) -> Frame:
        """Out-neighbours of ``v`` in input edge order: Frame ``neighbor[, weight]``."""
        log_backend("graph.neighbors", self.backend)
        if self._handle:
            (vid,) = self._native_ids([v])
            out = ctypes.c_void_p()
            self._check(self._fn("pf_graph_neighbors")(self._handle, int(vid), ctypes.byref(out)),
                        "graph.neighbors")
            return self._frame(out.value)
        py = self._py
        i = py.index_of(v)
        lo, hi = int(py.indptr[i]), int(py.indptr[i + 1])
        cols = {"neighbor": py.id_array(py.indices[lo:hi].astype(np.int64))}
        if py.weights is not None:
            cols["weight"] = pa.array(py.weights[lo:hi], pa.float64())
        return Frame._from_table(pa.table(cols))

    def has_edge(self, u: Any, v: Any) -> bool:
        """Whether an edge ``u -> v`` exists (either direction when undirected)."""
        if self._handle:
            a, b = self._native_ids([u, v])
            out = ctypes.c_int32()
            self._check(self._fn("pf_graph_has_edge")(self._handle, int(a), int(b), ctypes.byref(out)),
                        "graph.has_edge")
            return bool(out.value)
        py = self._py
        i, j = py.index_of(u), py.index_of(v)
        return bool(np.any(py.indices[py.indptr[i]:py.indptr[i + 1]] == j))

    def vertices(self) -> pa.Array:
        """The vertex ids in vertex-index order (the order of every result's rows)."""
        return self._vertices_native() if self._handle else self._py.vertex_array()

    def summary(self) -> dict:
        """Summary statistics (vertices, edges, self-loops, multi-edges, degrees, ...)."""
        if self._handle:
            out = ctypes.c_void_p()
            self._check(self._fn("pf_graph_summary")(self._handle, ctypes.byref(out)), "graph.summary")
            return json.loads(self._lib[0].take_string(out.value))
        py = self._py
        deg = py.degree(0 if py.directed else 2)
        total = py.degree(2)
        rows, cols = py.rows(), py.indices.astype(np.int64)
        keep = slice(None) if py.directed else cols >= rows
        distinct = np.unique(np.stack([rows[keep], cols[keep]]), axis=1).shape[1] if rows.size else 0
        values, counts = np.unique(deg, return_counts=True)
        arrays = [py.indptr, py.indices, py.weights] + (list(py._in) if py._in is not None else [])
        return {"vertices": py.V, "edges": py.E, "directed": py.directed,
                "weighted": py.weights is not None, "weight_column": self._weight_column,
                "id_type": "string" if py.string_ids else ("dense" if py.keys is None else "int64"),
                "self_loops": py.self_loops, "multi_edges": py.E - int(distinct),
                "isolated": int(np.count_nonzero(total == 0)),
                "min_degree": int(deg.min()) if py.V else 0, "max_degree": int(deg.max()) if py.V else 0,
                "mean_degree": float(deg.sum() / py.V) if py.V else 0.0,
                "degree_kind": "out" if py.directed else "total",
                "bytes": int(sum(a.nbytes for a in arrays if a is not None)),
                "degree_histogram": [[int(v), int(c)] for v, c in zip(values, counts)]}

    # --- adjacency ------------------------------------------------------------------------

    def _adjacency(self, incoming: bool) -> tuple:
        if self._handle:
            offs, tgts, wts = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
            width, n_off, n_tgt = ctypes.c_int32(), ctypes.c_int64(), ctypes.c_int64()
            self._check(self._fn("pf_graph_adjacency")(
                self._handle, int(incoming), ctypes.byref(offs), ctypes.byref(tgts), ctypes.byref(width),
                ctypes.byref(wts), ctypes.byref(n_off), ctypes.byref(n_tgt)), "graph.adjacency")
            indptr = np.asarray(_Adjacency(self, offs.value, np.int64, n_off.value))
            indices = np.asarray(_Adjacency(self, tgts.value, np.uint32 if width.value == 4 else np.int64,
                                            n_tgt.value))
            weights = np.asarray(_Adjacency(self, wts.value, np.float64, n_tgt.value)) if wts.value else None
        else:
            indptr, indices, weights = self._py.incoming() if incoming else (
                self._py.indptr, self._py.indices, self._py.weights)
        log_backend("graph.adjacency", self.backend)
        return (indptr, indices) if weights is None else (indptr, indices, weights)

    def csr_adjacency(self) -> tuple:
        """``(indptr, indices[, weights])`` of the out-adjacency, without copying.

        Read-only numpy arrays over the graph's memory (they keep the graph alive):
        ``indptr`` int64 (V + 1), ``indices`` uint32 (int64 beyond 2^32 vertices) as
        dense vertex indices, ``weights`` float64 when weighted.
        """
        return self._adjacency(False)

    def csc_adjacency(self) -> tuple:
        """``(indptr, indices[, weights])`` of the in-adjacency (row ``v`` lists the
        sources of edges into ``v``, ascending), without copying. Built on first use for
        directed graphs; the CSR itself for undirected ones."""
        return self._adjacency(True)

    # --- persistence ----------------------------------------------------------------------

    def _edge_table(self) -> pa.Table:
        e = self._edges
        if "frame" in e:
            t = e["frame"].to_arrow()
            cols = [self._meta["src"], self._meta["dst"]] + ([self._meta["weight"]] if self._meta["weight"] else [])
            return t.select(cols)
        cols = {"src": e["src"], "dst": e["dst"]}
        if e["weight"] is not None:
            cols["weight"] = e["weight"]
        return pa.table(cols)

    def write(self, path: str | os.PathLike) -> None:
        """Write the graph as a directory: ``edges.parquet`` (the edges as given),
        ``vertices.parquet`` (column ``vertex``) and ``graph.json`` (metadata).
        Each file is written to a temporary name and renamed into place."""
        import pyarrow.parquet as pq

        root = Path(path)
        if root.exists() and not root.is_dir():
            raise InvalidArgumentError(f"'{root}' exists and is not a directory")
        root.mkdir(parents=True, exist_ok=True)
        meta = {"format": _FORMAT, "version": 1, "directed": self._directed, **self._meta,
                "num_vertices_total": self.num_vertices, "num_edges": self.num_edges,
                "string_ids": self.string_ids}

        def atomic(name: str, write) -> None:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=root)
            os.close(fd)
            try:
                write(tmp)
                os.replace(tmp, root / name)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

        atomic("edges.parquet", lambda p: pq.write_table(self._edge_table(), p))
        atomic("vertices.parquet", lambda p: pq.write_table(pa.table({"vertex": self.vertices()}), p))
        atomic("graph.json", lambda p: Path(p).write_text(json.dumps(meta, indent=2) + "\n"))
        log_backend("graph.write", "pyarrow")


def read_graph(path: str | os.PathLike, *, src: str = "src", dst: str = "dst", weight: str | None = None,
               directed: bool = True, backend: str | None = None) -> GraphFrame:
    """Read a graph directory written by :meth:`GraphFrame.write`, or an edge file
    (``.parquet``, ``.csv``) with columns ``src``, ``dst`` (and ``weight``)."""
    import pyarrow.parquet as pq

    root = Path(path)
    if root.is_dir():
        meta_path = root / "graph.json"
        if not meta_path.is_file():
            raise InvalidArgumentError(f"'{root}' is not a graph directory (no graph.json)")
        try:
            meta = json.loads(meta_path.read_text())
        except json.JSONDecodeError as exc:
            raise InvalidArgumentError(f"'{meta_path}': invalid JSON: {exc}") from None
        if meta.get("format") != _FORMAT:
            raise InvalidArgumentError(f"'{meta_path}' is not a ParquetFrame graph description")
        table = pq.read_table(root / "edges.parquet")
        if meta.get("num_vertices") is not None:
            w = meta.get("weight")
            return GraphFrame.from_edges(table.column(meta["src"]), table.column(meta["dst"]),
                                         num_vertices=int(meta["num_vertices"]),
                                         edge_weights=table.column(w) if w else None,
                                         directed=bool(meta["directed"]), backend=backend)
        return GraphFrame.from_frame(table, src=meta["src"], dst=meta["dst"], weight=meta.get("weight"),
                                     directed=bool(meta["directed"]), backend=backend)
    if not root.is_file():
        raise FileNotFoundError(f"no such file or directory: '{root}'")
    suffix = root.suffix.lower()
    if suffix in (".parquet", ".pqt"):
        table = pq.read_table(root)
    elif suffix in (".csv", ".tsv"):
        import pyarrow.csv as pcsv

        table = pcsv.read_csv(root, parse_options=pcsv.ParseOptions(delimiter="\t" if suffix == ".tsv" else ","))
    else:
        raise InvalidArgumentError(f"'{root}': expected a graph directory, .parquet or .csv file")
    return GraphFrame.from_frame(table, src=src, dst=dst, weight=weight, directed=directed, backend=backend)
