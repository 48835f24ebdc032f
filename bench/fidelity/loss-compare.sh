#!/usr/bin/env bash
# Training-side comparison of the fitters' loss (issue 24, session 6): fits every basis candidate of
# the default selection twice, with the squared film-value loss and with loss=de2000 (CIEDE2000's
# local quadratic form), in one `station fit` whose finalists are all of them, so each gets the
# patch CV, leave-one-light-out and held-out-EV scores of the fit report. Held-out data is not read.
# Usage: bench/fidelity/loss-compare.sh TRAIN_CSV OUT_DIR
# TRAIN_CSV: a training pairs file, e.g. WORK/full-portrait-160/train.csv from bench/fidelity/run.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
train="$1"
out="$2"
base="matrix:illuminant=per,matrix,polynomial:degree=2:illuminant=per,polynomial:degree=3"
base="$base,root-polynomial:degree=2:illuminant=per,root-polynomial:degree=2,root-polynomial:degree=2:illuminant=hybrid"
base="$base,root-polynomial:degree=3:illuminant=per,root-polynomial:degree=3"
both="$base,$(echo "$base" | sed 's/,/:loss=de2000,/g'):loss=de2000"
rm -rf "$out"
OMP_NUM_THREADS=1 nice -n 5 "$root/bin/station" fit --pairs "$train" --out "$out" --candidates "$both" \
    --finalists 18 >"$out.log" 2>&1
python3 - "$out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
by = {c["spec"]: c for c in r["candidates"]}
def m(c, k):
    return c[k]["overall"]["mean"] if c.get(k) else float("nan")
print("%-45s %17s %17s %17s" % ("candidate (squared -> de2000)", "CV", "LOIO", "EV out"))
for spec, c in by.items():
    if spec.endswith(":loss=de2000") or spec.startswith("stack("):
        continue
    d = by.get(spec + ":loss=de2000")
    if d is None:
        continue
    cells = []
    for k in ("crossValidationByPatch", "leaveOneIlluminantOut", "heldOutEv"):
        a, b = m(c, k), m(d, k)
        cells.append("%6.3f -> %6.3f%s" % (a, b, "*" if b < a else " "))
    print("%-45s %s" % (spec, " ".join(cells)))
print("selected:", r["winner"])
PY
