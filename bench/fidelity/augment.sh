#!/usr/bin/env bash
# Issue 24, session 9 (bench study, helper augment): trained lights fitted on real pairs plus synthetic pairs at
# off-chart reflectances (mixtures of training-fold chart reflectances, synthesised by the product's spectral camera +
# film model); 5-fold CV by patch on a bench train.csv (bench/fidelity/Augment.java).
# Usage: bench/fidelity/augment.sh M W1,W2,... 'SPEC1;SPEC2' STOCK_DIR...
#        bench/fidelity/augment.sh heldout M W SPEC STOCK_DIR...   (AugmentHeldOut.java: train.csv + heldout.csv)
# AUG_ROLL=met (default) / own / res: how the synthetic pairs are made (AugmentSynth.java).
#   e.g. bench/fidelity/augment.sh 400 0,0.1,0.3,1 'tps:illuminant=per;root-polynomial:degree=3:illuminant=per' \
#        WORK/full-portrait-160 WORK/dense-consumer-200p    (after bench/fidelity/run.sh WORK full|dense STOCK)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
bench_classes Augment.java AugmentSynth.java AugmentHeldOut.java
echo "== machine: $(nproc) cores, $(uptime)"  # before OMP_NUM_THREADS, which nproc obeys
export OMP_NUM_THREADS=1
java -Xmx1g -cp "$out:$cp" Augment "$@"
echo "== machine after: $(uptime)"
