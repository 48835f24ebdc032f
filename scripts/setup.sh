#!/usr/bin/env bash
# Builds the station (no hardware, no extra packages needed to run on the simulated bench).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -ntp -q -DskipTests package
echo "built: run it with bin/station run"
