#!/usr/bin/env bash
# The node agent's cost at a steady rate of real connections: builds a small node out of
# network namespaces (bridge, two pod namespaces, nftables conntrack), runs `vigil serve` and
# `vigil agent` (release build) in the node namespace, makes RATE short TCP connections per
# second between the pods for SECONDS, and reports the agent's CPU (utime+stime from
# /proc/PID/stat, as % of one core) and memory (VmRSS, VmHWM), next to the connections made and
# the flows the agent shipped. Needs root, iproute2, nftables, python3.
#
#   bench/agent-load.sh [RATE=5000] [SECONDS=20]
#   AGENT_FLAGS=--no-updates bench/agent-load.sh     (extra agent flags)
set -euo pipefail
RATE=${1:-5000}
SECONDS_RUN=${2:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
VIGIL=${VIGIL:-$HERE/../.build/release/vigil}
# The lean agent binary beside it (what the DaemonSet runs), else `vigil agent`.
AGENT_BIN=("$(dirname "$VIGIL")/vigil-agent")
[ -x "${AGENT_BIN[0]}" ] || AGENT_BIN=("$VIGIL" agent)
[ -x "$VIGIL" ] || { echo "build first: swift build -c release (or set VIGIL=)" >&2; exit 1; }
WORK=$(mktemp -d)
N=vbn-$$; C=vbc-$$; S=vbs-$$
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  sleep 0.5
  for ns in $N $C $S; do ip netns del $ns 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

for ns in $N $C $S; do ip netns add $ns; ip -n $ns link set lo up; done
ip -n $N link add br0 type bridge
ip -n $N addr add 10.244.1.1/24 dev br0
ip -n $N link set br0 up
ip netns exec $N sysctl -q -w net.bridge.bridge-nf-call-iptables=1
# Short TIME_WAIT in the node's conntrack table, so RATE × 120 s entries do not fill it.
ip netns exec $N sysctl -q -w net.netfilter.nf_conntrack_tcp_timeout_time_wait=2
i=0
for ns in $C $S; do
  ip -n $N link add vb$i type veth peer name eth0 netns $ns
  ip -n $N link set vb$i master br0
  ip -n $N link set vb$i up
  ip -n $ns addr add 10.244.1.$((10 + i))/24 dev eth0
  ip -n $ns link set eth0 up
  i=$((i + 1))
done
ip netns exec $C sysctl -q -w net.ipv4.ip_local_port_range="1024 65000"
printf 'table inet vigil_bench {\n chain forward { type filter hook forward priority 0; ct state established,related accept; ct state new accept; }\n}\n' > "$WORK/ct.nft"
ip netns exec $N nft -f "$WORK/ct.nft"

echo token > "$WORK/token"
ip netns exec $N "$VIGIL" serve --listen 127.0.0.1:18080 --auth-tokens token \
  --store "$WORK/vigil.db" --rules "$HERE/../rules/audit.yaml" > "$WORK/serve.log" 2>&1 &
ip netns exec $N "${AGENT_BIN[@]}" --server http://127.0.0.1:18080 --token-file "$WORK/token" \
  --node bench --spool "$WORK/spool" --metrics-listen 127.0.0.1:19465 ${AGENT_FLAGS:-} \
  > "$WORK/agent.log" 2>&1 &
AGENT=$!
ip netns exec $S python3 "$HERE/agent-load.py" serve 10.244.1.11 9000 &
sleep 3
metric() { ip netns exec $N curl -s http://127.0.0.1:19465/metrics | awk -v m="$1" '$1 == m { print $2 }'; }
ticks() { awk '{ print $14 + $15 }' /proc/$AGENT/stat; }
HZ=$(getconf CLK_TCK)
SHIPPED0=$(metric vigil_agent_flows_shipped_total)
T0=$(ticks); W0=$(date +%s.%N)
# PERF=file.data: also profile the agent for 10 s of the run (perf record -g).
if [ -n "${PERF:-}" ]; then perf record -q -g -p "$AGENT" -o "$PERF" -- sleep 10 >/dev/null 2>&1 & fi
ip netns exec $C python3 "$HERE/agent-load.py" connect 10.244.1.11 9000 "$RATE" "$SECONDS_RUN" > "$WORK/load.out"
T1=$(ticks); W1=$(date +%s.%N)
sleep "${SETTLE:-4}"
SHIPPED1=$(metric vigil_agent_flows_shipped_total)
read -r OPENED FAILED ELAPSED < "$WORK/load.out"
RSS=$(awk '/VmRSS/ { print $2 }' /proc/$AGENT/status)
HWM=$(awk '/VmHWM/ { print $2 }' /proc/$AGENT/status)
ANON=$(awk '/RssAnon/ { print $2 }' /proc/$AGENT/status)
FILE=$(awk '/RssFile/ { print $2 }' /proc/$AGENT/status)
DROPS=$(metric 'vigil_agent_kernel_drops_total{source="conntrack"}')
awk -v t0="$T0" -v t1="$T1" -v w0="$W0" -v w1="$W1" -v hz="$HZ" -v o="$OPENED" -v f="$FAILED" \
  -v e="$ELAPSED" -v s0="${SHIPPED0:-0}" -v s1="${SHIPPED1:-0}" -v rss="$RSS" -v hwm="$HWM" \
  -v drops="${DROPS:-0}" -v anon="$ANON" -v file="$FILE" 'BEGIN {
    wall = w1 - w0; cpu = (t1 - t0) / hz
    printf "connections: %d made (%d failed) in %.1f s = %.0f/s\n", o, f, e, o / e
    printf "agent flows shipped during the run (and the settle time after it): %d\n", s1 - s0
    printf "agent CPU: %.2f s over %.1f s = %.1f %% of one core\n", cpu, wall, 100 * cpu / wall
    printf "agent memory: VmRSS %.1f MB (anonymous %.1f MB, file-backed %.1f MB: the binary and libraries), peak VmHWM %.1f MB; conntrack kernel drops %d\n", rss / 1024, anon / 1024, file / 1024, hwm / 1024, drops
  }'
