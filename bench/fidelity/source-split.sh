#!/usr/bin/env bash
# Held-out error split by reflectance source (bench/fidelity/SourceSplit.java, issue 24 session 11): the held-out
# AMPAS-190 patches (p190), the random natural-ish mixtures (rnd) and the public CES/TCS/CQS reflectances (pub, pub ces,
# pub tv) per Fidelity protocol, from finished run.sh stock dirs (heldout.csv, heldout-public.csv, the acescct cubes,
# train.csv for the trained lights and EVs). With two dirs: base -> new, d% and the 0.5% verdict, counts per source,
# mean d% of the EV lines per band (dark EV <= -2, mid, bright >= +2) and, per public group, its verdict where p190 and
# rnd get opposite ones and the correlation of its d% with theirs.
# Fits nothing; seconds of CPU.
# Usage: bench/fidelity/source-split.sh STOCK_DIR [NEW_STOCK_DIR]   (e.g. /tmp/w/dense-portrait-160)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
bench_classes SourceSplit.java
java -cp "$out:$cp" SourceSplit "$@"
