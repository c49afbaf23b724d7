#include "core/shared/cpus.h"

#include <unistd.h>

int
cpus_online(int max)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	return n > max ? max : (int)n;
}
