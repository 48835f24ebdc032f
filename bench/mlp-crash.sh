#!/usr/bin/env bash
# The MLP's native crash (bench/RESULTS.md, "The MLP's native crash"): runs bench/MlpStress.java (the real
# `mlp` candidate fitted FITS times from THREADS threads at once, as `station fit`'s cross-validation does)
# in RUNS child JVMs one after another, with `bin/station fit`'s JVM options, and counts the JVMs that died
# (exit status, and the JVM's crash report, written into WORKDIR by -XX:ErrorFile). Prints each JVM's fits and
# wall, the crashes, and the load before and after.
# Usage: bench/mlp-crash.sh RUNS THREADS FITS [PAIRS.csv] [WORKDIR]
#   MLP_GC_MS=N: a thread of the child JVM calls System.gc() every N ms (MlpStress.java says why).
#   PAIRS.csv: default a simulated portrait-160 training set (bin/station sim pairs, seed 1).
#   MLP_SPEC: the candidate (default mlp), e.g. mlp:steps=300 for short fits: more JVMs, and so more starts of
#     nd4j on two threads at once, per minute.
#   MLP_CLASSES: the calibration module's classes to run (default: this checkout's build), e.g. a copy of
#     another commit's calibration/target/classes, to compare before and after a change on one build.
#   MLP_JAVA_OPTS replaces the JVM options (default: those bin/station gives `fit`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:?runs}" threads="${2:?threads}" fits="${3:?fits}"
work="${5:-/tmp/emu-mlp-crash}"
mkdir -p "$work"
cd "$root"
bin/station --version >/dev/null   # builds once if needed
pairs="${4:-}"
if [[ -z "$pairs" ]]; then
  pairs="$work/sim/train.csv"
  [[ -f "$pairs" ]] || bin/station sim pairs --stock portrait-160 --seed 1 --out "$work/sim" >/dev/null
fi
cp="${MLP_CLASSES:-$root/calibration/target/classes}:$(cat "$root/station/target/classpath.txt")"
opts="${MLP_JAVA_OPTS:--Xmx512m -Dorg.bytedeco.javacpp.maxbytes=512m -Dorg.bytedeco.javacpp.maxphysicalbytes=0}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"   # as bin/station
echo "pairs: $pairs ($(($(wc -l <"$pairs") - 1)) rows); $runs JVMs x $fits fits of ${MLP_SPEC:-mlp} on $threads threads; System.gc() every ${MLP_GC_MS:-0} ms (0: never); JVM: $opts"
echo "classes: ${MLP_CLASSES:-$root/calibration/target/classes}"
echo "before: $(uptime)"
crashes=0 done=0 secs=0
for r in $(seq 1 "$runs"); do
  log="$work/run$r.log"
  rc=0
  # shellcheck disable=SC2086
  java $opts -Dorg.bytedeco.javacpp.cachedir="$root/.cache/javacpp" -XX:ErrorFile="$work/hs_err_run${r}_%p.log" \
      -cp "$cp" bench/MlpStress.java "$pairs" "$threads" "$fits" "${MLP_GC_MS:-0}" "${MLP_SPEC:-mlp}" >"$log" 2>&1 || rc=$?
  n=$(grep -c '^fit ' "$log" || true)
  s=$(awk '/^fit / { for (i = 1; i <= NF; i++) if ($i == "s,") t += $(i - 1) } END { print t + 0 }' "$log")
  done=$((done + n)) secs=$(awk -v a="$secs" -v b="$s" 'BEGIN { print a + b }')
  if [[ $rc -ne 0 ]]; then
    crashes=$((crashes + 1))
    echo "run $r: DIED (exit $rc) after $n fits: $(grep -h -m1 -A0 '^# C ' "$work"/hs_err_run"${r}"_*.log 2>/dev/null || tail -1 "$log")"
  else
    echo "run $r: $n fits, $(tail -1 "$log")"
  fi
done
# A fit's seconds run from its call to its end: with the MLP's lock (MlpNetwork.NATIVE) they include waiting for the
# other thread's fit, so compare the JVMs' walls ("all N fits done ... in S s") between two builds.
echo "crashed JVMs: $crashes of $runs; fits completed: $done; $(awk -v s="$secs" -v n="$done" 'BEGIN { if (n) printf "%.1f s per fit (from its call, waits included)", s / n }')"
echo "after: $(uptime)"
