/*
 * file — reading a whole file into memory with a cap, for every reader of
 * user or hostile files (mail, keymaps, configuration, the cache, saved
 * queue listings).  A cap is part of each call: nothing reads without one.
 *
 * Call sequence: file_read(path, max, &data, &len); use data[0..len)
 * (NUL-terminated); free(data).
 */
#ifndef BOUNCEQ_FILE_H
#define BOUNCEQ_FILE_H

#include <stddef.h>

#include "core/shared/status.h"

/*
 * Reads a whole file (or stdin for "-") into a new NUL-terminated buffer
 * the caller frees.  Returns STATUS_NOENT, STATUS_IO, or STATUS_TOO_LARGE
 * when the file holds more than max bytes; *data is then NULL.
 */
enum status file_read(const char *path, size_t max, char **data, size_t *len);

/* The status for an errno from open(), opendir(), read(): NOENT or IO. */
enum status file_errno_status(int e);

#endif
