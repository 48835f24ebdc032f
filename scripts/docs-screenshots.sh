#!/bin/sh
# Copies the browser tests' screenshots (station/target/screenshots, written by ReviewBrowserTest
# and ConflictsBrowserTest) into docs/img for docs/web-ui.md: 1400x1000 ones scaled to 60 %,
# phone ones (390x844) as they are, all quantised to 256 colours (ImageMagick) to keep the repo small.
# Usage, from the checkout root, after the tests ran: scripts/docs-screenshots.sh
set -eu
src=station/target/screenshots
dst=docs/img
[ -d "$src" ] || { echo "no $src: run ReviewBrowserTest first (see docs/web-ui.md, Screenshots)" >&2; exit 2; }
command -v convert >/dev/null || { echo "ImageMagick's convert is missing" >&2; exit 2; }
shrink() { # $1 source name, $2 target name, $3 scale
    [ -f "$src/$1.png" ] || { echo "skipped $1 (not shot)"; return 0; }
    convert "$src/$1.png" -resize "$3" -strip -colors 256 -define png:compression-level=9 "PNG8:$dst/$2.png.tmp"
    mv "$dst/$2.png.tmp" "$dst/$2.png"
    echo "$dst/$2.png $(wc -c < "$dst/$2.png") bytes"
}
for f in "$src"/wide-*.png "$src"/phone-*.png; do
    [ -e "$f" ] || continue
    n=$(basename "$f" .png)
    case "$n" in wide-*) shrink "$n" "ui-$n" 60% ;; *) shrink "$n" "ui-$n" 100% ;; esac
done
shrink exposure ui-exposure 60%
shrink conflicts ui-conflicts 60%
