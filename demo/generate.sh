#!/bin/sh
# Regenerates demo/audit-day.jsonl.gz and demo/expected.json from the VigilDemo generator
# (DemoAuditLog(seed: 1): 2026-11-02T00:00:00Z, 24 h, scale 1). The log is compressed with
# `gzip -n -9`, so the bytes are the same on every run. Needs the Swift toolchain.
set -eu
cd "$(dirname "$0")/.."
VIGIL_REGENERATE_DEMO=1 \
  VIGIL_DEV_TARGETS=VigilJSON,VigilCore,VigilTesting,VigilDemo,VigilDemoTests \
  swift test --scratch-path .build-demo --filter regenerateDemoFiles
ls -l demo/audit-day.jsonl.gz demo/expected.json
