#!/usr/bin/env bash
# The lab process-control figure (issue 20, item 2; bench/RESULTS.md): a simulated C-41 lab's control
# strips over VISITS visits with process drift, one visit mis-processed; which strips are flagged.
# Usage: bench/rolls/strips.sh [STOCK] [SEED] [VISITS] [DRIFT_SIGMA_PER_VISIT] [PUSHED_VISIT] [PUSH_STOPS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mvn -B -q -ntp -pl devices -am compile >&2
echo "== machine: $(nproc) cores, $(uptime)"
exec java -Xmx512m -cp "$root/calibration/target/classes:$root/devices/target/classes" bench/rolls/LabStrips.java "$@"
