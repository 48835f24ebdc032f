#!/usr/bin/env bash
# The soak of issue 16 for longer than CI runs it: `bench/soak.sh [MINUTES] [SEED]` (default 10
# minutes, seed 16) runs the four soak tests (station/src/test/java/emu/station/soak/), scaled:
#  - SoakTest: digital sets in-process on a tmpfs, one seeded fault each (rig refuses a light, disk
#    filled to ENOSPC mid-shoot, station stopped mid-shoot and reopened, camera unplugged between a
#    capture's two downloads) until MINUTES are up (-Dsoak.minutes); tmpfs 256 MiB + 160 MiB a minute;
#  - KillSoakTest: a real daemon JVM killed with SIGKILL 3 x MINUTES times (-Dsoak.kills), at startup or mid-shoot;
#  - RigLineSoakTest: 2 x MINUTES sets (-Dsoak.rig.sets) with the serial-line rig on a socat pty pair,
#    garbage and silences injected on the line;
#  - LabSoakTest: MINUTES rolls (-Dsoak.rolls) through the simulated lab with offsets, doubles, skips
#    and repeated deliveries.
# Each checks the data directory's invariants after every fault. Needs root (tmpfs), socat, like CI.
# Prints each test's summary line (faults by kind, invariant checks, wall time) and the load.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
minutes="${1:-10}"
seed="${2:-16}"
export MAVEN_OPTS="${MAVEN_OPTS:--Xmx1g}"
out="$(mktemp)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if ! nice -n 10 mvn -B -ntp -pl station -am test -Dtest='SoakTest,KillSoakTest,RigLineSoakTest,LabSoakTest' \
     -Dsurefire.failIfNoSpecifiedTests=false -Dsoak.minutes="$minutes" -Dsoak.seed="$seed" \
     -Dsoak.disk.mb="$((256 + minutes * 160))" -Dsoak.kills="$((minutes < 1 ? 3 : 3 * minutes))" \
     -Dsoak.rig.sets="$((minutes < 2 ? 3 : 2 * minutes))" -Dsoak.rolls="$((minutes < 2 ? 2 : minutes))" >"$out" 2>&1; then
  echo "FAILED (seed $seed; log: $out)"
  grep -E "AssertionFailedError|AssertionError|Tests run:" "$out" | head -20 || true
  exit 1
fi
grep -hoE '^(soak|kill-soak|rig-soak|lab-soak): .*' "$out" | sort -u
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
