#!/usr/bin/env bash
# The selection's cost (issue 24, session 9: racing): `station fit` on one pairs CSV with two or more builds
# started together (a same-load pair or triple), each under GNU time -v as bench/fidelity/run.sh runs it
# (Fidelity.FIT_OPTS, OMP_NUM_THREADS=1, --seed 1). Prints per build: wall, CPU (user+sys), peak RSS and the
# SHA-256 of model.json without its createdAt line (same digest = same model), with `uptime` before and after.
# A build is LABEL=DIR, DIR holding calibration/devices/station/target/classes (a copy, e.g. made with
#   mkdir -p D && for m in calibration devices station; do mkdir -p D/$m/target && cp -r $m/target/classes D/$m/target/; done
# ; "this" = this checkout's build). FIT_ARGS: more `station fit` options for every build (e.g. "--race off").
# Usage: bench/fit-cost.sh PAIRS.csv WORKDIR LABEL=DIR [LABEL=DIR...]
# e.g.   bench/fit-cost.sh /tmp/s9/comb/D/dense-consumer-200p/train.csv /tmp/cost main=/tmp/s9/mainclasses this=this
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pairs="$1"; work="$2"; shift 2
[[ -f "$pairs" ]] || { echo "no pairs file $pairs" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time (/usr/bin/time; Debian package time)" >&2; exit 2; }
cd "$root"
"$root/bin/station" --version >/dev/null   # builds when stale; writes station/target/classpath.txt
deps="$(tr ':' '\n' < station/target/classpath.txt | grep -v -E '/(calibration|devices)-[^/]*\.jar$' | paste -sd:)"
mkdir -p "$work"
echo "== $(basename "$(dirname "$pairs")")/$(basename "$pairs"), $(nproc) cores; before: $(uptime)"
pids=()
labels=()
for build in "$@"; do
  label="${build%%=*}"; dir="${build#*=}"
  [[ "$dir" == this ]] && dir="$root"
  cp="$dir/calibration/target/classes:$dir/devices/target/classes:$dir/station/target/classes:$deps"
  rm -rf "${work:?}/$label"; mkdir -p "$work/$label"
  # shellcheck disable=SC2086
  OMP_NUM_THREADS=1 nice -n 5 /usr/bin/time -v -o "$work/$label/fit.time" java -Xmx512m \
    -Dorg.bytedeco.javacpp.maxbytes=512m -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -cp "$cp" \
    emu.station.cli.Main fit --pairs "$pairs" --out "$work/$label/model" --seed 1 ${FIT_ARGS:-} \
    >"$work/$label/fit.log" 2>&1 &   # a JVM crash's hs_err file lands in $root (the working directory)
  pids+=($!); labels+=("$label")
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || echo "${labels[$i]}: station fit failed, see $work/${labels[$i]}/fit.log" >&2
done
echo "== after: $(uptime)"
printf '%-10s %8s %8s %9s  %s\n' build wall_s cpu_s rss_mb model.json-sha256
for label in "${labels[@]}"; do
  t="$work/$label/fit.time"
  wall=$(awk -F': ' '/Elapsed/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$t")
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u+s}' "$t")
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$t")
  sum="(no model: the fit failed)"
  [[ -f "$work/$label/model/model.json" ]] && sum=$(grep -v '"createdAt"' "$work/$label/model/model.json" | sha256sum | cut -c1-64)
  printf '%-10s %8s %8s %9s  %s\n' "$label" "$wall" "$cpu" "$rss" "$sum"
done
