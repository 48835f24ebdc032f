#!/usr/bin/env bash
# Highlights and exposure ends on the training side of a bench/fidelity run (bench/fidelity/Highlights.java).
# Usage: bench/fidelity/highlights.sh WORKDIR [STOCKS]   (WORKDIR of an earlier run.sh ... full ...)
# FID_CAMERA as the run had it (moved: DigitalCameraModel.moved).
# HL_MAIN=HighlightLattice runs bench/fidelity/HighlightLattice.java instead (the rebuild and monotone pass in the cube).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
work="$1"
stocks="${2:-portrait-160,cine-250d,consumer-200,consumer-200~}"
bench_classes Highlights.java HighlightLattice.java
args=()
IFS=, read -ra list <<< "$stocks"
for s in "${list[@]}"; do args+=("$s" "$work/full-${s//\~/p}"); done
echo "== machine: $(nproc) cores, $(uptime)"
exec java -Xmx1g ${HL_OPTS:-} -cp "$out:$cp" "${HL_MAIN:-Highlights}" "${args[@]}"
