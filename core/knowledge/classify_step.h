/*
 * classify_step — where in the SMTP dialogue a server refused, on its own
 * so that the classifier's tables (reason_table_int.h) can name steps
 * without including the classifier.
 *
 * Call sequence: none; an enum only.
 */
#ifndef BOUNCEQ_CLASSIFY_STEP_H
#define BOUNCEQ_CLASSIFY_STEP_H

/* Where in the SMTP dialogue the remote server refused. */
enum classify_step {
	CLASSIFY_STEP_UNKNOWN,	/* found from the texts, when they say */
	CLASSIFY_STEP_CONNECT,	/* greeting, HELO/EHLO, STARTTLS */
	CLASSIFY_STEP_MAIL,
	CLASSIFY_STEP_RCPT,
	CLASSIFY_STEP_DATA	/* DATA or end of DATA */
};

#endif
