#!/usr/bin/env bash
# The exported cube against its own model, sampled vs fitted bake, tetrahedral and trilinear (bench/fidelity/BakeFit.java).
# Usage: bench/fidelity/bake-fit.sh OUT RUN_DIR...  (RUN_DIR: a dense run's <scenario>-<stock> directory; read only)
# Env: BF_SIZES, BF_TAU, BF_SUB, BF_LAMBDA, BF_ROWS (see BakeFit.java); FID_CLASSES as for run.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
bench_classes FittedBake.java BakeFit.java
export OMP_NUM_THREADS=1
echo "== machine: $(nproc --all) cores, $(uptime)"
java -Xmx3g -Dorg.bytedeco.javacpp.cachedir="$root/.cache/javacpp" -cp "$out:$cp" BakeFit "$@"
