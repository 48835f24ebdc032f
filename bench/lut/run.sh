#!/usr/bin/env bash
# LUT benchmarks (issue 4): bake a 65^3 LUT from a fitted MLP, and `station apply` vs ffmpeg's
# lut3d on the same 24-megapixel 16-bit TIFF and the same .cube, alternating, in one run.
# Usage: bench/lut/run.sh [WORKDIR]   (default /tmp/emu-lut-bench; needs ffmpeg + ImageMagick)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-/tmp/emu-lut-bench}"
mkdir -p "$work"
cd "$root"
mvn -B -ntp -q -DskipTests package   # bin/station and the classpath below run from these jars
cp="calibration/target/classes:$(cat station/target/classpath.txt)"
export OMP_NUM_THREADS=1  # DL4J: one OpenMP thread is faster on 2 cores (STACK.md)
echo "machine: $(nproc --all) cores, $(free -g | awk '/Mem:/{print $2}') GB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. pairs from the virtual bench, an MLP fitted on them, 65^3 bake timings
[[ -f "$work/pairs.csv" ]] || bin/station sim pairs --stock cine-250d --out "$work/pairs.csv" --seed 11 \
    --illuminants D65,A --evs=-2,-1,0,1,2 >/dev/null
java -Xmx2g -Dorg.bytedeco.javacpp.cachedir="$root/.cache/javacpp" -cp "$cp" bench/lut/LutBench.java \
    "$work/pairs.csv" "$work/model"
/usr/bin/time -f "station export (JVM start, model load, bake, write) 65^3 cube: %e s wall" \
    bin/station export --model "$work/model" --format cube --encoding acescct --size 65 --illuminant D65 \
    --out "$work/mlp-acescct-65.cube" >/dev/null

# 2. a 24-megapixel 16-bit RGB TIFF, then apply: ours vs ffmpeg, alternating
bench/lut/apply-vs-ffmpeg.sh "$work" "$work/mlp-acescct-65.cube" 3
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
