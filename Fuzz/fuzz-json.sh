#!/usr/bin/env bash
# Builds the VigilJSON libFuzzer harness and runs it on Fuzz/JSON/corpus for N seconds.
# Usage: Fuzz/fuzz-json.sh [seconds=60] [extra libFuzzer flags...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
seconds="${1:-60}"
shift || true
out="${FUZZ_OUT:-$root/.build-fuzz/json}"
mkdir -p "$out/corpus" "$out/artifacts"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name VigilJSON \
  "$root"/Sources/VigilJSON/*.swift "$here/JSON/main.swift" -o "$out/fuzz-json"
# New inputs go to $out/corpus (not the checked-in seeds); crashers to $out/artifacts.
SWIFT_BACKTRACE=enable=no "$out/fuzz-json" "$out/corpus" "$here/JSON/corpus" \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -artifact_prefix="$out/artifacts/" -print_final_stats=1 "$@"
