"""`pframe info/head/convert` on CSV, TSV, Parquet and Avro files: runs the built binary.

The binary is ``$PFRAME_BIN`` (default ``.build/release/pframe``; build it with
``swift build -c release --scratch-path .build-cli --product pframe`` and point
``PFRAME_BIN`` at ``.build-cli/release/pframe``). Inputs are written with pyarrow and
fastavro in ``tmp_path``. The progress-bar tests run the binary under a pseudo-terminal
on a generated CSV just over 64 MB.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("PFRAME_BIN", str(REPO / ".build" / "release" / "pframe")))
pytestmark = pytest.mark.skipif(not BIN.is_file(), reason=f"pframe binary not built ({BIN}); set PFRAME_BIN")

fastavro = pytest.importorskip("fastavro")


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *map(str, args)], capture_output=True, text=True, timeout=timeout)


def run_pty(*args: str, timeout: float = 300) -> tuple[int, bytes]:
    """Runs the binary with stderr (only) on a pseudo-terminal; returns (rc, stderr bytes)."""
    master, slave = pty.openpty()
    try:
        p = subprocess.Popen([str(BIN), *map(str, args)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=slave, close_fds=True)
        os.close(slave)
        out = bytearray()
        while True:
            r, _, _ = select.select([master], [], [], timeout)
            if not r:
                p.kill()
                raise TimeoutError("pframe under a pty timed out")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        return p.wait(timeout=timeout), bytes(out)
    finally:
        os.close(master)


# ---------------------------------------------------------------- inputs

def sample_table(n: int = 100) -> pa.Table:
    return pa.table({
        "id": pa.array(range(n), pa.int64()),
        "name": pa.array([f"name-{i}" if i % 7 else None for i in range(n)], pa.string()),
        "score": pa.array([i * 0.5 for i in range(n)], pa.float64()),
        "flag": pa.array([i % 2 == 0 for i in range(n)], pa.bool_()),
    })


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    p = tmp_path / "in.csv"
    pacsv.write_csv(sample_table(), p)
    return p


@pytest.fixture
def tsv_file(tmp_path: Path) -> Path:
    p = tmp_path / "in.tsv"
    pacsv.write_csv(sample_table(), p, pacsv.WriteOptions(delimiter="\t"))
    return p


@pytest.fixture
def parquet_file(tmp_path: Path) -> Path:
    p = tmp_path / "in.parquet"
    pq.write_table(sample_table(), p, row_group_size=30)
    return p


AVRO_SCHEMA = {
    "type": "record", "name": "Event",
    "fields": [
        {"name": "id", "type": "long"},
        {"name": "name", "type": ["null", "string"]},
        {"name": "score", "type": "double"},
    ],
}


def avro_records(n: int = 250) -> list[dict]:
    return [{"id": i, "name": None if i % 5 == 0 else f"n{i}", "score": i / 4} for i in range(n)]


@pytest.fixture
def avro_file(tmp_path: Path) -> Path:
    p = tmp_path / "in.avro"
    with open(p, "wb") as f:
        fastavro.writer(f, fastavro.parse_schema(AVRO_SCHEMA), avro_records(), codec="deflate", sync_interval=1000)
    return p


def read_csv(path: Path, delimiter: str = ",") -> pa.Table:
    """pyarrow's reading with empty fields as nulls (as pframe writes and reads them)."""
    return pacsv.read_csv(path, parse_options=pacsv.ParseOptions(delimiter=delimiter),
                          convert_options=pacsv.ConvertOptions(strings_can_be_null=True))


def no_temp_files(d: Path) -> bool:
    return not [x for x in d.iterdir() if ".tmp-" in x.name]


# ---------------------------------------------------------------- info

def test_info_csv_text(csv_file: Path):
    r = run("info", csv_file)
    assert r.returncode == 0, r.stderr
    assert "format:      csv" in r.stdout
    assert "rows:        100" in r.stdout
    assert "delimiter:   ','" in r.stdout
    assert f"size:        {csv_file.stat().st_size} bytes" in r.stdout
    lines = {ln.split()[0]: ln.split()[1] for ln in r.stdout.split("schema")[1].splitlines()[1:] if ln.strip()}
    assert lines == {"id": "i64", "name": "str", "score": "f64", "flag": "bool"}


def test_info_csv_json(csv_file: Path, tsv_file: Path):
    for path, delim in [(csv_file, ","), (tsv_file, "\t")]:
        r = run("info", path, "--json")
        assert r.returncode == 0, r.stderr
        d = json.loads(r.stdout)
        assert d["num_rows"] == 100 and d["num_columns"] == 4
        assert d["delimiter"] == delim
        assert d["file_size"] == path.stat().st_size
        names = [f["name"] for f in d["schema"]["arrow"]]
        assert names == ["id", "name", "score", "flag"]
        assert [f["type"] for f in d["schema"]["arrow"]] == ["i64", "str", "f64", "bool"]


def test_info_avro(avro_file: Path):
    r = run("info", avro_file, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["format"] == "avro"
    assert d["num_rows"] == 250
    assert d["codec"] == "deflate"
    assert d["num_blocks"] >= 2
    assert d["file_size"] == avro_file.stat().st_size
    assert json.loads(d["schema"]["avro"])["name"] == "Event"
    assert [f["name"] for f in d["schema"]["arrow"]] == ["id", "name", "score"]
    t = run("info", avro_file)
    assert t.returncode == 0, t.stderr
    assert "rows:        250" in t.stdout and "codec:       deflate" in t.stdout
    assert "schema (Arrow)" in t.stdout


def test_info_parquet_unchanged(parquet_file: Path):
    r = run("info", parquet_file, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["num_rows"] == 100 and d["num_row_groups"] == 4
    t = run("info", parquet_file)
    assert "row groups:  4" in t.stdout and "leaf columns (Parquet)" in t.stdout


# ---------------------------------------------------------------- head

@pytest.mark.parametrize("kind", ["csv", "tsv", "parquet", "avro"])
def test_head_columns(kind: str, request):
    path = request.getfixturevalue(f"{kind}_file")
    r = run("head", path, "-n", "3", "--columns", "id,score")
    assert r.returncode == 0, r.stderr
    assert "id" in r.stdout and "score" in r.stdout and "name" not in r.stdout
    assert "1.5" not in r.stdout  # row 3 (score 1.5 / 0.75) is not shown
    r5 = run("head", path, "-n", "5")
    assert r5.returncode == 0, r5.stderr
    assert "name" in r5.stdout


def test_head_unknown_column(csv_file: Path):
    r = run("head", csv_file, "--columns", "nope")
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- convert

def test_csv_parquet_csv_round_trip(csv_file: Path, tmp_path: Path):
    pq_out = tmp_path / "mid.parquet"
    csv_out = tmp_path / "back.csv"
    r = run("convert", csv_file, pq_out, "--compression", "snappy", "--row-group-size", "40")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    meta = pq.ParquetFile(pq_out).metadata
    assert meta.num_rows == 100 and meta.num_row_groups == 3
    assert meta.row_group(0).column(0).compression == "SNAPPY"
    assert pq.read_table(pq_out).equals(read_csv(csv_file))
    r = run("convert", pq_out, csv_out)
    assert r.returncode == 0, r.stderr
    assert read_csv(csv_out).equals(read_csv(csv_file))
    assert no_temp_files(tmp_path)


def test_parquet_to_tsv(parquet_file: Path, tmp_path: Path):
    out = tmp_path / "out.tsv"
    r = run("convert", parquet_file, out)
    assert r.returncode == 0, r.stderr
    back = read_csv(out, "\t")
    assert back.equals(pq.read_table(parquet_file))


def test_avro_to_parquet_and_csv(avro_file: Path, tmp_path: Path):
    out = tmp_path / "a.parquet"
    r = run("convert", avro_file, out)
    assert r.returncode == 0, r.stderr
    t = pq.read_table(out)
    assert t.to_pylist() == avro_records()
    out_csv = tmp_path / "a.csv"
    r = run("convert", avro_file, out_csv)
    assert r.returncode == 0, r.stderr
    assert pacsv.read_csv(out_csv).num_rows == 250


def test_convert_empty_csv_keeps_header(tmp_path: Path):
    src = tmp_path / "e.parquet"
    pq.write_table(sample_table(0), src)
    out = tmp_path / "e.csv"
    r = run("convert", src, out)
    assert r.returncode == 0, r.stderr
    assert out.read_text().splitlines()[0].replace('"', "") == "id,name,score,flag"


def test_convert_log_info_summary(csv_file: Path, tmp_path: Path):
    r = run("convert", csv_file, tmp_path / "o.parquet", "--log-level", "info")
    assert r.returncode == 0, r.stderr
    assert "converted 100 rows in" in r.stderr
    assert "\r" not in r.stderr


def test_exit_codes(csv_file: Path, tmp_path: Path):
    missing = run("convert", tmp_path / "missing.csv", tmp_path / "o.parquet")
    assert missing.returncode == 1
    assert len(missing.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o.parquet").exists()
    info_missing = run("info", tmp_path / "missing.avro")
    assert info_missing.returncode == 1 and len(info_missing.stderr.strip().splitlines()) == 1
    head_missing = run("head", tmp_path / "missing.csv")
    assert head_missing.returncode == 1
    assert run("info", csv_file, "--no-such-flag").returncode == 2
    bad_codec = run("convert", csv_file, tmp_path / "o.parquet", "--compression", "nope")
    assert bad_codec.returncode == 2
    assert run("convert", csv_file, tmp_path / "o.parquet", "--row-group-size", "0").returncode == 2
    assert not (tmp_path / "o.parquet").exists()
    to_avro = run("convert", csv_file, tmp_path / "o.avro")
    assert to_avro.returncode == 1 and not (tmp_path / "o.avro").exists()


def test_failed_convert_leaves_no_file(tmp_path: Path):
    bad = tmp_path / "bad.avro"
    good = tmp_path / "good.avro"
    with open(good, "wb") as f:
        fastavro.writer(f, fastavro.parse_schema(AVRO_SCHEMA), avro_records(5000), sync_interval=2000)
    data = good.read_bytes()
    bad.write_bytes(data[: len(data) * 2 // 3])  # truncated in a later block
    out = tmp_path / "out.parquet"
    r = run("convert", bad, out)
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1
    assert not out.exists()
    assert no_temp_files(tmp_path)


# ---------------------------------------------------------------- progress bar

@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> tuple[Path, int]:
    """A CSV just over 64 MB (about 1.2 M rows), generated in well under a second."""
    p = tmp_path_factory.mktemp("big") / "big.csv"
    block_rows = 10_000
    pad = "x" * 40
    with open(p, "w") as f:
        f.write("id,label,value\n")
        n = 0
        while f.tell() < (66 << 20):
            f.write("".join(f"{n + i},{pad},{(n + i) * 0.25}\n" for i in range(block_rows)))
            n += block_rows
    return p, n


def test_progress_bar_on_tty(big_csv, tmp_path: Path):
    src, n = big_csv
    out = tmp_path / "big.parquet"
    rc, err = run_pty("convert", src, out)
    assert rc == 0, err
    text = err.decode()
    assert "\r[" in text and "MB/s" in text and "ETA" in text
    assert f"converted {n} rows in" in text
    assert pq.ParquetFile(out).metadata.num_rows == n


def test_no_progress_bar_without_tty(big_csv, tmp_path: Path):
    src, n = big_csv
    out = tmp_path / "big.parquet"
    r = run("convert", src, out)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert pq.ParquetFile(out).metadata.num_rows == n


def test_no_progress_bar_small_input_on_tty(csv_file: Path, tmp_path: Path):
    rc, err = run_pty("convert", csv_file, tmp_path / "o.parquet")
    assert rc == 0, err
    assert err == b""


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-v"]))
