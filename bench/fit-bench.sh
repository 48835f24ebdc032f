#!/usr/bin/env bash
# Fitting benchmark (issue 3): full model selection on ~20,000 simulated pairs, one MLP fit,
# predicting a 65^3 LUT's points, and ArgyllCMS colprof on the same training pairs scored on the
# same held-out pairs. Figures go to bench/RESULTS.md by hand, with the machine and load.
# Usage: bench/fit-bench.sh [WORKDIR] [STOCK]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/emu-fit-bench}"
stock="${2:-portrait-160}"
mkdir -p "$work"
cd "$root"
[[ -f station/target/classpath.txt ]] || mvn -B -q -ntp -DskipTests package
cp="$root/station/target/classes:$root/calibration/target/classes:$(cat station/target/classpath.txt)"
export OMP_NUM_THREADS=1
echo "== machine: $(nproc --all) cores, $(uptime)"
if [[ ! -f "$work/pairs/train.csv" ]]; then
  # 176 patches x 8 lights x 14 EVs = 19,712 training pairs.
  bin/station sim pairs --stock "$stock" --seed 1 --out "$work/pairs" \
    --illuminants D65,D50,A,FL2,FL11,LED-B3,LED-B5,3200K \
    --evs=-3,-2.5,-2,-1.5,-1,-0.5,0,0.5,1,1.5,2,2.5,3,3.5 --heldout-evs=-1.25,0.25,1.75,4
fi
wc -l "$work/pairs/train.csv" "$work/pairs/heldout.csv"
rm -rf "$work/model" "$work/mlp"
echo "== full selection (default candidates)"
/usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB" \
  bin/station fit --pairs "$work/pairs/train.csv" --out "$work/model" --seed 1 | tee "$work/fit.log" | grep -v '^\[main\] INFO'
echo "== one MLP fit (2-fold CV + refit; refit time in the report)"
/usr/bin/time -f "wall %e s, user %U s, sys %S s" \
  bin/station fit --pairs "$work/pairs/train.csv" --out "$work/mlp" --candidates mlp --folds 2 --finalists 0 \
  | grep -E 'mlp|refit' || true
echo "== held-out evaluation"
bin/station evaluate --model "$work/model" --pairs "$work/pairs/heldout.csv" | grep -v '^\[main\] INFO'
echo "== 65^3 prediction"
java -Xmx2g -cp "$cp" bench/PredictBench.java "$work/model" D65
java -Xmx2g -cp "$cp" bench/PredictBench.java "$work/mlp" D65 2>&1 | grep -v INFO
echo "== ArgyllCMS colprof, same training and held-out pairs"
java -Xmx2g -cp "$cp" bench/ArgyllBench.java "$work/pairs/train.csv" "$work/pairs/heldout.csv" "$work/model" "$work/argyll" -qm -ax
