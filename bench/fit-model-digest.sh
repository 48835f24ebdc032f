#!/usr/bin/env bash
# SHA-256 of model.json (its createdAt line left out) from `station fit` with each finishing option
# (default, --unseen spectral, --clipped-series gate, the three together, the gate and spectral on pairs
# that keep their clipped readings): a change to how the selected model is finished (calibration's
# fit.Finishing, issue 24) must keep every byte. Run on two commits and compare the digests
# (bench/RESULTS.md, "Issue 24: one finishing path"). Small candidate lists: about two minutes.
# Usage: bench/fit-model-digest.sh [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
cd "$root"
"$root/bin/station" --version >/dev/null   # builds when stale; writes station/target/classpath.txt
cp="$root/station/target/classes:$(cat station/target/classpath.txt)"
echo "== $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, $(uptime)"
[[ -f "$work/pairs.csv" ]] || bin/station sim pairs --stock portrait-160 --out "$work/pairs.csv" --evs=-2,-1,0,1,2,3 >/dev/null
[[ -f "$work/clipped.csv" ]] || java -cp "$cp" bench/fit/ClippedPairs.java "$work/clipped.csv"
fit() { # NAME PAIRS CANDIDATES FINALISTS OPTIONS...
  local name=$1 pairs=$2 cands=$3 finalists=$4; shift 4
  rm -rf "$work/$name"
  bin/station fit --pairs "$work/$pairs" --out "$work/$name" --candidates "$cands" --folds 3 \
    --finalists "$finalists" "$@" >"$work/$name.out" 2>&1
  printf '%s  %s\n' "$(grep -v '"createdAt"' "$work/$name/model.json" | sha256sum | cut -c1-64)" "$name"
}
small=root-polynomial:degree=2:illuminant=per,matrix
gated=root-polynomial:degree=2:illuminant=per,tps:illuminant=per
fit default pairs.csv "$small" 1
fit spectral pairs.csv "$small" 1 --unseen spectral
fit gate pairs.csv "$small" 1 --clipped-series gate
fit all pairs.csv "$small" 1 --unseen spectral --clipped-series gate --highlights none
fit clipped-gate clipped.csv "$gated" 2 --clipped-series gate
fit clipped-gate-spectral clipped.csv "$gated" 2 --clipped-series gate --unseen spectral
