/*
 * cpus — how many processors are online, for the number of decoding
 * threads when the user set none.
 *
 * Call sequence: n = cpus_online();  nothing to free.
 */
#ifndef BOUNCEQ_CPUS_H
#define BOUNCEQ_CPUS_H

/*
 * The processors online (sysconf(_SC_NPROCESSORS_ONLN)), at least 1 and
 * at most max (max >= 1).
 */
int cpus_online(int max);

#endif
