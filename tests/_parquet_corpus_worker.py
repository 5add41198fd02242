"""Worker for the Parquet conformance test: reads files one by one with pyarrow
(``ref``) or parquetframe (``ours``), writes each table to ``OUT/<i>.arrow`` and one
JSON line per file to stdout. Run in a subprocess: a crash only loses the current file.

Usage: python _parquet_corpus_worker.py ref|ours OUT FILE...
"""

import json
import sys

import pyarrow as pa


def main() -> None:
    mode, out = sys.argv[1], sys.argv[2]
    files = sys.argv[3:]
    if mode == "ref":
        import pyarrow.parquet as pq

        def read(path):
            return pq.read_table(path)
    else:
        import parquetframe as pf

        def read(path):
            return pf.read_parquet(path).to_arrow()

    for i, path in enumerate(files):
        print(json.dumps({"start": path}), flush=True)
        try:
            t = read(path)
            with pa.OSFile(f"{out}/{i}.arrow", "wb") as f, pa.ipc.new_file(f, t.schema) as w:
                w.write_table(t)
            rec = {"path": path, "ok": True, "rows": t.num_rows, "index": i}
        except BaseException as exc:  # noqa: BLE001
            rec = {"path": path, "ok": False, "error": type(exc).__name__, "message": str(exc)[:300]}
        print(json.dumps(rec), flush=True)


if __name__ == "__main__":
    main()
