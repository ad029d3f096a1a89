// Many datagrams per system call for the conntrack reader: recvmmsg(2) needs _GNU_SOURCE,
// which Swift's Glibc module does not define.
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include "CVigilLinux.h"

int vigil_receive_datagrams(
    int socket, void *buffer, size_t slot, unsigned count, size_t *bytes, unsigned *truncated) {
  struct mmsghdr messages[VIGIL_RECEIVE_DATAGRAMS_MAX];
  struct iovec parts[VIGIL_RECEIVE_DATAGRAMS_MAX];
  *bytes = 0;
  *truncated = 0;
  if (count > VIGIL_RECEIVE_DATAGRAMS_MAX) count = VIGIL_RECEIVE_DATAGRAMS_MAX;
  if (count == 0 || slot == 0) return 0;
  memset(messages, 0, sizeof(struct mmsghdr) * count);
  for (unsigned i = 0; i < count; i++) {
    parts[i].iov_base = (char *)buffer + (size_t)i * slot;
    parts[i].iov_len = slot;
    messages[i].msg_hdr.msg_iov = &parts[i];
    messages[i].msg_hdr.msg_iovlen = 1;
  }
  int got = recvmmsg(socket, messages, count, MSG_DONTWAIT | MSG_TRUNC, NULL);
  if (got < 0) return -1;
  size_t packed = 0;
  for (int i = 0; i < got; i++) {
    size_t length = messages[i].msg_len;
    if (length > slot || (messages[i].msg_hdr.msg_flags & MSG_TRUNC)) {
      *truncated += 1;
      continue;
    }
    char *from = (char *)buffer + (size_t)i * slot;
    if (from != (char *)buffer + packed) memmove((char *)buffer + packed, from, length);
    packed += length;
  }
  *bytes = packed;
  return got;
}
