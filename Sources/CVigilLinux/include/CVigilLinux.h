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

#endif
