#define _GNU_SOURCE
#include <sched.h>
#include "CVigilLinux.h"

int vigil_setns_net(int fd) { return setns(fd, CLONE_NEWNET); }

int vigil_attach_filter(int socket, const struct sock_filter *code, unsigned short length) {
  struct sock_fprog program = {.len = length, .filter = (struct sock_filter *)code};
  return setsockopt(socket, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof(program));
}
