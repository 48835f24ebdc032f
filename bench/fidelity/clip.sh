#!/usr/bin/env bash
# Clipped readings on the training side (bench/fidelity/ClipProbe.java, issue 24 session 9, helper clip): the clip
# planes DigitalClip.estimate places vs the camera's true ones and the readings it places them by; on full runs the
# rebuild (estimated vs true planes vs none) on rendered clipped training readings and the all-channels-clipped point.
# Usage: bench/fidelity/clip.sh STOCK RUN_DIR [STOCK RUN_DIR ...]   (RUN_DIR: WORK/full-<stock> or WORK/dense-<stock>,
# '~' spelled 'p'); FID_CAMERA as the run had it (moved: DigitalCameraModel.moved).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/classes.bash"
bench_classes ClipProbe.java ClipCandidates.java
echo "== machine: $(nproc --all) cores, $(uptime)"
exec java -Xmx1g -cp "$out:$cp" ClipProbe "$@"
