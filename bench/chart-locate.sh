#!/usr/bin/env bash
# Locate + sample a ColorChecker on a drawn 24 MP image (emu.calibration.chart.ChartBench).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -o -pl calibration test-compile
exec java -Xmx4g -cp calibration/target/classes:calibration/target/test-classes emu.calibration.chart.ChartBench
