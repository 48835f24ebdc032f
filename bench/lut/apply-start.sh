#!/usr/bin/env bash
# `station apply`'s start-up with and without the launcher's class-data archive (issue 18), and the
# archive's fallbacks. Part 1 times, alternating, RUNS runs each of `bin/station apply --help` and of
# a whole apply of TIFF, with the archive and with STATION_CDS=0; prints medians of wall and CPU
# (user + sys) and the load. Part 2 damages the archive the ways it can be damaged (truncated,
# garbage, a jar rebuilt after it, an archive for another JVM set-up under the right size) and
# checks that every apply still succeeds with the same output, and that the launcher makes a good
# archive again (at once, or after the one run the JVM refused it on); it exits 1 naming the case
# that failed.
# Usage: bench/lut/apply-start.sh LUT TIFF [RUNS]   (e.g. the files of layouts-vs-ffmpeg.sh)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lut="$1"; tif="$2"; runs="${3:-5}"
cd "$root"
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
cds="$root/.cache/cds"
bin/station apply --lut "$lut" --in "$tif" --out "$out/ref.tif" >/dev/null   # builds if needed, makes the archive
[[ -f "$cds/apply.jsa" ]] || { echo "FAIL: no archive after a successful apply (see $cds/apply.log)"; exit 1; }

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "part 1: $runs alternating runs each; $(uptime)"
declare -A wall cpu
for run in $(seq 1 "$runs"); do
  for cds_on in 1 0; do
    for what in help apply; do
      if [[ $what == help ]]; then args=(apply --help); else args=(apply --lut "$lut" --in "$tif" --out "$out/o.tif"); fi
      STATION_CDS=$cds_on /usr/bin/time -o "$out/t" -f "%e %U %S" bin/station "${args[@]}" >/dev/null
      read -r w u s <"$out/t"
      wall[$what$cds_on]+="$w "; cpu[$what$cds_on]+="$(awk -v a="$u" -v b="$s" 'BEGIN { print a + b }') "
    done
  done
done
for what in help apply; do
  for cds_on in 1 0; do
    # shellcheck disable=SC2086
    printf '%-6s archive %-3s wall %5.2f s  CPU %5.2f s  (CPU per run: %s)\n' "$what" "$([[ $cds_on == 1 ]] && echo on || echo off)" \
        "$(median ${wall[$what$cds_on]})" "$(median ${cpu[$what$cds_on]})" "${cpu[$what$cds_on]}"
  done
done
echo "after: $(uptime)"

echo "part 2: damaged archives"
check() {   # an apply that must succeed with the reference output
  local name="$1"
  if ! bin/station apply --lut "$lut" --in "$tif" --out "$out/o.tif" >/dev/null 2>"$out/err"; then
    echo "FAIL ($name): apply failed: $(head -3 "$out/err")"; exit 1
  fi
  cmp -s "$out/o.tif" "$out/ref.tif" || { echo "FAIL ($name): output differs"; exit 1; }
  echo "ok   ($name): apply succeeded, same output"
}
good() {    # the archive in place is whole and the JVM maps it
  local name="$1" jar
  jar=$(ls station/target/station-*.jar | grep -v -e '-sources' -e '-tests' | head -1)
  java -Xmx2g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:on -XX:SharedArchiveFile="$cds/apply.jsa" \
      -cp "$jar:$(cat station/target/classpath.txt)" emu.station.cli.Main --version >/dev/null 2>&1 \
    || { echo "FAIL ($name): the launcher did not make a usable archive again"; exit 1; }
  echo "ok   ($name): archive made again and mapped"
}
size=$(stat -c %s "$cds/apply.jsa")
chmod u+w "$cds/apply.jsa"; truncate -s $((size / 2)) "$cds/apply.jsa"
check "truncated archive"; check "after truncated"; good "after truncated"
chmod u+w "$cds/apply.jsa"; head -c "$size" /dev/urandom >"$cds/apply.jsa"
check "garbage archive"; check "after garbage"; good "after garbage"
touch calibration/target/calibration-*.jar
check "jar newer than the archive"; good "after jar rebuilt"
# an archive the launcher's own checks pass (right size, newer than the jars) that the JVM refuses:
# one dumped for another JVM set-up (a 40 GB heap: no compressed object pointers)
jar=$(ls station/target/station-*.jar | grep -v -e '-sources' -e '-tests' | head -1)
bin/station apply --lut "$lut" --in "$tif" --out "$out/o.tif" >/dev/null   # archive in place, good
java -Xmx40g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:dump -XX:SharedArchiveFile="$out/other.jsa" \
    -cp "$jar:$(cat station/target/classpath.txt)" >/dev/null 2>&1
chmod u+w "$cds/apply.jsa"; cp "$out/other.jsa" "$cds/apply.jsa"; touch "$cds/apply.jsa"
sed -i "2s/.*/$(stat -c %s "$cds/apply.jsa")/" "$cds/apply.stamp"
check "archive for another JVM set-up"
grep -q 'UseSharedSpaces' "$cds/apply-jvm.log" || { echo "FAIL: the JVM's refusal is not in $cds/apply-jvm.log"; exit 1; }
echo "ok   (archive for another JVM set-up): the JVM's reason is in .cache/cds/apply-jvm.log: $(grep -m1 UseSharedSpaces "$cds/apply-jvm.log" | cut -c1-100)"
check "after another JVM set-up"; good "after another JVM set-up"
rm -f "$cds/apply.jsa" "$cds/apply.stamp"
check "no archive"; good "after none"
echo "all fallbacks ok"
