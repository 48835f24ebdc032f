#!/usr/bin/env bash
# Issue 24, session 7 (bench study): unseen lights served from a spectral camera + film model estimated
# from the training pairs, reflectances and SPDs (bench/fidelity/SpectralServing.java, SpectralHeldOut.java; the fit itself is
# calibration's emu.calibration.spectral.SpectralModel).
# Usage: bench/fidelity/spectral.sh loo|loosel|heldout|loorules|heldrules|cost SPEC LAMCAM LAMFILM STOCK_DIR...
#   loo: training side only (leave-one-light-out on WORK/full-<stock>/train.csv);
#   loosel: the same against the stock's selected model (model/ beside train.csv; SpectralSelected.java);
#   heldout: the unseen lights of WORK/full-<stock>/heldout.csv through baked cubes, beside model/ (the product);
#   loorules: loosel's leave-one-light-out for a sweep of serving rules (rp3 shares, grid's fits; session 15);
#   heldrules: the held-out unseen lights, the model itself, for those rules (OLD_MODEL=a model dir of the old rule);
#   cost: the serving's fit and first 65^3 bake, old rule against grid's (SpectralSelected.java says which classes).
# STOCK_DIR: a bench/fidelity/run.sh stock directory, e.g. WORK/full-portrait-160 after
#   bench/fidelity/run.sh WORK full portrait-160
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
bench_classes SpectralServing.java SpectralHeldOut.java SpectralSelected.java
export OMP_NUM_THREADS=1
echo "== machine: $(nproc --all) cores, $(uptime)"
java -Xmx1g -Dorg.bytedeco.javacpp.cachedir="$root/.cache/javacpp" -cp "$out:$cp" SpectralServing "$@"
