#!/usr/bin/env bash
# Fidelity on unseen data (bench/fidelity/Fidelity.java): trains with `station fit` in a child JVM
# and scores the exported .cube LUTs on held-out reflectances, lights (D55 in between), EVs (the
# brightest separately) and clipped digital readings; the summary adds leave-one-light-out (fit
# report) and the fit's wall/CPU time and peak RSS.
# Usage: bench/fidelity/run.sh [WORKDIR] [full|one-light|dense|dense-unclipped] [STOCKS] [CANDIDATES|default]
# dense: the outside evaluator's exposures (train EV -3..+3 in half stops, every reading, clipped ones included;
# hold out -2.75/+0.25/+2.25/+2.75/+3.5); dense-unclipped: the same without clipped readings in training.
# Reuses WORKDIR/<scenario>-<stock>/model when present: delete it to refit.
# The fit child runs with bin/station's options for `fit` (-Xmx512m, JavaCPP limits); FID_FIT_OPTS overrides.
# FID_FIT_ARGS adds `station fit` options (e.g. "--highlights rebuild").
# FID_TRAIN_LIGHTS=D50,D65,A,FL2,FL11,LED-B3 trains on those lights (the outside evaluator's six) instead of the bench's;
# the unseen lights then add LED-V2 and leave out the trained ones (Fidelity.TRAIN_OVERRIDE).
# FID_CAMERA=moved renders every pair with an invented CMOS sensor unlike the simulator's D5100
# (DigitalCameraModel.moved: other sensitivities, 2.8 stops of headroom); default nikon-d5100.
# Writes WORKDIR/summary.tsv; FID_BASELINE=<an earlier run's summary.tsv> prints each protocol's verdict.
# Also renders bench/fidelity/data/public_reflectances.csv (128 public CES/TCS/CQS reflectances, held out only, own
# noise stream on the same rolls: no other pair changes) and scores them by the same protocols as their own summary
# lines: "pub ..." (all), "pub ces ..." (CIE 224 CES), "pub tv ..." (CIE 13.3 TCS + NIST CQS); heldout-public.csv.
# Also scores the cubes against the nominal roll's film ("nominal ...") and writes train-nominal.csv
# (the training pairs with every light's film from the nominal development) for bench/fidelity/SharedServing.java.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
bench_classes
export OMP_NUM_THREADS=1
echo "== machine: $(nproc --all) cores, $(uptime)"
java -Xmx2g -Dorg.bytedeco.javacpp.cachedir="$root/.cache/javacpp" -cp "$out:$cp" Fidelity "$@"
