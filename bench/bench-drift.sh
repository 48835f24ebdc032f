#!/bin/sh
# Bench drift (issue 20) on the virtual bench: the same set (portrait-160, D65 and A x EV -1, 0, +1)
# shot with the sim lamp ageing ([sim.lamp] -0.5/-0.3/-0.15 % per light change for red/green/blue:
# about -5% red over the shoot) and without; reference frames every 2 steps. Prints the drift view
# (flagged, per-channel ratios) and the mean/max CIEDE2000 of the drifting shoot's digital values
# against the drift-free shoot's, raw and normalised by the references. Bounded: ~1-2 min.
set -eu
cd "$(dirname "$0")/.."
echo "load: $(uptime)"
MAVEN_OPTS=-Xmx1g nice -n 5 mvn -B -ntp -pl station -am test -Dtest=BenchDriftTest \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E 'bench-drift:|Tests run:.*BenchDrift|BUILD'
