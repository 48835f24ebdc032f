#!/usr/bin/env bash
# The soak of issue 16 for longer than CI runs it: `bench/soak.sh [MINUTES] [SEED]` (default 10
# minutes, seed 16) runs SoakTest (station/src/test/java/emu/station/soak/) with -Dsoak.minutes, so
# it shoots profiling sets on the virtual bench, one seeded fault each (rig refuses a light, disk
# filled to ENOSPC mid-shoot, station stopped mid-shoot and reopened), until the time is up, checking
# the data directory's invariants after every fault. Needs root (it mounts a tmpfs), like CI.
# The tmpfs is sized 256 MiB + 160 MiB a minute (the captures stay on it; tmpfs uses RAM only as written).
# Prints the test's summary line (sets, faults by kind, invariant checks, wall time) and the load.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
minutes="${1:-10}"
seed="${2:-16}"
export MAVEN_OPTS="${MAVEN_OPTS:--Xmx1g}"
out="$(mktemp)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if ! nice -n 10 mvn -B -ntp -pl station -am test -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
     -Dsoak.minutes="$minutes" -Dsoak.seed="$seed" -Dsoak.disk.mb="$((256 + minutes * 160))" >"$out" 2>&1; then
  echo "FAILED (seed $seed; log: $out)"
  grep -E "AssertionFailedError|AssertionError|Tests run:" "$out" | head -20 || true
  exit 1
fi
grep -h '^soak:' station/target/surefire-reports/TEST-emu.station.soak.SoakTest.xml "$out" 2>/dev/null \
  | sed 's/.*\(soak:.*\)/\1/' | head -1
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
