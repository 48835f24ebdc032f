#!/usr/bin/env bash
# The exposure ends on TRAINING pairs only (bench/fidelity/EndsCv.java, issue 24 session 7): each candidate
# fitted without the lowest/highest EV, without two EVs at an end, without each light's darkest/brightest
# readings (and those predicted from clipped inputs), every split crossed with 5 patch folds.
# Usage: bench/fidelity/ends-cv.sh TRAIN_CSV SPEC...   (TRAIN_CSV: WORK/full-STOCK/train.csv written by
# bench/fidelity/run.sh WORK full STOCK default). ENDS_CUBE=33 scores through the exported acescct cube.
# EndsDiagnosis (held-out pairs, diagnostic only): bench/fidelity/ends-cv.sh --diagnose HELDOUT_CSV MODEL_DIR...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
bench_classes EndsCv.java EndsDiagnosis.java
main=EndsCv
if [[ "${1:-}" == --diagnose ]]; then
    main=EndsDiagnosis
    shift
fi
echo "== machine: $(uptime)"
java -Xmx1500m -Dcube="${ENDS_CUBE:-0}" -cp "$out:$cp" "$main" "$@"
