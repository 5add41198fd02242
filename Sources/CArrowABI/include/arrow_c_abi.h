/*
 * Arrow C Data Interface and C Stream Interface structures, as defined by the
 * Apache Arrow specification ("The Arrow C data interface", "The Arrow C stream
 * interface"). The layout of these structs is fixed by the specification.
 */
#ifndef PF_ARROW_C_ABI_H
#define PF_ARROW_C_ABI_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;
  void (*release)(struct ArrowSchema*);
  void* private_data;
};

struct ArrowArray {
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;
  void (*release)(struct ArrowArray*);
  void* private_data;
};

#endif /* ARROW_C_DATA_INTERFACE */

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  const char* (*get_last_error)(struct ArrowArrayStream*);
  void (*release)(struct ArrowArrayStream*);
  void* private_data;
};

#endif /* ARROW_C_STREAM_INTERFACE */

/* Helpers for Swift: calling the function pointers of a struct owned elsewhere. */
static inline void pf_arrow_schema_release(struct ArrowSchema* s) {
  if (s && s->release) s->release(s);
}
static inline void pf_arrow_array_release(struct ArrowArray* a) {
  if (a && a->release) a->release(a);
}
static inline void pf_arrow_stream_release(struct ArrowArrayStream* s) {
  if (s && s->release) s->release(s);
}
static inline int pf_arrow_stream_get_schema(struct ArrowArrayStream* s, struct ArrowSchema* out) {
  return s->get_schema(s, out);
}
static inline int pf_arrow_stream_get_next(struct ArrowArrayStream* s, struct ArrowArray* out) {
  return s->get_next(s, out);
}
static inline const char* pf_arrow_stream_get_last_error(struct ArrowArrayStream* s) {
  return s->get_last_error ? s->get_last_error(s) : 0;
}

#ifdef __cplusplus
}
#endif
#endif /* PF_ARROW_C_ABI_H */
