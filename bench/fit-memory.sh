#!/usr/bin/env bash
# Peak memory of `station fit` (issue 18): the default candidates (full selection) on 16,692 pairs,
# 6 lights x 13 EVs x 214 patches of the virtual bench, under /usr/bin/time -v, through bin/station
# (which sets the heap and JavaCPP's off-heap limits for fit). Prints peak RSS, wall and CPU time
# and the load before and after; the selection table is in WORKDIR/fit.log.
# Usage: bench/fit-memory.sh [WORKDIR]   (default /tmp/emu-fit-memory)
#   STATION_JAVA_OPTS=-Xmx2g bench/fit-memory.sh   measures the launcher's former setting.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/emu-fit-memory}"
mkdir -p "$work"
cd "$root"
bin/station --version >/dev/null   # builds once if needed, outside the measurement
pairs="$work/pairs-16692.csv"
if [[ ! -f "$pairs" ]]; then
  # 6 training lights (the default) x 13 EVs; sim pairs holds every 5th grid patch out, so the
  # training file has 176 patches a shot: its held-out file's rows (the 38 other patches, then
  # other lights) top the file up to 6 x 13 x 214 = 16,692 rows.
  bin/station sim pairs --stock portrait-160 --seed 1 --out "$work/sim" \
      --evs=-3,-2.5,-2,-1.5,-1,-0.5,0,0.5,1,1.5,2,2.5,3 --heldout-evs=-1.25,0.25,1.75 >/dev/null
  { cat "$work/sim/train.csv"; tail -n +2 "$work/sim/heldout.csv"; } | awk 'NR <= 16693' > "$pairs"
fi
rows=$(($(wc -l <"$pairs") - 1))
echo "pairs: $pairs, $rows rows; JVM options: ${STATION_JAVA_OPTS:-the launcher default for fit}"
echo "before: $(uptime)"
rm -rf "$work/model"
/usr/bin/time -o "$work/time.txt" -v bin/station fit --pairs "$pairs" --out "$work/model" --seed 1 >"$work/fit.log" 2>&1
grep -E '<- selected|^Selected' "$work/fit.log"
awk -F': ' '/Maximum resident/ { printf "peak RSS %.0f MB\n", $2 / 1024 } /Elapsed/ { print "wall " $2 }
  /User time/ { u = $2 } /System time/ { s = $2 } END { printf "CPU %.1f s (user %.1f + sys %.1f)\n", u + s, u, s }' \
    "$work/time.txt"
echo "after: $(uptime)"
