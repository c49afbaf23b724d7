/*
 * Unit tests for queue actions (core/queue/queue_action.h): the
 * vocabulary, queue IDs, targets taken from listings, the argument
 * vectors for Postfix and Exim, running them (fake commands in a
 * temporary directory), and the outcome a later listing shows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/queue/queue_action.h"
#include "core/shared/buf.h"
#include "tests/unit/children.h"

/* A Postfix listing: two deferred messages (one for two domains), one on hold. */
static const char postfix_listing[] =
    "{\"queue_name\": \"deferred\", \"queue_id\": \"2EBF3A867D1\", \"arrival_time\": 1795875161, "
    "\"sender\": \"a@local.test\", \"recipients\": [{\"address\": \"x@remote.test\", "
    "\"delay_reason\": \"host mx.remote.test said: 450 4.4.7 try later\"}]}\n"
    "{\"queue_name\": \"deferred\", \"queue_id\": \"3Pv8Xf1ZmYz2TqB\", \"arrival_time\": 1795875161, "
    "\"sender\": \"a@local.test\", \"recipients\": [{\"address\": \"y@remote.test\", "
    "\"delay_reason\": \"connect to mx.remote.test: Connection refused\"}, "
    "{\"address\": \"z@bank.test\", \"delay_reason\": \"host mx.bank.test said: 451 4.7.1 greylisted\"}]}\n"
    "{\"queue_name\": \"hold\", \"queue_id\": \"2F5DAA867E1\", \"arrival_time\": 1795875161, "
    "\"sender\": \"\", \"recipients\": [{\"address\": \"w@remote.test\"}]}\n";

/* An Exim listing: one queued, one frozen (the 4.97 form of ID). */
static const char exim_listing[] =
    " 0m   548 1xXJAy-0006c9-3C <a@local.test>\n"
    "          x@remote.test\n\n"
    " 5m   542 1xXJAz-00000000Abc-0eXy <a@local.test> *** frozen ***\n"
    "          y@remote.test\n\n";

static struct queue *
listing(const char *text)
{
	struct queue *q;

	assert_int_equal(queue_parse(text, strlen(text), QUEUE_FORMAT_AUTO, 1795875200, &q),
	    STATUS_OK);
	return q;
}

static void
test_vocabulary(void **state)
{
	enum queue_action a;

	(void)state;
	assert_int_equal(QUEUE_ACTION_COUNT, 4);
	assert_int_equal(queue_action_parse("hold", &a), STATUS_OK);
	assert_int_equal(a, QUEUE_ACTION_HOLD);
	assert_string_equal(queue_action_done(a), "held");
	assert_int_equal(queue_action_parse("delete", &a), STATUS_OK);
	assert_true(queue_action_destroys(a));
	assert_false(queue_action_destroys(QUEUE_ACTION_FLUSH));
	assert_int_equal(queue_action_parse("purge", &a), STATUS_NOT_FOUND);
	assert_string_equal(queue_action_name(QUEUE_ACTION_COUNT), "");
	for (int i = 0; i < QUEUE_ACTION_COUNT; i++) {
		assert_true(strlen(queue_action_name((enum queue_action)i)) > 0);
		assert_true(strlen(queue_action_done((enum queue_action)i)) > 0);
		assert_true(strlen(queue_action_help((enum queue_action)i)) > 0);
	}
}

static void
test_ids(void **state)
{
	static const char *const postfix_good[] = { "2EBF3A867D1", "ABCDEF", "3Pv8Xf1ZmYz2TqB",
	    "4QdFkT0Ymbz7Xp" };
	static const char *const exim_good[] = { "1xXJAy-0006c9-3C", "1xXJAz-00000000Abc-0eXy" };
	static const char *const bad[] = { "", "-h", "--all", "ALL", "2ebf3a867d1", "ABCDE",
	    "2EBF3A867D1 ", "2EBF3A867D1\n", "../etc", "ABC;rm", "AEIOUAEIOUzB",
	    "3Pv8Xf1Zmz2TqB", "3Pv8Xf1ZmYz2TqBz", "1xXJAy-0006c9-3", "1xXJAy_0006c9-3C",
	    "-xXJAy-0006c9-3C", "1xXJAy-0006c9-3C-", "1xXJAz-00000000Abc-0eX",
	    "\xc3\xa9xXJAy-0006c9-3C" };

	(void)state;
	for (size_t i = 0; i < sizeof(postfix_good) / sizeof(postfix_good[0]); i++) {
		assert_true(queue_action_id_ok(QUEUE_MTA_POSTFIX, postfix_good[i]));
		assert_false(queue_action_id_ok(QUEUE_MTA_EXIM, postfix_good[i]));
		assert_true(queue_action_id_ok(QUEUE_MTA_AUTO, postfix_good[i]));
	}
	for (size_t i = 0; i < sizeof(exim_good) / sizeof(exim_good[0]); i++) {
		assert_true(queue_action_id_ok(QUEUE_MTA_EXIM, exim_good[i]));
		assert_false(queue_action_id_ok(QUEUE_MTA_POSTFIX, exim_good[i]));
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(queue_action_id_ok(QUEUE_MTA_AUTO, bad[i]));
	}
	assert_false(queue_action_id_ok(QUEUE_MTA_AUTO, NULL));
	/* Longer than any real ID. */
	assert_false(queue_action_id_ok(QUEUE_MTA_POSTFIX, "0123456789ABCDEF01234"));
}

static void
describe(const struct queue_target *t, size_t max, const char *want)
{
	struct buf b = BUF_INIT;

	queue_target_describe(t, max, &b);
	assert_string_equal(b.data, want);
	buf_free(&b);
}

static void
test_targets(void **state)
{
	struct queue *q = listing(postfix_listing);
	struct queue_select sel = { NULL, "remote.test", NULL };
	struct queue_target t;
	const char *ids[] = { "2EBF3A867D1", "3Pv8Xf1ZmYz2TqB", "2EBF3A867D1" };
	const char *bad;

	(void)state;
	assert_int_equal(queue_action_mta_of(q), QUEUE_MTA_POSTFIX);
	/* A domain: its messages in the deferred queue; one also goes to bank.test. */
	assert_int_equal(queue_target_select(q, QUEUE_ACTION_HOLD, &sel, &t), STATUS_OK);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.ids[0], "2EBF3A867D1");
	assert_string_equal(t.ids[1], "3Pv8Xf1ZmYz2TqB");
	assert_int_equal(t.nrcpts, 3);
	assert_int_equal(t.others, 1);
	assert_int_equal(t.skipped, 0);
	assert_false(t.whole);
	describe(&t, 5, "hold 2 messages (3 recipients) for remote.test in the deferred queue, "
	    "1 of them also for other recipients: 2EBF3A867D1, 3Pv8Xf1ZmYz2TqB");
	describe(&t, 1, "hold 2 messages (3 recipients) for remote.test in the deferred queue, "
	    "1 of them also for other recipients: 2EBF3A867D1, and 1 more");
	queue_target_free(&t);
	/* Every queue: the held message is no target of hold, and counted. */
	sel.queue = "all";
	assert_int_equal(queue_target_select(q, QUEUE_ACTION_HOLD, &sel, &t), STATUS_OK);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.skipped, 1);
	queue_target_free(&t);
	/* Release looks in every queue by default, and takes only what is held. */
	sel.queue = NULL;
	assert_string_equal(queue_action_queue(QUEUE_ACTION_RELEASE, q), "all");
	assert_int_equal(queue_target_select(q, QUEUE_ACTION_RELEASE, &sel, &t), STATUS_OK);
	describe(&t, 3, "release 1 message (1 recipient) for remote.test in every queue: 2F5DAA867E1");
	assert_int_equal(t.n, 1);
	assert_string_equal(t.ids[0], "2F5DAA867E1");
	assert_string_equal(t.queues[0], "hold");
	assert_int_equal(t.skipped, 2);
	queue_target_free(&t);
	/* A cause, and a domain nobody waits for. */
	sel = (struct queue_select){ NULL, NULL, "blocked" };
	assert_int_equal(queue_target_select(q, QUEUE_ACTION_DELETE, &sel, &t), STATUS_OK);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.ids[0], "3Pv8Xf1ZmYz2TqB");
	queue_target_free(&t);
	sel = (struct queue_select){ NULL, "nowhere.test", NULL };
	assert_int_equal(queue_target_select(q, QUEUE_ACTION_DELETE, &sel, &t), STATUS_OK);
	assert_int_equal(t.n, 0);
	queue_target_free(&t);
	/* The whole default queue. */
	sel = (struct queue_select){ NULL, NULL, NULL };
	assert_int_equal(queue_target_select(q, QUEUE_ACTION_FLUSH, &sel, &t), STATUS_OK);
	assert_int_equal(t.n, 2);
	assert_true(t.whole);
	queue_target_free(&t);
	/* Named IDs: duplicates once. */
	assert_int_equal(queue_target_ids(q, QUEUE_ACTION_DELETE, ids, 3, &t, &bad), STATUS_OK);
	assert_null(bad);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.action, QUEUE_ACTION_DELETE);
	describe(&t, 0, "delete 2 messages (3 recipients), for good and without a bounce to the "
	    "senders");
	describe(&t, 1, "delete 2 messages (3 recipients), for good and without a bounce to the "
	    "senders: 2EBF3A867D1, and 1 more");
	queue_target_free(&t);
	/* Not an ID, not in the queue, not on hold: refused by name, nothing kept. */
	ids[1] = "-d";
	assert_int_equal(queue_target_ids(q, QUEUE_ACTION_DELETE, ids, 2, &t, &bad), STATUS_INVALID);
	assert_string_equal(bad, "-d");
	assert_int_equal(t.n, 0);
	assert_null(t.ids);
	ids[1] = "ABCDEF0123";
	assert_int_equal(queue_target_ids(q, QUEUE_ACTION_DELETE, ids, 2, &t, &bad), STATUS_NOT_FOUND);
	assert_string_equal(bad, "ABCDEF0123");
	assert_int_equal(queue_target_ids(q, QUEUE_ACTION_RELEASE, ids, 1, &t, &bad), STATUS_SYNTAX);
	assert_string_equal(bad, "2EBF3A867D1");
	assert_string_equal(queue_action_refusal(QUEUE_ACTION_RELEASE, &q->messages[0]),
	    "is not on hold");
	assert_string_equal(queue_action_refusal(QUEUE_ACTION_FLUSH, &q->messages[2]),
	    "is on hold: release it first");
	assert_null(queue_action_refusal(QUEUE_ACTION_DELETE, &q->messages[2]));
	assert_null(queue_action_refusal(QUEUE_ACTION_HOLD, &q->messages[0]));
	assert_string_equal(queue_action_refusal(QUEUE_ACTION_HOLD, &q->messages[2]),
	    "is on hold already");
	assert_null(queue_action_refusal(QUEUE_ACTION_RELEASE, &q->messages[2]));
	assert_null(queue_action_refusal(QUEUE_ACTION_FLUSH, &q->messages[0]));
	assert_string_equal(queue_action_skipped(QUEUE_ACTION_HOLD), "on hold already");
	assert_int_equal(queue_target_ids(q, QUEUE_ACTION_DELETE, ids, 0, &t, &bad), STATUS_EMPTY);
	queue_free(q);
}

/* The commands as one string: vectors split by " | ", words by spaces. */
static char *
commands_str(const struct queue_action_opts *o, const struct queue_target *t, enum status *st)
{
	struct queue_commands c;
	struct buf b = BUF_INIT;

	*st = queue_action_commands(o, t, &c);
	for (size_t i = 0; i < c.n; i++) {
		if (i > 0)
			buf_adds(&b, " | ");
		for (char **p = c.argv[i]; *p != NULL; p++)
			buf_printf(&b, "%s%s", p == c.argv[i] ? "" : " ", *p);
	}
	queue_commands_free(&c);
	return buf_steal(&b);
}

static void
expect_commands(const struct queue_action_opts *o, const struct queue_target *t,
    enum status want_st, const char *want)
{
	enum status st;
	char *got = commands_str(o, t, &st);

	assert_int_equal(st, want_st);
	assert_string_equal(got, want);
	free(got);
}

static void
test_argv_postfix(void **state)
{
	struct queue *q = listing(postfix_listing);
	struct queue_action_opts o = { .command = "/opt/pf/sbin/postqueue", .cancel_fd = -1 };
	struct queue_select sel = { NULL, NULL, NULL };
	const char *ids[] = { "2EBF3A867D1", "3Pv8Xf1ZmYz2TqB" }, *bad;
	struct queue_target t;

	(void)state;
	assert_int_equal(queue_target_ids(q, QUEUE_ACTION_HOLD, ids, 2, &t, &bad), STATUS_OK);
	expect_commands(&o, &t, STATUS_OK,
	    "/opt/pf/sbin/postsuper -h 2EBF3A867D1 -h 3Pv8Xf1ZmYz2TqB");
	t.action = QUEUE_ACTION_DELETE;
	o.config_dir = "/etc/postfix-out";
	expect_commands(&o, &t, STATUS_OK,
	    "/opt/pf/sbin/postsuper -c /etc/postfix-out -d 2EBF3A867D1 -d 3Pv8Xf1ZmYz2TqB");
	/* postqueue flushes one message per command. */
	t.action = QUEUE_ACTION_FLUSH;
	expect_commands(&o, &t, STATUS_OK,
	    "/opt/pf/sbin/postqueue -c /etc/postfix-out -i 2EBF3A867D1 | "
	    "/opt/pf/sbin/postqueue -c /etc/postfix-out -i 3Pv8Xf1ZmYz2TqB");
	/* Exim's option with a Postfix listing; an Exim command. */
	o.config_dir = NULL;
	o.exim_config = "/etc/exim4/other.conf";
	expect_commands(&o, &t, STATUS_INVALID, "");
	o.exim_config = NULL;
	o.command = "/usr/sbin/exim4";
	expect_commands(&o, &t, STATUS_INVALID, "");
	/* A command without a directory: postsuper beside it, as given. */
	o.command = "postqueue";
	t.action = QUEUE_ACTION_RELEASE;
	expect_commands(&o, &t, STATUS_OK, "postsuper -H 2EBF3A867D1 -H 3Pv8Xf1ZmYz2TqB");
	/* An ID changed after the target was made is never run. */
	free(t.ids[1]);
	t.ids[1] = xstrdup("-d");
	expect_commands(&o, &t, STATUS_INVALID, "");
	queue_target_free(&t);
	/* The whole deferred queue: postqueue -f. */
	o.command = "/opt/pf/sbin/postqueue";
	assert_int_equal(queue_target_select(q, QUEUE_ACTION_FLUSH, &sel, &t), STATUS_OK);
	expect_commands(&o, &t, STATUS_OK, "/opt/pf/sbin/postqueue -f");
	queue_target_free(&t);
	/* All of another queue: -f would flush more than that. */
	memset(&t, 0, sizeof(t));
	t.action = QUEUE_ACTION_FLUSH;
	t.mta = QUEUE_MTA_POSTFIX;
	t.whole = true;
	t.queue = xstrdup("incoming");
	t.n = 1;
	t.ids = xcalloc(1, sizeof(*t.ids));
	t.queues = xcalloc(1, sizeof(*t.queues));
	t.ids[0] = xstrdup("2EBF3A867D1");
	t.queues[0] = xstrdup("incoming");
	expect_commands(&o, &t, STATUS_OK, "/opt/pf/sbin/postqueue -i 2EBF3A867D1");
	queue_target_free(&t);
	sel.queue = NULL;
	sel.domain = "bank.test";
	assert_int_equal(queue_target_select(q, QUEUE_ACTION_FLUSH, &sel, &t), STATUS_OK);
	expect_commands(&o, &t, STATUS_OK, "/opt/pf/sbin/postqueue -i 3Pv8Xf1ZmYz2TqB");
	queue_target_free(&t);
	sel.domain = "nowhere.test";
	assert_int_equal(queue_target_select(q, QUEUE_ACTION_FLUSH, &sel, &t), STATUS_OK);
	expect_commands(&o, &t, STATUS_EMPTY, "");
	queue_target_free(&t);
	queue_free(q);
}

static void
test_argv_exim(void **state)
{
	struct queue *q = listing(exim_listing);
	struct queue_action_opts o = { .command = "/usr/local/sbin/exim", .cancel_fd = -1 };
	const char *ids[] = { "1xXJAy-0006c9-3C", "1xXJAz-00000000Abc-0eXy" }, *bad;
	struct queue_target t;
	struct buf want = BUF_INIT;
	char id[64];

	(void)state;
	assert_int_equal(queue_action_mta_of(q), QUEUE_MTA_EXIM);
	assert_true(queue_msg_held(&q->messages[1]));
	assert_int_equal(queue_target_ids(q, QUEUE_ACTION_DELETE, ids, 2, &t, &bad), STATUS_OK);
	expect_commands(&o, &t, STATUS_OK,
	    "/usr/local/sbin/exim -Mrm 1xXJAy-0006c9-3C 1xXJAz-00000000Abc-0eXy");
	o.exim_config = "/etc/exim4/e2e.conf";
	t.action = QUEUE_ACTION_HOLD;
	expect_commands(&o, &t, STATUS_OK,
	    "/usr/local/sbin/exim -C /etc/exim4/e2e.conf -Mf 1xXJAy-0006c9-3C 1xXJAz-00000000Abc-0eXy");
	t.action = QUEUE_ACTION_RELEASE;
	expect_commands(&o, &t, STATUS_OK,
	    "/usr/local/sbin/exim -C /etc/exim4/e2e.conf -Mt 1xXJAy-0006c9-3C 1xXJAz-00000000Abc-0eXy");
	t.action = QUEUE_ACTION_FLUSH;
	o.exim_config = NULL;
	expect_commands(&o, &t, STATUS_OK,
	    "/usr/local/sbin/exim -M 1xXJAy-0006c9-3C 1xXJAz-00000000Abc-0eXy");
	o.config_dir = "/etc/postfix";
	expect_commands(&o, &t, STATUS_INVALID, "");
	queue_target_free(&t);
	/* A long list: commands of QUEUE_ACTION_BATCH_FLUSH IDs for -M. */
	o.config_dir = NULL;
	memset(&t, 0, sizeof(t));
	t.action = QUEUE_ACTION_FLUSH;
	t.mta = QUEUE_MTA_EXIM;
	t.n = QUEUE_ACTION_BATCH_FLUSH + 1;
	t.ids = xcalloc(t.n, sizeof(*t.ids));
	t.queues = xcalloc(t.n, sizeof(*t.queues));
	for (size_t i = 0; i < t.n; i++) {
		snprintf(id, sizeof(id), "1xXJAy-0006c9-%02zu", i);
		t.ids[i] = xstrdup(id);
		t.queues[i] = xstrdup("queued");
		buf_printf(&want, "%s%s", i == 0 ? "/usr/local/sbin/exim -M " :
		    i == QUEUE_ACTION_BATCH_FLUSH ? " | /usr/local/sbin/exim -M " : " ", id);
	}
	expect_commands(&o, &t, STATUS_OK, want.data);
	queue_target_free(&t);
	buf_free(&want);
	queue_free(q);
}

/* An executable script at dir/name. */
static void
script(const char *dir, const char *name, const char *body)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(body, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, 0700), 0);
}

/* The end of a run test: no child left, the target, listing and directory gone. */
static void
finish(const char *dir, struct queue_target *t, struct queue *q)
{
	char cmd[600];

	assert_no_child();
	queue_target_free(t);
	queue_free(q);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_run(void **state)
{
	char dir[] = "/tmp/bq-queueaction-XXXXXX", cmd[600], args[600], *said = NULL;
	struct queue *q = listing(postfix_listing);
	struct queue_action_opts o = { .cancel_fd = -1, .timeout_ms = 10000 };
	const char *ids[] = { "2EBF3A867D1", "3Pv8Xf1ZmYz2TqB" }, *bad;
	struct queue_target t;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "%s/postqueue", dir);
	o.command = cmd;
	snprintf(args, sizeof(args), "#!/bin/sh\necho \"$*\" >> '%s/args'\n"
	    "echo 'postsuper: Placed on hold: 2 messages' >&2\n", dir);
	script(dir, "postsuper", args);
	script(dir, "postqueue", "#!/bin/sh\nexit 0\n");
	assert_int_equal(queue_target_ids(q, QUEUE_ACTION_HOLD, ids, 2, &t, &bad), STATUS_OK);
	assert_int_equal(queue_action_run(&o, &t, &said), STATUS_OK);
	assert_string_equal(said, "postsuper: Placed on hold: 2 messages");
	free(said);
	snprintf(args, sizeof(args), "%s/args", dir);
	assert_non_null(f = fopen(args, "r"));
	assert_non_null(fgets(args, sizeof(args), f));
	fclose(f);
	assert_string_equal(args, "-h 2EBF3A867D1 -h 3Pv8Xf1ZmYz2TqB\n");
	/* Not root: postsuper's own words, and the run says not permitted. */
	script(dir, "postsuper", "#!/bin/sh\n"
	    "echo 'postsuper: fatal: use of this command is reserved for the superuser' >&2\nexit 1\n");
	assert_int_equal(queue_action_run(&o, &t, &said), STATUS_DENIED);
	assert_string_equal(said, "postsuper: fatal: use of this command is reserved for the superuser");
	free(said);
	/* Another failure, with nothing said: how it ended. */
	script(dir, "postsuper", "#!/bin/sh\nexit 3\n");
	assert_int_equal(queue_action_run(&o, &t, &said), STATUS_COMMAND);
	snprintf(args, sizeof(args), "%s/postsuper exited with status 3", dir);
	assert_string_equal(said, args);
	free(said);
	/* Flush: one postqueue per message; the first failure stops the run. */
	t.action = QUEUE_ACTION_FLUSH;
	snprintf(args, sizeof(args), "#!/bin/sh\necho \"$*\" >> '%s/flushed'\n"
	    "echo 'postqueue: fatal: Cannot flush mail queue - mail system is down' >&2\nexit 69\n", dir);
	script(dir, "postqueue", args);
	assert_int_equal(queue_action_run(&o, &t, &said), STATUS_COMMAND);
	assert_string_equal(said, "postqueue: fatal: Cannot flush mail queue - mail system is down");
	free(said);
	snprintf(args, sizeof(args), "%s/flushed", dir);
	assert_non_null(f = fopen(args, "r"));
	assert_non_null(fgets(args, sizeof(args), f));
	assert_null(fgets(cmd, sizeof(cmd), f));
	fclose(f);
	assert_string_equal(args, "-i 2EBF3A867D1\n");
	/* A postsuper that is not there. */
	snprintf(cmd, sizeof(cmd), "%s/nowhere/postqueue", dir);
	t.action = QUEUE_ACTION_DELETE;
	assert_int_equal(queue_action_run(&o, &t, &said), STATUS_COMMAND);
	assert_non_null(strstr(said, "nowhere/postsuper: No such file or directory"));
	free(said);
	finish(dir, &t, q);
}

static void
test_run_exim(void **state)
{
	char dir[] = "/tmp/bq-queueaction-XXXXXX", cmd[600], body[600], *said = NULL;
	struct queue *q = listing(exim_listing);
	struct queue_action_opts o = { .cancel_fd = -1, .timeout_ms = 10000 };
	const char *ids[] = { "1xXJAy-0006c9-3C" }, *bad;
	struct queue_target t;
	int p[2];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "%s/exim4", dir);
	o.command = cmd;
	/* Exim says "permission denied" on stderr to whom is no admin. */
	script(dir, "exim4", "#!/bin/sh\necho 'exim: permission denied' >&2\nexit 1\n");
	assert_int_equal(queue_target_ids(q, QUEUE_ACTION_HOLD, ids, 1, &t, &bad), STATUS_OK);
	assert_int_equal(queue_action_run(&o, &t, &said), STATUS_DENIED);
	assert_string_equal(said, "exim: permission denied");
	free(said);
	/* Its messages come on stdout. */
	snprintf(body, sizeof(body), "#!/bin/sh\n[ \"$1\" = -Mf ] && [ \"$2\" = %s ] || exit 9\n"
	    "echo \"Message $2 is now frozen\"\n", ids[0]);
	script(dir, "exim4", body);
	assert_int_equal(queue_action_run(&o, &t, &said), STATUS_OK);
	assert_string_equal(said, "Message 1xXJAy-0006c9-3C is now frozen");
	free(said);
	/* A delivery attempt that never ends: the cancel descriptor stops it. */
	script(dir, "exim4", "#!/bin/sh\nexec sleep 30\n");
	t.action = QUEUE_ACTION_FLUSH;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "", 1), 1);
	o.cancel_fd = p[0];
	assert_int_equal(queue_action_run(&o, &t, &said), STATUS_CANCELLED);
	free(said);
	close(p[0]);
	close(p[1]);
	/* And a deadline. */
	o.cancel_fd = -1;
	o.timeout_ms = 200;
	assert_int_equal(queue_action_run(&o, &t, &said), STATUS_TIMEOUT);
	free(said);
	finish(dir, &t, q);
}

static void
test_outcome(void **state)
{
	struct queue *before = listing(postfix_listing), *after;
	struct queue_select sel = { "all", "remote.test", NULL };
	struct queue_outcome out;
	struct queue_target t;
	/* After: the first on hold, the second still deferred, the held one gone. */
	static const char later[] =
	    "{\"queue_name\": \"hold\", \"queue_id\": \"2EBF3A867D1\", \"recipients\": [{\"address\": \"x@remote.test\"}]}\n"
	    "{\"queue_name\": \"deferred\", \"queue_id\": \"3Pv8Xf1ZmYz2TqB\", \"recipients\": [{\"address\": \"y@remote.test\"}]}\n";

	(void)state;
	after = listing(later);
	assert_int_equal(queue_target_select(before, QUEUE_ACTION_DELETE, &sel, &t), STATUS_OK);
	assert_int_equal(t.n, 3);
	queue_action_outcome(&t, after, &out);
	assert_int_equal(out.changed, 1);
	assert_int_equal(out.same, 2);
	assert_int_equal(out.gone, 0);
	assert_int_equal(out.fate[2], QUEUE_FATE_CHANGED);
	queue_outcome_free(&out);
	t.action = QUEUE_ACTION_HOLD;
	queue_action_outcome(&t, after, &out);
	assert_int_equal(out.fate[0], QUEUE_FATE_CHANGED);
	assert_int_equal(out.fate[1], QUEUE_FATE_SAME);
	assert_int_equal(out.fate[2], QUEUE_FATE_GONE);
	assert_int_equal(out.changed + out.same + out.gone, 3);
	assert_string_equal(queue_fate_name(t.action, out.fate[0]), "on hold");
	assert_string_equal(queue_fate_name(t.action, out.fate[1]), "not on hold");
	assert_string_equal(queue_fate_name(t.action, out.fate[2]), "left the queue meanwhile");
	queue_outcome_free(&out);
	t.action = QUEUE_ACTION_RELEASE;
	queue_action_outcome(&t, after, &out);
	assert_int_equal(out.fate[0], QUEUE_FATE_SAME);
	assert_int_equal(out.fate[1], QUEUE_FATE_CHANGED);
	assert_int_equal(out.gone, 1);
	queue_outcome_free(&out);
	t.action = QUEUE_ACTION_FLUSH;
	queue_action_outcome(&t, NULL, &out);
	assert_int_equal(out.changed, 3);
	assert_int_equal(out.gone, 0);
	queue_outcome_free(&out);
	queue_target_free(&t);
	queue_free(before);
	queue_free(after);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocabulary),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_argv_postfix),
		cmocka_unit_test(test_argv_exim),
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_run_exim),
		cmocka_unit_test(test_outcome),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
