#!/usr/bin/env bash
# The thin-plate spline on a root-polynomial trend, training side (issue 24, session 10: tpstrend). For each pairs
# CSV: `station fit --candidates C1,...,C4 --finalists 4` (5-fold CV by patch inside the CSV, and for every
# candidate also leave-one-light-out and the held-out lowest/highest EVs, the report's LOIO and EV out columns),
# one fit thread, nice 5, bench/fidelity's JVM options, from a copy of this checkout's build. Candidates:
# rp3 per light, tps 200 knots, tps 300 knots, tps 300 knots on an rp3 trend (CANDIDATES overrides).
# Prints the report's table rows per CSV, with the load when the fit started.
# Usage: bench/tps-trend.sh WORKDIR PAIRS.csv [PAIRS.csv...]
# e.g.   bench/tps-trend.sh /tmp/tpstrend/train /tmp/s9/comb/D/dense-portrait-160/train.csv
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$1"; shift
[[ $# -gt 0 ]] || { echo "usage: $0 WORKDIR PAIRS.csv..." >&2; exit 2; }
candidates="${CANDIDATES:-root-polynomial:degree=3:illuminant=per,tps:illuminant=per,tps:illuminant=per:centres=300,tps:illuminant=per:centres=300:trend=root-polynomial/degree=3}"
"$root/bin/station" --version >/dev/null   # builds when stale; writes station/target/classpath.txt
mkdir -p "$work"
rm -rf "$work/classes"
for m in calibration devices station; do mkdir -p "$work/classes/$m"; cp -r "$root/$m/target/classes" "$work/classes/$m/"; done
deps="$(tr ':' '\n' < "$root/station/target/classpath.txt" | grep -v -E '/(calibration|devices)-[^/]*\.jar$' | paste -sd:)"
cp="$work/classes/calibration/classes:$work/classes/devices/classes:$work/classes/station/classes:$deps"
n="$(tr ',' '\n' <<<"$candidates" | wc -l)"
for pairs in "$@"; do
  [[ -f "$pairs" ]] || { echo "no pairs file $pairs" >&2; exit 2; }
  tag="$(basename "$(dirname "$(dirname "$pairs")")")-$(basename "$(dirname "$pairs")")"
  out="$work/$tag"
  rm -rf "$out"; mkdir -p "$out"
  load="$(uptime | sed 's/.*load average: //')"
  OMP_NUM_THREADS=1 nice -n 5 java -Xmx1g \
    -Dorg.bytedeco.javacpp.maxbytes=512m -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -cp "$cp" \
    emu.station.cli.Main fit --pairs "$pairs" --out "$out/model" --candidates "$candidates" --finalists "$n" \
    --threads 1 --seed 1 >"$out/fit.log" 2>&1 || { echo "$tag: station fit failed, see $out/fit.log" >&2; continue; }
  echo "== $tag (load at start: $load)"
  grep -A "$n" -E '^candidate +CV mean' "$out/fit.log"
done
