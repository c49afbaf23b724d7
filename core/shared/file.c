#include "core/shared/file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "core/shared/buf.h"

enum status
file_errno_status(int e)
{
	return (e == ENOENT || e == ENOTDIR) ? STATUS_NOENT : STATUS_IO;
}

enum status
file_read(const char *path, size_t max, char **data, size_t *len)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	ssize_t n;
	int fd;

	*data = NULL;
	*len = 0;
	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return file_errno_status(errno);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			if (fd != STDIN_FILENO)
				close(fd);
			buf_free(&b);
			return e == EISDIR ? STATUS_IO : file_errno_status(e);
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max) {
			if (fd != STDIN_FILENO)
				close(fd);
			buf_free(&b);
			return STATUS_TOO_LARGE;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	*len = b.len;
	*data = buf_steal(&b);
	return STATUS_OK;
}
