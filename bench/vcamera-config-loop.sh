#!/usr/bin/env bash
# Runs `station camera config` against libgphoto2's virtual camera N times, one JVM each, as
# CameraCommandTest does, and counts the runs that did not exit 0 (a SIGSEGV in the JVM is exit 134
# and leaves an hs_err file). Used to measure the vcamera's record-mode heap over-read (bench/RESULTS.md,
# "Virtual camera crash"). Every run writes the protocol log `rec` in the camera's run folder, so the
# script works on a copy of the vcamera install and never on the one the tests use.
#
#   bench/vcamera-config-loop.sh [RUNS] [VCAMERA_HOME]   (defaults: 200, .cache/vcamera)
#   extra env for each run: LOOP_ENV="MALLOC_PERTURB_=165 MALLOC_CHECK_=3", LOOP_JAVA_OPTS="-Xcheck:jni"
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-200}"
home="$(cd "${2:-$root/.cache/vcamera}" && pwd)"
[[ -f "$home/prefix/lib/libgphoto2.so.6" && -f "$home/run/>rec" ]] \
  || { echo "no vcamera in $home: run scripts/build-vcamera.sh" >&2; exit 2; }
"$root/bin/station" --version >/dev/null   # builds when stale; writes station/target/classpath.txt
work="$(mktemp -d /tmp/vcamera-loop.XXXXXX)"
# the runs use a copy of this checkout's build: a Maven run meanwhile must not pull classes from under them
mkdir "$work/build"
cp -a "$root/station/target/classes" "$work/build/station-classes"
cp="$work/build/station-classes"
IFS=: read -ra entries <<<"$(cat "$root/station/target/classpath.txt")"
for e in "${entries[@]}"; do
  if [[ "$e" == "$root"/* ]]; then cp -a "$e" "$work/build/" && e="$work/build/$(basename "$e")"; fi
  cp="$cp:$e"
done
cp -a "$home/run/>rec" "$work/"
echo "runs=$runs vcamera=$home work=$work env=[${LOOP_ENV:-}] java_opts=[${LOOP_JAVA_OPTS:-}] load: $(uptime)"
fail=0
start=$(date +%s)
for ((i = 1; i <= runs; i++)); do
  rc=0
  # shellcheck disable=SC2086
  (cd "$work" && env IOLIBS="$home/iolibs" CAMLIBS="$home/prefix/lib/libgphoto2/2.5.30" ${LOOP_ENV:-} \
    nice -n 5 java -Xmx256m ${LOOP_JAVA_OPTS:-} -cp "$cp" emu.station.cli.Main camera config \
      --model "Nikon DSC D750" --port "usb:>rec" --library-path "$home/prefix/lib" \
      >"$work/out.txt" 2>"$work/err.txt") || rc=$?
  if [[ $rc != 0 ]] || ! grep -q '^/settings/capturetarget = ' "$work/out.txt"; then
    fail=$((fail + 1))
    echo "run $i: exit $rc: $(head -c 300 "$work/err.txt" | tr '\n' ' ')"
  fi
done
echo "failed $fail of $runs runs in $(( $(date +%s) - start )) s; hs_err files: $(ls "$work"/hs_err_pid*.log 2>/dev/null | wc -l) (in $work); load: $(uptime)"
