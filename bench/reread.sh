#!/usr/bin/env bash
# One file of a corners re-read at 24 MP: read a sim-camera TIFF, locate (detected or operator corners), sample (emu.station.readings.RereadBench).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -o -pl station -am test-compile -DskipTests
mvn -B -ntp -q -o -pl station dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
exec java -Xmx3g -cp "station/target/classes:station/target/test-classes:calibration/target/classes:devices/target/classes:$(cat station/target/bench-cp.txt)" \
  emu.station.readings.RereadBench
