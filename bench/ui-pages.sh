#!/usr/bin/env bash
# Dashboard and pairing data with 100,000 captures in the database (emu.station.ui.UiBench).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -o -pl station -am test-compile -DskipTests
mvn -B -ntp -q -o -pl station dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
exec java -Xmx1g -cp "station/target/classes:station/target/test-classes:web-ui/target/classes:$(cat station/target/bench-cp.txt)" \
  emu.station.ui.UiBench
