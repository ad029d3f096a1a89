#!/usr/bin/env python3
"""Load for bench/agent-load.sh: short TCP connections at a steady rate.

  agent-load.py serve HOST PORT            accept, send 64 bytes, close (server closes first)
  agent-load.py connect HOST PORT RATE SECONDS   open RATE connections/s for SECONDS, print count
"""
import socket
import sys
import threading
import time


def serve(host, port):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(4096)
    payload = b"x" * 64

    def loop():
        while True:
            connection, _ = listener.accept()
            try:
                connection.sendall(payload)
            except OSError:
                pass
            connection.close()

    threads = [threading.Thread(target=loop, daemon=True) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def connect(host, port, rate, seconds):
    opened = failed = 0
    start = time.monotonic()
    while True:
        elapsed = time.monotonic() - start
        if elapsed >= seconds:
            break
        due = int(elapsed * rate)
        if opened + failed >= due:
            time.sleep(0.0005)
            continue
        try:
            s = socket.create_connection((host, port), timeout=2)
            while s.recv(4096):
                pass
            s.close()
            opened += 1
        except OSError:
            failed += 1
    print(f"{opened} {failed} {time.monotonic() - start:.2f}")


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2], int(sys.argv[3]))
    else:
        connect(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]))
