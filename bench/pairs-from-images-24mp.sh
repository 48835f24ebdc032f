#!/usr/bin/env bash
# Wall time and peak RSS of `station pairs from-images` on 24-megapixel files: the demo's first
# three captures and their scans (1200 x 800, 16-bit TIFF), upscaled by ImageMagick to 6000 x 4000,
# paired by a manifest (the demo's lab numbers scans one ahead of the camera). Labels (D65, EV 0)
# are placeholders: this measures cost, not colour. Usage: bench/pairs-from-images-24mp.sh [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
if [ ! -d "$work/demo/data/captures" ]; then
  bin/station demo --out "$work/demo" > "$work/demo.log"
fi
mkdir -p "$work/big/captures" "$work/big/scans"
echo "capture,scan,illuminant,ev" > "$work/big/manifest.csv"
for k in 1 2 3; do
  cap=$(ls "$work"/demo/data/captures/*/S1-0$k-*.tif | head -1)
  scan=$(ls "$work"/demo/data/scans/*/R0001_F0$((k + 1))-*.tif | head -1)
  [ -f "$work/big/captures/c$k.tif" ] || convert "$cap" -resize 6000x4000 -depth 16 "$work/big/captures/c$k.tif"
  [ -f "$work/big/scans/s$k.tif" ] || convert "$scan" -resize 6000x4000 -depth 16 "$work/big/scans/s$k.tif"
  echo "c$k.tif,s$k.tif,D65,0" >> "$work/big/manifest.csv"
done
echo "load before: $(uptime)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" bin/station pairs from-images --captures "$work/big/captures" \
  --scans "$work/big/scans" --manifest "$work/big/manifest.csv" --out "$work/big/pairs.csv" --digital-scale 8 \
  --sheet "$work/big/sheet.png"
echo "load after: $(uptime)"
