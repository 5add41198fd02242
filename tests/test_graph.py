"""GraphFrame: every method against networkx / scipy, native == fallback, zero-copy adjacency."""

from __future__ import annotations

import gc
import math

import networkx as nx
import numpy as np
import pyarrow as pa
import pytest
from conftest import NATIVE

import parquetframe as pf
from parquetframe import graph as pfgraph
from parquetframe.graph import GraphFrame, read_graph

GRAPH_NATIVE = NATIVE and pfgraph._graph_lib() is not None
requires_graph_native = pytest.mark.skipif(not GRAPH_NATIVE, reason="native library without graph functions")


@pytest.fixture(params=["swift", "python"])
def gbackend(request) -> str:
    if request.param == "swift" and not GRAPH_NATIVE:
        pytest.skip("native library without graph functions")
    return request.param


# --- seeded generators (numpy) ------------------------------------------------------------


def rmat(scale: int, edge_factor: int, seed: int, a=0.57, b=0.19, c=0.19):
    """Kronecker / R-MAT edges with dense ids 0 .. 2^scale - 1."""
    rng = np.random.default_rng(seed)
    n = (1 << scale) * edge_factor
    src = np.zeros(n, dtype=np.int64)
    dst = np.zeros(n, dtype=np.int64)
    for bit in range(scale):
        r = rng.random(n)
        down = r >= a + b            # quadrants C or D: source bit set
        right = ((r >= a) & (r < a + b)) | (r >= a + b + c)   # B or D: target bit set
        src |= down.astype(np.int64) << bit
        dst |= right.astype(np.int64) << bit
    return src, dst, 1 << scale


def uniform(V: int, E: int, seed: int):
    rng = np.random.default_rng(seed)
    return rng.integers(0, V, E), rng.integers(0, V, E), V


def grid(r: int, c: int):
    src, dst = [], []
    for i in range(r):
        for j in range(c):
            v = i * c + j
            if j + 1 < c:
                src.append(v); dst.append(v + 1)
            if i + 1 < r:
                src.append(v); dst.append(v + c)
    return np.array(src), np.array(dst), r * c


def path(n: int):
    return np.arange(n - 1), np.arange(1, n), n


def star(n: int):
    return np.zeros(n - 1, dtype=np.int64), np.arange(1, n), n


def complete(n: int):
    s, d = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    keep = s.ravel() != d.ravel()
    return s.ravel()[keep], d.ravel()[keep], n


def extras(shape, seed: int):
    """Add self-loops, multi-edges, isolated vertices and two extra components."""
    src, dst, V = shape
    rng = np.random.default_rng(seed)
    loops = rng.integers(0, V, 5)
    k = min(len(src), 7)
    multi = rng.integers(0, len(src), k) if len(src) else np.zeros(0, dtype=np.int64)
    comp2 = np.arange(V + 4, V + 8)
    comp3 = np.array([V + 9, V + 10])
    src = np.concatenate([src, loops, src[multi], comp2[:-1], comp3[:1]])
    dst = np.concatenate([dst, loops, dst[multi], comp2[1:], comp3[1:]])
    return src.astype(np.int64), dst.astype(np.int64), V + 12   # V..V+3, V+8, V+11 isolated


SHAPES = {
    "rmat": rmat(7, 6, seed=11),
    "uniform": uniform(120, 300, seed=3),
    "grid": grid(7, 9),
    "path": path(60),
    "star": star(40),
    "complete": complete(7),
}
CASES = [(name, plus) for name in SHAPES for plus in (False, True)]


def edges(name: str, plus: bool):
    shape = SHAPES[name]
    return extras(shape, seed=5) if plus else (shape[0].astype(np.int64), shape[1].astype(np.int64), shape[2])


def weights_for(n: int, seed: int, kind: str):
    rng = np.random.default_rng(seed)
    if kind == "int":
        return rng.integers(0, 4, n).astype(np.float64)   # many ties and zero weights
    return rng.random(n)


def nx_graph(src, dst, V, directed, w=None):
    G = nx.MultiDiGraph() if directed else nx.MultiGraph()
    G.add_nodes_from(range(V))
    for i, (u, v) in enumerate(zip(src.tolist(), dst.tolist())):
        if w is None:
            G.add_edge(u, v)
        else:
            G.add_edge(u, v, weight=float(w[i]))
    return G


def col(frame, name):
    return frame.to_arrow().column(name).to_pylist()


def in_lists(src, dst, V, directed):
    """In-neighbour lists in the kernels' documented order."""
    ins = [[] for _ in range(V)]
    if directed:
        order = np.argsort(src, kind="stable")
        for u, v in zip(src[order].tolist(), dst[order].tolist()):
            ins[v].append(u)
    else:
        for u, v in zip(src.tolist(), dst.tolist()):
            ins[u].append(v)
            if u != v:
                ins[v].append(u)
    return ins


# --- algorithms vs networkx ---------------------------------------------------------------


@pytest.mark.parametrize("name,plus", CASES)
@pytest.mark.parametrize("directed", [True, False])
def test_bfs_matches_networkx(gbackend, name, plus, directed):
    src, dst, V = edges(name, plus)
    g = GraphFrame.from_edges(src, dst, num_vertices=V, directed=directed, backend=gbackend)
    G = nx_graph(src, dst, V, directed)
    ins = in_lists(src, dst, V, directed)
    for sources, depth in (([0], None), ([0, V - 1], None), ([1], 2)):
        f = g.bfs(sources, max_depth=depth)
        assert f.column_names == ["vertex", "distance", "predecessor"]
        dist, pred = col(f, "distance"), col(f, "predecessor")
        lengths = nx.multi_source_dijkstra_path_length(nx.DiGraph(G) if directed else nx.Graph(G), set(sources),
                                                       weight=lambda u, v, d: 1)
        expected = [lengths.get(v) if depth is None or lengths.get(v, math.inf) <= depth else None
                    for v in range(V)]
        assert dist == expected
        for v in range(V):
            if dist[v] is None or dist[v] == 0:
                assert pred[v] is None
            else:
                assert pred[v] == next(u for u in ins[v] if dist[u] == dist[v] - 1)


@pytest.mark.parametrize("name,plus", CASES)
@pytest.mark.parametrize("directed", [True, False])
def test_dfs_matches_networkx(gbackend, name, plus, directed):
    src, dst, V = edges(name, plus)
    g = GraphFrame.from_edges(src, dst, num_vertices=V, directed=directed, backend=gbackend)
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(V))
    G.add_edges_from(zip(src.tolist(), dst.tolist()))
    for source, depth in ((0, None), (V - 1, None), (0, 3)):
        f = g.dfs(source, max_depth=depth)
        assert col(f, "vertex") == list(nx.dfs_preorder_nodes(G, source, depth_limit=depth))
        assert col(f, "order") == list(range(f.num_rows))
        preds = nx.dfs_predecessors(G, source, depth_limit=depth)
        assert col(f, "predecessor") == [preds.get(v) for v in col(f, "vertex")]


@pytest.mark.parametrize("name,plus", CASES)
@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
def test_pagerank_matches_networkx(gbackend, name, plus, directed, weighted):
    src, dst, V = edges(name, plus)
    w = weights_for(len(src), 1, "float") if weighted else None
    g = GraphFrame.from_edges(src, dst, num_vertices=V, edge_weights=w, directed=directed, backend=gbackend)
    G = nx_graph(src, dst, V, directed, w)
    ranks = np.array(col(g.pagerank(tol=1e-12, max_iter=1000, weight_column="weight" if weighted else None), "rank"))
    ref = nx.pagerank(G, alpha=0.85, tol=1e-12, max_iter=1000, weight="weight" if weighted else None)
    assert np.abs(ranks - np.array([ref[v] for v in range(V)])).sum() < 1e-9
    person = {v: float(v % 3) for v in range(V)}
    ranks = np.array(col(g.pagerank(alpha=0.7, tol=1e-12, max_iter=1000, personalized=person), "rank"))
    ref = nx.pagerank(G, alpha=0.7, tol=1e-12, max_iter=1000, personalization=person, weight=None)
    assert np.abs(ranks - np.array([ref[v] for v in range(V)])).sum() < 1e-9


def test_pagerank_warns_when_not_converged(gbackend):
    src, dst, V = SHAPES["rmat"]
    g = GraphFrame.from_edges(src, dst, backend=gbackend)
    with pytest.warns(RuntimeWarning, match="did not converge"):
        g.pagerank(tol=1e-15, max_iter=3)


def sssp_reference(src, dst, w, V, sources, directed):
    """Distances by networkx; predecessors by the documented tight-edge rule."""
    G = nx_graph(src, dst, V, directed, w)
    lengths = nx.multi_source_dijkstra_path_length(G, set(sources), weight="weight" if w is not None else
                                                   (lambda u, v, d: 1))
    dist = [float(lengths[v]) if v in lengths else math.inf for v in range(V)]
    ww = w if w is not None else np.ones(len(src))
    arcs = [(int(u), int(v), float(x)) for u, v, x in zip(src, dst, ww)]
    if not directed:
        arcs += [(v, u, x) for u, v, x in arcs if u != v]
    tight = [(u, v) for u, v, x in arcs if dist[u] != math.inf and dist[u] + x == dist[v]]
    hops = [-1] * V
    frontier = sorted(set(sources))
    for s in frontier:
        hops[s] = 0
    h = 0
    while frontier:
        nxt = sorted({v for u, v in tight if u in set(frontier) and hops[v] < 0})
        h += 1
        for v in nxt:
            hops[v] = h
        frontier = nxt
    pred = [None] * V
    for v in range(V):
        if hops[v] > 0:
            pred[v] = min(u for u, x in tight if x == v and hops[u] == hops[v] - 1)
    return [None if d == math.inf else d for d in dist], pred


@pytest.mark.parametrize("name,plus", CASES)
@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("wkind", [None, "float", "int"])
def test_shortest_path_matches_networkx(gbackend, name, plus, directed, wkind):
    src, dst, V = edges(name, plus)
    w = weights_for(len(src), 2, wkind) if wkind else None
    g = GraphFrame.from_edges(src, dst, num_vertices=V, edge_weights=w, directed=directed, backend=gbackend)
    for sources in ([0], [0, V // 2]):
        ref_dist, ref_pred = sssp_reference(src, dst, w, V, sources, directed)
        for algorithm in ("dijkstra", "delta"):
            f = g.shortest_path(sources, weight_column="weight" if w is not None else None, algorithm=algorithm)
            assert f.schema.field("distance").type == pa.float64()
            assert col(f, "distance") == ref_dist
            assert col(f, "predecessor") == ref_pred


@pytest.mark.parametrize("name,plus", CASES)
@pytest.mark.parametrize("directed", [True, False])
def test_components_and_degrees_match_networkx(gbackend, name, plus, directed):
    src, dst, V = edges(name, plus)
    g = GraphFrame.from_edges(src, dst, num_vertices=V, directed=directed, backend=gbackend)
    G = nx_graph(src, dst, V, directed)
    weak = nx.weakly_connected_components(G) if directed else nx.connected_components(G)
    strong = nx.strongly_connected_components(G) if directed else nx.connected_components(nx.Graph(G))
    for method, comps in (("weak", weak), ("strong", strong)):
        label = {}
        for c in comps:
            for v in c:
                label[v] = min(c)
        assert col(g.connected_components(method), "component_id") == [label[v] for v in range(V)]
    if directed:
        assert col(g.degree("out"), "degree") == [G.out_degree(v) for v in range(V)]
        assert col(g.degree("in"), "degree") == [G.in_degree(v) for v in range(V)]
    assert col(g.degree("total"), "degree") == [G.degree(v) for v in range(V)]
    for v in (0, V - 1):
        expected = [t for s, t in zip(src.tolist(), dst.tolist()) if s == v]
        if not directed:
            expected = [t if s == v else s for s, t in zip(src.tolist(), dst.tolist()) if v in (s, t)]
        assert col(g.neighbors(v), "neighbor") == expected
        for u in expected[:3]:
            assert g.has_edge(v, u)


# --- ids, input kinds ---------------------------------------------------------------------


def test_mapped_and_string_ids(gbackend):
    g = GraphFrame.from_edges(np.array([100, 7, 100]), np.array([7, 42, 42]), backend=gbackend)
    assert g.num_vertices == 3 and g.num_edges == 3
    f = g.bfs(100)
    assert col(f, "vertex") == [7, 42, 100]
    assert col(f, "distance") == [1, 1, 0]
    assert col(f, "predecessor") == [100, 100, None]
    assert col(g.connected_components(), "component_id") == [7, 7, 7]
    with pytest.raises(pf.InvalidArgumentError, match="not in the graph"):
        g.bfs(5)
    names = GraphFrame.from_edges(["b", "a", "c", "é"], ["c", "b", "é", "a"], edge_weights=[1, 2, 0.5, 1],
                                  backend=gbackend)
    f = names.shortest_path("a", weight_column="weight")
    assert f.schema.field("vertex").type == pa.utf8()
    assert col(f, "vertex") == ["a", "b", "c", "é"]
    assert col(f, "distance") == [0.0, 2.0, 3.0, 3.5]
    assert col(f, "predecessor") == [None, "a", "b", "c"]
    assert col(names.dfs("a"), "vertex") == ["a", "b", "c", "é"]
    assert col(names.neighbors("a"), "neighbor") == ["b"]
    with pytest.raises(pf.InvalidArgumentError, match="string"):
        names.bfs(0)


def test_input_kinds_and_from_frame(gbackend):
    src, dst, V = SHAPES["uniform"]
    ref = GraphFrame.from_edges(src, dst, num_vertices=V, backend=gbackend).bfs(0).to_arrow()
    for s, d in ((src.tolist(), dst.tolist()), (pa.array(src, pa.int32()), pa.chunked_array([dst[:50], dst[50:]])),
                 (src.astype(np.uint16), dst.astype(np.int8 if V < 128 else np.int16))):
        assert GraphFrame.from_edges(s, d, num_vertices=V, backend=gbackend).bfs(0).to_arrow().equals(ref)
    table = pa.table({"a": src, "b": dst, "w": np.ones(len(src))})
    g = GraphFrame.from_frame(pf.Frame(table), src="a", dst="b", weight="w", backend=gbackend)
    assert g.weight_column == "w" and g.is_weighted
    assert col(g.shortest_path(0, weight_column="w"), "distance")[:20] == \
        col(g.shortest_path(0), "distance")[:20]
    with pytest.raises(pf.InvalidArgumentError, match="no column"):
        GraphFrame.from_frame(table, src="nope", dst="b", backend=gbackend)
    with pytest.raises(pf.InvalidArgumentError):
        g.pagerank(weight_column="other")


def test_clear_errors(gbackend):
    with pytest.raises(ValueError, match="targets has"):
        GraphFrame.from_edges([0, 1], [1], backend=gbackend)
    with pytest.raises(ValueError, match="numVertices"):
        GraphFrame.from_edges([0, 5], [1, 2], num_vertices=3, backend=gbackend)
    with pytest.raises(ValueError, match="non-negative"):
        GraphFrame.from_edges([0, -1], [1, 2], num_vertices=3, backend=gbackend)
    with pytest.raises(ValueError, match="finite"):
        GraphFrame.from_edges([0, 1], [1, 2], edge_weights=[1.0, math.nan], backend=gbackend)
    with pytest.raises(ValueError, match="finite"):
        GraphFrame.from_edges([0, 1], [1, 2], edge_weights=[math.inf, 1.0], backend=gbackend)
    with pytest.raises(ValueError, match="edge_weights has"):
        GraphFrame.from_edges([0, 1], [1, 2], edge_weights=[1.0], backend=gbackend)
    with pytest.raises(TypeError):
        GraphFrame.from_edges([0.5, 1.0], [1, 2], backend=gbackend)
    with pytest.raises(ValueError, match="null"):
        GraphFrame.from_edges(pa.array([0, None]), [1, 2], backend=gbackend)
    g = GraphFrame.from_edges([0, 1], [1, 2], edge_weights=[1.0, -2.0], backend=gbackend)
    with pytest.raises(ValueError, match="non-negative"):
        g.shortest_path(0, weight_column="weight")
    assert col(g.shortest_path(0), "distance") == [0.0, 1.0, 2.0]   # hop counts ignore weights
    with pytest.raises(ValueError, match="not in the graph"):
        g.bfs(3)
    with pytest.raises(ValueError):
        g.bfs(0, max_depth=-2)
    with pytest.raises(ValueError):
        g.connected_components("medium")
    with pytest.raises(ValueError, match="personalized"):
        g.pagerank(personalized=[1.0, 2.0])
    with pytest.raises(TypeError):
        GraphFrame()


# --- native == fallback, threads, zero-copy ------------------------------------------------


@requires_graph_native
@pytest.mark.parametrize("name,plus", CASES)
@pytest.mark.parametrize("directed", [True, False])
def test_native_equals_fallback(name, plus, directed):
    src, dst, V = edges(name, plus)
    w = weights_for(len(src), 4, "int")
    gs = GraphFrame.from_edges(src, dst, num_vertices=V, edge_weights=w, directed=directed, backend="swift")
    gp = GraphFrame.from_edges(src, dst, num_vertices=V, edge_weights=w, directed=directed, backend="python")
    assert gs.backend == "swift" and gp.backend == "python"
    for method, args, kwargs in [
        ("bfs", ([0, V - 1],), {}), ("bfs", (1,), {"max_depth": 2}), ("dfs", (0,), {}), ("dfs", (V - 1,), {"max_depth": 4}),
        ("shortest_path", ([0],), {"weight_column": "weight"}), ("shortest_path", ([0, 3],), {}),
        ("connected_components", ("weak",), {}), ("connected_components", ("strong",), {}),
        ("degree", ("out",), {}), ("degree", ("in",), {}), ("degree", ("total",), {}), ("neighbors", (0,), {}),
    ]:
        a, b = getattr(gs, method)(*args, **kwargs).to_arrow(), getattr(gp, method)(*args, **kwargs).to_arrow()
        assert a.equals(b), (method, args, kwargs)
    ra = np.array(col(gs.pagerank(weight_column="weight", tol=1e-10, max_iter=1000), "rank"))
    rb = np.array(col(gp.pagerank(weight_column="weight", tol=1e-10, max_iter=1000), "rank"))
    assert np.abs(ra - rb).max() < 1e-14
    sa, sb = gs.summary(), gp.summary()
    assert {k: v for k, v in sa.items() if k != "bytes"} == {k: v for k, v in sb.items() if k != "bytes"}
    for a, b in zip(gs.csr_adjacency(), gp.csr_adjacency()):
        assert a.dtype == b.dtype and np.array_equal(a, b)
    for a, b in zip(gs.csc_adjacency(), gp.csc_adjacency()):
        assert a.dtype == b.dtype and np.array_equal(a, b)


@requires_graph_native
def test_results_independent_of_threads():
    src, dst, V = rmat(12, 8, seed=1)
    w = weights_for(len(src), 3, "float")
    results = []
    for threads in (1, 4):
        pf.set_config(swift_threads=threads)
        g = GraphFrame.from_edges(src, dst, num_vertices=V, edge_weights=w, backend="swift")
        results.append([g.bfs([0, 5]).to_arrow(), g.pagerank(weight_column="weight").to_arrow(),
                        g.shortest_path(0, weight_column="weight", algorithm="delta").to_arrow(),
                        g.connected_components().to_arrow(), g.csc_adjacency()[1].copy()])
    for a, b in zip(*results):
        assert (a.equals(b) if isinstance(a, pa.Table) else np.array_equal(a, b))


@requires_graph_native
def test_adjacency_is_zero_copy():
    src, dst, V = SHAPES["grid"]
    g = GraphFrame.from_edges(src, dst, edge_weights=np.arange(len(src), dtype=np.float64), backend="swift")
    a, b = g.csr_adjacency(), g.csr_adjacency()
    for x, y in zip(a, b):
        assert x.__array_interface__["data"][0] == y.__array_interface__["data"][0]
        assert not x.flags.writeable
        assert x.__array_interface__["data"][0] % 64 == 0
    c1, c2 = g.csc_adjacency(), g.csc_adjacency()
    assert c1[1].__array_interface__["data"][0] == c2[1].__array_interface__["data"][0]
    indptr, indices, weights = a
    assert indptr.dtype == np.int64 and indices.dtype == np.uint32 and weights.dtype == np.float64
    from scipy.sparse import csr_array
    m = csr_array((weights, indices.astype(np.int64), indptr), shape=(V, V))
    assert m.nnz == len(src) and m.sum() == np.arange(len(src)).sum()
    del g, b, c1, c2
    gc.collect()
    assert indptr[-1] == len(src) and int(indices[0]) == 1    # the arrays keep the graph alive
    u = GraphFrame.from_edges(src, dst, directed=False, backend="swift")
    assert u.csr_adjacency()[1].__array_interface__["data"][0] == u.csc_adjacency()[1].__array_interface__["data"][0]


@requires_graph_native
def test_from_edges_reads_numpy_in_place():
    src, dst, V = SHAPES["path"]
    s, d = np.ascontiguousarray(src, dtype=np.int64), np.ascontiguousarray(dst, dtype=np.int64)
    assert pfgraph._as_id_array(s, "sources") is s        # no conversion copy
    g = GraphFrame.from_edges(s, d, backend="swift")
    assert g.num_vertices == V


def test_config_selects_backend():
    if GRAPH_NATIVE:
        assert GraphFrame.from_edges([0], [1]).backend == "swift"
    pf.set_config(swift_graph_enabled=False)
    assert GraphFrame.from_edges([0], [1]).backend == "python"


def test_write_and_read_graph(gbackend, tmp_path):
    src, dst, V = extras(SHAPES["star"], seed=2)
    w = weights_for(len(src), 5, "float")
    g = GraphFrame.from_edges(src, dst, num_vertices=V + 3, edge_weights=w, directed=False, backend=gbackend)
    g.write(tmp_path / "g")
    assert sorted(p.name for p in (tmp_path / "g").iterdir()) == ["edges.parquet", "graph.json", "vertices.parquet"]
    h = read_graph(tmp_path / "g", backend=gbackend)
    assert (h.num_vertices, h.num_edges, h.directed, h.weight_column) == (V + 3, len(src), False, "weight")
    assert h.shortest_path(0, weight_column="weight").to_arrow().equals(
        g.shortest_path(0, weight_column="weight").to_arrow())
    assert h.dfs(0).to_arrow().equals(g.dfs(0).to_arrow())
    s = GraphFrame.from_frame(pa.table({"x": ["a", "b"], "y": ["b", "c"]}), src="x", dst="y", backend=gbackend)
    s.write(tmp_path / "s")
    t = read_graph(tmp_path / "s", backend=gbackend)
    assert t.bfs("a").to_arrow().equals(s.bfs("a").to_arrow())
    import pyarrow.parquet as pq
    pq.write_table(pa.table({"src": src, "dst": dst}), tmp_path / "e.parquet")
    assert read_graph(tmp_path / "e.parquet", backend=gbackend).num_edges == len(src)
