#!/usr/bin/env bash
# Issue 24, session 8 (training side only): the spectral film model's own error on held-out patches of a stock's
# training pairs, by EV, light, patch family and film channel (bench/fidelity/FilmFolds.java).
# Usage: bench/fidelity/film.sh STOCK_DIR...   (a bench/fidelity/run.sh stock directory holding train.csv)
# Environment: FOLDS, FILM_STAGED (0: session 7's joint fit), FILM_DIR=0, FILM_ONEFOLD=1, FILM_COST=1 (see FilmFolds.java).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
bench_classes FilmFolds.java SpectralServing.java SpectralHeldOut.java
export OMP_NUM_THREADS=1
echo "== machine: $(nproc --all) cores, $(uptime)"
java -Xmx1g -cp "$out:$cp" FilmFolds "$@"
