#include "core/textbounce.h"

void
textbounce_decode(struct bounce *b, GMimeMessage *msg)
{
	(void)b;
	(void)msg;
}
