#!/usr/bin/env bash
# Camera-profile accuracy (issue 19): each profile's own CIEDE2000 against the model it was made
# from, for DCP table sizes and ICC CLUT sizes, on a model fitted to the spectral virtual bench's
# pairs (D65 and A, the two lights a DCP can name). The station's export report prints the figures
# (216 camera colours per light: reflectances 3..90% per channel under the light; "greys" are the
# 6 with r = g = b). Figures go to bench/RESULTS.md by hand, with the load.
# Usage: bench/camera-profiles.sh [WORKDIR] [STOCK] [CANDIDATE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/emu-camera-profiles}"
stock="${2:-cine-250d}"
candidate="${3:-root-polynomial:degree=2:illuminant=per}"
mkdir -p "$work"
cd "$root"
echo "== machine: $(nproc) cores, $(uptime)"
rm -rf "$work/model" "$work/out"
mkdir -p "$work/out"
bin/station sim pairs --stock "$stock" --seed 5 --illuminants D65,A --evs=-1,0,1 --out "$work/pairs.csv"
bin/station fit --pairs "$work/pairs.csv" --out "$work/model" --candidates "$candidate" --folds 3 --finalists 0 \
  --stock "$stock" --set bench | grep -v '^\[main\] INFO' | tail -3
for n in 9 17 33 65; do
  echo "== dcp, 90 x 25 x $n hue/saturation map"
  /usr/bin/time -f "wall %e s" bin/station export --model "$work/model" --format dcp --size "$n" \
    --out "$work/out/dcp-$n.dcp" 2>&1 | grep -v '^\[main\] INFO'
  ls -l "$work/out/dcp-$n.dcp" | awk '{print "  " $5 " bytes"}'
done
for n in 9 17 33; do
  echo "== icc-input, $n^3 CLUT"
  bin/station export --model "$work/model" --format icc-input --size "$n" --out "$work/out/icc-$n" \
    | grep -v '^\[main\] INFO'
done
