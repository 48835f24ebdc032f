#!/usr/bin/env bash
# Reads a virtual-bench set of captures and scans back with `station pairs from-images` and prints
# how close the pairs come to the simulator's truth (worst error as a fraction of the stated
# tolerance; docs/pairs-from-images.md). A few minutes on 2 cores; prints the load beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load before: $(uptime)"
MAVEN_OPTS=-Xmx1g nice -n 5 mvn -B -ntp -pl station -am test -Dtest='PairsFromImagesTest' \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E 'worst error|Tests run:' | sort -u
echo "load after: $(uptime)"
