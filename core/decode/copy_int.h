/*
 * copy — whom the returned copy of a message was addressed to, when that
 * is the failed address.  Private to decode/.
 *
 * A report that names no failed address can still be read through its
 * returned copy when the copy went to one address alone: its To names one
 * mailbox and it has no Cc.  A copy distributed by a mailing list is never
 * read so (List-Id, List-Post, X-Mailman-Version, Precedence: list, a
 * list's owner or bounce address as Sender or Errors-To, or the report sent
 * to LIST-bounces/-owner/-request of the copy's To): its To is the list's
 * own address, and a suppression list built from it would remove the list.
 * Neither is the bounce's own sender or recipient, nor a postmaster.
 *
 * Call sequence: copy_sole_recipient(copy, report) -> a new string the
 * caller frees, or NULL.
 */
#ifndef BOUNCEQ_COPY_INT_H
#define BOUNCEQ_COPY_INT_H

#include "core/decode/mime_int.h"

char *copy_sole_recipient(GMimeMessage *copy, GMimeMessage *report);

#endif
