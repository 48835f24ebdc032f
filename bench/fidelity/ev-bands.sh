#!/usr/bin/env bash
# Does the training side's patch CV by EV see where a changed selection loses held out? (bench/fidelity/EvBands.java + HeldBySource.java,
# issue 24 session 10.) Reads two finished bench/fidelity/run.sh work dirs (summary.tsv + <scenario>-<stock>/model/
# report.json), fits nothing: per stock, the selected models' CV by patch per trained EV / light beside the held-out
# "at ev X" lines, sign agreement, a retrospective of two selection rules over a grid of tolerances (in %); for dense
# runs (dense-diagnosis.tsv) the held-out change split by reflectance source (held-out AMPAS-190 patches vs random
# spectra, and the public CES/TCS/CQS set from dense-diagnosis-public.tsv when both runs wrote it) and binned by chromaticity distance to the training readings. Seconds of CPU.
# Usage: bench/fidelity/ev-bands.sh BASE_DIR NEW_DIR [X%...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
javac -nowarn -d "$out" -cp "$cp" bench/fidelity/EvBands.java bench/fidelity/HeldBySource.java
java -cp "$out:$cp" EvBands "$@"
