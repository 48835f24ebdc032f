#!/usr/bin/env bash
# Same models with racing (issue 24, session 9): `station fit` (bench/fit-cost.sh, one build at a time) on every
# BASE/*/train.csv, the digest of its model.json (createdAt left out) beside the one in BASE/*/model/model.json
# (the bench's own fit of that CSV with another build, e.g. bench/fidelity/run.sh's). JOBS fits at a time (default 2).
# Usage: bench/race-digests.sh BASE WORKDIR LABEL=DIR     e.g. bench/race-digests.sh /tmp/s9/comb/D /tmp/dig this=this
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="$1"; work="$2"; build="$3"; label="${build%%=*}"
mkdir -p "$work"
"$root/bin/station" --version >/dev/null   # build once, before the fits start together
run() { "$root/bench/fit-cost.sh" "$1/train.csv" "$work/$(basename "$1")" "$build" >"$work/$(basename "$1").out" 2>&1; }
n=0
for d in "$base"/*/; do
  d="${d%/}"; [[ -f "$d/train.csv" ]] || continue
  run "$d" &
  n=$((n + 1)); (( n % ${JOBS:-2} == 0 )) && wait
done
wait
printf '%-28s %-8s %-8s %s\n' csv base "$label" same
for d in "$base"/*/; do
  d="${d%/}"; s="$(basename "$d")"; [[ -f "$d/train.csv" ]] || continue
  a=$(grep -v '"createdAt"' "$d/model/model.json" | sha256sum | cut -c1-8)
  b=$(grep -v '"createdAt"' "$work/$s/$label/model/model.json" 2>/dev/null | sha256sum | cut -c1-8)
  same=NO; [[ $a == "$b" ]] && same=yes
  printf "%-28s %-8s %-8s %s\n" "$s" "$a" "$b" "$same"
done
