"""Graph kernels: ParquetFrame's CSR core against scipy, networkit, igraph, rustworkx, networkx.

Graphs (fixed seeds): Kronecker / R-MAT (A=0.57, B=0.19, C=0.19, Graph500) and uniform
random with the same vertex and edge counts: scale 20, edge factor 16 (1M vertices, 16.8M
edges); ``--quick``: scale 16 (65k vertices, 1M edges). Directed unless stated.

Cases (each timed separately; building is never inside a kernel's time):

* build: ``GraphFrame.from_edges`` from numpy int64 arrays (zero-copy input, CSR build)
  vs ``scipy.sparse.csr_array`` from COO;
* BFS from one source vs ``scipy.sparse.csgraph.breadth_first_order`` (predecessors on);
* PageRank, exactly 20 iterations, vs networkit ``PageRank`` (maxIterations=20), igraph
  and rustworkx when installed (their stopping rules differ; reported for scale);
* weak components vs ``scipy.sparse.csgraph.connected_components``;
* Dijkstra from one source (uniform [0,1) weights) vs ``scipy.sparse.csgraph.dijkstra``;
* networkx (BFS, PageRank, weak components) on a scale-12 R-MAT graph.

Peers that are not installed are skipped with a note. Memory of the adjacency is
reported in the notes (CSR bytes vs scipy's).
"""

from __future__ import annotations

import gc
import warnings

import numpy as np

import parquetframe as pf
from parquetframe.graph import GraphFrame

NAME = "graph"


def rmat(scale: int, edge_factor: int, seed: int, a=0.57, b=0.19, c=0.19):
    rng = np.random.default_rng(seed)
    n = (1 << scale) * edge_factor
    src = np.zeros(n, dtype=np.int64)
    dst = np.zeros(n, dtype=np.int64)
    for bit in range(scale):
        r = rng.random(n)
        src |= (r >= a + b).astype(np.int64) << bit
        dst |= (((r >= a) & (r < a + b)) | (r >= a + b + c)).astype(np.int64) << bit
    perm = rng.permutation(1 << scale)      # Graph500: degree does not follow the id
    return perm[src], perm[dst], 1 << scale


def uniform(scale: int, edge_factor: int, seed: int):
    rng = np.random.default_rng(seed)
    V = 1 << scale
    n = V * edge_factor
    return rng.integers(0, V, n), rng.integers(0, V, n), V


def _optional(name: str):
    try:
        return __import__(name)
    except ImportError:
        return None


def run(ctx) -> list[dict]:
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import breadth_first_order, connected_components, dijkstra

    nk, ig, rx, nx = _optional("networkit"), _optional("igraph"), _optional("rustworkx"), _optional("networkx")
    scale = 16 if ctx.quick else 20
    backend = "swift" if pf.swift_available() else "python"
    rows: list[dict] = []
    notes = [f"GraphFrame backend: {backend}; threads = native pool size (scipy/networkx are single-threaded)."]
    missing = [n for n, m in (("networkit", nk), ("igraph", ig), ("rustworkx", rx), ("networkx", nx)) if m is None]
    if missing:
        notes.append("not installed, skipped: " + ", ".join(missing))
    if nk is not None:
        nk.setNumberOfThreads(max(1, ctx.threads or __import__("os").cpu_count() or 1))

    def add(case, size, tool, seconds, baseline):
        # The runner pairs a row with its baseline by (bench, size, threads, tool); both
        # graphs have the same size, so the graph name goes into the tool name.
        graph = case.rsplit(" ", 1)[-1]
        tool, baseline = f"{tool} [{graph}]", f"{baseline} [{graph}]"
        rows.append(dict(case=case, size=size, tool=tool, seconds=seconds,
                         baseline=None if tool == baseline else baseline))

    for gname, (src, dst, V) in (("rmat", rmat(scale, 16, seed=1)), ("uniform", uniform(scale, 16, seed=2))):
        E = len(src)
        w = np.random.default_rng(3).random(E)
        reps = max(3, ctx.repeats // 2)

        # build
        base = "scipy: csr_array from COO"
        add(f"build {gname}", E, base,
            ctx.median_seconds(lambda: csr_array((np.ones(E), (src, dst)), shape=(V, V)), reps), base)
        add(f"build {gname}", E, f"{backend}: GraphFrame.from_edges",
            ctx.median_seconds(lambda: GraphFrame.from_edges(src, dst, num_vertices=V), reps), base)
        g = GraphFrame.from_edges(src, dst, num_vertices=V, edge_weights=w)
        m = csr_array((w, (src, dst)), shape=(V, V))
        m_bool = csr_array((np.ones(E, dtype=np.int8), (src, dst)), shape=(V, V))
        g.csc_adjacency()   # build the cached in-CSC outside the timings
        ours = g.summary().get("bytes")
        notes_mem = (f"{gname}: adjacency {ours / 2**20:.1f} MiB (CSR+CSC+weights)" if ours else "") + \
            f" vs scipy CSR {(m.data.nbytes + m.indices.nbytes + m.indptr.nbytes) / 2**20:.1f} MiB"
        if notes_mem not in notes:
            notes.append(notes_mem)
        source = int(src[np.argmax(np.bincount(src, minlength=V))])   # a high-degree vertex

        base = "scipy: breadth_first_order"
        add(f"bfs {gname}", E, base,
            ctx.median_seconds(lambda: breadth_first_order(m_bool, source, directed=True), reps), base)
        add(f"bfs {gname}", E, f"{backend}: GraphFrame.bfs", ctx.median_seconds(lambda: g.bfs(source)), base)

        base = "networkit: PageRank 20 it" if nk is not None else f"{backend}: GraphFrame.pagerank 20 it"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            add(f"pagerank20 {gname}", E, f"{backend}: GraphFrame.pagerank 20 it",
                ctx.median_seconds(lambda: g.pagerank(tol=0.0, max_iter=20), reps), base)
        if nk is not None:
            G = nk.Graph(V, weighted=False, directed=True)
            G.addEdges((src, dst))

            def nk_pr():
                pr = nk.centrality.PageRank(G, damp=0.85, tol=0.0)
                pr.maxIterations = 20
                pr.run()
                return pr.scores()
            add(f"pagerank20 {gname}", E, base, ctx.median_seconds(nk_pr, reps), base)
        if ig is not None:
            Gi = ig.Graph(n=V, edges=np.column_stack([src, dst]), directed=True)
            add(f"pagerank20 {gname}", E, "igraph: pagerank (prpack, exact)",
                ctx.median_seconds(lambda: Gi.pagerank(damping=0.85), reps), base)
        if rx is not None and ctx.quick:
            Gr = rx.PyDiGraph()
            Gr.add_nodes_from(range(V))
            Gr.add_edges_from_no_data(list(zip(src.tolist(), dst.tolist())))
            add(f"pagerank20 {gname}", E, "rustworkx: pagerank max_iter=20",
                ctx.median_seconds(lambda: _rx_pagerank(rx, Gr), reps), base)

        base = "scipy: connected_components(weak)"
        add(f"wcc {gname}", E, base,
            ctx.median_seconds(lambda: connected_components(m_bool, directed=True, connection="weak"), reps), base)
        add(f"wcc {gname}", E, f"{backend}: connected_components",
            ctx.median_seconds(lambda: g.connected_components("weak")), base)

        base = "scipy: dijkstra(1 source)"
        add(f"dijkstra {gname}", E, base,
            ctx.median_seconds(lambda: dijkstra(m, directed=True, indices=source, return_predecessors=True), reps),
            base)
        add(f"dijkstra {gname}", E, f"{backend}: shortest_path",
            ctx.median_seconds(lambda: g.shortest_path(source, weight_column="weight"), reps), base)
        add(f"dijkstra {gname}", E, f"{backend}: shortest_path delta",
            ctx.median_seconds(lambda: g.shortest_path(source, weight_column="weight", algorithm="delta"), reps),
            base)
        del g, m, m_bool
        gc.collect()

    if nx is not None:
        src, dst, V = rmat(12, 16, seed=4)
        E = len(src)
        G = nx.DiGraph()
        G.add_nodes_from(range(V))
        G.add_edges_from(zip(src.tolist(), dst.tolist()))
        g = GraphFrame.from_edges(src, dst, num_vertices=V)
        s = int(src[0])
        for case, ref, ours in (
            ("nx bfs rmat12", lambda: nx.single_source_shortest_path_length(G, s), lambda: g.bfs(s)),
            ("nx pagerank rmat12", lambda: nx.pagerank(G, tol=1e-6), lambda: g.pagerank(tol=1e-6)),
            ("nx wcc rmat12", lambda: list(nx.weakly_connected_components(G)), lambda: g.connected_components()),
        ):
            add(case, E, "networkx", ctx.median_seconds(ref, 3), "networkx")
            add(case, E, f"{backend}: GraphFrame", ctx.median_seconds(ours, 3), "networkx")
    for r in rows:
        r["note"] = " ".join(notes)
    return rows


def _rx_pagerank(rx, G):
    try:
        return rx.pagerank(G, alpha=0.85, max_iter=20, tol=0.0)
    except rx.FailedToConverge:
        return None
