#!/usr/bin/env bash
# Clipped readings served by their own model (bench/fidelity/ClipGate.java, issue 24 session 7): the drop
# model away from the clip, the keep model at it, gated on the largest clip unit; cubes scored as run.sh does.
# Usage: bench/fidelity/clip-gate.sh train|heldout KEEPWORK DROPWORK OUT STOCKS VARIANTS
#   KEEPWORK: a `run.sh KEEPWORK dense ...` work dir (default fit); DROPWORK: the same with
#   FID_FIT_ARGS="--clipped-series drop"; VARIANTS: comma list of keep, drop, g:LO:HI, m:WORK (WORK/dense-<stock>/model as saved). FID_SIZE: cube size.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
bench_classes ClipGate.java
export OMP_NUM_THREADS=1
echo "== machine: $(nproc --all) cores, $(uptime)"
exec java -Xmx2g -Dorg.bytedeco.javacpp.cachedir="$root/.cache/javacpp" -cp "$out:$cp" ClipGate "$@"
