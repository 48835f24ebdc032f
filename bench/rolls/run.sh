#!/usr/bin/env bash
# The celluloid lottery figure (issue 20, bench/RESULTS.md): four rolls of a stock, one mis-processed
# (+1/3 stop push): is the outlier flagged, and is the roll-aware nominal model closer to the
# stock's nominal render than a model fitted on the pooled rolls?
# Usage: bench/rolls/run.sh [STOCK] [SEED] [ROLLS] [PUSHED_ROLL] [PUSH_STOPS] [CANDIDATES] [--weights W1,W2,...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mvn -B -q -ntp -DskipTests package >&2
deps="$(tr ':' '\n' < station/target/classpath.txt | grep -v -E '/(calibration|devices)-[^/]*\.jar$' | paste -sd:)"
cp="$root/calibration/target/classes:$root/devices/target/classes:$deps"
export OMP_NUM_THREADS=1
echo "== machine: $(nproc) cores, $(uptime)"
exec java -Xmx2g -cp "$cp" bench/rolls/RollLottery.java "$@"
