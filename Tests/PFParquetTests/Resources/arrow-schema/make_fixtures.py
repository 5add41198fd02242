"""Regenerates fixtures.tsv: `name<TAB>expected field summary<TAB>base64 ARROW:schema` lines.

The base64 text is what pyarrow stores under ``ARROW:schema`` (``schema.serialize()``).
Run with the repository's venv (pyarrow 26):
    .venv/bin/python Tests/PFParquetTests/Resources/arrow-schema/make_fixtures.py
"""

import base64
from pathlib import Path

import pyarrow as pa

CASES = {
    "primitives": (pa.schema([
        pa.field("b", pa.bool_()), pa.field("i8", pa.int8(), nullable=False), pa.field("u64", pa.uint64()),
        pa.field("f16", pa.float16()), pa.field("f64", pa.float64()), pa.field("s", pa.string()),
        pa.field("ls", pa.large_string()), pa.field("bin", pa.binary()), pa.field("lb", pa.large_binary()),
        pa.field("fsb", pa.binary(7)), pa.field("n", pa.null()),
    ]), "b:bool:null,i8:i8:notnull,u64:u64:null,f16:f16:null,f64:f64:null,s:str:null,ls:large_str:null,"
        "bin:binary:null,lb:large_binary:null,fsb:fixed_binary[7]:null,n:null:null"),
    "temporal": (pa.schema([
        pa.field("d32", pa.date32()), pa.field("d64", pa.date64()), pa.field("t32", pa.time32("s")),
        pa.field("t64", pa.time64("ns")), pa.field("ts", pa.timestamp("us", tz="Europe/Paris")),
        pa.field("tsn", pa.timestamp("s")), pa.field("dur", pa.duration("ms")), pa.field("dec", pa.decimal128(20, 4)),
    ]), "d32:date32:null,d64:date64:null,t32:time32[s]:null,t64:time64[ns]:null,"
        "ts:timestamp[us, Europe/Paris]:null,tsn:timestamp[s]:null,dur:duration[ms]:null,dec:decimal128(20, 4):null"),
    "nested": (pa.schema([
        pa.field("l", pa.list_(pa.int32())), pa.field("ll", pa.large_list(pa.string())),
        pa.field("fl", pa.list_(pa.float64(), 3)),
        pa.field("st", pa.struct([("a", pa.int64()), ("b", pa.list_(pa.bool_()))])),
        pa.field("m", pa.map_(pa.string(), pa.int32())),
    ]), "l:list[i32]:null,ll:large_list[str]:null,fl:fixed_list[f64; 3]:null,st:struct[2 fields]:null,"
        "m:map[str, i32]:null"),
    "dictionary": (pa.schema([
        pa.field("d", pa.dictionary(pa.int8(), pa.string())),
        pa.field("o", pa.dictionary(pa.int32(), pa.int64(), ordered=True), nullable=False),
    ]), "d:dict[i8, str]:null,o:dict[i32, i64]:notnull"),
    "metadata": (pa.schema([pa.field("x", pa.int32(), metadata={"fk": "fv"})], metadata={"k": "v"}),
                 "x:i32:null"),
    "union": (pa.schema([pa.field("u", pa.dense_union([pa.field("i", pa.int32()), pa.field("s", pa.string())]))]),
              "u:dense_union[i32, str]:null"),
}


def main() -> None:
    out = []
    for name, (schema, summary) in CASES.items():
        b64 = base64.b64encode(schema.serialize().to_pybytes()).decode()
        out.append(f"{name}\t{summary}\t{b64}")
    Path(__file__).with_name("fixtures.tsv").write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
