#!/usr/bin/env bash
# LUT preview render time, uncached and cached, for a sim-sized and a 24 MP capture (emu.station.ui.PreviewBench).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -o -pl station -am test-compile -DskipTests
mvn -B -ntp -q -o -pl station dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
exec java -Xmx2g -cp "station/target/classes:station/target/test-classes:web-ui/target/classes:$(cat station/target/bench-cp.txt)" \
  emu.station.ui.PreviewBench
