#!/usr/bin/env bash
# gphoto2 --list-config on libgphoto2's virtual camera under valgrind (Debian's gphoto2 CLI on the
# vcamera build: same libgphoto2 2.5.30 ABI): prints valgrind's error summary and where the errors are.
# An unpatched build reports tens of thousands of invalid reads in vcam_read (vcamera.c:1931), the
# record-mode over-read scripts/build-vcamera.sh patches. Usage: bench/vcamera-valgrind.sh [VCAMERA_HOME]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
home="$(cd "${1:-$root/.cache/vcamera}" && pwd)"
command -v valgrind >/dev/null && command -v gphoto2 >/dev/null || { echo "needs valgrind and gphoto2 (apt)" >&2; exit 2; }
work="$(mktemp -d /tmp/vcamera-valgrind.XXXXXX)"
cp -a "$home/run/>rec" "$work/"
cd "$work"
IOLIBS="$home/iolibs" CAMLIBS="$home/prefix/lib/libgphoto2/2.5.30" LD_LIBRARY_PATH="$home/prefix/lib" \
  valgrind --error-limit=no gphoto2 --camera "Nikon DSC D750" --port "usb:>rec" --list-config >out.txt 2>valgrind.txt
echo "$(wc -l <out.txt) settings listed; $(grep 'ERROR SUMMARY' valgrind.txt | sed 's/^==[0-9]*== //')"
grep -A8 'Invalid read' valgrind.txt | grep -o 'vcam_read ([^)]*)' | sort | uniq -c || true
rm -rf "$work"
