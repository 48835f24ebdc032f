#!/usr/bin/env bash
# Training side only: clipped readings found by their exposure series (calibration.pairs.ExposureSeries)
# against the bench camera's own flags, per tolerance (bench/fidelity/SeriesClipCheck.java).
# Usage: bench/fidelity/series-clip.sh [STOCKS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
bench_classes SeriesClipCheck.java
echo "== machine: $(nproc) cores, $(uptime)"
exec java -Xmx1g -cp "$out:$cp" SeriesClipCheck "$@"
