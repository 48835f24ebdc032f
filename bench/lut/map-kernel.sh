#!/usr/bin/env bash
# The map kernel's CPU time alone (bench/lut/MapBench.java), RUNS fresh JVMs per variant,
# alternating. A variant is a label and JVM options, e.g. 'c1::-XX:TieredStopAtLevel=1' (the
# launcher's compiler for apply) or 'c2::' (the JVM's default tiered compilers).
# Usage: bench/lut/map-kernel.sh LUT TIFF RUNS 'label::JVM options' ...
# (LUT and TIFF: e.g. the analytic-65.cube and tiffcp-s.tif of layouts-vs-ffmpeg.sh)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lut="$1"; tif="$2"; runs="$3"; shift 3
cd "$root"
bin/station --version >/dev/null   # builds if needed
cp="calibration/target/classes:$(cat station/target/classpath.txt)"
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
javac -d "$out" -cp "$cp" bench/lut/MapBench.java
echo "$(uptime)"
for run in $(seq 1 "$runs"); do
  for v in "$@"; do
    # shellcheck disable=SC2086
    echo "${v%%::*}: $(java -Xmx3g -XX:+UseSerialGC -XX:-UsePerfData ${v#*::} -cp "$out:$cp" emu.calibration.lut.MapBench "$lut" "$tif")"
  done
done
echo "$(uptime)"
