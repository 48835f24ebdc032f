#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer, JAZZER_FUZZ=1) of every parser that takes outside input, each
# target for a bounded time: `bench/fuzz.sh [SECONDS_PER_TARGET]` (default 10; CI runs it with 10,
# the bench with 300). Jazzer fuzzes one @FuzzTest per JVM, so each target is its own surefire run.
# A crash fails the run and Jazzer keeps the input under src/test/resources/.../<Class>Inputs/<method>/,
# where every later build replays it (commit it with the fix). Prints one line per target:
# target, execs, exec/s, coverage, and the machine load.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
secs="${1:-10}"
targets=(
  "calibration:ParsersFuzzTest#cubeFile"
  "calibration:ParsersFuzzTest#pairsCsv"
  "calibration:ParsersFuzzTest#image"
  "station:ConfigFuzzTest#config"
  "station:JsonBodyFuzzTest#body"
  "station:ZipUnpackFuzzTest#unzip"
)
export MAVEN_OPTS="${MAVEN_OPTS:--Xmx1g}"
log="$(mktemp -d)"
status=0
printf '%-34s %10s %8s %6s  %s\n' target execs exec/s cov load
for t in "${targets[@]}"; do
  module="${t%%:*}"; test="${t#*:}"
  out="$log/${test//[#\/]/_}.log"
  if ! JAZZER_FUZZ=1 nice -n 5 mvn -B -ntp -pl "$module" -am test -Dtest="$test" \
       -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration="${secs}s" >"$out" 2>&1; then
    echo "FAILED: $test (log: $out)"; grep -E "== Java Exception|Exception|artifact_prefix|Test unit written" "$out" | head -20 || true
    status=1
    continue
  fi
  done_line="$(grep -E '#[0-9]+[[:space:]]+DONE' "$out" | tail -1)"
  execs="$(sed -E 's/^#([0-9]+).*/\1/' <<<"$done_line")"
  rate="$(sed -E 's/.*exec\/s: ([0-9]+).*/\1/' <<<"$done_line")"
  cov="$(sed -E 's/.*cov: ([0-9]+).*/\1/' <<<"$done_line")"
  if [[ -z "$done_line" ]]; then echo "FAILED: $test did not fuzz (no DONE line; log: $out)"; status=1; continue; fi
  printf '%-34s %10s %8s %6s  %s\n' "$test" "$execs" "$rate" "$cov" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
exit $status
