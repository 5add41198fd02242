"""`pframe graph ...`: runs the built binary.

The binary is ``$PFRAME_BIN`` or the first of ``.build{,-*}/{release,debug}/pframe``.
Subcommands that read an edge file need the file readers behind ``DataFiles.read``;
while those have not landed the binary says so ("not available in this build yet")
and the tests that need them are skipped with that reason. ``generate`` (CSV output)
and the usage/exit-code contract are always tested.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
from pathlib import Path

import networkx as nx
import pytest

REPO = Path(__file__).resolve().parent.parent


def _binary() -> Path | None:
    env = os.environ.get("PFRAME_BIN")
    if env:
        return Path(env)
    candidates = sorted(REPO.glob(".build*/release/pframe")) + sorted(REPO.glob(".build*/debug/pframe"))
    candidates = [c for c in candidates if c.is_file()]
    return max(candidates, key=lambda p: p.stat().st_mtime) if candidates else None


BIN = _binary()
pytestmark = pytest.mark.skipif(BIN is None, reason="pframe binary not built (swift build)")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def edges_csv(tmp_path) -> Path:
    path = tmp_path / "edges.csv"
    r = run("graph", "generate", "rmat", "--scale", "6", "--edge-factor", "4", "--seed", "7", "-o", str(path))
    assert r.returncode == 0, r.stderr
    return path


def read_rows(path: Path) -> list[dict]:
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def needs_readers(r: subprocess.CompletedProcess) -> None:
    if r.returncode == 1 and "not available in this build yet" in r.stderr:
        pytest.skip("file readers have not landed in DataFiles.read yet: " + r.stderr.strip())


def test_generate_is_seeded(tmp_path, edges_csv):
    rows = read_rows(edges_csv)
    assert len(rows) == 64 * 4 and set(rows[0]) == {"src", "dst"}
    assert all(0 <= int(r["src"]) < 64 and 0 <= int(r["dst"]) < 64 for r in rows)
    again = tmp_path / "again.csv"
    assert run("graph", "generate", "rmat", "--scale", "6", "--edge-factor", "4", "--seed", "7",
               "-o", str(again)).returncode == 0
    assert again.read_text() == edges_csv.read_text()
    other = tmp_path / "other.csv"
    assert run("graph", "generate", "uniform", "--scale", "6", "--seed", "8", "-o", str(other)).returncode == 0
    assert other.read_text() != edges_csv.read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pframe-")]   # no temp files left


def test_usage_errors_exit_2(edges_csv):
    for args in (["graph", "bfs", str(edges_csv)], ["graph", "generate", "nope", "-o", "x.csv"],
                 ["graph", "pagerank", str(edges_csv), "--alpha", "2"], ["graph", "frobnicate"]):
        r = run(*args)
        assert r.returncode == 2, (args, r.stderr)
        assert "Error" in r.stderr or "error" in r.stderr


def test_runtime_errors_exit_1(tmp_path, edges_csv):
    r = run("graph", "generate", "rmat", "-o", str(tmp_path / "x.unknown"))
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "unknown file type" in r.stderr
    r = run("graph", "info", str(tmp_path / "missing.csv"))
    assert r.returncode == 1 and r.stderr.count("\n") == 1


def test_info_and_algorithms_match_networkx(tmp_path, edges_csv):
    r = run("graph", "info", str(edges_csv), "--json")
    needs_readers(r)
    assert r.returncode == 0, r.stderr
    rows = read_rows(edges_csv)
    G = nx.MultiDiGraph()
    G.add_edges_from((int(x["src"]), int(x["dst"])) for x in rows)
    info = json.loads(r.stdout)
    assert info["edges"] == len(rows) and info["vertices"] == G.number_of_nodes()
    source = rows[0]["src"]
    out = tmp_path / "bfs.csv"
    assert run("graph", "bfs", str(edges_csv), "--source", source, "-o", str(out)).returncode == 0
    lengths = nx.single_source_shortest_path_length(G, int(source))
    got = {int(x["vertex"]): (int(x["distance"]) if x["distance"] else None) for x in read_rows(out)}
    assert got == {v: lengths.get(v) for v in G.nodes}
    out = tmp_path / "cc.csv"
    assert run("graph", "components", str(edges_csv), "--strong", "-o", str(out)).returncode == 0
    labels = {v: min(c) for c in nx.strongly_connected_components(G) for v in c}
    assert {int(x["vertex"]): int(x["component_id"]) for x in read_rows(out)} == labels
    out = tmp_path / "pr.csv"
    assert run("graph", "pagerank", str(edges_csv), "--tol", "1e-12", "--max-iter", "1000", "-o", str(out)).returncode == 0
    ref = nx.pagerank(G, tol=1e-12, max_iter=1000)
    ranks = read_rows(out)
    assert sum(abs(float(x["rank"]) - ref[int(x["vertex"])]) for x in ranks) < 1e-9
    assert [float(x["rank"]) for x in ranks] == sorted((float(x["rank"]) for x in ranks), reverse=True)
    r = run("graph", "sssp", str(edges_csv), "--source", source, "--top", "5")
    assert r.returncode == 0 and "distance" in r.stdout
    r = run("graph", "dfs", str(edges_csv), "--source", source, "--undirected")
    assert r.returncode == 0 and "order" in r.stdout
    r = run("graph", "bfs", str(edges_csv), "--source", "999999")
    assert r.returncode == 1 and "not in the graph" in r.stderr
