// Thin C shims for the Linux interfaces Swift's Glibc module does not expose: setns(2) (needs
// _GNU_SOURCE), netlink and packet-socket structures, classic BPF socket filters.
#ifndef CVIGIL_LINUX_H
#define CVIGIL_LINUX_H

#include <stdint.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <linux/filter.h>

/// Moves the calling thread into the namespace `fd` refers to (`setns(2)` with CLONE_NEWNET).
int vigil_setns_net(int fd);

/// Attaches a classic BPF program to a socket (SO_ATTACH_FILTER); 0 or -1 with errno.
int vigil_attach_filter(int socket, const struct sock_filter *code, unsigned short length);

/// Datagrams `vigil_receive_datagrams` reads at most in one call.
#define VIGIL_RECEIVE_DATAGRAMS_MAX 64

/// Reads up to `count` (at most VIGIL_RECEIVE_DATAGRAMS_MAX) queued datagrams with one
/// recvmmsg(2) (MSG_DONTWAIT | MSG_TRUNC), datagram i into `buffer + i * slot` (the buffer holds
/// `count * slot` bytes), then moves them back to back from `buffer` on. Returns how many were
/// read, or -1 with errno (EAGAIN: none queued). `*bytes` is their total length; `*truncated`
/// counts datagrams longer than `slot`, which are left out.
int vigil_receive_datagrams(
    int socket, void *buffer, size_t slot, unsigned count, size_t *bytes, unsigned *truncated);

#endif
