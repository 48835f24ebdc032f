#!/usr/bin/env bash
# Time of the shipped config.toml's export plan on one model (issue 14): virtual-bench pairs for the
# config's default plan (5 lights x 5 EVs on portrait-160), a fit with the config's candidates, then
# `station export --config config.toml`, which exports by the [exports] plan exactly as the daemon's
# training does (every .cube, HaldCLUT, .xmp, .icc and the bundle). Prints the fit and export times.
# Usage: bench/export-plan.sh [WORK_DIR]   (default: a new temp dir; kept for inspection)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
bin/station sim pairs --stock portrait-160 --illuminants D65,D50,A,FL11,LED-B3 --evs -2,-1,0,1,2 --seed 42 \
  --out "$work/pairs.csv"
candidates="$(sed -n 's/^candidates = \[\(.*\)\]/\1/p' config.toml | tr -d '" ')"
start=$(date +%s.%N)
bin/station fit --pairs "$work/pairs.csv" --out "$work/model" --candidates "$candidates" --stock portrait-160 \
  --set bench > "$work/fit.log"
fit_end=$(date +%s.%N)
cp "$work/pairs.csv" "$work/model/pairs.csv"
bin/station export --model "$work/model" --config config.toml --out "$work/exports" | tail -n 1
end=$(date +%s.%N)
echo "fit ($candidates): $(echo "$fit_end - $start" | bc) s; export by config.toml's plan: $(echo "$end - $fit_end" | bc) s"
echo "files: $(ls "$work/exports" | wc -l), $(du -sh "$work/exports" | cut -f1); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
