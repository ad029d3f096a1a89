#!/usr/bin/env bash
# Fuzzes the audit decoder with libFuzzer + AddressSanitizer.
# Usage: Fuzz/fuzz-audit.sh [seconds=180] [extra libFuzzer flags…]
# The sources of VigilJSON, VigilCore and VigilAudit are compiled as one module (their
# `import VigilJSON`/`import VigilCore` lines dropped) together with Fuzz/Audit/main.swift.
# Crashers land in $TMPDIR/vigil-fuzz-audit/crashers/; add each (base64) to
# Tests/VigilAuditTests/Crashers/FuzzCrashers.swift, which CrasherTests runs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-180}"
shift || true
work="${TMPDIR:-/tmp}/vigil-fuzz-audit"
rm -rf "$work/src" && mkdir -p "$work/src" "$work/corpus" "$work/crashers"
for f in Sources/VigilJSON/*.swift Sources/VigilCore/*.swift $(find Sources/VigilAudit -name '*.swift'); do
  sed -e '/^import VigilJSON$/d' -e '/^import VigilCore$/d' "$f" > "$work/src/$(echo "$f" | tr '/' '_')"
done
# Seed corpus: Falco's events (when ../shared is there) and one sample of each shape.
if [ -d ../shared/anchors/falco-k8saudit/events ]; then
  cp ../shared/anchors/falco-k8saudit/events/*.json "$work/corpus/" 2>/dev/null || true
fi
cp Fuzz/Audit/corpus/* "$work/corpus/"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name AuditFuzz \
  -I Sources/CZlib -lz "$work"/src/*.swift Fuzz/Audit/main.swift -o "$work/fuzz-audit"
"$work/fuzz-audit" "$work/corpus" -max_total_time="$seconds" -max_len=65536 \
  -artifact_prefix="$work/crashers/" -print_final_stats=1 "$@"
