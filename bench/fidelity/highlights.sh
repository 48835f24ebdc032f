#!/usr/bin/env bash
# Highlights and exposure ends on the training side of a bench/fidelity run (bench/fidelity/Highlights.java).
# Usage: bench/fidelity/highlights.sh WORKDIR [STOCKS]   (WORKDIR of an earlier run.sh ... full ...)
# HL_MAIN=HighlightLattice runs bench/fidelity/HighlightLattice.java instead (the rebuild and monotone pass in the cube).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
work="$1"
stocks="${2:-portrait-160,cine-250d,consumer-200,consumer-200~}"
[[ -f station/target/classpath.txt ]] || mvn -B -q -ntp -DskipTests package
deps="$(tr ':' '\n' < station/target/classpath.txt | grep -v -E '/(calibration|devices)-[^/]*\.jar$' | paste -sd:)"
c="${FID_CLASSES:-$root}"
cp="$c/calibration/target/classes:$c/devices/target/classes:$c/station/target/classes:$deps"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
javac -nowarn -d "$out" -cp "$cp" bench/fidelity/Fidelity.java bench/fidelity/Dense.java bench/fidelity/Summary.java \
    bench/fidelity/Highlights.java bench/fidelity/HighlightLattice.java
args=()
IFS=, read -ra list <<< "$stocks"
for s in "${list[@]}"; do args+=("$s" "$work/full-${s//\~/p}"); done
echo "== machine: $(nproc) cores, $(uptime)"
exec java -Xmx1g ${HL_OPTS:-} -cp "$out:$cp" "${HL_MAIN:-Highlights}" "${args[@]}"
