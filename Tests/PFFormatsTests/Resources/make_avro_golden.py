"""Generate the fastavro golden files for the Avro conformance test (AvroCorpusTests.swift).

For every `.avro` file of the shared corpus that MANIFEST.tsv marks as readable by fastavro
(`fastavro_readable == yes`), this writes `avro-golden/<path with '/' replaced by '__'>.jsonl`:
one JSON object per record, in file order. Top-level non-record schemas are wrapped as
{"value": v}.

The values are decoded by fastavro *without* logical-type conversion (its LOGICAL_READERS
tables are emptied, so fastavro returns the underlying Avro values), then converted here,
directed by the writer schema, into the representation the Swift test produces from our Arrow table:

  null/boolean/int/long/float/double/string  -> JSON null/bool/int/float/string
                                                (NaN/Infinity as the JSON extensions)
  bytes, fixed (incl. uuid on fixed)         -> lowercase hex string
  decimal (bytes or fixed)                   -> decimal string "-123.45" (scale digits)
  date, time-*, timestamp-*, local-ts-*      -> integer in the type's unit (days, ms, us, ns)
  uuid (string)                              -> the string
  duration (fixed 12)                        -> {"months": m, "days": d, "milliseconds": ms}
  enum                                       -> symbol string
  array                                      -> JSON array
  map                                        -> JSON object
  record                                     -> JSON object (fields in schema order)
  union ["null", T] / [T, "null"]            -> null or T's representation
  any other union                            -> the representation of the branch value
                                                (read with return_named_type=True, so
                                                named branches are identified by name)

It also writes the codec fixtures `avro-fixtures/codec-<codec>.avro` (one per Avro codec:
1000 records {"id": i, "name": "name-<i>", "score": null if i % 7 == 0 else i * 0.5},
several blocks) used by AvroUnitTests.swift.

Regenerate (from the repository root):

    .venv/bin/python Tests/PFFormatsTests/Resources/make_avro_golden.py [CORPUS_DIR]

CORPUS_DIR defaults to ../shared/corpora (beside the repository root).
"""
import csv
import io
import json
import math
import os
import struct
import sys

import fastavro

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(HERE, "avro-golden")


def golden_name(rel_path):
    return rel_path.replace("/", "__") + ".jsonl"


def max_decimal_precision(size):
    return int(math.floor(math.log10(2 ** (8 * size - 1) - 1)))


def decimal_string(unscaled, scale):
    digits = str(abs(unscaled))
    if scale > 0:
        digits = digits.rjust(scale + 1, "0")
        digits = digits[:-scale] + "." + digits[-scale:]
    return ("-" if unscaled < 0 else "") + digits


def decimal_is_valid(schema):
    p, s = schema.get("precision"), schema.get("scale", 0)
    if not isinstance(p, int) or not isinstance(s, int) or p < 1 or s < 0 or s > p:
        return False
    if schema["type"] == "fixed" and p > max_decimal_precision(schema["size"]):
        return False
    return True


class Converter:
    def __init__(self):
        self.named = {}

    def register(self, schema):
        name = schema.get("name")
        if name:
            self.named[name] = schema
            self.named[name.split(".")[-1]] = schema

    def resolve(self, schema):
        if isinstance(schema, str) and schema in self.named:
            return self.named[schema]
        return schema

    def full_name(self, schema):
        """The full name of a named branch (None for unnamed types)."""
        schema = self.resolve(schema)
        if isinstance(schema, dict) and schema.get("type") in ("record", "error", "enum", "fixed"):
            self.register(schema)
            return schema["name"]
        return None

    def matches(self, schema, v):
        """Whether an unnamed branch holds the (raw) value v: named branches come tagged,
        and int/long (float/double) have the same JSON form, so Python types suffice."""
        schema = self.resolve(schema)
        t = schema.get("type") if isinstance(schema, dict) else schema
        if isinstance(t, dict):
            return self.matches(t, v)
        return {
            "boolean": lambda: isinstance(v, bool),
            "int": lambda: isinstance(v, int) and not isinstance(v, bool),
            "long": lambda: isinstance(v, int) and not isinstance(v, bool),
            "float": lambda: isinstance(v, float),
            "double": lambda: isinstance(v, float),
            "bytes": lambda: isinstance(v, (bytes, bytearray)),
            "string": lambda: isinstance(v, str),
            "array": lambda: isinstance(v, list),
            "map": lambda: isinstance(v, dict),
        }.get(t, lambda: False)()

    def conv(self, schema, v):
        if isinstance(schema, str):
            if schema == "null":
                return None
            if schema == "boolean":
                return bool(v)
            if schema in ("int", "long"):
                return int(v)
            if schema in ("float", "double"):
                return float(v)
            if schema == "bytes":
                return bytes(v).hex()
            if schema == "string":
                return v
            return self.conv(self.named[schema], v)
        if isinstance(schema, list):
            schema = [s["type"] if isinstance(s, dict) and len(s) == 1 else s for s in schema]
            if isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str):
                # return_named_type=True: (full name, value) for a named branch.
                for s in schema:
                    if self.full_name(s) == v[0]:
                        return self.conv(s, v[1])
                raise ValueError(f"no union branch named {v[0]!r} in {schema!r}")
            if v is None and "null" in schema:
                return None
            others = [s for s in schema if s != "null"]
            if len(others) == 1:
                return self.conv(others[0], v)
            for s in others:
                if self.matches(s, v):
                    return self.conv(s, v)
            raise ValueError(f"no union branch of {schema!r} matches {v!r}")
        t = schema["type"]
        lt = schema.get("logicalType")
        if isinstance(t, (list, dict)):
            return self.conv(t, v)
        if t in ("record", "error"):
            self.register(schema)
            return {f["name"]: self.conv(f["type"], v[f["name"]]) for f in schema["fields"]}
        if t == "enum":
            self.register(schema)
            return v
        if t == "array":
            return [self.conv(schema["items"], x) for x in v]
        if t == "map":
            return {k: self.conv(schema["values"], x) for k, x in v.items()}
        if t == "fixed":
            self.register(schema)
            if lt == "decimal" and decimal_is_valid(schema):
                return decimal_string(int.from_bytes(v, "big", signed=True), schema.get("scale", 0))
            if lt == "duration" and schema["size"] == 12:
                m, d, ms = struct.unpack("<III", v)
                return {"months": m, "days": d, "milliseconds": ms}
            return bytes(v).hex()
        if t == "bytes" and lt == "decimal" and decimal_is_valid(schema):
            return decimal_string(int.from_bytes(v, "big", signed=True), schema.get("scale", 0))
        return self.conv(t, v)


def disable_logical_readers():
    import fastavro.read
    fastavro.read.LOGICAL_READERS.clear()
    try:
        import fastavro._read
        fastavro._read.LOGICAL_READERS.clear()
    except ImportError:
        pass


FIXTURE_SCHEMA = {
    "type": "record", "name": "Fixture", "namespace": "pf.test",
    "fields": [
        {"name": "id", "type": "long"},
        {"name": "name", "type": "string"},
        {"name": "score", "type": ["null", "double"]},
    ],
}


def write_fixtures():
    out = os.path.join(HERE, "avro-fixtures")
    os.makedirs(out, exist_ok=True)
    records = [{"id": i, "name": f"name-{i}", "score": None if i % 7 == 0 else i * 0.5} for i in range(1000)]
    for codec in ["null", "deflate", "snappy", "zstandard", "bzip2", "xz"]:
        with open(os.path.join(out, f"codec-{codec}.avro"), "wb") as f:
            fastavro.writer(f, fastavro.parse_schema(FIXTURE_SCHEMA), records, codec=codec, sync_interval=4000)


def main():
    write_fixtures()
    disable_logical_readers()
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "corpora")
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(corpus, "avro", "MANIFEST.tsv"), newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    written = 0
    for row in rows:
        if row["fastavro_readable"] != "yes":
            continue
        rel = row["dest_path"]
        with open(os.path.join(corpus, rel), "rb") as f:
            data = f.read()
        records = fastavro.reader(io.BytesIO(data), return_named_type=True)
        writer_schema = records.writer_schema
        conv = Converter()
        lines = []
        for rec in records:
            value = conv.conv(writer_schema, rec)
            is_record = isinstance(writer_schema, dict) and writer_schema.get("type") in ("record", "error")
            lines.append(json.dumps(value if is_record else {"value": value}, sort_keys=False))
        with open(os.path.join(OUT, golden_name(rel)), "w") as f:
            f.write("".join(line + "\n" for line in lines))
        written += 1
    print(f"wrote {written} golden files to {OUT}")


if __name__ == "__main__":
    main()
