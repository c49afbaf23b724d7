#include "core/classify.h"

void
classify_bounce(struct bounce *b)
{
	(void)b;
}
