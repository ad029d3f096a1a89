#!/usr/bin/env bash
# Load benchmark of `vigil serve` on loopback (127.0.0.1 only), bounded in time, with wrk.
#
#   swift build -c release && bench/serve-load.sh          # VIGIL_BIN, DURATION, CONNECTIONS
#
# Phases, each against a fresh server and store:
#   1. ceiling:    GET /healthz as fast as wrk can (the HTTP stack alone, same run, same cores);
#   2. saturation: POST 100-event EventLists (fresh auditIDs, 1 % exec events that alert) with
#                  CONNECTIONS connections: requests/s and events/s acknowledged (on disk), 429s;
#                  then the time the processor takes to drain what was queued (events/s);
#   3. fixed rate: 10,000 events/s offered (10 connections × 10 requests/s × 100 events):
#                  p50/p99 from receipt to alert stored (vigil_processing_latency_seconds);
#   4. overload:   a queue bounded at 100,000 events under saturation: 429 with Retry-After,
#                  the server's peak memory stays flat.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VIGIL_BIN:-.build/release/vigil}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-18765}
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }
[ -x "$BIN" ] || { echo "no $BIN: swift build -c release first" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
URL="http://127.0.0.1:$PORT"

start() { # $1: max queued events
  rm -rf "$work/store" && mkdir -p "$work/store"
  "$BIN" serve --listen "127.0.0.1:$PORT" --auth-tokens bench --store "$work/store/vigil.db" \
    --rules rules/audit.yaml --limits-max-queued-events "$1" --limits-retry-after-seconds 1 \
    --log-level warning --sink "file:archive,path=$work/store/alerts.jsonl" \
    2>"$work/server.log" >/dev/null &
  SERVER=$!
  for _ in $(seq 100); do curl -sf "$URL/readyz" >/dev/null && return; sleep 0.1; done
  echo "server did not start:" >&2; cat "$work/server.log" >&2; exit 1
}
stop() { kill -TERM "$SERVER"; wait "$SERVER" || true; }
metric() { curl -s "$URL/metrics" | awk -v m="$1" '$1==m {print $2}' | head -1; }
hwm() { awk '/VmHWM/ {print $2/1024 " MB"}' "/proc/$SERVER/status"; }
drain() { # waits until the queue is empty; prints seconds taken
  local t0; t0=$(date +%s.%N)
  while [ "$(metric vigil_queue_depth_events)" != "0.0" ]; do sleep 0.2; done
  echo "$(date +%s.%N) - $t0" | bc
}
histogram() { curl -s "$URL/metrics" | grep '^vigil_processing_latency_seconds_bucket'; }
quantiles() { # before-file after-file → p50 p99 from bucket deltas
  python3 - "$1" "$2" <<'PY'
import re, sys
def read(path):
    out = {}
    for line in open(path):
        m = re.search(r'le="([^"]+)"\} (\S+)', line)
        if m: out[m.group(1)] = float(m.group(2))
    return out
a, b = read(sys.argv[1]), read(sys.argv[2])
buckets = sorted(((float('inf') if k == '+Inf' else float(k)), b[k] - a.get(k, 0)) for k in b)
total = buckets[-1][1]
def q(p):
    for le, count in buckets:
        if count >= p * total: return "<= %.3f s" % le if le != float('inf') else "> last bucket"
print("batches %d, p50 %s, p99 %s" % (total, q(0.5), q(0.99)))
PY
}

echo "== 1. ceiling: GET /healthz"
start 1000000
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "$URL/healthz" | grep -E "Requests/sec"
stop

echo "== 2. saturation: POST 100-event EventLists, $CONNECTIONS connections, $DURATION"
start 100000000
TOKEN=bench EVENTS=100 wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/post-eventlist.lua "$URL" \
  | grep -E "Requests/sec|Non-2xx|requests:|latency"
echo "acknowledged events: $(metric 'vigil_events_received_total{source="webhook"}')"
echo "queued at the end: $(metric vigil_queue_depth_events)"
echo "drain took $(drain) s; decoded $(metric vigil_events_decoded_total) events; alerts $(wc -l < "$work/store/alerts.jsonl") delivered"
echo "server peak memory: $(hwm)"
stop

echo "== 3. fixed rate: 10,000 events/s offered for $DURATION"
start 1000000
histogram > "$work/before.txt"
TOKEN=bench EVENTS=100 DELAY_MS=100 wrk -t2 -c10 -d"$DURATION" -s bench/post-eventlist.lua "$URL" \
  | grep -E "Requests/sec|Non-2xx|requests:|latency"
drain >/dev/null
histogram > "$work/after.txt"
echo "receipt to alert stored: $(quantiles "$work/before.txt" "$work/after.txt")"
echo "server peak memory: $(hwm)"
stop

echo "== 4. overload: queue bounded at 100,000 events, $CONNECTIONS connections"
start 100000
TOKEN=bench EVENTS=100 wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/post-eventlist.lua "$URL" \
  | grep -E "Requests/sec|Non-2xx|requests:"
echo "rejections: $(curl -s "$URL/metrics" | grep -E '^vigil_(events_rejected|webhook_requests)_total' | tr '\n' ' ')"
echo "server peak memory: $(hwm)"
stop
