#!/usr/bin/env bash
# `station apply` vs ffmpeg's lut3d (tetrahedral) on the TIFF layouts labs' files have (issue 18):
# the same 24-megapixel 16-bit image written by ImageMagick, ffmpeg, libtiff's tiffcp (-s, -t,
# -c lzw:2), the JDK writer, and dcraw_emu -T -4 of a LinearRaw DNG made from it (no camera here:
# the DNG stands in for a RAW file; dcraw_emu develops it as it develops any camera's RAW). Same
# .cube, runs alternating per file so both sides see the same machine load. Output: each side keeps
# the input's family: uncompressed in -> uncompressed out (ffmpeg: raw); compressed in -> ours Deflate,
# ffmpeg the input's own algorithm. Prints per file each run's wall time and peak RSS, the medians,
# their ratio (below 1 = station faster), the spread of the per-run ratios, the median CPU time
# (user + sys) of each side and the load average before and after the file's runs. On a loaded
# machine wall time mostly measures waiting for a core; CPU time is the steadier figure.
# Usage: bench/lut/layouts-vs-ffmpeg.sh [WORKDIR] [RUNS]   (default /tmp/emu-lut-layouts, 3 runs)
# BASELINE=DIR (a built checkout of another commit, e.g. `git worktree add DIR main`) adds a third
# side to every alternation, that checkout's `bin/station apply` ("base": wall, CPU, peak RSS), so
# a change is measured before/after against ffmpeg in one run under the same load.
# Before the timed runs each station makes its apply class-data archive (bin/station: made by the
# first apply after a build, a few seconds once) with one untimed apply of the ImageMagick file.
# Needs ffmpeg, ImageMagick, libtiff-tools, libraw-bin (scripts/install-test-deps.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-/tmp/emu-lut-layouts}"
runs="${2:-3}"
mkdir -p "$work"
cd "$root"
bin/station --version >/dev/null   # builds once if needed, so no timed run includes a build
mvn -B -q -ntp -pl calibration test-compile >/dev/null   # LinearDng (the DNG writer) lives with the tests
cp="calibration/target/test-classes:calibration/target/classes:$(cat station/target/classpath.txt)"

lut="$work/analytic-65.cube"
if [[ ! -f "$lut" ]]; then
  # a smooth, colour-mixing map of the unit cube (as bench/lut/apply-vs-ffmpeg.sh makes)
  awk 'BEGIN { n = 65; print "TITLE \"bench analytic\""; print "LUT_3D_SIZE " n;
    for (b = 0; b < n; b++) for (g = 0; g < n; g++) for (r = 0; r < n; r++) {
      R = r / (n - 1); G = g / (n - 1); B = b / (n - 1); y = 0.3 * R + 0.55 * G + 0.15 * B;
      v[0] = R + 0.25 * (R - y); v[1] = G + 0.1 * (B - G); v[2] = B - 0.2 * (B - y);
      for (c = 0; c < 3; c++) { x = v[c] < 0 ? 0 : v[c] > 1 ? 1 : v[c];
        o[c] = (x > 0 ? exp(0.9 * log(x)) : 0) * (0.95 - 0.1 * x) + 0.03 * (1 - x) + 0.06 * x * x }
      printf "%.6f %.6f %.6f\n", o[0], o[1], o[2] } }' > "$lut"
fi
im="$work/imagemagick.tif"
[[ -f "$im" ]] || convert -size 6000x4000 xc: -sparse-color Bilinear '0,0 red 5999,0 lime 0,3999 blue 5999,3999 white' \
    -attenuate 0.4 +noise Uniform -depth 16 -compress none "$im"
[[ -f "$work/ffmpeg.tif" ]] || ffmpeg -v error -y -i "$im" -pix_fmt rgb48le "$work/ffmpeg.tif"   # ffmpeg's default: PackBits
[[ -f "$work/tiffcp-s.tif" ]] || tiffcp -s "$im" "$work/tiffcp-s.tif"
[[ -f "$work/tiffcp-single.tif" ]] || tiffcp -s -r 4000 "$im" "$work/tiffcp-single.tif"
[[ -f "$work/tiffcp-t.tif" ]] || tiffcp -t "$im" "$work/tiffcp-t.tif"
[[ -f "$work/tiffcp-lzw2.tif" ]] || tiffcp -c lzw:2 "$im" "$work/tiffcp-lzw2.tif"
[[ -f "$work/jdk.tif" ]] || java -Xmx1g -cp "$cp" bench/lut/JdkTiff.java "$im" "$work/jdk.tif"
if [[ ! -f "$work/dcraw.tif" ]]; then
  java -Xmx1g -cp "$cp" emu.calibration.io.LinearDng "$im" "$work/cam.dng"
  dcraw_emu -T -4 "$work/cam.dng" && mv "$work/cam.dng.tiff" "$work/dcraw.tif" && rm "$work/cam.dng"
fi

base="${BASELINE:-}"
for r in "$root" ${base:+"$base"}; do
  "$r/bin/station" apply --lut "$lut" --in "$im" --out "$work/warm.tif" >/dev/null && rm -f "$work/warm.tif"
done

echo "machine: $(nproc --all) cores, $(free -g | awk '/Mem:/{print $2}') GB; $(uptime)"
echo "LUT: $lut (65^3); each file 6000x4000 RGB 16-bit; runs alternate station / ffmpeg"
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
[[ -n "$base" ]] && echo "base: $base ($(git -C "$base" log --oneline -1 | cut -c1-60)); station: $(git log --oneline -1 | cut -c1-60)"
printf '%-14s %-30s %8s %8s %6s %11s %7s %7s %6s %8s %8s  %s%s\n' file layout station ffmpeg ratio "ratio range" \
    "CPU st" "CPU ff" "ratio" "RSS st" "RSS ff" load "${base:+   base: wall CPU RSS ratio}"
for name in imagemagick ffmpeg tiffcp-s tiffcp-single tiffcp-t tiffcp-lzw2 jdk dcraw; do
  f="$work/$name.tif"
  comp=$(tiffinfo "$f" 2>/dev/null | awk -F': ' '/Compression Scheme/ { print $2; exit }')
  layout=$(tiffinfo "$f" 2>/dev/null | awk '/Tile Width/ { t = "tiles " $3 "x" $6 } /Rows\/Strip/ { t = "strips of " $2 " rows" } END { print t }')
  case "$comp" in
    None) algo=raw ;; PackBits) algo=packbits ;; LZW) algo=lzw ;; *Deflate*) algo=deflate ;; *) algo=raw ;;
  esac
  ours=(); theirs=(); ratios=(); cpu_o=(); cpu_f=(); rss_o=0; rss_f=0; bw=(); bc=(); rss_b=0
  load=$(cut -d' ' -f1 /proc/loadavg)
  for run in $(seq 1 "$runs"); do
    /usr/bin/time -o "$work/t" -f "%e %M %U %S" bin/station apply --lut "$lut" --in "$f" --out "$work/ours.tif" >/dev/null
    read -r ow om ou os <"$work/t"
    /usr/bin/time -o "$work/t" -f "%e %M %U %S" ffmpeg -v error -y -i "$f" \
        -vf "lut3d=file=$lut:interp=tetrahedral" -compression_algo "$algo" -pix_fmt rgb48le "$work/ffmpeg-out.tif"
    read -r fw fm fu fs <"$work/t"
    if [[ -n "$base" ]]; then
      /usr/bin/time -o "$work/t" -f "%e %M %U %S" "$base/bin/station" apply --lut "$lut" --in "$f" --out "$work/base.tif" >/dev/null
      read -r b_w b_m b_u b_s <"$work/t"
      bw+=("$b_w"); bc+=("$(awk -v a="$b_u" -v b="$b_s" 'BEGIN { print a + b }')"); ((b_m > rss_b)) && rss_b=$b_m
    fi
    cpu_o+=("$(awk -v a="$ou" -v b="$os" 'BEGIN { print a + b }')"); cpu_f+=("$(awk -v a="$fu" -v b="$fs" 'BEGIN { print a + b }')")
    ours+=("$ow"); theirs+=("$fw"); ratios+=("$(awk -v a="$ow" -v b="$fw" 'BEGIN { print a / b }')")
    ((om > rss_o)) && rss_o=$om; ((fm > rss_f)) && rss_f=$fm
  done
  mo=$(median "${ours[@]}"); mf=$(median "${theirs[@]}"); co=$(median "${cpu_o[@]}"); cf=$(median "${cpu_f[@]}")
  lo=$(printf '%s\n' "${ratios[@]}" | sort -g | head -1); hi=$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1)
  extra=""
  if [[ -n "$base" ]]; then
    mb=$(median "${bw[@]}")
    extra=$(printf '   %6.2fs %6.2fs %5dMB %5.2f' "$mb" "$(median "${bc[@]}")" $((rss_b / 1024)) \
        "$(awk -v a="$mb" -v b="$mf" 'BEGIN { print a / b }')")
  fi
  printf '%-14s %-30s %7.2fs %7.2fs %6.2f %5.2f-%-5.2f %6.2fs %6.2fs %6.2f %6dMB %6dMB  %s-%s%s\n' "$name" \
      "$comp, $layout" "$mo" "$mf" "$(awk -v a="$mo" -v b="$mf" 'BEGIN { print a / b }')" "$lo" "$hi" \
      "$co" "$cf" "$(awk -v a="$co" -v b="$cf" 'BEGIN { print a / b }')" $((rss_o / 1024)) $((rss_f / 1024)) \
      "$load" "$(cut -d' ' -f1 /proc/loadavg)" "$extra"
done
echo "after: $(uptime)"
