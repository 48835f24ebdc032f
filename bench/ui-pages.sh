#!/usr/bin/env bash
# Dashboard and pairing data with 100,000 captures in the database (emu.station.ui.UiBench).
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor run: the sibling modules come from their target/ folders, never from ~/.m2 (a fresh clone has none installed).
mvn -B -ntp -q -pl station -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test -Dmdep.excludeGroupIds=emu -Dmdep.outputFile=target/bench-cp.txt
exec java -Xmx1g -cp "station/target/classes:station/target/test-classes:calibration/target/classes:calibration/target/test-classes:devices/target/classes:web-ui/target/classes:$(cat station/target/bench-cp.txt)" \
  emu.station.ui.UiBench
