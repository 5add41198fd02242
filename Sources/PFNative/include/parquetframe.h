/*
 * parquetframe.h — the C ABI of the ParquetFrame native library
 * (libParquetFrameNative.so).
 *
 * Conventions
 *  - Every fallible function returns a pf_status; PF_OK (0) means success.
 *    On failure, pf_last_error() returns a message for the calling thread,
 *    valid until the next failing call on that thread.
 *  - Results are returned through out-parameters. Handles (pf_table*) are
 *    opaque, owned by the caller and freed with the matching *_free function.
 *  - Arrow data crosses the boundary through the Arrow C Data / C Stream
 *    interfaces without copying. An exported ArrowArrayStream / ArrowSchema
 *    belongs to the caller, who must call its release callback exactly once.
 *    Import functions *move* the given struct: on return (success or failure)
 *    its release member is NULL and the library owns the data.
 *  - Functions never abort the process on bad input: they return a status.
 *  - All functions are thread-safe.
 */
#ifndef PARQUETFRAME_H
#define PARQUETFRAME_H

#include <stdint.h>
#include "arrow_c_abi.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t pf_status;
enum {
  PF_OK = 0,
  PF_ERR_INVALID_ARGUMENT = 1, /* wrong argument (null pointer, bad value) */
  PF_ERR_IO = 2,               /* file system or OS failure */
  PF_ERR_FORMAT = 3,           /* malformed input data */
  PF_ERR_UNSUPPORTED = 4,      /* valid input using a feature not supported */
  PF_ERR_CANCELLED = 5,        /* the operation was cancelled */
  PF_ERR_INTERNAL = 6          /* a bug: please report */
};

/* Capability bits returned by pf_capabilities(). */
enum {
  PF_CAP_IO = 1,
  PF_CAP_GRAPH = 2,
  PF_CAP_WORKFLOW = 4
};

typedef struct pf_table pf_table; /* an immutable, chunked Arrow table */

/* Library version, e.g. "0.1.0". Static storage. */
const char* pf_version(void);
/* Last error message of the calling thread ("" when none). */
const char* pf_last_error(void);
/* Bitmask of PF_CAP_* compiled into this library. */
int32_t pf_capabilities(void);

/* Size the process-wide thread pool; 0 means one thread per core. */
pf_status pf_set_threads(int32_t threads);
/* Current size of the process-wide thread pool. */
int32_t pf_get_threads(void);
/* Native log level: 0 off, 1 error, 2 warn, 3 info, 4 debug (to stderr). */
pf_status pf_set_log_level(int32_t level);

/* Bytes of released array and page memory the library keeps for reuse (bounded by
   PARQUETFRAME_BUFFER_CACHE_MB; blocks idle for 5 s are freed at the next allocation). */
int64_t pf_memory_cached(void);
/* Frees all of that memory now; returns how many bytes were freed. */
int64_t pf_memory_release(void);

/* Free a string returned by the library. NULL is ignored. */
void pf_string_free(char* s);

/* Free a table handle. NULL is ignored. */
void pf_table_free(pf_table* table);
int64_t pf_table_num_rows(const pf_table* table);
int64_t pf_table_num_columns(const pf_table* table);
/* Number of record batches (chunks). */
int64_t pf_table_num_batches(const pf_table* table);

/* Export the table as a stream of struct arrays (one per batch). Zero-copy. */
pf_status pf_table_export_stream(const pf_table* table, struct ArrowArrayStream* out);
/* Export the table's schema (a struct-typed ArrowSchema). */
pf_status pf_table_export_schema(const pf_table* table, struct ArrowSchema* out);
/* Import (move) a stream of struct arrays as a table. Every batch is validated. */
pf_status pf_table_import_stream(struct ArrowArrayStream* stream, pf_table** out);
/* Import (move) one struct array with its schema as a one-batch table.
   The schema is released by the library; the array is moved. */
pf_status pf_table_import_array(struct ArrowSchema* schema, struct ArrowArray* array, pf_table** out);

/* Zero-copy slice of rows [offset, offset+length) (clamped to the table). */
pf_status pf_table_slice(const pf_table* table, int64_t offset, int64_t length, pf_table** out);
/* Aligned text preview of at most max_rows rows; free with pf_string_free. */
pf_status pf_table_preview(const pf_table* table, int64_t max_rows, char** out);
/* Structural equality of two tables (schema and values, chunking ignored). */
pf_status pf_table_equals(const pf_table* a, const pf_table* b, int32_t* out_equal);

/* A deterministic demo table with `rows` rows: columns
   id int64 (i), value float64 (i * 0.25, null when i % 10 == 9),
   label utf8 ("row-" + (i % 1000), null when i % 13 == 0),
   generated natively with `batch_rows` rows per batch (0: one batch). */
pf_status pf_demo_table(int64_t rows, int64_t batch_rows, pf_table** out);

/* ==== Parquet ==== */
/* reading */
typedef struct pf_parquet_reader pf_parquet_reader; /* a streaming Parquet batch reader */

/* Read a Parquet file into a table (columns and row groups decoded in parallel).
   options_json may be NULL or "" for defaults, or a JSON object with any of:
     "columns": ["a", "b.c"]   top-level names or dotted nested paths (in this order),
     "row_groups": [0, 2],
     "filters": [[["col", op, value], ...], ...]  pyarrow DNF (or one conjunction);
                op: "==" "!=" "<" "<=" ">" ">=" "in" "not in" "is_null" "is_not_null";
                values: numbers, strings, booleans, {"bytes": hex}, {"decimal": "unscaled"},
                temporal values as integers in the column's unit;
     "dictionary_as_arrow": false, "verify_crc": false, "use_threads": true,
     "use_arrow_schema": true (restore exact Arrow types from ARROW:schema).
   Errors: PF_ERR_FORMAT (malformed file; the message names row group and column),
   PF_ERR_UNSUPPORTED (encryption, decimal256...), PF_ERR_IO, PF_ERR_INVALID_ARGUMENT. */
pf_status pf_parquet_read(const char* path, const char* options_json, pf_table** out);
/* Open a batch iterator (one row group in memory at a time; batches of at most
   batch_size rows). Same options as pf_parquet_read. */
pf_status pf_parquet_open_batches(const char* path, const char* options_json, int64_t batch_size,
                                  pf_parquet_reader** out);
/* Next batch as a one-batch table, or *out = NULL at the end. */
pf_status pf_parquet_reader_next(pf_parquet_reader* reader, pf_table** out);
/* Free a reader. NULL is ignored. */
void pf_parquet_reader_free(pf_parquet_reader* reader);
/* File metadata as JSON (free with pf_string_free): num_rows, num_row_groups,
   num_columns, created_by, schema {arrow, columns}, key_value_metadata,
   row_groups[i] {num_rows, columns[j] {codec, encodings, offsets, sizes, num_values,
   statistics {min, max ({"kind", "value"} in the logical domain), null_count,
   distinct_count}, has_page_index, has_bloom_filter}}, file_statistics. */
pf_status pf_parquet_metadata_json(const char* path, char** out);
/* A native metadata handle: the footer's top level (schema, row groups' own fields,
   key-value metadata) decoded at open, each column chunk decoded when it is first asked
   for, with O(1) accessors and no JSON (pf_parquet_metadata_open + accessors is the fast
   path; pf_parquet_metadata_json builds the whole document). A malformed column chunk is
   reported (PF_ERR_FORMAT) by the accessor that decodes it. Handles are immutable: safe
   to share between threads. */
typedef struct pf_parquet_metadata pf_parquet_metadata;
/* Open `path` and decode its footer. Errors as pf_parquet_read. */
pf_status pf_parquet_metadata_open(const char* path, pf_parquet_metadata** out);
/* Free a handle. NULL is ignored. */
void pf_parquet_metadata_free(pf_parquet_metadata* md);
/* Sizes (-1 for a NULL handle). */
int64_t pf_parquet_metadata_num_rows(const pf_parquet_metadata* md);
int64_t pf_parquet_metadata_num_row_groups(const pf_parquet_metadata* md);
int64_t pf_parquet_metadata_num_columns(const pf_parquet_metadata* md); /* leaf columns */
/* The writer string, owned by the handle (valid until pf_parquet_metadata_free), or NULL. */
const char* pf_parquet_metadata_created_by(const pf_parquet_metadata* md);
/* Rows / total_byte_size of row group i (-1 when out of range). */
int64_t pf_parquet_metadata_row_group_num_rows(const pf_parquet_metadata* md, int64_t i);
int64_t pf_parquet_metadata_row_group_total_byte_size(const pf_parquet_metadata* md, int64_t i);
/* The Arrow schema of a full read (struct-typed ArrowSchema, as pf_table_export_schema). */
pf_status pf_parquet_metadata_export_schema(const pf_parquet_metadata* md, struct ArrowSchema* out);
/* One part of the pf_parquet_metadata_json document (free with pf_string_free):
   part >= 0: row_groups[part]; -1: the file-level object without row_groups and
   file_statistics; -2: the whole document. */
pf_status pf_parquet_metadata_part_json(const pf_parquet_metadata* md, int64_t part, char** out);
/* writing */
/* Write a table to a Parquet file, atomically: the data goes to a temporary file
   ".<name>.tmp-<pid>-<random>" in the target directory, is fsynced and renamed over
   `path`; on any error the temporary file is removed and `path` is untouched.
   options_json may be NULL or "" for defaults, or a JSON object with any of
   (null means the default):
     "compression": "zstd" (default) | "snappy" | "gzip" | "lz4_raw" | "brotli" | "none",
     "compression_level": int, "row_group_size": rows (default 1048576),
     "data_page_size": bytes (default 1048576),
     "use_dictionary": true (default) | false | ["col", ...],
     "dictionary_pagesize_limit": bytes (default 1048576; beyond it a chunk is PLAIN),
     "data_page_version": "1.0" (default) | "2.0",
     "column_encoding": {"col": "PLAIN" | "DELTA_BINARY_PACKED" | "DELTA_LENGTH_BYTE_ARRAY"
                         | "DELTA_BYTE_ARRAY" | "BYTE_STREAM_SPLIT" | "RLE"},
     "write_statistics": true, "store_schema": true (ARROW:schema),
     "key_value_metadata": {"key": "value"}.
   Errors: PF_ERR_INVALID_ARGUMENT (options, encodings), PF_ERR_UNSUPPORTED (unions),
   PF_ERR_IO. */
pf_status pf_parquet_write(const pf_table* table, const char* path, const char* options_json);
/* ==== end Parquet ==== */

/* ==== CSV ==== */
typedef struct pf_csv_reader pf_csv_reader; /* a streaming CSV reader */

/* Read a whole CSV file (UTF-8, RFC 4180 and common dialects) into a table, in
   parallel on the process-wide pool. options_json may be NULL or "" for defaults,
   or a flat JSON object with any of:
     "delimiter": ",", "quote_char": "\"" (null or "" disables quoting),
     "escape_char": "\\", "double_quote": true, "comment": "#",
     "header": true (false: columns named f0, f1, ...), "skip_rows": 0,
     "null_values": ["", "NA", "N/A", "NULL", "null"] (NaN reads as float NaN),
     "column_types": {"name": "int64" | "float64" | "bool" | "date32" |
                      "timestamp[s|ms|us|ns]" | "timestamp[us, UTC]" | "utf8" | ...},
     "columns": ["a", "b"] (projection, in this order),
     "ragged": "error" | "fill" | "skip", "encoding_errors": "strict" | "replace",
     "trim_whitespace": false, "ignore_empty_lines": true, "infer_types": true,
     "all_null_type": "utf8", "sample_rows": 1000, "block_size": 4194304,
     "use_mmap": true.
   Types are inferred over the whole file (bool, int64, float64, date32,
   timestamp[s|ns] with or without UTC, else utf8). Errors: PF_ERR_FORMAT for
   malformed input (message names line, field counts or byte offset),
   PF_ERR_IO, PF_ERR_INVALID_ARGUMENT for bad options. */
pf_status pf_csv_read(const char* path, const char* options_json, pf_table** out);

/* Open a CSV file for streaming in batches of at most batch_size rows (0: the
   "batch_size" option, default 65536) with bounded memory. Same options as
   pf_csv_read; types are fixed from the first batch, and a later value that does
   not fit makes pf_csv_reader_next fail with PF_ERR_FORMAT. Free with
   pf_csv_reader_free. */
pf_status pf_csv_open_batches(const char* path, const char* options_json, int64_t batch_size,
                              pf_csv_reader** out);
/* The next batch as a one-batch table (free with pf_table_free), or *out_batch = NULL
   at the end of the file. */
pf_status pf_csv_reader_next(pf_csv_reader* reader, pf_table** out_batch);
/* Free a streaming reader. NULL is ignored. */
void pf_csv_reader_free(pf_csv_reader* reader);

/* Write a table as CSV, atomically (temporary file in the target directory,
   fsync, rename; nothing is left under path on failure). options_json may be
   NULL or a JSON object with "delimiter", "quote_char", "header" (true),
   "null_token" (""), "line_terminator" ("\n"). Strings are quoted only where
   needed; nested columns fail with PF_ERR_UNSUPPORTED. */
pf_status pf_csv_write(const pf_table* table, const char* path, const char* options_json);
/* ==== end CSV ==== */

/* ==== Avro ==== */
/* Avro object container files (Avro 1.11): codecs null, deflate, snappy (CRC checked),
   zstandard, bzip2, xz. Types map to Arrow as: record -> struct (top level: the table's
   columns; a non-record top level is one column "value"), enum -> dictionary<int32, utf8>,
   array -> list, map -> map<utf8, T>, fixed -> fixed_size_binary, ["null", T] -> nullable T,
   any other union -> dense_union (one child per branch, type ids 0..n-1 in branch order,
   children named "int", "string", ..., a record/enum/fixed's full name, "array", "map";
   a "null" branch is a child of type null that holds the union's nulls),
   decimal (precision <= 38) -> decimal128, uuid -> utf8 / fixed_size_binary(16),
   date -> date32, time-millis -> time32(ms), time-micros -> time64(us),
   timestamp-* -> timestamp(unit, "UTC"), local-timestamp-* -> timestamp(unit),
   duration -> struct<months, days, milliseconds: uint32>.
   Recursive schemas and decimals above 38 digits give PF_ERR_UNSUPPORTED;
   malformed files give PF_ERR_FORMAT with the byte offset in the message. */
typedef struct pf_avro_reader pf_avro_reader; /* a streaming Avro reader */

/* Read a whole Avro file into a table (blocks decoded in parallel on the thread pool).
   `columns` names the top-level fields to read, in the order wanted (the others are
   skipped without decoding); n_columns == 0 reads all (columns may then be NULL). */
pf_status pf_avro_read(const char* path, const char* const* columns, int32_t n_columns, pf_table** out);
/* Open a streaming reader yielding tables of at most batch_size (> 0) rows each.
   `columns` / `n_columns` as in pf_avro_read. Free with pf_avro_reader_free. */
pf_status pf_avro_open_batches(const char* path, const char* const* columns, int32_t n_columns,
                               int64_t batch_size, pf_avro_reader** out);
/* The next batch as a one-batch table, or *out = NULL (and PF_OK) at the end.
   After an error the reader yields no more batches. */
pf_status pf_avro_reader_next(pf_avro_reader* reader, pf_table** out);
/* Free a streaming reader. NULL is ignored. */
void pf_avro_reader_free(pf_avro_reader* reader);
/* The writer schema JSON stored in the file header; free with pf_string_free. */
pf_status pf_avro_schema_json(const char* path, char** out);
/* ==== end Avro ==== */

/* ==== Graph ==== */
/*
 * Graphs in compressed sparse row form (out-CSR plus an in-CSC for directed
 * graphs, built on first use). A pf_graph is immutable and may be used from
 * several threads at once; free it with pf_graph_free.
 *
 * Vertex ids. A graph has one of three id types (pf_graph_id_type):
 *   0 dense  - integer ids used as vertex indices 0..V-1;
 *   1 int64  - other integer ids, mapped through a sorted id map;
 *   2 string - string ids (only from pf_graph_from_table), sorted by UTF-8 bytes.
 * Vertex arguments of the functions below (sources, v, u) are original int64 ids
 * for id types 0 and 1, and dense vertex indices (positions in pf_graph_vertices)
 * for string-id graphs. Result tables report original ids (int64 or utf8).
 *
 * Result tables (Arrow nulls, never sentinels):
 *   bfs        vertex, distance int64 (null unreached), predecessor (null for
 *              sources and unreached vertices)
 *   dfs        vertex, order int64, predecessor: visited vertices in pre-order
 *   pagerank   vertex, rank float64
 *   sssp       vertex, distance float64 (null unreached), predecessor
 *   components vertex, component_id (smallest vertex id of the component)
 *   degree     vertex, degree int64
 *   neighbors  neighbor[, weight float64]: out-neighbours in CSR order
 * Tie-breaking rules (identical for any thread count) are documented on the
 * Swift kernels BFS, DFS and ShortestPaths.
 */
typedef struct pf_graph pf_graph; /* an immutable CSR graph with its vertex ids */

/* Build a graph from n edges src[i] -> dst[i] (int64 ids) with optional weights
   (NULL: unweighted; every weight must be finite). The arrays are read, not kept:
   building the CSR is the only copy. num_vertices >= 0: ids are vertex indices in
   [0, num_vertices) (others are errors); -1: dense when the ids are exactly
   0..max, mapped otherwise. directed != 0 for a directed graph; an undirected
   edge {u,v} is stored in both rows (a self-loop once). */
pf_status pf_graph_from_edges_i64(const int64_t* src, const int64_t* dst, int64_t n,
                                  const double* weights, int64_t num_vertices,
                                  int32_t directed, pf_graph** out);
/* Build a graph from the columns src and dst (any integer type, or utf8 /
   large_utf8; nulls are errors) and the optional weight column (float64, float32
   or integer; NULL name: unweighted; nulls and non-finite values are errors). */
pf_status pf_graph_from_table(const pf_table* table, const char* src, const char* dst,
                              const char* weight, int32_t directed, pf_graph** out);
/* Free a graph. NULL is ignored. Pointers from pf_graph_adjacency die with it. */
void pf_graph_free(pf_graph* graph);
/* Vertex count, edge count (an undirected edge once), -1 for a NULL graph. */
int64_t pf_graph_num_vertices(const pf_graph* graph);
int64_t pf_graph_num_edges(const pf_graph* graph);
/* 1 directed / weighted, 0 not, -1 for a NULL graph. */
int32_t pf_graph_is_directed(const pf_graph* graph);
int32_t pf_graph_is_weighted(const pf_graph* graph);
/* 0 dense, 1 int64 (mapped), 2 string; -1 for a NULL graph. */
int32_t pf_graph_id_type(const pf_graph* graph);
/* Table with one column "vertex": every vertex id in vertex-index order. */
pf_status pf_graph_vertices(const pf_graph* graph, pf_table** out);
/* Table src, dst[, weight] of the stored out-CSR arcs, grouped by source. */
pf_status pf_graph_edges(const pf_graph* graph, pf_table** out);

/* Multi-source BFS (n_sources >= 1). max_depth: -1 none. */
pf_status pf_graph_bfs(const pf_graph* graph, const int64_t* sources, int64_t n_sources,
                       int64_t max_depth, pf_table** out);
/* Pre-order DFS from one source, neighbours in CSR (input) order. max_depth: -1 none. */
pf_status pf_graph_dfs(const pf_graph* graph, int64_t source, int64_t max_depth, pf_table** out);
/* PageRank with networkx semantics (stops when the L1 change < V * tol).
   weighted != 0 uses the edge weights; personalization (nullable) has one
   non-negative value per vertex in vertex-index order. iterations and converged
   (both nullable) receive the iteration count and 1/0. */
pf_status pf_graph_pagerank(const pf_graph* graph, double alpha, double tol, int64_t max_iter,
                            int32_t weighted, const double* personalization, pf_table** out,
                            int64_t* iterations, int32_t* converged);
/* Shortest paths from the nearest of n sources. weighted != 0 uses the edge
   weights (an error on an unweighted graph; negative weights are errors), else
   hop counts. algorithm: 0 Dijkstra, 1 delta-stepping (same results). */
pf_status pf_graph_sssp(const pf_graph* graph, const int64_t* sources, int64_t n,
                        int32_t weighted, int32_t algorithm, pf_table** out);
/* Weakly (strong == 0) or strongly connected components. */
pf_status pf_graph_components(const pf_graph* graph, int32_t strong, pf_table** out);
/* Degrees: mode 0 out, 1 in, 2 total (networkx degree: self-loops count twice
   on undirected graphs). */
pf_status pf_graph_degree(const pf_graph* graph, int32_t mode, pf_table** out);
/* Out-neighbours of v. */
pf_status pf_graph_neighbors(const pf_graph* graph, int64_t v, pf_table** out);
/* *out = 1 when an edge u -> v exists (either direction when undirected). */
pf_status pf_graph_has_edge(const pf_graph* graph, int64_t u, int64_t v, int32_t* out);
/* The CSR (incoming == 0) or CSC (incoming != 0) arrays WITHOUT copying, valid
   while the graph lives: offsets int64[n_offsets] (= V + 1), targets
   [n_targets] of target_width bytes each (4: uint32, 8: int64), weights
   float64[n_targets] or NULL when unweighted (weights may be NULL to skip).
   For an undirected graph both directions are the same arrays. Indices are
   dense vertex indices. The buffers are 64-byte aligned. */
pf_status pf_graph_adjacency(const pf_graph* graph, int32_t incoming, const int64_t** offsets,
                             const void** targets, int32_t* target_width, const double** weights,
                             int64_t* n_offsets, int64_t* n_targets);
/* Summary statistics as a JSON object (free with pf_string_free). */
pf_status pf_graph_summary(const pf_graph* graph, char** json);
/* ==== end Graph ==== */

/* ==== Workflow ==== */
/*
 * DAG workflows: load from YAML or JSON, validate, render, run with retries, timeouts,
 * cancellation and progress events. See PFWorkflow for the file format.
 *
 * Step types available to workflows loaded here: command, noop, read, write, graph.build,
 * graph.pagerank, graph.bfs, graph.sssp, graph.components (ParquetFrame's WorkflowSteps),
 * and python once pf_workflow_set_python_handler installed a handler. A step's `output:`
 * file is written atomically by extension (.parquet, .csv, .tsv); file inputs are read.
 *
 * Threads: pf_workflow_run blocks the calling thread until the run ends; steps run on
 * the library's worker threads, and BOTH callbacks (pf_progress_cb, pf_step_cb) are
 * invoked on those worker threads, possibly several at once. `python` steps run on a
 * dedicated pool (python_threads) whose first worker is the thread that called
 * pf_workflow_run: with the default single python thread every pf_step_cb call (and
 * the progress events of python steps) happens on the caller's own thread. A Python
 * ctypes caller must make its callbacks thread-safe and take the GIL inside them (ctypes
 * CFUNCTYPE does), and must keep the callback objects alive until pf_workflow_run returns.
 */
typedef struct pf_workflow pf_workflow;         /* a loaded workflow */
typedef struct pf_cancel_token pf_cancel_token; /* a thread-safe cancellation flag */

/* Progress event as a JSON object, e.g.
   {"event":"completed","step":"load","attempt":1,"duration_s":0.12,"rows":1000}
   event: started | retrying | completed | failed | cancelled | skipped | progress;
   optional keys: duration_s, rows, message (error or skip reason), delay_s (retrying).
   The string is valid only during the call. */
typedef void (*pf_progress_cb)(const char* event_json, void* user_data);

/* Runs one attempt of a `type: python` step. step_index is the step's position in the
   workflow's step list (definition order, 0-based; a cheap key for a per-step cache);
   step_name and params_json are its name and params (a JSON object), both fixed for the
   workflow and valid only during the call. inputs[i] is the output table of the step's
   i-th declared input (NULL when that input has no table); the handles belong to the
   library and are valid only during the call. On success return 0 and set *out to a new
   pf_table* (ownership passes to the library) or leave it NULL for no table. On failure
   return non-zero (PF_ERR_CANCELLED marks the attempt cancelled) and optionally set
   *error to a message allocated with malloc (the library frees it). Python steps cannot
   be interrupted: a timeout is noticed when the callback returns. */
typedef int32_t (*pf_step_cb)(int32_t step_index, const char* step_name, const char* params_json,
                              pf_table* const* inputs, int32_t n_inputs,
                              pf_table** out, char** error, void* user_data);

/* Load a YAML workflow file. variables_json (may be NULL) is a JSON object of variables
   overriding the file's `variables`, e.g. {"input": "x.parquet"}. Structural problems
   (unknown keys, wrong types) do not fail loading: pf_workflow_validate reports them. */
pf_status pf_workflow_from_yaml(const char* path, const char* variables_json, pf_workflow** out);
/* Load a workflow from a JSON document with the same structure as the YAML form. */
pf_status pf_workflow_from_json(const char* json, const char* variables_json, pf_workflow** out);
/* Free a workflow. NULL is ignored. */
void pf_workflow_free(pf_workflow* wf);

/* All validation problems as a JSON array (free with pf_string_free); "[]" when valid:
   [{"message": "...", "line": 12, "column": 5, "step": "load", "text": "line 12: ..."}]
   line/column/step are null when unknown. */
pf_status pf_workflow_validate(pf_workflow* wf, char** errors_json);
/* The DAG as a Mermaid flowchart / Graphviz DOT document (free with pf_string_free). */
pf_status pf_workflow_to_mermaid(pf_workflow* wf, char** out);
pf_status pf_workflow_to_dot(pf_workflow* wf, char** out);

/* Handle `type: python` steps with cb for this workflow's runs (NULL removes it).
   Without a handler, python steps fail validation. */
pf_status pf_workflow_set_python_handler(pf_workflow* wf, pf_step_cb cb, void* user_data);

/* Run the workflow; blocks until it ends. options_json (may be NULL) is a JSON object:
   max_parallel, cpu_threads, io_threads, history_dir (default <work_dir>/.pframe-history),
   resume_run_id (re-run that failed/cancelled run, reusing its completed steps),
   write_history (default true), keep_outputs (default true), python_threads (threads
   for python steps, default 1: they serialise on the GIL anyway).
   token (may be NULL) cancels the run from another thread. cb (may be NULL) receives
   progress events on worker threads. A run whose steps fail still returns PF_OK:
   *result_json (free with pf_string_free) holds the run record —
   {"run_id","workflow","status": "succeeded"|"failed"|"cancelled","started_at","ended_at",
    "resumed_from","history_path","engine_seconds" (scheduler setup to last worker joined;
    excludes parsing, validation and encoding),"worker_threads","output_steps" (names of
    the steps whose output table pf_workflow_output returns, definition order),
    "steps":[{"name","type","status","attempts","started_at","ended_at",
    "attempt_durations_s","error","stdout","stderr","exit","output_path","output_written",
    "rows","produced_table"}]} — "steps" comes last.
   An invalid workflow returns PF_ERR_INVALID_ARGUMENT (message lists every problem). */
pf_status pf_workflow_run(pf_workflow* wf, const char* options_json, pf_cancel_token* token,
                          pf_progress_cb cb, void* user_data, char** result_json);
/* The output table of `step` from the last run (a new handle, free with pf_table_free). */
pf_status pf_workflow_output(pf_workflow* wf, const char* step, pf_table** out);

/* Cancellation tokens: create, cancel (thread-safe, idempotent), free. */
pf_status pf_cancel_token_new(pf_cancel_token** out);
pf_status pf_cancel_token_cancel(pf_cancel_token* token);
void pf_cancel_token_free(pf_cancel_token* token);
/* ==== end Workflow ==== */

#ifdef __cplusplus
}
#endif
#endif /* PARQUETFRAME_H */
