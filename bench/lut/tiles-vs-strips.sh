#!/usr/bin/env bash
# Tiled vs strip input under the same load (issue 18): `station apply` and ffmpeg lut3d
# (tetrahedral) on libtiff's 256x256-tiled and 16-row-strip copies of the same 24 MP 16-bit image,
# the four commands alternating within each run, so a tiled/strip difference is not load drift
# between files (layouts-vs-ffmpeg.sh runs one file's runs together). Prints each run, then per
# file and side the median wall and CPU (user + sys) time, and the load before and after.
# Usage: bench/lut/tiles-vs-strips.sh [WORKDIR] [RUNS]   (default /tmp/emu-lut-layouts, 5 runs)
# WORKDIR holds the files bench/lut/layouts-vs-ffmpeg.sh makes (run it first on a fresh clone).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-/tmp/emu-lut-layouts}"
runs="${2:-5}"
lut="$work/analytic-65.cube"
for f in "$lut" "$work/tiffcp-t.tif" "$work/tiffcp-s.tif"; do
  [[ -f "$f" ]] || { echo "tiles-vs-strips: $f missing: run bench/lut/layouts-vs-ffmpeg.sh $work first" >&2; exit 2; }
done
cd "$root"
bin/station --version >/dev/null   # builds once if needed, so no timed run includes a build
echo "before: $(uptime)"
log="$work/tiles-vs-strips.log"
: >"$log"
for run in $(seq 1 "$runs"); do
  for name in tiffcp-t tiffcp-s; do
    f="$work/$name.tif"
    /usr/bin/time -o "$work/t" -f "%e %U %S" bin/station apply --lut "$lut" --in "$f" --out "$work/ours.tif" >/dev/null
    read -r w u s <"$work/t"; echo "$run $name station $w $(awk -v a="$u" -v b="$s" 'BEGIN { print a + b }')" | tee -a "$log"
    /usr/bin/time -o "$work/t" -f "%e %U %S" ffmpeg -v error -y -i "$f" -vf "lut3d=file=$lut:interp=tetrahedral" \
        -compression_algo raw -pix_fmt rgb48le "$work/ffmpeg-out.tif"
    read -r w u s <"$work/t"; echo "$run $name ffmpeg $w $(awk -v a="$u" -v b="$s" 'BEGIN { print a + b }')" | tee -a "$log"
  done
done
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
printf '%-10s %-8s %8s %8s\n' file side wall CPU
for name in tiffcp-t tiffcp-s; do
  for side in station ffmpeg; do
    printf '%-10s %-8s %7.2fs %7.2fs\n' "$name" "$side" \
        "$(awk -v n="$name" -v s="$side" '$2 == n && $3 == s { print $4 }' "$log" | median)" \
        "$(awk -v n="$name" -v s="$side" '$2 == n && $3 == s { print $5 }' "$log" | median)"
  done
done
echo "after: $(uptime)"
