#!/usr/bin/env bash
# The thin-plate spline's knot count on the training side (issue 24, session 10: tpsknots). For each pairs CSV
# and each knot count N, `station fit --candidates tps:illuminant=per:centres=N --finalists 0` (5-fold CV by
# patch inside the CSV; the fitter caps N at half of a light's pairs) under GNU time, one fit thread, nice 5,
# with bench/fidelity's JVM options (Fidelity.FIT_OPTS), from a copy of this checkout's build.
# Prints one row per (CSV, N): the CV mean / p95 dE00 and seconds per fit from fit.log, the whole command's
# wall and CPU seconds, and the smoothing the inner CV picked in the refit on all pairs (model.json's
# log10 lambdas, one per light and channel: their median, and how many sit at the grid's end -6).
# Usage: bench/tps-knots.sh WORKDIR PAIRS.csv [PAIRS.csv...]   (KNOTS="200 300 400 600" by default)
# e.g.   bench/tps-knots.sh /tmp/tpsknots/sweep /tmp/s9/comb/F/*/train.csv /tmp/s9/comb/D/*/train.csv
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$1"; shift
[[ $# -gt 0 ]] || { echo "usage: $0 WORKDIR PAIRS.csv..." >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time (/usr/bin/time; Debian package time)" >&2; exit 2; }
"$root/bin/station" --version >/dev/null   # builds when stale; writes station/target/classpath.txt
mkdir -p "$work"
# The fits run from a copy of the build, so a rebuild of the checkout during the sweep cannot mix classes.
rm -rf "$work/classes"
for m in calibration devices station; do mkdir -p "$work/classes/$m"; cp -r "$root/$m/target/classes" "$work/classes/$m/"; done
deps="$(tr ':' '\n' < "$root/station/target/classpath.txt" | grep -v -E '/(calibration|devices)-[^/]*\.jar$' | paste -sd:)"
cp="$work/classes/calibration/classes:$work/classes/devices/classes:$work/classes/station/classes:$deps"
printf '%-34s %5s %7s %7s %7s %7s %7s %8s %6s  %s\n' pairs knots cv_mean cv_p95 s_fit wall_s cpu_s lam_med at_-6 load
for pairs in "$@"; do
  [[ -f "$pairs" ]] || { echo "no pairs file $pairs" >&2; exit 2; }
  tag="$(basename "$(dirname "$(dirname "$pairs")")")-$(basename "$(dirname "$pairs")")"
  for n in ${KNOTS:-200 300 400 600}; do
    out="$work/$tag/k$n"
    rm -rf "$out"; mkdir -p "$out"
    load="$(uptime | sed 's/.*load average: //')"
    OMP_NUM_THREADS=1 nice -n 5 /usr/bin/time -v -o "$out/fit.time" java -Xmx512m \
      -Dorg.bytedeco.javacpp.maxbytes=512m -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -cp "$cp" \
      emu.station.cli.Main fit --pairs "$pairs" \
      --out "$out/model" --candidates "tps:illuminant=per:centres=$n" --finalists 0 --threads 1 --seed 1 \
      >"$out/fit.log" 2>&1 || { echo "$tag k$n: station fit failed, see $out/fit.log" >&2; continue; }
    cv="$(grep -m1 -E 'CV mean dE00' "$out/fit.log")"
    mean="$(sed -E 's/.*CV mean dE00 ([0-9.]+).*/\1/' <<<"$cv")"
    p95="$(sed -E 's/.*\(p95 ([0-9.]+)\).*/\1/' <<<"$cv")"
    sfit="$(sed -E 's/.*, ([0-9.]+) s per fit.*/\1/' <<<"$cv")"
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$out/fit.time")"
    cpu="$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.1f", s}' "$out/fit.time")"
    lam="$(python3 - "$out/model/model.json" <<'PY'
import json, re, statistics, sys
vals = [float(v) for block in re.findall(r'"lambdas"\s*:\s*\[([^\]]*)\]', open(sys.argv[1]).read())
        for v in block.split(',')]
print("%.2f %d/%d" % (statistics.median(vals), sum(v <= -6 + 1e-9 for v in vals), len(vals)))
PY
)"
    printf '%-34s %5s %7s %7s %7s %7s %7s %8s %6s  %s\n' "$tag" "$n" "$mean" "$p95" "$sfit" "$wall" "$cpu" \
      ${lam% *} ${lam#* } "$load"
  done
done
