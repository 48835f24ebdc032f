#!/usr/bin/env bash
# `station apply` vs ffmpeg's lut3d, side by side in one run (issue 4): the same 24-megapixel
# 16-bit TIFF, the same .cube, tetrahedral, 16-bit uncompressed TIFF out, runs alternating so
# both see the same machine load. Prints each run, the medians and their ratio.
# Usage: bench/lut/apply-vs-ffmpeg.sh [WORKDIR] [LUT.cube] [RUNS]
#   WORKDIR default /tmp/emu-lut-bench; LUT default WORKDIR/mlp-acescct-65.cube (bench/lut/run.sh
#   bakes it from a fitted MLP), else a 65^3 film-like analytic cube made here; RUNS default 5.
# Needs ffmpeg and ImageMagick; builds the project through bin/station if needed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-/tmp/emu-lut-bench}"
runs="${3:-5}"
mkdir -p "$work"
lut="${2:-$work/mlp-acescct-65.cube}"
if [[ ! -f "$lut" ]]; then
  lut="$work/analytic-65.cube"
  # a smooth, colour-mixing map of the unit cube (channel cross-talk, then a toe/shoulder curve)
  awk 'BEGIN { n = 65; print "TITLE \"bench analytic\""; print "LUT_3D_SIZE " n;
    for (b = 0; b < n; b++) for (g = 0; g < n; g++) for (r = 0; r < n; r++) {
      R = r / (n - 1); G = g / (n - 1); B = b / (n - 1); y = 0.3 * R + 0.55 * G + 0.15 * B;
      v[0] = R + 0.25 * (R - y); v[1] = G + 0.1 * (B - G); v[2] = B - 0.2 * (B - y);
      for (c = 0; c < 3; c++) { x = v[c] < 0 ? 0 : v[c] > 1 ? 1 : v[c];
        o[c] = (x > 0 ? exp(0.9 * log(x)) : 0) * (0.95 - 0.1 * x) + 0.03 * (1 - x) + 0.06 * x * x }
      printf "%.6f %.6f %.6f\n", o[0], o[1], o[2] } }' > "$lut"
fi
img="$work/24mp.tif"
if [[ ! -f "$img" ]]; then
  convert -size 6000x4000 xc: -sparse-color Bilinear '0,0 red 5999,0 lime 0,3999 blue 5999,3999 white' \
      -attenuate 0.4 +noise Uniform -depth 16 -compress none "$img"
fi
cd "$root"
bin/station --version >/dev/null   # builds once if needed, so the first timed run is not a build
echo "machine: $(nproc --all) cores, $(free -g | awk '/Mem:/{print $2}') GB; $(uptime)"
echo "image: $img ($(identify -format '%wx%h %[depth]-bit %[compression]' "$img")); LUT: $lut"
ours=(); theirs=()
for run in $(seq 1 "$runs"); do
  /usr/bin/time -o "$work/t" -f "%e %U %S" bin/station apply --lut "$lut" --in "$img" --out "$work/ours.tif" \
      >/dev/null
  read -r ow ou os <"$work/t"
  /usr/bin/time -o "$work/t" -f "%e %U %S" ffmpeg -v error -y -i "$img" \
      -vf "lut3d=file=$lut:interp=tetrahedral" -compression_algo raw -pix_fmt rgb48le "$work/ffmpeg.tif"
  read -r fw fu fs <"$work/t"
  ours+=("$ow"); theirs+=("$fw")
  printf 'run %d: station apply %6.2f s wall (%.2f user + %.2f sys) | ffmpeg lut3d %6.2f s wall (%.2f user + %.2f sys) | ratio %.2f\n' \
      "$run" "$ow" "$ou" "$os" "$fw" "$fu" "$fs" "$(awk -v a="$ow" -v b="$fw" 'BEGIN { print a / b }')"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
mo=$(median "${ours[@]}"); mf=$(median "${theirs[@]}")
printf 'median: station apply %.2f s, ffmpeg lut3d %.2f s, ratio %.2f (below 1 = station faster)\n' \
    "$mo" "$mf" "$(awk -v a="$mo" -v b="$mf" 'BEGIN { print a / b }')"
echo "after: $(uptime)"
