#!/usr/bin/env bash
# The fidelity bench on two cameras (issue 24, session 9): the simulator's D5100 and the invented `moved` sensor
# (DigitalCameraModel.moved), each with the default serving of untrained lights (spectral) and with
# `--unseen blend`; then one table per stock (CameraTable.java).
# Usage: bench/fidelity/camera.sh WORK [full|dense] [STOCKS]   runs what WORK/{D,DB,M,MB}/summary.tsv lacks, then the table
#        bench/fidelity/camera.sh colorimetry   each camera against CIE colorimetry (CameraColorimetry.java)
#        bench/fidelity/camera.sh table D5100_SPECTRAL.tsv D5100_BLEND.tsv MOVED_SPECTRAL.tsv MOVED_BLEND.tsv
# Each run is bench/fidelity/run.sh (FID_CLASSES etc. apply); the four run one after the other (~15-30 min each).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ "${1:-}" == colorimetry ]]; then
    source "$here/classes.bash"
    bench_classes CameraColorimetry.java
    java -cp "$out:$cp" CameraColorimetry
    exit
fi
if [[ "${1:-}" == table ]]; then
    shift
    source "$here/classes.bash"
    bench_classes CameraTable.java
    java -cp "$out:$cp" CameraTable "$@"
    exit
fi
work="$(realpath -m "${1:?usage: camera.sh WORK [full|dense] [STOCKS]}")"
scenario="${2:-dense}"
stocks="${3:-portrait-160,cine-250d,consumer-200,consumer-200~}"
run() {  # DIR CAMERA UNSEEN
    [[ -f "$work/$1/summary.tsv" ]] && return
    FID_CAMERA="$2" FID_FIT_ARGS="--unseen $3" "$here/run.sh" "$work/$1" "$scenario" "$stocks" default
}
run D nikon-d5100 spectral
run DB nikon-d5100 blend
run M moved spectral
run MB moved blend
"$here/camera.sh" table "$work/D/summary.tsv" "$work/DB/summary.tsv" "$work/M/summary.tsv" "$work/MB/summary.tsv"
