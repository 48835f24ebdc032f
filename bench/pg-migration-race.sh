#!/usr/bin/env bash
# Several benches opening one fresh PostgreSQL catalogue at once, RUNS times, on a throwaway cluster
# (emu.station.store.MigrationRaceBench; Debian's postgresql, as the tests use): counts failed opens.
# Usage: bench/pg-migration-race.sh [RUNS] [BENCHES]   (defaults 100 4)
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor run: the sibling modules come from their target/ folders, never from ~/.m2 (a fresh clone has none installed).
mvn -B -ntp -q -pl station -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test -Dmdep.excludeGroupIds=emu -Dmdep.outputFile=target/bench-cp.txt
echo "load before: $(uptime)"
java -Xmx1g -cp "station/target/classes:station/target/test-classes:calibration/target/classes:devices/target/classes:web-ui/target/classes:$(cat station/target/bench-cp.txt)" \
  emu.station.store.MigrationRaceBench "${1:-100}" "${2:-4}"
echo "load after: $(uptime)"
