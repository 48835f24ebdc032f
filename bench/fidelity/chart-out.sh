#!/usr/bin/env bash
# Leave a chart out on the training side (issue 24 session 10, helper chartout; bench/RESULTS.md "leaving a chart
# out"). A dense training CSV holds two reflectance populations: the CC24 (patch ids cc24-NN) and four in five of
# AMPAS-190 (the rest). For each model spec below: fit on one population with `station fit --finalists 0` (the spec
# alone, selected by nothing; a comma-separated list: see below), score the other with `station evaluate --json` (per EV, per light), both directions;
# then print per-EV mean dE00 per spec and direction (a tab-separated table, also OUT/table.tsv). Reuses
# OUT/<dir>-<label>/model when present (delete it to refit). Minutes of CPU (the 300-knot fits dominate).
# Usage: bench/fidelity/chart-out.sh TRAIN_CSV OUT_DIR
#   FID_CLASSES as in classes.bash (a copy of the modules' classes, e.g. the baseline's); CHART_SPECS to replace the
#   label=spec list (space separated).
set -euo pipefail
# jq reads the evaluate / fit JSON (Debian package jq; not in scripts/install-test-deps.sh, the tests do not need it)
command -v jq > /dev/null || { echo "chart-out.sh: needs jq (apt-get install -y jq)" >&2; exit 2; }
train="$(realpath "$1")"; work="$(mkdir -p "$2" && realpath "$2")"
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
specs=(${CHART_SPECS:-rp3=root-polynomial:degree=3:illuminant=per tps200=tps:illuminant=per tps300=tps:illuminant=per:centres=300
  trend300=tps:illuminant=per:centres=300:trend=root-polynomial/degree=3:trend-linear=true
  stack=tps:illuminant=per,root-polynomial:degree=3:illuminant=per,root-polynomial:degree=2:illuminant=per})
# A spec with commas is a candidate list: a stack cannot be named with --candidates (it is built from finalists), so
# its members go in with --finalists 3 and the fit selects the stack or not (fit.log says which; the dense baseline's
# consumer stocks select this stack).
station() {  # the CLI as bin/station runs `fit` (its heap and off-heap bounds), on $cp
  OMP_NUM_THREADS=1 nice -n 10 java -Xmx512m -Dorg.bytedeco.javacpp.maxbytes=512m \
    -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -Dorg.bytedeco.javacpp.cachedir="$root/.cache/javacpp" \
    -Demu.station.home="$root" -cp "$cp" emu.station.cli.Main "$@"
}
# patch is column 6 of the pairs CSV (Fidelity.java writes it so)
awk -F, 'NR == 1 || $6 ~ /^cc24-/' "$train" > "$work/cc24.csv"
awk -F, 'NR == 1 || $6 !~ /^cc24-/' "$train" > "$work/ampas.csv"
for s in "${specs[@]}"; do
  label="${s%%=*}"; spec="${s#*=}"
  for dir in ampas-cc24 cc24-ampas; do
    from="${dir%-*}"; to="${dir#*-}"; d="$work/$dir-$label"
    mkdir -p "$d"
    if [[ ! -f "$d/model/report.json" ]]; then
      start=$(date +%s)
      fin=0; [[ $spec == *,* ]] && fin=3
      station fit --pairs "$work/$from.csv" --out "$d/model" --candidates "$spec" --finalists $fin --threads 1 \
        --seed 1 > "$d/fit.log" 2>&1 || { echo "fit failed: $d/fit.log" >&2; tail -5 "$d/fit.log" >&2; continue; }
      echo "$dir $label: $(grep -m1 '^selected' "$d/fit.log" | cut -d' ' -f2); fit $(( $(date +%s) - start )) s wall, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$d/fit.wall"
    fi
    station evaluate --model "$d/model" --pairs "$work/$to.csv" --json "$d/eval.json" > "$d/eval.txt" 2>&1
  done
done
# The table: per EV, mean dE00 of each spec on the left-out chart, both directions; then the same fits' own 5-fold
# patch CV by EV (inside the chart they were fitted on) for comparison.
{
  printf 'ev'
  for dir in ampas-cc24 cc24-ampas; do for s in "${specs[@]}"; do printf '\t%s:%s' "$dir" "${s%%=*}"; done; done
  for dir in ampas-cc24 cc24-ampas; do for s in "${specs[@]}"; do printf '\tcv:%s:%s' "${dir%-*}" "${s%%=*}"; done; done
  printf '\n'
  evs=$(jq -r '.perEv | keys[]' "$work/ampas-cc24-${specs[0]%%=*}/eval.json" | sort -g)
  for ev in $evs all; do
    printf '%s' "$ev"
    for kind in eval cv; do for dir in ampas-cc24 cc24-ampas; do for s in "${specs[@]}"; do
      d="$work/$dir-${s%%=*}"
      if [[ $kind == eval ]]; then f="$d/eval.json"; q="if \"$ev\" == \"all\" then .overall.mean else .perEv[\"$ev\"].mean end"
      else f="$d/model/report.json"; q='.winner as $w | .candidates[] | select(.spec == $w) | .crossValidationByPatch |'" if \"$ev\" == \"all\" then .overall.mean else .perEv[\"$ev\"].mean end"
      fi
      v=$( [[ -f $f ]] && jq -r "$q // empty" "$f" 2>/dev/null | head -1 || true)
      printf '\t%s' "${v:--}"
    done; done; done
    printf '\n'
  done
} | tee "$work/table.tsv"
# The same in % against the first spec (rp3 by default), per direction and for the fits' own CV.
echo "d% vs ${specs[0]%%=*}:"
n=${#specs[@]}
awk -F'\t' -v n="$n" 'NR == 1 { for (i = 2; i <= NF; i++) h[i] = $i; next }
  { printf "%-6s", $1
    for (b = 2; b < 2 + 4 * n; b += n) { printf " |"; for (i = b + 1; i < b + n; i++) printf " %s %+5.1f", h[i], 100 * ($i / $b - 1) }
    printf "\n" }' "$work/table.tsv" | tee "$work/change.txt"
