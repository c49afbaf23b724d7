/*
 * json — a small streaming JSON writer shared by every subcommand.
 *
 * Call sequence: struct json j; json_init(&j, &buf); json_obj_begin(&j);
 * json_key(&j, "k"); json_str(&j, v); ... json_obj_end(&j).  Output goes to
 * a caller-owned struct buf, on one line, with ", " and ": " separators (the
 * layout of the documented contracts).  Strings are made safe: invalid UTF-8
 * becomes U+FFFD, controls and bidi overrides become \uXXXX escapes, so the
 * output is valid JSON and harmless on a terminal.  Reading JSON is
 * jansson's job (core/shared/jsonread.h); this module only writes.
 */
#ifndef BOUNCEQ_JSON_H
#define BOUNCEQ_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "core/shared/buf.h"

#define JSON_MAX_DEPTH 32

struct json {
	struct buf *out;
	int depth;
	bool first[JSON_MAX_DEPTH];
	bool after_key;
};

void json_init(struct json *j, struct buf *out);
void json_obj_begin(struct json *j);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j);
void json_arr_end(struct json *j);
void json_key(struct json *j, const char *key);
/* A NULL string is written as null. */
void json_str(struct json *j, const char *s);
void json_strn(struct json *j, const char *s, size_t n);
void json_int(struct json *j, long long v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);

/* Appends s[0..n) escaped as a JSON string literal (with quotes) to out. */
void json_escape(struct buf *out, const char *s, size_t n);

#endif
