#!/usr/bin/env bash
# Training side only: clipped readings found by their exposure series (calibration.pairs.ExposureSeries)
# against the bench camera's own flags, per tolerance (bench/fidelity/SeriesClipCheck.java).
# Usage: bench/fidelity/series-clip.sh [STOCKS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
[[ -f station/target/classpath.txt ]] || mvn -B -q -ntp -DskipTests package
deps="$(tr ':' '\n' < station/target/classpath.txt | grep -v -E '/(calibration|devices)-[^/]*\.jar$' | paste -sd:)"
c="${FID_CLASSES:-$root}"
cp="$c/calibration/target/classes:$c/devices/target/classes:$c/station/target/classes:$deps"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
javac -nowarn -d "$out" -cp "$cp" bench/fidelity/Fidelity.java bench/fidelity/Dense.java bench/fidelity/Summary.java \
    bench/fidelity/SeriesClipCheck.java
echo "== machine: $(nproc) cores, $(uptime)"
exec java -Xmx1g -cp "$out:$cp" SeriesClipCheck "$@"
