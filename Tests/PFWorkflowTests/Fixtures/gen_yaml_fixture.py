#!/usr/bin/env python3
"""Regenerates yaml_cases.json: YAML documents and the value PyYAML loads for each.

PyYAML implements YAML 1.1 typing; the loader below swaps in the YAML 1.2 core schema
resolvers (what PFWorkflow's parser implements), so the expectations are 1.2 core values.
Run: /work/main/.venv/bin/python gen_yaml_fixture.py  (PyYAML 6.x)
Floats that JSON cannot hold are written as "__inf__", "__-inf__", "__nan__".
"""
import json, math, os, re
import yaml


class CoreLoader(yaml.SafeLoader):
    pass


CoreLoader.yaml_implicit_resolvers = {}
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), list("~nN") + [""])
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)


def construct_int(loader, node):
    v = loader.construct_scalar(node)
    if v.startswith("0o"):
        return int(v[2:], 8)
    if v.startswith("0x"):
        return int(v[2:], 16)
    return int(v, 10)


def construct_float(loader, node):
    v = loader.construct_scalar(node)
    low = v.lower()
    if low in (".inf", "+.inf"):
        return math.inf
    if low == "-.inf":
        return -math.inf
    if low == ".nan":
        return math.nan
    return float(v)


def construct_bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


CoreLoader.add_constructor("tag:yaml.org,2002:int", construct_int)
CoreLoader.add_constructor("tag:yaml.org,2002:float", construct_float)
CoreLoader.add_constructor("tag:yaml.org,2002:bool", construct_bool)


def clean(v):
    if isinstance(v, float):
        if math.isnan(v):
            return "__nan__"
        if math.isinf(v):
            return "__inf__" if v > 0 else "__-inf__"
        return v
    if isinstance(v, dict):
        return {str(k): clean(x) for k, x in v.items()}
    if isinstance(v, list):
        return [clean(x) for x in v]
    return v


CASES = {
    "scalars_core_schema": """\
null1: ~
null2: null
null3:
bool1: true
bool2: False
yes_is_string: yes
off_is_string: off
int1: 42
int2: -17
int3: +5
octal: 0o17
hex: 0x1F
leading_zero: 017
float1: 3.25
float2: -1.5e3
float3: .5
float4: 1.
float5: 1e5
inf: .inf
ninf: -.inf
nan: .NaN
version: 1.2.3
date_is_string: 2024-01-02
""",
    "workflow": """\
# A workflow
---
name: etl pipeline
variables:
  input: data/in.parquet
  run_graph: true
config:
  max_parallel: 4
  stop_on_failure: false
  default_retries: 2
  default_timeout: 30.5
steps:
  - name: load
    type: read_parquet
    output: out/load.parquet   # trailing comment
    params: {path: "${input}", columns: [a, b, 'c d']}
  - name: clean
    type: command
    depends_on: [load]
    params:
      args: ["sh", "-c", "echo hi && exit 0"]
      env:
        A: "1"
    retries: 3
    backoff: {initial: 0.5, factor: 2, max: 10, jitter: 0.1}
    when: {var: run_graph, equals: "true"}
""",
    "nested_sequences": """\
- a
- - b
  - c
- - - d
-
- key: v
  other: w
- [x, y]
-   spaced
""",
    "sequence_at_key_indent": """\
items:
- one
- two
next:
  - three
last: end
""",
    "quoted": r"""
single: 'it''s here'
double: "tab\there\nnewline \"q\" \\ \x41 \u00e9 \U0001F600"
empty_single: ''
empty_double: ""
hash_inside: "a # not comment"
colon_inside: 'a: b'
unicode: "caf\u00e9"
slash: "a\/b"
""",
    "multiline_quoted": """\
folded: "first
  second

  third"
single: 'one
  two'
escaped_break: "abc\\
  def"
""",
    "plain_multiline": """\
key: this is
  a multi line
  plain scalar

  with a blank line
other: x
""",
    "block_literal": """\
lit: |
  line one
    indented
  line three

keep: |+
  kept

strip: |-
  stripped
after: value
""",
    "block_folded": """\
fold: >
  folded line
  continues here

  new paragraph
    more indented
  back
fold_strip: >-
  a
  b
indented: |2
    two extra
  base
end: 1
""",
    "flow_multiline": """\
list: [1, 2.5,
  three, "four",
  {five: 5, six: [6]}]
map: {a: 1, b: , c}
empty_list: []
empty_map: {}
""",
    "comments_everywhere": """\
# leading comment

a: 1 # one
# between
b:   # value on next line
  c: 2
  # inside
  d: [x, y] # flow then comment
e: 'x' # quoted then comment
url: http://example.com/a#frag
""",
    "top_level_scalar": "just a string\n",
    "top_level_int": "--- 12\n",
    "document_end": "a: 1\n...\n# trailing comment\n",
    "unicode_and_special": """\
emoji: "\U0001F600"
accented: café
colon_no_space: a:b
dash_word: -foo
question: what?
percent: 50%
""",
    "deep_nesting": """\
a:
  b:
    c:
      d:
        - e:
            f: [1, {g: h}]
""",
    "keys_quoted": """\
"quoted key": 1
'single key': 2
plain key: 3
""",
    "crlf": "a: 1\r\nb:\r\n  - x\r\n",
    "empty_values_in_seq": """\
- 
- ~
- ''
""",
}


def main():
    out = []
    for name, doc in CASES.items():
        value = yaml.load(doc, Loader=CoreLoader)
        out.append({"name": name, "yaml": doc, "expected": clean(value)})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "yaml_cases.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(out)} cases to {path}")


if __name__ == "__main__":
    main()
