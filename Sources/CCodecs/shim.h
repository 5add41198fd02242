/* System compression libraries used by the Parquet and Avro readers and writers. */
#ifndef PF_CCODECS_SHIM_H
#define PF_CCODECS_SHIM_H
#include <snappy-c.h>
#include <zstd.h>
#include <zlib.h>
#include <lz4.h>
#include <lz4frame.h>
#include <brotli/decode.h>
#include <brotli/encode.h>
#include <bzlib.h>
#include <lzma.h>
#endif
