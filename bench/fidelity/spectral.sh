#!/usr/bin/env bash
# Issue 24, session 7 (bench study): unseen lights served from a spectral camera + film model estimated
# from the training pairs, reflectances and SPDs (bench/fidelity/SpectralServing.java, SpectralHeldOut.java; the fit itself is
# calibration's emu.calibration.spectral.SpectralModel).
# Usage: bench/fidelity/spectral.sh loo|loosel|heldout SPEC LAMCAM LAMFILM STOCK_DIR...
#   loo: training side only (leave-one-light-out on WORK/full-<stock>/train.csv);
#   loosel: the same against the stock's selected model (model/ beside train.csv; SpectralSelected.java);
#   heldout: the unseen lights of WORK/full-<stock>/heldout.csv through baked cubes, beside model/ (the product).
# STOCK_DIR: a bench/fidelity/run.sh stock directory, e.g. WORK/full-portrait-160 after
#   bench/fidelity/run.sh WORK full portrait-160
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
bench_classes SpectralServing.java SpectralHeldOut.java SpectralSelected.java
export OMP_NUM_THREADS=1
echo "== machine: $(nproc --all) cores, $(uptime)"
java -Xmx1g -Dorg.bytedeco.javacpp.cachedir="$root/.cache/javacpp" -cp "$out:$cp" SpectralServing "$@"
